import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Vacancy, VacancyInput, VacancyPage, VacancyPatch, VacancyQuery } from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as uc from './vacancies.usecases';

const IdParams = z.object({ id: z.uuid() });
const tags = ['vacancies'];

export function vacancyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.post(
    '/api/vacancies',
    {
      schema: {
        tags,
        summary:
          "Publish (or draft) a vacancy for the caller's company; skills default to the occupation's ESCO skills",
        body: VacancyInput,
        response: { 201: Vacancy },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.createVacancy(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/vacancies',
    {
      schema: {
        tags,
        summary: "Vacancies (newest first): a company's own, or the network's published ones",
        querystring: VacancyQuery,
        response: { 200: VacancyPage },
      },
    },
    async (req) => uc.listVacancies(db, requireActor(req), req.query),
  );

  r.get(
    '/api/vacancies/:id',
    {
      schema: {
        tags,
        summary: 'A vacancy with its skills and languages',
        params: IdParams,
        response: { 200: Vacancy },
      },
    },
    async (req) => uc.getVacancy(db, requireActor(req), req.params.id),
  );

  r.patch(
    '/api/vacancies/:id',
    {
      schema: {
        tags,
        summary: 'Edit a vacancy or change its status (its company only; `version` guards lost updates)',
        params: IdParams,
        body: VacancyPatch,
        response: { 200: Vacancy },
      },
    },
    async (req) => uc.updateVacancy(db, requireActor(req), req.params.id, req.body),
  );
}
