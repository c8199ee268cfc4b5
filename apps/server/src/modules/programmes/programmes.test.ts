import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makeUser, type TestUser } from '../../test/factories';
import { ensureIllustrativeProgrammes, ILLUSTRATIVE_PROGRAMMES } from './index';

let t: TestApp;
let officer: TestUser;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  const region = await makeOrganization(t.database.db, { type: 'regional_authority' });
  officer = await makeUser(t.database.db, 'regional_officer', region.id);
  const op = await makeOrganization(t.database.db);
  operator = await makeUser(t.database.db, 'operator_staff', op.id);
});
afterAll(async () => t.close());

const call = (u: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    ...(u ? { headers: { cookie: u.cookie } } : {}),
    ...(payload ? { payload } : {}),
  });

let n = 0;
const input = (over: object = {}) => ({
  ...ILLUSTRATIVE_PROGRAMMES[1]!,
  code: `PRG-${Date.now()}-${++n}`,
  ...over,
});

describe('programmes', () => {
  it('the illustrative demo programmes are seeded once and say they are illustrative', async () => {
    expect((await ensureIllustrativeProgrammes(t.database.db)).sort()).toEqual(['DUL-DEMO', 'GOL-LOM-DEMO']);
    expect(await ensureIllustrativeProgrammes(t.database.db)).toEqual([]);
    const list = (await call(operator, 'GET', '/api/programmes?status=active')).json();
    const gol = list.items.find((p: { code: string }) => p.code === 'GOL-LOM-DEMO');
    expect(gol).toMatchObject({ illustrative: true });
    const full = (await call(operator, 'GET', `/api/programmes/${gol.id}`)).json();
    expect(full.sourceNote).toMatch(/illustrativ/i);
    expect(
      full.bands.map((b: { band: number; durationMonths: number }) => [b.band, b.durationMonths]),
    ).toEqual([
      [1, 3],
      [2, 6],
      [3, 6],
    ]);
    expect(full.resultMinContractDays).toBe(180);
    expect(full.catalogue.every((l: { unitCostCents: number }) => Number.isInteger(l.unitCostCents))).toBe(
      true,
    );
    expect(full.currentRuleSet.version).toBe(1);
  });

  it('regional officers manage them; everybody signed in reads them', async () => {
    const denied = await call(operator, 'POST', '/api/programmes', input());
    expect(denied.statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/programmes')).statusCode).toBe(401);
    const created = await call(officer, 'POST', '/api/programmes', input({ minNoticeHours: 72 }));
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ minNoticeHours: 72, version: 1, illustrative: true });
    expect(p.catalogue).toHaveLength(5);
    const dup = await call(officer, 'POST', '/api/programmes', input({ code: p.code }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('programmes.code_taken');

    const patched = await call(officer, 'PATCH', `/api/programmes/${p.id}`, {
      version: 1,
      pactDeadlineDays: 45,
      bands: [...p.bands.slice(0, 3), { band: 4, name: 'Altro aiuto', capCents: 123_456, durationMonths: 6 }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ version: 2, pactDeadlineDays: 45 });
    const stale = await call(officer, 'PATCH', `/api/programmes/${p.id}`, {
      version: 1,
      pactDeadlineDays: 10,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('programmes.version_conflict');
    // Dropping a band that the rules use is refused.
    const dropping = await call(officer, 'PATCH', `/api/programmes/${p.id}`, {
      version: 2,
      bands: [p.bands[0]],
    });
    expect(dropping.json().code).toBe('programmes.band_not_defined');

    const line = await call(officer, 'POST', `/api/programmes/${p.id}/catalogue`, {
      code: 'lab-cv',
      name: 'Laboratorio curriculum',
      paymentMode: 'per_unit',
      unit: 'session',
      unitCostCents: 4_500,
      maxUnitsPerVoucher: 3,
    });
    expect(line.statusCode, line.body).toBe(201);
    expect(line.json().code).toBe('LAB-CV');
    const again = await call(officer, 'POST', `/api/programmes/${p.id}/catalogue`, {
      code: 'LAB-CV',
      name: 'Doppione',
      paymentMode: 'per_unit',
      unit: 'session',
      unitCostCents: 1,
      maxUnitsPerVoucher: 1,
    });
    expect(again.json().code).toBe('programmes.catalogue_code_taken');
    const off = await call(officer, 'PATCH', `/api/programmes/${p.id}/catalogue/${line.json().id}`, {
      active: false,
    });
    expect(off.json().active).toBe(false);
  });

  it('validates amounts as integer cents and the rules as data', async () => {
    const floaty = await call(officer, 'POST', '/api/programmes', {
      ...input(),
      bands: [{ band: 1, name: 'Bassa', capCents: 1000.5, durationMonths: 3 }],
    });
    expect(floaty.statusCode).toBe(422);
    expect(floaty.json().code).toBe('validation.failed');
    const badRules = await call(officer, 'POST', '/api/programmes', {
      ...input(),
      rules: { ...ILLUSTRATIVE_PROGRAMMES[1]!.rules, bandThresholds: [{ minScore: 0, band: 5 }] },
    });
    expect(badRules.statusCode).toBe(422);
    expect(badRules.json().errors.map((e: { code: string }) => e.code)).toContain('band_not_defined');
    const dupKeys = await call(officer, 'POST', '/api/programmes', {
      ...input(),
      rules: {
        ...ILLUSTRATIVE_PROGRAMMES[1]!.rules,
        factors: [ILLUSTRATIVE_PROGRAMMES[1]!.rules.factors[0], ILLUSTRATIVE_PROGRAMMES[1]!.rules.factors[0]],
      },
    });
    expect(dupKeys.json().errors.map((e: { code: string }) => e.code)).toContain('rule_key_duplicate');
    expect((await call(officer, 'GET', `/api/programmes/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await call(officer, 'GET', '/api/programmes/not-a-uuid')).statusCode).toBe(422);
  });
});
