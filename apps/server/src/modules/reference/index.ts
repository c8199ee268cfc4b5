import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http';
// Placeholder until the reference module lands (routes + loader).
export function referenceRoutes(_app: FastifyInstance, _deps: AppDeps) {}
export async function loadReferenceData(_database: unknown): Promise<string | null> {
  return null;
}
