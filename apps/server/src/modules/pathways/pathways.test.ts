import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ILLUSTRATIVE_RULES } from '../programmes';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makeProgramme, makeUser, type TestUser } from '../../test/factories';
import {
  ANSWERS,
  PACT,
  api,
  assess,
  isoDaysAgo,
  issueVoucher,
  makeClient,
  makeOperator,
  readyPathway,
  signPact,
  takeInCharge,
  today,
} from './pathways.test-helpers';

let t: TestApp;
let call: ReturnType<typeof api>;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
  admin = await makeUser(t.database.db, 'platform_admin', null);
});
afterAll(async () => t.close());

const auditOf = (action: string, entityId: string) =>
  t.database.query<{ outcome: string; actor_user_id: string | null }>(
    'select outcome, actor_user_id from audit_log where action = $1 and entity_id = $2 order by id',
    [action, entityId],
  );

describe('the full path: take in charge, assess, pact, voucher, deliveries, placement', () => {
  it('walks every step, keeps the timeline and closes on a placement with the result line', async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db);
    const person = await makeClient(t, op.org.id);

    // Taking in charge grants the operator's organisation access for the pathway.
    const created = await takeInCharge(t, op, person.id, programme.id);
    expect(created.state).toBe('taken_in_charge');
    const grants = await t.database.query<{ reason: string; organization_id: string }>(
      'select reason, organization_id from person_access where source_id = $1',
      [created.id],
    );
    expect(grants).toEqual([{ reason: 'pathway', organization_id: op.org.id }]);

    // Assessment proposal from the data-driven rules: 69 points => path 3, band 3.
    const proposal = (
      await call(op.caseWorker, 'GET', `/api/pathways/${created.id}/assessment-proposal`)
    ).json();
    expect(proposal).toMatchObject({ score: 69, proposedPath: 3, proposedBand: 3, ruleSetVersion: 1 });
    expect(
      Object.fromEntries(proposal.factors.map((f: { key: string; points: number }) => [f.key, f.points])),
    ).toEqual({
      age: 14,
      months_unemployed: 18,
      education: 12,
      last_job: 12,
      sex: 3,
      priority: 10,
    });
    const assessment = await assess(t, op, created.id);
    expect(assessment).toMatchObject({ confirmedPath: 3, confirmedBand: 3, overridden: false });

    // Pact v1 signed by both => pact_signed.
    const pact = await signPact(t, op, created.id);
    expect(pact).toMatchObject({ version: 1, status: 'signed', personSignatureMethod: 'handwritten' });
    expect(pact.content.responsibleOperator.organizationName).toBe(op.org.name);
    expect(pact.content.profile).toMatchObject({ score: 69, golPath: 3, intensityBand: 3 });
    const pdf = await call(op.caseWorker, 'GET', `/api/pathways/${created.id}/pact/versions/1.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Voucher: cap from band 3 of the programme (illustrative 4,000.00 EUR), plan of three lines.
    const voucher = await issueVoucher(
      t,
      { op, programme, person, pathwayId: created.id },
      {
        'ORI-IND': 8,
        'ACC-LAV': 20,
        'INS-LAV': 1,
      },
    );
    expect(voucher).toMatchObject({ band: 3, capCents: 400_000, status: 'active', usedCents: 0 });
    expect(voucher.ledger).toEqual({
      capCents: 400_000,
      plannedCents: 8 * 3_550 + 20 * 3_400 + 80_000,
      deliveredCents: 0,
      pendingCents: 0,
      validatedCents: 0,
      remainingCents: 400_000,
    });
    const orientation = voucher.plan.find((l: { code: string }) => l.code === 'ORI-IND');
    const rec = await call(op.caseWorker, 'POST', `/api/vouchers/${voucher.id}/deliveries`, {
      planLineId: orientation.id,
      deliveredOn: today(),
      units: 2.5,
      attendanceSigned: true,
    });
    expect(rec.statusCode, rec.body).toBe(201);
    expect(rec.json()).toMatchObject({ status: 'recorded', amountCents: 8_875, units: 2.5 });
    const val = await call(
      op.colleague,
      'POST',
      `/api/vouchers/${voucher.id}/deliveries/${rec.json().id}/validate`,
    );
    expect(val.statusCode, val.body).toBe(200);
    expect(val.json().ledger).toMatchObject({ validatedCents: 8_875, remainingCents: 400_000 - 8_875 });

    // A convocation with 48 h notice; its outcome cannot be recorded before it happens.
    const when = new Date(Date.now() + 48 * 3600_000).toISOString();
    const appt = await call(op.caseWorker, 'POST', `/api/pathways/${created.id}/appointments`, {
      scheduledAt: when,
      purpose: 'Colloquio di verifica',
    });
    expect(appt.statusCode, appt.body).toBe(201);
    const early = await call(
      op.caseWorker,
      'POST',
      `/api/pathways/${created.id}/appointments/${appt.json().id}/outcome`,
      { outcome: 'attended' },
    );
    expect(early.json().code).toBe('pathways.appointment_not_held_yet');

    // Placement with a one-year contract: closes the pathway, creates the result entitlement.
    const placed = await call(op.caseWorker, 'POST', `/api/pathways/${created.id}/placement`, {
      employerName: 'Officine Brambilla S.r.l.',
      contractType: 'fixed_term',
      startDate: today(),
      expectedDurationDays: 365,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ resultTriggered: true });
    expect(placed.json().resultDeliveryIds).toHaveLength(1);
    const resultId = placed.json().resultDeliveryIds[0];
    const resVal = await call(
      op.colleague,
      'POST',
      `/api/vouchers/${voucher.id}/deliveries/${resultId}/validate`,
    );
    expect(resVal.statusCode, resVal.body).toBe(200);
    expect(resVal.json().ledger).toMatchObject({ validatedCents: 8_875 + 80_000, pendingCents: 0 });

    const after = (await call(op.caseWorker, 'GET', `/api/pathways/${created.id}`)).json();
    expect(after.state).toBe('placed');
    expect(after.closedAt).not.toBeNull();
    expect(after.availableActions).toEqual([]);
    const kinds = after.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      'transition.take_in_charge',
      'assessment.recorded',
      'transition.assess',
      'pact.version_created',
      'pact.signed',
      'pact.signed',
      'transition.sign_pact',
      'transition.start_delivery',
      'voucher.issued',
      'delivery.recorded',
      'delivery.validated',
      'appointment.scheduled',
      'transition.place',
      'placement.recorded',
      'delivery.validated',
    ]);
    expect(after.timeline.every((e: { actorUserId: string | null }) => e.actorUserId)).toBe(true);
    const v = (await call(op.caseWorker, 'GET', `/api/vouchers/${voucher.id}`)).json();
    expect(v.status).toBe('closed');
    expect((await auditOf('pathways.read', created.id)).length).toBeGreaterThan(0);
  });

  it('a short contract closes the pathway without the result line', async () => {
    const ready = await readyPathway(t);
    const voucher = await issueVoucher(t, ready, { 'ORI-IND': 2, 'INS-LAV': 1 });
    const placed = await call(ready.op.caseWorker, 'POST', `/api/pathways/${ready.pathwayId}/placement`, {
      employerName: 'Stagionale Srl',
      contractType: 'seasonal',
      startDate: today(),
      expectedDurationDays: 90,
    });
    expect(placed.json()).toMatchObject({ resultTriggered: false, resultDeliveryIds: [] });
    const v = (await call(ready.op.caseWorker, 'GET', `/api/vouchers/${voucher.id}`)).json();
    expect(v.ledger.pendingCents).toBe(0);
    // A fixed-term contract needs its duration.
    const other = await readyPathway(t);
    const missing = await call(other.op.caseWorker, 'POST', `/api/pathways/${other.pathwayId}/placement`, {
      employerName: 'X Srl',
      contractType: 'fixed_term',
      startDate: today(),
    });
    expect(missing.json().code).toBe('pathways.duration_required');
  });
});

describe('state machine', () => {
  it('refuses transitions the shared machine does not allow (409) and asks for reasons', async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db);
    const person = await makeClient(t, op.org.id);
    const p = await takeInCharge(t, op, person.id, programme.id);
    const tr = (action: string, reason?: string) =>
      call(op.caseWorker, 'POST', `/api/pathways/${p.id}/transitions`, {
        action,
        ...(reason ? { reason } : {}),
      });

    const suspend = await tr('suspend', 'malattia');
    expect(suspend.statusCode).toBe(409);
    expect(suspend.json().code).toBe('pathways.invalid_transition');
    const place = await tr('place');
    expect(place.statusCode).toBe(409);
    expect(place.json().code).toBe('pathways.invalid_transition');
    const sign = await tr('sign_pact');
    expect(sign.json().code).toBe('pathways.invalid_transition');
    const noReason = await tr('withdraw');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('pathways.reason_required');
    const bogus = await tr('teleport');
    expect(bogus.statusCode).toBe(422);
    expect(bogus.json().code).toBe('validation.failed');

    // A second open pathway in the same programme is refused.
    const dup = await call(op.caseWorker, 'POST', '/api/pathways', {
      personId: person.id,
      programmeId: programme.id,
      officeId: op.office.id,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('pathways.already_open');

    const withdrawn = await tr('withdraw', 'Trasferimento in altra regione');
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ state: 'withdrawn', availableActions: [] });
    expect((await tr('resume')).json().code).toBe('pathways.invalid_transition');
    // Nothing more can happen on a closed pathway.
    const assessClosed = await call(op.caseWorker, 'POST', `/api/pathways/${p.id}/assessments`, {
      questionnaireVersion: 'qual-1',
      answers: ANSWERS,
      confirmedPath: 3,
      confirmedBand: 3,
    });
    expect(assessClosed.json().code).toBe('pathways.closed');
    // Once closed, a new pathway in the same programme may start.
    await takeInCharge(t, op, person.id, programme.id);
  });

  it('suspends and resumes during delivery, then closes without outcome; the voucher closes too', async () => {
    const ready = await readyPathway(t);
    const voucher = await issueVoucher(t, ready, { 'ORI-IND': 2 });
    const tr = (action: string, reason?: string) =>
      call(ready.op.caseWorker, 'POST', `/api/pathways/${ready.pathwayId}/transitions`, {
        action,
        ...(reason ? { reason } : {}),
      });
    expect((await tr('suspend', 'Ricovero ospedaliero')).json().state).toBe('suspended');
    expect((await tr('suspend', 'ancora')).json().code).toBe('pathways.invalid_transition');
    expect((await tr('resume')).json().state).toBe('in_delivery');
    const closed = await tr('close_without_outcome', 'Fine del periodo senza esito');
    expect(closed.json().state).toBe('closed_without_outcome');
    const events = closed.json().timeline.filter((e: { kind: string }) => e.kind.startsWith('transition.'));
    expect(events.map((e: { fromState: string; toState: string }) => `${e.fromState}>${e.toState}`)).toEqual([
      'null>taken_in_charge',
      'taken_in_charge>assessed',
      'assessed>pact_signed',
      'pact_signed>in_delivery',
      'in_delivery>suspended',
      'suspended>in_delivery',
      'in_delivery>closed_without_outcome',
    ]);
    expect(events.find((e: { toState: string }) => e.toState === 'suspended').reason).toBe(
      'Ricovero ospedaliero',
    );
    expect((await call(ready.op.caseWorker, 'GET', `/api/vouchers/${voucher.id}`)).json().status).toBe(
      'closed',
    );
  });

  it('needs case-management consent, a visible person and an office of the organisation', async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db);
    const noConsent = await makeClient(t, op.org.id, { consents: [] });
    const r1 = await call(op.caseWorker, 'POST', '/api/pathways', {
      personId: noConsent.id,
      programmeId: programme.id,
      officeId: op.office.id,
    });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().code).toBe('pathways.consent_missing');
    const other = await makeOperator(t);
    const stranger = await makeClient(t, other.org.id);
    const r2 = await call(op.caseWorker, 'POST', '/api/pathways', {
      personId: stranger.id,
      programmeId: programme.id,
      officeId: op.office.id,
    });
    expect(r2.statusCode).toBe(404);
    expect(r2.json().code).toBe('people.not_found');
    const mine = await makeClient(t, op.org.id);
    const r3 = await call(op.caseWorker, 'POST', '/api/pathways', {
      personId: mine.id,
      programmeId: programme.id,
      officeId: other.office.id,
    });
    expect(r3.json().code).toBe('pathways.office_invalid');
    const r4 = await call(op.caseWorker, 'POST', '/api/pathways', {
      personId: mine.id,
      programmeId: programme.id,
      officeId: op.office.id,
      caseWorkerUserId: other.caseWorker.userId,
    });
    expect(r4.json().code).toBe('pathways.case_worker_invalid');
  });
});

describe('assessment', () => {
  it('override needs a reason; re-assessment keeps history; a new rule-set version leaves old results explained', async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db);
    const person = await makeClient(t, op.org.id);
    const p = await takeInCharge(t, op, person.id, programme.id);
    const post = (body: object) => call(op.caseWorker, 'POST', `/api/pathways/${p.id}/assessments`, body);
    const base = { questionnaireVersion: 'qual-1', answers: ANSWERS };

    const noReason = await post({ ...base, confirmedPath: 2, confirmedBand: 3 });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('pathways.override_reason_required');
    const badAnswers = await post({
      ...base,
      answers: { ...ANSWERS, goal_realism: 9, unknown_q: 1 },
      confirmedPath: 3,
      confirmedBand: 3,
    });
    expect(badAnswers.json().code).toBe('pathways.questionnaire_invalid');
    expect(
      badAnswers
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.answers.goal_realism', 'body.answers.unknown_q']);
    const noBand = await post({ ...base, confirmedPath: 3, confirmedBand: 5, overrideReason: 'x' });
    expect(noBand.json().code).toBe('pathways.band_not_defined');

    const first = await post({
      ...base,
      confirmedPath: 2,
      confirmedBand: 2,
      overrideReason: 'Ha competenze spendibili',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      proposedPath: 3,
      proposedBand: 3,
      confirmedPath: 2,
      confirmedBand: 2,
      overridden: true,
      overrideReason: 'Ha competenze spendibili',
      ruleSetVersion: 1,
    });

    // The regional officer publishes rule set v2 (priority flags weigh nothing now).
    const region = await makeOrganization(t.database.db, { type: 'regional_authority' });
    const officer = await makeUser(t.database.db, 'regional_officer', region.id);
    const v2 = await call(officer, 'POST', `/api/programmes/${programme.id}/rule-sets`, {
      rules: {
        ...ILLUSTRATIVE_RULES,
        factors: ILLUSTRATIVE_RULES.factors.filter((f) => f.key !== 'priority'),
      },
      note: 'Senza target prioritari',
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json().version).toBe(2);
    const denied = await call(op.caseWorker, 'POST', `/api/programmes/${programme.id}/rule-sets`, {
      rules: ILLUSTRATIVE_RULES,
    });
    expect(denied.statusCode).toBe(403);

    const second = await post({ ...base, confirmedPath: 3, confirmedBand: 3 });
    expect(second.json()).toMatchObject({ score: 59, ruleSetVersion: 2, overridden: false });

    const history = (await call(op.caseWorker, 'GET', `/api/pathways/${p.id}/assessments`)).json().items;
    expect(
      history.map((a: { ruleSetVersion: number; score: number }) => [a.ruleSetVersion, a.score]),
    ).toEqual([
      [2, 59],
      [1, 69],
    ]);
    const pathway = (await call(op.caseWorker, 'GET', `/api/pathways/${p.id}`)).json();
    expect(pathway).toMatchObject({ state: 'assessed', golPath: 3, intensityBand: 3 });
    // Old rules stay readable.
    const v1 = await call(op.caseWorker, 'GET', `/api/programmes/${programme.id}/rule-sets/1`);
    expect(v1.json().rules.factors.some((f: { key: string }) => f.key === 'priority')).toBe(true);
  });
});

describe('profiling inputs', () => {
  it('reads the work history: months since the last job and the number of jobs', async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db);
    const person = await makeClient(t, op.org.id);
    await t.database.query(
      `insert into person_work_history (person_id, employer_name, from_date, to_date)
       values ($1, 'Tessitura Lariana', current_date - 2000, current_date - 800),
              ($1, 'Logistica Nord', current_date - 700, (current_date - interval '10 months' - interval '3 days')::date)`,
      [person.id],
    );
    const p = await takeInCharge(t, op, person.id, programme.id);
    const proposal = (await call(op.caseWorker, 'GET', `/api/pathways/${p.id}/assessment-proposal`)).json();
    expect(proposal.inputs).toMatchObject({
      monthsSinceLastJob: 10,
      workHistoryCount: 2,
      hasWorkHistory: true,
    });
    expect(proposal.factors.find((f: { key: string }) => f.key === 'last_job').points).toBe(6);
    expect(proposal.score).toBe(63);
  });
});

describe('service pact', () => {
  it('keeps versions; only the latest can be signed; each version has its PDF', async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db);
    const person = await makeClient(t, op.org.id);
    const p = await takeInCharge(t, op, person.id, programme.id);
    const early = await call(op.caseWorker, 'POST', `/api/pathways/${p.id}/pact/versions`, PACT);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('pathways.pact_not_allowed');
    await assess(t, op, p.id);
    await signPact(t, op, p.id);
    const v2 = await call(op.caseWorker, 'POST', `/api/pathways/${p.id}/pact/versions`, {
      ...PACT,
      meetingFrequencyDays: 15,
      notes: 'Incontri più frequenti',
    });
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft' });
    const signOld = await call(op.caseWorker, 'POST', `/api/pathways/${p.id}/pact/versions/1/sign`, {
      signer: 'person',
      method: 'spid',
    });
    expect(signOld.json().code).toBe('pathways.pact_version_outdated');
    const s1 = await call(op.caseWorker, 'POST', `/api/pathways/${p.id}/pact/versions/2/sign`, {
      signer: 'operator',
      method: 'handwritten',
    });
    expect(s1.json()).toMatchObject({ status: 'draft', operatorSignatureMethod: 'handwritten' });
    const again = await call(op.caseWorker, 'POST', `/api/pathways/${p.id}/pact/versions/2/sign`, {
      signer: 'operator',
      method: 'otp',
    });
    expect(again.json().code).toBe('pathways.pact_already_signed');
    await call(op.caseWorker, 'POST', `/api/pathways/${p.id}/pact/versions/2/sign`, {
      signer: 'person',
      method: 'spid',
    });
    const list = (await call(op.caseWorker, 'GET', `/api/pathways/${p.id}/pact`)).json().items;
    expect(list.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'signed'],
      [1, 'superseded'],
    ]);
    for (const v of [1, 2]) {
      const pdf = await call(op.caseWorker, 'GET', `/api/pathways/${p.id}/pact/versions/${v}.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    }
    expect((await call(op.caseWorker, 'GET', `/api/pathways/${p.id}/pact/versions/3.pdf`)).statusCode).toBe(
      404,
    );
    expect((await auditOf('pathways.pact_pdf', p.id)).length).toBe(2);
  });
});

