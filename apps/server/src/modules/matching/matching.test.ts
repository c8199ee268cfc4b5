import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../platform/config';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makePerson, makeUser, giveConsents, type TestUser } from '../../test/factories';
import { api } from '../pathways/pathways.test-helpers';
import { grantPersonAccess } from '../people';
import { readColumns } from './matching.build';
import { buildIndex, MatchingEngine, haversineKm } from './matching.engine';
import { personInput, vacancyInput } from './matching.service';
import {
  MATCHABLE_VACANCY,
  peopleSource,
  vacanciesSource,
  vacancyQueryArgs,
  vacancyRankingSql,
} from './matching.sql';

let t: TestApp;
let call: ReturnType<typeof api>;
let occ: { id: number; isco: string; essential: number[]; optional: number[] };
let sibling: number | null; // another occupation in the same ISCO unit group
let operator: { org: { id: string }; user: TestUser };
let company: { org: { id: string }; staff: TestUser };
const MILANO = '015146';
const BERGAMO = '016024';
let coords: Record<string, { lat: number; lon: number }>;

beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
  const [row] = await t.database.query<{ id: number; isco: string }>(
    `select os.occupation_id as id, o.isco_group as isco from ref_occupation_skills os
     join ref_occupations o on o.id = os.occupation_id
     where o.isco_group ~ '^[0-9]{4}$'
       and exists (select 1 from ref_occupations o2 where o2.isco_group = o.isco_group and o2.id <> o.id)
     group by os.occupation_id, o.isco_group
     having count(*) filter (where relation = 'essential') between 6 and 20
        and count(*) filter (where relation = 'optional') between 4 and 20
     order by os.occupation_id limit 1`,
  );
  const skills = await t.database.query<{ skill_id: number; relation: string }>(
    `select skill_id, relation from ref_occupation_skills where occupation_id = $1 order by skill_id`,
    [row!.id],
  );
  occ = {
    id: row!.id,
    isco: row!.isco,
    essential: skills.filter((s) => s.relation === 'essential').map((s) => s.skill_id),
    optional: skills.filter((s) => s.relation === 'optional').map((s) => s.skill_id),
  };
  const [sib] = await t.database.query<{ id: number }>(
    `select id from ref_occupations where isco_group = $1 and id <> $2 order by id limit 1`,
    [occ.isco, occ.id],
  );
  sibling = sib?.id ?? null;
  const ms = await t.database.query<{ code: string; lat: number; lon: number }>(
    `select code, lat, lon from ref_municipalities where code in ($1, $2)`,
    [MILANO, BERGAMO],
  );
  coords = Object.fromEntries(ms.map((m) => [m.code, { lat: Number(m.lat), lon: Number(m.lon) }]));
  const opOrg = await makeOrganization(t.database.db);
  operator = { org: opOrg, user: await makeUser(t.database.db, 'operator_staff', opOrg.id) };
  const coOrg = await makeOrganization(t.database.db, { type: 'company' });
  company = { org: coOrg, staff: await makeUser(t.database.db, 'company_staff', coOrg.id) };
});
afterAll(async () => t.close());

interface PersonSpec {
  orgId?: string | null;
  consent?: boolean;
  status?: 'unemployed' | 'employed' | 'underemployed';
  municipality?: string;
  radius?: number | null;
  education?: number;
  skills?: number[];
  italian?: string | null;
  occupationId?: number | null;
  priority?: boolean;
}

async function person(spec: PersonSpec) {
  const p = await makePerson(t.database.db, spec.orgId === undefined ? operator.org.id : spec.orgId, {
    employmentStatus: spec.status ?? 'unemployed',
    residenceMunicipalityCode: spec.municipality ?? MILANO,
    mobilityRadiusKm: spec.radius === undefined ? 30 : spec.radius,
    educationLevel: spec.education ?? 4,
    priorityTargets: spec.priority ? ['long_term_unemployed'] : [],
  });
  if (spec.consent ?? true) await giveConsents(t.database.db, p.id, ['company_matching']);
  for (const s of spec.skills ?? [])
    await t.database.query(
      `insert into person_skills (person_id, skill_id, source) values ($1, $2, 'declared')`,
      [p.id, s],
    );
  if (spec.italian !== null)
    await t.database.query(
      `insert into person_languages (person_id, language, level) values ($1, 'it', $2)`,
      [p.id, spec.italian ?? 'native'],
    );
  if (spec.occupationId)
    await t.database.query(
      `insert into person_work_history (person_id, employer_name, occupation_id, from_date) values ($1, 'Ditta', $2, '2020-01-01')`,
      [p.id, spec.occupationId],
    );
  return p;
}

