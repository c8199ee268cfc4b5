import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiHome } from '@trama/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makeUser, type TestUser } from '../../test/factories';
import {
  api,
  issueVoucher,
  makeOperator,
  readyPathway,
  takeInCharge,
  makeClient,
  today,
} from '../pathways/pathways.test-helpers';
import { makeProgramme } from '../../test/factories';

// Own database copy: the network-wide figures are exact.
let t: TestApp;
let call: ReturnType<typeof api>;
beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
});
afterAll(async () => t.close());

const figures = async (u: TestUser, section: string) => {
  const home = (await call(u, 'GET', '/api/kpi/home')).json() as KpiHome;
  const s = home.sections.find((x) => x.key === section);
  return s ? Object.fromEntries(s.figures.map((f) => [f.key.split('.')[1], f])) : null;
};

describe('home figures of pathways', () => {
  it('people in charge, pacts signed, placements, budget used of available', async () => {
    const op = await makeOperator(t);
    expect(await figures(op.caseWorker, 'pathways')).toBeNull(); // nothing yet: no section
    // One placed pathway with 100.00 EUR validated, one in charge only.
    const ready = await readyPathway(t, { op });
    const voucher = await issueVoucher(t, ready, { 'ORI-IND': 4 });
    const line = voucher.plan[0];
    const d = await call(op.caseWorker, 'POST', `/api/vouchers/${voucher.id}/deliveries`, {
      planLineId: line.id,
      deliveredOn: today(),
      units: 2,
      attendanceSigned: true,
    });
    await call(op.colleague, 'POST', `/api/vouchers/${voucher.id}/deliveries/${d.json().id}/validate`);
    await call(op.caseWorker, 'POST', `/api/pathways/${ready.pathwayId}/placement`, {
      employerName: 'Tessitura Comasca',
      contractType: 'permanent',
      startDate: today(),
    });
    await takeInCharge(t, op, (await makeClient(t, op.org.id)).id, (await makeProgramme(t.database.db)).id);

    const f = (await figures(op.caseWorker, 'pathways'))!;
    expect(f.peopleInCharge).toMatchObject({
      value: 1,
      breakdown: [{ key: 'taken_in_charge', label: null, value: 1 }],
    });
    expect(f.pactsSigned!.value).toBe(1);
    expect(f.placements!.value).toBe(1);
    expect(f.budgetUsed).toMatchObject({ value: 7_100, of: 400_000, unit: 'eur_cents' });

    // Another organisation does not see them; the regional officer sees the network total.
    const other = await makeOperator(t);
    expect(await figures(other.caseWorker, 'pathways')).toBeNull();
    const region = await makeOrganization(t.database.db, { type: 'regional_authority' });
    const officer = await makeUser(t.database.db, 'regional_officer', region.id);
    const n = (await figures(officer, 'networkPathways'))!;
    expect(n.peopleInCharge!.value).toBe(1);
    expect(n.budgetUsed).toMatchObject({ value: 7_100, of: 400_000 });
    expect(await figures(officer, 'pathways')).toBeNull();
  });
});
