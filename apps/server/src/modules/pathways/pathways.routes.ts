import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Appointment,
  AppointmentInput,
  AppointmentList,
  AppointmentOutcomeInput,
  Assessment,
  AssessmentInput,
  AssessmentList,
  AssessmentProposal,
  CaseloadPage,
  CaseloadQuery,
  MyAppointmentList,
  MyPact,
  MyPathway,
  MyPathwayList,
  PactContentInput,
  PactSignInput,
  PactVersion,
  PactVersionList,
  Pathway,
  PathwayInput,
  PathwayPage,
  PathwayPatch,
  PathwayQuery,
  Placement,
  PlacementInput,
  TransitionInput,
} from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as mine from './pathways.citizen.usecases';
import * as uc from './pathways.usecases';

const IdParams = z.object({ id: z.uuid() });
const VersionParams = z.object({ id: z.uuid(), v: z.coerce.number().int().min(1).max(100_000) });
const tags = ['pathways'];

export function pathwayRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.post(
    '/api/pathways',
    {
      schema: {
        tags,
        summary: 'Take a person in charge: open a pathway in a programme with an office and a case worker',
        body: PathwayInput,
        response: { 201: Pathway },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.takeInCharge(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/pathways',
    {
      schema: {
        tags,
        summary: "My organisation's pathways, filtered (newest taking in charge first)",
        querystring: PathwayQuery,
        response: { 200: PathwayPage },
      },
    },
    async (req) => uc.listPathways(db, requireActor(req), req.query),
  );

  r.get(
    '/api/pathways/:id',
    {
      schema: {
        tags,
        summary: 'A pathway with its timeline and the transitions available now',
        params: IdParams,
        response: { 200: Pathway },
      },
    },
    async (req) => uc.getPathway(db, requireActor(req), req.params.id),
  );

  r.patch(
    '/api/pathways/:id',
    {
      schema: {
        tags,
        summary: 'Change the responsible case worker or the office',
        params: IdParams,
        body: PathwayPatch,
        response: { 200: Pathway },
      },
    },
    async (req) => uc.reassignPathway(db, requireActor(req), req.params.id, req.body),
  );

  r.post(
    '/api/pathways/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Suspend, resume, close without outcome, withdraw or forfeit (409 pathways.invalid_transition)',
        params: IdParams,
        body: TransitionInput,
        response: { 200: Pathway },
      },
    },
    async (req) => uc.transition(db, requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/pathways/:id/assessment-proposal',
    {
      schema: {
        tags,
        summary: "The profiling proposal from the programme's current rule set (not saved)",
        params: IdParams,
        response: { 200: AssessmentProposal },
      },
    },
    async (req) => uc.assessmentProposal(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/pathways/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Record an assessment: confirm or override (with a reason) the proposed path and band',
        params: IdParams,
        body: AssessmentInput,
        response: { 201: Assessment },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.recordAssessment(db, requireActor(req), req.params.id, req.body)),
  );

  r.get(
    '/api/pathways/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Assessment history, newest first',
        params: IdParams,
        response: { 200: AssessmentList },
      },
    },
    async (req) => uc.listAssessments(db, requireActor(req), req.params.id),
  );

  r.get(
    '/api/pathways/:id/pact',
    {
      schema: {
        tags,
        summary: 'Every version of the service pact, newest first',
        params: IdParams,
        response: { 200: PactVersionList },
      },
    },
    async (req) => uc.listPactVersions(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/pathways/:id/pact/versions',
    {
      schema: {
        tags,
        summary: 'Draw up a new version of the service pact',
        params: IdParams,
        body: PactContentInput,
        response: { 201: PactVersion },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.createPactVersion(db, requireActor(req), req.params.id, req.body)),
  );

  r.get(
    '/api/pathways/:id/pact/versions/:v(^\\d+).pdf',
    {
      schema: {
        tags,
        summary: 'One version of the service pact as PDF',
        params: VersionParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf') },
      },
    },
    async (req, reply) => {
      const pdf = await uc.pactPdf(db, requireActor(req), req.params.id, req.params.v);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="patto-v${req.params.v}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  r.get(
    '/api/pathways/:id/pact/versions/:v(^\\d+)',
    {
      schema: {
        tags,
        summary: 'One version of the service pact',
        params: VersionParams,
        response: { 200: PactVersion },
      },
    },
    async (req) => uc.getPactVersion(db, requireActor(req), req.params.id, req.params.v),
  );

  r.post(
    '/api/pathways/:id/pact/versions/:v(^\\d+)/sign',
    {
      schema: {
        tags,
        summary: 'Record the signature of the person or of the operator on the latest version',
        params: VersionParams,
        body: PactSignInput,
        response: { 200: PactVersion },
      },
    },
    async (req) => uc.signPact(db, requireActor(req), req.params.id, req.params.v, req.body),
  );

  r.get(
    '/api/pathways/:id/appointments',
    {
      schema: {
        tags,
        summary: 'Appointments (convocations)',
        params: IdParams,
        response: { 200: AppointmentList },
      },
    },
    async (req) => uc.listAppointments(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/pathways/:id/appointments',
    {
      schema: {
        tags,
        summary: "Convene the person, respecting the programme's minimum notice",
        params: IdParams,
        body: AppointmentInput,
        response: { 201: Appointment },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.scheduleAppointment(db, requireActor(req), req.params.id, req.body)),
  );

  r.post(
    '/api/pathways/:id/appointments/:appointmentId/outcome',
    {
      schema: {
        tags,
        summary: 'Record the outcome of an appointment (attended, justified absence, missed)',
        params: z.object({ id: z.uuid(), appointmentId: z.uuid() }),
        body: AppointmentOutcomeInput,
        response: { 200: Appointment },
      },
    },
    async (req) =>
      uc.recordAppointmentOutcome(db, requireActor(req), req.params.id, req.params.appointmentId, req.body),
  );

  r.post(
    '/api/pathways/:id/placement',
    {
      schema: {
        tags,
        summary: 'Record a placement: closes the pathway and, for long enough contracts, the result lines',
        params: IdParams,
        body: PlacementInput,
        response: { 201: Placement },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.recordPlacement(db, requireActor(req), req.params.id, req.body)),
  );

  r.get(
    '/api/pathways/:id/placement',
    {
      schema: { tags, summary: 'The placement of a pathway', params: IdParams, response: { 200: Placement } },
    },
    async (req) => uc.getPlacement(db, requireActor(req), req.params.id),
  );

  r.get(
    '/api/caseload',
    {
      schema: {
        tags,
        summary: "My people or my office's people, by state, with overdue items",
        querystring: CaseloadQuery,
        response: { 200: CaseloadPage },
      },
    },
    async (req) => uc.caseload(db, requireActor(req), req.query),
  );

  // ---------------------------------------------------------------------------------------------
  // A citizen's own view: only their own pathways (any other id answers 404)
  // ---------------------------------------------------------------------------------------------
  const me = ['me'];

  r.get(
    '/api/me/pathways',
    {
      schema: {
        tags: me,
        summary: 'A citizen: your pathways with state, operator, case worker and timeline (audited)',
        response: { 200: MyPathwayList },
      },
    },
    async (req) => mine.listMyPathways(db, requireActor(req)),
  );

  r.get(
    '/api/me/pathways/:id',
    {
      schema: {
        tags: me,
        summary: 'A citizen: one of your pathways',
        params: IdParams,
        response: { 200: MyPathway },
      },
    },
    async (req) => mine.getMyPathway(db, requireActor(req), req.params.id),
  );

  r.get(
    '/api/me/pathways/:id/pact',
    {
      schema: {
        tags: me,
        summary: 'A citizen: the current version of your service pact, its signatures and its PDF link',
        params: IdParams,
        response: { 200: MyPact },
      },
    },
    async (req) => mine.getMyPact(db, requireActor(req), req.params.id),
  );

  r.get(
    '/api/me/pathways/:id/pact/versions/:v(^\\d+).pdf',
    {
      schema: {
        tags: me,
        summary: 'A citizen: one version of your service pact as PDF',
        params: VersionParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf') },
      },
    },
    async (req, reply) => {
      const pdf = await mine.myPactPdf(db, requireActor(req), req.params.id, req.params.v);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="patto-v${req.params.v}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  r.get(
    '/api/me/pathways/:id/appointments',
    {
      schema: {
        tags: me,
        summary: 'A citizen: your appointments (date, place or channel, outcome)',
        params: IdParams,
        response: { 200: MyAppointmentList },
      },
    },
    async (req) => mine.listMyAppointments(db, requireActor(req), req.params.id),
  );
}
