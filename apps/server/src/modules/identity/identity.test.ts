import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makeUser } from '../../test/factories';
import { hashPassword } from './passwords';
import { LOGIN_MAX_ATTEMPTS } from './identity.usecases';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('sign-in', () => {
  it('signs in with the right password, sets an httpOnly SameSite=Lax cookie, and /me answers', async () => {
    const org = await makeOrganization(t.database.db);
    const u = await makeUser(t.database.db, 'operator_staff', org.id, {
      passwordHash: await hashPassword('una-password-lunga'),
    });
    const res = await login(u.email.toUpperCase(), 'una-password-lunga');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'trama_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({ url: '/api/auth/me', cookies: { trama_session: cookie.value } });
    expect(me.json().activeMembership).toMatchObject({ role: 'operator_staff', organizationId: org.id });
  });

  it('refuses a wrong password with problem+json and locks the account after repeated failures', async () => {
    const u = await makeUser(t.database.db, 'citizen', null, {
      passwordHash: await hashPassword('giusta-password-1'),
    });
    const first = await login(u.email, 'sbagliata');
    expect(first.statusCode).toBe(401);
    expect(first.headers['content-type']).toContain('application/problem+json');
    expect(first.json().code).toBe('auth.invalid_credentials');
    for (let i = 1; i < LOGIN_MAX_ATTEMPTS - 1; i++) await login(u.email, 'sbagliata');
    const locked = await login(u.email, 'sbagliata');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('auth.account_locked');
    // Even the right password is refused while locked.
    const right = await login(u.email, 'giusta-password-1');
    expect(right.json().code).toBe('auth.account_locked');
  });

  it('does not reveal whether an e-mail exists', async () => {
    const res = await login('nessuno@example.it', 'qualcosa');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.invalid_credentials');
  });

  it('logout ends the session server-side', async () => {
    const u = await makeUser(t.database.db, 'citizen', null);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: u.cookie },
    });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('auth.unauthenticated');
  });

  it('password change needs the current password and ends other sessions', async () => {
    const u = await makeUser(t.database.db, 'citizen', null, {
      passwordHash: await hashPassword('vecchia-password'),
    });
    const other = await login(u.email, 'vecchia-password');
    const otherCookie = other.cookies.find((c) => c.name === 'trama_session')!.value;
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: u.cookie },
      payload: { currentPassword: 'non-lei', newPassword: 'nuova-password-lunga' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('auth.wrong_current_password');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: u.cookie },
      payload: { currentPassword: 'vecchia-password', newPassword: 'nuova-password-lunga' },
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/auth/me', cookies: { trama_session: otherCookie } })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(200);
    expect((await login(u.email, 'nuova-password-lunga')).statusCode).toBe(200);
  });
});

describe('invitations', () => {
  it('an admin invites, the invitee accepts once and acts for the organisation', async () => {
    const org = await makeOrganization(t.database.db);
    const admin = await makeUser(t.database.db, 'platform_admin', null);
    const inv = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invitations',
      headers: { cookie: admin.cookie },
      payload: {
        email: 'nuova.collega@example.it',
        displayName: 'Nuova Collega',
        role: 'operator_staff',
        organizationId: org.id,
      },
    });
    expect(inv.statusCode).toBe(201);
    const token = new URL(inv.json().acceptUrl).searchParams.get('token')!;
    const acc = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token, password: 'password-della-collega' },
    });
    expect(acc.statusCode).toBe(200);
    expect(acc.json().activeMembership).toMatchObject({ role: 'operator_staff', organizationId: org.id });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token, password: 'password-della-collega' },
    });
    expect(again.statusCode).toBe(410);
  });

  it('a case worker cannot invite into another organisation, and the refusal is audited', async () => {
    const mine = await makeOrganization(t.database.db);
    const theirs = await makeOrganization(t.database.db);
    const worker = await makeUser(t.database.db, 'operator_staff', mine.id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invitations',
      headers: { cookie: worker.cookie },
      payload: {
        email: 'x@example.it',
        displayName: 'X Y',
        role: 'operator_staff',
        organizationId: theirs.id,
      },
    });
    expect(res.statusCode).toBe(403);
    const admin = await makeUser(t.database.db, 'platform_admin', null);
    const log = await t.app.inject({
      url: `/api/audit?action=access.denied&actorUserId=${worker.userId}`,
      headers: { cookie: admin.cookie },
    });
    expect(log.json().items).toHaveLength(1);
  });
});

describe('audit log', () => {
  it('is append-only at the database level', async () => {
    await expect(t.database.exec('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(t.database.exec("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
  });

  it('is for platform admins only', async () => {
    const org = await makeOrganization(t.database.db);
    const u = await makeUser(t.database.db, 'regional_officer', org.id);
    const res = await t.app.inject({ url: '/api/audit', headers: { cookie: u.cookie } });
    expect(res.statusCode).toBe(403);
  });
});
