import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  APPOINTMENT_CHANNELS,
  APPOINTMENT_OUTCOMES,
  CONTRACT_TYPES,
  PACT_STATUSES,
  PATHWAY_STATES,
  PATHWAY_TERMINAL_STATES,
  SIGNATURE_METHODS,
} from '@trama/contracts';
import { users } from '../identity/identity.table';
import { offices, organizations } from '../organizations/organizations.table';
import { people } from '../people/people.table';
import { profilingRuleSets, programmes } from '../programmes/programmes.table';
import { inList } from '../../platform/sql';

/** A person's re-employment path with an operator office (presa in carico). */
export const pathways = pgTable(
  'pathways',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    caseWorkerUserId: uuid('case_worker_user_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: PATHWAY_STATES }).notNull().default('taken_in_charge'),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
    takenInChargeAt: timestamp('taken_in_charge_at', { withTimezone: true }).notNull().defaultNow(),
    /** From the latest confirmed assessment. */
    golPath: smallint('gol_path'),
    intensityBand: smallint('intensity_band'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open pathway per person and programme.
    uniqueIndex('pathways_open_person_programme_uq')
      .on(t.personId, t.programmeId)
      .where(sql`${t.state} not in (${inList(PATHWAY_TERMINAL_STATES)})`),
    index('pathways_person_idx').on(t.personId),
    index('pathways_org_taken_idx').on(t.organizationId, t.takenInChargeAt, t.id),
    index('pathways_org_state_idx').on(t.organizationId, t.state),
    index('pathways_office_taken_idx').on(t.officeId, t.takenInChargeAt, t.id),
    index('pathways_case_worker_taken_idx').on(t.caseWorkerUserId, t.takenInChargeAt, t.id),
    index('pathways_programme_state_idx').on(t.programmeId, t.state),
    check('pathways_state_ck', sql`${t.state} in (${inList(PATHWAY_STATES)})`),
    check('pathways_gol_path_ck', sql`${t.golPath} between 1 and 5`),
    check('pathways_band_ck', sql`${t.intensityBand} between 1 and 5`),
    check(
      'pathways_closed_ck',
      sql`(${t.state} in (${inList(PATHWAY_TERMINAL_STATES)})) = (${t.closedAt} is not null)`,
    ),
  ],
);

/** The timeline: every transition and step, dated and attributed. Append-only by convention. */
export const pathwayEvents = pgTable(
  'pathway_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    pathwayId: uuid('pathway_id')
      .notNull()
      .references(() => pathways.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    kind: text('kind').notNull(),
    fromState: text('from_state', { enum: PATHWAY_STATES }),
    toState: text('to_state', { enum: PATHWAY_STATES }),
    reason: text('reason'),
    details: jsonb('details'),
  },
  (t) => [index('pathway_events_pathway_idx').on(t.pathwayId, t.at, t.id)],
);

/** Assessments: the proposal computed by a rule-set version, and what the case worker confirmed. */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pathwayId: uuid('pathway_id')
      .notNull()
      .references(() => pathways.id),
    ruleSetId: uuid('rule_set_id')
      .notNull()
      .references(() => profilingRuleSets.id),
    ruleSetVersion: integer('rule_set_version').notNull(),
    inputs: jsonb('inputs').notNull(),
    score: integer('score').notNull(),
    factors: jsonb('factors').notNull(),
    proposedPath: smallint('proposed_path').notNull(),
    proposedBand: smallint('proposed_band').notNull(),
    confirmedPath: smallint('confirmed_path').notNull(),
    confirmedBand: smallint('confirmed_band').notNull(),
    overrideReason: text('override_reason'),
    questionnaireVersion: text('questionnaire_version').notNull(),
    answers: jsonb('answers').notNull(),
    note: text('note'),
    assessedBy: uuid('assessed_by')
      .notNull()
      .references(() => users.id),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assessments_pathway_idx').on(t.pathwayId, t.assessedAt),
    check(
      'assessments_paths_ck',
      sql`${t.proposedPath} between 1 and 5 and ${t.confirmedPath} between 1 and 5 and ${t.proposedBand} between 1 and 5 and ${t.confirmedBand} between 1 and 5`,
    ),
    check(
      'assessments_override_reason_ck',
      sql`(${t.confirmedPath} = ${t.proposedPath} and ${t.confirmedBand} = ${t.proposedBand}) or length(trim(${t.overrideReason})) > 0`,
    ),
  ],
);

