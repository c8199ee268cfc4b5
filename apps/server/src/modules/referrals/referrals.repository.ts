import { aliasedTable, and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PathwayState, ReferralState } from '@trama/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { DbOrTx } from '../../platform/db';
import { organizations } from '../organizations/organizations.table';
import { people } from '../people/people.table';
import { pathways } from '../pathways/pathways.table';
import { programmes } from '../programmes/programmes.table';
import { alreadyOpen } from './referrals.errors';
import { referralEvents, referrals } from './referrals.table';

export type ReferralRow = typeof referrals.$inferSelect;

export async function insertReferral(tx: DbOrTx, values: typeof referrals.$inferInsert) {
  try {
    const [row] = await tx.insert(referrals).values(values).returning();
    return row!;
  } catch (err) {
    let e: unknown = err;
    for (let i = 0; i < 4 && e; i++) {
      const c = e as { code?: string; constraint?: string; cause?: unknown };
      if (c.code === '23505' && c.constraint === 'referrals_open_uq') throw alreadyOpen();
      e = c.cause;
    }
    throw err;
  }
}

export async function findReferral(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(referrals).where(eq(referrals.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** Atomic state change: only from the expected state. */
export async function updateReferralState(
  tx: DbOrTx,
  id: string,
  from: ReferralState,
  to: ReferralState,
  values: Partial<typeof referrals.$inferInsert>,
) {
  const [row] = await tx
    .update(referrals)
    .set({ ...values, state: to, updatedAt: sql`now()`, version: sql`${referrals.version} + 1` })
    .where(and(eq(referrals.id, id), eq(referrals.state, from)))
    .returning();
  return row ?? null;
}

export async function insertReferralEvent(tx: DbOrTx, values: typeof referralEvents.$inferInsert) {
  await tx.insert(referralEvents).values(values);
}

export async function activeOrganization(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(eq(organizations.id, id), eq(organizations.status, 'active'), isNull(organizations.archivedAt)),
    );
  return row ?? null;
}

export async function pathwayForReferral(db: DbOrTx, pathwayId: string) {
  const [row] = await db
    .select({
      id: pathways.id,
      personId: pathways.personId,
      organizationId: pathways.organizationId,
      state: pathways.state,
      handoverDays: programmes.handoverDays,
    })
    .from(pathways)
    .innerJoin(programmes, eq(programmes.id, pathways.programmeId))
    .where(eq(pathways.id, pathwayId));
  return row ? { ...row, state: row.state as PathwayState } : null;
}

const fromOrg = aliasedTable(organizations, 'from_org');
const toOrg = aliasedTable(organizations, 'to_org');

const viewColumns = {
  id: referrals.id,
  state: referrals.state,
  personId: referrals.personId,
  firstName: people.firstName,
  lastName: people.lastName,
  fromOrganizationId: referrals.fromOrganizationId,
  fromOrganizationName: fromOrg.name,
  fromUserId: referrals.fromUserId,
  toOrganizationId: referrals.toOrganizationId,
  toOrganizationName: toOrg.name,
  pathwayId: referrals.pathwayId,
  reason: referrals.reason,
  sharedSections: referrals.sharedSections,
  handoverDays: referrals.handoverDays,
  decisionReason: referrals.decisionReason,
  decidedAt: referrals.decidedAt,
  decidedBy: referrals.decidedBy,
  completedAt: referrals.completedAt,
  createdAt: referrals.createdAt,
};

export type ReferralViewRow = {
  [K in keyof typeof viewColumns]: (typeof viewColumns)[K]['_']['data'];
};

const viewQuery = (db: DbOrTx) =>
  db
    .select(viewColumns)
    .from(referrals)
    .innerJoin(people, eq(people.id, referrals.personId))
    .innerJoin(fromOrg, eq(fromOrg.id, referrals.fromOrganizationId))
    .innerJoin(toOrg, eq(toOrg.id, referrals.toOrganizationId));

export async function referralView(db: DbOrTx, id: string) {
  const [row] = await viewQuery(db).where(eq(referrals.id, id));
  return (row as ReferralViewRow | undefined) ?? null;
}

export async function listReferrals(
  db: DbOrTx,
  f: {
    organizationId: string;
    direction: 'incoming' | 'outgoing';
    state?: ReferralState | undefined;
    personId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const where: SQL[] = [
    f.direction === 'incoming'
      ? eq(referrals.toOrganizationId, f.organizationId)
      : eq(referrals.fromOrganizationId, f.organizationId),
  ];
  if (f.state) where.push(eq(referrals.state, f.state));
  if (f.personId) {
    where.push(eq(referrals.personId, f.personId));
    // The receiver cannot look a person up through referrals it has not accepted.
    if (f.direction === 'incoming') where.push(inArray(referrals.state, ['accepted', 'done']));
  }
  const c = decodeCursor<[string, string]>(f.cursor);
  if (c) {
    const at = new Date(c[0]);
    where.push(or(lt(referrals.createdAt, at), and(eq(referrals.createdAt, at), lt(referrals.id, c[1])))!);
  }
  const rows = (await viewQuery(db)
    .where(and(...where))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(f.limit + 1)) as ReferralViewRow[];
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

export async function personExists(db: DbOrTx, personId: string) {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  return Boolean(row);
}
