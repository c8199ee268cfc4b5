import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  CEFR_LEVELS,
  CONSENT_PURPOSES,
  DID_SOURCES,
  EMPLOYMENT_STATUSES,
  PEOPLE_IMPORT_BATCH_STATUSES,
  PEOPLE_IMPORT_STATUSES,
  PERSON_ACCESS_REASONS,
  PERSON_ACCESS_SCOPES,
  SKILL_SOURCES,
} from '@trama/contracts';
import { refOccupations, refSkills } from '../reference/reference.table';
import { organizations } from '../organizations/organizations.table';
import { users } from '../identity/identity.table';
import { inList } from '../../platform/sql';

/**
 * Indexes: fiscal code (unique), word-prefix search (GIN full text), the owner's people in name order
 * (keyset pages), residence, priority targets (GIN). Low-cardinality filters (employment status, has DID) are applied on top of the visibility and
 * name order rather than indexed alone: a btree on six values costs every write and helps no query.
 *
 * A person's record (the SAP, scheda anagrafica professionale). Personal data: every read goes through
 * the owner organisation or a `person_access` grant (deny by default) and is audited.
 */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalCode: text('fiscal_code').notNull(), // upper-case, check character verified
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date').notNull(), // derived from the fiscal code
    sex: text('sex', { enum: ['F', 'M'] }).notNull(), // derived from the fiscal code
    birthPlaceCode: text('birth_place_code').notNull(), // cadastral code (Z... for a foreign country)
    email: text('email'),
    phone: text('phone'),
    // ISTAT code, checked against ref_municipalities by the application on every write (no foreign key:
    // its per-row trigger cost 18 µs per imported row, and reference rows are upserted, never renumbered).
    residenceMunicipalityCode: text('residence_municipality_code'),
    residenceAddress: text('residence_address'),
    residencePostalCode: text('residence_postal_code'),
    citizenship: text('citizenship'), // ISO 3166-1 alpha-2
    educationLevel: smallint('education_level'), // EQF 1-8
    hoursPerWeek: smallint('hours_per_week'),
    mobilityRadiusKm: smallint('mobility_radius_km'),
    drivingLicences: text('driving_licences')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    priorityTargets: text('priority_targets')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    didDate: date('did_date'),
    didSource: text('did_source', { enum: DID_SOURCES }),
    employmentStatus: text('employment_status', { enum: EMPLOYMENT_STATUSES }).notNull(),
    /** The citizen's own account, once linked (a citizen also matches by users.fiscal_code). */
    userId: uuid('user_id').references(() => users.id),
    searchText: text('search_text').notNull(),
    /**
     * The organisation that registered the person (by hand or by import): it holds full access for good
     * (the owner; never revoked). Other organisations see the person through `person_access` grants
     * (pathway, referral). No foreign key: organisations are archived, never deleted, and a per-row
     * trigger would double the cost of a bulk import. Null only for records made by system processes.
     */
    ownerOrganizationId: uuid('owner_organization_id'),
    // Provenance, like the audit log: no foreign key.
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_fiscal_code_uq').on(t.fiscalCode),
    uniqueIndex('people_user_uq')
      .on(t.userId)
      .where(sql`${t.userId} is not null`),
    // A large pending list: bulk imports append entries cheaply and GIN merges them in bulk later
    // (autovacuum, or gin_clean_pending_list after an import), instead of one tree insert per word.
    index('people_search_fts_idx')
      .using('gin', sql`to_tsvector('simple', ${t.searchText})`)
      .with({ gin_pending_list_limit: 65536 }),
    // The owner's people in name order (keyset pages); people seen through grants are few per
    // organisation and are found through person_access, then sorted.
    index('people_owner_name_idx').on(t.ownerOrganizationId, t.lastName, t.firstName, t.id),
    index('people_residence_idx').on(t.residenceMunicipalityCode),
    // The matching engines' refresh watermark (every change to a person's record bumps updated_at).
    index('people_updated_idx').on(t.updatedAt),
    // Partial: most people have no priority target; queries add `priority_targets <> '{}'`.
    index('people_priority_targets_idx')
      .using('gin', t.priorityTargets)
      .where(sql`${t.priorityTargets} <> '{}'::text[]`),
    check('people_fiscal_code_ck', sql`${t.fiscalCode} ~ '^[A-Z0-9]{16}$'`),
    check('people_sex_ck', sql`${t.sex} in ('F', 'M')`),
    check('people_education_level_ck', sql`${t.educationLevel} between 1 and 8`),
    check('people_hours_ck', sql`${t.hoursPerWeek} between 0 and 168`),
    check('people_mobility_ck', sql`${t.mobilityRadiusKm} between 0 and 1000`),
    check('people_citizenship_ck', sql`${t.citizenship} ~ '^[A-Z]{2}$'`),
    check('people_did_source_ck', sql`${t.didSource} in (${inList(DID_SOURCES)})`),
    check('people_employment_status_ck', sql`${t.employmentStatus} in (${inList(EMPLOYMENT_STATUSES)})`),
  ],
);

/** Languages with their CEFR level (or native). */
export const personLanguages = pgTable(
  'person_languages',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    language: text('language').notNull(), // ISO 639-1
    level: text('level', { enum: CEFR_LEVELS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.language] }),
    index('person_languages_language_idx').on(t.language, t.level),
    check('person_languages_language_ck', sql`${t.language} ~ '^[a-z]{2}$'`),
    check('person_languages_level_ck', sql`${t.level} in (${inList(CEFR_LEVELS)})`),
  ],
);

