import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  ColumnsBuilder,
  MatchingEngine,
  type PersonInput,
  type VacancyInput,
} from './matching.engine';
import { buildInWorker } from './matching.worker';

// Municipalities a few to ~60 km apart (Milan area and beyond), so mobility radii cut both ways.
const MUNIS = [
  { code: 'A', lat: 45.4642, lon: 9.19 },
  { code: 'B', lat: 45.6983, lon: 9.6773 },
  { code: 'C', lat: 45.5845, lon: 9.2744 },
  { code: 'D', lat: 45.8081, lon: 9.0852 },
  { code: 'E', lat: 45.1847, lon: 9.1582 },
  { code: 'F', lat: null, lon: null }, // no coordinates
];
const ISCO = ['2511', '2512', '2521', '3512', '7411'];

const person = fc.record({
  id: fc.uuid(),
  muni: fc.integer({ min: -1, max: MUNIS.length - 1 }),
  radiusKm: fc.constantFrom(0, 5, 10, 20, 30, 50, 80, null),
  educationLevel: fc.option(fc.integer({ min: 1, max: 8 })),
  occ: fc.option(fc.integer({ min: 0, max: 7 })),
  consent: fc.boolean(),
  available: fc.boolean(),
  priority: fc.boolean(),
  skills: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 6 }),
  italian: fc.option(fc.constantFrom('A2', 'B1', 'B2', 'native')),
  english: fc.option(fc.constantFrom('A2', 'B2', 'C1')),
});
const vacancy = fc.record({
  id: fc.uuid(),
  muni: fc.integer({ min: 0, max: MUNIS.length - 1 }),
  remote: fc.boolean(),
  educationLevel: fc.option(fc.integer({ min: 1, max: 8 })),
  educationMandatory: fc.boolean(),
  occ: fc.integer({ min: 0, max: 7 }),
  pledged: fc.boolean(),
  essential: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 6 }),
  optional: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 4 }),
  langs: fc.subarray([
    { language: 'it', minLevel: 'B1' },
    { language: 'en', minLevel: 'B2' },
    { language: 'de', minLevel: 'A2' },
  ]),
});
type P = typeof person extends fc.Arbitrary<infer T> ? T : never;
type V = typeof vacancy extends fc.Arbitrary<infer T> ? T : never;

// Occupation i belongs to ISCO unit group ISCO[i % 5] (so siblings share unit and minor groups).
const toPerson = (p: P): PersonInput => {
  const m = p.muni >= 0 ? MUNIS[p.muni]! : null;
  return {
    id: p.id,
    municipalityCode: m?.code ?? null,
    lat: m?.lat ?? null,
    lon: m?.lon ?? null,
    radiusKm: p.radiusKm,
    educationLevel: p.educationLevel,
    occupationId: p.occ,
    iscoGroup: p.occ === null ? null : ISCO[p.occ % ISCO.length]!,
    consent: p.consent,
    available: p.available,
    priority: p.priority,
    skills: p.skills,
    languages: [
      ...(p.italian ? [{ language: 'it', level: p.italian }] : []),
      ...(p.english ? [{ language: 'en', level: p.english }] : []),
    ],
  };
};
const toVacancy = (v: V): VacancyInput => {
  const m = MUNIS[v.muni]!;
  return {
    id: v.id,
    municipalityCode: m.code,
    lat: m.lat,
    lon: m.lon,
    remote: v.remote,
    educationLevel: v.educationLevel,
    educationMandatory: v.educationMandatory,
    occupationId: v.occ,
    iscoGroup: ISCO[v.occ % ISCO.length]!,
    pledged: v.pledged,
    essential: v.essential,
    optional: v.optional,
    mandatoryLanguages: v.langs,
  };
};

/** Brute force: every live person scored (consent, availability and the vacancy's filters). */
function brutePeople(e: MatchingEngine, vSlot: number, k: number) {
  const out: string[] = [];
  const all: { id: string; score: number }[] = [];
  for (let p = 0; p < e.personSlots; p++) {
    const s = e.scorePersonForVacancy(p, vSlot);
    if (s !== null) all.push({ id: e.personId(p), score: s });
  }
  all.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  for (const h of all.slice(0, k)) out.push(`${h.id}:${h.score}`);
  return out;
}
function bruteVacancies(e: MatchingEngine, pSlot: number, k: number) {
  const all: { id: string; score: number }[] = [];
  for (let v = 0; v < e.vacancySlots; v++) {
    const s = e.scorePair(pSlot, v);
    if (s !== null) all.push({ id: e.vacancyId(v), score: s });
  }
  all.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return all.slice(0, k).map((h) => `${h.id}:${h.score}`);
}

function checkExact(e: MatchingEngine, k: number) {
  for (let v = 0; v < e.vacancySlots; v++) {
    if (!e.vAlive[v]) continue;
    const got = e.topPeople(v, k).map((h) => `${h.id}:${h.score}`);
    expect(got).toEqual(brutePeople(e, v, k));
  }
  for (let p = 0; p < e.personSlots; p++) {
    if (!e.pAlive[p]) continue;
    const got = e.topVacancies(p, k).map((h) => `${h.id}:${h.score}`);
    expect(got).toEqual(bruteVacancies(e, p, k));
  }
}

const uniqueById = <T extends { id: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];

