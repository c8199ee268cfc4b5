import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CatalogueLine,
  CatalogueLineInput,
  CatalogueLinePatch,
  Programme,
  ProgrammeInput,
  ProgrammePage,
  ProgrammePatch,
  ProgrammeQuery,
  RuleSet,
  RuleSetInput,
  RuleSetList,
} from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as uc from './programmes.usecases';

const IdParams = z.object({ id: z.uuid() });
const tags = ['programmes'];

export function programmeRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.get(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: 'List programmes (GOL, Dote, ...)',
        querystring: ProgrammeQuery,
        response: { 200: ProgrammePage },
      },
    },
    async (req) => uc.listProgrammes(db, requireActor(req), req.query),
  );

  r.post(
    '/api/programmes',
    {
      schema: {
        tags,
        summary:
          'Create a programme with its bands, service catalogue and profiling rules (admins, regional officers)',
        body: ProgrammeInput,
        response: { 201: Programme },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.createProgramme(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/programmes/:id',
    {
      schema: {
        tags,
        summary: 'A programme with bands, catalogue and the current rule set',
        params: IdParams,
        response: { 200: Programme },
      },
    },
    async (req) => uc.getProgramme(db, requireActor(req), req.params.id),
  );

  r.patch(
    '/api/programmes/:id',
    {
      schema: {
        tags,
        summary: 'Change programme parameters or bands (optimistic locking on version)',
        params: IdParams,
        body: ProgrammePatch,
        response: { 200: Programme },
      },
    },
    async (req) => uc.updateProgramme(db, requireActor(req), req.params.id, req.body),
  );

  r.post(
    '/api/programmes/:id/catalogue',
    {
      schema: {
        tags,
        summary: 'Add a service catalogue line',
        params: IdParams,
        body: CatalogueLineInput,
        response: { 201: CatalogueLine },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.addCatalogueLine(db, requireActor(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/programmes/:id/catalogue/:lineId',
    {
      schema: {
        tags,
        summary: 'Change a catalogue line (vouchers keep the cost they were planned with)',
        params: z.object({ id: z.uuid(), lineId: z.uuid() }),
        body: CatalogueLinePatch,
        response: { 200: CatalogueLine },
      },
    },
    async (req) => uc.updateCatalogueLine(db, requireActor(req), req.params.id, req.params.lineId, req.body),
  );

  r.get(
    '/api/programmes/:id/rule-sets',
    {
      schema: {
        tags,
        summary: 'Every version of the profiling rule set, newest first',
        params: IdParams,
        response: { 200: RuleSetList },
      },
    },
    async (req) => uc.listRuleSets(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/programmes/:id/rule-sets',
    {
      schema: {
        tags,
        summary: 'Publish a new version of the profiling rules (earlier assessments keep theirs)',
        params: IdParams,
        body: RuleSetInput,
        response: { 201: RuleSet },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.addRuleSet(db, requireActor(req), req.params.id, req.body)),
  );

  r.get(
    '/api/programmes/:id/rule-sets/:version',
    {
      schema: {
        tags,
        summary: 'One version of the profiling rules',
        params: z.object({ id: z.uuid(), version: z.coerce.number().int().min(1).max(1_000_000) }),
        response: { 200: RuleSet },
      },
    },
    async (req) => uc.getRuleSet(db, requireActor(req), req.params.id, req.params.version),
  );
}
