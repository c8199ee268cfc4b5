import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ConsentChange,
  ConsentHistory,
  CursorQuery,
  PeopleImport,
  PeopleImportErrorPage,
  PeopleImportQuery,
  PeopleStats,
  Person,
  PersonAuditPage,
  PersonCreate,
  PersonPage,
  PersonQuery,
  PersonUpdate,
} from '@trama/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { DomainError } from '../../platform/errors';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import { importUnsupportedFormat } from './people.errors';
import { readPersonAudit } from './people-audit.usecases';
import * as imports from './people-import.usecases';
import * as uc from './people.usecases';

const IdParams = z.object({ id: z.uuid() });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_TYPES = ['text/csv', 'text/plain', 'application/csv', XLSX_TYPE, 'application/octet-stream'];

export function peopleRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;
  const tags = ['people'];

  r.post(
    '/api/people',
    {
      schema: {
        tags,
        summary: "Register a person (the SAP); the creator's organisation gets access to the record",
        body: PersonCreate,
        response: { 201: Person },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.createPerson(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/people',
    {
      schema: {
        tags,
        summary: 'People your organisation may see: search by name or fiscal code, filters, keyset pages',
        querystring: PersonQuery,
        response: { 200: PersonPage },
      },
    },
    async (req) => uc.listPeople(db, requireActor(req), req.query),
  );

  r.get(
    '/api/people/me',
    {
      schema: { tags, summary: 'A citizen: your own record', response: { 200: Person } },
    },
    async (req) => uc.readOwnPerson(db, requireActor(req)),
  );

  r.get(
    '/api/people/stats',
    {
      schema: {
        tags,
        summary: 'Aggregated numbers (people who consented to statistics; small cells suppressed)',
        response: { 200: PeopleStats },
      },
    },
    async (req) => uc.peopleStats(db, requireActor(req)),
  );

  r.get(
    '/api/people/:id',
    {
      schema: {
        tags,
        summary: 'Read a record (audited); a referral shows only its shared sections',
        params: IdParams,
        response: { 200: Person },
      },
    },
    async (req) => uc.readPerson(db, requireActor(req), req.params.id),
  );

  r.patch(
    '/api/people/:id',
    {
      schema: {
        tags,
        summary: 'Change a record (optimistic: send the version you read); lists replace the whole list',
        params: IdParams,
        body: PersonUpdate,
        response: { 200: Person },
      },
    },
    async (req) => uc.updatePerson(db, requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/people/:id/audit',
    {
      schema: {
        tags,
        summary:
          'Who read or changed the record and its pathways, vouchers and referrals (newest first; full access only; audited)',
        params: IdParams,
        querystring: CursorQuery,
        response: { 200: PersonAuditPage },
      },
    },
    async (req) => readPersonAudit(db, requireActor(req), req.params.id, req.query),
  );

  r.get(
    '/api/people/:id/consents',
    {
      schema: {
        tags,
        summary: 'Current consents per purpose and their whole history',
        params: IdParams,
        response: { 200: ConsentHistory },
      },
    },
    async (req) => uc.readConsents(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/people/:id/consents',
    {
      schema: {
        tags,
        summary: 'Give or withdraw a consent for a purpose (history kept)',
        params: IdParams,
        body: ConsentChange,
        response: { 200: ConsentHistory },
      },
    },
    async (req) => uc.changeConsent(db, requireActor(req), req.params.id, req.body),
  );

  // ---------------------------------------------------------------------------------------------
  // Bulk import: the body is streamed (CSV or XLSX), up to 200 MB on this route only.
  // ---------------------------------------------------------------------------------------------
  app.register(async (scope) => {
    scope.addContentTypeParser(IMPORT_TYPES, (_req, payload, done) => done(null, payload));
    typed(scope).post(
      '/api/people/imports',
      {
        bodyLimit: imports.IMPORT_MAX_BYTES,
        schema: {
          tags,
          summary:
            'Import people from CSV (text/csv) or XLSX (raw body). dryRun=true reports every row error; otherwise each batch is all-or-nothing and re-runs update by fiscal code',
          description:
            'Column layout: apps/server/src/modules/people/IMPORT.md. Poll GET /api/people/imports/{importId} for progress.',
          querystring: PeopleImportQuery,
          response: { 201: PeopleImport },
        },
      },
      async (req, reply) => {
        const ctx = requireActor(req);
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const format =
          req.query.format ??
          (type === XLSX_TYPE ? 'xlsx' : type.includes('csv') || type === 'text/plain' ? 'csv' : null);
        // A JSON (or other parsed) body is not a file: only raw streams are imported.
        const isStream = typeof (req.body as { pipe?: unknown } | null)?.pipe === 'function';
        if (!format || !isStream) throw importUnsupportedFormat();
        const length = Number(req.headers['content-length']);
        const result = await imports.runPeopleImport(deps.database, ctx, req.body as Readable, {
          format,
          dryRun: req.query.dryRun,
          batchSize: req.query.batchSize,
          importId: req.query.importId,
          fileName: req.query.fileName ?? null,
          bytesTotal: Number.isFinite(length) && length > 0 ? length : null,
        });
        return reply.code(201).send(result);
      },
    );
  });

  r.get(
    '/api/people/imports',
    {
      schema: {
        tags,
        summary: "Your organisation's latest imports",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(PeopleImport) }) },
      },
    },
    async (req) => ({ items: await imports.listImports(deps.database, requireActor(req), req.query.limit) }),
  );

  r.get(
    '/api/people/imports/:id',
    {
      schema: {
        tags,
        summary: 'Progress and outcome of an import (poll while it runs)',
        params: IdParams,
        response: { 200: PeopleImport },
      },
    },
    async (req) => imports.readImport(deps.database, requireActor(req), req.params.id),
  );

  r.get(
    '/api/people/imports/:id/errors',
    {
      schema: {
        tags,
        summary: 'Every row error of an import, by line',
        params: IdParams,
        querystring: CursorQuery,
        response: { 200: PeopleImportErrorPage },
      },
    },
    async (req) => {
      const c = decodeCursor<{ line: number; id: number }>(req.query.cursor);
      if (c && (typeof c.line !== 'number' || typeof c.id !== 'number'))
        throw new DomainError('pagination.invalid_cursor', 400, 'The cursor is not valid');
      const page = await imports.readImportErrors(
        deps.database,
        requireActor(req),
        req.params.id,
        c,
        req.query.limit,
      );
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );
}
