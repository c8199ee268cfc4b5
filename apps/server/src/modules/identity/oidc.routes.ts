import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http';
// Placeholder until OpenID Connect lands.
export function oidcRoutes(_app: FastifyInstance, _deps: AppDeps) {}
