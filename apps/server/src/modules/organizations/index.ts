import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http';
// Placeholder until the organizations module lands.
export function organizationRoutes(_app: FastifyInstance, _deps: AppDeps) {}
