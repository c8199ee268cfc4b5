// People import benchmark: end-to-end rows/s (stream parse + validation + load) of the real import
// use case, on PGlite and on PostgreSQL, for 100,000 and 1,000,000 synthetic rows.
//   npm run bench:import
//   BENCH_SIZES=100000 npm run bench:import            only some sizes
//   BENCH_ENGINES=postgres npm run bench:import        only one engine (pglite | postgres)
//   BENCH_DATABASE_URL=postgres://...                  default postgres://postgres@127.0.0.1:5432/postgres
//   BENCH_BATCH_SIZE=50000                             rows per batch (transaction)
//   BENCH_PGLITE_STORAGE=dir                           PGlite on a data directory (default: what `npm start` runs) or in memory
//                                                      (memory: the test suite's mode; its in-memory files are grown by
//                                                      reallocation, so batches slow down as the table grows)
//   BENCH_KEEP_DB=1                                    keep the PostgreSQL scratch database (for EXPLAIN)
// Each (engine, size) runs on a fresh database: PostgreSQL a new scratch database (dropped after),
// PGlite a new instance, both migrated and with reference data loaded
// (not measured). The CSV is generated beforehand (not measured): valid fiscal codes with their check
// character, Lombardy municipalities from ref_municipalities, Italian names.
// Targets: >= 100,000 rows/s on PostgreSQL, >= 10,000 rows/s on PGlite.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../apps/server/src/platform/db';
import { migrate } from '../apps/server/src/platform/migrate';
import { loadReferenceData } from '../apps/server/src/modules/reference';
import { runPeopleImport } from '../apps/server/src/modules/people/people-import.usecases';
import { prng, syntheticPerson } from '../apps/server/src/modules/people/people.synthetic';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const PG_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = Number(process.env.BENCH_BATCH_SIZE ?? 50_000);
const PGLITE_STORAGE = process.env.BENCH_PGLITE_STORAGE ?? 'dir'; // dir | memory
const TARGET = { pglite: 10_000, postgres: 100_000 } as const;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-bench-import-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const HEADER =
  'codice_fiscale,cognome,nome,data_nascita,sesso,email,telefono,comune_residenza,indirizzo_residenza,cap_residenza,cittadinanza,titolo_studio_eqf,condizione_occupazionale,data_did,fonte_did,ore_settimanali,raggio_mobilita_km,patenti,target_prioritari';
const STREETS = [
  'Via Roma',
  'Via Garibaldi',
  'Corso Italia',
  'Via Manzoni',
  'Viale Lombardia',
  'Piazza Duomo',
];
const STATUSES = [
  'disoccupato',
  'disoccupato',
  'disoccupato',
  'occupato',
  'sottoccupato',
  'inattivo',
  'studente',
];
const TARGETS = [
  '',
  '',
  '',
  'over_50',
  'neet',
  'disoccupato_lunga_durata',
  'donna_rientro',
  'migrante|servizi_sociali',
  'disabile_l68',
];
const CITIZENSHIP = ['IT', 'IT', 'IT', 'IT', 'IT', 'RO', 'MA', 'AL', 'UA', 'CN'];

