import { and, asc, desc, eq, inArray, isNull, lt, max, or, sql, type SQL } from 'drizzle-orm';
import {
  PATHWAY_TERMINAL_STATES,
  type PactContent,
  type PathwayEvent,
  type PathwayState,
  type PathwaySummary,
  type ProfileInputs,
} from '@trama/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { DbOrTx } from '../../platform/db';
import { DomainError } from '../../platform/errors';
import { memberships, users } from '../identity/identity.table';
import { offices, organizations } from '../organizations/organizations.table';
import { personSearchCondition } from '../people';
import { people, personWorkHistory } from '../people/people.table';
import { programmes } from '../programmes/programmes.table';
import { voucherDeliveries, voucherPlanLines, vouchers } from '../vouchers/vouchers.table';
import { alreadyOpen } from './pathways.errors';
import {
  appointments,
  assessments,
  pactVersions,
  pathwayEvents,
  pathways,
  placements,
} from './pathways.table';

export type PathwayRow = typeof pathways.$inferSelect;

const uniqueViolation = (err: unknown, constraint: string) => {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const c = e as { code?: string; constraint?: string; cause?: unknown };
    if (c.code === '23505') return c.constraint === constraint;
    e = c.cause;
  }
  return false;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------------
// Pathways and their timeline
// ---------------------------------------------------------------------------------------------

export async function insertPathway(
  tx: DbOrTx,
  values: {
    personId: string;
    programmeId: string;
    organizationId: string;
    officeId: string;
    caseWorkerUserId: string;
    createdBy: string;
  },
) {
  try {
    const [row] = await tx.insert(pathways).values(values).returning();
    return row!;
  } catch (err) {
    if (uniqueViolation(err, 'pathways_open_person_programme_uq')) throw alreadyOpen();
    throw err;
  }
}

/** The most recent pathway of the person in one of `states` (e.g. those a placement can close). */
export async function findPlaceablePathwayOfPerson(
  db: DbOrTx,
  personId: string,
  states: readonly PathwayState[],
) {
  const [row] = await db
    .select({ id: pathways.id })
    .from(pathways)
    .where(and(eq(pathways.personId, personId), inArray(pathways.state, [...states])))
    .orderBy(desc(pathways.createdAt), desc(pathways.id))
    .limit(1);
  return row?.id ?? null;
}

