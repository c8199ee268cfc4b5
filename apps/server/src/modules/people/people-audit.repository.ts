/**
 * A person's audit trail: the audit entries about the person and about their pathways, vouchers and
 * referrals. Two steps so that the audit log is reached through its (entity_type, entity_id) index
 * only: first the ids of the person's records, then the entries about them, newest first.
 */
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { encodeCursor } from '../../platform/cursor';
import { auditLog } from '../audit/audit.table';
import { users } from '../identity/identity.table';
import { organizations } from '../organizations/organizations.table';
import { pathways } from '../pathways/pathways.table';
import { referrals } from '../referrals/referrals.table';
import { vouchers } from '../vouchers/vouchers.table';

/** The ids of the records that belong to the person, by audit entity type. */
async function relatedEntities(db: DbOrTx, personId: string) {
  const rows = await db
    .select({ type: sql<string>`'pathway'`, id: sql<string>`${pathways.id}::text` })
    .from(pathways)
    .where(eq(pathways.personId, personId))
    .unionAll(
      db
        .select({ type: sql<string>`'voucher'`, id: sql<string>`${vouchers.id}::text` })
        .from(vouchers)
        .where(eq(vouchers.personId, personId)),
    )
    .unionAll(
      db
        .select({ type: sql<string>`'referral'`, id: sql<string>`${referrals.id}::text` })
        .from(referrals)
        .where(eq(referrals.personId, personId)),
    );
  const byType = new Map<string, string[]>([['person', [personId]]]);
  for (const r of rows) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
  return byType;
}

export async function listPersonAudit(
  db: DbOrTx,
  personId: string,
  /** The last entry of the previous page: its time in microseconds since the epoch (exact) and id. */
  cursor: { atMicros: string; id: string } | null,
  limit: number,
) {
  const byType = await relatedEntities(db, personId);
  const about = [...byType].map(([type, ids]) =>
    and(eq(auditLog.entityType, type), inArray(auditLog.entityId, ids))!,
  );
  const where: SQL[] = [or(...about)!];
  if (cursor)
    where.push(
      sql`(${auditLog.at}, ${auditLog.id}) < (timestamptz 'epoch' + ${cursor.atMicros}::bigint * interval '1 microsecond', ${cursor.id}::bigint)`,
    );
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      atMicros: sql<string>`(extract(epoch from ${auditLog.at}) * 1000000)::bigint::text`,
      actorUserId: auditLog.actorUserId,
      actorEmail: users.email,
      actorName: users.displayName,
      organizationId: auditLog.organizationId,
      organizationName: organizations.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      requestId: auditLog.requestId,
      outcome: auditLog.outcome,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ atMicros: _, ...r }) => ({
      ...r,
      id: r.id.toString(),
      at: r.at.toISOString(),
      details: (r.details as Record<string, unknown> | null) ?? null,
    })),
    nextCursor:
      rows.length > limit && last ? encodeCursor([String(last.atMicros), last.id.toString()]) : null,
  };
}
