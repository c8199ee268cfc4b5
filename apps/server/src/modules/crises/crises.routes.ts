import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AttendanceInput,
  CohortAdd,
  CohortMember,
  CohortPage,
  CohortQuery,
  Crisis,
  CrisisInput,
  CrisisOutcome,
  CrisisPage,
  CrisisPatch,
  CrisisQuery,
  GroupAction,
  GroupActionInput,
  GroupActionList,
  MarketingProfile,
  SessionInput,
  SkillsProfile,
  TargetCompanies,
  TargetCompanyQuery,
} from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as uc from './crises.usecases';

const IdParams = z.object({ id: z.uuid() });
const MemberParams = z.object({ id: z.uuid(), personId: z.uuid() });
const ActionParams = z.object({ id: z.uuid(), actionId: z.uuid() });
const SessionParams = z.object({ id: z.uuid(), actionId: z.uuid(), sessionId: z.uuid() });
const tags = ['crises'];

export function crisisRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.get(
    '/api/crises',
    {
      schema: {
        tags,
        summary: 'Company crises I coordinate, see as network coordinator, or of my company (newest first)',
        querystring: CrisisQuery,
        response: { 200: CrisisPage },
      },
    },
    async (req) => uc.listCrises(db, requireActor(req), req.query),
  );

  r.post(
    '/api/crises',
    {
      schema: {
        tags,
        summary: 'Open a company crisis (collective re-employment, GOL path 5), owned by my organisation',
        body: CrisisInput,
        response: { 201: Crisis },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.createCrisis(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/crises/:id',
    {
      schema: { tags, summary: 'A company crisis', params: IdParams, response: { 200: Crisis } },
    },
    async (req) => uc.getCrisis(db, requireActor(req), req.params.id),
  );

  r.patch(
    '/api/crises/:id',
    {
      schema: {
        tags,
        summary: 'Update a crisis (dates, agreement with the unions, status); optimistic locking',
        params: IdParams,
        body: CrisisPatch,
        response: { 200: Crisis },
      },
    },
    async (req) => uc.updateCrisis(db, requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/crises/:id/cohort',
    {
      schema: {
        tags,
        summary: 'The cohort: affected workers I may see (personal data: audited), with totals',
        params: IdParams,
        querystring: CohortQuery,
        response: { 200: CohortPage },
      },
    },
    async (req) => uc.listCohort(db, requireActor(req), req.params.id, req.query),
  );

  r.post(
    '/api/crises/:id/cohort',
    {
      schema: {
        tags,
        summary: 'Add a person I follow (with a pathway) to the cohort',
        params: IdParams,
        body: CohortAdd,
        response: { 201: CohortMember },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.addCohortMember(db, requireActor(req), req.params.id, req.body.personId)),
  );

  r.delete(
    '/api/crises/:id/cohort/:personId',
    {
      schema: {
        tags,
        summary: 'Remove a person from the cohort (attendance already recorded is kept)',
        params: MemberParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await uc.removeCohortMember(db, requireActor(req), req.params.id, req.params.personId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/crises/:id/actions',
    {
      schema: {
        tags,
        summary: 'Group actions with their sessions and attendance',
        params: IdParams,
        response: { 200: GroupActionList },
      },
    },
    async (req) => uc.listActions(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/crises/:id/actions',
    {
      schema: {
        tags,
        summary: 'Plan a group action (outplacement workshop, skills analysis, group training, job club)',
        params: IdParams,
        body: GroupActionInput,
        response: { 201: GroupAction },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.createAction(db, requireActor(req), req.params.id, req.body)),
  );

  r.post(
    '/api/crises/:id/actions/:actionId/sessions',
    {
      schema: {
        tags,
        summary: 'Add a session to a group action',
        params: ActionParams,
        body: SessionInput,
        response: { 201: GroupAction },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await uc.addSession(db, requireActor(req), req.params.id, req.params.actionId, req.body)),
  );

  r.put(
    '/api/crises/:id/actions/:actionId/sessions/:sessionId/attendance',
    {
      schema: {
        tags,
        summary: 'Record attendance of cohort members at a session (present, absent, justified)',
        params: SessionParams,
        body: AttendanceInput,
        response: { 200: GroupAction },
      },
    },
    async (req) =>
      uc.recordAttendance(
        db,
        requireActor(req),
        req.params.id,
        req.params.actionId,
        req.params.sessionId,
        req.body,
      ),
  );

  r.get(
    '/api/crises/:id/skills-profile',
    {
      schema: {
        tags,
        summary: "The cohort's skills profile: ESCO skills, occupations and ISCO groups with counts",
        params: IdParams,
        response: { 200: SkillsProfile },
      },
    },
    async (req) => uc.skillsProfile(db, requireActor(req), req.params.id),
  );

  r.get(
    '/api/crises/:id/target-companies',
    {
      schema: {
        tags,
        summary:
          "Companies ranked by how well their open vacancies and sector demand the cohort's skills within reach",
        params: IdParams,
        querystring: TargetCompanyQuery,
        response: { 200: TargetCompanies },
      },
    },
    async (req) => uc.targetCompanies(db, requireActor(req), req.params.id, req.query),
  );

  r.get(
    '/api/crises/:id/marketing',
    {
      schema: {
        tags,
        summary: 'Territorial marketing: the anonymised cohort profile (no names, groups under 5 as "<5")',
        params: IdParams,
        response: { 200: MarketingProfile },
      },
    },
    async (req) => uc.marketingProfile(db, requireActor(req), req.params.id),
  );

  r.get(
    '/api/crises/:id/marketing.pdf',
    {
      schema: {
        tags,
        summary: 'The anonymised cohort profile as PDF, to send to companies',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf') },
      },
    },
    async (req, reply) => {
      const pdf = await uc.marketingPdf(db, requireActor(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="profilo-coorte.pdf"')
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  r.get(
    '/api/crises/:id/outcome',
    {
      schema: {
        tags,
        summary:
          'Outcome: active participants re-employed against the programme threshold, with the funding consequence',
        params: IdParams,
        response: { 200: CrisisOutcome },
      },
    },
    async (req) => uc.outcome(db, requireActor(req), req.params.id),
  );
}
