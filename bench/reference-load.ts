// Reference-data load time on a fresh database: first load, then the idempotent second run.
//   npx tsx bench/reference-load.ts                       PGlite in memory
//   BENCH_DATABASE_URL=postgres://... npx tsx bench/reference-load.ts   also PostgreSQL (scratch database)
// Target: the whole first load under ~20 s on PGlite (it runs at first start and in the test template).
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../apps/server/src/platform/db';
import { migrate } from '../apps/server/src/platform/migrate';
import { loadReferenceData } from '../apps/server/src/modules/reference';

const TABLES = [
  'ref_regions',
  'ref_provinces',
  'ref_municipalities',
  'ref_ateco',
  'ref_ateco_correspondence',
  'ref_professions',
  'ref_isco_groups',
  'ref_occupations',
  'ref_skills',
  'ref_occupation_skills',
];

async function measure(label: string, database: Database) {
  await migrate(database);
  let t = performance.now();
  const summary = await loadReferenceData(database);
  const first = (performance.now() - t) / 1000;
  t = performance.now();
  const again = await loadReferenceData(database);
  const second = (performance.now() - t) / 1000;
  const counts = await database.query<{ t: string; n: number }>(
    TABLES.map((x) => `SELECT '${x}' AS t, count(*)::int AS n FROM ${x}`).join(' UNION ALL '),
  );
  console.log(`\n== ${label}`);
  console.log(`first load: ${first.toFixed(1)} s\n  ${summary}`);
  console.log(`second run: ${(second * 1000).toFixed(0)} ms (loaded: ${again ?? 'nothing'})`);
  for (const c of counts) console.log(`  ${c.t.padEnd(26)} ${c.n}`);
}

const pglite = await openDatabase({});
await measure('PGlite (in memory)', pglite);
await pglite.close();

const url = process.env.BENCH_DATABASE_URL;
if (url) {
  const name = `trama_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    await measure('PostgreSQL', database);
    await database.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
