import type { Company, CompanyProfileInput } from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Db, DbOrTx } from '../../platform/db';
import { DomainError, forbidden } from '../../platform/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { audit } from '../audit';
import {
  atecoInvalid,
  cannotEditCompany,
  companyNotFound,
  notACompany,
  staleCompany,
} from './companies.errors';
import { canEditCompany, canReadCompanies } from './companies.policies';
import * as repo from './companies.repository';

type Ctx = RequestContext & { actor: Actor };
type Row = NonNullable<Awaited<ReturnType<typeof repo.findCompany>>>;

async function toCompanies(db: DbOrTx, rows: Row[]): Promise<Company[]> {
  const sites = await repo.sitesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    fiscalCode: r.fiscalCode,
    legalSeatMunicipalityCode: r.legalSeatMunicipalityCode,
    sizeClass: r.sizeClass,
    sector: r.sector,
    ateco2025Code: r.ateco2025Code,
    ateco2007Code: r.ateco2007Code,
    sites: sites
      .filter((s) => s.organizationId === r.id)
      .map((s) => ({ municipalityCode: s.municipalityCode, name: s.name })),
    openVacancies: r.openVacancies,
    version: r.version,
  }));
}

export async function listCompanies(
  db: Db,
  ctx: Ctx,
  q: {
    cursor?: string | undefined;
    limit: number;
    q?: string | undefined;
    sizeClass?: string | undefined;
    ateco?: string | undefined;
  },
) {
  if (!canReadCompanies(ctx.actor)) throw forbidden();
  const after = decodeCursor<{ sortName: string; id: string }>(q.cursor);
  if (after && (typeof after.sortName !== 'string' || typeof after.id !== 'string' || !UUID.test(after.id)))
    throw new DomainError(
      'pagination.invalid_cursor',
      400,
      'The cursor is not valid; start again from the first page',
    );
  const rows = await repo.listCompanies(db, q, after, q.limit);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await toCompanies(db, page),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ sortName: last.sortName, id: last.id }) : null,
  };
}

async function loadCompany(db: DbOrTx, id: string) {
  const row = await repo.findCompany(db, id);
  if (!row) throw companyNotFound();
  if (row.type !== 'company') throw companyNotFound();
  return row;
}

export async function getCompany(db: Db, ctx: Ctx, id: string) {
  if (!canReadCompanies(ctx.actor)) throw forbidden();
  const [company] = await toCompanies(db, [await loadCompany(db, id)]);
  return company!;
}

export async function saveProfile(
  db: Db,
  ctx: Ctx,
  id: string,
  input: CompanyProfileInput & { version?: number | undefined },
) {
  await db.transaction(async (tx) => {
    const row = await repo.findCompany(tx, id);
    if (!row) throw companyNotFound();
    if (!canEditCompany(ctx.actor, id)) throw cannotEditCompany();
    if (row.type !== 'company') throw notACompany();
    if (!(await repo.atecoExists(tx, '2025', input.ateco2025Code))) throw atecoInvalid('body.ateco2025Code');
    if (input.ateco2007Code && !(await repo.atecoExists(tx, '2007', input.ateco2007Code)))
      throw atecoInvalid('body.ateco2007Code');
    const ok = await repo.upsertProfile(tx, id, input.version ?? row.version, {
      sizeClass: input.sizeClass,
      sector: input.sector ?? null,
      ateco2025Code: input.ateco2025Code,
      ateco2007Code: input.ateco2007Code ?? null,
    });
    if (!ok) throw staleCompany();
    await repo.replaceSites(tx, id, input.sites);
    await audit(tx, ctx, {
      action: 'companies.profile_saved',
      entityType: 'company',
      entityId: id,
      organizationId: id,
      details: { sizeClass: input.sizeClass, ateco2025Code: input.ateco2025Code, sites: input.sites.length },
    });
  });
  return getCompany(db, ctx, id);
}

/** For other modules (vacancies): the organisation exists and is an active company. */
export async function isActiveCompany(db: DbOrTx, id: string) {
  const row = await repo.findCompany(db, id);
  return Boolean(row && row.type === 'company' && row.status === 'active');
}
