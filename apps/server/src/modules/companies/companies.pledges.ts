/**
 * Pledges (the board): a company pledges job offers for a priority target over a period; progress is
 * counted from placements (pathways) at the company in the period of people in that target, and from
 * the company's vacancies that count towards pledges. Aggregates only: no personal data leaves here.
 * Company staff see, create, edit and withdraw their company's pledges (edit and withdrawal only while the
 * pledge is active and its period has not ended; optimistic locking on `version`); coordinators, regional
 * officers and platform administrators see every pledge (read only), withdrawn ones included, marked as
 * such and left out of the totals. Deny by default.
 */
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import {
  PLEDGE_MIN_HIRES_SHOWN,
  SENSITIVE_PRIORITY_TARGETS,
  type PledgeInput,
  type PledgeUpdate,
  type PledgeWithdrawal,
  type Role,
} from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Db, DbOrTx } from '../../platform/db';
import { DomainError, forbidden, notFound, notVisible } from '../../platform/errors';
import { audit } from '../audit';
import { users } from '../identity/identity.table';
import { organizations } from '../organizations/organizations.table';
import { notACompany, pledgeEnded, pledgeWithdrawn, stalePledge } from './companies.errors';
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

/** The period is over: it ended before today (in Italy). */
const ended = sql<boolean>`(${companyPledges.periodTo} < (now() at time zone 'Europe/Rome')::date)`;

const columns = {
  id: companyPledges.id,
  organizationId: companyPledges.organizationId,
  organizationName: organizations.name,
  priorityTarget: companyPledges.priorityTarget,
  offers: companyPledges.offers,
  periodFrom: companyPledges.periodFrom,
  periodTo: companyPledges.periodTo,
  note: companyPledges.note,
  status: companyPledges.status,
  ended,
  withdrawnAt: companyPledges.withdrawnAt,
  withdrawalReason: companyPledges.withdrawalReason,
  withdrawnByName: users.displayName,
  hires,
  pledgedVacancies,
  version: companyPledges.version,
  createdAt: companyPledges.createdAt,
};

