import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MatchQuery, PersonMatches, VacancyMatches } from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import { MatchingService } from './matching.service';
import * as uc from './matching.usecases';

const IdParams = z.object({ id: z.uuid() });
const tags = ['matching'];

export function matchingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;
  // One engine per app instance, built on first use and refreshed from the database.
  const service = new MatchingService(deps.database);
  app.decorate('matching', service);
  app.addHook('onClose', async () => service.close());

  r.get(
    '/api/vacancies/:id/matches',
    {
      schema: {
        tags,
        summary:
          'People ranked for an open vacancy (exact top k, explained); people the caller may not see come anonymised',
        params: IdParams,
        querystring: MatchQuery,
        response: { 200: VacancyMatches },
      },
    },
    async (req) => uc.vacancyMatches(db, service, requireActor(req), req.params.id, req.query.limit),
  );

  r.get(
    '/api/people/:id/matches',
    {
      schema: {
        tags,
        summary: 'Open vacancies ranked for a person the caller may see (exact top k, explained)',
        params: IdParams,
        querystring: MatchQuery,
        response: { 200: PersonMatches },
      },
    },
    async (req) => uc.personMatches(db, service, requireActor(req), req.params.id, req.query.limit),
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    matching: MatchingService;
  }
}
