/**
 * Bulk import of people (layout: IMPORT.md). Stream-parses CSV or XLSX, validates every row, and loads
 * in batches: each batch is all-or-nothing in one transaction, idempotent on the fiscal code (a re-run
 * updates changed people, skips unchanged ones, never duplicates). Progress is kept in people_imports,
 * so any app instance can answer GET /api/people/imports/:id while the upload runs.
 * On PostgreSQL the next batch is parsed and validated while the database loads the previous one.
 */
import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Database } from '../../platform/db';
import { DomainError, forbidden } from '../../platform/errors';
import { importInvalidFile, importNotFound } from './people.errors';
import { canImportPeople } from './people.policies';
import { csvRows, xlsxRows, type RawRow } from './people-import.parse';
import * as repo from './people-import.repository';
import { mapHeader, RowValidator, type ImportRowError } from './people-import.validate';

type Ctx = RequestContext & { actor: Actor };

export interface ImportOptions {
  format: 'csv' | 'xlsx';
  dryRun: boolean;
  batchSize: number;
  importId?: string | undefined;
  fileName?: string | null | undefined;
  bytesTotal?: number | null | undefined;
  maxBytes?: number;
}

export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
const RESPONSE_ERRORS = 100;

interface PendingBatch {
  batchNo: number;
  firstLine: number;
  lastLine: number;
  rowCount: number;
  copy: string[];
  fiscalCodes: string[];
  errors: ImportRowError[];
}

function countingStream(max: number, onBytes: (n: number) => void): Transform {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      if (n > max)
        return cb(new DomainError('request.body_too_large', 413, `The file is larger than ${max} bytes`));
      onBytes(n);
      cb(null, chunk);
    },
  });
}

