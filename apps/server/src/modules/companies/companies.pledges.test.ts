import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makeUser, type TestUser } from '../../test/factories';
import { api, placeAt, today } from '../pathways/pathways.test-helpers';

let t: TestApp;
let call: ReturnType<typeof api>;
let coordinator: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
  coordinator = await makeUser(
    t.database.db,
    'network_coordinator',
    (await makeOrganization(t.database.db)).id,
  );
});
afterAll(async () => t.close());

async function makeCompany() {
  const org = await makeOrganization(t.database.db, { type: 'company' });
  const staff = await makeUser(t.database.db, 'company_staff', org.id);
  return { org, staff };
}

/** A period that contains today and does not end soon. */
const year = () => Number(today().slice(0, 4));
const current = () => ({ periodFrom: `${year()}-01-01`, periodTo: `${year() + 1}-12-31` });

async function pledge(staff: TestUser, over: object = {}) {
  const res = await call(staff, 'POST', '/api/pledges', {
    priorityTarget: 'long_term_unemployed',
    offers: 3,
    ...current(),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string };
}

async function auditOf(id: string) {
  return t.database.query<{ action: string; actor_user_id: string; outcome: string; details: unknown }>(
    `select action, actor_user_id, outcome, details from audit_log where entity_id = $1 order by at, id`,
    [id],
  );
}

type Board = {
  items: { id: string; status: string; withdrawal: { at: string; reason: string; byName: string } | null }[];
  nextCursor: string | null;
  totals: { pledges: number; offers: number; hires: number; hiresSuppressed: boolean; withdrawn: number };
};

describe('editing a pledge', () => {
  it('the company staff change offers, period, target and note; the version moves on and the change is audited', async () => {
    const { org, staff } = await makeCompany();
    const p = await pledge(staff, { note: 'Prima stesura' });
    expect(p).toMatchObject({ status: 'active', version: 1 });
    const body = {
      priorityTarget: 'over_50',
      offers: 5,
      periodFrom: `${year()}-02-01`,
      periodTo: `${year() + 1}-06-30`,
      note: 'Rivisto con il centro per l’impiego',
      version: 1,
    };
    const res = await call(staff, 'PUT', `/api/pledges/${p.id}`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      organizationId: org.id,
      priorityTarget: 'over_50',
      offers: 5,
      periodFrom: body.periodFrom,
      periodTo: body.periodTo,
      note: body.note,
      status: 'active',
      ended: false,
      withdrawal: null,
      version: 2,
    });
    // What the coordinators' board now shows.
    const seen = await call(coordinator, 'GET', `/api/pledges/${p.id}`);
    expect(seen.json()).toMatchObject({ offers: 5, priorityTarget: 'over_50', version: 2 });

    const audits = await auditOf(p.id);
    expect(audits.map((a) => a.action)).toEqual(['pledges.created', 'pledges.updated']);
    expect(audits[1]).toMatchObject({ actor_user_id: staff.userId, outcome: 'ok' });
    expect(audits[1]!.details).toMatchObject({
      fields: ['priorityTarget', 'offers', 'periodFrom', 'periodTo', 'note'],
      offers: 5,
    });
  });

  it('a stale version answers 409 problem+json and changes nothing', async () => {
    const { staff } = await makeCompany();
    const p = await pledge(staff);
    const body = { priorityTarget: 'long_term_unemployed', offers: 4, ...current(), version: 1 };
    expect((await call(staff, 'PUT', `/api/pledges/${p.id}`, body)).statusCode).toBe(200);
    // A colleague still holding version 1.
    const stale = await call(staff, 'PUT', `/api/pledges/${p.id}`, { ...body, offers: 9 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ status: 409, code: 'companies.pledge_version_conflict' });
    const staleWithdrawal = await call(staff, 'POST', `/api/pledges/${p.id}/withdraw`, {
      reason: 'Cambio di programma',
      version: 1,
    });
    expect(staleWithdrawal.statusCode).toBe(409);
    expect(staleWithdrawal.json().code).toBe('companies.pledge_version_conflict');
    expect((await call(staff, 'GET', `/api/pledges/${p.id}`)).json()).toMatchObject({
      offers: 4,
      status: 'active',
      version: 2,
    });
    expect((await auditOf(p.id)).map((a) => a.action)).toEqual(['pledges.created', 'pledges.updated']);
  });

  it("only the company's own staff change it: another company gets 404 (audited), the board roles 403", async () => {
    const { staff } = await makeCompany();
    const other = await makeCompany();
    const operator = await makeUser(
      t.database.db,
      'operator_staff',
      (await makeOrganization(t.database.db)).id,
    );
    const p = await pledge(staff);
    const body = { priorityTarget: 'long_term_unemployed', offers: 1, ...current(), version: 1 };
    const withdrawal = { reason: 'Non siamo noi', version: 1 };

    for (const who of [other.staff, operator]) {
      const put = await call(who, 'PUT', `/api/pledges/${p.id}`, body);
      expect(put.statusCode).toBe(404);
      expect(put.json().code).toBe('pledges.not_found');
      expect((await call(who, 'POST', `/api/pledges/${p.id}/withdraw`, withdrawal)).statusCode).toBe(404);
    }
    const denied = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where actor_user_id = $1 and outcome = 'denied'`,
      [other.staff.userId],
    );
    expect(denied[0]!.n).toBeGreaterThanOrEqual(2);
    expect((await call(coordinator, 'PUT', `/api/pledges/${p.id}`, body)).statusCode).toBe(403);
    expect((await call(coordinator, 'POST', `/api/pledges/${p.id}/withdraw`, withdrawal)).statusCode).toBe(
      403,
    );
    expect((await call(staff, 'GET', `/api/pledges/${p.id}`)).json()).toMatchObject({
      offers: 3,
      status: 'active',
      version: 1,
    });
    expect((await auditOf(p.id)).filter((a) => a.outcome === 'ok').map((a) => a.action)).toEqual([
      'pledges.created',
    ]);
  });

  it('validates as at creation: the period covers at least 30 days and does not end before it starts', async () => {
    const { staff } = await makeCompany();
    const p = await pledge(staff);
    const base = { priorityTarget: 'migrant', offers: 2, version: 1 };
    const short = await call(staff, 'PUT', `/api/pledges/${p.id}`, {
      ...base,
      periodFrom: `${year()}-03-01`,
      periodTo: `${year()}-03-29`,
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors).toEqual([
      expect.objectContaining({ field: 'body.periodTo', code: 'period_too_short' }),
    ]);
    const reversed = await call(staff, 'PUT', `/api/pledges/${p.id}`, {
      ...base,
      periodFrom: `${year() + 1}-03-01`,
      periodTo: `${year()}-03-01`,
    });
    expect(reversed.statusCode).toBe(422);
    const zero = await call(staff, 'PUT', `/api/pledges/${p.id}`, { ...base, ...current(), offers: 0 });
    expect(zero.statusCode).toBe(422);
    expect((await call(staff, 'GET', `/api/pledges/${p.id}`)).json()).toMatchObject({
      priorityTarget: 'long_term_unemployed',
      version: 1,
    });
  });

  it('a pledge whose period is over can no longer be edited or withdrawn', async () => {
    const { staff } = await makeCompany();
    const past = { periodFrom: `${year() - 2}-01-01`, periodTo: `${year() - 2}-12-31` };
    const p = await pledge(staff, past);
    expect((await call(staff, 'GET', `/api/pledges/${p.id}`)).json().ended).toBe(true);
    const put = await call(staff, 'PUT', `/api/pledges/${p.id}`, {
      priorityTarget: 'long_term_unemployed',
      offers: 1,
      ...past,
      version: 1,
    });
    expect(put.statusCode).toBe(409);
    expect(put.json().code).toBe('companies.pledge_ended');
    const w = await call(staff, 'POST', `/api/pledges/${p.id}/withdraw`, { reason: 'Tardi', version: 1 });
    expect(w.statusCode).toBe(409);
    expect(w.json().code).toBe('companies.pledge_ended');
  });
});

describe('withdrawing a pledge', () => {
  it('keeps it on the board, marked, dated and attributed, and takes it out of the totals', async () => {
    const { org, staff } = await makeCompany();
    const kept = await pledge(staff, { offers: 3 });
    const dropped = await pledge(staff, { offers: 4, priorityTarget: 'over_50' });

    // One long-term unemployed person over 50 is hired in the period: 1 hire for each pledge.
    await placeAt(t, org);

    const board = async (who: TestUser) => {
      const res = await call(who, 'GET', `/api/pledges?organizationId=${org.id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Board;
    };
    expect((await board(coordinator)).totals).toEqual({
      pledges: 2,
      offers: 7,
      hires: 2,
      hiresSuppressed: false,
      withdrawn: 0,
    });

    const empty = await call(staff, 'POST', `/api/pledges/${dropped.id}/withdraw`, {
      reason: '  ',
      version: 1,
    });
    expect(empty.statusCode).toBe(422);
    const res = await call(staff, 'POST', `/api/pledges/${dropped.id}/withdraw`, {
      reason: 'Blocco delle assunzioni deciso dalla capogruppo',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [user] = await t.database.query<{ display_name: string }>(
      `select display_name from users where id = $1`,
      [staff.userId],
    );
    expect(res.json()).toMatchObject({
      status: 'withdrawn',
      version: 2,
      withdrawal: {
        reason: 'Blocco delle assunzioni deciso dalla capogruppo',
        byName: user!.display_name,
      },
    });
    expect(Math.abs(Date.parse(res.json().withdrawal.at) - Date.now())).toBeLessThan(60_000);

    // The coordinators still see it, marked as withdrawn; the totals count only the active pledge.
    const after = await board(coordinator);
    expect(after.items.map((i) => [i.id, i.status])).toEqual([
      [dropped.id, 'withdrawn'],
      [kept.id, 'active'],
    ]);
    expect(after.items[0]!.withdrawal?.reason).toBe('Blocco delle assunzioni deciso dalla capogruppo');
    expect(after.totals).toEqual({ pledges: 1, offers: 3, hires: 1, hiresSuppressed: false, withdrawn: 1 });
    expect((await board(staff)).totals).toMatchObject({ pledges: 1, offers: 3, withdrawn: 1 });

    // Withdrawn is final.
    const again = await call(staff, 'POST', `/api/pledges/${dropped.id}/withdraw`, {
      reason: 'Di nuovo',
      version: 2,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('companies.pledge_withdrawn');
    const edit = await call(staff, 'PUT', `/api/pledges/${dropped.id}`, {
      priorityTarget: 'over_50',
      offers: 4,
      ...current(),
      version: 2,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('companies.pledge_withdrawn');

    const audits = await auditOf(dropped.id);
    expect(audits.map((a) => a.action)).toEqual(['pledges.created', 'pledges.withdrawn']);
    expect(audits[1]).toMatchObject({ actor_user_id: staff.userId, outcome: 'ok' });
  });

  it('totals cover every page, come on the first page only, and never reveal a suppressed hires count', async () => {
    const { org, staff } = await makeCompany();
    const migrant = await pledge(staff, { priorityTarget: 'migrant', offers: 2 });
    await pledge(staff, { priorityTarget: 'over_50', offers: 5 });
    await pledge(staff, { priorityTarget: 'long_term_unemployed', offers: 1 });
    await placeAt(t, org, ['migrant']);

    const first = (await call(staff, 'GET', '/api/pledges?limit=2')).json() as Board;
    expect(first.items).toHaveLength(2);
    // The migrant hire (1, under 5) is hidden from the company: left out of its total, and flagged.
    expect(first.totals).toEqual({ pledges: 3, offers: 8, hires: 2, hiresSuppressed: true, withdrawn: 0 });
    const second = (await call(staff, 'GET', `/api/pledges?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([migrant.id]);
    expect(second.totals).toBeNull();
    const exact = (await call(coordinator, 'GET', `/api/pledges?organizationId=${org.id}`)).json() as Board;
    expect(exact.totals).toEqual({ pledges: 3, offers: 8, hires: 3, hiresSuppressed: false, withdrawn: 0 });
  });
});
