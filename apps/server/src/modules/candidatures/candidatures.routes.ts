import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Candidature,
  CandidatureInput,
  CandidaturePage,
  CandidatureQuery,
  CandidatureTransitionInput,
} from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as uc from './candidatures.usecases';

const IdParams = z.object({ id: z.uuid() });
const tags = ['candidatures'];

export function candidatureRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.post(
    '/api/candidatures',
    {
      schema: {
        tags,
        summary:
          "Propose a person for an open vacancy (case worker; needs the person's company_matching consent: 422 candidatures.consent_missing) or apply (citizen, for themself)",
        body: CandidatureInput,
        response: { 201: Candidature },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.createCandidature(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/candidatures',
    {
      schema: {
        tags,
        summary:
          "Candidatures to my company's vacancies, proposed by my organisation, or my own (citizen); newest first",
        querystring: CandidatureQuery,
        response: { 200: CandidaturePage },
      },
    },
    async (req) => uc.listCandidatures(db, requireActor(req), req.query),
  );

  r.get(
    '/api/candidatures/:id',
    {
      schema: { tags, summary: 'A candidature', params: IdParams, response: { 200: Candidature } },
    },
    async (req) => uc.getCandidature(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/candidatures/:id/transition',
    {
      schema: {
        tags,
        summary:
          "Move a candidature: screening, interview, hired, rejected (company); withdrawn (proposer or candidate). A hire records the placement on the person's open pathway",
        params: IdParams,
        body: CandidatureTransitionInput,
        response: { 200: Candidature },
      },
    },
    async (req) => uc.transitionCandidature(db, requireActor(req), req.params.id, req.body),
  );
}