export async function findPathwayRow(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(pathways).where(eq(pathways.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

const summaryColumns = {
  id: pathways.id,
  personId: pathways.personId,
  firstName: people.firstName,
  lastName: people.lastName,
  fiscalCode: people.fiscalCode,
  programmeId: pathways.programmeId,
  programmeCode: programmes.code,
  organizationId: pathways.organizationId,
  officeId: pathways.officeId,
  officeName: offices.name,
  caseWorkerUserId: pathways.caseWorkerUserId,
  caseWorkerName: users.displayName,
  state: pathways.state,
  stateChangedAt: pathways.stateChangedAt,
  takenInChargeAt: pathways.takenInChargeAt,
  golPath: pathways.golPath,
  intensityBand: pathways.intensityBand,
  closedAt: pathways.closedAt,
  version: pathways.version,
  voucherId: vouchers.id,
};

type SummaryRow = {
  [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]['_']['data'] | null;
};

const toSummary = (r: SummaryRow): PathwaySummary & { voucherId: string | null } => ({
  id: r.id!,
  person: { id: r.personId!, firstName: r.firstName!, lastName: r.lastName!, fiscalCode: r.fiscalCode! },
  programmeId: r.programmeId!,
  programmeCode: r.programmeCode!,
  organizationId: r.organizationId!,
  officeId: r.officeId!,
  officeName: r.officeName!,
  caseWorkerUserId: r.caseWorkerUserId!,
  caseWorkerName: r.caseWorkerName!,
  state: r.state!,
  stateChangedAt: r.stateChangedAt!.toISOString(),
  takenInChargeAt: r.takenInChargeAt!.toISOString(),
  golPath: r.golPath,
  intensityBand: r.intensityBand,
  closedAt: iso(r.closedAt),
  version: r.version!,
  voucherId: r.voucherId,
});

const summaryQuery = (db: DbOrTx) =>
  db
    .select(summaryColumns)
    .from(pathways)
    .innerJoin(people, eq(people.id, pathways.personId))
    .innerJoin(programmes, eq(programmes.id, pathways.programmeId))
    .innerJoin(offices, eq(offices.id, pathways.officeId))
    .innerJoin(users, eq(users.id, pathways.caseWorkerUserId))
    .leftJoin(vouchers, eq(vouchers.pathwayId, pathways.id));

export async function findPathwaySummary(db: DbOrTx, id: string) {
  const [row] = await summaryQuery(db).where(eq(pathways.id, id));
  return row ? toSummary(row) : null;
}

/**
 * Moves the pathway from one of `from` to `to` in one statement: if another request changed the state
 * first, nothing matches and the caller reports an invalid transition.
 */
export async function updatePathwayState(
  tx: DbOrTx,
  id: string,
  from: readonly PathwayState[],
  to: PathwayState,
) {
  const closing = PATHWAY_TERMINAL_STATES.includes(to);
  const [row] = await tx
    .update(pathways)
    .set({
      state: to,
      stateChangedAt: sql`now()`,
      closedAt: closing ? sql`now()` : null,
      updatedAt: sql`now()`,
      version: sql`${pathways.version} + 1`,
    })
    .where(and(eq(pathways.id, id), inArray(pathways.state, [...from])))
    .returning();
  return row ?? null;
}

export async function updatePathwayAssignment(
  tx: DbOrTx,
  id: string,
  version: number,
  values: { caseWorkerUserId?: string; officeId?: string },
) {
  const [row] = await tx
    .update(pathways)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${pathways.version} + 1` })
    .where(and(eq(pathways.id, id), eq(pathways.version, version)))
    .returning();
  return row ?? null;
}

export async function setPathwayProfile(tx: DbOrTx, id: string, golPath: number, band: number) {
  await tx
    .update(pathways)
    .set({ golPath, intensityBand: band, updatedAt: sql`now()`, version: sql`${pathways.version} + 1` })
    .where(eq(pathways.id, id));
}

export interface EventInput {
  pathwayId: string;
  actorUserId: string | null;
  kind: string;
  fromState?: PathwayState | null;
  toState?: PathwayState | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

export async function insertEvents(tx: DbOrTx, events: EventInput[]) {
  if (events.length === 0) return;
  await tx.insert(pathwayEvents).values(
    events.map((e) => ({
      pathwayId: e.pathwayId,
      actorUserId: e.actorUserId,
      kind: e.kind,
      fromState: e.fromState ?? null,
      toState: e.toState ?? null,
      reason: e.reason ?? null,
      details: e.details ?? null,
    })),
  );
}

export const TIMELINE_MAX = 2000;

export async function listEvents(db: DbOrTx, pathwayId: string): Promise<PathwayEvent[]> {
  const rows = await db
    .select({
      id: pathwayEvents.id,
      at: pathwayEvents.at,
      actorUserId: pathwayEvents.actorUserId,
      actorName: users.displayName,
      kind: pathwayEvents.kind,
      fromState: pathwayEvents.fromState,
      toState: pathwayEvents.toState,
      reason: pathwayEvents.reason,
      details: pathwayEvents.details,
    })
    .from(pathwayEvents)
    .leftJoin(users, eq(users.id, pathwayEvents.actorUserId))
    .where(eq(pathwayEvents.pathwayId, pathwayId))
    .orderBy(asc(pathwayEvents.at), asc(pathwayEvents.id))
    .limit(TIMELINE_MAX);
  return rows.map((r) => ({
    ...r,
    id: r.id.toString(),
    at: r.at.toISOString(),
    details: (r.details as Record<string, unknown> | null) ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Organisation checks
// ---------------------------------------------------------------------------------------------

export async function findOfficeOfOrganization(db: DbOrTx, officeId: string, organizationId: string) {
  const [row] = await db
    .select()
    .from(offices)
    .where(
      and(eq(offices.id, officeId), eq(offices.organizationId, organizationId), isNull(offices.archivedAt)),
    );
  return row ?? null;
}

/** The user is an active operator (operator_staff) of the organisation. */
export async function isActiveOperator(db: DbOrTx, userId: string, organizationId: string) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, 'operator_staff'),
        isNull(memberships.revokedAt),
        eq(users.status, 'active'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function personExists(db: DbOrTx, personId: string) {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  return Boolean(row);
}

export async function organizationName(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// Assessments
// ---------------------------------------------------------------------------------------------

/** The profiling inputs of a person, computed in SQL at today's date (one query). */
export async function profileInputs(
  db: DbOrTx,
  personId: string,
  today: string,
): Promise<ProfileInputs | null> {
  const day = sql`${today}::date`;
  const monthsBetween = (from: SQL) =>
    sql`(extract(year from age(${day}, ${from})) * 12 + extract(month from age(${day}, ${from})))::int`;
  // Raw aliases in the subqueries: drizzle leaves columns unqualified in a single-table select.
  const lastEnd = sql`(select case when bool_or(w.to_date is null) then ${day} else max(w.to_date) end from ${personWorkHistory} w where w.person_id = p.id)`;
  const [row] = await db
    .select({
      age: sql<number>`extract(year from age(${day}, p.birth_date))::int`,
      monthsUnemployed: sql<
        number | null
      >`case when p.did_date is null then null else greatest(0, ${monthsBetween(sql`p.did_date`)}) end`,
      educationLevel: sql<number | null>`p.education_level`,
      monthsSinceLastJob: sql<
        number | null
      >`case when ${lastEnd} is null then null else greatest(0, ${monthsBetween(lastEnd)}) end`,
      workHistoryCount: sql<number>`(select count(*)::int from ${personWorkHistory} w where w.person_id = p.id)`,
      sex: sql<string>`p.sex`,
      employmentStatus: sql<string>`p.employment_status`,
      citizenship: sql<string | null>`p.citizenship`,
      priorityTargets: sql<string[]>`p.priority_targets`,
    })
    .from(sql`${people} p`)
    .where(sql`p.id = ${personId}`);
  if (!row) return null;
  return {
    age: row.age === null ? null : Number(row.age),
    monthsUnemployed: row.monthsUnemployed === null ? null : Number(row.monthsUnemployed),
    educationLevel: row.educationLevel,
    monthsSinceLastJob: row.monthsSinceLastJob === null ? null : Number(row.monthsSinceLastJob),
    workHistoryCount: Number(row.workHistoryCount),
    sex: row.sex,
    employmentStatus: row.employmentStatus,
    hasWorkHistory: Number(row.workHistoryCount) > 0,
    citizenshipItalian: row.citizenship === null ? null : row.citizenship === 'IT',
    priorityTargets: row.priorityTargets,
  };
}

export type AssessmentRow = typeof assessments.$inferSelect;

export async function insertAssessment(tx: DbOrTx, values: typeof assessments.$inferInsert) {
  const [row] = await tx.insert(assessments).values(values).returning();
  return row!;
}

export async function listAssessments(db: DbOrTx, pathwayId: string) {
  return db
    .select()
    .from(assessments)
    .where(eq(assessments.pathwayId, pathwayId))
    .orderBy(desc(assessments.assessedAt), desc(assessments.id))
    .limit(200);
}

export async function latestAssessment(db: DbOrTx, pathwayId: string) {
  const [row] = await db
    .select()
    .from(assessments)
    .where(eq(assessments.pathwayId, pathwayId))
    .orderBy(desc(assessments.assessedAt), desc(assessments.id))
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Pact
// ---------------------------------------------------------------------------------------------

export type PactRow = typeof pactVersions.$inferSelect;

/** Who and what the pact is about, for the snapshot stored in each version. */
export async function pactContext(db: DbOrTx, pathwayId: string) {
  const [row] = await db
    .select({
      organizationName: organizations.name,
      officeName: offices.name,
      officeAddress: offices.address,
      caseWorkerName: users.displayName,
      firstName: people.firstName,
      lastName: people.lastName,
      fiscalCode: people.fiscalCode,
      programmeCode: programmes.code,
      programmeName: programmes.name,
    })
    .from(pathways)
    .innerJoin(organizations, eq(organizations.id, pathways.organizationId))
    .innerJoin(offices, eq(offices.id, pathways.officeId))
    .innerJoin(users, eq(users.id, pathways.caseWorkerUserId))
    .innerJoin(people, eq(people.id, pathways.personId))
    .innerJoin(programmes, eq(programmes.id, pathways.programmeId))
    .where(eq(pathways.id, pathwayId));
  return row ?? null;
}

/** Appends the next version (max + 1); older drafts become superseded. */
export async function insertPactVersion(
  tx: DbOrTx,
  pathwayId: string,
  content: PactContent,
  createdBy: string,
) {
  await tx
    .update(pactVersions)
    .set({ status: 'superseded' })
    .where(and(eq(pactVersions.pathwayId, pathwayId), eq(pactVersions.status, 'draft')));
  const [row] = await tx
    .insert(pactVersions)
    .values({
      pathwayId,
      version: sql`(select coalesce(max(${pactVersions.version}), 0) + 1 from ${pactVersions} where ${pactVersions.pathwayId} = ${pathwayId})`,
      content,
      createdBy,
    })
    .returning();
  return row!;
}

export async function listPactVersions(db: DbOrTx, pathwayId: string) {
  return db
    .select()
    .from(pactVersions)
    .where(eq(pactVersions.pathwayId, pathwayId))
    .orderBy(desc(pactVersions.version));
}

export async function findPactVersion(db: DbOrTx, pathwayId: string, version: number) {
  const [row] = await db
    .select()
    .from(pactVersions)
    .where(and(eq(pactVersions.pathwayId, pathwayId), eq(pactVersions.version, version)));
  return row ?? null;
}

export async function maxPactVersion(db: DbOrTx, pathwayId: string) {
  const [row] = await db
    .select({ v: max(pactVersions.version) })
    .from(pactVersions)
    .where(eq(pactVersions.pathwayId, pathwayId));
  return row?.v ?? 0;
}

/** Records one signature if that side has not signed yet (atomic); null when it already had. */
export async function signPactVersion(
  tx: DbOrTx,
  id: string,
  signer: 'person' | 'operator',
  method: 'handwritten' | 'otp' | 'spid',
  userId: string,
) {
  const [row] =
    signer === 'person'
      ? await tx
          .update(pactVersions)
          .set({
            personSignedAt: sql`now()`,
            personSignatureMethod: method,
            personSignatureRecordedBy: userId,
          })
          .where(and(eq(pactVersions.id, id), isNull(pactVersions.personSignedAt)))
          .returning()
      : await tx
          .update(pactVersions)
          .set({ operatorSignedAt: sql`now()`, operatorSignatureMethod: method, operatorSignedBy: userId })
          .where(and(eq(pactVersions.id, id), isNull(pactVersions.operatorSignedAt)))
          .returning();
  return row ?? null;
}

/** Once both have signed: this version becomes the signed one, earlier signed versions are superseded. */
export async function completePactVersion(tx: DbOrTx, row: PactRow) {
  await tx
    .update(pactVersions)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(pactVersions.pathwayId, row.pathwayId),
        eq(pactVersions.status, 'signed'),
        lt(pactVersions.version, row.version),
      ),
    );
  const [done] = await tx
    .update(pactVersions)
    .set({ status: 'signed' })
    .where(eq(pactVersions.id, row.id))
    .returning();
  return done!;
}

// ---------------------------------------------------------------------------------------------
// Appointments
// ---------------------------------------------------------------------------------------------

export type AppointmentRow = typeof appointments.$inferSelect;

export async function insertAppointment(tx: DbOrTx, values: typeof appointments.$inferInsert) {
  const [row] = await tx.insert(appointments).values(values).returning();
  return row!;
}

export async function listAppointments(db: DbOrTx, pathwayId: string) {
  return db
    .select()
    .from(appointments)
    .where(eq(appointments.pathwayId, pathwayId))
    .orderBy(desc(appointments.scheduledAt), desc(appointments.id))
    .limit(500);
}

export async function findAppointment(db: DbOrTx, pathwayId: string, id: string) {
  const [row] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, id), eq(appointments.pathwayId, pathwayId)));
  return row ?? null;
}

/** Records the outcome once, and only after the appointment time (atomic). */
export async function recordAppointmentOutcome(
  tx: DbOrTx,
  id: string,
  outcome: 'attended' | 'justified_absence' | 'missed',
  note: string | null,
  userId: string,
) {
  const [row] = await tx
    .update(appointments)
    .set({ outcome, outcomeNote: note, outcomeRecordedAt: sql`now()`, outcomeRecordedBy: userId })
    .where(
      and(eq(appointments.id, id), isNull(appointments.outcome), sql`${appointments.scheduledAt} <= now()`),
    )
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Placement and its effect on the voucher
// ---------------------------------------------------------------------------------------------

export type PlacementRow = typeof placements.$inferSelect;

export async function insertPlacement(tx: DbOrTx, values: typeof placements.$inferInsert) {
  const [row] = await tx.insert(placements).values(values).returning();
  return row!;
}

export async function findPlacement(db: DbOrTx, pathwayId: string) {
  const [row] = await db.select().from(placements).where(eq(placements.pathwayId, pathwayId));
  return row ?? null;
}

export async function resultDeliveryIds(db: DbOrTx, voucherId: string | null) {
  if (!voucherId) return [];
  const rows = await db
    .select({ id: voucherDeliveries.id })
    .from(voucherDeliveries)
    .where(and(eq(voucherDeliveries.voucherId, voucherId), eq(voucherDeliveries.kind, 'result')))
    .orderBy(asc(voucherDeliveries.recordedAt));
  return rows.map((r) => r.id);
}

export async function findOrganizationById(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}

/** Locks the pathway's voucher row (if any) for the rest of the transaction. */
export async function lockVoucherOfPathway(tx: DbOrTx, pathwayId: string) {
  const [row] = await tx.select().from(vouchers).where(eq(vouchers.pathwayId, pathwayId)).for('update');
  return row ?? null;
}

/** Closes the active voucher of a pathway that ended; pending deliveries may still be validated. */
export async function closeVoucherOfPathway(tx: DbOrTx, pathwayId: string) {
  const [row] = await tx
    .update(vouchers)
    .set({ status: 'closed', closedAt: sql`now()` })
    .where(and(eq(vouchers.pathwayId, pathwayId), eq(vouchers.status, 'active')))
    .returning({ id: vouchers.id });
  return row?.id ?? null;
}

/**
 * The result-based entitlements of a placement: one recorded delivery per on_result plan line, each at
 * most what is left of the cap after validated and pending amounts (computed in SQL, voucher locked by
 * the caller). They still need a second person's validation to draw the budget down.
 */
export async function insertResultEntitlements(
  tx: DbOrTx,
  v: { voucherId: string; deliveredOn: string; recordedBy: string },
) {
  const lines = await tx
    .select({
      planLineId: voucherPlanLines.id,
      units: voucherPlanLines.plannedUnits,
      fullCents: sql<number>`round(${voucherPlanLines.plannedUnits} * ${voucherPlanLines.unitCostCents})::int`,
    })
    .from(voucherPlanLines)
    .where(and(eq(voucherPlanLines.voucherId, v.voucherId), eq(voucherPlanLines.paymentMode, 'on_result')))
    .orderBy(asc(voucherPlanLines.createdAt), asc(voucherPlanLines.id));
  const [budget] = await tx
    .select({
      free: sql<number>`(v.cap_cents - v.used_cents - coalesce((select sum(d.amount_cents) from ${voucherDeliveries} d where d.voucher_id = v.id and d.status = 'recorded'), 0))::int`,
    })
    .from(sql`${vouchers} v`)
    .where(sql`v.id = ${v.voucherId}`);
  let free = Math.max(0, Number(budget?.free ?? 0));
  const created: { id: string; planLineId: string; amountCents: number; cappedFrom: number }[] = [];
  const skipped: string[] = [];
  for (const l of lines) {
    const full = Number(l.fullCents);
    const amount = Math.min(full, free);
    if (amount <= 0) {
      skipped.push(l.planLineId);
      continue;
    }
    free -= amount;
    const [row] = await tx
      .insert(voucherDeliveries)
      .values({
        voucherId: v.voucherId,
        planLineId: l.planLineId,
        kind: 'result',
        deliveredOn: v.deliveredOn,
        units: l.units,
        amountCents: amount,
        attendanceSigned: true,
        recordedBy: v.recordedBy,
        note: amount < full ? `Capped to the remaining budget (full amount ${full} cents)` : null,
      })
      .returning({ id: voucherDeliveries.id });
    created.push({ id: row!.id, planLineId: l.planLineId, amountCents: amount, cappedFrom: full });
  }
  return { created, skipped };
}

// ---------------------------------------------------------------------------------------------
// Lists and caseload
// ---------------------------------------------------------------------------------------------

export interface CaseloadFilter {
  organizationId: string;
  /** The Italian calendar day (YYYY-MM-DD) for date-based flags. */
  today: string;
  caseWorkerUserId?: string | undefined;
  officeId?: string | undefined;
  state?: PathwayState | undefined;
  personId?: string | undefined;
  programmeId?: string | undefined;
  /** The person's name, surname or fiscal code (partial), as in the people list. */
  q?: string | undefined;
  overdueOnly?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

function baseWhere(f: CaseloadFilter): SQL[] {
  const where: SQL[] = [eq(pathways.organizationId, f.organizationId)];
  if (f.caseWorkerUserId) where.push(eq(pathways.caseWorkerUserId, f.caseWorkerUserId));
  if (f.officeId) where.push(eq(pathways.officeId, f.officeId));
  if (f.state) where.push(eq(pathways.state, f.state));
  if (f.personId) where.push(eq(pathways.personId, f.personId));
  if (f.programmeId) where.push(eq(pathways.programmeId, f.programmeId));
  const search = personSearchCondition(f.q);
  if (search) where.push(sql`${pathways.personId} in (select ${people.id} from ${people} where ${search})`);
  return where;
}

/**
 * The caseload with its overdue items, all computed in SQL: pact not signed within the programme's
 * deadline, past appointments without outcome, vouchers ending within the warning window.
 * Keyset-paginated, newest taking in charge first.
 */
export async function listCaseload(db: DbOrTx, f: CaseloadFilter) {
  const pactOverdue = sql<boolean>`(${pathways.state} in ('taken_in_charge', 'assessed') and ${pathways.takenInChargeAt} < now() - make_interval(days => ${programmes.pactDeadlineDays}))`;
  const pendingAppointments = sql<number>`(select count(*)::int from ${appointments} where ${appointments.pathwayId} = ${pathways.id} and ${appointments.outcome} is null and ${appointments.scheduledAt} < now())`;
  const voucherExpiring = sql<boolean>`coalesce(${vouchers.status} = 'active' and ${vouchers.endDate} <= ${f.today}::date + ${programmes.voucherExpiryWarningDays}, false)`;
  const where = baseWhere(f);
  if (f.overdueOnly) where.push(sql`(${pactOverdue} or ${pendingAppointments} > 0 or ${voucherExpiring})`);
  const c = decodeCursor<unknown>(f.cursor);
  if (c) {
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const [rawAt, id] = Array.isArray(c) ? (c as unknown[]) : [];
    const at = typeof rawAt === 'string' ? new Date(rawAt) : null;
    if (!at || Number.isNaN(at.getTime()) || typeof id !== 'string' || !UUID.test(id))
      throw new DomainError('pagination.invalid_cursor', 400, 'The cursor is not valid; start again');
    where.push(
      or(lt(pathways.takenInChargeAt, at), and(eq(pathways.takenInChargeAt, at), lt(pathways.id, id)))!,
    );
  }
  const rows = await db
    .select({
      ...summaryColumns,
      pactOverdue,
      appointmentsWithoutOutcome: pendingAppointments,
      voucherEndDate: vouchers.endDate,
      voucherExpiring,
    })
    .from(pathways)
    .innerJoin(people, eq(people.id, pathways.personId))
    .innerJoin(programmes, eq(programmes.id, pathways.programmeId))
    .innerJoin(offices, eq(offices.id, pathways.officeId))
    .innerJoin(users, eq(users.id, pathways.caseWorkerUserId))
    .leftJoin(vouchers, eq(vouchers.pathwayId, pathways.id))
    .where(and(...where))
    .orderBy(desc(pathways.takenInChargeAt), desc(pathways.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const pending = Number(r.appointmentsWithoutOutcome);
      const pactLate = Boolean(r.pactOverdue);
      const expiring = Boolean(r.voucherExpiring);
      return {
        ...toSummary(r),
        pactOverdue: pactLate,
        appointmentsWithoutOutcome: pending,
        voucherEndDate: r.voucherEndDate,
        voucherExpiring: expiring,
        overdue: pactLate || pending > 0 || expiring,
      };
    }),
    nextCursor:
      rows.length > f.limit && last ? encodeCursor([last.takenInChargeAt.toISOString(), last.id]) : null,
  };
}

export async function countByState(db: DbOrTx, f: CaseloadFilter) {
  const rows = await db
    .select({ state: pathways.state, n: sql<number>`count(*)::int` })
    .from(pathways)
    .where(and(...baseWhere({ ...f, state: undefined })))
    .groupBy(pathways.state);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export async function userDisplayName(db: DbOrTx, userId: string) {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// A citizen's own view
// ---------------------------------------------------------------------------------------------

/** The most pathways one citizen can list (a person rarely has more than a handful). */
export const OWN_PATHWAYS_MAX = 100;

/**
 * The pathways of the people matched by `own` (the citizen's visibility condition on
 * pathways.person_id), newest taking in charge first; with `pathwayId`, only that one (if owned).
 */
export async function listOwnPathways(db: DbOrTx, own: SQL, pathwayId?: string) {
  const rows = await db
    .select({
      id: pathways.id,
      personId: pathways.personId,
      state: pathways.state,
      stateChangedAt: pathways.stateChangedAt,
      takenInChargeAt: pathways.takenInChargeAt,
      closedAt: pathways.closedAt,
      programmeCode: programmes.code,
      programmeName: programmes.name,
      organizationName: organizations.name,
      officeName: offices.name,
      officeAddress: offices.address,
      caseWorkerName: users.displayName,
    })
    .from(pathways)
    .innerJoin(programmes, eq(programmes.id, pathways.programmeId))
    .innerJoin(organizations, eq(organizations.id, pathways.organizationId))
    .innerJoin(offices, eq(offices.id, pathways.officeId))
    .innerJoin(users, eq(users.id, pathways.caseWorkerUserId))
    .where(and(own, ...(pathwayId ? [eq(pathways.id, pathwayId)] : [])))
    .orderBy(desc(pathways.takenInChargeAt), desc(pathways.id))
    .limit(OWN_PATHWAYS_MAX);
  return rows;
}

/** The timelines of several pathways in one query (oldest first), without actors or internal details. */
export async function listEventsOf(db: DbOrTx, pathwayIds: string[]) {
  if (pathwayIds.length === 0) return [];
  return db
    .select({
      pathwayId: pathwayEvents.pathwayId,
      at: pathwayEvents.at,
      kind: pathwayEvents.kind,
      fromState: pathwayEvents.fromState,
      toState: pathwayEvents.toState,
      reason: pathwayEvents.reason,
    })
    .from(pathwayEvents)
    .where(inArray(pathwayEvents.pathwayId, pathwayIds))
    .orderBy(asc(pathwayEvents.pathwayId), asc(pathwayEvents.at), asc(pathwayEvents.id))
    .limit(TIMELINE_MAX * pathwayIds.length);
}

/** The latest version of a pathway's pact, if any. */
export async function latestPactVersion(db: DbOrTx, pathwayId: string) {
  const [row] = await db
    .select()
    .from(pactVersions)
    .where(eq(pactVersions.pathwayId, pathwayId))
    .orderBy(desc(pactVersions.version))
    .limit(1);
  return row ?? null;
}
