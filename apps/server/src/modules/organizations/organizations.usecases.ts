import crypto from 'node:crypto';
import {
  ORGANIZATION_TYPE_LABELS,
  type Accreditation,
  type AccreditationInput,
  type Office,
  type OfficeInput,
  type OfficeUpdate,
  type Organization,
  type OrganizationDetail,
  type OrganizationExportQuery,
  type OrganizationFilters,
  type OrganizationInput,
  type OrganizationUpdate,
} from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Db, DbOrTx } from '../../platform/db';
import { forbidden, notVisible, type FieldError } from '../../platform/errors';
import { audit, type AuditEvent } from '../audit';
import {
  officeArchived,
  officeNotFound,
  organizationArchived,
  organizationNotFound,
  invalidFields,
  versionConflict,
} from './organizations.errors';
import {
  canAddAccreditation,
  canArchiveOrganization,
  canChangeOrganizationType,
  canCreateOrganization,
  canManageOffices,
  canUpdateOrganization,
  canViewMembers,
  permissionsOn,
} from './organizations.policies';
import * as repo from './organizations.repository';

export type ActorContext = RequestContext & { actor: Actor };

const ROME_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Italy (YYYY-MM-DD): accreditations are valid by calendar day in Italian time. */
export function todayInItaly(now: Date = new Date()): string {
  return ROME_DAY.format(now);
}

// ---------------------------------------------------------------------------------------------
// Mapping rows to the contract
// ---------------------------------------------------------------------------------------------

