import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OidcPublicConfig } from '@trama/contracts';
import { ctxOf, setSessionCookie, typed, type AppDeps } from '../../platform/http';
import { SESSION_TTL_HOURS } from './identity.usecases';
import { createOidcClient, type OidcClient } from './oidc.client';
import { OIDC_TRANSACTION_TTL_MINUTES, beginOidcLogin, completeOidcLogin } from './oidc.usecases';

/** Carries the state back to the browser that started the login; the secrets stay in the database. */
export const OIDC_STATE_COOKIE = 'trama_oidc_state';
const COOKIE_PATH = '/api/auth/oidc';
const CALLBACK_PATH = '/api/auth/oidc/callback';
const LABEL = 'SPID / CIE';

const Redirect = z.null().describe('302 redirect (see the Location header)');

const CallbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

function loginError(reply: FastifyReply, code: string) {
  return reply.redirect(`/login?error=${code}`, 302);
}

export function oidcRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;
  const cfg = deps.config.oidc;
  const client: OidcClient | null = cfg ? createOidcClient(cfg) : null;

  const redirectUri = (req: FastifyRequest) => {
    if (cfg?.redirectUri) return cfg.redirectUri;
    const base = (deps.config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
    return `${base}${CALLBACK_PATH}`;
  };

  r.get(
    '/api/auth/oidc/config',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether sign-in through OpenID Connect (SPID / CIE) is available',
        security: [],
        response: { 200: OidcPublicConfig },
      },
    },
    async () => ({ enabled: client !== null, label: LABEL }),
  );

  r.get(
    '/api/auth/oidc/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start sign-in through OpenID Connect: redirects to the identity provider',
        security: [],
        response: { 302: Redirect },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (!client) return loginError(reply, 'oidc_disabled');
      let started;
      try {
        started = await beginOidcLogin(db, client, redirectUri(req));
      } catch (err) {
        // Provider unreachable or misconfigured: the user gets a message, the operator a log line.
        req.log.warn({ err }, 'OpenID Connect login could not start');
        return loginError(reply, 'oidc_failed');
      }
      reply.setCookie(OIDC_STATE_COOKIE, started.state, {
        path: COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: OIDC_TRANSACTION_TTL_MINUTES * 60,
      });
      return reply.redirect(started.url, 302);
    },
  );

  r.get(
    CALLBACK_PATH,
    {
      schema: {
        tags: ['auth'],
        summary: 'Where the identity provider returns: signs the user in and redirects to the app',
        security: [],
        querystring: CallbackQuery,
        response: { 302: Redirect },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (!client) return loginError(reply, 'oidc_disabled');
      const rawQuery = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      reply.clearCookie(OIDC_STATE_COOKIE, { path: COOKIE_PATH });
      let result;
      try {
        result = await completeOidcLogin(db, ctxOf(req), client, {
          query: new URLSearchParams(rawQuery),
          cookieState: req.cookies[OIDC_STATE_COOKIE],
          userAgent: req.headers['user-agent'] ?? null,
        });
      } catch (err) {
        // Refusals are handled inside; this is the database failing. The browser still gets a page.
        req.log.error({ err }, 'OpenID Connect callback failed');
        return loginError(reply, 'oidc_failed');
      }
      if (!result.ok) return loginError(reply, result.error);
      setSessionCookie(reply, req, result.session.token, SESSION_TTL_HOURS * 3600);
      return reply.redirect('/', 302);
    },
  );
}
