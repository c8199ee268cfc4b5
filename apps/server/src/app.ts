import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '@trama/contracts';
import type { AppConfig } from './platform/config';
import type { Database } from './platform/db';
import { frameworkErrors, registerErrorHandling } from './platform/errors';
import { registerSessionResolver, typed, type AppDeps } from './platform/http';
import { audit, auditRoutes } from './modules/audit';
import { identityRoutes } from './modules/identity';
import { oidcRoutes } from './modules/identity/oidc.routes';
import { kpiRoutes } from './modules/kpi';
import { organizationRoutes } from './modules/organizations';
import { peopleRoutes } from './modules/people';
import { referenceRoutes } from './modules/reference';
import { programmeRoutes } from './modules/programmes';
import { pathwayRoutes } from './modules/pathways';
import { voucherRoutes } from './modules/vouchers';
import { referralRoutes } from './modules/referrals';
import { companyRoutes } from './modules/companies';
import { vacancyRoutes } from './modules/vacancies';
import { matchingRoutes } from './modules/matching';
import { candidatureRoutes } from './modules/candidatures';
import { analyticsRoutes } from './modules/analytics';
import { crisisRoutes } from './modules/crises';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
export const BODY_LIMIT = 1024 * 1024;

export interface BuildAppOptions {
  database: Database;
  config: AppConfig;
  logger?: boolean | object;
  /** Serve the built web app from this directory (default: apps/web/dist when present). */
  webDist?: string | null;
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const deps: AppDeps = { database: opts.database, config: opts.config };
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: false } },
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const webDist = opts.webDist === undefined ? WEB_DIST : opts.webDist;
  const servesWeb = Boolean(webDist && fs.existsSync(path.join(webDist, 'index.html')));
  registerErrorHandling(app, {
    // Client-side routes: any non-API GET that wants HTML gets the app shell.
    onNotFound: (req, reply) => {
      if (!servesWeb || req.method !== 'GET' || req.url.startsWith('/api')) return false;
      if (!(req.headers.accept ?? '').includes('text/html')) return false;
      void reply.type('text/html').sendFile('index.html');
      return true;
    },
    onDenied: async (req, err) => {
      await audit(
        deps.database.db,
        { actor: req.actor, requestId: req.id, ip: req.ip ?? null },
        {
          action: 'access.denied',
          outcome: 'denied',
          details: { method: req.method, route: req.routeOptions.url ?? req.url, code: err.code },
        },
      );
    },
  });

  await app.register(fastifyCookie, { secret: opts.config.sessionSecret });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
    hsts: opts.config.production,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`Too many requests: try again in ${Math.ceil(ctx.ttl / 1000)} seconds`), {
        statusCode: 429,
      }),
  });

  z.globalRegistry.add(Problem, { id: 'Problem' });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trama API',
        version: '0.1.0',
        description:
          'API of Trama, the platform for territorial labour-policy networks. Errors are RFC 9457 problem+json with a stable `code`.',
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl' },
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'trama_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  registerSessionResolver(app, deps);

  typed(app).get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database check',
        security: [],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await deps.database.query('select 1');
      return { status: 'ok' as const, database: deps.database.kind };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true, security: [] } }, async () => app.swagger());

  identityRoutes(app, deps);
  oidcRoutes(app, deps);
  auditRoutes(app, deps);
  referenceRoutes(app, deps);
  organizationRoutes(app, deps);
  peopleRoutes(app, deps);
  kpiRoutes(app, deps);
  programmeRoutes(app, deps);
  pathwayRoutes(app, deps);
  voucherRoutes(app, deps);
  referralRoutes(app, deps);
  companyRoutes(app, deps);
  vacancyRoutes(app, deps);
  matchingRoutes(app, deps);
  candidatureRoutes(app, deps);
  analyticsRoutes(app, deps);
  crisisRoutes(app, deps);

  if (servesWeb && webDist) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