export function toOrganization(r: repo.OrganizationRow): Organization {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    fiscalCode: r.fiscalCode,
    vatNumber: r.vatNumber,
    atecoCode: r.atecoCode,
    atecoTitle: r.atecoTitle,
    legalSeat: {
      code: r.seatCode,
      name: r.seatName,
      provinceCode: r.seatProvinceCode,
      provinceAbbreviation: r.seatProvinceAbbreviation,
    },
    address: r.address,
    postalCode: r.postalCode,
    email: r.email,
    pec: r.pec,
    phone: r.phone,
    website: r.website,
    description: r.description,
    status: r.status,
    accredited: r.accredited,
    officeCount: r.officeCount,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Groups the (office, accreditation) rows of one query into offices, keeping their order. */
export function toOffices(rows: repo.OfficeRow[]): Office[] {
  const byId = new Map<string, Office>();
  for (const r of rows) {
    let office = byId.get(r.id);
    if (!office) {
      office = {
        id: r.id,
        organizationId: r.organizationId,
        name: r.name,
        address: r.address,
        postalCode: r.postalCode,
        municipality: {
          code: r.municipalityCode,
          name: r.municipalityName,
          provinceCode: r.provinceCode,
          provinceAbbreviation: r.provinceAbbreviation,
        },
        email: r.email,
        phone: r.phone,
        archived: r.archivedAt !== null,
        accreditations: [],
        createdAt: r.createdAt.toISOString(),
      };
      byId.set(r.id, office);
    }
    if (r.accreditationId && r.kind && r.accreditationStatus && r.registerNumber && r.validFrom) {
      office.accreditations.push({
        id: r.accreditationId,
        kind: r.kind,
        status: r.accreditationStatus,
        registerNumber: r.registerNumber,
        validFrom: r.validFrom,
        validTo: r.validTo,
        current: r.current,
      });
    }
  }
  return [...byId.values()];
}

const isCurrent = (a: { validFrom: string; validTo?: string | null }, today: string) =>
  a.validFrom <= today && (!a.validTo || a.validTo >= today);

// ---------------------------------------------------------------------------------------------
// Validation against reference data
// ---------------------------------------------------------------------------------------------

interface ReferenceCheck {
  municipalities: { field: string; code: string }[];
  ateco?: { field: string; code: string } | undefined;
}

/** Unknown municipality or ATECO codes become one 422 listing every offending field. */
async function checkReferences(db: DbOrTx, check: ReferenceCheck) {
  const errors: FieldError[] = [];
  const known = await repo.existingMunicipalities(
    db,
    check.municipalities.map((m) => m.code),
  );
  for (const m of check.municipalities) {
    if (!known.has(m.code))
      errors.push({
        field: m.field,
        code: 'municipality_unknown',
        message: `No municipality with ISTAT code ${m.code}`,
      });
  }
  if (check.ateco && !(await repo.atecoExists(db, check.ateco.code))) {
    errors.push({
      field: check.ateco.field,
      code: 'ateco_code_unknown',
      message: `No ATECO ${repo.ATECO_VERSION} code ${check.ateco.code}`,
    });
  }
  if (errors.length) throw invalidFields(errors);
}

/** Two accreditations of the same kind and register number in one request would collide. */
function checkAccreditationDuplicates(list: AccreditationInput[], fieldPrefix: string) {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  list.forEach((a, j) => {
    const key = `${a.kind}|${a.registerNumber}`;
    if (seen.has(key))
      errors.push({
        field: `${fieldPrefix}.${j}.registerNumber`,
        code: 'accreditation_duplicate',
        message: 'The same accreditation appears twice',
      });
    seen.add(key);
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export async function listOrganizations(
  db: Db,
  _ctx: ActorContext,
  query: OrganizationFilters & { cursor?: string | undefined; limit: number },
) {
  // Public register: every signed-in user reads it (canReadRegistry).
  const page = await repo.listOrganizations(db, query, todayInItaly());
  return { items: page.items.map(toOrganization), nextCursor: page.nextCursor };
}

export async function getOrganizationDetail(
  db: DbOrTx,
  ctx: ActorContext,
  id: string,
): Promise<OrganizationDetail> {
  const today = todayInItaly();
  const [row, officeRows] = await Promise.all([
    repo.findOrganization(db, id, today),
    repo.listOffices(db, id, today),
  ]);
  if (!row) throw organizationNotFound();
  return {
    ...toOrganization(row),
    offices: toOffices(officeRows),
    permissions: permissionsOn(ctx.actor, id),
  };
}

export async function listOffices(db: Db, _ctx: ActorContext, id: string, includeArchived: boolean) {
  const rows = await repo.listOffices(db, id, todayInItaly(), { includeArchived });
  if (rows.length === 0 && !(await repo.organizationExists(db, id))) throw organizationNotFound();
  return { items: toOffices(rows) };
}

export async function listMembers(
  db: Db,
  ctx: ActorContext,
  id: string,
  page: { cursor?: string | undefined; limit: number },
) {
  // Private: another organisation's staff learn nothing, not even whether it has members.
  if (!canViewMembers(ctx.actor, id)) throw notVisible('organization_members');
  if (ctx.actor.organizationId !== id && !(await repo.organizationExists(db, id)))
    throw organizationNotFound();
  const result = await repo.listMembers(db, id, page);
  await audit(db, ctx, {
    action: 'organization_members.read',
    entityType: 'organization',
    entityId: id,
    organizationId: id,
    details: { count: result.items.length },
  });
  return {
    items: result.items.map((m) => ({
      membershipId: m.membershipId,
      userId: m.userId,
      displayName: m.displayName,
      email: m.email,
      role: m.role,
      since: m.since.toISOString(),
    })),
    nextCursor: result.nextCursor,
  };
}

// ---------------------------------------------------------------------------------------------
// Writes: each one a transaction with its audit entries
// ---------------------------------------------------------------------------------------------

function officeValues(organizationId: string, o: Omit<OfficeInput, 'accreditations'>, id: string) {
  return {
    id,
    organizationId,
    name: o.name,
    address: o.address,
    postalCode: o.postalCode ?? null,
    municipalityCode: o.municipalityCode,
    email: o.email ?? null,
    phone: o.phone ?? null,
  };
}

function accreditationValues(officeId: string, a: AccreditationInput, id: string) {
  return {
    id,
    officeId,
    kind: a.kind,
    status: a.status,
    registerNumber: a.registerNumber,
    validFrom: a.validFrom,
    validTo: a.validTo ?? null,
  };
}

function officeCreatedEvents(organizationId: string, officeId: string, accreditationIds: string[]) {
  const events: AuditEvent[] = [
    { action: 'offices.create', entityType: 'office', entityId: officeId, organizationId },
  ];
  for (const id of accreditationIds)
    events.push({
      action: 'accreditations.create',
      entityType: 'accreditation',
      entityId: id,
      organizationId,
      details: { officeId },
    });
  return events;
}

export async function createOrganization(db: Db, ctx: ActorContext, input: OrganizationInput) {
  if (!canCreateOrganization(ctx.actor))
    throw forbidden('Only administrators, regional officers and network coordinators register organisations');
  const dupes = input.offices.flatMap((o, i) =>
    checkAccreditationDuplicates(o.accreditations, `body.offices.${i}.accreditations`),
  );
  if (dupes.length) throw invalidFields(dupes);
  await checkReferences(db, {
    municipalities: [
      { field: 'body.legalSeatMunicipalityCode', code: input.legalSeatMunicipalityCode },
      ...input.offices.map((o, i) => ({
        field: `body.offices.${i}.municipalityCode`,
        code: o.municipalityCode,
      })),
    ],
    ateco: input.atecoCode ? { field: 'body.atecoCode', code: input.atecoCode } : undefined,
  });

  const id = await db.transaction(async (tx) => {
    const orgId = await repo.insertOrganization(tx, {
      type: input.type,
      name: input.name,
      fiscalCode: input.fiscalCode,
      vatNumber: input.vatNumber ?? null,
      atecoCode: input.atecoCode ?? null,
      atecoVersion: input.atecoCode ? repo.ATECO_VERSION : null,
      legalSeatMunicipalityCode: input.legalSeatMunicipalityCode,
      address: input.address ?? null,
      postalCode: input.postalCode ?? null,
      email: input.email ?? null,
      pec: input.pec ?? null,
      phone: input.phone ?? null,
      website: input.website ?? null,
      description: input.description ?? null,
    });
    // Ids are chosen here, so offices and their accreditations go in as two batched inserts.
    const planned = input.offices.map((o) => ({
      office: officeValues(orgId, o, crypto.randomUUID()),
      accreditations: o.accreditations,
    }));
    await repo.insertOffices(
      tx,
      planned.map((p) => p.office),
    );
    const accRows = planned.flatMap((p) =>
      p.accreditations.map((a) => accreditationValues(p.office.id, a, crypto.randomUUID())),
    );
    await repo.insertAccreditations(tx, accRows, 'body.offices');
    await audit(
      tx,
      ctx,
      {
        action: 'organizations.create',
        entityType: 'organization',
        entityId: orgId,
        organizationId: orgId,
        details: { type: input.type, offices: planned.length, accreditations: accRows.length },
      },
      ...planned.flatMap((p) =>
        officeCreatedEvents(
          orgId,
          p.office.id,
          accRows.filter((a) => a.officeId === p.office.id).map((a) => a.id),
        ),
      ),
    );
    return orgId;
  });
  return getOrganizationDetail(db, ctx, id);
}

const UPDATABLE = [
  'type',
  'name',
  'fiscalCode',
  'vatNumber',
  'atecoCode',
  'legalSeatMunicipalityCode',
  'address',
  'postalCode',
  'email',
  'pec',
  'phone',
  'website',
  'description',
] as const;
type Updatable = (typeof UPDATABLE)[number];

export async function updateOrganization(db: Db, ctx: ActorContext, id: string, patch: OrganizationUpdate) {
  if (!canUpdateOrganization(ctx.actor, id))
    throw forbidden('Only the organisation’s own staff or a platform administrator can change it');
  await db.transaction(async (tx) => {
    const cur = await repo.lockOrganization(tx, id);
    if (!cur) throw organizationNotFound();
    if (cur.version !== patch.version) throw versionConflict(cur.version);
    if (cur.status === 'archived') throw organizationArchived();

    const changed: Updatable[] = [];
    const set: Record<string, unknown> = {};
    for (const key of UPDATABLE) {
      const value = patch[key];
      if (value === undefined) continue;
      const next = value ?? null;
      const sameAteco = key !== 'atecoCode' || next === null || cur.atecoVersion === repo.ATECO_VERSION;
      if (next === cur[key] && sameAteco) continue;
      changed.push(key);
      set[key] = next;
    }
    if (changed.length === 0) return;
    if (changed.includes('type') && !canChangeOrganizationType(ctx.actor))
      throw forbidden('Only a platform administrator can change the type of an organisation');
    if (changed.includes('atecoCode')) set.atecoVersion = set.atecoCode ? repo.ATECO_VERSION : null;

    await checkReferences(tx, {
      municipalities: changed.includes('legalSeatMunicipalityCode')
        ? [{ field: 'body.legalSeatMunicipalityCode', code: set.legalSeatMunicipalityCode as string }]
        : [],
      ateco:
        changed.includes('atecoCode') && set.atecoCode
          ? { field: 'body.atecoCode', code: set.atecoCode as string }
          : undefined,
    });
    await repo.updateOrganization(tx, id, set, {
      name: (set.name as string | undefined) ?? cur.name,
      fiscalCode: (set.fiscalCode as string | undefined) ?? cur.fiscalCode,
      vatNumber: 'vatNumber' in set ? (set.vatNumber as string | null) : cur.vatNumber,
    });
    await audit(tx, ctx, {
      action: 'organizations.update',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      details: { changed, version: cur.version + 1 },
    });
  });
  return getOrganizationDetail(db, ctx, id);
}

/** Archive or restore; asking for the state it is already in changes nothing. */
export async function setOrganizationStatus(
  db: Db,
  ctx: ActorContext,
  id: string,
  target: 'active' | 'archived',
) {
  if (!canArchiveOrganization(ctx.actor, id))
    throw forbidden('Only the organisation’s own staff or a platform administrator can archive it');
  await db.transaction(async (tx) => {
    const cur = await repo.lockOrganization(tx, id);
    if (!cur) throw organizationNotFound();
    if (cur.status === target) return;
    await repo.setOrganizationStatus(tx, id, target);
    await audit(tx, ctx, {
      action: target === 'archived' ? 'organizations.archive' : 'organizations.restore',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
    });
  });
  return getOrganizationDetail(db, ctx, id);
}

async function lockWritableOrganization(tx: DbOrTx, id: string) {
  const org = await repo.lockOrganization(tx, id);
  if (!org) throw organizationNotFound();
  if (org.status === 'archived') throw organizationArchived();
  return org;
}

async function loadOffice(db: DbOrTx, organizationId: string, officeId: string) {
  const [office] = toOffices(
    await repo.listOffices(db, organizationId, todayInItaly(), { includeArchived: true, officeId }),
  );
  if (!office) throw officeNotFound();
  return office;
}

export async function createOffice(db: Db, ctx: ActorContext, organizationId: string, input: OfficeInput) {
  if (!canManageOffices(ctx.actor, organizationId))
    throw forbidden('Only the organisation’s own staff or a platform administrator can add offices');
  const dupes = checkAccreditationDuplicates(input.accreditations, 'body.accreditations');
  if (dupes.length) throw invalidFields(dupes);
  const officeId = crypto.randomUUID();
  await db.transaction(async (tx) => {
    await lockWritableOrganization(tx, organizationId);
    await checkReferences(tx, {
      municipalities: [{ field: 'body.municipalityCode', code: input.municipalityCode }],
    });
    await repo.insertOffices(tx, [officeValues(organizationId, input, officeId)]);
    const accRows = input.accreditations.map((a) => accreditationValues(officeId, a, crypto.randomUUID()));
    await repo.insertAccreditations(tx, accRows, 'body.accreditations');
    await audit(
      tx,
      ctx,
      ...officeCreatedEvents(
        organizationId,
        officeId,
        accRows.map((a) => a.id),
      ),
    );
  });
  return loadOffice(db, organizationId, officeId);
}

const OFFICE_UPDATABLE = ['name', 'address', 'postalCode', 'municipalityCode', 'email', 'phone'] as const;

export async function updateOffice(
  db: Db,
  ctx: ActorContext,
  organizationId: string,
  officeId: string,
  patch: OfficeUpdate,
) {
  if (!canManageOffices(ctx.actor, organizationId))
    throw forbidden('Only the organisation’s own staff or a platform administrator can change its offices');
  await db.transaction(async (tx) => {
    await lockWritableOrganization(tx, organizationId);
    const cur = await repo.lockOffice(tx, organizationId, officeId);
    if (!cur) throw officeNotFound();
    const wasArchived = cur.archivedAt !== null;
    if (wasArchived && patch.archived !== false) throw officeArchived();

    const changed: string[] = [];
    const set: Record<string, unknown> = {};
    for (const key of OFFICE_UPDATABLE) {
      const value = patch[key];
      if (value === undefined || (value ?? null) === cur[key]) continue;
      changed.push(key);
      set[key] = value ?? null;
    }
    if (patch.archived !== undefined && patch.archived !== wasArchived) changed.push('archived');
    if (changed.length === 0) return;
    if (changed.includes('municipalityCode'))
      await checkReferences(tx, {
        municipalities: [{ field: 'body.municipalityCode', code: set.municipalityCode as string }],
      });
    await repo.updateOffice(tx, officeId, {
      ...set,
      ...(changed.includes('archived') ? { archived: patch.archived } : {}),
    });
    await audit(tx, ctx, {
      action: changed.includes('archived')
        ? patch.archived
          ? 'offices.archive'
          : 'offices.restore'
        : 'offices.update',
      entityType: 'office',
      entityId: officeId,
      organizationId,
      details: { changed },
    });
  });
  return loadOffice(db, organizationId, officeId);
}

export async function createAccreditation(
  db: Db,
  ctx: ActorContext,
  organizationId: string,
  officeId: string,
  input: AccreditationInput,
): Promise<Accreditation> {
  if (!canAddAccreditation(ctx.actor, organizationId))
    throw forbidden(
      'Only the organisation’s own staff, a regional officer or a platform administrator can record accreditations',
    );
  const row = accreditationValues(officeId, input, crypto.randomUUID());
  await db.transaction(async (tx) => {
    await lockWritableOrganization(tx, organizationId);
    const office = await repo.lockOffice(tx, organizationId, officeId);
    if (!office) throw officeNotFound();
    if (office.archivedAt) throw officeArchived();
    await repo.insertAccreditations(tx, [row], 'body.registerNumber');
    await audit(tx, ctx, {
      action: 'accreditations.create',
      entityType: 'accreditation',
      entityId: row.id,
      organizationId,
      details: { officeId, kind: row.kind, status: row.status },
    });
  });
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    registerNumber: row.registerNumber,
    validFrom: row.validFrom,
    validTo: row.validTo,
    current: isCurrent(row, todayInItaly()),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV export (streamed)
// ---------------------------------------------------------------------------------------------

export const CSV_SEPARATOR = ';';
const EXPORT_BATCH = 500;

const CSV_HEADERS = {
  it: [
    'ID',
    'Tipo',
    'Denominazione',
    'Codice fiscale',
    'Partita IVA',
    'Codice ATECO',
    'Attività ATECO',
    'Comune sede legale',
    'Codice ISTAT comune',
    'Provincia',
    'Indirizzo',
    'CAP',
    'E-mail',
    'PEC',
    'Telefono',
    'Sito web',
    'Accreditata',
    'Sedi',
    'Stato',
    'Data registrazione',
  ],
  en: [
    'ID',
    'Type',
    'Name',
    'Fiscal code',
    'VAT number',
    'ATECO code',
    'ATECO activity',
    'Legal seat municipality',
    'ISTAT municipality code',
    'Province',
    'Address',
    'Postal code',
    'E-mail',
    'PEC',
    'Phone',
    'Website',
    'Accredited',
    'Offices',
    'Status',
    'Registered on',
  ],
} as const;

const WORDS = {
  it: { yes: 'sì', no: 'no', active: 'attiva', archived: 'archiviata' },
  en: { yes: 'yes', no: 'no', active: 'active', archived: 'archived' },
} as const;

/**
 * One CSV cell. Spreadsheet formula injection is neutralised by prefixing an apostrophe to cells
 * that start with = + - @ or a control character (OWASP); cells with the separator, quotes or line
 * breaks are quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: (string | number | null)[]) => cells.map(csvCell).join(CSV_SEPARATOR) + '\r\n';

/**
 * Streams the registry as CSV for Italian spreadsheets: UTF-8 with BOM (Excel detects the
 * encoding), `;` as separator (Excel with Italian regional settings expects it, since `,` is the
 * decimal mark), CRLF line ends, dates as YYYY-MM-DD. Rows are read in keyset batches, so memory
 * stays flat whatever the size, and the export stops reading when the client goes away.
 */
export async function* exportOrganizationsCsv(
  db: Db,
  ctx: ActorContext,
  query: OrganizationExportQuery,
): AsyncGenerator<string> {
  const { lang, ...filters } = query;
  await audit(db, ctx, {
    action: 'organizations.export',
    entityType: 'organization',
    organizationId: ctx.actor.organizationId,
    details: { filters },
  });
  const today = todayInItaly();
  const words = WORDS[lang];
  yield '\uFEFF' + csvLine([...CSV_HEADERS[lang]]);
  let cursor: string | undefined;
  do {
    const page = await repo.listOrganizations(db, { ...filters, cursor, limit: EXPORT_BATCH }, today);
    let chunk = '';
    for (const r of page.items) {
      chunk += csvLine([
        r.id,
        ORGANIZATION_TYPE_LABELS[r.type][lang],
        r.name,
        r.fiscalCode,
        r.vatNumber,
        r.atecoCode,
        r.atecoTitle,
        r.seatName,
        r.seatCode,
        r.seatProvinceAbbreviation,
        r.address,
        r.postalCode,
        r.email,
        r.pec,
        r.phone,
        r.website,
        r.accredited ? words.yes : words.no,
        r.officeCount,
        words[r.status],
        todayInItaly(r.createdAt),
      ]);
    }
    if (chunk) yield chunk;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