/** Work history: employer, ATECO activity, ESCO occupation, dates. */
export const personWorkHistory = pgTable(
  'person_work_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    employerName: text('employer_name').notNull(),
    atecoCode: text('ateco_code'),
    occupationId: integer('occupation_id').references(() => refOccupations.id),
    jobTitle: text('job_title'),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
  },
  (t) => [
    index('person_work_history_person_idx').on(t.personId, t.fromDate),
    index('person_work_history_occupation_idx').on(t.occupationId),
    check('person_work_history_dates_ck', sql`${t.toDate} is null or ${t.toDate} >= ${t.fromDate}`),
  ],
);

/** ESCO skills: declared by the person or verified by an operator. */
export const personSkills = pgTable(
  'person_skills',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    skillId: integer('skill_id')
      .notNull()
      .references(() => refSkills.id),
    source: text('source', { enum: SKILL_SOURCES }).notNull(),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.skillId] }),
    index('person_skills_skill_idx').on(t.skillId),
    check('person_skills_source_ck', sql`${t.source} in (${inList(SKILL_SOURCES)})`),
    check(
      'person_skills_verified_ck',
      sql`${t.source} = 'declared' or (${t.verifiedBy} is not null and ${t.verifiedAt} is not null)`,
    ),
  ],
);

/**
 * Consents per purpose. One row per period of consent: giving appends a row, withdrawing closes the open
 * one (withdrawn_at/by). Rows are never deleted, so the history is kept. At most one open row per purpose.
 */
export const personConsents = pgTable(
  'person_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    givenBy: uuid('given_by').references(() => users.id),
    givenByOrganizationId: uuid('given_by_organization_id').references(() => organizations.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawnByOrganizationId: uuid('withdrawn_by_organization_id').references(() => organizations.id),
    note: text('note'),
  },
  (t) => [
    index('person_consents_person_idx').on(t.personId, t.purpose, t.givenAt),
    // The matching engines' refresh watermark: consents given or withdrawn since the last poll.
    index('person_consents_given_idx').on(t.givenAt),
    index('person_consents_withdrawn_idx')
      .on(t.withdrawnAt)
      .where(sql`${t.withdrawnAt} is not null`),
    uniqueIndex('person_consents_open_uq')
      .on(t.personId, t.purpose)
      .where(sql`${t.withdrawnAt} is null`),
    check('person_consents_purpose_ck', sql`${t.purpose} in (${inList(CONSENT_PURPOSES)})`),
    check('person_consents_dates_ck', sql`${t.withdrawnAt} is null or ${t.withdrawnAt} >= ${t.givenAt}`),
  ],
);

/**
 * Who may see a person (deny by default). An organisation sees a person while it holds a grant that is
 * not revoked and is within [valid_from, valid_until). Scope 'full' = the whole record; scope 'referral'
 * = only `shared_sections`. `source_id` points at the pathway or referral that justified the grant.
 */
export const personAccess = pgTable(
  'person_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason', { enum: PERSON_ACCESS_REASONS }).notNull(),
    scope: text('scope', { enum: PERSON_ACCESS_SCOPES }).notNull(),
    sharedSections: text('shared_sections')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sourceId: uuid('source_id'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    grantedBy: uuid('granted_by'), // provenance: no foreign key (bulk imports grant per row)
    revokedBy: uuid('revoked_by'), // provenance: no foreign key, like granted_by
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('person_access_org_person_idx')
      .on(t.organizationId, t.personId)
      .where(sql`${t.revokedAt} is null`),
    index('person_access_person_idx').on(t.personId),
    index('person_access_source_idx')
      .on(t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    check('person_access_reason_ck', sql`${t.reason} in (${inList(PERSON_ACCESS_REASONS)})`),
    check('person_access_scope_ck', sql`${t.scope} in (${inList(PERSON_ACCESS_SCOPES)})`),
    check('person_access_validity_ck', sql`${t.validUntil} is null or ${t.validUntil} > ${t.validFrom}`),
  ],
);

/** A bulk import of people (CSV/XLSX): progress is polled by the UI from any app instance. */
export const peopleImports = pgTable(
  'people_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    dryRun: boolean('dry_run').notNull(),
    fileName: text('file_name'),
    batchSize: integer('batch_size').notNull(),
    status: text('status', { enum: PEOPLE_IMPORT_STATUSES }).notNull().default('running'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    insertedRows: integer('inserted_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    rejectedRows: integer('rejected_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    bytesTotal: bigint('bytes_total', { mode: 'number' }),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    failureReason: text('failure_reason'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('people_imports_org_idx').on(t.organizationId, t.startedAt, t.id),
    check('people_imports_status_ck', sql`${t.status} in (${inList(PEOPLE_IMPORT_STATUSES)})`),
  ],
);

/** One row per batch of an import: committed (all rows loaded) or rejected (none loaded). */
export const peopleImportBatches = pgTable(
  'people_import_batches',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => peopleImports.id, { onDelete: 'cascade' }),
    batchNo: integer('batch_no').notNull(),
    firstLine: integer('first_line').notNull(),
    lastLine: integer('last_line').notNull(),
    rowCount: integer('row_count').notNull(),
    status: text('status', { enum: PEOPLE_IMPORT_BATCH_STATUSES }).notNull(),
    insertedRows: integer('inserted_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.batchNo] }),
    check('people_import_batches_status_ck', sql`${t.status} in (${inList(PEOPLE_IMPORT_BATCH_STATUSES)})`),
  ],
);

/** Every row error of an import (dry run or real), with its line and field. */
export const peopleImportErrors = pgTable(
  'people_import_errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: uuid('import_id')
      .notNull()
      .references(() => peopleImports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    field: text('field').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
  },
  (t) => [index('people_import_errors_import_idx').on(t.importId, t.line, t.id)],
);