describe('appointments', () => {
  it('enforces the programme notice, records the outcome once, and shows missing outcomes as overdue', async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db, { minNoticeHours: 24 });
    const person = await makeClient(t, op.org.id);
    const p = await takeInCharge(t, op, person.id, programme.id);
    const url = `/api/pathways/${p.id}/appointments`;
    const short = await call(op.caseWorker, 'POST', url, {
      scheduledAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      purpose: 'Colloquio',
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('pathways.notice_too_short');
    // Notified three days ago for an appointment an hour ago.
    const past = await call(op.caseWorker, 'POST', url, {
      scheduledAt: new Date(Date.now() - 3600_000).toISOString(),
      notifiedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      purpose: 'Colloquio di orientamento',
      channel: 'video',
    });
    expect(past.statusCode, past.body).toBe(201);
    const load = (await call(op.caseWorker, 'GET', '/api/caseload?scope=mine')).json();
    expect(load.items.find((i: { id: string }) => i.id === p.id)).toMatchObject({
      appointmentsWithoutOutcome: 1,
      overdue: true,
    });
    const out = await call(op.caseWorker, 'POST', `${url}/${past.json().id}/outcome`, {
      outcome: 'justified_absence',
      note: 'Certificato medico',
    });
    expect(out.json()).toMatchObject({
      outcome: 'justified_absence',
      outcomeRecordedBy: op.caseWorker.userId,
    });
    const twice = await call(op.caseWorker, 'POST', `${url}/${past.json().id}/outcome`, {
      outcome: 'missed',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('pathways.appointment_outcome_recorded');
    const list = (await call(op.caseWorker, 'GET', url)).json().items;
    expect(list).toHaveLength(1);
  });
});

describe('caseload', () => {
  it("lists my people and my office's people by state, with overdue items computed in SQL", async () => {
    const op = await makeOperator(t);
    const programme = await makeProgramme(t.database.db, {
      pactDeadlineDays: 30,
      voucherExpiryWarningDays: 30,
    });
    const mine = await takeInCharge(t, op, (await makeClient(t, op.org.id)).id, programme.id);
    // Taken in charge 40 days ago and still without a pact: overdue.
    await t.database.query(
      `update pathways set taken_in_charge_at = now() - interval '40 days' where id = $1`,
      [mine.id],
    );
    // A colleague's pathway, in delivery with a voucher ending within the warning window.
    const ready = await readyPathway(t, {
      op: { ...op, caseWorker: op.colleague, colleague: op.caseWorker },
    });
    const voucher = await issueVoucher(
      t,
      ready,
      { 'ORI-IND': 2 },
      { startDate: isoDaysAgo(20), endDate: isoDaysAgo(-5) },
    );
    expect(voucher.endDate).toBe(isoDaysAgo(-5));

    const m = (await call(op.caseWorker, 'GET', '/api/caseload?scope=mine')).json();
    expect(m.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect(m.items[0]).toMatchObject({ pactOverdue: true, overdue: true, voucherId: null });
    expect(m.countsByState).toEqual({ taken_in_charge: 1 });

    const o = (await call(op.caseWorker, 'GET', '/api/caseload?scope=office&limit=1')).json();
    expect(o.items).toHaveLength(1);
    expect(o.nextCursor).not.toBeNull();
    const o2 = (
      await call(op.caseWorker, 'GET', `/api/caseload?scope=office&limit=1&cursor=${o.nextCursor}`)
    ).json();
    expect(o2.nextCursor).toBeNull();
    const all = [...o.items, ...o2.items];
    expect(all.map((i: { id: string }) => i.id).sort()).toEqual([mine.id, ready.pathwayId].sort());
    expect(all.find((i: { id: string }) => i.id === ready.pathwayId)).toMatchObject({
      state: 'in_delivery',
      voucherExpiring: true,
      pactOverdue: false,
      overdue: true,
    });
    expect(o.countsByState).toEqual({ taken_in_charge: 1, in_delivery: 1 });
    const byState = (await call(op.caseWorker, 'GET', '/api/caseload?scope=office&state=in_delivery')).json();
    expect(byState.items.map((i: { id: string }) => i.id)).toEqual([ready.pathwayId]);
    const overdue = (await call(op.caseWorker, 'GET', '/api/caseload?scope=office&overdueOnly=true')).json();
    expect(overdue.items).toHaveLength(2);
    // Other organisations see none of it.
    const other = await makeOperator(t);
    expect((await call(other.caseWorker, 'GET', '/api/caseload?scope=office')).json().items).toEqual([]);
    const list = (await call(op.caseWorker, 'GET', '/api/pathways')).json();
    expect(list.items).toHaveLength(2);
    const filtered = (await call(op.caseWorker, 'GET', `/api/pathways?programmeId=${programme.id}`)).json();
    expect(filtered.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
  });
});

describe('access from other organisations and roles', () => {
  it('every pathway and voucher endpoint answers 404 (audited) to another organisation and 403 to non-operators', async () => {
    const ready = await readyPathway(t);
    const voucher = await issueVoucher(t, ready, { 'ORI-IND': 4, 'INS-LAV': 1 });
    const line = voucher.plan.find((l: { code: string }) => l.code === 'ORI-IND');
    const d = await call(ready.op.caseWorker, 'POST', `/api/vouchers/${voucher.id}/deliveries`, {
      planLineId: line.id,
      deliveredOn: today(),
      units: 1,
      attendanceSigned: true,
    });
    const appt = await call(ready.op.caseWorker, 'POST', `/api/pathways/${ready.pathwayId}/appointments`, {
      scheduledAt: new Date(Date.now() + 72 * 3600_000).toISOString(),
      purpose: 'Verifica',
    });
    const id = ready.pathwayId;
    const vid = voucher.id;
    const did = d.json().id;
    const endpoints: [string, string, object?][] = [
      ['GET', `/api/pathways/${id}`],
      ['PATCH', `/api/pathways/${id}`, { version: 1 }],
      ['POST', `/api/pathways/${id}/transitions`, { action: 'suspend', reason: 'x' }],
      ['GET', `/api/pathways/${id}/assessment-proposal`],
      ['GET', `/api/pathways/${id}/assessments`],
      [
        'POST',
        `/api/pathways/${id}/assessments`,
        { questionnaireVersion: 'qual-1', answers: ANSWERS, confirmedPath: 3, confirmedBand: 3 },
      ],
      ['GET', `/api/pathways/${id}/pact`],
      ['POST', `/api/pathways/${id}/pact/versions`, PACT],
      ['GET', `/api/pathways/${id}/pact/versions/1`],
      ['GET', `/api/pathways/${id}/pact/versions/1.pdf`],
      ['POST', `/api/pathways/${id}/pact/versions/1/sign`, { signer: 'person', method: 'otp' }],
      ['GET', `/api/pathways/${id}/appointments`],
      [
        'POST',
        `/api/pathways/${id}/appointments`,
        { scheduledAt: new Date(Date.now() + 96 * 3600_000).toISOString(), purpose: 'x y' },
      ],
      ['POST', `/api/pathways/${id}/appointments/${appt.json().id}/outcome`, { outcome: 'missed' }],
      [
        'POST',
        `/api/pathways/${id}/placement`,
        { employerName: 'Spia Srl', contractType: 'permanent', startDate: today() },
      ],
      ['GET', `/api/pathways/${id}/placement`],
      ['POST', '/api/vouchers', { pathwayId: id, plan: [] }],
      ['GET', `/api/vouchers/${vid}`],
      ['PUT', `/api/vouchers/${vid}/plan`, { catalogueLineId: line.catalogueLineId, plannedUnits: 1 }],
      ['GET', `/api/vouchers/${vid}/deliveries`],
      [
        'POST',
        `/api/vouchers/${vid}/deliveries`,
        { planLineId: line.id, deliveredOn: today(), units: 1, attendanceSigned: true },
      ],
      ['POST', `/api/vouchers/${vid}/deliveries/${did}/validate`],
      ['POST', `/api/vouchers/${vid}/deliveries/${did}/reject`, { reason: 'non valida' }],
    ];
    const other = await makeOperator(t);
    const region = await makeOrganization(t.database.db, { type: 'regional_authority' });
    const officer = await makeUser(t.database.db, 'regional_officer', region.id);
    for (const [method, url, body] of endpoints) {
      const res = await call(other.caseWorker, method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
      expect(res.json().code, `${method} ${url}`).toMatch(/^(pathways|vouchers)\.not_found$/);
      const asOfficer = await call(officer, method as 'GET', url, body);
      expect(asOfficer.statusCode, `${method} ${url} as regional officer`).toBe(403);
      const asAdmin = await call(admin, method as 'GET', url, body);
      expect(asAdmin.statusCode, `${method} ${url} as platform admin`).toBe(403);
      const anon = await call(null, method as 'GET', url, body);
      expect(anon.statusCode, `${method} ${url} anonymous`).toBe(401);
    }
    // Each refusal to the other organisation left an audit entry.
    const denied = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where actor_user_id = $1 and action = 'access.denied' and outcome = 'denied'`,
      [other.caseWorker.userId],
    );
    expect(denied[0]!.n).toBe(endpoints.length);
    // And nothing changed for the owner.
    const still = (await call(ready.op.caseWorker, 'GET', `/api/pathways/${id}`)).json();
    expect(still.state).toBe('in_delivery');
    expect(
      (await call(ready.op.caseWorker, 'GET', `/api/vouchers/${vid}`)).json().ledger.validatedCents,
    ).toBe(0);
  });
});
