/**
 * SQL of the people import. Each batch is one transaction: COPY into a temporary staging table
 * (pg-copy-streams on PostgreSQL, COPY FROM '/dev/blob' on PGlite), a set-based check for fiscal
 * codes that belong to people the importing organisation may not edit, one INSERT ... ON CONFLICT
 * (fiscal_code) DO UPDATE (new people are owned by the importing organisation), and the progress row,
 * all together.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../platform/db';
import type { ImportRowError } from './people-import.validate';
import { FIELD_COLUMNS, STAGING_COLUMNS, type ImportField } from './people-import.validate';

export interface Querier {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** COPY the given text (PostgreSQL text format) into table(columns). */
  copyIn(table: string, columns: readonly string[], text: string): Promise<void>;
}

/** Runs `fn` in one transaction on a dedicated connection (PostgreSQL) or PGlite's exclusive transaction. */
export async function inTransaction<T>(database: Database, fn: (q: Querier) => Promise<T>): Promise<T> {
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      const q: Querier = {
        query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        copyIn: async (table, columns, text) => {
          const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
          await pipeline(Readable.from([text]), stream);
        },
      };
      const result = await fn(q);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  if (database.pglite) {
    return database.pglite.transaction(async (tx) => {
      const q: Querier = {
        query: async (sql, params) => (await tx.query(sql, params ?? [])).rows as never,
        copyIn: async (table, columns, text) => {
          await tx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], {
            blob: new Blob([text]),
          });
        },
      };
      return fn(q);
    });
  }
  throw new Error('unsupported database');
}

/** The importing organisation ($1) may edit the person p: it owns the record or holds a live full grant. */
const MAY_EDIT = `(p.owner_organization_id = $1 or exists (select 1 from person_access pa where pa.person_id = p.id
  and pa.organization_id = $1 and pa.scope = 'full' and pa.revoked_at is null and pa.valid_from <= now()
  and (pa.valid_until is null or pa.valid_until > now())))`;

const STAGING_DDL = `create temp table people_import_staging (
  line integer not null, id uuid not null, fiscal_code text not null, first_name text not null, last_name text not null,
  birth_date date not null, sex text not null, birth_place_code text not null, email text, phone text,
  residence_municipality_code text, residence_address text, residence_postal_code text, citizenship text,
  education_level smallint, hours_per_week smallint, mobility_radius_km smallint,
  driving_licences text[] not null, priority_targets text[] not null, did_date date, did_source text,
  employment_status text not null, search_text text not null
) on commit drop`;

const TRACE = process.env.TRAMA_IMPORT_TRACE === '1';
const INSERT_COLUMNS = STAGING_COLUMNS.filter((c) => c !== 'line');

/** Fiscal codes (with their lines) of people who exist but that the organisation may not edit. */
export async function conflictingFiscalCodes(
  q: Querier,
  organizationId: string,
  fiscalCodes: string[],
): Promise<Set<string>> {
  if (fiscalCodes.length === 0) return new Set();
  const rows = await q.query<{ fiscal_code: string }>(
    `select p.fiscal_code from people p where p.fiscal_code = any($2::text[]) and not ${MAY_EDIT}`,
    [organizationId, fiscalCodes],
  );
  return new Set(rows.map((r) => r.fiscal_code));
}

export class BatchConflict extends Error {
  constructor(public readonly rows: { line: number; fiscal_code: string }[]) {
    super('fiscal codes owned by others');
  }
}

/**
 * Loads one batch (already validated) in the caller's transaction. Throws BatchConflict (so the
 * transaction rolls back) when some fiscal codes belong to people the organisation may not edit.
 * Batches of people all new are copied straight into people; others go through a staging table and
 * one set-based upsert.
 */
