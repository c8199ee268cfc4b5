// Skills-gap benchmark (issue 4, labour-market analysis): GET /api/analytics/skills-gap on PostgreSQL.
//   npx tsx bench/skills-gap.bench.ts
//   BENCH_PEOPLE=200000 npx tsx bench/skills-gap.bench.ts   people (default 1000000)
//   BENCH_VACANCIES=100000                                  open vacancies (default 100000)
//   BENCH_RUNS=9                                            timed runs per query shape (after one warm-up)
//   BENCH_DATABASE_URL=postgres://...                       default postgres://postgres@127.0.0.1:5432/postgres
// A scratch database is created (migrated, reference data loaded), filled with set-based
// INSERT ... SELECT generate_series (people resident in Lombardy municipalities, 90% with an open pathway
// and 10% with a closed one, 85% with the statistics consent, two work-history entries with ESCO
// occupations and ATECO codes, three ESCO skills each; 500 companies with an ATECO 2025 code; open vacancies
// of those companies with an occupation, a Lombardy municipality, 1-5 openings and the occupation's
// essential skills), analysed. Then: the summary refresh job (refreshSkillsGapSummary, one set-based
// INSERT ... SELECT under the advisory lock) is timed, and for each query shape the endpoint's query on the
// summary (what the route serves; target p50/p95 < 500 ms at 1M people) and the live reference query
// (analytics.repository.ts, `source = 'live'`) are timed, and their results are checked to be equal.
// The database is dropped at the end.
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/platform/db';
import { migrate } from '../apps/server/src/platform/migrate';
import { loadReferenceData } from '../apps/server/src/modules/reference';
import {
  skillsGapQuery,
  skillsGapRows,
  type SkillsGapRow,
  type SkillsGapParams,
} from '../apps/server/src/modules/analytics/analytics.repository';
import { ANALYTICS_MIN_CELL, refreshSkillsGapSummary } from '../apps/server/src/modules/analytics';
import { makeOffice, makeOrganization, makeProgramme, makeUser } from '../apps/server/src/test/factories';