/** The service pact, versioned; each version is signed by the person and by the operator. */
export const pactVersions = pgTable(
  'pact_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pathwayId: uuid('pathway_id')
      .notNull()
      .references(() => pathways.id),
    version: integer('version').notNull(),
    status: text('status', { enum: PACT_STATUSES }).notNull().default('draft'),
    content: jsonb('content').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    personSignedAt: timestamp('person_signed_at', { withTimezone: true }),
    personSignatureMethod: text('person_signature_method', { enum: SIGNATURE_METHODS }),
    personSignatureRecordedBy: uuid('person_signature_recorded_by').references(() => users.id),
    operatorSignedAt: timestamp('operator_signed_at', { withTimezone: true }),
    operatorSignedBy: uuid('operator_signed_by').references(() => users.id),
    operatorSignatureMethod: text('operator_signature_method', { enum: SIGNATURE_METHODS }),
  },
  (t) => [
    uniqueIndex('pact_versions_version_uq').on(t.pathwayId, t.version),
    check('pact_versions_status_ck', sql`${t.status} in (${inList(PACT_STATUSES)})`),
    check(
      'pact_versions_signed_ck',
      sql`${t.status} = 'draft' or (${t.personSignedAt} is not null and ${t.operatorSignedAt} is not null)`,
    ),
    check(
      'pact_versions_person_sig_ck',
      sql`(${t.personSignedAt} is null) = (${t.personSignatureMethod} is null)`,
    ),
    check(
      'pact_versions_operator_sig_ck',
      sql`(${t.operatorSignedAt} is null) = (${t.operatorSignatureMethod} is null and ${t.operatorSignedBy} is null)`,
    ),
  ],
);

/** Convocations with their notice and outcome. */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pathwayId: uuid('pathway_id')
      .notNull()
      .references(() => pathways.id),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    channel: text('channel', { enum: APPOINTMENT_CHANNELS }).notNull(),
    purpose: text('purpose').notNull(),
    location: text('location'),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull(),
    notificationChannel: text('notification_channel').notNull(),
    outcome: text('outcome', { enum: APPOINTMENT_OUTCOMES }),
    outcomeNote: text('outcome_note'),
    outcomeRecordedAt: timestamp('outcome_recorded_at', { withTimezone: true }),
    outcomeRecordedBy: uuid('outcome_recorded_by').references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointments_pathway_idx').on(t.pathwayId, t.scheduledAt),
    index('appointments_pending_idx')
      .on(t.pathwayId, t.scheduledAt)
      .where(sql`${t.outcome} is null`),
    check('appointments_outcome_ck', sql`${t.outcome} in (${inList(APPOINTMENT_OUTCOMES)})`),
    check('appointments_channel_ck', sql`${t.channel} in (${inList(APPOINTMENT_CHANNELS)})`),
    check('appointments_notice_ck', sql`${t.notifiedAt} <= ${t.scheduledAt}`),
    check('appointments_duration_ck', sql`${t.durationMinutes} between 5 and 480`),
    check('appointments_outcome_recorded_ck', sql`(${t.outcome} is null) = (${t.outcomeRecordedAt} is null)`),
  ],
);

/** A placement closes the pathway; one per pathway. */
export const placements = pgTable(
  'placements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pathwayId: uuid('pathway_id')
      .notNull()
      .references(() => pathways.id),
    employerOrganizationId: uuid('employer_organization_id').references(() => organizations.id),
    employerName: text('employer_name').notNull(),
    contractType: text('contract_type', { enum: CONTRACT_TYPES }).notNull(),
    startDate: date('start_date').notNull(),
    expectedDurationDays: integer('expected_duration_days'),
    hoursPerWeek: smallint('hours_per_week'),
    note: text('note'),
    resultTriggered: boolean('result_triggered').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('placements_pathway_uq').on(t.pathwayId),
    index('placements_employer_idx').on(t.employerOrganizationId),
    index('placements_recorded_idx').on(t.recordedAt),
    check('placements_contract_ck', sql`${t.contractType} in (${inList(CONTRACT_TYPES)})`),
    check('placements_duration_ck', sql`${t.expectedDurationDays} is null or ${t.expectedDurationDays} > 0`),
  ],
);
