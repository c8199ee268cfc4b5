import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, Uuid, pageOf } from './common';
import { MAX_UNITS_PER_LINE, PaymentMode, ServiceUnit } from './programmes';

/**
 * Vouchers (dote): a cap in euro cents, a validity, an individual plan of catalogue lines, deliveries
 * validated by a second person. Amounts are integer cents; units have at most two decimals.
 */

export const VOUCHER_STATUSES = ['active', 'closed'] as const;
export const VoucherStatus = z.enum(VOUCHER_STATUSES);

/** Units (hours, sessions, lump sums): positive, at most two decimals. */
export const Units = z
  .number()
  .positive()
  .max(MAX_UNITS_PER_LINE)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { message: 'units_two_decimals' });

/** Amount of `units` at `unitCostCents`, rounded half up to the cent, in integer arithmetic. */
export function amountCents(units: number, unitCostCents: number): number {
  const hundredths = Math.round(units * 100);
  return Math.floor((hundredths * unitCostCents + 50) / 100);
}

export const PlanLineInput = z.object({
  catalogueLineId: Uuid,
  plannedUnits: Units,
});

export const VoucherInput = z.object({
  pathwayId: Uuid,
  startDate: IsoDate.optional().describe('Default: today'),
  endDate: IsoDate.optional().describe(
    "Default and maximum: the day before start date plus the band's duration (the band is the assessed one)",
  ),
  plan: z.array(PlanLineInput).max(50).default([]),
});

export const PlanLineUpsert = PlanLineInput;

export const PlanLine = z.object({
  id: Uuid,
  catalogueLineId: Uuid,
  code: z.string(),
  name: z.string(),
  paymentMode: PaymentMode,
  unit: ServiceUnit,
  unitCostCents: z.int(),
  maxUnits: z.number(),
  plannedUnits: z.number(),
  plannedCents: z.int(),
  deliveredUnits: z.number().describe('Recorded, not yet validated, plus validated'),
  validatedUnits: z.number(),
  validatedCents: z.int(),
});

export const VoucherLedger = z.object({
  capCents: z.int(),
  plannedCents: z.int(),
  deliveredCents: z.int().describe('Recorded deliveries awaiting validation plus validated ones'),
  pendingCents: z.int().describe('Recorded, awaiting validation'),
  validatedCents: z.int().describe('Drawn down from the budget'),
  remainingCents: z.int().describe('Cap minus validated'),
});
export type VoucherLedger = z.infer<typeof VoucherLedger>;

export const VoucherSummary = z.object({
  id: Uuid,
  pathwayId: Uuid,
  programmeId: Uuid,
  programmeCode: z.string(),
  organizationId: Uuid,
  personId: Uuid,
  band: z.int(),
  status: VoucherStatus,
  startDate: z.string(),
  endDate: z.string(),
  expired: z.boolean().describe('The end date is past'),
  capCents: z.int(),
  usedCents: z.int(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const Voucher = VoucherSummary.extend({
  ledger: VoucherLedger,
  plan: z.array(PlanLine),
});
export type Voucher = z.infer<typeof Voucher>;

export const VoucherQuery = CursorQuery.extend({
  pathwayId: Uuid.optional(),
  status: VoucherStatus.optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(365).optional(),
});
export const VoucherPage = pageOf(VoucherSummary);

export const DELIVERY_STATUSES = ['recorded', 'validated', 'rejected'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export const DELIVERY_KINDS = ['service', 'result'] as const;

export const DeliveryInput = z.object({
  planLineId: Uuid,
  deliveredOn: IsoDate,
  units: Units,
  staffUserId: Uuid.optional().describe('Who delivered the service (default: the acting user)'),
  attendanceSigned: z.boolean().describe('The attendance sheet is signed by the person'),
  note: z.string().trim().max(LIMITS.longText).nullable().optional(),
});

export const DeliveryRejectInput = z.object({
  reason: z.string().trim().min(2).max(LIMITS.longText),
});

export const Delivery = z.object({
  id: Uuid,
  voucherId: Uuid,
  planLineId: Uuid,
  lineCode: z.string(),
  kind: z.enum(DELIVERY_KINDS),
  deliveredOn: z.string(),
  units: z.number(),
  amountCents: z.int(),
  staffUserId: Uuid.nullable(),
  attendanceSigned: z.boolean(),
  status: DeliveryStatus,
  note: z.string().nullable(),
  recordedBy: Uuid,
  recordedAt: z.string(),
  validatedBy: Uuid.nullable(),
  validatedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryQuery = CursorQuery.extend({ status: DeliveryStatus.optional() });
export const DeliveryPage = pageOf(Delivery);

export const DeliveryValidation = z.object({
  delivery: Delivery,
  ledger: VoucherLedger,
});
