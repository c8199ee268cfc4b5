import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db';
import { MIGRATIONS_DIR, migrate } from '../platform/migrate';
import { loadReferenceData } from '../modules/reference';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const CACHE_DIR = path.join(ROOT, '.tmp', 'test-db');

/** Hash of everything that shapes the template: migrations, reference files and the loader. */
export function templateFingerprint(): string {
  const h = crypto.createHash('sha256');
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(MIGRATIONS_DIR);
  walk(path.join(ROOT, 'apps/server/reference-data'));
  walk(path.join(ROOT, 'apps/server/src/modules/reference'));
  for (const f of files.sort()) {
    h.update(f.slice(ROOT.length));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

async function prepare(database: Database) {
  await migrate(database);
  await loadReferenceData(database);
}

/** Builds (once, cached on disk by fingerprint) a migrated PGlite with reference data; returns the dump path. */
export async function ensurePgliteTemplate(): Promise<string> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `template-${templateFingerprint()}.tar.gz`);
  if (fs.existsSync(file)) return file;
  const database = await openDatabase({});
  await prepare(database);
  const dump = await database.pglite!.dumpDataDir('gzip');
  await database.close();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file);
  for (const old of fs.readdirSync(CACHE_DIR)) {
    if (old.startsWith('template-') && path.join(CACHE_DIR, old) !== file)
      fs.rmSync(path.join(CACHE_DIR, old), { force: true });
  }
  return file;
}

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** PostgreSQL: a template database, migrated and loaded once per fingerprint. */
export async function ensurePostgresTemplate(adminUrl: string): Promise<string> {
  const name = `trama_tpl_${templateFingerprint()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return name;
    const building = `${name}_build_${process.pid}`;
    await admin.query(`drop database if exists "${building}"`);
    await admin.query(`create database "${building}"`);
    const database = await openDatabase({ databaseUrl: withDb(adminUrl, building), poolSize: 2 });
    await prepare(database);
    await database.close();
    try {
      await admin.query(`alter database "${building}" rename to "${name}"`);
    } catch {
      await admin.query(`drop database if exists "${building}"`); // another worker won the race
    }
    const old = await admin.query(
      `select datname from pg_database where datname like 'trama_tpl_%' and datname <> $1`,
      [name],
    );
    for (const r of old.rows as { datname: string }[])
      await admin.query(`drop database if exists "${r.datname}"`).catch(() => undefined);
    return name;
  } finally {
    await admin.end();
  }
}

export { ROOT, withDb };
