import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Company,
  CompanyPage,
  CompanyProfileInput,
  CompanyQuery,
  Pledge,
  PledgeInput,
  PledgePage,
  PledgeQuery,
  PledgeUpdate,
  PledgeWithdrawal,
} from '@trama/contracts';
import * as pledges from './companies.pledges';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as uc from './companies.usecases';

const IdParams = z.object({ id: z.uuid() });
const tags = ['companies'];

export function companyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.get(
    '/api/companies',
    {
      schema: {
        tags,
        summary: 'Companies of the network with their profile (by name; filters: size class, ATECO prefix)',
        querystring: CompanyQuery,
        response: { 200: CompanyPage },
      },
    },
    async (req) => uc.listCompanies(db, requireActor(req), req.query),
  );

  r.get(
    '/api/companies/:id',
    {
      schema: { tags, summary: 'A company and its profile', params: IdParams, response: { 200: Company } },
    },
    async (req) => uc.getCompany(db, requireActor(req), req.params.id),
  );

  r.put(
    '/api/companies/:id/profile',
    {
      schema: {
        tags,
        summary: "Create or update the company's profile (its own staff); `version` 0 creates it",
        params: IdParams,
        body: CompanyProfileInput.extend({ version: z.number().int().min(0).optional() }),
        response: { 200: Company },
      },
    },
    async (req) => uc.saveProfile(db, requireActor(req), req.params.id, req.body),
  );

  r.post(
    '/api/pledges',
    {
      schema: {
        tags: ['pledges'],
        summary: "Pledge job offers for a priority target over a period (the company's staff)",
        body: PledgeInput,
        response: { 201: Pledge },
      },
    },
    async (req, reply) => reply.code(201).send(await pledges.createPledge(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/pledges',
    {
      schema: {
        tags: ['pledges'],
        summary: "The pledges board with progress (coordinators: all; company staff: their company's)",
        querystring: PledgeQuery,
        response: { 200: PledgePage },
      },
    },
    async (req) => pledges.listPledges(db, requireActor(req), req.query),
  );

  r.get(
    '/api/pledges/:id',
    {
      schema: {
        tags: ['pledges'],
        summary: 'A pledge with its progress',
        params: IdParams,
        response: { 200: Pledge },
      },
    },
    async (req) => pledges.getPledge(db, requireActor(req), req.params.id),
  );

  r.put(
    '/api/pledges/:id',
    {
      schema: {
        tags: ['pledges'],
        summary:
          "Edit a pledge (the company's staff), while it is active and its period has not ended; a stale `version` answers 409",
        params: IdParams,
        body: PledgeUpdate,
        response: { 200: Pledge },
      },
    },
    async (req) => pledges.updatePledge(db, requireActor(req), req.params.id, req.body),
  );

  r.post(
    '/api/pledges/:id/withdraw',
    {
      schema: {
        tags: ['pledges'],
        summary:
          "Withdraw a pledge with the reason (the company's staff): it stays on the board, marked, out of the totals",
        params: IdParams,
        body: PledgeWithdrawal,
        response: { 200: Pledge },
      },
    },
    async (req) => pledges.withdrawPledge(db, requireActor(req), req.params.id, req.body),
  );
}
