import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { DEMO_PASSWORD, seedDemoIfEmpty } from './demo-data';
import { seedDemoMarket } from './demo-market';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoIfEmpty(t.database);
}, 120_000);
afterAll(async () => t?.close());

async function signIn(email: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('demo market', () => {
  it('publishes open vacancies across Lombardy with ESCO skills, and pledges; loads once', async () => {
    const operator = await signIn('operatore@demo.trama.it');
    const list = (await operator('/api/vacancies?status=open&limit=50')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(12);
    const provinces = await t.database.query<{ n: number }>(
      `select count(distinct m.province_code)::int as n from vacancies v
         join ref_municipalities m on m.code = v.municipality_code where v.status = 'open'`,
    );
    expect(provinces[0]!.n).toBeGreaterThanOrEqual(8);
    const cnc = list.items.find((v: { occupationLabel: string }) => /CNC/.test(v.occupationLabel));
    expect(cnc).toBeTruthy();
    const detail = (await operator(`/api/vacancies/${cnc.id}`)).json();
    expect(detail.essentialSkills.length).toBeGreaterThan(0);

    const regional = await signIn('regione@demo.trama.it');
    const board = (await regional('/api/pledges')).json();
    expect(board.items.length).toBeGreaterThanOrEqual(3);

    expect(await seedDemoMarket(t.database)).toBe(false);
    const again = (await operator('/api/vacancies?status=open&limit=50')).json();
    expect(again.items.length).toBe(list.items.length);
  });

  it('matches demo people who consented: the CNC vacancy ranks Marco Colombo, explained', async () => {
    const operator = await signIn('operatore@demo.trama.it');
    const list = (await operator('/api/vacancies?q=CNC&status=open')).json();
    const res = await operator(`/api/vacancies/${list.items[0].id}/matches`);
    expect(res.statusCode, res.body).toBe(200);
    const matches = res.json();
    const marco = matches.items.find(
      (m: { person: { lastName: string } | null }) => m.person?.lastName === 'Colombo',
    );
    expect(marco).toBeTruthy();
    expect(marco.matchedEssentialSkills.length).toBeGreaterThan(0);
    expect(marco.distanceKm).toBeGreaterThan(0);
    expect(marco.occupationCloseness).toBe('same_occupation');

    // Most open vacancies have at least one candidate; the company has candidatures received.
    let withCandidates = 0;
    for (const v of (await operator('/api/vacancies?status=open&limit=50')).json().items)
      if ((await operator(`/api/vacancies/${v.id}/matches?limit=5`)).json().items.length) withCandidates++;
    expect(withCandidates).toBeGreaterThanOrEqual(7);
    const company = await signIn('azienda@demo.trama.it');
    const received = (await company('/api/candidatures')).json();
    expect(received.items.map((c: { state: string }) => c.state)).toContain('screening');
  });
});
