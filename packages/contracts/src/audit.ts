import { z } from 'zod';
import { CursorQuery, Uuid, pageOf } from './common';

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: Uuid.nullable(),
  actorEmail: z.string().nullable(),
  organizationId: Uuid.nullable(),
  action: z.string().describe('e.g. organizations.create, people.read, auth.login_failed, access.denied'),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  requestId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const AuditQuery = CursorQuery.extend({
  action: z.string().max(100).optional().describe('Exact action or a prefix ending with a dot, e.g. "auth."'),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  actorUserId: Uuid.optional(),
  organizationId: Uuid.optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const AuditPage = pageOf(AuditEntry);
