import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ILLUSTRATIVE_PROGRAMMES } from '../programmes';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeUser } from '../../test/factories';
import { api, isoDaysAgo, issueVoucher, readyPathway, today } from '../pathways/pathways.test-helpers';

let t: TestApp;
let call: ReturnType<typeof api>;
beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
});
afterAll(async () => t.close());

const base = ILLUSTRATIVE_PROGRAMMES[0]!;
/** A small programme: band 1 caps the voucher at 100.00 EUR; four hourly lines at 7.00 EUR. */
const SMALL = {
  bands: [
    { band: 1, name: 'Bassa', capCents: 10_000, durationMonths: 3 },
    { band: 2, name: 'Media', capCents: 20_000, durationMonths: 6 },
    { band: 3, name: 'Alta', capCents: 30_000, durationMonths: 6 },
  ],
  catalogue: [
    ...['L1', 'L2', 'L3', 'L4'].map((code) => ({
      code,
      name: `Servizio ${code}`,
      paymentMode: 'per_unit' as const,
      unit: 'hour' as const,
      unitCostCents: 700,
      maxUnitsPerVoucher: 100,
      active: true,
    })),
    {
      code: 'ORI',
      name: 'Orientamento',
      paymentMode: 'per_unit' as const,
      unit: 'hour' as const,
      unitCostCents: 3_550,
      maxUnitsPerVoucher: 4,
      active: true,
    },
    { ...base.catalogue.find((l) => l.code === 'INS-LAV')!, unitCostCents: 5_000 },
  ],
};

async function smallVoucher(plan: Record<string, number> = { ORI: 2 }, extra = {}) {
  const ready = await readyPathway(t, { programme: SMALL, band: 1 });
  const voucher = await issueVoucher(t, ready, plan, extra);
  const lineId = (code: string) =>
    (voucher.plan.find((l: { code: string }) => l.code === code)?.id as string | undefined) ??
    crypto.randomUUID();
  const record = (code: string, units: number, over: object = {}) =>
    call(ready.op.caseWorker, 'POST', `/api/vouchers/${voucher.id}/deliveries`, {
      planLineId: lineId(code),
      deliveredOn: today(),
      units,
      attendanceSigned: true,
      ...over,
    });
  const validate = (deliveryId: string, who = ready.op.colleague) =>
    call(who, 'POST', `/api/vouchers/${voucher.id}/deliveries/${deliveryId}/validate`);
  const get = async () => (await call(ready.op.caseWorker, 'GET', `/api/vouchers/${voucher.id}`)).json();
  return { ready, voucher, record, validate, get, lineId };
}

