import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { REFERRAL_STATES } from '@trama/contracts';
import { users } from '../identity/identity.table';
import { organizations } from '../organizations/organizations.table';
import { people } from '../people/people.table';
import { pathways } from '../pathways/pathways.table';
import { inList } from '../../platform/sql';

/** A referral of a person from one organisation of the network to another. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    pathwayId: uuid('pathway_id').references(() => pathways.id),
    fromOrganizationId: uuid('from_organization_id')
      .notNull()
      .references(() => organizations.id),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id),
    toOrganizationId: uuid('to_organization_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').notNull(),
    sharedSections: text('shared_sections').array().notNull(),
    handoverDays: integer('handover_days').notNull(),
    state: text('state', { enum: REFERRAL_STATES }).notNull().default('proposed'),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('referrals_to_org_idx').on(t.toOrganizationId, t.state, t.createdAt, t.id),
    index('referrals_from_org_idx').on(t.fromOrganizationId, t.state, t.createdAt, t.id),
    index('referrals_person_idx').on(t.personId),
    // One live referral of a person to the same organisation at a time.
    uniqueIndex('referrals_open_uq')
      .on(t.personId, t.toOrganizationId)
      .where(sql`${t.state} in ('proposed', 'accepted')`),
    check('referrals_state_ck', sql`${t.state} in (${inList(REFERRAL_STATES)})`),
    check('referrals_orgs_ck', sql`${t.fromOrganizationId} <> ${t.toOrganizationId}`),
    check('referrals_sections_ck', sql`cardinality(${t.sharedSections}) > 0`),
    check('referrals_handover_ck', sql`${t.handoverDays} >= 0`),
  ],
);

/** Every transition of a referral, dated and attributed. */
export const referralEvents = pgTable(
  'referral_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    action: text('action').notNull(),
    fromState: text('from_state', { enum: REFERRAL_STATES }),
    toState: text('to_state', { enum: REFERRAL_STATES }).notNull(),
    reason: text('reason'),
    details: jsonb('details'),
  },
  (t) => [index('referral_events_referral_idx').on(t.referralId, t.at, t.id)],
);
