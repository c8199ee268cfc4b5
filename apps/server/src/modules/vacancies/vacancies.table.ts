import { sql } from 'drizzle-orm';
import {
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
  uuid,
} from 'drizzle-orm/pg-core';
import { CEFR_LEVELS, CONTRACT_TYPES, VACANCY_STATUSES, WORK_MODES } from '@trama/contracts';
import { organizations } from '../organizations/organizations.table';
import { refMunicipalities, refOccupations, refProfessions, refSkills } from '../reference/reference.table';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const ms = { withTimezone: true, precision: 3 } as const;

/** A job vacancy published by a company. `updated_at` is the matching engines' refresh watermark. */
export const vacancies = pgTable(
  'vacancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    description: text('description'),
    occupationId: integer('occupation_id')
      .notNull()
      .references(() => refOccupations.id),
    professionCode: text('profession_code').references(() => refProfessions.code),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => refMunicipalities.code),
    workMode: text('work_mode', { enum: WORK_MODES }).notNull(),
    contractType: text('contract_type', { enum: CONTRACT_TYPES }).notNull(),
    durationMonths: smallint('duration_months'),
    hoursPerWeek: smallint('hours_per_week'),
    educationLevel: smallint('education_level'),
    educationMandatory: boolean('education_mandatory').notNull().default(false),
    openings: integer('openings').notNull().default(1),
    startDate: date('start_date'),
    closingDate: date('closing_date'),
    status: text('status', { enum: VACANCY_STATUSES }).notNull(),
    countsTowardsPledge: boolean('counts_towards_pledge').notNull().default(false),
    searchText: text('search_text').notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', ms).notNull().defaultNow(),
  },
  (t) => [
    index('vacancies_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('vacancies_status_created_idx').on(t.status, t.createdAt, t.id),
    index('vacancies_occupation_idx').on(t.occupationId),
    index('vacancies_municipality_idx').on(t.municipalityCode),
    index('vacancies_updated_idx').on(t.updatedAt),
    index('vacancies_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('vacancies_status_ck', sql`${t.status} in (${inList(VACANCY_STATUSES)})`),
    check('vacancies_work_mode_ck', sql`${t.workMode} in (${inList(WORK_MODES)})`),
    check('vacancies_contract_type_ck', sql`${t.contractType} in (${inList(CONTRACT_TYPES)})`),
    check('vacancies_education_ck', sql`${t.educationLevel} between 1 and 8`),
    check('vacancies_openings_ck', sql`${t.openings} >= 1`),
    check(
      'vacancies_dates_ck',
      sql`${t.closingDate} is null or ${t.startDate} is null or ${t.closingDate} >= ${t.startDate}`,
    ),
  ],
);

/** Required skills, essential or optional (pre-filled from the occupation's ESCO relations). */
export const vacancySkills = pgTable(
  'vacancy_skills',
  {
    vacancyId: uuid('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    skillId: integer('skill_id')
      .notNull()
      .references(() => refSkills.id),
    relation: text('relation', { enum: ['essential', 'optional'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.vacancyId, t.skillId] }),
    index('vacancy_skills_skill_idx').on(t.skillId),
    check('vacancy_skills_relation_ck', sql`${t.relation} in ('essential', 'optional')`),
  ],
);

export const vacancyLanguages = pgTable(
  'vacancy_languages',
  {
    vacancyId: uuid('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    minLevel: text('min_level', { enum: CEFR_LEVELS }).notNull(),
    mandatory: boolean('mandatory').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.vacancyId, t.language] }),
    check('vacancy_languages_level_ck', sql`${t.minLevel} in (${inList(CEFR_LEVELS)})`),
  ],
);
