import { and, desc, eq, gte, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { users } from '../identity/identity.table';
import { auditLog } from './audit.table';
import { decodeCursor, encodeCursor } from '../../platform/cursor';

export interface AuditRecord {
  actorUserId: string | null;
  actorMembershipId: string | null;
  organizationId: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  requestId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

export async function insertAudit(db: DbOrTx, records: AuditRecord[]) {
  if (records.length === 0) return;
  await db.insert(auditLog).values(
    records.map((r) => ({
      actorUserId: r.actorUserId,
      actorMembershipId: r.actorMembershipId,
      organizationId: r.organizationId,
      action: r.action,
      entityType: r.entityType ?? null,
      entityId: r.entityId ?? null,
      outcome: r.outcome ?? 'ok',
      requestId: r.requestId ?? null,
      ip: r.ip ?? null,
      details: r.details ?? null,
    })),
  );
}

export interface AuditFilter {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorUserId?: string | undefined;
  organizationId?: string | undefined;
  outcome?: 'ok' | 'denied' | 'failed' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Newest first, keyset-paginated on (at, id). */
export async function listAudit(db: DbOrTx, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.action)
    where.push(
      f.action.endsWith('.') ? like(auditLog.action, `${f.action}%`) : eq(auditLog.action, f.action),
    );
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.actorUserId) where.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.organizationId) where.push(eq(auditLog.organizationId, f.organizationId));
  if (f.outcome) where.push(eq(auditLog.outcome, f.outcome));
  if (f.from) where.push(gte(auditLog.at, new Date(f.from)));
  if (f.to) where.push(lte(auditLog.at, new Date(f.to)));
  const c = decodeCursor<[string, string]>(f.cursor);
  if (c) {
    const at = new Date(c[0]);
    const id = BigInt(c[1]);
    where.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, id)))!);
  }
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorEmail: users.email,
      organizationId: auditLog.organizationId,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      requestId: auditLog.requestId,
      outcome: auditLog.outcome,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where.length ? and(...where) : sql`true`)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      ...r,
      id: r.id.toString(),
      at: r.at.toISOString(),
      details: (r.details as Record<string, unknown> | null) ?? null,
    })),
    nextCursor:
      rows.length > f.limit && last ? encodeCursor([last.at.toISOString(), last.id.toString()]) : null,
  };
}
