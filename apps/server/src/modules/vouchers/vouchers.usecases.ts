import { amountCents } from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import { readTogether, type Db, type DbOrTx } from '../../platform/db';
import { audit } from '../audit';
import { todayInItaly } from '../organizations';
import { appendPathwayEvent, applyTransition, loadPathwayForActor } from '../pathways';
import { findBand, findCatalogueLines } from '../programmes';
import {
  alreadyIssued,
  attendanceNotSigned,
  bandMissing,
  beforeStart,
  budgetExceeded,
  catalogueLineInvalid,
  deliveryInFuture,
  deliveryNotFound,
  deliveryNotPending,
  expired,
  lineMaxExceeded,
  pathwayNotReady,
  planExceedsCap,
  planLineNotFound,
  plannedBelowValidated,
  plannedUnitsTooMany,
  resultLineManual,
  sameValidator,
  staffNotMember,
  validityInvalid,
  validityTooLong,
  voucherClosed,
  voucherForbidden,
  voucherNotFound,
  voucherNotVisible,
} from './vouchers.errors';
import { canManageVoucher, canValidateDelivery, isVoucherOperator } from './vouchers.policies';
import * as repo from './vouchers.repository';

type Ctx = RequestContext & { actor: Actor };

/** The voucher if the actor may manage it: 403 for non-operators, audited 404 for other organisations. */
async function loadVoucherForActor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  if (!isVoucherOperator(actor)) throw voucherForbidden();
  const v = await repo.findVoucher(db, id, opts);
  if (!v) throw voucherNotFound();
  if (!canManageVoucher(actor, v)) throw voucherNotVisible();
  return v;
}

async function voucherView(db: DbOrTx, id: string) {
  const [summary, ledger, plan] = await readTogether(db, [
    () => repo.voucherSummary(db, id, todayInItaly()),
    () => repo.ledger(db, id),
    () => repo.planView(db, id),
  ]);
  if (!summary || !ledger) throw voucherNotFound();
  return { ...summary, ledger, plan };
}

type PlanInput = { catalogueLineId: string; plannedUnits: number };

/** Validates plan lines against the programme catalogue and returns the rows to upsert. */
async function resolvePlan(tx: DbOrTx, programmeId: string, plan: readonly PlanInput[]) {
  const ids = [...new Set(plan.map((p) => p.catalogueLineId))];
  const lines = new Map((await findCatalogueLines(tx, programmeId, ids)).map((l) => [l.id, l]));
  return plan.map((p) => {
    const line = lines.get(p.catalogueLineId);
    if (!line || !line.active) throw catalogueLineInvalid(p.catalogueLineId);
    if (p.plannedUnits > line.maxUnitsPerVoucher) throw plannedUnitsTooMany(line.maxUnitsPerVoucher);
    return {
      catalogueLineId: line.id,
      paymentMode: line.paymentMode,
      unitCostCents: line.unitCostCents,
      maxUnits: line.maxUnitsPerVoucher,
      plannedUnits: p.plannedUnits,
    };
  });
}

export async function issueVoucher(
  db: Db,
  ctx: Ctx,
  input: {
    pathwayId: string;
    startDate?: string | undefined;
    endDate?: string | undefined;
    plan: PlanInput[];
  },
) {
  const id = await db.transaction(async (tx) => {
    const p = await loadPathwayForActor(tx, ctx.actor, input.pathwayId, { forUpdate: true });
    if (p.state !== 'pact_signed') throw pathwayNotReady(p.state);
    if (p.intensityBand === null) throw bandMissing();
    const band = await findBand(tx, p.programmeId, p.intensityBand);
    if (!band) throw bandMissing();
    const startDate = input.startDate ?? todayInItaly();
    const maxEnd = await repo.maxEndDate(tx, startDate, band.durationMonths);
    const endDate = input.endDate ?? maxEnd;
    if (endDate < startDate) throw validityInvalid();
    if (endDate > maxEnd) throw validityTooLong(maxEnd);
    const v = await repo.insertVoucher(tx, {
      pathwayId: p.id,
      programmeId: p.programmeId,
      organizationId: p.organizationId,
      personId: p.personId,
      band: band.band,
      capCents: band.capCents,
      startDate,
      endDate,
      createdBy: ctx.actor.userId,
    });
    if (!v) throw alreadyIssued();
    const plan = await resolvePlan(tx, p.programmeId, input.plan);
    await repo.upsertPlanLines(tx, v.id, plan);
    const planned = await repo.plannedTotal(tx, v.id);
    if (planned > v.capCents) throw planExceedsCap(planned, v.capCents);
    await applyTransition(tx, ctx, p, 'start_delivery', { details: { voucherId: v.id } });
    await appendPathwayEvent(tx, ctx, p.id, 'voucher.issued', {
      voucherId: v.id,
      band: v.band,
      capCents: v.capCents,
      startDate: v.startDate,
      endDate: v.endDate,
      plannedCents: planned,
    });
    await audit(tx, ctx, {
      action: 'vouchers.create',
      entityType: 'voucher',
      entityId: v.id,
      details: { pathwayId: p.id, capCents: v.capCents, band: v.band },
    });
    return v.id;
  });
  return voucherView(db, id);
}

