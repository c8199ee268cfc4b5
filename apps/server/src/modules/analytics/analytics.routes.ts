import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AnalyticsSectors, ReferenceLang, SkillsGap, SkillsGapQuery } from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import { feedsSkillsGap, startRefreshScheduler } from './analytics.refresh';
import { analyticsSectors, skillsGap } from './analytics.usecases';

export function analyticsRoutes(app: FastifyInstance, deps: AppDeps) {
  // The summary refresh job of this instance (see analytics.refresh.ts): successful writes to the modules
  // that feed the analysis are noted after the response (so after their commit), and refreshes are debounced.
  const scheduler = startRefreshScheduler(deps.database, app.log);
  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode < 400 && feedsSkillsGap(req.method, req.url)) scheduler.noteWrite();
  });
  app.addHook('onClose', async () => scheduler.stop());

  typed(app).get(
    '/api/analytics/skills-gap',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'Skills gap by province and ISCO group (or ESCO skill), optionally for one province or ATECO sector: supply of people in charge against demand of open vacancies; shortage index = demand / (supply + 1); top shortages and surpluses; aggregates only, small cells suppressed; served from a summary refreshed in the background (refreshedAt)',
        querystring: SkillsGapQuery,
        response: { 200: SkillsGap },
      },
    },
    async (req) => skillsGap(deps.database, requireActor(req).actor, req.query),
  );

  typed(app).get(
    '/api/analytics/sectors',
    {
      schema: {
        tags: ['analytics'],
        summary: 'ATECO 2025 sections with their divisions: the choices of the skills-gap sector filter',
        querystring: z.object({ lang: ReferenceLang.default('it') }),
        response: { 200: AnalyticsSectors },
      },
    },
    async (req) => analyticsSectors(deps.database, requireActor(req).actor, req.query.lang),
  );
}