describe('matching engine: pruned top k == brute force', () => {
  it('bulk-built, incremental, and bulk-built then changed engines rank exactly', () => {
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 250 }),
        fc.array(vacancy, { minLength: 1, maxLength: 25 }),
        fc.array(person, { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        (ps, vs, changed, k) => {
          const people = uniqueById(ps).map(toPerson);
          const vacancies = uniqueById(vs).map(toVacancy);
          const bulk = MatchingEngine.build(people, vacancies);
          checkExact(bulk, k);
          const inc = new MatchingEngine();
          for (const p of people) inc.upsertPerson(p.id, p);
          for (const v of vacancies) inc.upsertVacancy(v.id, v);
          checkExact(inc, k);
          // Changes on top of the bulk index: some people replaced (same id), some removed, a vacancy closed.
          changed.forEach((c, i) => {
            const target = people[i % people.length]!;
            if (i % 4 === 3) bulk.upsertPerson(target.id, null);
            else bulk.upsertPerson(target.id, toPerson({ ...c, id: target.id }));
          });
          if (vacancies.length > 1) bulk.upsertVacancy(vacancies[0]!.id, null);
          checkExact(bulk, k);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('stays exact when skill signatures collide (many skills per person)', () => {
    // 128-bit skill signatures: with up to 40 of ~200 skills per person, bits collide (the bound is
    // loose, and a bit of a processed term may be one of a remaining term too) while it still prunes.
    // More than 22 skills, or a skill id above 65,535, keeps a person's skills out of the candidate
    // record (read from the pool instead): both ways are scored here.
    const skill = fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: 1, max: 200 }) },
      { weight: 1, arbitrary: fc.integer({ min: 70_000, max: 70_005 }) },
    );
    const many = fc.array(skill, { maxLength: 40 });
    const few = fc.array(skill, { maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 200 }),
        fc.array(many, { minLength: 200, maxLength: 200 }),
        fc.array(vacancy, { minLength: 1, maxLength: 15 }),
        fc.array(fc.tuple(few, few), { minLength: 15, maxLength: 15 }),
        fc.integer({ min: 1, max: 8 }),
        (ps, skills, vs, vskills, k) => {
          const people = uniqueById(ps).map((p, i) =>
            toPerson({ ...p, skills: skills[i]!, consent: true, available: i % 8 !== 0 }),
          );
          const vacancies = uniqueById(vs).map((v, i) =>
            toVacancy({ ...v, essential: vskills[i]![0], optional: vskills[i]![1] }),
          );
          checkExact(MatchingEngine.build(people, vacancies), k);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('breaks ties by id, and many equal scores still give the exact top k', () => {
    // 300 identical people (same skills, place, radius): only the ids tell them apart.
    const people: PersonInput[] = Array.from({ length: 300 }, (_, i) => ({
      ...toPerson({
        id: '',
        muni: 0,
        radiusKm: 30,
        educationLevel: 5,
        occ: 1,
        consent: true,
        available: true,
        priority: i % 2 === 0,
        skills: [1, 2, 3],
        italian: 'native',
        english: null,
      }),
      id: `${((i * 7919) % 0xfffff).toString(16).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    const v = toVacancy({
      id: 'ffffffff-0000-4000-8000-000000000001',
      muni: 0,
      remote: false,
      educationLevel: null,
      educationMandatory: false,
      occ: 1,
      pledged: true,
      essential: [1, 2, 3, 4],
      optional: [5],
      langs: [],
    });
    const e = MatchingEngine.build(people, [v]);
    for (const k of [1, 10, 50]) {
      const got = e.topPeople(0, k).map((h) => `${h.id}:${h.score}`);
      expect(got).toEqual(brutePeople(e, 0, k));
    }
  });

  it('the start-up warm-up (a private synthetic engine) runs and leaves every ranking unchanged', () => {
    // fromIndex runs it for the first engine of at least 10,000 people; the smaller engines of the
    // other tests never do, so it is run here, between two rankings of the same engine.
    const [ps, vs] = fc.sample(
      fc.tuple(
        fc.array(person, { minLength: 50, maxLength: 50 }),
        fc.array(vacancy, { minLength: 8, maxLength: 8 }),
      ),
      { numRuns: 1, seed: 7 },
    )[0]!;
    const e = MatchingEngine.build(uniqueById(ps).map(toPerson), uniqueById(vs).map(toVacancy));
    const rank = () => [
      ...Array.from({ length: e.vacancySlots }, (_, v) =>
        e.topPeople(v, 10).map((h) => `${h.id}:${h.score}`),
      ),
      ...Array.from({ length: e.personSlots }, (_, p) =>
        e.topVacancies(p, 10).map((h) => `${h.id}:${h.score}`),
      ),
    ];
    const before = rank();
    expect(before.some((r) => r.length > 0)).toBe(true);
    MatchingEngine.warmSynthetic();
    expect(rank()).toEqual(before);
    checkExact(e, 10);
  });

  it('builds the same index in a worker thread (transferred buffers)', async () => {
    const sample = fc.sample(
      fc.tuple(
        fc.array(person, { minLength: 200, maxLength: 200 }),
        fc.array(vacancy, { minLength: 30, maxLength: 30 }),
      ),
      { numRuns: 1, seed: 7 },
    )[0]!;
    const people = uniqueById(sample[0]).map(toPerson);
    const vacancies = uniqueById(sample[1]).map(toVacancy);
    const b = new ColumnsBuilder();
    people.forEach((p) => b.addPerson(p));
    vacancies.forEach((v) => b.addVacancy(v));
    const raw = b.finish();
    const local = MatchingEngine.fromIndex(buildIndex(structuredClone(raw)));
    const { index } = await buildInWorker({ kind: 'raw', raw });
    expect(raw.people.ids.byteLength).toBe(0); // transferred, not copied
    const remote = MatchingEngine.fromIndex(index);
    for (let v = 0; v < local.vacancySlots; v++)
      expect(remote.topPeople(v, 20)).toEqual(local.topPeople(v, 20));
    for (let p = 0; p < local.personSlots; p++)
      expect(remote.topVacancies(p, 20)).toEqual(local.topVacancies(p, 20));
    checkExact(remote, 20);
  });
});