const select = (db: DbOrTx) =>
  db
    .select(columns)
    .from(companyPledges)
    .innerJoin(organizations, eq(organizations.id, companyPledges.organizationId))
    .leftJoin(users, eq(users.id, companyPledges.withdrawnBy));

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
  const { withdrawnAt, withdrawalReason, withdrawnByName, ...rest } = r;
  return {
    ...rest,
    withdrawal:
      r.status === 'withdrawn' && withdrawnAt
        ? { at: withdrawnAt.toISOString(), reason: withdrawalReason ?? '', byName: withdrawnByName }
        : null,
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

/**
 * Locks a pledge the actor is about to change: 404 when missing or not theirs to see (audited), 403 for the
 * board roles (read only), 409 once withdrawn or ended, 422 when the company is no longer active.
 */
async function lockChangeable(tx: DbOrTx, actor: Actor, id: string) {
  const [row] = await tx
    .select({
      organizationId: companyPledges.organizationId,
      priorityTarget: companyPledges.priorityTarget,
      offers: companyPledges.offers,
      periodFrom: companyPledges.periodFrom,
      periodTo: companyPledges.periodTo,
      note: companyPledges.note,
      status: companyPledges.status,
      ended,
    })
    .from(companyPledges)
    .where(eq(companyPledges.id, id))
    .for('update');
  if (!row) throw notFound('pledges');
  if (!canSeePledge(actor, row.organizationId)) throw notVisible('pledges');
  if (!canCreatePledge(actor, row.organizationId))
    throw forbidden("Only the company's staff change its pledges");
  if (row.status === 'withdrawn') throw pledgeWithdrawn();
  if (row.ended) throw pledgeEnded();
  if (!(await isActiveCompany(tx, row.organizationId))) throw notACompany();
  return row;
}

/** Applies `set` when the stored version is still `version`, bumping it; false when someone else won. */
async function updateVersioned(
  tx: DbOrTx,
  id: string,
  version: number,
  set: PgUpdateSetSource<typeof companyPledges>,
) {
  const rows = await tx
    .update(companyPledges)
    .set({ ...set, version: sql`${companyPledges.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(companyPledges.id, id),
        eq(companyPledges.version, version),
        eq(companyPledges.status, 'active'),
      ),
    )
    .returning({ id: companyPledges.id });
  return rows.length > 0;
}

/** The company's staff edit an active pledge that has not ended; the period rules are those of creation. */
export async function updatePledge(db: Db, ctx: Ctx, id: string, input: PledgeUpdate) {
  await db.transaction(async (tx) => {
    const row = await lockChangeable(tx, ctx.actor, id);
    const next = {
      priorityTarget: input.priorityTarget,
      offers: input.offers,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      note: input.note === undefined ? row.note : input.note || null,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]);
    if (!(await updateVersioned(tx, id, input.version, next))) throw stalePledge();
    await audit(tx, ctx, {
      action: 'pledges.updated',
      entityType: 'pledge',
      entityId: id,
      organizationId: row.organizationId,
      details: {
        fields: changed,
        priorityTarget: next.priorityTarget,
        offers: next.offers,
        periodFrom: next.periodFrom,
        periodTo: next.periodTo,
      },
    });
  });
  return getPledge(db, ctx, id);
}

/** The company's staff withdraw an active pledge that has not ended: kept, dated, attributed, out of totals. */
export async function withdrawPledge(db: Db, ctx: Ctx, id: string, input: PledgeWithdrawal) {
  await db.transaction(async (tx) => {
    const row = await lockChangeable(tx, ctx.actor, id);
    const ok = await updateVersioned(tx, id, input.version, {
      status: 'withdrawn',
      withdrawnAt: sql`now()`,
      withdrawnBy: ctx.actor.userId,
      withdrawalReason: input.reason,
    });
    if (!ok) throw stalePledge();
    await audit(tx, ctx, {
      action: 'pledges.withdrawn',
      entityType: 'pledge',
      entityId: id,
      organizationId: row.organizationId,
      details: { priorityTarget: row.priorityTarget, offers: row.offers },
    });
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
  const filters = [...where];
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
    // Read after the page, not concurrently: the caller's connection may be inside a transaction.
    totals: after ? null : await totalsOf(db, ctx.actor, filters),
  };
}

/**
 * Totals of every pledge matching the filters (not just one page): withdrawn pledges are counted apart and
 * add nothing; for company staff, the hires counts they would see suppressed are left out (and flagged),
 * so the total cannot reveal them.
 */
async function totalsOf(db: DbOrTx, actor: Actor, filters: SQL[]) {
  const x = db
    .select({
      status: companyPledges.status,
      offers: companyPledges.offers,
      target: companyPledges.priorityTarget,
      hires: hires.as('hires'),
    })
    .from(companyPledges)
    // With a join, Drizzle qualifies the columns inside `hires` ("company_pledges"."organization_id");
    // alone, it would not, and the correlated subquery would read its own tables' columns.
    .innerJoin(organizations, eq(organizations.id, companyPledges.organizationId))
    .where(and(...filters))
    .as('x');
  const suppressed = BOARD_ROLES.includes(actor.role)
    ? sql`false`
    : sql`(${x.target} in (${sql.join(
        SENSITIVE_PRIORITY_TARGETS.map((v) => sql`${v}`),
        sql`, `,
      )}) and ${x.hires} < ${PLEDGE_MIN_HIRES_SHOWN})`;
  const active = sql`${x.status} = 'active'`;
  const [t] = await db
    .select({
      pledges: sql<number>`count(*) filter (where ${active})`.mapWith(Number),
      offers: sql<number>`coalesce(sum(${x.offers}) filter (where ${active}), 0)`.mapWith(Number),
      hires: sql<number>`coalesce(sum(${x.hires}) filter (where ${active} and not ${suppressed}), 0)`.mapWith(
        Number,
      ),
      hiresSuppressed: sql<boolean>`coalesce(bool_or(${active} and ${suppressed}), false)`,
      withdrawn: sql<number>`count(*) filter (where ${x.status} = 'withdrawn')`.mapWith(Number),
    })
    .from(x);
  return t!;
}
