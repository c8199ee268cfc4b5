import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

interface JournalEntry {
  idx: number;
  tag: string;
}

/**
 * Applies drizzle-kit's committed migrations in order, each in its own transaction, under a
 * transaction-scoped advisory lock so that several app instances starting together migrate once.
 * Works identically on PGlite and PostgreSQL.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    tag text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set(
    (await database.query<{ tag: string }>('SELECT tag FROM schema_migrations')).map((r) => r.tag),
  );
  const applied: string[] = [];
  for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
    if (done.has(entry.tag)) continue;
    const sqlText = fs.readFileSync(path.join(dir, `${entry.tag}.sql`), 'utf8');
    const checksum = crypto.createHash('sha256').update(sqlText).digest('hex');
    const statements = sqlText
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean);
    const tag = entry.tag.replace(/'/g, "''");
    // One transaction per migration: the lock, the check and the statements commit together.
    const body = [
      'BEGIN',
      `SELECT pg_advisory_xact_lock(727274)`,
      `DO $check$ BEGIN IF EXISTS (SELECT 1 FROM schema_migrations WHERE tag = '${tag}') THEN RAISE EXCEPTION 'trama:already-applied'; END IF; END $check$`,
      ...statements,
      `INSERT INTO schema_migrations (tag, checksum) VALUES ('${tag}', '${checksum}')`,
      'COMMIT',
    ].join(';\n');
    try {
      await database.exec(body);
      applied.push(entry.tag);
    } catch (err) {
      if (String((err as Error).message).includes('trama:already-applied')) continue;
      throw new Error(`Migration ${entry.tag} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return applied;
}
