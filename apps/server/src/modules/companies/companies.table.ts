import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { COMPANY_SIZE_CLASSES } from '@trama/contracts';
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