export async function upsertPlanLine(db: Db, ctx: Ctx, voucherId: string, input: PlanInput) {
  await db.transaction(async (tx) => {
    const v = await loadVoucherForActor(tx, ctx.actor, voucherId, { forUpdate: true });
    if (v.status !== 'active') throw voucherClosed();
    const [line] = await resolvePlan(tx, v.programmeId, [input]);
    const existing = (await repo.findPlanLines(tx, voucherId)).find(
      (l) => l.catalogueLineId === line!.catalogueLineId,
    );
    if (existing && input.plannedUnits < existing.validatedUnits) throw plannedBelowValidated();
    await repo.upsertPlanLines(tx, voucherId, [line!]);
    const planned = await repo.plannedTotal(tx, voucherId);
    if (planned > v.capCents) throw planExceedsCap(planned, v.capCents);
    await appendPathwayEvent(tx, ctx, v.pathwayId, 'voucher.plan_changed', {
      voucherId,
      catalogueLineId: input.catalogueLineId,
      plannedUnits: input.plannedUnits,
    });
    await audit(tx, ctx, {
      action: 'vouchers.plan_update',
      entityType: 'voucher',
      entityId: voucherId,
      details: { catalogueLineId: input.catalogueLineId, plannedUnits: input.plannedUnits },
    });
  });
  return voucherView(db, voucherId);
}

export async function getVoucher(db: Db, ctx: Ctx, id: string) {
  const v = await loadVoucherForActor(db, ctx.actor, id);
  const view = await voucherView(db, id);
  await audit(db, ctx, {
    action: 'vouchers.read',
    entityType: 'voucher',
    entityId: id,
    details: { personId: v.personId },
  });
  return view;
}

