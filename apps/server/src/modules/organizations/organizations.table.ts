import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ACCREDITATION_KINDS, ACCREDITATION_STATUSES, ORGANIZATION_TYPES } from '@trama/contracts';
import { refMunicipalities } from '../reference/reference.table';
import { inList } from '../../platform/sql';

const ACCENTED = 'àáâäãåèéêëìíîïòóôöõùúûüçñÀÁÂÄÃÅÈÉÊËÌÍÎÏÒÓÔÖÕÙÚÛÜÇÑ';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuucnaaaaaaeeeeiiiiooooouuuucn';

/**
 * Sort key for names, computed by the database so every writer (API, demo seed, imports) gets it:
 * lower case with Italian accents folded ("Città" sorts with "Citta"). Queries order and compare it
 * with COLLATE "C", so the order and the keyset cursors are identical on PGlite and on PostgreSQL,
 * whatever the server's locale. Upper-case accented letters are listed too, because lower() leaves
 * them alone under a C ctype.
 */
const sortKeyOf = (column: string) => sql.raw(`translate(lower("${column}"), '${ACCENTED}', '${PLAIN}')`);

/** Millisecond precision, so timestamps survive the round trip through JavaScript Dates and cursors. */
const ms = { withTimezone: true, precision: 3 } as const;

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type', { enum: ORGANIZATION_TYPES }).notNull(),
    name: text('name').notNull(),
    sortName: text('sort_name')
      .notNull()
      .generatedAlwaysAs(() => sortKeyOf('name')),
    fiscalCode: text('fiscal_code').notNull(),
    vatNumber: text('vat_number'),
    atecoCode: text('ateco_code'),
    atecoVersion: text('ateco_version'),
    legalSeatMunicipalityCode: text('legal_seat_municipality_code')
      .notNull()
      .references(() => refMunicipalities.code),
    address: text('address'),
    postalCode: text('postal_code'),
    email: text('email'),
    pec: text('pec'),
    phone: text('phone'),
    website: text('website'),
    description: text('description'),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    /** normalizeSearch(name + fiscal code + VAT number), written by the repository. */
    searchText: text('search_text').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', ms).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', ms),
  },
  (t) => [
    uniqueIndex('organizations_fiscal_code_uq').on(t.fiscalCode),
    // Keyset pagination: one index per sort, led by the always-present status filter.
    index('organizations_status_sort_name_idx').on(t.status, sql`${t.sortName} collate "C"`, t.id),
    index('organizations_status_created_idx').on(t.status, t.createdAt, t.id),
    index('organizations_type_sort_name_idx').on(t.type, t.status, sql`${t.sortName} collate "C"`, t.id),
    index('organizations_seat_idx').on(t.legalSeatMunicipalityCode),
    index('organizations_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // The matching engines' refresh watermark (archiving a company takes its vacancies out of matching).
    index('organizations_updated_idx').on(t.updatedAt),
    check('organizations_type_ck', sql`${t.type} in (${inList(ORGANIZATION_TYPES)})`),
    check('organizations_status_ck', sql`${t.status} in ('active', 'archived')`),
    check('organizations_fiscal_code_ck', sql`${t.fiscalCode} ~ '^([0-9]{11}|[A-Z0-9]{16})$'`),
    check('organizations_vat_number_ck', sql`${t.vatNumber} is null or ${t.vatNumber} ~ '^[0-9]{11}$'`),
    check('organizations_ateco_ck', sql`(${t.atecoCode} is null) = (${t.atecoVersion} is null)`),
    check('organizations_archived_ck', sql`(${t.status} = 'archived') = (${t.archivedAt} is not null)`),
  ],
);

export const offices = pgTable(
  'offices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    sortName: text('sort_name')
      .notNull()
      .generatedAlwaysAs(() => sortKeyOf('name')),
    address: text('address').notNull(),
    postalCode: text('postal_code'),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => refMunicipalities.code),
    email: text('email'),
    phone: text('phone'),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', ms).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', ms),
  },
  (t) => [
    index('offices_organization_idx').on(t.organizationId),
    index('offices_municipality_idx').on(t.municipalityCode),
  ],
);

export const accreditations = pgTable(
  'accreditations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    kind: text('kind', { enum: ACCREDITATION_KINDS }).notNull(),
    status: text('status', { enum: ACCREDITATION_STATUSES }).notNull(),
    registerNumber: text('register_number').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
  },
  (t) => [
    index('accreditations_office_idx').on(t.officeId, t.validFrom),
    uniqueIndex('accreditations_office_kind_register_uq').on(t.officeId, t.kind, t.registerNumber),
    check('accreditations_kind_ck', sql`${t.kind} in (${inList(ACCREDITATION_KINDS)})`),
    check('accreditations_status_ck', sql`${t.status} in (${inList(ACCREDITATION_STATUSES)})`),
    check('accreditations_dates_ck', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);
