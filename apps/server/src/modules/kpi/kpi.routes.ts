import type { FastifyInstance } from 'fastify';
import { KpiHome } from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import { homeFigures } from './kpi.usecases';

export function kpiRoutes(app: FastifyInstance, deps: AppDeps) {
  typed(app).get(
    '/api/kpi/home',
    {
      schema: {
        tags: ['kpi'],
        summary:
          "Key numbers for the signed-in actor's home page (their organisation; the network for steering roles)",
        response: { 200: KpiHome },
      },
    },
    async (req) => homeFigures(deps.database.db, requireActor(req).actor),
  );
}
