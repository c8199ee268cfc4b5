import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Company, CompanyPage, CompanyProfileInput, CompanyQuery } from '@trama/contracts';
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
}