export async function loadBatch(
  q: Querier,
  b: {
    organizationId: string;
    userId: string;
    /** COPY lines: line number, then the INSERT_COLUMNS, tab-separated. */
    copyLines: readonly string[];
    fiscalCodes: readonly string[];
    present: ReadonlySet<ImportField>;
  },
): Promise<{ inserted: number; updated: number }> {
  const t0 = performance.now();
  // Fast path, the usual case of a first import: nobody in the batch is registered yet, so the rows
  // are copied straight into people (owned by the importing organisation). A concurrent writer that
  // registers one of them in between makes the COPY fail on the unique fiscal code: the caller
  // retries the batch, which then takes the upsert path below.
  const [known] = await q.query<{ n: number }>(
    `select count(*)::int as n from people where fiscal_code = any($1::text[])`,
    [b.fiscalCodes],
  );
  const tk = performance.now();
  if (known?.n === 0) {
    const tail = `\t${b.organizationId}\t${b.userId}\n`;
    let text = '';
    for (const l of b.copyLines) text += l.slice(l.indexOf('\t') + 1) + tail;
    await q.copyIn('people', [...INSERT_COLUMNS, 'owner_organization_id', 'created_by'], text);
    if (TRACE)
      console.log(
        `import batch: direct copy of ${b.copyLines.length} new people ${(performance.now() - t0).toFixed(0)} ms (check ${(tk - t0).toFixed(0)} ms)`,
      );
    return { inserted: b.copyLines.length, updated: 0 };
  }
  await q.query(STAGING_DDL);
  await q.copyIn('people_import_staging', STAGING_COLUMNS, b.copyLines.join('\n') + '\n');
  const t1 = performance.now();
  const conflicts = await q.query<{ line: number; fiscal_code: string }>(
    `select s.line, s.fiscal_code from people_import_staging s join people p on p.fiscal_code = s.fiscal_code
      where not ${MAY_EDIT} order by s.line`,
    [b.organizationId],
  );
  if (conflicts.length) throw new BatchConflict(conflicts);
  const t2 = performance.now();
  const updatable = [...b.present].flatMap((f) => FIELD_COLUMNS[f]);
  const setList = [...updatable, 'search_text'].map((c) => `${c} = excluded.${c}`).join(', ');
  const distinct = `(${updatable.map((c) => `p.${c}`).join(', ')}) is distinct from (${updatable.map((c) => `excluded.${c}`).join(', ')})`;
  // New people belong to the importing organisation (owner_organization_id): no grant row per person.
  const [counts] = await q.query<{ inserted: number; updated: number }>(
    `with up as (
       insert into people as p (${INSERT_COLUMNS.join(', ')}, owner_organization_id, created_by)
       select ${INSERT_COLUMNS.join(', ')}, $1::uuid, $2::uuid from people_import_staging
       on conflict (fiscal_code) do update set ${setList}, version = p.version + 1, updated_at = now()
         where ${MAY_EDIT} and ${distinct}
       returning (xmax = 0) as inserted
     )
     select (count(*) filter (where inserted))::int as inserted,
            (count(*) filter (where not inserted))::int as updated
       from up`,
    [b.organizationId, b.userId],
  );
  if (TRACE)
    console.log(
      `import batch: copy ${(t1 - t0).toFixed(0)} ms, check ${(t2 - t1).toFixed(0)} ms, upsert ${(performance.now() - t2).toFixed(0)} ms`,
    );
  return { inserted: counts?.inserted ?? 0, updated: counts?.updated ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Progress rows (people_imports, people_import_batches, people_import_errors)
// ---------------------------------------------------------------------------------------------

export async function insertImportRow(
  q: Querier,
  v: {
    id: string;
    organizationId: string;
    userId: string;
    format: 'csv' | 'xlsx';
    dryRun: boolean;
    fileName: string | null;
    batchSize: number;
    bytesTotal: number | null;
  },
) {
  await q.query(
    `insert into people_imports (id, organization_id, created_by, format, dry_run, file_name, batch_size, bytes_total)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [v.id, v.organizationId, v.userId, v.format, v.dryRun, v.fileName, v.batchSize, v.bytesTotal],
  );
}

export async function insertErrors(q: Querier, importId: string, errors: ImportRowError[]) {
  for (let i = 0; i < errors.length; i += 50_000) {
    const part = errors.slice(i, i + 50_000);
    await q.query(
      `insert into people_import_errors (import_id, line, field, code, message)
       select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
      [
        importId,
        part.map((e) => e.line),
        part.map((e) => e.field),
        part.map((e) => e.code),
        part.map((e) => e.message),
      ],
    );
  }
}

export interface BatchRecord {
  batchNo: number;
  firstLine: number;
  lastLine: number;
  rowCount: number;
  status: 'committed' | 'rejected' | 'validated';
  inserted: number;
  updated: number;
  errors: ImportRowError[];
  bytesRead: number;
}

export interface AuditActor {
  userId: string;
  membershipId: string;
  organizationId: string;
  requestId: string;
  ip: string | null;
}

/** An audit entry written with the batch, in the same transaction (raw: this connection is not drizzle's). */
export async function auditRaw(q: Querier, a: AuditActor, action: string, importId: string, details: object) {
  await q.query(
    `insert into audit_log (actor_user_id, actor_membership_id, organization_id, action, entity_type, entity_id, outcome, request_id, ip, details)
     values ($1, $2, $3, $4, 'people_import', $5, 'ok', $6, $7, $8::jsonb)`,
    [
      a.userId,
      a.membershipId,
      a.organizationId,
      action,
      importId,
      a.requestId,
      a.ip,
      JSON.stringify(details),
    ],
  );
}

/** Records a finished batch and moves the import's counters, in the caller's transaction. */
export async function recordBatch(q: Querier, importId: string, b: BatchRecord) {
  await q.query(
    `insert into people_import_batches (import_id, batch_no, first_line, last_line, row_count, status, inserted_rows, updated_rows, error_count)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      importId,
      b.batchNo,
      b.firstLine,
      b.lastLine,
      b.rowCount,
      b.status,
      b.inserted,
      b.updated,
      b.errors.length,
    ],
  );
  if (b.errors.length) await insertErrors(q, importId, b.errors);
  await q.query(
    `update people_imports set total_rows = total_rows + $2, processed_rows = processed_rows + $2,
       inserted_rows = inserted_rows + $3, updated_rows = updated_rows + $4,
       rejected_rows = rejected_rows + $5, error_count = error_count + $6, bytes_read = greatest(bytes_read, $7),
       updated_at = now()
     where id = $1`,
    [
      importId,
      b.rowCount,
      b.inserted,
      b.updated,
      b.status === 'rejected' ? b.rowCount : 0,
      b.errors.length,
      b.bytesRead,
    ],
  );
}

export async function finishImport(
  q: Querier,
  importId: string,
  v: { status: 'completed' | 'completed_with_errors' | 'failed'; failureReason?: string | null },
) {
  await q.query(
    `update people_imports set status = $2, failure_reason = $3, finished_at = now(), updated_at = now() where id = $1`,
    [importId, v.status, v.failureReason ?? null],
  );
}

/**
 * Merges the search index's pending list (people_search_fts_idx keeps a large one, so batches append
 * cheaply): after an import, searches find the new people through the index's tree, not a list scan.
 * Autovacuum would do it later on PostgreSQL; PGlite has no autovacuum.
 */
export async function mergeSearchIndex(database: Database) {
  const t0 = performance.now();
  await database.query(`select gin_clean_pending_list('people_search_fts_idx'::regclass)`);
  if (TRACE) console.log(`import: search index merged in ${(performance.now() - t0).toFixed(0)} ms`);
}

export async function loadMunicipalityCodes(database: Database): Promise<Set<string>> {
  const rows = await database.query<{ code: string }>('select code from ref_municipalities');
  return new Set(rows.map((r) => r.code));
}

export async function findImport(database: Database, id: string, organizationId: string) {
  const [row] = await database.query<Record<string, unknown>>(
    `select * from people_imports where id = $1 and organization_id = $2`,
    [id, organizationId],
  );
  if (!row) return null;
  const batches = await database.query<Record<string, unknown>>(
    `select * from people_import_batches where import_id = $1 order by batch_no`,
    [id],
  );
  const errors = await database.query<ImportRowError>(
    `select line, field, code, message from people_import_errors where import_id = $1 order by line, id limit 100`,
    [id],
  );
  return { row, batches, errors };
}

export async function listImportErrors(
  database: Database,
  importId: string,
  after: { line: number; id: number } | null,
  limit: number,
) {
  return database.query<ImportRowError & { id: number }>(
    `select id::int as id, line, field, code, message from people_import_errors
      where import_id = $1 and ($2::int is null or (line, id) > ($2::int, $3::bigint))
      order by line, id limit $4`,
    [importId, after?.line ?? null, after?.id ?? null, limit + 1],
  );
}

export async function listImports(database: Database, organizationId: string, limit: number) {
  return database.query<Record<string, unknown>>(
    `select * from people_imports where organization_id = $1 order by started_at desc, id desc limit $2`,
    [organizationId, limit],
  );
}