export async function listVouchers(
  db: Db,
  ctx: Ctx,
  q: {
    pathwayId?: string | undefined;
    status?: 'active' | 'closed' | undefined;
    expiringWithinDays?: number | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  if (!isVoucherOperator(ctx.actor)) throw voucherForbidden();
  return repo.listVouchers(db, { ...q, organizationId: ctx.actor.organizationId!, today: todayInItaly() });
}

// ---------------------------------------------------------------------------------------------
// Deliveries
// ---------------------------------------------------------------------------------------------

export async function recordDelivery(
  db: Db,
  ctx: Ctx,
  voucherId: string,
  input: {
    planLineId: string;
    deliveredOn: string;
    units: number;
    staffUserId?: string | undefined;
    attendanceSigned: boolean;
    note?: string | null | undefined;
  },
) {
  const id = await db.transaction(async (tx) => {
    const v = await loadVoucherForActor(tx, ctx.actor, voucherId);
    const today = todayInItaly();
    if (input.deliveredOn > today) throw deliveryInFuture();
    if (input.deliveredOn < v.startDate) throw beforeStart(v.startDate);
    if (input.deliveredOn > v.endDate) throw expired(v.endDate);
    if (v.status === 'closed' && v.closedAt && input.deliveredOn > todayInItaly(v.closedAt))
      throw voucherClosed();
    const line = await repo.findPlanLine(tx, voucherId, input.planLineId);
    if (!line) throw planLineNotFound();
    if (line.paymentMode === 'on_result') throw resultLineManual();
    const staff = input.staffUserId ?? ctx.actor.userId;
    if (staff !== ctx.actor.userId && !(await repo.isActiveMember(tx, staff, v.organizationId)))
      throw staffNotMember();
    const inUse = await repo.lineUnitsInUse(tx, line.id);
    if (Math.round((inUse + input.units) * 100) > Math.round(line.maxUnits * 100))
      throw lineMaxExceeded(line.maxUnits);
    const amount = amountCents(input.units, line.unitCostCents);
    // Early, friendly refusal; the binding check is the atomic draw-down at validation.
    if (v.usedCents + amount > v.capCents) throw budgetExceeded(v.capCents - v.usedCents, amount);
    const d = await repo.insertDelivery(tx, {
      voucherId,
      planLineId: line.id,
      kind: 'service',
      deliveredOn: input.deliveredOn,
      units: input.units,
      amountCents: amount,
      staffUserId: staff,
      attendanceSigned: input.attendanceSigned,
      note: input.note ?? null,
      recordedBy: ctx.actor.userId,
    });
    await appendPathwayEvent(tx, ctx, v.pathwayId, 'delivery.recorded', {
      voucherId,
      deliveryId: d.id,
      planLineId: line.id,
      units: input.units,
      amountCents: amount,
      deliveredOn: input.deliveredOn,
    });
    await audit(tx, ctx, {
      action: 'vouchers.delivery_create',
      entityType: 'voucher',
      entityId: voucherId,
      details: { deliveryId: d.id, amountCents: amount },
    });
    return d.id;
  });
  return (await repo.deliveryView(db, id))!;
}

/**
 * Second-person validation. In one transaction: claim the delivery, add the units to the line within
 * its maximum, draw the budget down within the cap. Any refusal rolls everything back.
 */
export async function validateDelivery(db: Db, ctx: Ctx, voucherId: string, deliveryId: string) {
  await db.transaction(async (tx) => {
    const v = await loadVoucherForActor(tx, ctx.actor, voucherId);
    const d = await repo.findDelivery(tx, voucherId, deliveryId);
    if (!d) throw deliveryNotFound();
    if (d.status !== 'recorded') throw deliveryNotPending();
    if (!canValidateDelivery(ctx.actor, d)) throw sameValidator();
    if (d.kind === 'service' && !d.attendanceSigned) throw attendanceNotSigned();
    const claimed = await repo.markValidated(tx, deliveryId, ctx.actor.userId);
    if (!claimed) throw deliveryNotPending();
    const line = await repo.findPlanLine(tx, voucherId, d.planLineId);
    await repo.addValidatedUnits(tx, d.planLineId, d.units, line!.maxUnits);
    const after = await repo.drawDown(tx, voucherId, d.amountCents);
    await appendPathwayEvent(tx, ctx, v.pathwayId, 'delivery.validated', {
      voucherId,
      deliveryId,
      amountCents: d.amountCents,
      usedCents: after.usedCents,
      remainingCents: after.capCents - after.usedCents,
    });
    await audit(tx, ctx, {
      action: 'vouchers.delivery_validate',
      entityType: 'voucher',
      entityId: voucherId,
      details: { deliveryId, amountCents: d.amountCents, usedCents: after.usedCents },
    });
  });
  const [delivery, ledger] = await readTogether(db, [
    () => repo.deliveryView(db, deliveryId),
    () => repo.ledger(db, voucherId),
  ]);
  return { delivery: delivery!, ledger: ledger! };
}

export async function rejectDelivery(
  db: Db,
  ctx: Ctx,
  voucherId: string,
  deliveryId: string,
  reason: string,
) {
  await db.transaction(async (tx) => {
    const v = await loadVoucherForActor(tx, ctx.actor, voucherId);
    const d = await repo.findDelivery(tx, voucherId, deliveryId);
    if (!d) throw deliveryNotFound();
    const row = await repo.markRejected(tx, deliveryId, ctx.actor.userId, reason);
    if (!row) throw deliveryNotPending();
    await appendPathwayEvent(tx, ctx, v.pathwayId, 'delivery.rejected', { voucherId, deliveryId }, reason);
    await audit(tx, ctx, {
      action: 'vouchers.delivery_reject',
      entityType: 'voucher',
      entityId: voucherId,
      details: { deliveryId },
    });
  });
  return (await repo.deliveryView(db, deliveryId))!;
}

export async function listDeliveries(
  db: Db,
  ctx: Ctx,
  voucherId: string,
  q: {
    status?: 'recorded' | 'validated' | 'rejected' | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  await loadVoucherForActor(db, ctx.actor, voucherId);
  return repo.listDeliveries(db, { ...q, voucherId });
}
