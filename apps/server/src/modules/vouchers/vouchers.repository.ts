import { and, asc, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { VoucherLedger } from '@trama/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { DbOrTx } from '../../platform/db';
import { memberships, users } from '../identity/identity.table';
import { programmeCatalogueLines, programmes } from '../programmes/programmes.table';
import { budgetExceeded, lineMaxExceeded } from './vouchers.errors';
import { voucherDeliveries, voucherPlanLines, vouchers } from './vouchers.table';

export type VoucherRow = typeof vouchers.$inferSelect;
export type PlanLineRow = typeof voucherPlanLines.$inferSelect;
export type DeliveryRow = typeof voucherDeliveries.$inferSelect;

const checkViolation = (err: unknown, constraint: string) => {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const c = e as { code?: string; constraint?: string; cause?: unknown };
    if (c.code === '23514' || c.code === '23505') return c.constraint === constraint;
    e = c.cause;
  }
  return false;
};

// ---------------------------------------------------------------------------------------------
// Vouchers and plan
// ---------------------------------------------------------------------------------------------

/** Inserts the voucher; the end date defaults to start + band months - 1 day, computed in SQL. */
export async function insertVoucher(
  tx: DbOrTx,
  v: {
    pathwayId: string;
    programmeId: string;
    organizationId: string;
    personId: string;
    band: number;
    capCents: number;
    startDate: string;
    endDate: string;
    createdBy: string;
  },
) {
  try {
    const [row] = await tx.insert(vouchers).values(v).returning();
    return row!;
  } catch (err) {
    if (checkViolation(err, 'vouchers_pathway_uq')) return null;
    throw err;
  }
}

/** The default (and maximum) end date of a validity of `months` from `start`: start + months - 1 day. */
export async function maxEndDate(db: DbOrTx, start: string, months: number) {
  const [row] = await db
    .select({
      maxEnd: sql<string>`to_char((${start}::date + make_interval(months => ${months}))::date - 1, 'YYYY-MM-DD')`,
    })
    .from(sql`(select 1) as one`);
  return row!.maxEnd;
}

