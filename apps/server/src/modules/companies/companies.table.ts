import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { COMPANY_SIZE_CLASSES, PLEDGE_STATUSES, PRIORITY_TARGETS } from '@trama/contracts';
import { organizations } from '../organizations/organizations.table';
import { refMunicipalities } from '../reference/reference.table';

const ms = { withTimezone: true, precision: 3 } as const;

/** The company profile of an organisation of type 'company' (one row per company). */
export const companyProfiles = pgTable(
  'company_profiles',
  {
    organizationId: uuid('organization_id')
      .primaryKey()
      .references(() => organizations.id),
    sizeClass: text('size_class', { enum: COMPANY_SIZE_CLASSES }).notNull(),
    sector: text('sector'),
    ateco2025Code: text('ateco2025_code').notNull(),
    ateco2007Code: text('ateco2007_code'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', ms).notNull().defaultNow(),
  },
  (t) => [
    index('company_profiles_ateco_idx').on(sql`${t.ateco2025Code} collate "C"`),
    check(
      'company_profiles_size_ck',
      sql`${t.sizeClass} in (${sql.raw(COMPANY_SIZE_CLASSES.map((v) => `'${v}'`).join(', '))})`,
    ),
  ],
);

/** A company's sites: the municipalities where it operates. */
export const companySites = pgTable(
  'company_sites',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => refMunicipalities.code),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.municipalityCode] }),
    index('company_sites_municipality_idx').on(t.municipalityCode),
  ],
);

/**
 * A company's pledge: `offers` job offers for a priority target within [period_from, period_to]. Edited
 * under optimistic locking (`version`) while active and not ended; a withdrawal keeps the row (status
 * 'withdrawn', when, by whom and why), so the board still shows it, out of the totals.
 */
export const companyPledges = pgTable(
  'company_pledges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    priorityTarget: text('priority_target', { enum: PRIORITY_TARGETS }).notNull(),
    offers: integer('offers').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    note: text('note'),
    status: text('status', { enum: PLEDGE_STATUSES }).notNull().default('active'),
    withdrawnAt: timestamp('withdrawn_at', ms),
    withdrawnBy: uuid('withdrawn_by'),
    withdrawalReason: text('withdrawal_reason'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', ms).notNull().defaultNow(),
  },
  (t) => [
    index('company_pledges_org_idx').on(t.organizationId, t.createdAt, t.id),
    index('company_pledges_created_idx').on(t.createdAt, t.id),
    check('company_pledges_offers_ck', sql`${t.offers} >= 1`),
    check('company_pledges_period_ck', sql`${t.periodTo} >= ${t.periodFrom}`),
    check(
      'company_pledges_target_ck',
      sql`${t.priorityTarget} in (${sql.raw(PRIORITY_TARGETS.map((v) => `'${v}'`).join(', '))})`,
    ),
    check(
      'company_pledges_status_ck',
      sql`${t.status} in (${sql.raw(PLEDGE_STATUSES.map((v) => `'${v}'`).join(', '))})`,
    ),
    check(
      'company_pledges_withdrawn_ck',
      sql`(${t.status} = 'withdrawn') = (${t.withdrawnAt} is not null and ${t.withdrawalReason} is not null)`,
    ),
  ],
);
