import type { RequestContext } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db';
import { insertAudit, type AuditRecord } from './audit.repository';

export interface AuditEvent {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown> | null;
  /** Who acted, when there is no session yet (sign-in); defaults to the session's user. */
  actorUserId?: string | null;
  /** Organisation the event concerns; defaults to the actor's. */
  organizationId?: string | null;
}

function toRecord(ctx: RequestContext, e: AuditEvent): AuditRecord {
  return {
    actorUserId: e.actorUserId ?? ctx.actor?.userId ?? null,
    actorMembershipId: ctx.actor?.membershipId ?? null,
    organizationId: e.organizationId !== undefined ? e.organizationId : (ctx.actor?.organizationId ?? null),
    action: e.action,
    entityType: e.entityType ?? null,
    entityId: e.entityId ?? null,
    outcome: e.outcome ?? 'ok',
    requestId: ctx.requestId,
    ip: ctx.ip,
    details: e.details ?? null,
  };
}

/** Write audit entries in the caller's transaction, so the change and its trace commit together. */
export async function audit(db: DbOrTx, ctx: RequestContext, ...events: AuditEvent[]) {
  await insertAudit(
    db,
    events.map((e) => toRecord(ctx, e)),
  );
}
