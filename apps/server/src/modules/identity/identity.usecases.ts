import type { Me, Role } from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { forbidden, invalid } from '../../platform/errors';
import { audit } from '../audit';
import {
  accountDisabled,
  accountLocked,
  invalidCredentials,
  invitationInvalid,
  noMembership,
  wrongCurrentPassword,
} from './identity.errors';
import * as repo from './identity.repository';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

export const LOGIN_MAX_ATTEMPTS = 5;
export const LOGIN_LOCK_MINUTES = 15;
export const SESSION_TTL_HOURS = 12;
export const INVITATION_TTL_HOURS = 72;

export interface SessionStart {
  token: string;
  me: Me;
}

async function buildMe(db: Db, userId: string, activeMembershipId: string): Promise<Me> {
  const user = await repo.findUserById(db, userId);
  const memberships = await repo.listMemberships(db, userId);
  const active = memberships.find((m) => m.id === activeMembershipId) ?? memberships[0];
  if (!user || !active) throw noMembership();
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale },
    activeMembership: active,
    memberships,
  };
}

export async function getMe(db: Db, actor: Actor) {
  return buildMe(db, actor.userId, actor.membershipId);
}

/** Opens a session for a user whose identity is already proven (password or OpenID Connect). */
export async function startSession(
  db: Db,
  ctx: RequestContext,
  userId: string,
  userAgent: string | null,
  method: 'password' | 'oidc',
): Promise<SessionStart> {
  const memberships = await repo.listMemberships(db, userId);
  const first = memberships[0];
  if (!first) throw noMembership();
  const token = await db.transaction(async (tx) => {
    await repo.recordSuccessfulLogin(tx, userId);
    const t = await repo.createSession(tx, {
      userId,
      membershipId: first.id,
      ttlHours: SESSION_TTL_HOURS,
      ip: ctx.ip,
      userAgent,
    });
    await audit(
      tx,
      { ...ctx, actor: null },
      {
        action: 'auth.login',
        actorUserId: userId,
        entityType: 'user',
        entityId: userId,
        organizationId: first.organizationId,
        details: { method },
      },
    );
    return t;
  });
  return { token, me: await buildMe(db, userId, first.id) };
}

export async function login(
  db: Db,
  ctx: RequestContext,
  input: { email: string; password: string },
  userAgent: string | null,
): Promise<SessionStart> {
  const user = await repo.findUserByEmail(db, input.email);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await audit(db, ctx, {
      action: 'auth.login_failed',
      outcome: 'failed',
      details: { reason: 'unknown_email' },
      organizationId: null,
    });
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await audit(db, ctx, {
      action: 'auth.login_failed',
      outcome: 'denied',
      entityType: 'user',
      entityId: user.id,
      details: { reason: 'locked' },
      organizationId: null,
    });
    throw accountLocked(user.lockedUntil);
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const after = await repo.recordFailedLogin(db, user.id, LOGIN_MAX_ATTEMPTS, LOGIN_LOCK_MINUTES);
    await audit(db, ctx, {
      action: 'auth.login_failed',
      outcome: 'failed',
      actorUserId: user.id,
      entityType: 'user',
      entityId: user.id,
      details: { reason: 'wrong_password', attempts: after.failedLoginCount },
      organizationId: null,
    });
    if (after.lockedUntil && after.lockedUntil > new Date()) throw accountLocked(after.lockedUntil);
    throw invalidCredentials();
  }
  if (user.status !== 'active') throw accountDisabled();
  return startSession(db, ctx, user.id, userAgent, 'password');
}

export async function logout(db: Db, ctx: RequestContext) {
  if (!ctx.actor) return;
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, ctx.actor!.sessionId);
    await audit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor!.userId });
  });
}

export async function switchMembership(db: Db, ctx: RequestContext & { actor: Actor }, membershipId: string) {
  const memberships = await repo.listMemberships(db, ctx.actor.userId);
  if (!memberships.some((m) => m.id === membershipId)) throw forbidden('That role is not yours');
  await db.transaction(async (tx) => {
    await repo.switchSessionMembership(tx, ctx.actor.sessionId, membershipId);
    await audit(tx, ctx, {
      action: 'auth.switch_membership',
      entityType: 'membership',
      entityId: membershipId,
    });
  });
  return buildMe(db, ctx.actor.userId, membershipId);
}