export async function findVoucher(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(vouchers).where(eq(vouchers.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findPlanLines(db: DbOrTx, voucherId: string) {
  return db.select().from(voucherPlanLines).where(eq(voucherPlanLines.voucherId, voucherId));
}

export async function findPlanLine(db: DbOrTx, voucherId: string, planLineId: string) {
  const [row] = await db
    .select()
    .from(voucherPlanLines)
    .where(and(eq(voucherPlanLines.id, planLineId), eq(voucherPlanLines.voucherId, voucherId)));
  return row ?? null;
}

/** Inserts or updates plan lines (one row per catalogue line). */
export async function upsertPlanLines(
  tx: DbOrTx,
  voucherId: string,
  lines: {
    catalogueLineId: string;
    paymentMode: 'per_unit' | 'on_result';
    unitCostCents: number;
    maxUnits: number;
    plannedUnits: number;
  }[],
) {
  if (lines.length === 0) return [];
  return tx
    .insert(voucherPlanLines)
    .values(lines.map((l) => ({ ...l, voucherId })))
    .onConflictDoUpdate({
      target: [voucherPlanLines.voucherId, voucherPlanLines.catalogueLineId],
      set: { plannedUnits: sql`excluded.planned_units` },
    })
    .returning();
}

/** Total of the plan in cents (rounded per line), in SQL. */
export async function plannedTotal(db: DbOrTx, voucherId: string) {
  const [row] = await db
    .select({
      total: sql<number>`coalesce(sum(round(${voucherPlanLines.plannedUnits} * ${voucherPlanLines.unitCostCents})), 0)::bigint`,
    })
    .from(voucherPlanLines)
    .where(eq(voucherPlanLines.voucherId, voucherId));
  return Number(row?.total ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Ledger
// ---------------------------------------------------------------------------------------------

/** The ledger of a voucher, computed in SQL in one statement. */
export async function ledger(db: DbOrTx, voucherId: string): Promise<VoucherLedger | null> {
  const [row] = await db
    .select({
      capCents: vouchers.capCents,
      plannedCents: sql<number>`(select coalesce(sum(round(pl.planned_units * pl.unit_cost_cents)), 0)::int from ${voucherPlanLines} pl where pl.voucher_id = ${vouchers.id})`,
      deliveredCents: sql<number>`coalesce(d.delivered, 0)::int`,
      pendingCents: sql<number>`coalesce(d.pending, 0)::int`,
      validatedCents: sql<number>`coalesce(d.validated, 0)::int`,
      remainingCents: sql<number>`(${vouchers.capCents} - ${vouchers.usedCents})::int`,
    })
    .from(vouchers)
    .leftJoin(
      sql`lateral (select sum(x.amount_cents) filter (where x.status in ('recorded', 'validated')) as delivered,
                          sum(x.amount_cents) filter (where x.status = 'recorded') as pending,
                          sum(x.amount_cents) filter (where x.status = 'validated') as validated
                   from ${voucherDeliveries} x where x.voucher_id = ${vouchers.id}) d`,
      sql`true`,
    )
    .where(eq(vouchers.id, voucherId));
  if (!row) return null;
  return {
    capCents: row.capCents,
    plannedCents: Number(row.plannedCents),
    deliveredCents: Number(row.deliveredCents),
    pendingCents: Number(row.pendingCents),
    validatedCents: Number(row.validatedCents),
    remainingCents: Number(row.remainingCents),
  };
}

/** The plan with per-line figures, computed in SQL. */
export async function planView(db: DbOrTx, voucherId: string) {
  const rows = await db
    .select({
      id: voucherPlanLines.id,
      catalogueLineId: voucherPlanLines.catalogueLineId,
      code: programmeCatalogueLines.code,
      name: programmeCatalogueLines.name,
      paymentMode: voucherPlanLines.paymentMode,
      unit: programmeCatalogueLines.unit,
      unitCostCents: voucherPlanLines.unitCostCents,
      maxUnits: voucherPlanLines.maxUnits,
      plannedUnits: voucherPlanLines.plannedUnits,
      plannedCents: sql<number>`round(${voucherPlanLines.plannedUnits} * ${voucherPlanLines.unitCostCents})::int`,
      deliveredUnits: sql<number>`(select coalesce(sum(x.units), 0)::float8 from ${voucherDeliveries} x where x.plan_line_id = ${voucherPlanLines.id} and x.status in ('recorded', 'validated'))`,
      validatedUnits: voucherPlanLines.validatedUnits,
      validatedCents: sql<number>`(select coalesce(sum(x.amount_cents), 0)::int from ${voucherDeliveries} x where x.plan_line_id = ${voucherPlanLines.id} and x.status = 'validated')`,
    })
    .from(voucherPlanLines)
    .innerJoin(programmeCatalogueLines, eq(programmeCatalogueLines.id, voucherPlanLines.catalogueLineId))
    .where(eq(voucherPlanLines.voucherId, voucherId))
    .orderBy(asc(programmeCatalogueLines.code));
  return rows.map((r) => ({
    ...r,
    plannedCents: Number(r.plannedCents),
    deliveredUnits: Number(r.deliveredUnits),
    validatedCents: Number(r.validatedCents),
  }));
}

const summaryColumns = (today: string) => ({
  id: vouchers.id,
  pathwayId: vouchers.pathwayId,
  programmeId: vouchers.programmeId,
  programmeCode: programmes.code,
  organizationId: vouchers.organizationId,
  personId: vouchers.personId,
  band: vouchers.band,
  status: vouchers.status,
  startDate: vouchers.startDate,
  endDate: vouchers.endDate,
  expired: sql<boolean>`(${vouchers.endDate} < ${today}::date)`,
  capCents: vouchers.capCents,
  usedCents: vouchers.usedCents,
  closedAt: vouchers.closedAt,
  createdAt: vouchers.createdAt,
});

const toSummary = <T extends { closedAt: Date | null; createdAt: Date; expired: boolean }>(r: T) => ({
  ...r,
  expired: Boolean(r.expired),
  closedAt: r.closedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export async function voucherSummary(db: DbOrTx, id: string, today: string) {
  const [row] = await db
    .select(summaryColumns(today))
    .from(vouchers)
    .innerJoin(programmes, eq(programmes.id, vouchers.programmeId))
    .where(eq(vouchers.id, id));
  return row ? toSummary(row) : null;
}

export async function listVouchers(
  db: DbOrTx,
  f: {
    organizationId: string;
    today: string;
    pathwayId?: string | undefined;
    status?: 'active' | 'closed' | undefined;
    expiringWithinDays?: number | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const where: SQL[] = [eq(vouchers.organizationId, f.organizationId)];
  if (f.pathwayId) where.push(eq(vouchers.pathwayId, f.pathwayId));
  if (f.status) where.push(eq(vouchers.status, f.status));
  if (f.expiringWithinDays !== undefined)
    where.push(
      sql`${vouchers.status} = 'active' and ${vouchers.endDate} <= ${f.today}::date + ${f.expiringWithinDays}::int`,
    );
  const c = decodeCursor<[string, string]>(f.cursor);
  if (c) {
    const at = new Date(c[0]);
    where.push(or(lt(vouchers.createdAt, at), and(eq(vouchers.createdAt, at), lt(vouchers.id, c[1])))!);
  }
  const rows = await db
    .select(summaryColumns(f.today))
    .from(vouchers)
    .innerJoin(programmes, eq(programmes.id, vouchers.programmeId))
    .where(and(...where))
    .orderBy(desc(vouchers.createdAt), desc(vouchers.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Deliveries
// ---------------------------------------------------------------------------------------------

export async function isActiveMember(db: DbOrTx, userId: string, organizationId: string) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, 'operator_staff'),
        sql`${memberships.revokedAt} is null`,
        eq(users.status, 'active'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Units of the line recorded or validated so far (for the per-line maximum). */
export async function lineUnitsInUse(db: DbOrTx, planLineId: string) {
  const [row] = await db
    .select({ units: sql<number>`coalesce(sum(${voucherDeliveries.units}), 0)::float8` })
    .from(voucherDeliveries)
    .where(
      and(
        eq(voucherDeliveries.planLineId, planLineId),
        sql`${voucherDeliveries.status} in ('recorded', 'validated')`,
      ),
    );
  return Number(row?.units ?? 0);
}

export async function insertDelivery(tx: DbOrTx, values: typeof voucherDeliveries.$inferInsert) {
  const [row] = await tx.insert(voucherDeliveries).values(values).returning();
  return row!;
}

export async function findDelivery(db: DbOrTx, voucherId: string, id: string) {
  const [row] = await db
    .select()
    .from(voucherDeliveries)
    .where(and(eq(voucherDeliveries.id, id), eq(voucherDeliveries.voucherId, voucherId)));
  return row ?? null;
}

/** Claims a recorded delivery for validation (atomic: a concurrent validation of it finds nothing). */
export async function markValidated(tx: DbOrTx, id: string, validatorId: string) {
  const [row] = await tx
    .update(voucherDeliveries)
    .set({ status: 'validated', validatedBy: validatorId, validatedAt: sql`now()` })
    .where(and(eq(voucherDeliveries.id, id), eq(voucherDeliveries.status, 'recorded')))
    .returning();
  return row ?? null;
}

export async function markRejected(tx: DbOrTx, id: string, userId: string, reason: string) {
  const [row] = await tx
    .update(voucherDeliveries)
    .set({ status: 'rejected', rejectedBy: userId, rejectionReason: reason })
    .where(and(eq(voucherDeliveries.id, id), eq(voucherDeliveries.status, 'recorded')))
    .returning();
  return row ?? null;
}

/**
 * Adds validated units to the plan line only if the line's maximum holds, in one statement: the row
 * lock serialises concurrent validations and the condition is re-checked on the latest row.
 */
export async function addValidatedUnits(tx: DbOrTx, planLineId: string, units: number, maxUnits: number) {
  try {
    const [row] = await tx
      .update(voucherPlanLines)
      .set({ validatedUnits: sql`${voucherPlanLines.validatedUnits} + ${units}::numeric` })
      .where(
        and(
          eq(voucherPlanLines.id, planLineId),
          sql`${voucherPlanLines.validatedUnits} + ${units}::numeric <= ${voucherPlanLines.maxUnits}`,
        ),
      )
      .returning({ id: voucherPlanLines.id });
    if (!row) throw lineMaxExceeded(maxUnits);
  } catch (err) {
    if (checkViolation(err, 'voucher_plan_lines_validated_ck')) throw lineMaxExceeded(maxUnits);
    throw err;
  }
}

/**
 * Draws the budget down atomically: UPDATE ... WHERE used + amount <= cap. Under concurrency PostgreSQL
 * re-evaluates the condition on the row as committed by the transaction it waited for, so the sum of
 * validated amounts can never pass the cap (and the CHECK vouchers_budget_ck backs it up).
 */
export async function drawDown(tx: DbOrTx, voucherId: string, amountCents: number) {
  try {
    const [row] = await tx
      .update(vouchers)
      .set({ usedCents: sql`${vouchers.usedCents} + ${amountCents}::int` })
      .where(
        and(
          eq(vouchers.id, voucherId),
          sql`${vouchers.usedCents} + ${amountCents}::int <= ${vouchers.capCents}`,
        ),
      )
      .returning({ usedCents: vouchers.usedCents, capCents: vouchers.capCents });
    if (row) return row;
  } catch (err) {
    if (!checkViolation(err, 'vouchers_budget_ck')) throw err;
  }
  const [now] = await tx
    .select({ usedCents: vouchers.usedCents, capCents: vouchers.capCents })
    .from(vouchers)
    .where(eq(vouchers.id, voucherId));
  throw budgetExceeded(now ? now.capCents - now.usedCents : 0, amountCents);
}

const deliveryColumns = {
  id: voucherDeliveries.id,
  voucherId: voucherDeliveries.voucherId,
  planLineId: voucherDeliveries.planLineId,
  lineCode: programmeCatalogueLines.code,
  kind: voucherDeliveries.kind,
  deliveredOn: voucherDeliveries.deliveredOn,
  units: voucherDeliveries.units,
  amountCents: voucherDeliveries.amountCents,
  staffUserId: voucherDeliveries.staffUserId,
  attendanceSigned: voucherDeliveries.attendanceSigned,
  status: voucherDeliveries.status,
  note: voucherDeliveries.note,
  recordedBy: voucherDeliveries.recordedBy,
  recordedAt: voucherDeliveries.recordedAt,
  validatedBy: voucherDeliveries.validatedBy,
  validatedAt: voucherDeliveries.validatedAt,
  rejectionReason: voucherDeliveries.rejectionReason,
};

const toDelivery = <T extends { recordedAt: Date; validatedAt: Date | null }>(r: T) => ({
  ...r,
  recordedAt: r.recordedAt.toISOString(),
  validatedAt: r.validatedAt?.toISOString() ?? null,
});

export async function deliveryView(db: DbOrTx, id: string) {
  const [row] = await db
    .select(deliveryColumns)
    .from(voucherDeliveries)
    .innerJoin(voucherPlanLines, eq(voucherPlanLines.id, voucherDeliveries.planLineId))
    .innerJoin(programmeCatalogueLines, eq(programmeCatalogueLines.id, voucherPlanLines.catalogueLineId))
    .where(eq(voucherDeliveries.id, id));
  return row ? toDelivery(row) : null;
}

export async function listDeliveries(
  db: DbOrTx,
  f: {
    voucherId: string;
    status?: 'recorded' | 'validated' | 'rejected' | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const where: SQL[] = [eq(voucherDeliveries.voucherId, f.voucherId)];
  if (f.status) where.push(eq(voucherDeliveries.status, f.status));
  const c = decodeCursor<[string, string]>(f.cursor);
  if (c) {
    const at = new Date(c[0]);
    where.push(
      or(
        lt(voucherDeliveries.recordedAt, at),
        and(eq(voucherDeliveries.recordedAt, at), lt(voucherDeliveries.id, c[1])),
      )!,
    );
  }
  const rows = await db
    .select(deliveryColumns)
    .from(voucherDeliveries)
    .innerJoin(voucherPlanLines, eq(voucherPlanLines.id, voucherDeliveries.planLineId))
    .innerJoin(programmeCatalogueLines, eq(programmeCatalogueLines.id, voucherPlanLines.catalogueLineId))
    .where(and(...where))
    .orderBy(desc(voucherDeliveries.recordedAt), desc(voucherDeliveries.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.recordedAt.toISOString(), last.id]) : null,
  };
}
