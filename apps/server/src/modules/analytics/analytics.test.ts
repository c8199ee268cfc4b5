import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { giveConsents, makeOrganization, makePerson, makeProgramme, makeUser } from '../../test/factories';
import { personSkills, personWorkHistory } from '../people/people.table';
import { api, makeClient, makeOperator, takeInCharge } from '../pathways/pathways.test-helpers';

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
  const inCharge = async (municipality: string, statistics: boolean) => {
    const person = await makeClient(t, op.org.id, { over: { residenceMunicipalityCode: municipality } });
    if (statistics) await giveConsents(db, person.id, ['statistics']);
    // An older job in occupation B, the most recent one in occupation A.
    await db.insert(personWorkHistory).values([
      { personId: person.id, employerName: 'Vecchia Srl', occupationId: occB.id, fromDate: '2015-01-01' },
      { personId: person.id, employerName: 'Ultima Srl', occupationId: occA.id, fromDate: '2022-03-01' },
    ]);
    await db.insert(personSkills).values({ personId: person.id, skillId: occA.skill, source: 'declared' });
    await takeInCharge(t, op, person.id, programme.id);
  };
  for (let i = 0; i < 6; i++) await inCharge(MI, true);
  for (let i = 0; i < 2; i++) await inCharge(MI, false);
  for (let i = 0; i < 2; i++) await inCharge(BG, true);
  const notInCharge = await makePerson(db, op.org.id, { residenceMunicipalityCode: MI });
  await giveConsents(db, notInCharge.id, ['statistics']);
  await db
    .insert(personWorkHistory)
    .values({ personId: notInCharge.id, employerName: 'X', occupationId: occA.id, fromDate: '2023-01-01' });

  // Demand: open vacancies (a draft one does not count).
  const company = await makeOrganization(db, { type: 'company' });
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
});
afterAll(async () => t.close());

const get = async (query: string, user = officer) => {
  const res = await call(user, 'GET', `/api/analytics/skills-gap${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    cells: Cell[];
    totalCells: number;
    provinces: (Omit<Cell, 'groupKey'> & { provinceAbbreviation: string })[];
    suppressedBelow: number;
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

  it.each([
    '?iscoLevel=5',
    '?iscoLevel=0',
    '?groupBy=sector',
    '?province=MIL',
    '?region=3',
    '?limit=0',
    '?limit=501',
  ])('rejects bad parameters (%s) with 422', async (query) => {
    const res = await call(officer, 'GET', `/api/analytics/skills-gap${query}`);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
