import crypto from 'node:crypto';
import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Role } from '@trama/contracts';
import type { DbOrTx } from '../../platform/db';
import { organizations } from '../organizations/organizations.table';
import { invitations, memberships, oidcTransactions, sessions, users } from './identity.table';

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const newToken = () => crypto.randomBytes(32).toString('base64url');

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return u ?? null;
}

export async function findUserById(db: DbOrTx, id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
}

export async function findUserByOidc(db: DbOrTx, issuer: string, subject: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
    .limit(1);
  return u ?? null;
}

export async function insertUser(
  db: DbOrTx,
  values: {
    email: string;
    displayName: string;
    passwordHash: string | null;
    locale?: 'it' | 'en';
    fiscalCode?: string | null;
  },
) {
  const [u] = await db
    .insert(users)
    .values({
      ...values,
      email: values.email.toLowerCase(),
      passwordChangedAt: values.passwordHash ? new Date() : null,
    })
    .returning();
  return u!;
}

export async function insertMembership(
  db: DbOrTx,
  values: { userId: string; organizationId: string | null; role: Role },
) {
  const [m] = await db.insert(memberships).values(values).returning();
  return m!;
}

export async function listMemberships(db: DbOrTx, userId: string) {
  return db
    .select({
      id: memberships.id,
      role: memberships.role,
      organizationId: memberships.organizationId,
      organizationName: organizations.name,
      organizationType: organizations.type,
    })
    .from(memberships)
    .leftJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.revokedAt)))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}

export async function recordFailedLogin(
  db: DbOrTx,
  userId: string,
  maxAttempts: number,
  lockMinutes: number,
) {
  // One atomic statement: concurrent failures on several instances still count correctly.
  const [row] = await db
    .update(users)
    .set({
      failedLoginCount: sql`${users.failedLoginCount} + 1`,
      lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${maxAttempts} then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
  return row!;
}

export async function recordSuccessfulLogin(db: DbOrTx, userId: string) {
  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(users.id, userId));
}

export async function setPassword(db: DbOrTx, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId));
}

export async function createSession(
  db: DbOrTx,
  v: { userId: string; membershipId: string; ttlHours: number; ip: string | null; userAgent: string | null },
) {
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId: v.userId,
    membershipId: v.membershipId,
    expiresAt: new Date(Date.now() + v.ttlHours * 3600_000),
    ip: v.ip,
    userAgent: v.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** Resolves a session token to the actor, in one query; expired, revoked or disabled yield null. */
export async function findSessionActor(db: DbOrTx, token: string) {
  const tokenHash = sha256(token);
  const [row] = await db
    .select({
      sessionId: sessions.tokenHash,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
      membershipId: memberships.id,
      role: memberships.role,
      organizationId: memberships.organizationId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(memberships, eq(memberships.id, sessions.membershipId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, new Date()),
        eq(users.status, 'active'),
        isNull(memberships.revokedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function touchSession(db: DbOrTx, sessionId: string) {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, sessionId));
}

export async function deleteSession(db: DbOrTx, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, sessionId));
}

export async function deleteOtherSessions(db: DbOrTx, userId: string, keepSessionId: string) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keepSessionId}`));
}

export async function switchSessionMembership(db: DbOrTx, sessionId: string, membershipId: string) {
  await db.update(sessions).set({ membershipId }).where(eq(sessions.tokenHash, sessionId));
}

export async function insertInvitation(
  db: DbOrTx,
  v: {
    email: string;
    displayName: string;
    organizationId: string | null;
    role: Role;
    invitedBy: string;
    ttlHours: number;
  },
) {
  const token = newToken();
  const [inv] = await db
    .insert(invitations)
    .values({
      email: v.email.toLowerCase(),
      displayName: v.displayName,
      organizationId: v.organizationId,
      role: v.role,
      invitedBy: v.invitedBy,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + v.ttlHours * 3600_000),
    })
    .returning();
  return { invitation: inv!, token };
}

/** Claims an invitation atomically: a token can be used once, even by concurrent requests. */
export async function claimInvitation(db: DbOrTx, token: string) {
  const [inv] = await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        eq(invitations.tokenHash, sha256(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .returning();
  return inv ?? null;
}

/** At most `limit` users with this fiscal code (callers treat more than one as ambiguous). */
export async function findUsersByFiscalCode(db: DbOrTx, fiscalCode: string, limit = 2) {
  return db.select().from(users).where(eq(users.fiscalCode, fiscalCode.toUpperCase())).limit(limit);
}

/** Links an OpenID subject to a user that has none yet; false when the user is already linked. */
export async function linkOidcSubject(db: DbOrTx, userId: string, issuer: string, subject: string) {
  const rows = await db
    .update(users)
    .set({ oidcIssuer: issuer, oidcSubject: subject })
    .where(and(eq(users.id, userId), isNull(users.oidcSubject)))
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function insertOidcTransaction(
  db: DbOrTx,
  v: { state: string; codeVerifier: string; nonce: string; redirectUri: string; ttlMinutes: number },
) {
  // Sweep abandoned logins first (indexed on expires_at): the table stays as small as the traffic.
  await db.delete(oidcTransactions).where(lte(oidcTransactions.expiresAt, new Date()));
  await db.insert(oidcTransactions).values({
    stateHash: sha256(v.state),
    codeVerifier: v.codeVerifier,
    nonce: v.nonce,
    redirectUri: v.redirectUri,
    expiresAt: new Date(Date.now() + v.ttlMinutes * 60_000),
  });
}

/** Consumes a login in flight atomically: a state is usable once, even by concurrent callbacks. */
export async function takeOidcTransaction(db: DbOrTx, state: string) {
  const [row] = await db
    .delete(oidcTransactions)
    .where(and(eq(oidcTransactions.stateHash, sha256(state)), gt(oidcTransactions.expiresAt, new Date())))
    .returning();
  return row ?? null;
}
