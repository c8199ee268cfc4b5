import type { FastifyInstance } from 'fastify';
import { SkillsGap, SkillsGapQuery } from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import { skillsGap } from './analytics.usecases';

export function analyticsRoutes(app: FastifyInstance, deps: AppDeps) {
  typed(app).get(
    '/api/analytics/skills-gap',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'Skills gap by province and ISCO group (or ESCO skill): supply of people in charge against demand of open vacancies; shortage index = demand / (supply + 1); aggregates only, small cells suppressed',
        querystring: SkillsGapQuery,
        response: { 200: SkillsGap },
      },
    },
    async (req) => skillsGap(deps.database.db, requireActor(req).actor, req.query),
  );
}