async function openVacancy(over: object = {}) {
  const res = await call(company.staff, 'POST', '/api/vacancies', {
    title: 'Posizione di prova',
    occupationId: occ.id,
    municipalityCode: MILANO,
    contractType: 'permanent',
    educationLevel: 3,
    educationMandatory: true,
    languages: [{ language: 'it', minLevel: 'B1', mandatory: true }],
    status: 'open',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

type Item = {
  person: { id: string } | null;
  candidateRef: string;
  score: number;
  parts: Record<string, number>;
  distanceKm: number | null;
  matchedEssentialSkills: { id: number }[];
  missingEssentialSkills: { id: number }[];
  matchedOptionalSkills: { id: number }[];
  occupationCloseness: string;
};

async function matches(u: TestUser, vacancyId: string, app = t.app) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/vacancies/${vacancyId}/matches?limit=200`,
    headers: { cookie: u.cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Item[];
}

describe('matching people for a vacancy', () => {
  it('ranks by the explained score; hard filters keep out people without consent, outside their radius, unavailable or below mandatory requirements', async () => {
    const half = occ.essential.slice(0, Math.floor(occ.essential.length / 2));
    const all = await person({ skills: [...occ.essential, occ.optional[0]!], occupationId: occ.id });
    const someFar = await person({ skills: half, municipality: BERGAMO, radius: 80 });
    const sib = sibling ? await person({ skills: [occ.essential[0]!], occupationId: sibling }) : null;
    const noConsent = await person({ consent: false, skills: occ.essential });
    const outside = await person({ skills: occ.essential, municipality: BERGAMO, radius: 10 });
    const employed = await person({ skills: occ.essential, status: 'employed' });
    const lowEducation = await person({ skills: occ.essential, education: 2 });
    const noItalian = await person({ skills: occ.essential, italian: 'A2' });
    const unrelated = await person({ skills: [] });
    const elsewhere = await person({ orgId: null, skills: occ.essential }); // nobody can see them

    const v = await openVacancy();
    const items = await matches(operator.user, v.id);
    const ids = items.map((i) => i.person?.id ?? null);
    for (const excluded of [noConsent, outside, employed, lowEducation, noItalian, unrelated])
      expect(ids).not.toContain(excluded.id);
    expect(items[0]!.person?.id).toBe(all.id);
    expect(ids).toContain(someFar.id);
    if (sib) expect(ids).toContain(sib.id);
    expect(items).toHaveLength(sib ? 4 : 3); // + the anonymised one

    const top = items[0]!;
    expect(top.matchedEssentialSkills.map((s) => s.id)).toEqual(occ.essential);
    expect(top.missingEssentialSkills).toEqual([]);
    expect(top.matchedOptionalSkills.map((s) => s.id)).toEqual([occ.optional[0]]);
    expect(top.occupationCloseness).toBe('same_occupation');
    expect(top.distanceKm).toBe(0);
    expect(top.parts).toEqual({
      essentialSkills: 0.5,
      optionalSkills: Math.round((0.15 / occ.optional.length) * 1e6) / 1e6,
      occupation: 0.2,
      distance: 0.1,
      priorityBoost: 0,
    });
    const far = items.find((i) => i.person?.id === someFar.id)!;
    const km = haversineKm(
      coords[MILANO]!.lat,
      coords[MILANO]!.lon,
      coords[BERGAMO]!.lat,
      coords[BERGAMO]!.lon,
    );
    expect(far.distanceKm).toBeCloseTo(km, 1);
    expect(far.matchedEssentialSkills.map((s) => s.id)).toEqual(half);
    expect(far.missingEssentialSkills.map((s) => s.id)).toEqual(
      occ.essential.filter((s) => !half.includes(s)),
    );
    expect(far.parts.distance).toBeCloseTo(0.1 * (1 - km / 80), 5);
    for (const i of items) {
      const sum = Object.values(i.parts).reduce((a, b) => a + b, 0);
      expect(i.score).toBeCloseTo(sum, 5);
    }
    // Sorted by score, and the person nobody can see comes anonymised.
    expect(items.map((i) => i.score)).toEqual([...items.map((i) => i.score)].sort((a, b) => b - a));
    const anon = items.filter((i) => i.person === null);
    expect(anon).toHaveLength(1);
    expect(anon[0]!.candidateRef).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(anon[0])).not.toContain(elsewhere.id);

    // The company sees its candidates anonymised only (it holds no access to these people).
    const forCompany = await matches(company.staff, v.id);
    expect(forCompany.map((i) => i.candidateRef)).toEqual(items.map((i) => i.candidateRef));
    expect(forCompany.every((i) => i.person === null)).toBe(true);

    // Other companies and citizens: 404 (the vacancy is not theirs to see).
    const otherCo = await makeOrganization(t.database.db, { type: 'company' });
    const otherStaff = await makeUser(t.database.db, 'company_staff', otherCo.id);
    expect((await call(otherStaff, 'GET', `/api/vacancies/${v.id}/matches`)).statusCode).toBe(404);
    // Identities shown are audited.
    const [audited] = await t.database.query<{ details: { personIds: string[] } }>(
      `select details from audit_log where action = 'matching.candidates_read' and entity_id = $1 limit 1`,
      [v.id],
    );
    expect(audited!.details.personIds).toContain(all.id);

    // Vacancies for a person: only with access to the person.
    const forPerson = await call(operator.user, 'GET', `/api/people/${all.id}/matches`);
    expect(forPerson.statusCode, forPerson.body).toBe(200);
    expect(forPerson.json().items.map((i: { vacancy: { id: string } }) => i.vacancy.id)).toContain(v.id);
    expect((await call(otherStaff, 'GET', `/api/people/${all.id}/matches`)).statusCode).toBe(404);
    // Not open any more: no candidates, and the vacancy leaves people's rankings.
    await call(company.staff, 'PATCH', `/api/vacancies/${v.id}`, { version: v.version, status: 'closed' });
    expect(await matches(operator.user, v.id)).toEqual([]);
    const after = (await call(operator.user, 'GET', `/api/people/${all.id}/matches`)).json();
    expect(after.items.map((i: { vacancy: { id: string } }) => i.vacancy.id)).not.toContain(v.id);
  });

  it('a change committed through one app instance shows in another instance within 2 seconds', async () => {
    const second = await buildApp({
      database: t.database,
      config: loadConfig({ TRAMA_DEMO: '0' }),
      webDist: null,
    });
    await second.ready();
    try {
      const p = await person({ consent: false, skills: occ.essential });
      const v = await openVacancy();
      // Old enough that reads do not refresh on their own: only the poller can bring the change.
      await t.database.query(`update vacancies set updated_at = now() - interval '1 minute' where id = $1`, [
        v.id,
      ]);
      expect((await matches(operator.user, v.id, second)).map((i) => i.person?.id)).not.toContain(p.id);
      // Consent given through the first instance.
      const given = await call(operator.user, 'POST', `/api/people/${p.id}/consents`, {
        purpose: 'company_matching',
        given: true,
      });
      expect(given.statusCode, given.body).toBe(200);
      const t0 = Date.now();
      let seen = false;
      while (Date.now() - t0 < 2000 && !seen) {
        seen = (await matches(operator.user, v.id, second)).some((i) => i.person?.id === p.id);
        if (!seen) await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen, `visible after ${Date.now() - t0} ms`).toBe(true);
      // Withdrawn: gone again within 2 s.
      await call(operator.user, 'POST', `/api/people/${p.id}/consents`, {
        purpose: 'company_matching',
        given: false,
      });
      const t1 = Date.now();
      let gone = false;
      while (Date.now() - t1 < 2000 && !gone) {
        gone = !(await matches(operator.user, v.id, second)).some((i) => i.person?.id === p.id);
        if (!gone) await new Promise((r) => setTimeout(r, 100));
      }
      expect(gone).toBe(true);

      // A full rebuild (off the event loop on PostgreSQL: a worker thread with its own connection) is
      // caught up and swapped in; the ranking stays the same.
      const before = (await matches(operator.user, v.id, second)).map((i) => i.candidateRef);
      const builds = second.matching.builds;
      await second.matching.rebuild();
      expect(second.matching.builds).toBe(builds + 1);
      expect(second.matching.lastBuild.where).toBe(t.database.kind === 'postgres' ? 'worker' : 'thread');
      expect((await matches(operator.user, v.id, second)).map((i) => i.candidateRef)).toEqual(before);
    } finally {
      await second.close();
    }
  });
});

describe('engine == SQL reference', () => {
  it('gives the same exact top k as one SQL query, on random people and vacancies', async () => {
    // Deterministic pseudo-random data around the occupation's skills.
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const pool = [...occ.essential, ...occ.optional];
    const munis = (
      await t.database.query<{ code: string }>(
        `select code from ref_municipalities where region_code = '03' and lat is not null order by code limit 40`,
      )
    ).map((m) => m.code);
    for (let i = 0; i < 60; i++) {
      const skills = pool.filter(() => rnd() < 0.35);
      await person({
        skills,
        municipality: pick(munis),
        radius: pick([0, 5, 20, 50, null]),
        education: 1 + Math.floor(rnd() * 8),
        consent: rnd() < 0.8,
        status: pick(['unemployed', 'underemployed', 'employed'] as const),
        italian: pick(['A2', 'B1', 'C1', null]),
        occupationId: rnd() < 0.3 ? occ.id : rnd() < 0.5 ? sibling : null,
        priority: rnd() < 0.3,
        orgId: rnd() < 0.5 ? operator.org.id : null,
      });
    }
    const vacancyIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const v = await openVacancy({
        municipalityCode: pick(munis),
        workMode: i === 5 ? 'remote' : 'onsite',
        educationMandatory: i % 2 === 0,
        languages: i % 3 === 0 ? [] : [{ language: 'it', minLevel: 'B1', mandatory: true }],
        countsTowardsPledge: i % 2 === 1,
        essentialSkillIds: occ.essential.filter(() => rnd() < 0.7),
        optionalSkillIds: occ.optional.filter(() => rnd() < 0.7),
      });
      vacancyIds.push(v.id);
    }
    // Two engines: appended one record at a time (the incremental path) and bulk-built (the index the
    // service builds, from its columnar loader); both must equal the SQL reference.
    const incremental = new MatchingEngine();
    for (const r of await t.database.query(peopleSource()))
      incremental.upsertPerson(String(r.id), personInput(r as never));
    for (const r of await t.database.query(vacanciesSource(MATCHABLE_VACANCY)))
      incremental.upsertVacancy(String(r.id), vacancyInput(r as never));
    const bulk = MatchingEngine.fromIndex(buildIndex(await readColumns(t.database.query.bind(t.database))));
    const engine = incremental;

    let compared = 0;
    for (const id of vacancyIds) {
      const [v] = await t.database.query(vacanciesSource('v.id = $1'), [id]);
      const vi = vacancyInput(v as never);
      for (const k of [3, 10, 50]) {
        const sqlTop = await t.database.query<{ id: string; score: number }>(
          vacancyRankingSql(`(${peopleSource()})`),
          vacancyQueryArgs({
            essential: [...vi.essential],
            optional: [...vi.optional],
            occupationId: vi.occupationId,
            isco4: vi.iscoGroup ? Number(vi.iscoGroup) : null,
            lat: vi.lat,
            lon: vi.lon,
            remote: vi.remote,
            educationRequired: vi.educationMandatory ? (vi.educationLevel ?? 0) : 0,
            pledged: vi.pledged,
            languages: vi.mandatoryLanguages.map(
              (l) => `${l.language}:${{ A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, native: 7 }[l.minLevel]}`,
            ),
            k,
          }),
        );
        for (const e of [incremental, bulk]) {
          const mine = e.topPeople(e.vacancySlotOf(id)!, k);
          expect(mine.map((h) => h.id)).toEqual(sqlTop.map((r) => r.id));
          expect(mine.map((h) => h.score)).toEqual(sqlTop.map((r) => Number(r.score)));
        }
        compared += sqlTop.length;
      }
    }
    expect(compared).toBeGreaterThan(20);

    // People -> vacancies: the pruned ranking equals scoring every vacancy.
    let personHits = 0;
    for (let slot = 0; slot < engine.personSlots; slot++) {
      if (!engine.pAlive[slot]) continue;
      const id = engine.personId(slot);
      const brute: { id: string; score: number }[] = [];
      for (let v = 0; v < engine.vacancySlots; v++) {
        const score = engine.scorePair(slot, v);
        if (score !== null) brute.push({ id: engine.vacancyId(v), score });
      }
      brute.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      for (const k of [1, 3, 10]) {
        const expected = brute.slice(0, k).map((h) => `${h.id}:${h.score}`);
        expect(
          engine.topVacancies(slot, k).map((h) => `${h.id}:${h.score}`),
          id,
        ).toEqual(expected);
        const bs = bulk.personSlotOf(id)!;
        expect(
          bulk.topVacancies(bs, k).map((h) => `${h.id}:${h.score}`),
          id,
        ).toEqual(expected);
      }
      personHits += Math.min(brute.length, 10);
    }
    expect(personHits).toBeGreaterThan(50);
  });
});

describe('identities in matches', () => {
  it('a referral partner that sees only some sections of a record gets the candidate anonymised', async () => {
    const p = await person({ skills: occ.essential, occupationId: occ.id });
    await giveConsents(t.database.db, p.id, ['network_sharing']);
    const partnerOrg = await makeOrganization(t.database.db);
    const partner = await makeUser(t.database.db, 'operator_staff', partnerOrg.id);
    await grantPersonAccess(t.database.db, {
      personId: p.id,
      organizationId: partnerOrg.id,
      reason: 'referral',
      sharedSections: ['skills'],
    });
    const v = await openVacancy();
    // The owner sees who it is; the partner (no identity, residence or education shared) does not.
    expect((await matches(operator.user, v.id)).map((i) => i.person?.id)).toContain(p.id);
    const res = await call(partner, 'GET', `/api/vacancies/${v.id}/matches?limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(p.id);
    expect(res.body).not.toContain(p.lastName);
    expect(res.json().items.every((i: Item) => i.person === null)).toBe(true);
  });
});

