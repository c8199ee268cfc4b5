import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makeUser, type TestUser } from '../../test/factories';
import { loadReferenceData } from './index';
import { assignIds } from './reference.loader';
import { parseCsv } from './reference.sources';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await makeUser(t.database.db, 'citizen', null);
});
afterAll(async () => t.close());

const get = (url: string, cookie: string | null = user.cookie) =>
  t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const items = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Record<string, unknown>[];
};
const one = async <T = number>(sqlText: string, params: unknown[] = []) =>
  Object.values((await t.database.query(sqlText, params))[0]!)[0] as T;

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
const counts = async () =>
  Object.fromEntries(
    (
      await t.database.query<{ t: string; n: number }>(
        TABLES.map((x) => `SELECT '${x}' AS t, count(*)::int AS n FROM ${x}`).join(' UNION ALL '),
      )
    ).map((r) => [r.t, r.n]),
  );

describe('reference data loader', () => {
  it('loaded every code list with its classification version', async () => {
    const c = await counts();
    expect(c).toMatchObject({
      ref_regions: 20,
      ref_provinces: 107,
      ref_municipalities: 7896,
      ref_ateco: 3257 + 3157,
      ref_professions: 1502,
      ref_isco_groups: 619,
      ref_occupations: 3039,
    });
    expect(c.ref_skills).toBeGreaterThan(13_000);
    expect(c.ref_occupation_skills).toBeGreaterThan(120_000);
    expect(await one(`SELECT count(*)::int FROM ref_municipalities WHERE region_code = '03'`)).toBe(1502);
    expect(await one(`SELECT count(*)::int FROM ref_provinces WHERE region_code = '03'`)).toBe(12);
    expect(await one(`SELECT count(*)::int FROM ref_professions WHERE level = 5`)).toBe(813);
    const levels = await t.database.query<{ level: number; n: number }>(
      `SELECT level::int, count(*)::int AS n FROM ref_ateco WHERE version = '2025' GROUP BY level ORDER BY level`,
    );
    expect(levels.map((l) => l.n)).toEqual([22, 87, 287, 651, 920, 1290]);
    const versions = await t.database.query<{ scheme: string; version: string }>(
      'SELECT scheme, version FROM ref_classifications ORDER BY scheme, version',
    );
    expect(versions).toEqual([
      { scheme: 'ateco', version: '2007' },
      { scheme: 'ateco', version: '2025' },
      { scheme: 'cp2021', version: 'CP2021' },
      { scheme: 'esco', version: 'v1.2.0' },
      { scheme: 'istat_territory', version: '2025' },
    ]);
    // Relations come only from resolved skill URIs; the unresolved ones are counted, not guessed.
    const notes = await one<string>(`SELECT notes FROM ref_classifications WHERE scheme = 'esco'`);
    expect(notes).toMatch(/4,771 without a resolved skill URI/);
  });

  it('is idempotent: a second run loads nothing and changes nothing', async () => {
    const before = await counts();
    const loadedAt = await t.database.query('SELECT scheme, version, loaded_at FROM ref_classifications');
    expect(await loadReferenceData(t.database)).toBeNull();
    expect(await counts()).toEqual(before);
    expect(await t.database.query('SELECT scheme, version, loaded_at FROM ref_classifications')).toEqual(
      loadedAt,
    );
  });

  it('reloads only a changed scheme, once, even when two instances start together', async () => {
    const before = await counts();
    await t.database.query(`UPDATE ref_classifications SET checksum = 'stale' WHERE scheme = 'cp2021'`);
    const results = await Promise.all([loadReferenceData(t.database), loadReferenceData(t.database)]);
    const loaded = results.filter((r) => r !== null);
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatch(/CP2021/);
    expect(loaded[0]).not.toMatch(/ATECO|ESCO|territory/);
    expect(await counts()).toEqual(before);
    expect(await loadReferenceData(t.database)).toBeNull();
  });

  it('keeps rows gone from the source while other records still reference them, and hides them', async () => {
    // Two municipalities of an older edition; an organisation still has its seat in one of them.
    await t.database.query(
      `INSERT INTO ref_municipalities (code, name, cadastral_code, province_code, region_code, name_search, search_text, version)
       VALUES ('999998', 'Comune Soppresso Uno', 'Z998', '215', '03', 'comune soppresso uno', 'comune soppresso uno 999998', '2024'),
              ('999999', 'Comune Soppresso Due', 'Z999', '215', '03', 'comune soppresso due', 'comune soppresso due 999999', '2024')`,
    );
    await makeOrganization(t.database.db, { legalSeatMunicipalityCode: '999999' });
    await t.database.query(
      `UPDATE ref_classifications SET checksum = 'stale' WHERE scheme = 'istat_territory'`,
    );

    expect(await loadReferenceData(t.database)).toMatch(/ISTAT territory/);
    const left = await t.database.query<{ code: string }>(
      `SELECT code FROM ref_municipalities WHERE code IN ('999998', '999999')`,
    );
    expect(left).toEqual([{ code: '999999' }]);
    expect(
      await one<string>(`SELECT notes FROM ref_classifications WHERE scheme = 'istat_territory'`),
    ).toMatch(/1 obsolete municipalities kept because still referenced/);
    expect(await items('/api/reference/places?q=comune%20soppresso')).toEqual([]);
    expect((await get('/api/reference/places/999999')).statusCode).toBe(200); // still readable by code
  });

  it('keeps ESCO ids across reloads and numbers new concepts after them, in URI order', () => {
    const existing = new Map([
      ['u:b', 5],
      ['u:d', 2],
    ]);
    const out = assignIds([{ uri: 'u:d' }, { uri: 'u:c' }, { uri: 'u:a' }, { uri: 'u:b' }], existing);
    expect(out.map((r) => [r.uri, r.id])).toEqual([
      ['u:a', 6],
      ['u:b', 5],
      ['u:c', 7],
      ['u:d', 2],
    ]);
  });

  it('parses quoted CSV fields with commas, quotes and line breaks', () => {
    const rows = parseCsv('\ufeffa,b,c\r\n1,"x, ""y""\nz",\n"",2,3\n');
    expect(rows).toEqual([
      { a: '1', b: 'x, "y"\nz', c: '' },
      { a: '', b: '2', c: '3' },
    ]);
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/fields/);
  });
});

