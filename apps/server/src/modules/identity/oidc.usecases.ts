import { isValidPersonFiscalCode } from '@trama/contracts';
import type { RequestContext } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { audit } from '../audit';
import * as repo from './identity.repository';
import { startSession, type SessionStart } from './identity.usecases';
import type { OidcClient, OidcIdentity } from './oidc.client';

export const OIDC_TRANSACTION_TTL_MINUTES = 10;

/** Stable codes the login page turns into a message (`/login?error=<code>`). */
export type OidcFailure = 'oidc_unknown_user' | 'oidc_failed';

export type OidcLoginResult = { ok: true; session: SessionStart } | { ok: false; error: OidcFailure };

type User = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;
type MatchedBy = 'subject' | 'fiscal_code' | 'email';

/** Claim names under which SPID/CIE gateways release the fiscal code ("TINIT-RSSMRA80A01F205X"). */
const FISCAL_CODE_CLAIMS = ['fiscal_number', 'fiscalNumber', 'https://attributes.eid.gov.it/fiscal_number'];

/** The person's codice fiscale from the claims, without the "TINIT-" prefix; null when absent or invalid. */
export function fiscalCodeFromClaims(claims: Record<string, unknown>): string | null {
  for (const name of FISCAL_CODE_CLAIMS) {
    const raw = claims[name];
    if (typeof raw !== 'string') continue;
    const code = raw
      .trim()
      .toUpperCase()
      .replace(/^TINIT-?/, '');
    if (isValidPersonFiscalCode(code)) return code;
  }
  return null;
}

function verifiedEmail(claims: Record<string, unknown>): string | null {
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  return verified && typeof claims.email === 'string' && claims.email.length <= 254
    ? claims.email.toLowerCase()
    : null;
}

/** Starts a login: the PKCE verifier and nonce wait in the database under the state's hash. */
export async function beginOidcLogin(db: Db, client: OidcClient, redirectUri: string) {
  const request = await client.startLogin(redirectUri);
  await repo.insertOidcTransaction(db, {
    state: request.state,
    codeVerifier: request.codeVerifier,
    nonce: request.nonce,
    redirectUri,
    ttlMinutes: OIDC_TRANSACTION_TTL_MINUTES,
  });
  return { url: request.url.href, state: request.state };
}

/**
 * Who the provider's subject is in Trama: the linked subject first, then the fiscal code
 * (what SPID/CIE certify), then a verified e-mail of a user not linked to another subject.
 */
async function findAccount(
  db: Db,
  identity: OidcIdentity,
): Promise<{ user: User; matchedBy: MatchedBy } | { user: null; reason: string }> {
  const linked = await repo.findUserByOidc(db, identity.issuer, identity.subject);
  if (linked) return { user: linked, matchedBy: 'subject' };
  const fiscalCode = fiscalCodeFromClaims(identity.claims);
  if (fiscalCode) {
    const found = await repo.findUsersByFiscalCode(db, fiscalCode);
    if (found.length === 1) return { user: found[0]!, matchedBy: 'fiscal_code' };
    if (found.length > 1) return { user: null, reason: 'fiscal_code_ambiguous' };
  }
  const email = verifiedEmail(identity.claims);
  if (email) {
    const user = await repo.findUserByEmail(db, email);
    if (user) {
      if (user.oidcSubject) return { user: null, reason: 'email_linked_to_other_subject' };
      if (user.fiscalCode && fiscalCode && user.fiscalCode.toUpperCase() !== fiscalCode)
        return { user: null, reason: 'fiscal_code_mismatch' };
      return { user, matchedBy: 'email' };
    }
  }
  return { user: null, reason: 'no_match' };
}

/**
 * Finishes a login on the provider's redirect. Never throws for a bad or hostile callback: every
 * refusal is audited (`auth.oidc_login_failed`) and reported as a stable code.
 */
export async function completeOidcLogin(
  db: Db,
  ctx: RequestContext,
  client: OidcClient,
  input: { query: URLSearchParams; cookieState: string | undefined; userAgent: string | null },
): Promise<OidcLoginResult> {
  const fail = async (error: OidcFailure, details: Record<string, unknown>): Promise<OidcLoginResult> => {
    await audit(db, ctx, {
      action: 'auth.oidc_login_failed',
      outcome: error === 'oidc_unknown_user' ? 'denied' : 'failed',
      entityType: details.userId ? 'user' : null,
      entityId: (details.userId as string | undefined) ?? null,
      actorUserId: (details.userId as string | undefined) ?? null,
      organizationId: null,
      details,
    });
    return { ok: false, error };
  };

  const state = input.query.get('state');
  if (!state)
    return fail('oidc_failed', { reason: 'missing_state', providerError: input.query.get('error') });
  // The state must come back to the browser that started the login (login CSRF).
  if (state !== input.cookieState) return fail('oidc_failed', { reason: 'state_mismatch' });
  const pending = await repo.takeOidcTransaction(db, state);
  if (!pending) return fail('oidc_failed', { reason: 'unknown_or_expired_state' });

  let identity: OidcIdentity;
  try {
    const callbackUrl = new URL(pending.redirectUri);
    callbackUrl.search = input.query.toString();
    identity = await client.finishLogin(callbackUrl, {
      state,
      codeVerifier: pending.codeVerifier,
      nonce: pending.nonce,
    });
  } catch (err) {
    const e = err as { code?: unknown; error?: unknown; message?: unknown };
    return fail('oidc_failed', {
      reason: 'exchange_failed',
      providerError: typeof e.error === 'string' ? e.error.slice(0, 100) : null,
      code: typeof e.code === 'string' ? e.code : null,
      message: typeof e.message === 'string' ? e.message.slice(0, 300) : null,
    });
  }

  const who = { issuer: identity.issuer, subject: identity.subject };
  const found = await findAccount(db, identity);
  if (!found.user) return fail('oidc_unknown_user', { reason: found.reason, ...who });
  const { user, matchedBy } = found;
  if (user.status !== 'active')
    return fail('oidc_failed', { reason: 'account_disabled', userId: user.id, ...who });

  if (matchedBy !== 'subject' && !user.oidcSubject) {
    try {
      await db.transaction(async (tx) => {
        if (await repo.linkOidcSubject(tx, user.id, identity.issuer, identity.subject))
          await audit(tx, ctx, {
            action: 'auth.oidc_link',
            actorUserId: user.id,
            entityType: 'user',
            entityId: user.id,
            organizationId: null,
            details: { ...who, matchedBy },
          });
      });
    } catch {
      // Another user holds this subject (a concurrent first login): refuse rather than guess.
      return fail('oidc_failed', { reason: 'link_conflict', userId: user.id, ...who });
    }
  }

  try {
    const session = await startSession(db, ctx, user.id, input.userAgent, 'oidc');
    return { ok: true, session };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return fail('oidc_failed', {
      reason: code === 'auth.no_membership' ? 'no_membership' : 'session_failed',
      userId: user.id,
      ...who,
    });
  }
}
