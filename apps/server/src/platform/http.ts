import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, RequestContext } from './actor';
import type { AppConfig } from './config';
import type { Database } from './db';
import { unauthenticated } from './errors';
import { findSessionActor, touchSession } from '../modules/identity/identity.repository';

export const SESSION_COOKIE = 'trama_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** What every module's routes receive: plain arguments, no container. */
export interface AppDeps {
  database: Database;
  config: AppConfig;
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export function ctxOf(req: FastifyRequest): RequestContext {
  return { actor: req.actor, requestId: req.id, ip: req.ip ?? null };
}

/** Deny by default: every route that is not explicitly public calls this first. */
export function requireActor(req: FastifyRequest): RequestContext & { actor: Actor } {
  if (!req.actor) throw unauthenticated();
  return { actor: req.actor, requestId: req.id, ip: req.ip ?? null };
}

const TOUCH_INTERVAL_MS = 5 * 60_000;

/** Resolves the session cookie into `req.actor` on every request (one indexed query). */
export function registerSessionResolver(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const row = await findSessionActor(deps.database.db, token);
    if (!row) return;
    req.actor = {
      userId: row.userId,
      email: row.email,
      displayName: row.displayName,
      membershipId: row.membershipId,
      role: row.role,
      organizationId: row.organizationId,
      sessionId: row.sessionId,
    };
    if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
      await touchSession(deps.database.db, row.sessionId);
  });
  // Deny by default, before validation: an anonymous caller learns nothing about a private route's input.
  app.addHook('onRequest', async (req) => {
    if (!req.actor && requiresSession(req)) throw unauthenticated();
  });
}

/**
 * Every /api route needs a session unless it declares `schema: { security: [] }` (which also tells
 * the OpenAPI document it is public). The interactive docs are public too.
 */
export function requiresSession(req: FastifyRequest): boolean {
  const url = req.routeOptions.url;
  if (!url || !url.startsWith('/api/') || url === '/api/docs' || url.startsWith('/api/docs/')) return false;
  const security = (req.routeOptions.schema as { security?: unknown[] } | undefined)?.security;
  return !(Array.isArray(security) && security.length === 0);
}

export function setSessionCookie(
  reply: FastifyReply,
  req: FastifyRequest,
  token: string,
  maxAgeSeconds: number,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