describe('issuing a voucher', () => {
  it('takes cap and validity from the band, needs a signed pact, one voucher per pathway, plan within cap', async () => {
    const ready = await readyPathway(t, { programme: SMALL, band: 1 });
    const tooBig = await call(ready.op.caseWorker, 'POST', '/api/vouchers', {
      pathwayId: ready.pathwayId,
      plan: [{ catalogueLineId: ready.programme.lines['L1']!.id, plannedUnits: 15 }],
    });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().code).toBe('vouchers.plan_exceeds_cap');
    const overMax = await call(ready.op.caseWorker, 'POST', '/api/vouchers', {
      pathwayId: ready.pathwayId,
      plan: [{ catalogueLineId: ready.programme.lines['ORI']!.id, plannedUnits: 5 }],
    });
    expect(overMax.json().code).toBe('vouchers.planned_units_exceed_max');
    const tooLong = await call(ready.op.caseWorker, 'POST', '/api/vouchers', {
      pathwayId: ready.pathwayId,
      startDate: '2026-01-10',
      endDate: '2026-04-10',
      plan: [],
    });
    expect(tooLong.json().code).toBe('vouchers.validity_too_long');
    const v = await issueVoucher(t, ready, { ORI: 2 }, { startDate: '2026-01-10' });
    expect(v).toMatchObject({ band: 1, capCents: 10_000, startDate: '2026-01-10', endDate: '2026-04-09' });
    const again = await call(ready.op.caseWorker, 'POST', '/api/vouchers', {
      pathwayId: ready.pathwayId,
      plan: [],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('vouchers.pathway_not_ready');
    // A fresh pathway without a signed pact cannot get one.
    const ready2 = await readyPathway(t, { programme: SMALL });
    await call(ready2.op.caseWorker, 'POST', `/api/pathways/${ready2.pathwayId}/transitions`, {
      action: 'withdraw',
      reason: 'Rinuncia',
    });
    const closed = await call(ready2.op.caseWorker, 'POST', '/api/vouchers', {
      pathwayId: ready2.pathwayId,
      plan: [],
    });
    expect(closed.json().code).toBe('vouchers.pathway_not_ready');
  });

  it('the plan can grow within the cap and the line maximum', async () => {
    const { voucher, ready, get } = await smallVoucher({ ORI: 1 });
    const put = (code: string, plannedUnits: number) =>
      call(ready.op.caseWorker, 'PUT', `/api/vouchers/${voucher.id}/plan`, {
        catalogueLineId: ready.programme.lines[code]!.id,
        plannedUnits,
      });
    expect((await put('L1', 4)).statusCode).toBe(200);
    expect((await put('ORI', 2)).json().ledger.plannedCents).toBe(2 * 3_550 + 4 * 700);
    expect((await put('L2', 20)).json().code).toBe('vouchers.plan_exceeds_cap');
    expect((await put('ORI', 5)).json().code).toBe('vouchers.planned_units_exceed_max');
    expect((await get()).ledger.plannedCents).toBe(2 * 3_550 + 4 * 700);
  });
});

describe('deliveries and the budget', () => {
  it('needs a second person to validate', async () => {
    const { record, validate, ready, get } = await smallVoucher();
    const d = (await record('ORI', 1)).json();
    const self = await validate(d.id, ready.op.caseWorker);
    expect(self.statusCode).toBe(422);
    expect(self.json().code).toBe('vouchers.same_validator');
    expect((await get()).ledger).toMatchObject({ pendingCents: 3_550, validatedCents: 0 });
    const ok = await validate(d.id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().delivery).toMatchObject({ status: 'validated', validatedBy: ready.op.colleague.userId });
    const twice = await validate(d.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('vouchers.delivery_not_pending');
  });

  it('refuses an over-budget validation with vouchers.budget_exceeded and changes nothing', async () => {
    const { record, validate, get, voucher, ready } = await smallVoucher({ ORI: 2 });
    // 2 h + 1 h + 1 h of 35.50 EUR = 142.00 EUR against a 100.00 EUR cap: each recording alone fits.
    const a = (await record('ORI', 2)).json();
    const b = (await record('ORI', 1)).json();
    expect((await validate(a.id)).statusCode).toBe(200);
    const before = await get();
    expect(before.ledger).toMatchObject({
      validatedCents: 7_100,
      pendingCents: 3_550,
      remainingCents: 2_900,
    });
    const refused = await validate(b.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'vouchers.budget_exceeded', status: 409 });
    expect(refused.json().detail).toContain('2900');
    const after = await get();
    expect(after).toEqual(before);
    const list = (
      await call(ready.op.caseWorker, 'GET', `/api/vouchers/${voucher.id}/deliveries?status=recorded`)
    ).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const events = (await call(ready.op.caseWorker, 'GET', `/api/pathways/${ready.pathwayId}`)).json()
      .timeline;
    expect(events.filter((e: { kind: string }) => e.kind === 'delivery.validated')).toHaveLength(1);
    // Recording beyond what is left is refused up front too.
    const c = await record('ORI', 1);
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('vouchers.budget_exceeded');
    // Rejecting the pending one frees nothing but clears the queue.
    const rej = await call(
      ready.op.colleague,
      'POST',
      `/api/vouchers/${voucher.id}/deliveries/${b.id}/reject`,
      {
        reason: 'Firma mancante sul registro',
      },
    );
    expect(rej.json()).toMatchObject({ status: 'rejected', rejectionReason: 'Firma mancante sul registro' });
    expect((await get()).ledger).toMatchObject({ pendingCents: 0, validatedCents: 7_100 });
  });

  it('enforces the maximum units of a line, attendance, dates and expiry', async () => {
    const { record, validate } = await smallVoucher({ ORI: 2 });
    expect((await record('ORI', 4.5)).json().code).toBe('vouchers.line_max_exceeded');
    const unsigned = (await record('ORI', 1, { attendanceSigned: false })).json();
    expect((await validate(unsigned.id)).json().code).toBe('vouchers.attendance_not_signed');
    expect((await record('ORI', 3.5)).json().code).toBe('vouchers.line_max_exceeded');
    expect((await record('ORI', 1.234)).json().code).toBe('validation.failed');
    expect((await record('ORI', 1, { deliveredOn: isoDaysAgo(-1) })).json().code).toBe(
      'vouchers.delivery_in_future',
    );
    expect((await record('INS-LAV', 1)).json().code).toBe('vouchers.plan_line_not_found');

    // A voucher that ran from 4 months ago to its end (3 months for band 1) is expired.
    const old = await smallVoucher({ ORI: 1, 'INS-LAV': 1 }, { startDate: isoDaysAgo(125) });
    expect(old.voucher.expired).toBe(true);
    const late = await old.record('ORI', 1, { deliveredOn: isoDaysAgo(1) });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('vouchers.expired');
    const early = await old.record('ORI', 1, { deliveredOn: isoDaysAgo(130) });
    expect(early.json().code).toBe('vouchers.delivery_before_start');
    // Within its validity it can still be recorded (late data entry).
    expect((await old.record('ORI', 1, { deliveredOn: isoDaysAgo(100) })).statusCode).toBe(201);
    const manual = await old.record('INS-LAV', 1, { deliveredOn: isoDaysAgo(100) });
    expect(manual.json().code).toBe('vouchers.result_line_manual');
  });

  it('the result entitlement of a placement stays within the cap', async () => {
    const { record, validate, ready, voucher, get } = await smallVoucher({ L1: 2, 'INS-LAV': 1 });
    // 70.00 EUR validated of 100.00 (more than planned, within the line maximum): only 30.00 of the
    // 50.00 result line fits.
    const d = (await record('L1', 10)).json();
    await validate(d.id);
    const placed = await call(ready.op.caseWorker, 'POST', `/api/pathways/${ready.pathwayId}/placement`, {
      employerName: 'Meccanica Lecchese Spa',
      contractType: 'permanent',
      startDate: today(),
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const [resultId] = placed.json().resultDeliveryIds;
    const ok = await validate(resultId);
    expect(ok.json().delivery).toMatchObject({ kind: 'result', amountCents: 3_000 });
    expect((await get()).ledger).toMatchObject({ validatedCents: 10_000, remainingCents: 0 });
    // The voucher is closed: nothing dated after today can be added.
    expect((await get()).status).toBe('closed');
    expect(voucher.id).toBeTruthy();
  });

  it('PARALLEL validations never overspend: 20 concurrent requests, sum above the cap', async () => {
    const { record, validate, get, voucher, ready } = await smallVoucher({ L1: 1, L2: 1, L3: 1, L4: 1 });
    // 20 deliveries of 1 h at 7.00 EUR on four lines = 140.00 EUR against a 100.00 EUR cap.
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await record(['L1', 'L2', 'L3', 'L4'][i % 4]!, 1);
      expect(r.statusCode, r.body).toBe(201);
      ids.push(r.json().id);
    }
    // Two different validators, all at once.
    const other = await makeUser(t.database.db, 'operator_staff', ready.op.org.id);
    const results = await Promise.all(ids.map((id, i) => validate(id, i % 2 ? other : ready.op.colleague)));
    const ok = results.filter((r) => r.statusCode === 200);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(ok.length + refused.length, results.map((r) => r.body).join('\n')).toBe(20);
    expect(ok).toHaveLength(14);
    expect(refused.every((r) => r.json().code === 'vouchers.budget_exceeded')).toBe(true);
    const v = await get();
    expect(v.usedCents).toBe(9_800);
    expect(v.ledger).toMatchObject({ validatedCents: 9_800, pendingCents: 6 * 700, remainingCents: 200 });
    const [sum] = await t.database.query<{ total: number; n: number }>(
      `select coalesce(sum(amount_cents), 0)::int as total, count(*)::int as n
         from voucher_deliveries where voucher_id = $1 and status = 'validated'`,
      [voucher.id],
    );
    expect(sum).toEqual({ total: 9_800, n: 14 });
    const lines = await t.database.query<{ validated: number }>(
      `select sum(validated_units)::float8 as validated from voucher_plan_lines where voucher_id = $1`,
      [voucher.id],
    );
    expect(lines[0]!.validated).toBe(14);
  });

  it('the CHECK constraint backs the rule up even against a direct UPDATE', async () => {
    const { voucher } = await smallVoucher({ ORI: 1 });
    await expect(
      t.database.query('update vouchers set used_cents = cap_cents + 1 where id = $1', [voucher.id]),
    ).rejects.toThrow(/vouchers_budget_ck/);
  });
});
