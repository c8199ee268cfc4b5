import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { PAYMENT_MODES, PROGRAMME_STATUSES, SERVICE_UNITS } from '@trama/contracts';
import { users } from '../identity/identity.table';
import { inList } from '../../platform/sql';

/**
 * A labour-policy programme (GOL, Dote Unica Lavoro, ...) and its parameters. `illustrative` marks
 * figures that do not come from an official act (the UI must say so).
 */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status', { enum: PROGRAMME_STATUSES }).notNull().default('active'),
    illustrative: boolean('illustrative').notNull().default(true),
    sourceNote: text('source_note'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    minNoticeHours: integer('min_notice_hours').notNull().default(24),
    pactDeadlineDays: integer('pact_deadline_days').notNull().default(30),
    voucherExpiryWarningDays: integer('voucher_expiry_warning_days').notNull().default(30),
    handoverDays: integer('handover_days').notNull().default(30),
    resultMinContractDays: integer('result_min_contract_days').notNull().default(180),
    /** Collective re-employment (crises): outcome threshold and the reduction applied below it. */
    collectiveOutcomeThresholdPct: integer('collective_outcome_threshold_pct').notNull().default(50),
    collectiveShortfallReductionPct: integer('collective_shortfall_reduction_pct').notNull().default(30),
    questionnaireVersion: text('questionnaire_version').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('programmes_code_uq').on(t.code),
    index('programmes_status_code_idx').on(t.status, t.code),
    check('programmes_status_ck', sql`${t.status} in (${inList(PROGRAMME_STATUSES)})`),
    check(
      'programmes_dates_ck',
      sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
    check(
      'programmes_collective_ck',
      sql`${t.collectiveOutcomeThresholdPct} between 0 and 100 and ${t.collectiveShortfallReductionPct} between 0 and 100`,
    ),
    check(
      'programmes_params_ck',
      sql`${t.minNoticeHours} >= 0 and ${t.pactDeadlineDays} > 0 and ${t.voucherExpiryWarningDays} > 0 and ${t.handoverDays} >= 0 and ${t.resultMinContractDays} > 0`,
    ),
  ],
);

/** Intensity bands: the cap (integer cents) and duration of a voucher. */
export const programmeBands = pgTable(
  'programme_bands',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    band: smallint('band').notNull(),
    name: text('name').notNull(),
    capCents: integer('cap_cents').notNull(),
    durationMonths: smallint('duration_months').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.band] }),
    check('programme_bands_band_ck', sql`${t.band} between 1 and 5`),
    check('programme_bands_cap_ck', sql`${t.capCents} > 0`),
    check('programme_bands_duration_ck', sql`${t.durationMonths} between 1 and 36`),
  ],
);

/** The service catalogue: what a voucher may pay for, per unit or on result. */
export const programmeCatalogueLines = pgTable(
  'programme_catalogue_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    paymentMode: text('payment_mode', { enum: PAYMENT_MODES }).notNull(),
    unit: text('unit', { enum: SERVICE_UNITS }).notNull(),
    unitCostCents: integer('unit_cost_cents').notNull(),
    maxUnitsPerVoucher: integer('max_units_per_voucher').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('programme_catalogue_lines_code_uq').on(t.programmeId, t.code),
    check('programme_catalogue_lines_mode_ck', sql`${t.paymentMode} in (${inList(PAYMENT_MODES)})`),
    check('programme_catalogue_lines_unit_ck', sql`${t.unit} in (${inList(SERVICE_UNITS)})`),
    check('programme_catalogue_lines_cost_ck', sql`${t.unitCostCents} > 0`),
    check('programme_catalogue_lines_max_ck', sql`${t.maxUnitsPerVoucher} > 0`),
  ],
);

/**
 * Profiling rule sets, versioned and immutable: a new version is a new row, and every assessment keeps
 * the id of the version it used, so old results stay explainable.
 */
export const profilingRuleSets = pgTable(
  'profiling_rule_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    rules: jsonb('rules').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('profiling_rule_sets_version_uq').on(t.programmeId, t.version),
    check('profiling_rule_sets_version_ck', sql`${t.version} > 0`),
  ],
);
