import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../platform/config';
import { auditLog } from '../audit/audit.table';
import { makeOrganization, makeUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { users } from './identity.table';
import { fiscalCodeFromClaims } from './oidc.usecases';

/** People known to the local identity provider, by subject. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {};

let t: TestApp;
let appUrl: string;
let issuer: string;
let idp: http.Server;

const listen = (server: http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

beforeAll(async () => {
  // The provider's port must be known before the app's config, the app's before the client's redirect URI.
  idp = http.createServer();
  issuer = `http://127.0.0.1:${await listen(idp)}`;
  t = await createTestApp({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'trama',
    OIDC_CLIENT_SECRET: 'trama-test-client-secret',
    OIDC_ALLOW_INSECURE: '1',
  });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  appUrl = address;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'trama',
        client_secret: 'trama-test-client-secret',
        redirect_uris: [`${appUrl}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    cookies: { keys: ['oidc-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'fiscal_number'] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, ...ACCOUNTS[id] }),
    }),
  });
  idp.on('request', provider.callback());
});

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => idp?.close(resolve));
});

/** A browser in miniature: a cookie jar per host, redirects followed by hand. */
class Browser {
  private jars = new Map<string, Map<string, string>>();

  private jar(url: URL) {
    let jar = this.jars.get(url.host);
    if (!jar) this.jars.set(url.host, (jar = new Map()));
    return jar;
  }

  cookie(url: string, name: string) {
    return this.jar(new URL(url)).get(name);
  }

  setCookie(url: string, name: string, value: string) {
    this.jar(new URL(url)).set(name, value);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const target = new URL(url);
    const jar = this.jar(target);
    const res = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eqAt = pair!.indexOf('=');
      const name = pair!.slice(0, eqAt).trim();
      const value = pair!.slice(eqAt + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=.*1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location');
    return { res, location: location ? new URL(location, target).href : null, body: await res.text() };
  }
}

/**
 * Drives the whole authorization code flow as a browser would: app -> provider login form ->
 * consent form -> app callback. Returns the callback's response and the callback URL.
 */
async function signInThroughProvider(browser: Browser, subject: string) {
  const start = await browser.request(`${appUrl}/api/auth/oidc/login`);
  expect(start.res.status).toBe(302);
  expect(start.location!.startsWith(`${issuer}/auth?`)).toBe(true);
  let next = start.location!;
  for (let hop = 0; hop < 12 && next.startsWith(issuer); hop++) {
    const step = await browser.request(next);
    if (step.res.status === 200 && step.body.includes('name="prompt" value="login"')) {
      const form = await browser.request(next, {
        method: 'POST',
        form: { prompt: 'login', login: subject, password: 'qualsiasi' },
      });
      next = form.location!;
    } else if (step.res.status === 200 && step.body.includes('name="prompt" value="consent"')) {
      const form = await browser.request(next, { method: 'POST', form: { prompt: 'consent' } });
      next = form.location!;
    } else {
      expect(step.location, `unexpected provider answer ${step.res.status}: ${step.body}`).toBeTruthy();
      next = step.location!;
    }
  }
  expect(next.startsWith(`${appUrl}/api/auth/oidc/callback?`)).toBe(true);
  const callback = await browser.request(next);
  return { callback, callbackUrl: next };
}

async function me(browser: Browser) {
  const res = await browser.request(`${appUrl}/api/auth/me`);
  return { status: res.res.status, body: res.body ? JSON.parse(res.body) : null };
}

async function auditFor(action: string, subject: string) {
  const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, action));
  return rows.filter((r) => (r.details as { subject?: string } | null)?.subject === subject);
}

const uniqueSubject = (label: string) => `${label}-${crypto.randomUUID()}`;

describe('OpenID Connect configuration', () => {
  it('is offered when an issuer is configured, and not otherwise', async () => {
    const on = await t.app.inject({ url: '/api/auth/oidc/config' });
    expect(on.json()).toEqual({ enabled: true, label: 'SPID / CIE' });
    const plain = await buildApp({
      database: t.database,
      config: loadConfig({ TRAMA_DEMO: '0' }),
      webDist: null,
    });
    const off = await plain.inject({ url: '/api/auth/oidc/config' });
    expect(off.json().enabled).toBe(false);
    const login = await plain.inject({ url: '/api/auth/oidc/login' });
    expect(login.statusCode).toBe(302);
    expect(login.headers.location).toBe('/login?error=oidc_disabled');
    await plain.close();
  });

  it('extracts the fiscal code from SPID-style claims', () => {
    expect(fiscalCodeFromClaims({ fiscal_number: 'TINIT-RSSMRA80A01F205X' })).toBe('RSSMRA80A01F205X');
    expect(fiscalCodeFromClaims({ fiscalNumber: 'rssmra80a01f205x' })).toBe('RSSMRA80A01F205X');
    expect(fiscalCodeFromClaims({ fiscal_number: 'TINIT-RSSMRA80A01F205Y' })).toBeNull(); // check char
    expect(fiscalCodeFromClaims({ email: 'x@example.it' })).toBeNull();
  });
});