export async function changePassword(
  db: Db,
  ctx: RequestContext & { actor: Actor },
  input: { currentPassword: string; newPassword: string },
) {
  const user = await repo.findUserById(db, ctx.actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw wrongCurrentPassword();
  if (input.currentPassword === input.newPassword)
    throw invalid('auth.password_unchanged', 'The new password must differ from the current one', [
      {
        field: 'body.newPassword',
        code: 'password_unchanged',
        message: 'The new password must differ from the current one',
      },
    ]);
  const hashed = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.setPassword(tx, user.id, hashed);
    // Other sessions (other browsers, a thief) end; this one stays.
    await repo.deleteOtherSessions(tx, user.id, ctx.actor.sessionId);
    await audit(tx, ctx, { action: 'auth.password_change', entityType: 'user', entityId: user.id });
  });
}

export async function inviteUser(
  db: Db,
  ctx: RequestContext & { actor: Actor },
  input: { email: string; displayName: string; role: Role; organizationId: string | null },
) {
  const { actor } = ctx;
  const isAdmin = actor.role === 'platform_admin';
  // Deny by default: admins invite anyone; others only into their own organisation, never as admin.
  if (
    !isAdmin &&
    (input.role === 'platform_admin' ||
      input.organizationId !== actor.organizationId ||
      !actor.organizationId)
  ) {
    throw forbidden('You can invite people only into your own organisation');
  }
  if (
    !isAdmin &&
    !['regional_officer', 'network_coordinator'].includes(actor.role) &&
    input.role !== actor.role
  ) {
    throw forbidden('You can invite colleagues only with your own role');
  }
  if (input.role !== 'platform_admin' && input.role !== 'citizen' && !input.organizationId) {
    throw invalid('auth.organization_required', 'This role acts for an organisation: choose one', [
      { field: 'body.organizationId', code: 'required', message: 'Choose an organisation' },
    ]);
  }
  return db.transaction(async (tx) => {
    const { invitation, token } = await repo.insertInvitation(tx, {
      ...input,
      invitedBy: actor.userId,
      ttlHours: INVITATION_TTL_HOURS,
    });
    await audit(tx, ctx, {
      action: 'auth.invite',
      entityType: 'invitation',
      entityId: invitation.id,
      organizationId: input.organizationId,
      details: { email: invitation.email, role: input.role },
    });
    return { invitation, token };
  });
}

export async function acceptInvitation(
  db: Db,
  ctx: RequestContext,
  input: { token: string; password: string },
  userAgent: string | null,
) {
  const hashed = await hashPassword(input.password);
  const userId = await db.transaction(async (tx) => {
    const inv = await repo.claimInvitation(tx, input.token);
    if (!inv) throw invitationInvalid();
    let user = await repo.findUserByEmail(tx, inv.email);
    if (!user)
      user = await repo.insertUser(tx, {
        email: inv.email,
        displayName: inv.displayName,
        passwordHash: hashed,
      });
    else if (!user.passwordHash) await repo.setPassword(tx, user.id, hashed);
    await repo.insertMembership(tx, { userId: user.id, organizationId: inv.organizationId, role: inv.role });
    await audit(tx, ctx, {
      action: 'auth.invitation_accept',
      entityType: 'invitation',
      entityId: inv.id,
      organizationId: inv.organizationId,
    });
    return user.id;
  });
  return startSession(db, ctx, userId, userAgent, 'password');
}

/** Creates the bootstrap platform admin when no admin exists (TRAMA_ADMIN_EMAIL / _PASSWORD). */
export async function ensureBootstrapAdmin(db: Db, email: string, password: string) {
  const existing = await db.query.memberships.findFirst({
    where: (m, { and, eq, isNull }) => and(eq(m.role, 'platform_admin'), isNull(m.revokedAt)),
  });
  if (existing) return false;
  const hashed = await hashPassword(password);
  await db.transaction(async (tx) => {
    let user = await repo.findUserByEmail(tx, email);
    if (!user)
      user = await repo.insertUser(tx, {
        email,
        displayName: 'Platform administrator',
        passwordHash: hashed,
      });
    await repo.insertMembership(tx, { userId: user.id, organizationId: null, role: 'platform_admin' });
    await audit(
      tx,
      { actor: null, requestId: 'bootstrap', ip: null },
      { action: 'auth.bootstrap_admin', entityType: 'user', entityId: user.id, organizationId: null },
    );
  });
  return true;
}