describe('GET /api/reference/places', () => {
  it('ranks the exact name first: q=milano gives Milano with province, region, NUTS and coordinates', async () => {
    const [first] = await items('/api/reference/places?q=milano');
    expect(first).toMatchObject({
      kind: 'municipality',
      code: '015146',
      name: 'Milano',
      provinceCode: '215',
      provinceAbbreviation: 'MI',
      regionCode: '03',
      regionName: 'Lombardia',
      nuts: 'ITC4C',
      version: '2025',
    });
    expect(first!.lat).toBeCloseTo(45.46, 1);
    expect(first!.lon).toBeCloseTo(9.19, 1);
  });

  it('is accent- and case-insensitive', async () => {
    expect((await items('/api/reference/places?q=FORLI'))[0]).toMatchObject({ name: 'Forlì' });
    expect((await items('/api/reference/places?q=cantu'))[0]).toMatchObject({ name: 'Cantù' });
    expect((await items('/api/reference/places?q=citta%20di%20castello'))[0]).toMatchObject({
      name: 'Città di Castello',
    });
    const citta = (await items('/api/reference/places?q=citta')).map((p) => p.name);
    expect(citta).toEqual(expect.arrayContaining(['Città di Castello', 'Città della Pieve']));
    expect((await items('/api/reference/places?q=CITT%C3%80%20DELLA'))[0]).toMatchObject({
      name: 'Città della Pieve',
    });
    // The other official language finds the Italian name.
    expect((await items('/api/reference/places?q=bozen'))[0]).toMatchObject({
      name: 'Bolzano',
      nameAlt: 'Bozen',
    });
  });

  it('finds near spellings after the exact matches (q=canta in Como finds Cantù)', async () => {
    const names = (await items('/api/reference/places?q=canta&province=CO')).map((p) => p.name);
    expect(names).toContain('Cantù');
  });

  it('ranks prefix matches before word and substring matches, province capitals first among equals', async () => {
    const names = (await items('/api/reference/places?q=mil&limit=10')).map((p) => p.name as string);
    expect(names[0]).toBe('Milano');
    expect(names.every((n) => /^mil/i.test(n))).toBe(true);
    const milanese = (await items('/api/reference/places?q=milan&limit=50')).map((p) => p.name as string);
    const firstWordMatch = milanese.findIndex((n) => !/^milan/i.test(n));
    expect(milanese.slice(0, firstWordMatch).every((n) => /^milan/i.test(n))).toBe(true);
    expect(milanese).toContain('San Donato Milanese');
  });

  it('filters by province and region, and lists provinces and regions', async () => {
    const inMi = await items('/api/reference/places?q=san&province=mi&limit=50');
    expect(inMi.length).toBeGreaterThan(5);
    expect(inMi.every((p) => p.provinceAbbreviation === 'MI')).toBe(true);
    const provinces = await items('/api/reference/places?kind=province&region=03&limit=50');
    expect(provinces.map((p) => p.provinceAbbreviation).sort()).toEqual(
      ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MB', 'MI', 'MN', 'PV', 'SO', 'VA'].sort(),
    );
    expect((await items('/api/reference/places?kind=region&q=lomb'))[0]).toMatchObject({
      code: '03',
      name: 'Lombardia',
      nuts: 'ITC4',
    });
  });

  it('returns one place by code, 404 problem for an unknown one', async () => {
    expect((await get('/api/reference/places/215')).json()).toMatchObject({
      kind: 'province',
      name: 'Milano',
    });
    expect((await get('/api/reference/places/03')).json()).toMatchObject({
      kind: 'region',
      name: 'Lombardia',
    });
    const missing = await get('/api/reference/places/000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().code).toBe('reference.place_not_found');
  });
});

describe('GET /api/reference/ateco', () => {
  it('finds 62.10 by code (also typed without dots) with its ATECO 2007 correspondence', async () => {
    const [first] = await items('/api/reference/ateco?q=62.10');
    expect(first).toMatchObject({
      code: '62.10',
      version: '2025',
      titleIt: 'Attività di programmazione informatica',
      titleEn: 'Computer programming activities',
      level: 4,
      parentCode: '62.1',
      correspondences: [
        {
          code: '62.01',
          title: "Produzione di software non connesso all'edizione",
          coverage: 'total',
          note: null,
        },
      ],
    });
    expect((await items('/api/reference/ateco?q=6210'))[0]).toMatchObject({ code: '62.10' });
  });

  it('maps an ATECO 2007 code to its 2025 codes, partial ones included', async () => {
    const [c] = await items('/api/reference/ateco?version=2007&q=47.62.10');
    expect(c).toMatchObject({ code: '47.62.10', version: '2007' });
    const codes = (c!.correspondences as { code: string; coverage: string }[]).map((x) => x.code);
    expect(codes).toContain('47.62.10');
    expect(codes.length).toBeGreaterThan(1);
  });

  it('searches titles accent-insensitively and filters by level', async () => {
    const sections = await items('/api/reference/ateco?q=attivita%20manifatturiere&level=1');
    expect(sections[0]).toMatchObject({ code: 'C', level: 1 });
    expect((await items('/api/reference/ateco?level=1&limit=50')).length).toBe(22);
  });
});

describe('GET /api/reference/occupations', () => {
  it('finds a software developer in Italian first, with an English fallback', async () => {
    const [it] = await items('/api/reference/occupations?q=sviluppatore%20software');
    expect(it).toMatchObject({
      label: 'sviluppatore di software/sviluppatrice di software',
      labelEn: 'software developer',
      code: '2512.4',
      iscoGroup: '2512',
      version: 'v1.2.0',
    });
    const [en] = await items('/api/reference/occupations?q=software%20developer&lang=en');
    expect(en).toMatchObject({ id: it!.id, label: 'software developer' });
    // No Italian label in ESCO v1.0.8: the English one stands in.
    const cloud = (await items('/api/reference/occupations?q=cloud%20software%20developer&lang=it')).find(
      (o) => o.labelEn === 'cloud software developer',
    );
    expect(cloud).toMatchObject({ labelIt: null, label: 'cloud software developer' });
  });

  it('returns an occupation with its essential and optional skills and its ISCO group', async () => {
    const [dev] = await items('/api/reference/occupations?q=software%20developer&lang=en&limit=1');
    const res = await get(`/api/reference/occupations/${dev!.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      label: 'sviluppatore di software/sviluppatrice di software',
      iscoGroup: '2512',
    });
    expect(d.iscoGroupLabel).toMatch(/software/i);
    expect(d.description).toBeTruthy();
    expect(d.essentialSkills.length).toBeGreaterThan(10);
    expect(d.optionalSkills.length).toBeGreaterThan(10);
    expect(d.essentialSkills.map((s: { label: string }) => s.label)).toContain('computer programming');
    const ids = [...d.essentialSkills, ...d.optionalSkills].map((s: { id: number }) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const en = (await get(`/api/reference/occupations/${dev!.id}?lang=en`)).json();
    expect(en).toMatchObject({ label: 'software developer', iscoGroupLabel: 'Software developers' });
    const missing = await get('/api/reference/occupations/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('reference.occupation_not_found');
  });
});

describe('GET /api/reference/skills and /professions', () => {
  it('finds skills by English label, with their type when ESCO gives it', async () => {
    const [python] = await items('/api/reference/skills?q=python');
    expect(python).toMatchObject({ labelEn: 'Python (computer programming)', skillType: 'knowledge' });
    const knowledge = await items('/api/reference/skills?q=manage&skillType=knowledge');
    expect(knowledge.every((s) => s.skillType === 'knowledge')).toBe(true);
  });

  it('finds CP2021 professions by name and by code', async () => {
    const [first] = await items('/api/reference/professions?q=analisti%20progettisti%20software&level=5');
    expect(first).toMatchObject({ code: '2.7.1.1.1', level: 5, version: 'CP2021' });
    expect((await items('/api/reference/professions?q=2.1.1.4'))[0]).toMatchObject({ code: '2.1.1.4' });
    const cuochi = await items('/api/reference/professions?q=cuochi&level=5');
    expect(cuochi.map((c) => c.name)).toContain('Cuochi in alberghi e ristoranti');
  });
});

describe('access and bad input', () => {
  const urls = [
    '/api/reference/places?q=milano',
    '/api/reference/places/015146',
    '/api/reference/ateco?q=62',
    '/api/reference/occupations?q=cuoco',
    '/api/reference/occupations/1',
    '/api/reference/skills?q=python',
    '/api/reference/professions?q=cuochi',
  ];

  it.each(urls)('401 problem+json without a session: %s', async (url) => {
    const res = await get(url, null);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('auth.unauthenticated');
  });

  it.each([
    '/api/reference/places?limit=0',
    '/api/reference/places?limit=9999',
    '/api/reference/places?kind=country',
    '/api/reference/places?province=Milano',
    '/api/reference/places/12345',
    '/api/reference/ateco?version=2002',
    '/api/reference/ateco?level=7',
    '/api/reference/occupations?lang=de',
    '/api/reference/occupations/abc',
    '/api/reference/occupations/0',
    '/api/reference/skills?limit=51',
    '/api/reference/professions?q=' + 'x'.repeat(101),
  ])('422 problem+json for %s', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('validation.failed');
  });

  it('treats punctuation-only or LIKE wildcard queries as text, never as patterns', async () => {
    expect(await items('/api/reference/places?q=%25%25')).toHaveLength(20); // "%%" = no text: browse
    expect(await items('/api/reference/places?q=_a_')).toBeInstanceOf(Array);
    const res = await get(`/api/reference/skills?q=${encodeURIComponent("'); drop table ref_skills; --")}`);
    expect(res.statusCode).toBe(200);
    expect(await one('SELECT count(*)::int FROM ref_skills')).toBeGreaterThan(13_000);
  });
});
