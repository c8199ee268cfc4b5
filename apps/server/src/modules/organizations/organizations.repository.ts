import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { OrganizationFilters, OrganizationType } from '@trama/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { DbOrTx } from '../../platform/db';
import { DomainError } from '../../platform/errors';
import { escapeLike, normalizeSearch } from '../../platform/text';
// Members are memberships of this organisation: read here (one join) rather than through N calls.
import { memberships, users } from '../identity/identity.table';
import { refAteco, refMunicipalities, refProvinces } from '../reference/reference.table';
import { accreditationDuplicate, fiscalCodeTaken } from './organizations.errors';
import { accreditations, offices, organizations } from './organizations.table';

export const ATECO_VERSION = '2025';
const MAX_SEARCH_WORDS = 8;

// ---------------------------------------------------------------------------------------------
// Constraint violations -> domain errors
// ---------------------------------------------------------------------------------------------

function pgErrorOf(err: unknown): { code?: string; constraint?: string } | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const c = e as { code?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c as never;
    e = c.cause;
  }
  return null;
}

async function mapConstraints<T>(work: Promise<T>, map: Record<string, () => Error>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const pg = pgErrorOf(err);
    const mapped = pg?.code === '23505' && pg.constraint ? map[pg.constraint] : undefined;
    throw mapped ? mapped() : err;
  }
}

// ---------------------------------------------------------------------------------------------
// Reference look-ups (validation with a field-level message; the foreign keys stay the guard)
// ---------------------------------------------------------------------------------------------

export async function existingMunicipalities(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: refMunicipalities.code })
    .from(refMunicipalities)
    .where(inArray(refMunicipalities.code, [...new Set(codes)]));
  return new Set(rows.map((r) => r.code));
}

