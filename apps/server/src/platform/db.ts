import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories accept either the database or an open transaction. */
export type DbOrTx = Db | Tx;

type Results<T extends readonly (() => unknown)[]> = {
  -readonly [K in keyof T]: Awaited<ReturnType<T[K]>>;
};

/**
 * Runs independent reads together: in parallel on the pool, one after the other inside a transaction
 * (a transaction is one connection, which runs one query at a time; node-postgres deprecates queueing
 * concurrent queries on a client).
 */
export async function readTogether<const T extends readonly (() => unknown)[]>(
  db: DbOrTx,
  tasks: T,
): Promise<Results<T>> {
  if (db instanceof PgTransaction) {
    const out: unknown[] = [];
    for (const task of tasks) out.push(await task());
    return out as Results<T>;
  }
  return (await Promise.all(tasks.map((task) => task()))) as Results<T>;
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Run raw SQL (several statements allowed); used by the migrator and bulk loaders. */
  exec(sqlText: string): Promise<void>;
  /** Raw parametrised query returning rows, for set-based bulk work. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** The PGlite instance when embedded (for dumps in tests); undefined on PostgreSQL. */
  pglite?: PGlite;
  /** The node-postgres pool on PostgreSQL (dedicated connections for COPY); undefined on PGlite. */
  pool?: pg.Pool;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; omit for an in-memory one. */
  dataDir?: string | undefined;
  /** Load a PGlite data-directory dump (tests start from a migrated template). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
}

/** The one place that picks the engine: PostgreSQL when a URL is given, PGlite otherwise. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, DROP DATABASE ... FORCE after close) must not
    // crash the process: the pool discards it and opens a new one when needed.
    pool.on('error', (err) => console.error(`PostgreSQL idle connection error: ${err.message}`));
    // Fail fast with a clear message when the server is unreachable.
    const client = await pool.connect();
    client.release();
    const db = drizzleNodePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      exec: async (text) => {
        // A dedicated connection, rolled back on failure, so a failed script never leaves a
        // pooled connection inside an aborted transaction.
        const conn = await pool.connect();
        try {
          await conn.query(text);
        } catch (err) {
          await conn.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          conn.release();
        }
      },
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(pglite, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    exec: async (text) => {
      try {
        await pglite.exec(text);
      } catch (err) {
        await pglite.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    query: async (text, params) => (await pglite.query(text, params as unknown[])).rows as never,
    close: () => pglite.close(),
  };
}
