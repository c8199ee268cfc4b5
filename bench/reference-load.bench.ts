// Reference-data load time on a fresh database (first load, then the idempotent second run), table
// row counts, and the median latency of typical look-ups.
//   npx tsx bench/reference-load.bench.ts          (also run by `npm run bench`)
// BENCH_ENGINES (default pglite,postgres); BENCH_DATABASE_URL (default $DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/postgres): a scratch database is created and dropped there.
// Target: the whole first load under ~20 s on PGlite (it runs at first start and in the test template).
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../apps/server/src/platform/db';
import { migrate } from '../apps/server/src/platform/migrate';
import { loadReferenceData } from '../apps/server/src/modules/reference';
import * as repo from '../apps/server/src/modules/reference/reference.repository';

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
  const cpu = process.cpuUsage();
  const summary = await loadReferenceData(database);
  const first = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  t = performance.now();
  const again = await loadReferenceData(database);
  const second = (performance.now() - t) / 1000;
  const counts = await database.query<{ t: string; n: number }>(
    TABLES.map((x) => `SELECT '${x}' AS t, count(*)::int AS n FROM ${x}`).join(' UNION ALL '),
  );
  console.log(`\n== ${label}`);
  // CPU time of this process: the whole load on PGlite (same thread), only the client side on PostgreSQL.
  console.log(
    `first load: ${first.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU in this process\n  ${summary}`,
  );
  console.log(`second run: ${(second * 1000).toFixed(0)} ms (loaded: ${again ?? 'nothing'})`);
  await lookups(database);
  counts.sort((a, b) => TABLES.indexOf(a.t) - TABLES.indexOf(b.t));
  for (const c of counts) console.log(`  ${c.t.padEnd(26)} ${c.n}`);
}

/** Median latency of typical type-ahead look-ups (one statement each). */
async function lookups(database: Database) {
  const d = database.db;
  const cases: [string, () => Promise<unknown>][] = [
    [
      'places q=mil',
      () => repo.searchPlaces(d, { kind: 'municipality', q: 'mil', limit: 20, version: '2025' }),
    ],
    [
      'places q=san province=MI',
      () =>
        repo.searchPlaces(d, { kind: 'municipality', q: 'san', province: 'MI', limit: 20, version: '2025' }),
    ],
    ['ateco q=commercio', () => repo.searchAteco(d, { version: '2025', q: 'commercio', limit: 20 })],
    [
      'occupations q=sviluppatore software',
      () =>
        repo.searchOccupations(d, { q: 'sviluppatore software', lang: 'it', limit: 20, version: 'v1.2.0' }),
    ],
    [
      'occupations q=softwre (typo)',
      () => repo.searchOccupations(d, { q: 'softwre', lang: 'it', limit: 20, version: 'v1.2.0' }),
    ],
    ['occupation detail', () => repo.findOccupation(d, 1)],
    [
      'skills q=manage',
      () => repo.searchSkills(d, { q: 'manage', lang: 'it', limit: 20, version: 'v1.2.0' }),
    ],
    ['professions q=cuochi', () => repo.searchProfessions(d, { q: 'cuochi', limit: 20, version: 'CP2021' })],
  ];
  for (const [label, run] of cases) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`  lookup ${label.padEnd(38)} median ${times[7]!.toFixed(1)} ms`);
  }
}

const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
if (engines.includes('pglite')) {
  const pglite = await openDatabase({});
  await measure('PGlite (in memory)', pglite);
  await pglite.close();
}

const url =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (engines.includes('postgres')) {
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
    await new Promise((r) => setTimeout(r, 300)); // let the pool's sockets close before the drop
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