const N_PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const N_VACANCIES = Number(process.env.BENCH_VACANCIES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const LIVE_RUNS = Number(process.env.BENCH_LIVE_RUNS ?? 1);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

const name = `trama_bench_gap_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
await admin.query(`create database "${name}"`);
await admin.end();
const url = new URL(PG_URL);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });

try {
  console.log(
    `skills-gap bench: ${N_PEOPLE} people, ${N_VACANCIES} vacancies; load avg ${os.loadavg()[0]!.toFixed(2)}`,
  );
  let t = performance.now();
  await migrate(database);
  await loadReferenceData(database);
  console.log(`migrate + reference data: ${secs(t)}`);

  const db = database.db;
  const operator = await makeOrganization(db);
  const office = await makeOffice(db, operator.id);
  const caseWorker = await makeUser(db, 'operator_staff', operator.id);
  const programme = await makeProgramme(db);

  const step = async (label: string, text: string, params: unknown[] = []) => {
    const s = performance.now();
    await database.query(text, params);
    console.log(`  ${label}: ${secs(s)}`);
  };
  t = performance.now();
  await step(
    'people',
    `with m as (select array_agg(code order by code) as codes from ref_municipalities where region_code = '03')
     insert into people (fiscal_code, first_name, last_name, birth_date, sex, birth_place_code,
       residence_municipality_code, employment_status, search_text)
     select 'BENCH' || lpad(i::text, 11, '0'), 'Nome', 'Cognome', date '1970-01-01' + (i % 12000),
       case when i % 2 = 0 then 'F' else 'M' end, 'F205',
       m.codes[1 + (abs(hashint4(i)) % array_length(m.codes, 1))], 'unemployed', 'bench'
     from m, generate_series(1, $1::int) i`,
    [N_PEOPLE],
  );
  await step(
    'pathways (90% open, 10% placed)',
    `insert into pathways (person_id, programme_id, organization_id, office_id, case_worker_user_id, created_by,
       state, closed_at)
     select p.id, $1, $2, $3, $4, $4,
       case when abs(hashtext(p.fiscal_code)) % 10 = 0 then 'placed' else 'taken_in_charge' end,
       case when abs(hashtext(p.fiscal_code)) % 10 = 0 then now() end
     from people p`,
    [programme.id, operator.id, office.id, caseWorker.userId],
  );
  await step(
    'statistics consents (85%)',
    `insert into person_consents (person_id, purpose)
     select id, 'statistics' from people where abs(hashtext(fiscal_code || 's')) % 100 < 85`,
  );
  await step(
    'companies (500, ATECO 2025)',
    `with a as (select array_agg(code order by code) as codes from ref_ateco where version = '2025' and level >= 4),
      ins as (
        insert into organizations (type, name, fiscal_code, vat_number, legal_seat_municipality_code, search_text)
        select 'company', 'Azienda ' || i, lpad((90000000000 + i)::text, 11, '0'),
          lpad((90000000000 + i)::text, 11, '0'), '015146', 'azienda ' || i
        from generate_series(1, 500) i
        returning id, name
      )
     insert into company_profiles (organization_id, size_class, ateco2025_code)
     select ins.id, 'small', a.codes[1 + (abs(hashtext(ins.name)) % array_length(a.codes, 1))] from ins, a`,
  );
  await step(
    'work history (2 per person)',
    `with o as (select array_agg(id order by id) as ids from ref_occupations where isco_group is not null),
      a as (select array_agg(code order by code) as codes from ref_ateco where version = '2025' and level >= 4)
     insert into person_work_history (person_id, employer_name, occupation_id, ateco_code, from_date, to_date)
     select p.id, 'Azienda', o.ids[1 + (abs(hashtext(p.fiscal_code || k)) % array_length(o.ids, 1))],
       a.codes[1 + (abs(hashtext(p.fiscal_code || 'a' || k)) % array_length(a.codes, 1))],
       date '2010-01-01' + k * 1500 + abs(hashtext(p.fiscal_code)) % 1000,
       case when k = 0 then date '2010-01-01' + 1400 end
     from people p, o, a, generate_series(0, 1) k`,
  );
  await step(
    'person skills (3 per person)',
    `with s as (select array_agg(distinct skill_id) as ids from ref_occupation_skills where relation = 'essential')
     insert into person_skills (person_id, skill_id, source)
     select p.id, s.ids[1 + (abs(hashtext(p.fiscal_code || k)) % array_length(s.ids, 1))], 'declared'
     from people p, s, generate_series(1, 3) k
     on conflict do nothing`,
  );
  await step(
    'vacancies (open)',
    `with m as (select array_agg(code order by code) as codes from ref_municipalities where region_code = '03'),
      o as (select array_agg(id order by id) as ids from ref_occupations where isco_group is not null),
      c as (select array_agg(organization_id order by organization_id) as ids from company_profiles)
     insert into vacancies (organization_id, title, occupation_id, municipality_code, work_mode, contract_type,
       openings, status, search_text)
     select c.ids[1 + (abs(hashint4(i * 7)) % array_length(c.ids, 1))], 'Posizione', o.ids[1 + (abs(hashint4(i * 31)) % array_length(o.ids, 1))],
       m.codes[1 + (abs(hashint4(i * 17)) % array_length(m.codes, 1))], 'onsite', 'permanent',
       1 + i % 5, 'open', 'posizione'
     from m, o, c, generate_series(1, $1::int) i`,
    [N_VACANCIES],
  );
  await step(
    "vacancy skills (occupation's essential ones)",
    `insert into vacancy_skills (vacancy_id, skill_id, relation)
     select v.id, os.skill_id, 'essential' from vacancies v
     join ref_occupation_skills os on os.occupation_id = v.occupation_id and os.relation = 'essential'`,
  );
  await step('vacuum analyze', 'vacuum analyze');
  console.log(`load: ${secs(t)}`);

  t = performance.now();
  const refresh = await refreshSkillsGapSummary(database, { wait: true });
  const summaryRows = (
    await database.query<{ n: number }>('select count(*)::int as n from analytics_gap_cells')
  )[0]!.n;
  console.log(
    `\nsummary refresh (one INSERT ... SELECT under the advisory lock): ${(refresh.ms / 1000).toFixed(1)} s, ` +
      `${summaryRows} rows`,
  );
  await database.query('analyze analytics_gap_cells');

  const shapes: [string, Omit<SkillsGapParams, 'minCell' | 'region'>][] = [
    ['isco level 2, region', { groupBy: 'isco', iscoLevel: 2, province: null, sector: null, limit: 50 }],
    ['isco level 4, province MI', { groupBy: 'isco', iscoLevel: 4, province: 'MI', sector: null, limit: 50 }],
    ['skill, region', { groupBy: 'skill', iscoLevel: 2, province: null, sector: null, limit: 50 }],
    ['isco level 2, sector C', { groupBy: 'isco', iscoLevel: 2, province: null, sector: 'C', limit: 50 }],
    [
      'skill, sector C, province BG',
      { groupBy: 'skill', iscoLevel: 2, province: 'BG', sector: 'C', limit: 50 },
    ],
  ];
  const sorted = (rows: SkillsGapRow[]) =>
    JSON.stringify(
      rows
        .map((r) => ({ ...r, shortage: Number(r.shortage) }))
        .sort((a, b) =>
          `${a.kind}|${a.province_code}|${a.group_key}`.localeCompare(
            `${b.kind}|${b.province_code}|${b.group_key}`,
          ),
        ),
    );
  console.log(
    `\n| query | summary p50 ms | summary p95 ms | live ms | speed-up | cells | same result | ok (< 500 ms) |` +
      `\n|---|---|---|---|---|---|---|---|`,
  );
  let allOk = true;
  for (const [label, shape] of shapes) {
    const params = { ...shape, region: '03', minCell: ANALYTICS_MIN_CELL };
    if (process.env.BENCH_EXPLAIN === '1') {
      const { sql } = await import('drizzle-orm');
      const plan = (await db.execute(
        sql`explain (analyze, buffers) ${skillsGapQuery(params)}`,
      )) as unknown as { rows: { 'QUERY PLAN': string }[] };
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    const first = await skillsGapRows(db, params); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await skillsGapRows(db, params);
      times.push(performance.now() - s);
    }
    const liveTimes: number[] = [];
    let live: SkillsGapRow[] = [];
    for (let i = 0; i < LIVE_RUNS; i++) {
      const s = performance.now();
      live = await skillsGapRows(db, params, 'live');
      liveTimes.push(performance.now() - s);
    }
    const same = sorted(first) === sorted(live);
    const cells = first.find((r) => r.kind === 'cell')?.total_cells ?? 0;
    const p50 = q(times, 0.5);
    const p95 = q(times, 0.95);
    const liveP50 = q(liveTimes, 0.5);
    allOk &&= same && p95 < 500;
    console.log(
      `| ${label} | ${p50.toFixed(0)} | ${p95.toFixed(0)} | ${liveP50.toFixed(0)} | ${(liveP50 / p50).toFixed(0)}x | ` +
        `${cells} | ${same ? 'yes' : 'NO'} | ${p95 < 500 ? 'yes' : 'NO'} |`,
    );
  }
  console.log(
    `\nload avg at the end ${os.loadavg()[0]!.toFixed(2)}; ${allOk ? 'all OK' : 'SOME CHECKS FAILED'}`,
  );
  if (!allOk) process.exitCode = 1;
} finally {
  await database.close();
  const a = new pg.Client({ connectionString: PG_URL });
  await a.connect();
  await a.query(`drop database if exists "${name}" with (force)`);
  await a.end();
}