describe('OpenID Connect sign-in', () => {
  it('signs in a known person matched by fiscal code, links the subject, and later matches by subject', async () => {
    const u = await makeUser(t.database.db, 'citizen', null);
    await t.database.db.update(users).set({ fiscalCode: 'RSSMRA80A01F205X' }).where(eq(users.id, u.userId));
    const subject = uniqueSubject('spid');
    ACCOUNTS[subject] = {
      email: 'altro.indirizzo@example.it',
      email_verified: false,
      fiscal_number: 'TINIT-RSSMRA80A01F205X',
    };

    const browser = new Browser();
    const { callback, callbackUrl } = await signInThroughProvider(browser, subject);
    expect(callback.res.status).toBe(302);
    expect(callback.location).toBe(`${appUrl}/`);
    expect(browser.cookie(appUrl, 'trama_session')).toBeTruthy();
    const who = await me(browser);
    expect(who.status).toBe(200);
    expect(who.body.user.id).toBe(u.userId);
    expect(who.body.activeMembership).toMatchObject({ role: 'citizen', organizationId: null });

    const [linked] = await t.database.db.select().from(users).where(eq(users.id, u.userId));
    expect(linked).toMatchObject({ oidcIssuer: issuer, oidcSubject: subject });
    expect(await auditFor('auth.oidc_link', subject)).toHaveLength(1);
    const logins = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actorUserId, u.userId)));
    expect(logins.map((l) => l.details)).toEqual([{ method: 'oidc' }]);

    // The same callback URL replayed (stolen from history or logs) is refused: the state was used.
    const replay = await browser.request(callbackUrl);
    expect(replay.location).toBe(`${appUrl}/login?error=oidc_failed`);

    // Next time the fiscal code is gone from the claims: the linked subject is enough.
    ACCOUNTS[subject] = { email_verified: false };
    const again = new Browser();
    const second = await signInThroughProvider(again, subject);
    expect(second.callback.location).toBe(`${appUrl}/`);
    expect((await me(again)).body.user.id).toBe(u.userId);
  });

  it('signs in a user matched by a verified e-mail, acting for their organisation', async () => {
    const org = await makeOrganization(t.database.db, { type: 'company' });
    const u = await makeUser(t.database.db, 'company_staff', org.id);
    const subject = uniqueSubject('mail');
    ACCOUNTS[subject] = { email: u.email.toUpperCase(), email_verified: true };
    const browser = new Browser();
    const { callback } = await signInThroughProvider(browser, subject);
    expect(callback.location).toBe(`${appUrl}/`);
    const who = await me(browser);
    expect(who.status).toBe(200);
    expect(who.body.activeMembership).toMatchObject({ role: 'company_staff', organizationId: org.id });
  });

  it('refuses an unknown person (and an unverified e-mail), audited', async () => {
    const known = await makeUser(t.database.db, 'citizen', null);
    const subject = uniqueSubject('unknown');
    // The e-mail belongs to a user, but the provider does not vouch for it.
    ACCOUNTS[subject] = {
      email: known.email,
      email_verified: false,
      fiscal_number: 'TINIT-BNCLRA85M41L219R',
    };
    const browser = new Browser();
    const { callback } = await signInThroughProvider(browser, subject);
    expect(callback.res.status).toBe(302);
    expect(callback.location).toBe(`${appUrl}/login?error=oidc_unknown_user`);
    expect(browser.cookie(appUrl, 'trama_session')).toBeUndefined();
    expect((await me(browser)).status).toBe(401);
    const failures = await auditFor('auth.oidc_login_failed', subject);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      outcome: 'denied',
      details: { reason: 'no_match', issuer, subject },
    });
  });

  it('refuses a callback whose state was not issued to this browser', async () => {
    // An attacker completes a login with their own account and sends the callback link to a victim.
    const attacker = new Browser();
    const start = await attacker.request(`${appUrl}/api/auth/oidc/login`);
    const state = new URL(start.location!).searchParams.get('state')!;
    expect(attacker.cookie(appUrl, 'trama_oidc_state')).toBe(state);
    const victim = new Browser();
    const forged = await victim.request(`${appUrl}/api/auth/oidc/callback?code=abc&state=${state}`);
    expect(forged.location).toBe(`${appUrl}/login?error=oidc_failed`);

    // A state the server never issued is refused even when the cookie agrees with it.
    const bogus = new Browser();
    bogus.setCookie(appUrl, 'trama_oidc_state', 'forged-state');
    const res = await bogus.request(`${appUrl}/api/auth/oidc/callback?code=abc&state=forged-state`);
    expect(res.res.status).toBe(302);
    expect(res.location).toBe(`${appUrl}/login?error=oidc_failed`);
    expect((await me(bogus)).status).toBe(401);

    // Without any state at all.
    const none = await t.app.inject({ url: '/api/auth/oidc/callback?code=abc' });
    expect(none.statusCode).toBe(302);
    expect(none.headers.location).toBe('/login?error=oidc_failed');

    const reasons = (
      await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.oidc_login_failed'))
    ).map((r) => (r.details as { reason: string }).reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['state_mismatch', 'unknown_or_expired_state', 'missing_state']),
    );
  });

  it('refuses when the provider denies the request', async () => {
    const browser = new Browser();
    const start = await browser.request(`${appUrl}/api/auth/oidc/login`);
    const state = new URL(start.location!).searchParams.get('state')!;
    const denied = await browser.request(
      `${appUrl}/api/auth/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`,
    );
    expect(denied.location).toBe(`${appUrl}/login?error=oidc_failed`);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.oidc_login_failed'));
    expect(
      rows.some((r) => (r.details as { providerError?: string }).providerError === 'access_denied'),
    ).toBe(true);
  });
});
