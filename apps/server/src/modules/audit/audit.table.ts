import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log. A trigger (migration 0001) refuses UPDATE and DELETE, so even a
 * compromised application role cannot rewrite history through ordinary statements.
 * No foreign keys: entries must outlive whatever they describe.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorMembershipId: uuid('actor_membership_id'),
    organizationId: uuid('organization_id'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    outcome: text('outcome', { enum: ['ok', 'denied', 'failed'] })
      .notNull()
      .default('ok'),
    requestId: text('request_id'),
    ip: text('ip'),
    details: jsonb('details'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at, t.id),
    index('audit_log_entity_idx').on(t.entityType, t.entityId, t.at, t.id),
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
    index('audit_log_org_idx').on(t.organizationId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);
