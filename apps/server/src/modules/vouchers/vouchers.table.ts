import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { DELIVERY_KINDS, DELIVERY_STATUSES, PAYMENT_MODES, VOUCHER_STATUSES } from '@trama/contracts';
import { users } from '../identity/identity.table';
import { organizations } from '../organizations/organizations.table';
import { people } from '../people/people.table';
import { pathways } from '../pathways/pathways.table';
import { programmeCatalogueLines, programmes } from '../programmes/programmes.table';
import { inList } from '../../platform/sql';

/**
 * A voucher (dote). `used_cents` is the validated draw-down: it only moves through one atomic
 * UPDATE ... WHERE used_cents + x <= cap_cents, and a CHECK makes overspending impossible anyway.
 */
export const vouchers = pgTable(
  'vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pathwayId: uuid('pathway_id')
      .notNull()
      .references(() => pathways.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    band: smallint('band').notNull(),
    capCents: integer('cap_cents').notNull(),
    usedCents: integer('used_cents').notNull().default(0),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    status: text('status', { enum: VOUCHER_STATUSES }).notNull().default('active'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vouchers_pathway_uq').on(t.pathwayId),
    index('vouchers_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('vouchers_org_end_idx').on(t.organizationId, t.status, t.endDate),
    index('vouchers_programme_idx').on(t.programmeId, t.status),
    index('vouchers_person_idx').on(t.personId),
    check('vouchers_budget_ck', sql`${t.usedCents} >= 0 and ${t.usedCents} <= ${t.capCents}`),
    check('vouchers_cap_ck', sql`${t.capCents} > 0`),
    check('vouchers_dates_ck', sql`${t.endDate} >= ${t.startDate}`),
    check('vouchers_band_ck', sql`${t.band} between 1 and 5`),
    check('vouchers_status_ck', sql`${t.status} in (${inList(VOUCHER_STATUSES)})`),
    check('vouchers_closed_ck', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** The individual plan: catalogue lines with planned units (cost and maximum copied at planning time). */
export const voucherPlanLines = pgTable(
  'voucher_plan_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id),
    catalogueLineId: uuid('catalogue_line_id')
      .notNull()
      .references(() => programmeCatalogueLines.id),
    paymentMode: text('payment_mode', { enum: PAYMENT_MODES }).notNull(),
    unitCostCents: integer('unit_cost_cents').notNull(),
    maxUnits: numeric('max_units', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    plannedUnits: numeric('planned_units', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    validatedUnits: numeric('validated_units', { precision: 10, scale: 2, mode: 'number' })
      .notNull()
      .default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('voucher_plan_lines_line_uq').on(t.voucherId, t.catalogueLineId),
    check('voucher_plan_lines_units_ck', sql`${t.plannedUnits} > 0 and ${t.plannedUnits} <= ${t.maxUnits}`),
    check(
      'voucher_plan_lines_validated_ck',
      sql`${t.validatedUnits} >= 0 and ${t.validatedUnits} <= ${t.maxUnits}`,
    ),
    check('voucher_plan_lines_cost_ck', sql`${t.unitCostCents} > 0`),
  ],
);

/** Deliveries: recorded by one person, validated (drawn down) by another. */
export const voucherDeliveries = pgTable(
  'voucher_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id),
    planLineId: uuid('plan_line_id')
      .notNull()
      .references(() => voucherPlanLines.id),
    kind: text('kind', { enum: DELIVERY_KINDS }).notNull().default('service'),
    deliveredOn: date('delivered_on').notNull(),
    units: numeric('units', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    staffUserId: uuid('staff_user_id').references(() => users.id),
    attendanceSigned: boolean('attendance_signed').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('recorded'),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    validatedBy: uuid('validated_by').references(() => users.id),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectionReason: text('rejection_reason'),
  },
  (t) => [
    index('voucher_deliveries_voucher_idx').on(t.voucherId, t.recordedAt, t.id),
    index('voucher_deliveries_line_idx').on(t.planLineId, t.status),
    index('voucher_deliveries_pending_idx')
      .on(t.voucherId)
      .where(sql`${t.status} = 'recorded'`),
    check('voucher_deliveries_units_ck', sql`${t.units} > 0`),
    check('voucher_deliveries_amount_ck', sql`${t.amountCents} >= 0`),
    check('voucher_deliveries_status_ck', sql`${t.status} in (${inList(DELIVERY_STATUSES)})`),
    check('voucher_deliveries_kind_ck', sql`${t.kind} in (${inList(DELIVERY_KINDS)})`),
    check(
      'voucher_deliveries_second_person_ck',
      sql`${t.validatedBy} is null or ${t.validatedBy} <> ${t.recordedBy}`,
    ),
    check(
      'voucher_deliveries_validated_ck',
      sql`(${t.status} = 'validated') = (${t.validatedBy} is not null and ${t.validatedAt} is not null)`,
    ),
    check('voucher_deliveries_rejected_ck', sql`(${t.status} = 'rejected') = (${t.rejectedBy} is not null)`),
  ],
);
