import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { giveConsents, makeOrganization, makePerson, makeUser, type TestUser } from '../../test/factories';
import { grantPersonAccess, revokePersonAccess } from '../people';
import {
  api,
  makeClient,
  makeOperator,
  readyPathway,
  type Operator,
} from '../pathways/pathways.test-helpers';

let t: TestApp;
let call: ReturnType<typeof api>;
let occupationId: number;

beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
  const [row] = await t.database.query<{ id: number }>(
    `select occupation_id as id from ref_occupation_skills group by occupation_id order by occupation_id limit 1`,
  );
  occupationId = row!.id;
});
afterAll(async () => t.close());

const denials = async (userId: string) =>
  (
    await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where actor_user_id = $1 and outcome = 'denied'`,
      [userId],
    )
  )[0]!.n;

const auditActions = async (entityId: string) =>
  (
    await t.database.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 and outcome = 'ok' and action like 'candidatures.%' order by id`,
      [entityId],
    )
  ).map((r) => r.action);

async function makeCompany(over: object = {}) {
  const org = await makeOrganization(t.database.db, { type: 'company' });
  const staff = await makeUser(t.database.db, 'company_staff', org.id);
  const res = await call(staff, 'POST', '/api/vacancies', {
    title: 'Addetto al magazzino',
    occupationId,
    municipalityCode: '015146',
    contractType: 'permanent',
    hoursPerWeek: 40,
    openings: 2,
    status: 'open',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { org, staff, vacancyId: res.json().id as string };
}

/** A person of the operator's caseload who consented to company matching. */
async function matchable(op: Operator) {
  const person = await makeClient(t, op.org.id);
  await giveConsents(t.database.db, person.id, ['company_matching']);
  return person;
}

async function citizenOf(person: { fiscalCode: string }) {
  const user = await makeUser(t.database.db, 'citizen', null);
  await t.database.query('update users set fiscal_code = $1 where id = $2', [person.fiscalCode, user.userId]);
  return user;
}

async function propose(u: TestUser, vacancyId: string, personId: string) {
  const res = await call(u, 'POST', '/api/candidatures', { vacancyId, personId, note: 'Profilo coerente' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const move = (u: TestUser, id: string, to: string, reason?: string) =>
  call(u, 'POST', `/api/candidatures/${id}/transition`, reason ? { to, reason } : { to });

describe('proposing a person for a vacancy', () => {
  it('a case worker proposes a consenting person; the company sees name and contacts; audited', async () => {
    const op = await makeOperator(t);
    const company = await makeCompany();
    const person = await matchable(op);
    await t.database.query(`update people set email = 'p@example.it', phone = '3331234567' where id = $1`, [
      person.id,
    ]);
    const c = await propose(op.caseWorker, company.vacancyId, person.id);
    expect(c).toMatchObject({
      state: 'proposed',
      origin: 'proposal',
      side: 'proposer',
      proposingOrganizationId: op.org.id,
      companyOrganizationId: company.org.id,
      availableTransitions: ['withdrawn'],
    });

    const seen = await call(company.staff, 'GET', `/api/candidatures/${c.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({
      side: 'company',
      person: {
        firstName: person.firstName,
        lastName: person.lastName,
        email: 'p@example.it',
        phone: '3331234567',
      },
      availableTransitions: ['screening', 'rejected'],
    });
    const list = await call(company.staff, 'GET', `/api/candidatures?vacancyId=${company.vacancyId}`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect(await auditActions(c.id)).toEqual(['candidatures.propose', 'candidatures.read']);
  });

  it('needs the company_matching consent, an open vacancy, a visible person; one running candidature', async () => {
    const op = await makeOperator(t);
    const company = await makeCompany();
    const noConsent = await makeClient(t, op.org.id);
    const r1 = await call(op.caseWorker, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: noConsent.id,
    });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().code).toBe('candidatures.consent_missing');

    const person = await matchable(op);
    await propose(op.caseWorker, company.vacancyId, person.id);
    const dup = await call(op.caseWorker, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: person.id,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('candidatures.already_active');

    // Another operator's organisation cannot see the person: 404, audited.
    const other = await makeOperator(t);
    const before = await denials(other.caseWorker.userId);
    const foreign = await call(other.caseWorker, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: person.id,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('people.not_found');
    expect(await denials(other.caseWorker.userId)).toBe(before + 1);

    // Company staff do not propose; a draft vacancy is invisible; a closed one refuses.
    const byCompany = await call(company.staff, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: person.id,
    });
    expect(byCompany.statusCode).toBe(403);
    const draft = await makeCompany({ status: 'draft' });
    const d = await call(op.caseWorker, 'POST', '/api/candidatures', {
      vacancyId: draft.vacancyId,
      personId: person.id,
    });
    expect(d.statusCode).toBe(404);
    const closed = await makeCompany();
    await t.database.query(`update vacancies set status = 'closed' where id = $1`, [closed.vacancyId]);
    const cl = await call(op.caseWorker, 'POST', '/api/candidatures', {
      vacancyId: closed.vacancyId,
      personId: person.id,
    });
    expect(cl.statusCode).toBe(409);
    expect(cl.json().code).toBe('candidatures.vacancy_not_open');
  });

  it("an archived company's vacancy, though still open, takes no new candidatures", async () => {
    const op = await makeOperator(t);
    const company = await makeCompany();
    const person = await matchable(op);
    await t.database.query(
      `update organizations set status = 'archived', archived_at = now() where id = $1`,
      [company.org.id],
    );
    const res = await call(op.caseWorker, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: person.id,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('candidatures.vacancy_not_open');
    const n = await t.database.query<{ n: number }>(
      `select count(*)::int as n from candidatures where vacancy_id = $1`,
      [company.vacancyId],
    );
    expect(n[0]!.n).toBe(0);
  });

  it('the proposer sees names and contacts only while it may see them: a partial referral cannot propose, a lost access hides the candidature', async () => {
    const op = await makeOperator(t);
    const company = await makeCompany();
    // Registered by another organisation; the operator follows the person on a pathway (full grant).
    const registrar = await makeOperator(t);
    const person = await matchable(registrar);
    const followed = await grantPersonAccess(t.database.db, {
      personId: person.id,
      organizationId: op.org.id,
      reason: 'pathway',
    });
    // A partner organisation received a referral sharing identity and skills, not the contacts.
    const partner = await makeOperator(t);
    await grantPersonAccess(t.database.db, {
      personId: person.id,
      organizationId: partner.org.id,
      reason: 'referral',
      sharedSections: ['identity', 'skills'],
    });
    const partial = await call(partner.caseWorker, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: person.id,
    });
    expect(partial.statusCode, partial.body).toBe(403);
    expect(partial.json().code).toBe('candidatures.person_partly_visible');
    expect(partial.body).not.toContain(person.lastName);

    // The operator proposes, then its access ends: the candidature (names, contacts) is no longer its to read.
    const c = await propose(op.caseWorker, company.vacancyId, person.id);
    await revokePersonAccess(t.database.db, { id: followed });
    const before = await denials(op.caseWorker.userId);
    const read = await call(op.caseWorker, 'GET', `/api/candidatures/${c.id}`);
    expect(read.statusCode).toBe(404);
    expect(await denials(op.caseWorker.userId)).toBe(before + 1);
    const list = await call(op.caseWorker, 'GET', '/api/candidatures');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([]);
    expect((await move(op.caseWorker, c.id, 'withdrawn')).statusCode).toBe(404);
    // The company keeps the candidature it received.
    expect((await call(company.staff, 'GET', `/api/candidatures/${c.id}`)).statusCode).toBe(200);
  });
});

describe('the state machine', () => {
  it('company moves screening/interview/rejected; proposer withdraws; invalid moves are 409; other orgs 404/403', async () => {
    const op = await makeOperator(t);
    const company = await makeCompany();
    const otherCompany = await makeCompany();
    const otherOp = await makeOperator(t);
    const person = await matchable(op);
    const c = await propose(op.caseWorker, company.vacancyId, person.id);

    const skip = await move(company.staff, c.id, 'hired');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('candidatures.invalid_transition');
    expect((await move(op.caseWorker, c.id, 'screening')).statusCode).toBe(403);
    expect((await move(company.staff, c.id, 'withdrawn')).statusCode).toBe(403);

    for (const u of [otherCompany.staff, otherOp.caseWorker]) {
      const before = await denials(u.userId);
      const get = await call(u, 'GET', `/api/candidatures/${c.id}`);
      expect(get.statusCode).toBe(404);
      expect(get.json().code).toBe('candidatures.not_found');
      const mv = await move(u, c.id, 'withdrawn');
      expect(mv.statusCode).toBe(404);
      expect(await denials(u.userId)).toBe(before + 2);
      const list = await call(u, 'GET', '/api/candidatures');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    }
    const officer = await makeUser(
      t.database.db,
      'regional_officer',
      (await makeOrganization(t.database.db)).id,
    );
    expect((await call(officer, 'GET', '/api/candidatures')).statusCode).toBe(403);
    expect((await call(officer, 'GET', `/api/candidatures/${c.id}`)).statusCode).toBe(404);

    const s = await move(company.staff, c.id, 'screening');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ state: 'screening', availableTransitions: ['interview', 'rejected'] });
    expect((await move(company.staff, c.id, 'interview')).json().state).toBe('interview');
    const w = await move(op.caseWorker, c.id, 'withdrawn', 'La persona ha trovato altro');
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({
      state: 'withdrawn',
      decisionReason: 'La persona ha trovato altro',
      availableTransitions: [],
    });
    expect((await move(company.staff, c.id, 'rejected')).statusCode).toBe(409);
    expect(await auditActions(c.id)).toEqual([
      'candidatures.propose',
      'candidatures.screening',
      'candidatures.interview',
      'candidatures.withdrawn',
    ]);

    // A new candidature is possible once the previous one is over; the company rejects it.
    const again = await propose(op.caseWorker, company.vacancyId, person.id);
    const rej = await move(company.staff, again.id, 'rejected', 'Profilo non adatto');
    expect(rej.json().state).toBe('rejected');
  });

  it('a hire records the placement on the active pathway, which becomes placed', async () => {
    const ready = await readyPathway(t);
    await giveConsents(t.database.db, ready.person.id, ['company_matching']);
    const company = await makeCompany();
    const c = await propose(ready.op.caseWorker, company.vacancyId, ready.person.id);
    for (const to of ['screening', 'interview', 'hired']) {
      const r = await move(company.staff, c.id, to);
      expect(r.statusCode, r.body).toBe(200);
    }
    const hired = await call(company.staff, 'GET', `/api/candidatures/${c.id}`);
    expect(hired.json()).toMatchObject({ state: 'hired', pathwayId: ready.pathwayId });
    const pathway = await call(ready.op.caseWorker, 'GET', `/api/pathways/${ready.pathwayId}`);
    expect(pathway.json().state).toBe('placed');
    const placement = await call(ready.op.caseWorker, 'GET', `/api/pathways/${ready.pathwayId}/placement`);
    expect(placement.statusCode, placement.body).toBe(200);
    expect(placement.json()).toMatchObject({
      employerOrganizationId: company.org.id,
      contractType: 'permanent',
    });
  });

  it('a hire without an active pathway is still recorded', async () => {
    const op = await makeOperator(t);
    const company = await makeCompany();
    const person = await matchable(op);
    const c = await propose(op.caseWorker, company.vacancyId, person.id);
    for (const to of ['screening', 'interview', 'hired'])
      expect((await move(company.staff, c.id, to)).statusCode).toBe(200);
    const got = await call(op.caseWorker, 'GET', `/api/candidatures/${c.id}`);
    expect(got.json()).toMatchObject({ state: 'hired', pathwayId: null, availableTransitions: [] });
  });
});

describe('citizens and listing', () => {
  it('a citizen applies for themself, sees only their own, may withdraw but not move it on', async () => {
    const company = await makeCompany();
    const person = await makePerson(t.database.db, null);
    const someoneElse = await makePerson(t.database.db, null);
    const citizen = await citizenOf(person);
    const res = await call(citizen, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: person.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      origin: 'application',
      side: 'candidate',
      proposingOrganizationId: null,
    });
    const id = res.json().id;
    const foreign = await call(citizen, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: someoneElse.id,
    });
    expect(foreign.statusCode).toBe(404);

    const otherCitizen = await citizenOf(someoneElse);
    expect((await call(otherCitizen, 'GET', `/api/candidatures/${id}`)).statusCode).toBe(404);
    expect((await call(otherCitizen, 'GET', '/api/candidatures')).json().items).toEqual([]);
    expect((await move(otherCitizen, id, 'withdrawn')).statusCode).toBe(404);

    const mine = await call(citizen, 'GET', '/api/candidatures');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await move(citizen, id, 'screening')).statusCode).toBe(403);
    const w = await move(citizen, id, 'withdrawn');
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().state).toBe('withdrawn');
  });

  it('filters by state and person, and pages with a cursor', async () => {
    const op = await makeOperator(t);
    const company = await makeCompany();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await propose(op.caseWorker, company.vacancyId, (await matchable(op)).id)).id);
    await move(company.staff, ids[0]!, 'screening');

    const p1 = await call(company.staff, 'GET', `/api/candidatures?vacancyId=${company.vacancyId}&limit=2`);
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.json().items).toHaveLength(2);
    const cursor = p1.json().nextCursor;
    expect(cursor).toBeTruthy();
    const p2 = await call(
      company.staff,
      'GET',
      `/api/candidatures?vacancyId=${company.vacancyId}&limit=2&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(p2.json().nextCursor).toBeNull();
    const all = [...p1.json().items, ...p2.json().items].map((i: { id: string }) => i.id);
    expect(all.sort()).toEqual([...ids].sort());

    const screening = await call(op.caseWorker, 'GET', '/api/candidatures?state=screening');
    expect(screening.json().items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    const byPerson = await call(
      company.staff,
      'GET',
      `/api/candidatures?personId=${p1.json().items[0].personId}`,
    );
    expect(byPerson.json().items).toHaveLength(1);
    const bad = await call(company.staff, 'GET', '/api/candidatures?cursor=bm9wZQ');
    expect(bad.statusCode).toBe(400);
  });
});

describe('hires: the vacancy fills and the pledge counter moves', () => {
  const vacancyOf = async (id: string) =>
    (
      await t.database.query<{ status: string; version: number }>(
        'select status, version from vacancies where id = $1',
        [id],
      )
    )[0]!;
  const hire = async (staff: TestUser, id: string, placement?: object) => {
    for (const to of ['screening', 'interview']) expect((await move(staff, id, to)).statusCode).toBe(200);
    const res = await call(staff, 'POST', `/api/candidatures/${id}/transition`, {
      to: 'hired',
      ...(placement ? { placement } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('the hire that reaches the openings makes the vacancy filled, in the same transaction, audited', async () => {
    const op = await makeOperator(t);
    const company = await makeCompany({ openings: 2 });
    const [a, b, c] = [await matchable(op), await matchable(op), await matchable(op)];
    const ca = await propose(op.caseWorker, company.vacancyId, a.id);
    const cb = await propose(op.caseWorker, company.vacancyId, b.id);
    await hire(company.staff, ca.id);
    expect((await vacancyOf(company.vacancyId)).status).toBe('open');
    // Still open: a third person can be proposed.
    const cc = await propose(op.caseWorker, company.vacancyId, c.id);

    const before = (await vacancyOf(company.vacancyId)).version;
    await hire(company.staff, cb.id);
    const after = await vacancyOf(company.vacancyId);
    expect(after.status).toBe('filled');
    expect(after.version).toBe(before + 1);
    const entries = await t.database.query<{ action: string; details: { hires: number; openings: number } }>(
      `select action, details from audit_log where entity_id = $1 and action = 'vacancies.filled'`,
      [company.vacancyId],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ hires: 2, openings: 2 });
    const read = await call(company.staff, 'GET', `/api/vacancies/${company.vacancyId}`);
    expect(read.json().status).toBe('filled');

    // A filled vacancy takes no new proposals; the running candidature can still be closed.
    const late = await call(op.caseWorker, 'POST', '/api/candidatures', {
      vacancyId: company.vacancyId,
      personId: (await matchable(op)).id,
    });
    expect(late.statusCode).toBe(409);
    expect((await move(company.staff, cc.id, 'rejected')).statusCode).toBe(200);
  });

  it('a hire asking a fixed-term contract without its duration changes nothing; with it, the placement takes that contract', async () => {
    const ready = await readyPathway(t);
    await giveConsents(t.database.db, ready.person.id, ['company_matching']);
    const company = await makeCompany({ openings: 1, contractType: 'fixed_term', durationMonths: null });
    const c = await propose(ready.op.caseWorker, company.vacancyId, ready.person.id);
    for (const to of ['screening', 'interview']) await move(company.staff, c.id, to);
    // A fixed-term contract asked without its duration: the field is named, nothing is written.
    const bad = await call(company.staff, 'POST', `/api/candidatures/${c.id}/transition`, {
      to: 'hired',
      placement: { contractType: 'fixed_term', durationMonths: null },
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().code).toBe('candidatures.duration_required');
    expect(bad.json().errors[0].field).toBe('body.placement.durationMonths');
    expect((await vacancyOf(company.vacancyId)).status).toBe('open');
    expect((await call(company.staff, 'GET', `/api/candidatures/${c.id}`)).json().state).toBe('interview');

    const ok = await call(company.staff, 'POST', `/api/candidatures/${c.id}/transition`, {
      to: 'hired',
      placement: { contractType: 'fixed_term', durationMonths: 12, hoursPerWeek: 30 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await vacancyOf(company.vacancyId)).status).toBe('filled');
    const placement = await call(ready.op.caseWorker, 'GET', `/api/pathways/${ready.pathwayId}/placement`);
    expect(placement.json()).toMatchObject({
      contractType: 'fixed_term',
      expectedDurationDays: 360,
      hoursPerWeek: 30,
    });
  });

  it("hiring a priority-target person for a pledged vacancy moves the company's pledge counter", async () => {
    const ready = await readyPathway(t); // the person is over 50 and long-term unemployed
    await giveConsents(t.database.db, ready.person.id, ['company_matching']);
    const company = await makeCompany({ countsTowardsPledge: true });
    const year = new Date().getFullYear();
    const pledge = await call(company.staff, 'POST', '/api/pledges', {
      priorityTarget: 'over_50',
      offers: 3,
      periodFrom: `${year - 1}-01-01`,
      periodTo: `${year + 1}-12-31`,
    });
    expect(pledge.statusCode, pledge.body).toBe(201);
    const other = await call(company.staff, 'POST', '/api/pledges', {
      priorityTarget: 'neet_under_30',
      offers: 1,
      periodFrom: `${year - 1}-01-01`,
      periodTo: `${year + 1}-12-31`,
    });
    const coordinator = await makeUser(
      t.database.db,
      'network_coordinator',
      (await makeOrganization(t.database.db)).id,
    );
    const board = async () =>
      Object.fromEntries(
        (await call(coordinator, 'GET', `/api/pledges?organizationId=${company.org.id}`))
          .json()
          .items.map((p: { priorityTarget: string; hires: number }) => [p.priorityTarget, p.hires]),
      );
    expect(await board()).toEqual({ over_50: 0, neet_under_30: 0 });
    expect(pledge.json().pledgedVacancies).toBe(1);

    const c = await propose(ready.op.caseWorker, company.vacancyId, ready.person.id);
    await hire(company.staff, c.id);
    expect(await board()).toEqual({ over_50: 1, neet_under_30: 0 });
    expect(other.statusCode).toBe(201);
  });
});
