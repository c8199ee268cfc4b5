import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { giveConsents, makeOrganization, makePerson, makeProgramme, makeUser } from '../../test/factories';
import { personSkills, personWorkHistory } from '../people/people.table';
import { companyProfiles } from '../companies/companies.table';
import { api, makeClient, makeOperator, takeInCharge } from '../pathways/pathways.test-helpers';
import {
  refreshDue,
  refreshSkillsGapSummary,
  REFRESH_TIMING,
  startRefreshScheduler,
} from './analytics.refresh';
import { lockRefresh, skillsGapRows, type SkillsGapParams } from './analytics.repository';

let t: TestApp;
let call: ReturnType<typeof api>;
let officer: Awaited<ReturnType<typeof makeUser>>;
// Occupation A (ISCO unit group isco4A) and occupation B (another ISCO major group).
let occA: { id: number; isco: string; skill: number };
let occB: { id: number; isco: string };

const MI = '015146'; // Milano (province MI)
const BG = '016024'; // Bergamo (province BG)

type Cell = {
  provinceAbbreviation: string;
  groupKey: string;
  supply: number | null;
  supplySuppressed: boolean;
  demand: number;
  shortageIndex: number;
  shortageIsLowerBound: boolean;
};

beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
  const db = t.database.db;
  const [a] = await t.database.query<{ id: number; isco: string; skill: number }>(
    `select o.id, o.isco_group as isco, min(s.skill_id)::int as skill
     from ref_occupations o join ref_occupation_skills s on s.occupation_id = o.id and s.relation = 'essential'
     where length(o.isco_group) = 4 and o.isco_group like '2%'
     group by o.id, o.isco_group order by o.id limit 1`,
  );
  const [b] = await t.database.query<{ id: number; isco: string }>(
    `select o.id, o.isco_group as isco from ref_occupations o
     where length(o.isco_group) = 4 and o.isco_group like '7%'
       and not exists (select 1 from ref_occupation_skills s
         where s.occupation_id = o.id and s.relation = 'essential' and s.skill_id = $1)
     order by o.id limit 1`,
    [a!.skill],
  );
  occA = a!;
  occB = b!;

  const region = await makeOrganization(db, { type: 'regional_authority' });
  officer = await makeUser(db, 'regional_officer', region.id);
  const op = await makeOperator(t);
  const programme = await makeProgramme(db);

  // People in charge with occupation A: 6 in Milan with the statistics consent, 2 in Milan without it,
  // 2 in Bergamo with it (a small cell). One more in Milan with the consent but no pathway.
  // Sectors (latest job's ATECO): in Milan 5 in division 25 (section C) and 1 in 47 (section G); the
  // older job is in division 10 (C too), which does not count.
  const inCharge = async (municipality: string, statistics: boolean, ateco: string) => {
    const person = await makeClient(t, op.org.id, { over: { residenceMunicipalityCode: municipality } });
    if (statistics) await giveConsents(db, person.id, ['statistics']);
    // An older job in occupation B, the most recent one in occupation A.
    await db.insert(personWorkHistory).values([
      {
        personId: person.id,
        employerName: 'Vecchia Srl',
        occupationId: occB.id,
        atecoCode: '10.11.00',
        fromDate: '2015-01-01',
      },
      {
        personId: person.id,
        employerName: 'Ultima Srl',
        occupationId: occA.id,
        atecoCode: ateco,
        fromDate: '2022-03-01',
      },
    ]);
    await db.insert(personSkills).values({ personId: person.id, skillId: occA.skill, source: 'declared' });
    await takeInCharge(t, op, person.id, programme.id);
  };
  for (let i = 0; i < 6; i++) await inCharge(MI, true, i < 5 ? '25.11.00' : '47.11.00');
  for (let i = 0; i < 2; i++) await inCharge(MI, false, '25.11.00');
  for (let i = 0; i < 2; i++) await inCharge(BG, true, '25.62.00');
  const notInCharge = await makePerson(db, op.org.id, { residenceMunicipalityCode: MI });
  await giveConsents(db, notInCharge.id, ['statistics']);
  await db
    .insert(personWorkHistory)
    .values({ personId: notInCharge.id, employerName: 'X', occupationId: occA.id, fromDate: '2023-01-01' });

  // Demand: open vacancies (a draft one does not count).
  const company = await makeOrganization(db, { type: 'company' });
  await db.insert(companyProfiles).values({
    organizationId: company.id,
    sizeClass: 'small',
    ateco2025Code: '25.11.00',
  });
  const staff = await makeUser(db, 'company_staff', company.id);
  const vacancy = async (
    occupationId: number,
    municipalityCode: string,
    openings: number,
    status = 'open',
  ) => {
    const res = await call(staff, 'POST', '/api/vacancies', {
      title: 'Posizione aperta',
      occupationId,
      municipalityCode,
      contractType: 'permanent',
      openings,
      status,
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  await vacancy(occA.id, MI, 14);
  await vacancy(occA.id, MI, 50, 'draft');
  await vacancy(occA.id, BG, 15);
  await vacancy(occB.id, MI, 3);
  // The endpoint reads the summary: rebuild it now that the data is in place.
  expect((await refreshSkillsGapSummary(t.database, { wait: true })).refreshed).toBe(true);
});
afterAll(async () => t.close());

const get = async (query: string, user = officer) => {
  const res = await call(user, 'GET', `/api/analytics/skills-gap${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    cells: Cell[];
    totalCells: number;
    sector: string | null;
    surpluses: Cell[];
    provinces: (Omit<Cell, 'groupKey'> & { provinceAbbreviation: string })[];
    suppressedBelow: number;
    refreshedAt: string;
    pendingChanges: boolean;
  };
};

describe('GET /api/analytics/skills-gap', () => {
  it('adds up supply (consented people in charge, latest occupation) and demand (open openings) by ISCO unit group', async () => {
    const body = await get('?iscoLevel=4');
    expect(body.suppressedBelow).toBe(5);
    expect(body.totalCells).toBe(3);
    expect(body.cells).toEqual([
      // Bergamo: 2 people (suppressed) => shortage computed with supply 4: 15 / 5, a lower bound.
      expect.objectContaining({
        provinceAbbreviation: 'BG',
        groupKey: occA.isco,
        supply: null,
        supplySuppressed: true,
        demand: 15,
        shortageIndex: 3,
        shortageIsLowerBound: true,
      }),
      // Milan, A: 6 consented people in charge (not the 2 without consent nor the one without pathway).
      expect.objectContaining({
        provinceAbbreviation: 'MI',
        groupKey: occA.isco,
        supply: 6,
        supplySuppressed: false,
        demand: 14,
        shortageIndex: 2,
        shortageIsLowerBound: false,
      }),
      // Milan, B: nobody's most recent job (older jobs do not count) => supply 0, suppressed.
      expect.objectContaining({
        provinceAbbreviation: 'MI',
        groupKey: occB.isco,
        supply: null,
        supplySuppressed: true,
        demand: 3,
        shortageIndex: 0.6,
      }),
    ]);
    const mi = body.provinces.find((p) => p.provinceAbbreviation === 'MI')!;
    const bg = body.provinces.find((p) => p.provinceAbbreviation === 'BG')!;
    const co = body.provinces.find((p) => p.provinceAbbreviation === 'CO')!;
    expect(body.provinces).toHaveLength(12);
    expect(mi).toMatchObject({ supply: 6, demand: 17, shortageIsLowerBound: false });
    expect(mi.shortageIndex).toBeCloseTo(17 / 7, 3);
    expect(bg).toMatchObject({ supply: null, supplySuppressed: true, demand: 15, shortageIndex: 3 });
    expect(co).toMatchObject({ supply: null, demand: 0, shortageIndex: 0 });
  });

  it('rolls groups up to the requested ISCO level and filters by province', async () => {
    const body = await get('?iscoLevel=1&province=mi');
    expect(body.totalCells).toBe(2);
    expect(body.cells.map((c) => [c.provinceAbbreviation, c.groupKey, c.supply, c.demand])).toEqual([
      ['MI', occA.isco.slice(0, 1), 6, 14],
      ['MI', occB.isco.slice(0, 1), null, 3],
    ]);
    // The map keeps every province of the region.
    expect(body.provinces).toHaveLength(12);
    const limited = await get('?iscoLevel=4&limit=1');
    expect(limited.cells).toHaveLength(1);
    expect(limited.totalCells).toBe(3);
  });

  it('groups by ESCO skill: declared skills against essential skills of open vacancies', async () => {
    const body = await get('?groupBy=skill&province=MI&limit=500');
    const cell = body.cells.find((c) => c.groupKey === String(occA.skill));
    expect(cell).toMatchObject({ supply: 6, demand: 14, shortageIndex: 2 });
    const bg = (await get('?groupBy=skill&province=BG&limit=500')).cells.find(
      (c) => c.groupKey === String(occA.skill),
    );
    expect(bg).toMatchObject({ supply: null, supplySuppressed: true, demand: 15 });
  });

  it('is for steering roles and operators only', async () => {
    const db = t.database.db;
    const operator = await makeUser(db, 'operator_staff', (await makeOrganization(db)).id);
    expect((await get('?iscoLevel=4', operator)).totalCells).toBe(3);
    const company = await makeOrganization(db, { type: 'company' });
    const companyStaff = await makeUser(db, 'company_staff', company.id);
    const denied = await call(companyStaff, 'GET', '/api/analytics/skills-gap');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('auth.forbidden');
    expect((await call(null, 'GET', '/api/analytics/skills-gap')).statusCode).toBe(401);
    const admin = await makeUser(db, 'platform_admin', null);
    expect((await get('?iscoLevel=4', admin)).totalCells).toBe(3);
    const citizen = await makeUser(db, 'citizen', null);
    expect((await call(citizen, 'GET', '/api/analytics/skills-gap')).statusCode).toBe(403);
  });

  it('analyses one sector (ATECO section or division): supply by the latest job’s sector, demand by the company’s', async () => {
    // Section C (manufacturing) holds divisions 10-33: the 5 Milanese people whose latest job is in 25 (the
    // sixth is in 47, and an older job in 10 does not count), both Bergamo people, every vacancy (company in 25).
    const c = await get('?iscoLevel=4&sector=c');
    expect(c.sector).toBe('C');
    expect(c.cells.map((x) => [x.provinceAbbreviation, x.groupKey, x.supply, x.demand])).toEqual([
      ['BG', occA.isco, null, 15],
      ['MI', occA.isco, 5, 14],
      ['MI', occB.isco, null, 3],
    ]);
    expect(c.provinces.find((p) => p.provinceAbbreviation === 'MI')).toMatchObject({ supply: 5, demand: 17 });
    expect(await get('?iscoLevel=4&sector=25')).toMatchObject({ cells: c.cells, provinces: c.provinces });
    // Division 47 (section G): one person, no vacancy.
    const g = await get('?iscoLevel=4&sector=G&province=MI');
    expect(g.cells).toEqual([
      expect.objectContaining({ groupKey: occA.isco, supply: null, supplySuppressed: true, demand: 0 }),
    ]);
    expect(g.provinces.find((p) => p.provinceAbbreviation === 'MI')).toMatchObject({
      supply: null,
      demand: 0,
    });
    const food = await get('?iscoLevel=4&sector=10');
    expect(food.totalCells).toBe(0);
    expect(food.cells).toEqual([]);
  });

  it('lists the surpluses (lowest index) among cells whose supply is published, and tells how fresh it is', async () => {
    const body = await get('?iscoLevel=4');
    expect(body.surpluses.map((x) => [x.provinceAbbreviation, x.groupKey, x.supply, x.demand])).toEqual([
      ['MI', occA.isco, 6, 14],
    ]);
    expect(Date.now() - Date.parse(body.refreshedAt)).toBeLessThan(10 * 60_000);
  });

  it('serves the summary, which equals the live (reference) computation for every shape of query', async () => {
    const shapes: Omit<SkillsGapParams, 'region' | 'minCell'>[] = [];
    for (const sector of [null, 'C', '25', 'G', '47', '10', 'Q']) {
      for (const province of [null, 'MI', 'BG']) {
        for (const iscoLevel of [1, 2, 3, 4])
          shapes.push({ groupBy: 'isco', iscoLevel, province, sector, limit: 500 });
        shapes.push({ groupBy: 'skill', iscoLevel: 2, province, sector, limit: 500 });
      }
    }
    shapes.push({ groupBy: 'isco', iscoLevel: 4, province: null, sector: null, limit: 1 });
    const sort = (rows: Awaited<ReturnType<typeof skillsGapRows>>) =>
      rows
        .map((r) => ({ ...r, shortage: Number(r.shortage) }))
        .sort((a, b) =>
          `${a.kind}|${a.province_code}|${a.group_key}`.localeCompare(
            `${b.kind}|${b.province_code}|${b.group_key}`,
          ),
        );
    let nonEmpty = 0;
    for (const shape of shapes) {
      const params = { ...shape, region: '03', minCell: 5 };
      const live = sort(await skillsGapRows(t.database.db, params, 'live'));
      const summary = sort(await skillsGapRows(t.database.db, params, 'summary'));
      expect(summary, JSON.stringify(shape)).toEqual(live);
      if (live.some((r) => r.kind === 'cell')) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('shows new data only after the summary is rebuilt', async () => {
    const db = t.database.db;
    const company = await makeOrganization(db, { type: 'company' });
    const staff = await makeUser(db, 'company_staff', company.id);
    const res = await call(staff, 'POST', '/api/vacancies', {
      title: 'Nuova posizione',
      occupationId: occB.id,
      municipalityCode: BG,
      contractType: 'permanent',
      openings: 4,
      status: 'open',
    });
    expect(res.statusCode, res.body).toBe(201);
    const before = await get('?iscoLevel=4&province=BG');
    expect(before.cells.find((c) => c.groupKey === occB.isco)).toBeUndefined();
    await refreshSkillsGapSummary(t.database, { wait: true });
    const after = await get('?iscoLevel=4&province=BG');
    expect(after.cells.find((c) => c.groupKey === occB.isco)).toMatchObject({ supply: null, demand: 4 });
    expect(Date.parse(after.refreshedAt)).toBeGreaterThan(Date.parse(before.refreshedAt));
    // Back to the shared picture for the other tests.
    await call(staff, 'PATCH', `/api/vacancies/${res.json().id}`, { status: 'closed', version: 1 });
    await refreshSkillsGapSummary(t.database, { wait: true });
  });

  it('notes relevant writes (after they commit) so that the response says an update is pending', async () => {
    await refreshSkillsGapSummary(t.database, { wait: true });
    expect((await get('?iscoLevel=4')).pendingChanges).toBe(false);
    const company = await makeOrganization(t.database.db, { type: 'company' });
    const staff = await makeUser(t.database.db, 'company_staff', company.id);
    const res = await call(staff, 'POST', '/api/vacancies', {
      title: 'Bozza',
      occupationId: occB.id,
      municipalityCode: BG,
      contractType: 'permanent',
      openings: 1,
      status: 'draft',
    });
    expect(res.statusCode, res.body).toBe(201);
    // The instance records the write in the database within a second or so.
    let pending = false;
    for (let i = 0; i < 50 && !pending; i++) {
      await new Promise((r) => setTimeout(r, 100));
      pending = (await get('?iscoLevel=4')).pendingChanges;
    }
    expect(pending).toBe(true);
    await refreshSkillsGapSummary(t.database, { wait: true });
    expect((await get('?iscoLevel=4')).pendingChanges).toBe(false);
  });

  it('rebuilds in the background once changes are quiet (the scheduler)', async () => {
    const before = Date.parse((await get('?iscoLevel=4')).refreshedAt);
    const fast = { ...REFRESH_TIMING, MARK_EVERY_MS: 20, CHECK_EVERY_MS: 50, QUIET_MS: 0, MIN_GAP_MS: 0 };
    const scheduler = startRefreshScheduler(t.database, { error: () => {}, info: () => {} }, fast);
    try {
      scheduler.noteWrite();
      let after = before;
      for (let i = 0; i < 100 && after === before; i++) {
        await new Promise((r) => setTimeout(r, 50));
        after = Date.parse((await get('?iscoLevel=4')).refreshedAt);
      }
      expect(after).toBeGreaterThan(before);
    } finally {
      await scheduler.stop();
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'lets one instance rebuild at a time (advisory lock): the others skip',
    async () => {
      await t.database.db.transaction(async (tx) => {
        expect(await lockRefresh(tx, false)).toBe(true);
        // Another connection (another instance) cannot take it and skips.
        expect((await refreshSkillsGapSummary(t.database)).refreshed).toBe(false);
      });
      expect((await refreshSkillsGapSummary(t.database)).refreshed).toBe(true);
    },
  );

  it.each([
    '?iscoLevel=5',
    '?iscoLevel=0',
    '?groupBy=sector',
    '?province=MIL',
    '?region=3',
    '?limit=0',
    '?limit=501',
    '?sector=CC',
    '?sector=1',
  ])('rejects bad parameters (%s) with 422', async (query) => {
    const res = await call(officer, 'GET', `/api/analytics/skills-gap${query}`);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('GET /api/analytics/sectors', () => {
  it('lists the ATECO 2025 sections with their divisions', async () => {
    const res = await call(officer, 'GET', '/api/analytics/sectors?lang=en');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { code: string; label: string; divisions: { code: string }[] }[] })
      .items;
    const c = items.find((s) => s.code === 'C')!;
    expect(c.label).toMatch(/manufacturing/i);
    expect(c.divisions.map((d) => d.code)).toContain('25');
    expect(c.divisions.every((d) => Number(d.code) >= 10 && Number(d.code) <= 33)).toBe(true);
  });
});

describe('refresh scheduling', () => {
  const T = REFRESH_TIMING;
  const at = (refreshed: number | null, changed: number | null, now: number) => ({
    refreshed_at: refreshed,
    refresh_ms: null,
    changed_at: changed,
    now,
  });
  it('rebuilds when never built, after a quiet period following a change, under continuous writes, and periodically', () => {
    expect(refreshDue(null)).toBe(true);
    expect(refreshDue(at(null, null, 0))).toBe(true);
    const r = 1_000_000;
    expect(refreshDue(at(r, null, r + 1000))).toBe(false);
    expect(refreshDue(at(r, r - 1, r + 1000))).toBe(false); // change already included
    const later = r + T.MIN_GAP_MS;
    expect(refreshDue(at(r, later, later + T.QUIET_MS - 1))).toBe(false); // debounced
    expect(refreshDue(at(r, later, later + T.QUIET_MS))).toBe(true);
    expect(refreshDue(at(r, r + 10, r + 10 + T.QUIET_MS))).toBe(false); // too soon after the last rebuild
    expect(refreshDue(at(r, r + T.MAX_WAIT_MS - 1, r + T.MAX_WAIT_MS))).toBe(true); // waited long enough
    expect(refreshDue(at(r, null, r + T.PERIOD_MS))).toBe(true);
    // A slow rebuild (2 minutes) spaces the next one by three times its duration.
    const slow = { ...at(r, r + 10, r + 5 * 60_000), refresh_ms: 120_000 };
    expect(refreshDue(slow)).toBe(false);
    expect(refreshDue({ ...slow, now: r + 6 * 60_000 })).toBe(true);
  });
});

describe('GET /api/reference/geo/provinces', () => {
  it('serves the provinces of a region as GeoJSON with an ETag, to signed-in users', async () => {
    const res = await call(officer, 'GET', '/api/reference/geo/provinces?region=03');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { features: { properties: { prov_acr: string } }[]; attribution: string };
    expect(body.features.map((f) => f.properties.prov_acr).sort()).toEqual(
      ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MB', 'MI', 'MN', 'PV', 'SO', 'VA'].sort(),
    );
    expect(body.attribution).toContain('CC BY 4.0');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/reference/geo/provinces?region=03',
      headers: { cookie: officer.cookie, 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const italy = await call(officer, 'GET', '/api/reference/geo/provinces');
    expect((italy.json() as { features: unknown[] }).features.length).toBe(107);
    expect((await call(null, 'GET', '/api/reference/geo/provinces')).statusCode).toBe(401);
  });
});
