import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Accreditation,
  AccreditationInput,
  CursorQuery,
  Office,
  OfficeIdParams,
  OfficeInput,
  OfficeList,
  OfficeListQuery,
  OfficeUpdate,
  OrganizationDetail,
  OrganizationExportQuery,
  OrganizationIdParams,
  OrganizationInput,
  OrganizationListQuery,
  OrganizationMemberPage,
  OrganizationPage,
  OrganizationUpdate,
} from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as uc from './organizations.usecases';

const tags = ['organizations'];

export function organizationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.get(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'Search the organisations registry (keyset-paginated)',
        querystring: OrganizationListQuery,
        response: { 200: OrganizationPage },
      },
    },
    async (req) => uc.listOrganizations(db, requireActor(req), req.query),
  );

  r.get(
    '/api/organizations/export.csv',
    {
      schema: {
        tags,
        summary: 'Export the registry as CSV (same filters as the list; `;`-separated, UTF-8 with BOM)',
        querystring: OrganizationExportQuery,
        response: {
          200: {
            description: 'CSV for Italian spreadsheets: `;` separator, UTF-8 with BOM, CRLF',
            content: { 'text/csv': { schema: z.string() } },
          },
        },
      },
      // A full export reads the whole registry: keep it from being used as a load generator.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const ctx = requireActor(req);
      const stamp = uc.todayInItaly();
      const stream = Readable.from(uc.exportOrganizationsCsv(db, ctx, req.query), { objectMode: false });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="organizzazioni-${stamp}.csv"`)
        .header('cache-control', 'no-store')
        .send(stream as unknown as string); // a stream bypasses the serializer; typed as the documented body
    },
  );

  r.post(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'Register an organisation, optionally with its offices and accreditations',
        body: OrganizationInput,
        response: { 201: OrganizationDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.createOrganization(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        summary: 'An organisation with its open offices and accreditations',
        params: OrganizationIdParams,
        response: { 200: OrganizationDetail },
      },
    },
    async (req) => uc.getOrganizationDetail(db, requireActor(req), req.params.id),
  );

  r.patch(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organisation (send the `version` you read: a stale one gets 409)',
        params: OrganizationIdParams,
        body: OrganizationUpdate,
        response: { 200: OrganizationDetail },
      },
    },
    async (req) => uc.updateOrganization(db, requireActor(req), req.params.id, req.body),
  );

  r.post(
    '/api/organizations/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive an organisation (hidden from the default list; history kept)',
        params: OrganizationIdParams,
        response: { 200: OrganizationDetail },
      },
    },
    async (req) => uc.setOrganizationStatus(db, requireActor(req), req.params.id, 'archived'),
  );

  r.post(
    '/api/organizations/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore an archived organisation',
        params: OrganizationIdParams,
        response: { 200: OrganizationDetail },
      },
    },
    async (req) => uc.setOrganizationStatus(db, requireActor(req), req.params.id, 'active'),
  );

  r.get(
    '/api/organizations/:id/offices',
    {
      schema: {
        tags,
        summary: "An organisation's offices (sedi) with their accreditations",
        params: OrganizationIdParams,
        querystring: OfficeListQuery,
        response: { 200: OfficeList },
      },
    },
    async (req) => uc.listOffices(db, requireActor(req), req.params.id, req.query.includeArchived ?? false),
  );

  r.post(
    '/api/organizations/:id/offices',
    {
      schema: {
        tags,
        summary: 'Add an office, optionally with accreditations',
        params: OrganizationIdParams,
        body: OfficeInput,
        response: { 201: Office },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.createOffice(db, requireActor(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/organizations/:id/offices/:officeId',
    {
      schema: {
        tags,
        summary: 'Change an office, or close/reopen it with `archived`',
        params: OfficeIdParams,
        body: OfficeUpdate,
        response: { 200: Office },
      },
    },
    async (req) => uc.updateOffice(db, requireActor(req), req.params.id, req.params.officeId, req.body),
  );

  r.post(
    '/api/organizations/:id/offices/:officeId/accreditations',
    {
      schema: {
        tags,
        summary: 'Record an accreditation of an office (labour services or training)',
        params: OfficeIdParams,
        body: AccreditationInput,
        response: { 201: Accreditation },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await uc.createAccreditation(db, requireActor(req), req.params.id, req.params.officeId, req.body),
        ),
  );

  r.get(
    '/api/organizations/:id/members',
    {
      schema: {
        tags,
        summary: "The organisation's users and roles (private: its own members and platform admins)",
        params: OrganizationIdParams,
        querystring: CursorQuery,
        response: { 200: OrganizationMemberPage },
      },
    },
    async (req) => uc.listMembers(db, requireActor(req), req.params.id, req.query),
  );
}
