/**
 * Pledges (the board): a company pledges job offers for a priority target over a period; progress is
 * counted from placements (pathways) at the company in the period of people in that target, and from
 * the company's vacancies that count towards pledges. Aggregates only: no personal data leaves here.
 * Company staff see and create their company's pledges; coordinators, regional officers and platform
 * administrators see every pledge (read only). Deny by default.
 */
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  PLEDGE_MIN_HIRES_SHOWN,
  SENSITIVE_PRIORITY_TARGETS,
  type PledgeInput,
  type Role,
} from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Db, DbOrTx } from '../../platform/db';
import { DomainError, forbidden, notFound, notVisible } from '../../platform/errors';
import { audit } from '../audit';
import { organizations } from '../organizations/organizations.table';
import { notACompany } from './companies.errors';
import { companyPledges } from './companies.table';
import { isActiveCompany } from './companies.usecases';

type Ctx = RequestContext & { actor: Actor };
const BOARD_ROLES: readonly Role[] = ['network_coordinator', 'regional_officer', 'platform_admin'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const canCreatePledge = (actor: Actor, orgId: string) =>
  actor.role === 'company_staff' && actor.organizationId === orgId;
const canSeePledge = (actor: Actor, orgId: string) =>
  canCreatePledge(actor, orgId) || BOARD_ROLES.includes(actor.role);

// Placements live in the pathways module; read here as an aggregate (one correlated count per row).
const hires = sql<number>`(select count(*) from placements pl
    join pathways pw on pw.id = pl.pathway_id
    join people p on p.id = pw.person_id
    where pl.employer_organization_id = ${companyPledges.organizationId}
      and pl.start_date between ${companyPledges.periodFrom} and ${companyPledges.periodTo}
      and p.priority_targets @> array[${companyPledges.priorityTarget}]::text[])`.mapWith(Number);
const pledgedVacancies = sql<number>`(select count(*) from vacancies v
    where v.organization_id = ${companyPledges.organizationId} and v.counts_towards_pledge
      and v.status in ('open', 'filled')
      and (v.created_at at time zone 'Europe/Rome')::date between ${companyPledges.periodFrom} and ${companyPledges.periodTo})`.mapWith(
  Number,
);

const columns = {
  id: companyPledges.id,
  organizationId: companyPledges.organizationId,
  organizationName: organizations.name,
  priorityTarget: companyPledges.priorityTarget,
  offers: companyPledges.offers,
  periodFrom: companyPledges.periodFrom,
  periodTo: companyPledges.periodTo,
  note: companyPledges.note,
  hires,
  pledgedVacancies,
  createdAt: companyPledges.createdAt,
};

const select = (db: DbOrTx) =>
  db
    .select(columns)
    .from(companyPledges)
    .innerJoin(organizations, eq(organizations.id, companyPledges.organizationId));

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

/**
 * Company staff do not see a small hires count for a sensitive priority target: with few hires in the
 * period it would tell them which of the people they hired has a disability, a migrant background or is
 * followed by social services. The board roles keep the exact count.
 */
const suppressHires = (actor: Actor, r: Row) =>
  !BOARD_ROLES.includes(actor.role) &&
  (SENSITIVE_PRIORITY_TARGETS as readonly string[]).includes(r.priorityTarget) &&
  r.hires < PLEDGE_MIN_HIRES_SHOWN;

const toPledge = (actor: Actor, r: Row) => {
  const hidden = suppressHires(actor, r);
  return {
    ...r,
    hires: hidden ? null : r.hires,
    hiresSuppressed: hidden,
    createdAt: r.createdAt.toISOString(),
  };
};

export async function createPledge(db: Db, ctx: Ctx, input: PledgeInput) {
  const orgId = input.organizationId ?? ctx.actor.organizationId;
  if (!orgId || !canCreatePledge(ctx.actor, orgId))
    throw forbidden("Only the company's staff make its pledges");
  const id = await db.transaction(async (tx) => {
    if (!(await isActiveCompany(tx, orgId))) throw notACompany();
    const [row] = await tx
      .insert(companyPledges)
      .values({
        organizationId: orgId,
        priorityTarget: input.priorityTarget,
        offers: input.offers,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        note: input.note ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: companyPledges.id });
    await audit(tx, ctx, {
      action: 'pledges.created',
      entityType: 'pledge',
      entityId: row!.id,
      organizationId: orgId,
      details: { priorityTarget: input.priorityTarget, offers: input.offers },
    });
    return row!.id;
  });
  return getPledge(db, ctx, id);
}

export async function getPledge(db: Db, ctx: Ctx, id: string) {
  const [row] = await select(db).where(eq(companyPledges.id, id));
  if (!row) throw notFound('pledges');
  if (!canSeePledge(ctx.actor, row.organizationId)) throw notVisible('pledges');
  return toPledge(ctx.actor, row);
}

export async function listPledges(
  db: Db,
  ctx: Ctx,
  q: {
    cursor?: string | undefined;
    limit: number;
    organizationId?: string | undefined;
    priorityTarget?: string | undefined;
  },
) {
  const where: SQL[] = [];
  if (BOARD_ROLES.includes(ctx.actor.role)) {
    if (q.organizationId) where.push(eq(companyPledges.organizationId, q.organizationId));
  } else if (ctx.actor.role === 'company_staff' && ctx.actor.organizationId) {
    where.push(eq(companyPledges.organizationId, ctx.actor.organizationId));
  } else throw forbidden();
  if (q.priorityTarget) where.push(sql`${companyPledges.priorityTarget} = ${q.priorityTarget}`);
  const after = decodeCursor<{ createdAt: string; id: string }>(q.cursor);
  if (after) {
    if (
      typeof after.id !== 'string' ||
      !UUID.test(after.id) ||
      Number.isNaN(Date.parse(String(after.createdAt)))
    )
      throw new DomainError(
        'pagination.invalid_cursor',
        400,
        'The cursor is not valid; start again from the first page',
      );
    const at = new Date(after.createdAt);
    where.push(
      or(
        lt(companyPledges.createdAt, at),
        and(eq(companyPledges.createdAt, at), lt(companyPledges.id, after.id)),
      )!,
    );
  }
  const rows = await select(db)
    .where(and(...where))
    .orderBy(desc(companyPledges.createdAt), desc(companyPledges.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toPledge(ctx.actor, r)),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
        : null,
  };
}
