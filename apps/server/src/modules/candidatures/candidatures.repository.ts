import { aliasedTable, and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CandidatureSide, CandidatureState } from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { DbOrTx } from '../../platform/db';
import { organizations } from '../organizations/organizations.table';
import { visiblePeopleCondition } from '../people';
import { people } from '../people/people.table';
import { vacancies } from '../vacancies/vacancies.table';
import { DomainError } from '../../platform/errors';
import { alreadyActive } from './candidatures.errors';
import { PROPOSER_SECTIONS } from './candidatures.policies';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidCursor = () =>
  new DomainError(
    'pagination.invalid_cursor',
    400,
    'The cursor is not valid; start again from the first page',
  );
import { candidatures } from './candidatures.table';

export type CandidatureRow = typeof candidatures.$inferSelect;
export type CandidatureUpdate = Partial<typeof candidatures.$inferInsert>;

/** The SQL scope of the candidatures a side sees (the caller has checked the actor's role). */
export function scopeOf(actor: Actor, side: CandidatureSide): SQL {
  if (side === 'candidate') return visiblePeopleCondition(actor, candidatures.personId);
  if (!actor.organizationId) return sql`false`;
  return side === 'company'
    ? eq(candidatures.companyOrganizationId, actor.organizationId)
    : and(
        eq(candidatures.proposingOrganizationId, actor.organizationId),
        visiblePeopleCondition(actor, candidatures.personId, PROPOSER_SECTIONS),
      )!;
}

/** Inserts a candidature; a running one for the same (vacancy, person) => 409 candidatures.already_active. */
export async function insertCandidature(tx: DbOrTx, values: typeof candidatures.$inferInsert) {
  try {
    const [row] = await tx.insert(candidatures).values(values).returning();
    return row!;
  } catch (err) {
    let e: unknown = err;
    for (let i = 0; i < 4 && e; i++) {
      const c = e as { code?: string; constraint?: string; cause?: unknown };
      if (c.code === '23505' && c.constraint === 'candidatures_active_uq') throw alreadyActive();
      e = c.cause;
    }
    throw err;
  }
}

export async function findCandidature(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(candidatures).where(eq(candidatures.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** Atomic state change: only from the expected state. */
export async function updateCandidatureState(
  tx: DbOrTx,
  id: string,
  from: CandidatureState,
  to: CandidatureState,
  values: Partial<typeof candidatures.$inferInsert>,
) {
  const [row] = await tx
    .update(candidatures)
    .set({
      ...values,
      state: to,
      stateChangedAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${candidatures.version} + 1`,
    })
    .where(and(eq(candidatures.id, id), eq(candidatures.state, from)))
    .returning();
  return row ?? null;
}

export async function findVacancyForCandidature(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: vacancies.id,
      organizationId: vacancies.organizationId,
      status: vacancies.status,
      title: vacancies.title,
      contractType: vacancies.contractType,
      durationMonths: vacancies.durationMonths,
      hoursPerWeek: vacancies.hoursPerWeek,
      startDate: vacancies.startDate,
      openings: vacancies.openings,
      companyName: organizations.name,
      companyStatus: organizations.status,
    })
    .from(vacancies)
    .innerJoin(organizations, eq(organizations.id, vacancies.organizationId))
    .where(eq(vacancies.id, id));
  return row ?? null;
}

export async function personExists(db: DbOrTx, personId: string) {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  return !!row;
}

const company = aliasedTable(organizations, 'company_org');
const proposer = aliasedTable(organizations, 'proposer_org');

const viewColumns = {
  id: candidatures.id,
  state: candidatures.state,
  origin: candidatures.origin,
  vacancyId: candidatures.vacancyId,
  vacancyTitle: vacancies.title,
  companyOrganizationId: candidatures.companyOrganizationId,
  companyName: company.name,
  proposingOrganizationId: candidatures.proposingOrganizationId,
  proposingOrganizationName: proposer.name,
  personId: candidatures.personId,
  firstName: people.firstName,
  lastName: people.lastName,
  email: people.email,
  phone: people.phone,
  note: candidatures.note,
  decisionReason: candidatures.decisionReason,
  stateChangedAt: candidatures.stateChangedAt,
  createdAt: candidatures.createdAt,
  pathwayId: candidatures.pathwayId,
};

export type CandidatureViewRow = {
  [K in Exclude<keyof typeof viewColumns, 'proposingOrganizationName'>]: (typeof viewColumns)[K]['_']['data'];
} & { proposingOrganizationName: string | null };

function viewQuery(db: DbOrTx) {
  return db
    .select(viewColumns)
    .from(candidatures)
    .innerJoin(vacancies, eq(vacancies.id, candidatures.vacancyId))
    .innerJoin(company, eq(company.id, candidatures.companyOrganizationId))
    .leftJoin(proposer, eq(proposer.id, candidatures.proposingOrganizationId))
    .innerJoin(people, eq(people.id, candidatures.personId));
}

export async function candidatureView(db: DbOrTx, id: string) {
  const [row] = (await viewQuery(db).where(eq(candidatures.id, id))) as CandidatureViewRow[];
  return row ?? null;
}

/** A page of candidatures within `scope` (the reader's side), newest first. */
export async function listCandidatures(
  db: DbOrTx,
  f: {
    scope: SQL;
    vacancyId?: string | undefined;
    personId?: string | undefined;
    state?: CandidatureState | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const where: SQL[] = [f.scope];
  if (f.vacancyId) where.push(eq(candidatures.vacancyId, f.vacancyId));
  if (f.personId) where.push(eq(candidatures.personId, f.personId));
  if (f.state) where.push(eq(candidatures.state, f.state));
  const c = decodeCursor<unknown>(f.cursor);
  if (c !== null) {
    const ok =
      Array.isArray(c) &&
      typeof c[0] === 'string' &&
      typeof c[1] === 'string' &&
      UUID.test(c[1]) &&
      !Number.isNaN(Date.parse(c[0]));
    if (!ok) throw invalidCursor();
    const at = new Date(c[0] as string);
    where.push(
      or(
        lt(candidatures.createdAt, at),
        and(eq(candidatures.createdAt, at), lt(candidatures.id, c[1] as string)),
      )!,
    );
  }
  const rows = (await viewQuery(db)
    .where(and(...where))
    .orderBy(desc(candidatures.createdAt), desc(candidatures.id))
    .limit(f.limit + 1)) as CandidatureViewRow[];
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

/** Hires recorded on a vacancy (candidatures in the state "hired"). */
export async function countHires(db: DbOrTx, vacancyId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(candidatures)
    .where(and(eq(candidatures.vacancyId, vacancyId), eq(candidatures.state, 'hired')));
  return row?.n ?? 0;
}

/** An open vacancy becomes filled (its version moves, so edits based on the old one are refused). */
export async function markVacancyFilled(tx: DbOrTx, vacancyId: string) {
  const rows = await tx
    .update(vacancies)
    .set({ status: 'filled', version: sql`${vacancies.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(vacancies.id, vacancyId), eq(vacancies.status, 'open')))
    .returning({ id: vacancies.id });
  return rows.length > 0;
}
