import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeProgramme, makeUser, type TestUser } from '../../test/factories';
import {
  PACT,
  api,
  assess,
  makeClient,
  makeOperator,
  readyPathway,
  takeInCharge,
} from './pathways.test-helpers';

let t: TestApp;
let call: ReturnType<typeof api>;
beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
});
afterAll(async () => t.close());

/** A citizen account linked (by fiscal code) to the person record. */
async function citizenOf(person: { fiscalCode: string }) {
  const user = await makeUser(t.database.db, 'citizen', null);
  await t.database.query('update users set fiscal_code = $1 where id = $2', [person.fiscalCode, user.userId]);
  return user;
}

describe("a citizen's own pathways", () => {
  let citizenA: TestUser;
  let citizenB: TestUser;
  let pathwayA: string;
  let pathwayB: string;
  let op: Awaited<ReturnType<typeof makeOperator>>;
  let programme: Awaited<ReturnType<typeof makeProgramme>>;

  beforeAll(async () => {
    op = await makeOperator(t);
    programme = await makeProgramme(t.database.db);
    const personA = await makeClient(t, op.org.id);
    pathwayA = (await takeInCharge(t, op, personA.id, programme.id)).id;
    await assess(t, op, pathwayA);
    const v = await call(op.caseWorker, 'POST', `/api/pathways/${pathwayA}/pact/versions`, PACT);
    expect(v.statusCode, v.body).toBe(201);
    const signed = await call(op.caseWorker, 'POST', `/api/pathways/${pathwayA}/pact/versions/1/sign`, {
      signer: 'person',
      method: 'handwritten',
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const appt = await call(op.caseWorker, 'POST', `/api/pathways/${pathwayA}/appointments`, {
      scheduledAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      purpose: 'Colloquio di verifica del patto',
      location: 'Via Roma 1, Milano',
      channel: 'in_person',
    });
    expect(appt.statusCode, appt.body).toBe(201);
    citizenA = await citizenOf(personA);

    const b = await readyPathway(t);
    pathwayB = b.pathwayId;
    const apptB = await call(b.op.caseWorker, 'POST', `/api/pathways/${pathwayB}/appointments`, {
      scheduledAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      purpose: 'Colloquio B',
    });
    expect(apptB.statusCode, apptB.body).toBe(201);
    citizenB = await citizenOf(b.person);
  });

  it('lists only their own pathways with state, programme, operator, case worker and timeline', async () => {
    const res = await call(citizenA, 'GET', '/api/me/pathways');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { id: string }) => i.id)).toEqual([pathwayA]);
    expect(items[0]).toMatchObject({
      id: pathwayA,
      state: 'assessed',
      programme: { code: programme.code },
      operator: { organizationName: op.org.name, officeName: op.office.name },
      caseWorkerName: 'Utente operator_staff',
    });
    const kinds = items[0].timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('transition.assess');
    expect(items[0].timeline[0]).not.toHaveProperty('actorUserId');
    expect(items[0].timeline[0]).not.toHaveProperty('details');

    const one = await call(citizenA, 'GET', `/api/me/pathways/${pathwayA}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ id: pathwayA, state: 'assessed' });

    const b = (await call(citizenB, 'GET', '/api/me/pathways')).json();
    expect(b.items.map((i: { id: string }) => i.id)).toEqual([pathwayB]);
  });

  it('shows the current pact with its signatures and a PDF the citizen can download', async () => {
    const res = await call(citizenA, 'GET', `/api/me/pathways/${pathwayA}/pact`);
    expect(res.statusCode, res.body).toBe(200);
    const { pact } = res.json();
    expect(pact).toMatchObject({
      version: 1,
      status: 'draft',
      operatorSignedAt: null,
      pdfUrl: `/api/me/pathways/${pathwayA}/pact/versions/1.pdf`,
    });
    expect(pact.personSignedAt).toEqual(expect.any(String));
    expect(pact.content.jobSearchActs).toHaveLength(PACT.jobSearchActs.length);
    const pdf = await call(citizenA, 'GET', pact.pdfUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call(citizenA, 'GET', `/api/me/pathways/${pathwayA}/pact/versions/9.pdf`)).statusCode).toBe(
      404,
    );
  });

  it('shows their appointments with date, place or channel and outcome', async () => {
    const res = await call(citizenA, 'GET', `/api/me/pathways/${pathwayA}/appointments`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        purpose: 'Colloquio di verifica del patto',
        location: 'Via Roma 1, Milano',
        channel: 'in_person',
        outcome: null,
      }),
    ]);
  });

  it("never shows another person's pathway, pact or appointments (404, audited)", async () => {
    for (const url of [
      `/api/me/pathways/${pathwayB}`,
      `/api/me/pathways/${pathwayB}/pact`,
      `/api/me/pathways/${pathwayB}/pact/versions/1.pdf`,
      `/api/me/pathways/${pathwayB}/appointments`,
    ]) {
      const res = await call(citizenA, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('pathways.not_found');
    }
    // The case workers' routes are closed to citizens, for their own pathway as for others.
    for (const id of [pathwayA, pathwayB]) {
      expect((await call(citizenA, 'GET', `/api/pathways/${id}`)).statusCode).toBe(403);
      expect((await call(citizenA, 'GET', `/api/pathways/${id}/pact`)).statusCode).toBe(403);
      expect((await call(citizenA, 'GET', `/api/pathways/${id}/appointments`)).statusCode).toBe(403);
    }
    const denied = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where actor_user_id = $1 and outcome = 'denied'`,
      [citizenA.userId],
    );
    expect(denied[0]!.n).toBeGreaterThanOrEqual(4);
  });

  it('answers 401 to anonymous users and 403 to staff', async () => {
    expect((await call(null, 'GET', '/api/me/pathways')).statusCode).toBe(401);
    expect((await call(null, 'GET', `/api/me/pathways/${pathwayA}/pact`)).statusCode).toBe(401);
    expect((await call(null, 'GET', `/api/me/pathways/${pathwayA}/appointments`)).statusCode).toBe(401);
    expect((await call(op.caseWorker, 'GET', '/api/me/pathways')).statusCode).toBe(403);
    expect((await call(op.caseWorker, 'GET', `/api/me/pathways/${pathwayA}`)).statusCode).toBe(403);
  });

  it('gives a citizen without a record an empty list', async () => {
    const lonely = await makeUser(t.database.db, 'citizen', null);
    const res = await call(lonely, 'GET', '/api/me/pathways');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('audits the reads with the citizen as actor', async () => {
    await call(citizenA, 'GET', '/api/me/pathways');
    const rows = await t.database.query<{ action: string; outcome: string }>(
      `select action, outcome from audit_log where actor_user_id = $1 and entity_id = $2 and outcome = 'ok'`,
      [citizenA.userId, pathwayA],
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('pathways.read');
    expect(actions).toContain('pathways.pact_read');
    expect(actions).toContain('pathways.pact_pdf');
    expect(actions).toContain('pathways.appointments_read');
  });
});

describe('caseload search', () => {
  it('filters by name or fiscal code on the server', async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db);
    const anna = await makeClient(t, op.org.id, { over: { firstName: 'Anna', lastName: 'Zanzìbar' } });
    const bruno = await makeClient(t, op.org.id, { over: { firstName: 'Bruno', lastName: 'Quercia' } });
    const pa = (await takeInCharge(t, op, anna.id, programme.id)).id;
    const pb = (await takeInCharge(t, op, bruno.id, programme.id)).id;
    const ids = async (q: string) => {
      const res = await call(op.caseWorker, 'GET', `/api/caseload?scope=office&q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await ids('zanzibar anna')).items.map((i: { id: string }) => i.id)).toEqual([pa]);
    expect((await ids(bruno.fiscalCode.toLowerCase())).items.map((i: { id: string }) => i.id)).toEqual([pb]);
    expect((await ids(bruno.fiscalCode.slice(0, 6))).items.map((i: { id: string }) => i.id)).toEqual([pb]);
    const none = await ids('nessuno-con-questo-nome');
    expect(none.items).toEqual([]);
    expect(none.countsByState).toEqual({});
    const all = await ids('');
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual([pa, pb].sort());
  });

  it('rejects a forged cursor with 400', async () => {
    const op = await makeOperator(t);
    for (const raw of [1, ['x', 'y'], ['2026-01-01T00:00:00.000Z', 'nope'], { a: 1 }]) {
      const cursor = Buffer.from(JSON.stringify(raw)).toString('base64url');
      for (const url of [`/api/caseload?cursor=${cursor}`, `/api/pathways?cursor=${cursor}`]) {
        const res = await call(op.caseWorker, 'GET', url);
        expect(res.statusCode, `${url} ${JSON.stringify(raw)}`).toBe(400);
        expect(res.json().code).toBe('pagination.invalid_cursor');
      }
    }
  });
});