/** Writes a synthetic CSV of `rows` people; returns its path and size. */
function generateCsv(rows: number, municipalities: { code: string; cadastral: string }[]) {
  const file = path.join(tmp, `people-${rows}.csv`);
  if (fs.existsSync(file)) return { file, bytes: fs.statSync(file).size };
  const fd = fs.openSync(file, 'w');
  const rand = prng(rows);
  const places = municipalities.map((m) => m.cadastral);
  let buf: string[] = [HEADER];
  for (let i = 0; i < rows; i++) {
    const p = syntheticPerson(i, places, rand);
    const m = municipalities[Math.floor(rand() * municipalities.length)]!;
    const did = rand() < 0.7;
    const email = `${p.firstName}.${p.lastName}${i}@example.it`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
    buf.push(
      [
        p.fiscalCode,
        p.lastName.includes("'") ? `"${p.lastName}"` : p.lastName,
        p.firstName,
        rand() < 0.5 ? p.birthDate : '',
        p.sex,
        email,
        `+39 3${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
        m.code,
        `${STREETS[Math.floor(rand() * STREETS.length)]} ${1 + Math.floor(rand() * 200)}`,
        '',
        CITIZENSHIP[Math.floor(rand() * CITIZENSHIP.length)],
        String(1 + Math.floor(rand() * 8)),
        STATUSES[Math.floor(rand() * STATUSES.length)],
        did ? `2025-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}` : '',
        did ? 'cpi' : '',
        String(Math.floor(rand() * 41)),
        String(Math.floor(rand() * 80)),
        rand() < 0.6 ? 'B' : '',
        TARGETS[Math.floor(rand() * TARGETS.length)],
      ].join(','),
    );
    if (buf.length >= 20_000) {
      fs.writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
  fs.closeSync(fd);
  return { file, bytes: fs.statSync(file).size };
}

async function setupActor(database: Database) {
  const [org] = await database.query<{ id: string }>(
    `insert into organizations (type, name, fiscal_code, legal_seat_municipality_code, search_text)
     values ('accredited_operator', 'Bench Lavoro', '01234567890', '015146', 'bench lavoro') returning id`,
  );
  const [user] = await database.query<{ id: string }>(
    `insert into users (email, display_name) values ('bench@example.it', 'Bench') returning id`,
  );
  const [m] = await database.query<{ id: string }>(
    `insert into memberships (user_id, organization_id, role) values ($1, $2, 'operator_staff') returning id`,
    [user!.id, org!.id],
  );
  return {
    actor: {
      userId: user!.id,
      email: 'bench@example.it',
      displayName: 'Bench',
      membershipId: m!.id,
      role: 'operator_staff' as const,
      organizationId: org!.id,
      sessionId: 'bench',
    },
    requestId: 'bench',
    ip: null,
  };
}

interface Result {
  engine: string;
  rows: number;
  run: string;
  seconds: number;
  rowsPerSecond: number;
  inserted: number;
  updated: number;
  errors: number;
  target: number;
}
const results: Result[] = [];

async function measure(
  engine: 'pglite' | 'postgres',
  database: Database,
  rows: number,
  file: string,
  bytes: number,
) {
  const ctx = await setupActor(database);
  for (const run of rows <= 100_000 ? ['first', 're-run'] : ['first']) {
    const started = performance.now();
    const summary = await runPeopleImport(
      database,
      ctx,
      fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      { format: 'csv', dryRun: false, batchSize: BATCH, bytesTotal: bytes },
    );
    const seconds = (performance.now() - started) / 1000;
    const [count] = await database.query<{ n: number }>('select count(*)::int as n from people');
    if (summary.status !== 'completed' || count!.n !== rows)
      throw new Error(
        `import did not load everything: ${JSON.stringify({ ...summary, batches: undefined })}`,
      );
    const r = {
      engine,
      rows,
      run,
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
      inserted: summary.insertedRows,
      updated: summary.updatedRows,
      errors: summary.errorCount,
      target: TARGET[engine],
    };
    results.push(r);
    console.log(
      `${engine} ${rows} ${run}: ${seconds.toFixed(2)} s, ${r.rowsPerSecond.toLocaleString('en')} rows/s (inserted ${r.inserted}, updated ${r.updated})`,
    );
  }
}

async function freshPglite(): Promise<Database> {
  const database = await openDatabase(
    PGLITE_STORAGE === 'dir' ? { dataDir: fs.mkdtempSync(path.join(tmp, 'pglite-')) } : {},
  );
  await migrate(database);
  await loadReferenceData(database);
  return database;
}

async function freshPostgres(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `trama_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  await migrate(database);
  await loadReferenceData(database);
  return {
    database,
    drop: async () => {
      await database.close();
      if (process.env.BENCH_KEEP_DB === '1') return void console.log(`kept database ${name}`);
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

// Lombardy municipalities (region 03) from the reference data.
const refDb = await openDatabase({});
await migrate(refDb);
await loadReferenceData(refDb);
const municipalities = await refDb.query<{ code: string; cadastral: string }>(
  `select code, cadastral_code as cadastral from ref_municipalities where region_code = '03' order by code`,
);
await refDb.close();
console.log(
  `${municipalities.length} Lombardy municipalities; batch size ${BATCH}; PGlite ${PGLITE_STORAGE}; ${os.cpus().length} CPU cores; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

for (const rows of SIZES) {
  const t0 = performance.now();
  const { file, bytes } = generateCsv(rows, municipalities);
  console.log(
    `generated ${rows} rows (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (const engine of ENGINES) {
    if (engine === 'pglite') {
      const database = await freshPglite();
      try {
        await measure('pglite', database, rows, file, bytes);
      } finally {
        await database.close();
      }
    } else if (engine === 'postgres') {
      const { database, drop } = await freshPostgres();
      try {
        await measure('postgres', database, rows, file, bytes);
      } finally {
        await drop();
      }
    }
  }
  fs.rmSync(file, { force: true });
}

console.log('\n| engine | rows | run | seconds | rows/s | target | ok |');
console.log('|---|---:|---|---:|---:|---:|---|');
for (const r of results)
  console.log(
    `| ${r.engine} | ${r.rows.toLocaleString('en')} | ${r.run} | ${r.seconds.toFixed(2)} | ${r.rowsPerSecond.toLocaleString('en')} | ${r.target.toLocaleString('en')} | ${r.rowsPerSecond >= r.target ? 'yes' : 'NO'} |`,
  );