describe('archived companies', () => {
  it("an archived company's open vacancies leave the matching results, both ways", async () => {
    const p = await person({ skills: occ.essential, occupationId: occ.id });
    const org = await makeOrganization(t.database.db, { type: 'company' });
    const staff = await makeUser(t.database.db, 'company_staff', org.id);
    const res = await call(staff, 'POST', '/api/vacancies', {
      title: 'Posizione di una ditta che chiude',
      occupationId: occ.id,
      municipalityCode: MILANO,
      contractType: 'permanent',
      status: 'open',
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json() as { id: string };
    const vacancyIds = async () =>
      (await call(operator.user, 'GET', `/api/people/${p.id}/matches?limit=200`))
        .json()
        .items.map((i: { vacancy: { id: string } }) => i.vacancy.id);
    expect((await matches(operator.user, v.id)).map((i) => i.person?.id)).toContain(p.id);
    expect(await vacancyIds()).toContain(v.id);

    await t.database.query(
      `update organizations set status = 'archived', archived_at = now() where id = $1`,
      [org.id],
    );
    expect(await matches(operator.user, v.id)).toEqual([]);
    expect(await vacancyIds()).not.toContain(v.id);
  });

  it("the engine does not load an archived company's vacancies, so they take no place in a person's top results", async () => {
    const p = await person({
      skills: [...occ.essential, ...occ.optional],
      occupationId: occ.id,
      priority: true,
    });
    const org = await makeOrganization(t.database.db, { type: 'company' });
    const staff = await makeUser(t.database.db, 'company_staff', org.id);
    // The best vacancy for this person: every skill, remote, counting towards a pledge.
    const res = await call(staff, 'POST', '/api/vacancies', {
      title: 'Posizione migliore, ditta che chiude',
      occupationId: occ.id,
      municipalityCode: MILANO,
      workMode: 'remote',
      contractType: 'permanent',
      countsTowardsPledge: true,
      status: 'open',
    });
    expect(res.statusCode, res.body).toBe(201);
    const best = res.json() as { id: string };
    // At least one vacancy ranks below it (same occupation, no skills asked).
    await openVacancy({ essentialSkillIds: [], optionalSkillIds: [], languages: [] });
    const ranked = async (limit: number) => {
      const r = await call(operator.user, 'GET', `/api/people/${p.id}/matches?limit=${limit}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().items.map((i: { vacancy: { id: string } }) => i.vacancy.id) as string[];
    };
    // Start from a full build: the test above archives a company behind the engine's back (no
    // organizations.updated_at change), whose vacancy only a build drops.
    await t.app.matching.rebuild();
    const all = await ranked(200);
    const rank = all.indexOf(best.id) + 1;
    expect(rank).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(rank);
    const engineHolds = async () =>
      (await t.app.matching.current(new Date())).vacancySlotOf(best.id) !== undefined;
    expect(await engineHolds()).toBe(true);

    // Archived (through the API): the next refresh drops it, and so does a full build.
    const archived = await call(staff, 'POST', `/api/organizations/${org.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(await engineHolds()).toBe(false);
    // The person's top `rank` results are still `rank` vacancies, none of them the archived one.
    const top = await ranked(rank);
    expect(top).toHaveLength(rank);
    expect(top).not.toContain(best.id);
    await t.app.matching.rebuild();
    expect(await engineHolds()).toBe(false);
    expect(await ranked(rank)).toHaveLength(rank);

    // Restored: back in the engine and in the person's results.
    const admin = await makeUser(t.database.db, 'platform_admin', null);
    expect((await call(admin, 'POST', `/api/organizations/${org.id}/restore`)).statusCode).toBe(200);
    expect(await engineHolds()).toBe(true);
    expect(await ranked(200)).toContain(best.id);
  });
});
