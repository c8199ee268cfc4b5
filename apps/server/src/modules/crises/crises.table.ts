import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { ATTENDANCE_STATUSES, CRISIS_STATUSES, GROUP_ACTION_KINDS } from '@trama/contracts';
import { organizations } from '../organizations/organizations.table';
import { people } from '../people/people.table';
import { programmes } from '../programmes/programmes.table';
import { refMunicipalities } from '../reference/reference.table';
import { inList } from '../../platform/sql';

const ms = { withTimezone: true, precision: 3 } as const;

/**
 * A company crisis handled by a coordinating organisation (job centre, region, operator): the
 * collective re-employment of its workers (GOL path 5). `search_text` = normalised title + company +
 * site, written by the repository.
 */
export const crises = pgTable(
  'crises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    companyOrganizationId: uuid('company_organization_id')
      .notNull()
      .references(() => organizations.id),
    siteMunicipalityCode: text('site_municipality_code')
      .notNull()
      .references(() => refMunicipalities.code),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    title: text('title').notNull(),
    workersAffected: integer('workers_affected').notNull(),
    announcedOn: date('announced_on').notNull(),
    agreementOn: date('agreement_on'),
    redundancyEndOn: date('redundancy_end_on'),
    agreementSigned: boolean('agreement_signed').notNull().default(false),
    unionOrganizations: text('union_organizations')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    agreementNotes: text('agreement_notes'),
    status: text('status', { enum: CRISIS_STATUSES }).notNull().default('open'),
    closedAt: timestamp('closed_at', ms),
    searchText: text('search_text').notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', ms).notNull().defaultNow(),
  },
  (t) => [
    index('crises_owner_created_idx').on(t.ownerOrganizationId, t.createdAt, t.id),
    index('crises_company_created_idx').on(t.companyOrganizationId, t.createdAt, t.id),
    index('crises_created_idx').on(t.createdAt, t.id),
    index('crises_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('crises_status_ck', sql`${t.status} in (${inList(CRISIS_STATUSES)})`),
    check('crises_closed_ck', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
    check('crises_workers_ck', sql`${t.workersAffected} >= 1`),
    check(
      'crises_dates_ck',
      sql`(${t.agreementOn} is null or ${t.agreementOn} >= ${t.announcedOn}) and (${t.redundancyEndOn} is null or ${t.redundancyEndOn} >= ${t.announcedOn})`,
    ),
    check('crises_agreement_ck', sql`not ${t.agreementSigned} or ${t.agreementOn} is not null`),
  ],
);

/** The cohort: affected workers (people with pathways). Removal is soft, so attendance stays explained. */
export const crisisCohortMembers = pgTable(
  'crisis_cohort_members',
  {
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    addedBy: uuid('added_by'),
    addedAt: timestamp('added_at', ms).notNull().defaultNow(),
    removedAt: timestamp('removed_at', ms),
    removedBy: uuid('removed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.crisisId, t.personId] }),
    index('crisis_cohort_members_person_idx').on(t.personId),
    index('crisis_cohort_members_added_idx').on(t.crisisId, t.addedAt, t.personId),
  ],
);

/** Group actions for the cohort: outplacement workshops, skills analysis, group training, job clubs. */
export const crisisActions = pgTable(
  'crisis_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    kind: text('kind', { enum: GROUP_ACTION_KINDS }).notNull(),
    title: text('title').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    hours: integer('hours').notNull(),
    providerOrganizationId: uuid('provider_organization_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
  },
  (t) => [
    index('crisis_actions_crisis_idx').on(t.crisisId, t.startsOn, t.id),
    check('crisis_actions_kind_ck', sql`${t.kind} in (${inList(GROUP_ACTION_KINDS)})`),
    check('crisis_actions_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check('crisis_actions_hours_ck', sql`${t.hours} >= 1`),
  ],
);

/** The sessions of a group action (a day, some hours). */
export const crisisActionSessions = pgTable(
  'crisis_action_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => crisisActions.id),
    heldOn: date('held_on').notNull(),
    hours: numeric('hours', { precision: 4, scale: 1, mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
  },
  (t) => [
    index('crisis_action_sessions_action_idx').on(t.actionId, t.heldOn, t.id),
    check('crisis_action_sessions_hours_ck', sql`${t.hours} > 0`),
  ],
);

/** Attendance of one cohort member at one session. */
export const crisisAttendance = pgTable(
  'crisis_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => crisisActionSessions.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', ms).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.personId] }),
    index('crisis_attendance_person_idx').on(t.personId),
    check('crisis_attendance_status_ck', sql`${t.status} in (${inList(ATTENDANCE_STATUSES)})`),
  ],
);