export async function runPeopleImport(database: Database, ctx: Ctx, input: Readable, opts: ImportOptions) {
  const { actor } = ctx;
  if (!canImportPeople(actor)) throw forbidden('Only case workers of an organisation can import people');
  const organizationId = actor.organizationId!;
  const importId = opts.importId ?? crypto.randomUUID();
  const who: repo.AuditActor = {
    userId: actor.userId,
    membershipId: actor.membershipId,
    organizationId,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
  try {
    await repo.inTransaction(database, async (q) => {
      await repo.insertImportRow(q, {
        id: importId,
        organizationId,
        userId: actor.userId,
        format: opts.format,
        dryRun: opts.dryRun,
        fileName: opts.fileName ?? null,
        batchSize: opts.batchSize,
        bytesTotal: opts.bytesTotal ?? null,
      });
      await repo.auditRaw(q, who, 'people.import_started', importId, {
        format: opts.format,
        dryRun: opts.dryRun,
        fileName: opts.fileName ?? null,
      });
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw new DomainError('people.import_exists', 409, 'An import with this id already exists');
    throw err;
  }

  let bytesRead = 0;
  const counted = input.pipe(countingStream(opts.maxBytes ?? IMPORT_MAX_BYTES, (n) => (bytesRead = n)));
  input.on('error', (e) => counted.destroy(e));
  const source: AsyncIterable<RawRow[]> = opts.format === 'csv' ? csvRows(counted) : xlsxRows(counted);

  const municipalities = await repo.loadMunicipalityCodes(database);
  let validator: RowValidator | null = null;
  let mapping: ReturnType<typeof mapHeader>['mapping'] | null = null;
  let batch: PendingBatch | null = null;
  let batchNo = 0;
  let anyErrors = false;

  const record = (
    b: PendingBatch,
    status: repo.BatchRecord['status'],
    counts = { inserted: 0, updated: 0 },
  ) =>
    repo.inTransaction(database, async (q) => {
      await repo.recordBatch(q, importId, {
        batchNo: b.batchNo,
        firstLine: b.firstLine,
        lastLine: b.lastLine,
        rowCount: b.rowCount,
        status,
        ...counts,
        errors: b.errors,
        bytesRead,
      });
    });

  const flush = async (b: PendingBatch): Promise<void> => {
    if (b.errors.length) {
      anyErrors = true;
      return record(b, 'rejected');
    }
    if (opts.dryRun) {
      const taken = await repo.inTransaction(database, (q) =>
        repo.conflictingFiscalCodes(q, organizationId, b.fiscalCodes),
      );
      if (taken.size) {
        anyErrors = true;
        b.errors = takenErrors(b, taken);
        return record(b, 'rejected');
      }
      return record(b, 'validated');
    }
    const load = () =>
      repo.inTransaction(database, async (q) => {
        const counts = await repo.loadBatch(q, {
          organizationId,
          userId: actor.userId,
          copyLines: b.copy,
          fiscalCodes: b.fiscalCodes,
          present: mapping!.present,
        });
        await repo.recordBatch(q, importId, {
          batchNo: b.batchNo,
          firstLine: b.firstLine,
          lastLine: b.lastLine,
          rowCount: b.rowCount,
          status: 'committed',
          ...counts,
          errors: [],
          bytesRead,
        });
        await repo.auditRaw(q, who, 'people.import_batch', importId, { batchNo: b.batchNo, ...counts });
      });
    try {
      // A unique violation means someone registered one of these people while the batch loaded
      // (another import, a case worker): nothing was saved, and the retry sees them and updates or refuses.
      await load().catch((err: { code?: string }) => {
        if (err.code === '23505') return load();
        throw err;
      });
    } catch (err) {
      anyErrors = true;
      if (err instanceof repo.BatchConflict) {
        b.errors = takenErrors(
          b,
          new Set(err.rows.map((r) => r.fiscal_code)),
          new Map(err.rows.map((r) => [r.fiscal_code, r.line])),
        );
      } else {
        b.errors = [
          {
            line: b.firstLine,
            field: 'file',
            code: 'batch_failed',
            message: `The batch could not be loaded (${(err as { code?: string }).code ?? 'error'}); nothing of it was saved`,
          },
        ];
      }
      await record(b, 'rejected');
    }
  };

  // PostgreSQL: up to two batches load at once on two connections (each its own transaction) while
  // the next one is parsed; PGlite has one connection, so one at a time.
  const maxInflight = database.pool ? 2 : 1;
  const inflight: Promise<void>[] = [];
  const startFlush = async (b: PendingBatch) => {
    while (inflight.length >= maxInflight) await inflight.shift();
    const p = flush(b);
    p.catch(() => undefined); // surfaced when awaited, never as an unhandled rejection
    inflight.push(p);
  };
  const drainAll = async () => {
    while (inflight.length) await inflight.shift();
  };

  try {
    for await (const rows of source) {
      for (const row of rows) {
        if (!validator) {
          const header = mapHeader(row.fields);
          if (header.errors.length) {
            await repo.inTransaction(database, async (q) => {
              await repo.insertErrors(q, importId, header.errors);
              await q.query(`update people_imports set error_count = $2 where id = $1`, [
                importId,
                header.errors.length,
              ]);
              await repo.finishImport(q, importId, { status: 'failed', failureReason: 'invalid_header' });
            });
            counted.destroy();
            return await summary(database, importId, organizationId);
          }
          mapping = header.mapping;
          validator = new RowValidator(header.mapping, municipalities, row.fields);
          continue;
        }
        if (isBlank(row.fields)) continue;
        if (!batch)
          batch = {
            batchNo: ++batchNo,
            firstLine: row.line,
            lastLine: row.line,
            rowCount: 0,
            copy: [],
            fiscalCodes: [],
            errors: [],
          };
        const valid = validator.validate(row.line, row.fields, batch.errors);
        batch.rowCount++;
        batch.lastLine = row.line;
        if (valid && batch.errors.length === 0) {
          batch.copy.push(valid.copy);
          batch.fiscalCodes.push(valid.fiscalCode);
        }
        if (batch.rowCount >= opts.batchSize) {
          await startFlush(batch);
          batch = null;
        }
      }
    }
    if (!validator) {
      await repo.inTransaction(database, (q) =>
        repo.finishImport(q, importId, { status: 'failed', failureReason: 'empty_file' }),
      );
      throw importInvalidFile('The file is empty: it needs a header row and at least one person');
    }
    if (batch) await startFlush(batch);
    await drainAll();
    if (!opts.dryRun) await repo.mergeSearchIndex(database);
    await repo.inTransaction(database, async (q) => {
      await repo.finishImport(q, importId, { status: anyErrors ? 'completed_with_errors' : 'completed' });
      await repo.auditRaw(q, who, 'people.import_finished', importId, {
        batches: batchNo,
        errors: anyErrors,
      });
    });
  } catch (err) {
    await Promise.allSettled(inflight);
    const reason =
      err instanceof DomainError
        ? err.code
        : opts.format === 'xlsx'
          ? 'unreadable_workbook'
          : 'unreadable_file';
    await repo
      .inTransaction(database, (q) =>
        repo.finishImport(q, importId, { status: 'failed', failureReason: reason }),
      )
      .catch(() => undefined);
    if (err instanceof DomainError) throw err;
    throw importInvalidFile(
      opts.format === 'xlsx'
        ? 'The workbook could not be read (is it an .xlsx file?)'
        : 'The file could not be read',
    );
  }
  return summary(database, importId, organizationId);
}

function takenErrors(b: PendingBatch, taken: Set<string>, lines?: Map<string, number>): ImportRowError[] {
  const errors: ImportRowError[] = [];
  if (lines) {
    for (const [fc, line] of lines)
      if (taken.has(fc))
        errors.push({
          line,
          field: 'codice_fiscale',
          code: 'fiscal_code_taken',
          message: 'This person is registered by another organisation (ask for a referral)',
        });
    return errors.sort((a, c) => a.line - c.line);
  }
  // Dry run: find the lines from the staged COPY lines (line, id, fiscal code, ...).
  for (const c of b.copy) {
    const tab = c.indexOf('\t');
    const fcStart = c.indexOf('\t', tab + 1) + 1; // line, id, fiscal code, ...
    const fc = c.slice(fcStart, fcStart + 16);
    if (taken.has(fc))
      errors.push({
        line: Number(c.slice(0, tab)),
        field: 'codice_fiscale',
        code: 'fiscal_code_taken',
        message: 'This person is registered by another organisation (ask for a referral)',
      });
  }
  return errors;
}

const isBlank = (fields: string[]) => fields.every((f) => f.trim() === '');

const iso = (v: unknown) =>
  v instanceof Date ? v.toISOString() : v ? new Date(String(v)).toISOString() : null;

function toSummary(found: NonNullable<Awaited<ReturnType<typeof repo.findImport>>>) {
  const r = found.row as Record<string, unknown>;
  return {
    id: String(r.id),
    status: r.status as 'running' | 'completed' | 'completed_with_errors' | 'failed',
    dryRun: Boolean(r.dry_run),
    format: r.format as 'csv' | 'xlsx',
    fileName: (r.file_name as string | null) ?? null,
    batchSize: Number(r.batch_size),
    totalRows: Number(r.total_rows),
    processedRows: Number(r.processed_rows),
    insertedRows: Number(r.inserted_rows),
    updatedRows: Number(r.updated_rows),
    rejectedRows: Number(r.rejected_rows),
    errorCount: Number(r.error_count),
    bytesTotal: r.bytes_total === null ? null : Number(r.bytes_total),
    bytesRead: Number(r.bytes_read),
    failureReason: (r.failure_reason as string | null) ?? null,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    batches: found.batches.map((b) => ({
      batchNo: Number(b.batch_no),
      firstLine: Number(b.first_line),
      lastLine: Number(b.last_line),
      rowCount: Number(b.row_count),
      status: b.status as 'committed' | 'rejected' | 'validated',
      insertedRows: Number(b.inserted_rows),
      updatedRows: Number(b.updated_rows),
      errorCount: Number(b.error_count),
    })),
    errors: found.errors.slice(0, RESPONSE_ERRORS),
  };
}

async function summary(database: Database, importId: string, organizationId: string) {
  const found = await repo.findImport(database, importId, organizationId);
  if (!found) throw importNotFound();
  return toSummary(found);
}

/** An import of the actor's organisation (imports are visible to their organisation only). */
export async function readImport(database: Database, ctx: Ctx, importId: string) {
  if (!canImportPeople(ctx.actor)) throw forbidden('Only case workers of an organisation can see imports');
  return summary(database, importId, ctx.actor.organizationId!);
}

export async function readImportErrors(
  database: Database,
  ctx: Ctx,
  importId: string,
  cursor: { line: number; id: number } | null,
  limit: number,
) {
  await readImport(database, ctx, importId);
  const rows = await repo.listImportErrors(database, importId, cursor, limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ line, field, code, message }) => ({ line, field, code, message })),
    next: rows.length > limit && last ? { line: last.line, id: last.id } : null,
  };
}

export async function listImports(database: Database, ctx: Ctx, limit: number) {
  if (!canImportPeople(ctx.actor)) throw forbidden('Only case workers of an organisation can see imports');
  const rows = await repo.listImports(database, ctx.actor.organizationId!, limit);
  return rows.map((row) => toSummary({ row, batches: [], errors: [] }));
}