export async function atecoExists(db: DbOrTx, code: string): Promise<boolean> {
  const rows = await db
    .select({ code: refAteco.code })
    .from(refAteco)
    .where(and(eq(refAteco.version, ATECO_VERSION), eq(refAteco.code, code)))
    .limit(1);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

/** True when the accreditation row `a` is valid on `today` (YYYY-MM-DD, Italian calendar day). */
const accreditationCurrent = (today: string) =>
  sql`(${accreditations.validFrom} <= ${today}::date and (${accreditations.validTo} is null or ${accreditations.validTo} >= ${today}::date))`;

/** The organisation in the outer query has an open office with an accreditation valid today. */
const hasCurrentAccreditation = (today: string) =>
  sql`exists (select 1 from ${offices} join ${accreditations} on ${accreditations.officeId} = ${offices.id}
    where ${offices.organizationId} = ${organizations.id} and ${offices.archivedAt} is null
    and ${accreditationCurrent(today)})`;

const organizationColumns = (today: string) => ({
  id: organizations.id,
  type: organizations.type,
  name: organizations.name,
  sortName: organizations.sortName,
  fiscalCode: organizations.fiscalCode,
  vatNumber: organizations.vatNumber,
  atecoCode: organizations.atecoCode,
  atecoTitle: refAteco.titleIt,
  seatCode: refMunicipalities.code,
  seatName: refMunicipalities.name,
  seatProvinceCode: refProvinces.code,
  seatProvinceAbbreviation: refProvinces.abbreviation,
  address: organizations.address,
  postalCode: organizations.postalCode,
  email: organizations.email,
  pec: organizations.pec,
  phone: organizations.phone,
  website: organizations.website,
  description: organizations.description,
  status: organizations.status,
  version: organizations.version,
  createdAt: organizations.createdAt,
  updatedAt: organizations.updatedAt,
  // A scalar sub-query with LIMIT stays a per-row index probe; a bare EXISTS here lets the planner
  // hash every accredited office of the region for a 25-row page.
  accredited:
    sql<boolean>`coalesce((select true from ${offices} join ${accreditations} on ${accreditations.officeId} = ${offices.id}
    where ${offices.organizationId} = ${organizations.id} and ${offices.archivedAt} is null
    and ${accreditationCurrent(today)} limit 1), false)`.mapWith(Boolean),
  officeCount: sql<number>`(select count(*) from ${offices}
    where ${offices.organizationId} = ${organizations.id} and ${offices.archivedAt} is null)`.mapWith(Number),
});

function selectOrganizations(db: DbOrTx, today: string) {
  return db
    .select(organizationColumns(today))
    .from(organizations)
    .innerJoin(refMunicipalities, eq(refMunicipalities.code, organizations.legalSeatMunicipalityCode))
    .innerJoin(refProvinces, eq(refProvinces.code, refMunicipalities.provinceCode))
    .leftJoin(
      refAteco,
      and(eq(refAteco.version, organizations.atecoVersion), eq(refAteco.code, organizations.atecoCode)),
    );
}

export type OrganizationRow = NonNullable<Awaited<ReturnType<typeof findOrganization>>>;

export async function findOrganization(db: DbOrTx, id: string, today: string) {
  const [row] = await selectOrganizations(db, today).where(eq(organizations.id, id)).limit(1);
  return row ?? null;
}

type Sort = OrganizationFilters['sort'];
interface CursorKey {
  s: Sort;
  k: string;
  id: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function readCursor(cursor: string | undefined, sort: Sort): CursorKey | null {
  const c = decodeCursor<CursorKey>(cursor);
  if (c === null) return null;
  const ok =
    typeof c === 'object' &&
    c.s === sort &&
    typeof c.k === 'string' &&
    typeof c.id === 'string' &&
    UUID_RE.test(c.id) &&
    (sort === 'name' || sort === '-name' ? !c.k.includes('\u0000') : ISO_MS.test(c.k));
  if (!ok)
    throw new DomainError(
      'pagination.invalid_cursor',
      400,
      'The cursor is not valid for this sort; start again from the first page',
    );
  return c;
}

const sortNameC = sql`${organizations.sortName} collate "C"`;

function keysetCondition(sort: Sort, c: CursorKey): SQL {
  switch (sort) {
    case 'name':
      return sql`(${sortNameC}, ${organizations.id}) > (${c.k}, ${c.id}::uuid)`;
    case '-name':
      return sql`(${sortNameC}, ${organizations.id}) < (${c.k}, ${c.id}::uuid)`;
    case 'createdAt':
      return sql`(${organizations.createdAt}, ${organizations.id}) > (${c.k}::timestamptz, ${c.id}::uuid)`;
    case '-createdAt':
      return sql`(${organizations.createdAt}, ${organizations.id}) < (${c.k}::timestamptz, ${c.id}::uuid)`;
  }
}

function orderBy(sort: Sort): SQL[] {
  switch (sort) {
    case 'name':
      return [sql`${sortNameC} asc`, sql`${organizations.id} asc`];
    case '-name':
      return [sql`${sortNameC} desc`, sql`${organizations.id} desc`];
    case 'createdAt':
      return [sql`${organizations.createdAt} asc`, sql`${organizations.id} asc`];
    case '-createdAt':
      return [sql`${organizations.createdAt} desc`, sql`${organizations.id} desc`];
  }
}

function cursorOf(sort: Sort, row: { sortName: string; createdAt: Date; id: string }): string {
  const k = sort === 'name' || sort === '-name' ? row.sortName : row.createdAt.toISOString();
  return encodeCursor({ s: sort, k, id: row.id } satisfies CursorKey);
}

function filterConditions(f: OrganizationFilters, today: string): SQL[] {
  const where: SQL[] = [eq(organizations.status, f.status)];
  if (f.type) where.push(eq(organizations.type, f.type as OrganizationType));
  if (f.province) {
    where.push(
      /^\d{3}$/.test(f.province)
        ? eq(refMunicipalities.provinceCode, f.province)
        : eq(refProvinces.abbreviation, f.province),
    );
  }
  if (f.accredited !== undefined)
    where.push(f.accredited ? hasCurrentAccreditation(today) : sql`not ${hasCurrentAccreditation(today)}`);
  if (f.q) {
    // Every word must appear somewhere (name, fiscal code, VAT): pg_trgm serves the LIKEs.
    const words = normalizeSearch(f.q).split(' ').filter(Boolean).slice(0, MAX_SEARCH_WORDS);
    for (const w of words) where.push(sql`${organizations.searchText} like ${`%${escapeLike(w)}%`}`);
  }
  return where;
}

/** One keyset page, in one round trip (joins and correlated sub-queries, no N+1). */
export async function listOrganizations(
  db: DbOrTx,
  f: OrganizationFilters & { cursor?: string | undefined; limit: number },
  today: string,
) {
  const where = filterConditions(f, today);
  const c = readCursor(f.cursor, f.sort);
  if (c) where.push(keysetCondition(f.sort, c));
  const rows = await selectOrganizations(db, today)
    .where(and(...where))
    .orderBy(...orderBy(f.sort))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > f.limit && last ? cursorOf(f.sort, last) : null };
}

export async function listOffices(
  db: DbOrTx,
  organizationId: string,
  today: string,
  opts: { includeArchived?: boolean; officeId?: string } = {},
) {
  const where: SQL[] = [eq(offices.organizationId, organizationId)];
  if (!opts.includeArchived) where.push(isNull(offices.archivedAt));
  if (opts.officeId) where.push(eq(offices.id, opts.officeId));
  // Offices and their accreditations in one query: one row per (office, accreditation).
  const rows = await db
    .select({
      id: offices.id,
      organizationId: offices.organizationId,
      name: offices.name,
      address: offices.address,
      postalCode: offices.postalCode,
      municipalityCode: refMunicipalities.code,
      municipalityName: refMunicipalities.name,
      provinceCode: refProvinces.code,
      provinceAbbreviation: refProvinces.abbreviation,
      email: offices.email,
      phone: offices.phone,
      archivedAt: offices.archivedAt,
      createdAt: offices.createdAt,
      accreditationId: accreditations.id,
      kind: accreditations.kind,
      accreditationStatus: accreditations.status,
      registerNumber: accreditations.registerNumber,
      validFrom: accreditations.validFrom,
      validTo: accreditations.validTo,
      current: sql<boolean>`${accreditationCurrent(today)}`.mapWith(Boolean),
    })
    .from(offices)
    .innerJoin(refMunicipalities, eq(refMunicipalities.code, offices.municipalityCode))
    .innerJoin(refProvinces, eq(refProvinces.code, refMunicipalities.provinceCode))
    .leftJoin(accreditations, eq(accreditations.officeId, offices.id))
    .where(and(...where))
    .orderBy(
      sql`${offices.sortName} collate "C"`,
      asc(offices.id),
      asc(accreditations.validFrom),
      asc(accreditations.id),
    );
  return rows;
}

export type OfficeRow = Awaited<ReturnType<typeof listOffices>>[number];

/** Locks the organisation row for the rest of the transaction (serialises concurrent writers). */
export async function lockOrganization(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
  return row ?? null;
}

export async function lockOffice(tx: DbOrTx, organizationId: string, officeId: string) {
  const [row] = await tx
    .select()
    .from(offices)
    .where(and(eq(offices.id, officeId), eq(offices.organizationId, organizationId)))
    .for('update');
  return row ?? null;
}

export async function organizationExists(db: DbOrTx, id: string) {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

export type OrganizationValues = Omit<
  typeof organizations.$inferInsert,
  'id' | 'searchText' | 'version' | 'createdAt' | 'updatedAt' | 'status' | 'archivedAt'
>;

export const searchTextOf = (v: { name: string; fiscalCode: string; vatNumber?: string | null }) =>
  normalizeSearch([v.name, v.fiscalCode, v.vatNumber ?? ''].join(' '));

const FISCAL_CODE_UNIQUE = { organizations_fiscal_code_uq: fiscalCodeTaken };

export async function insertOrganization(tx: DbOrTx, values: OrganizationValues) {
  const [row] = await mapConstraints(
    tx
      .insert(organizations)
      .values({ ...values, searchText: searchTextOf(values) })
      .returning({ id: organizations.id }),
    FISCAL_CODE_UNIQUE,
  );
  return row!.id;
}

/** Updates the given columns, bumps the version and keeps the search text in step. */
export async function updateOrganization(
  tx: DbOrTx,
  id: string,
  set: Partial<typeof organizations.$inferInsert>,
  merged: { name: string; fiscalCode: string; vatNumber: string | null },
) {
  await mapConstraints(
    tx
      .update(organizations)
      .set({
        ...set,
        searchText: searchTextOf(merged),
        version: sql`${organizations.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(organizations.id, id)),
    FISCAL_CODE_UNIQUE,
  );
}

export async function setOrganizationStatus(tx: DbOrTx, id: string, status: 'active' | 'archived') {
  await tx
    .update(organizations)
    .set({
      status,
      archivedAt: status === 'archived' ? sql`now()` : null,
      version: sql`${organizations.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(organizations.id, id));
}

export type OfficeValues = Omit<typeof offices.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'archivedAt'>;

export async function insertOffices(tx: DbOrTx, rows: OfficeValues[]) {
  if (rows.length === 0) return [];
  const inserted = await tx.insert(offices).values(rows).returning({ id: offices.id });
  return inserted.map((r) => r.id);
}

export async function updateOffice(
  tx: DbOrTx,
  officeId: string,
  set: Partial<typeof offices.$inferInsert> & { archived?: boolean },
) {
  const { archived, ...rest } = set;
  await tx
    .update(offices)
    .set({
      ...rest,
      ...(archived === undefined ? {} : { archivedAt: archived ? sql`now()` : null }),
      updatedAt: sql`now()`,
    })
    .where(eq(offices.id, officeId));
}

export type AccreditationValues = Omit<typeof accreditations.$inferInsert, 'id' | 'createdAt'>;

export async function insertAccreditations(tx: DbOrTx, rows: AccreditationValues[], field: string) {
  if (rows.length === 0) return [];
  const inserted = await mapConstraints(
    tx.insert(accreditations).values(rows).returning({ id: accreditations.id }),
    { accreditations_office_kind_register_uq: () => accreditationDuplicate(field) },
  );
  return inserted.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Members (private)
// ---------------------------------------------------------------------------------------------

export async function listMembers(
  db: DbOrTx,
  organizationId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const nameKey = sql`lower(${users.displayName}) collate "C"`;
  const c = decodeCursor<{ k: string; id: string }>(page.cursor);
  if (
    c &&
    (typeof c !== 'object' ||
      typeof c.k !== 'string' ||
      c.k.includes('\u0000') ||
      typeof c.id !== 'string' ||
      !UUID_RE.test(c.id))
  )
    throw new DomainError('pagination.invalid_cursor', 400, 'The cursor is not valid; start again');
  const rows = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      displayName: users.displayName,
      nameKey: sql<string>`lower(${users.displayName})`,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        isNull(memberships.revokedAt),
        c ? sql`(${nameKey}, ${memberships.id}) > (${c.k}, ${c.id}::uuid)` : undefined,
      ),
    )
    .orderBy(nameKey, asc(memberships.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > page.limit && last ? encodeCursor({ k: last.nameKey, id: last.membershipId }) : null,
  };
}
