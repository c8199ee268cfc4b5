import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CANDIDATURE_ACTIVE_STATES, CANDIDATURE_STATES } from '@trama/contracts';
import { users } from '../identity/identity.table';
import { organizations } from '../organizations/organizations.table';
import { people } from '../people/people.table';
import { pathways, placements } from '../pathways/pathways.table';
import { vacancies } from '../vacancies/vacancies.table';
import { inList } from '../../platform/sql';

/**
 * A person's candidature to a vacancy: proposed by a case worker's organisation (`proposing_organization_id`)
 * or applied for by the person (null). `company_organization_id` copies the vacancy's company for scoping.
 */
export const candidatures = pgTable(
  'candidatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vacancyId: uuid('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    companyOrganizationId: uuid('company_organization_id')
      .notNull()
      .references(() => organizations.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    origin: text('origin', { enum: ['proposal', 'application'] }).notNull(),
    proposingOrganizationId: uuid('proposing_organization_id').references(() => organizations.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    note: text('note'),
    state: text('state', { enum: CANDIDATURE_STATES }).notNull().default('proposed'),
    decisionReason: text('decision_reason'),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
    stateChangedBy: uuid('state_changed_by').references(() => users.id),
    pathwayId: uuid('pathway_id').references(() => pathways.id),
    placementId: uuid('placement_id').references(() => placements.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('candidatures_company_idx').on(t.companyOrganizationId, t.createdAt, t.id),
    index('candidatures_proposer_idx').on(t.proposingOrganizationId, t.createdAt, t.id),
    index('candidatures_vacancy_idx').on(t.vacancyId, t.createdAt, t.id),
    index('candidatures_person_idx').on(t.personId, t.createdAt, t.id),
    // One running candidature of a person to the same vacancy at a time.
    uniqueIndex('candidatures_active_uq')
      .on(t.vacancyId, t.personId)
      .where(sql`${t.state} in (${inList(CANDIDATURE_ACTIVE_STATES)})`),
    check('candidatures_state_ck', sql`${t.state} in (${inList(CANDIDATURE_STATES)})`),
    check(
      'candidatures_origin_ck',
      sql`(${t.origin} = 'proposal') = (${t.proposingOrganizationId} is not null) and ${t.origin} in ('proposal', 'application')`,
    ),
  ],
);
