import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERRAL_TRANSITIONS, referralActionsFrom } from '@trama/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeProgramme, makeUser } from '../../test/factories';
import {
  api,
  makeClient,
  makeOperator,
  takeInCharge,
  type Operator,
} from '../pathways/pathways.test-helpers';

let t: TestApp;
let call: ReturnType<typeof api>;
beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
});
afterAll(async () => t.close());

const denials = async (userId: string) =>
  (
    await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where actor_user_id = $1 and outcome = 'denied'`,
      [userId],
    )
  )[0]!.n;

async function propose(sender: Operator, receiver: Operator, personId: string, over: object = {}) {
  const res = await call(sender.caseWorker, 'POST', '/api/referrals', {
    personId,
    toOrganizationId: receiver.org.id,
    reason: 'Percorso di inclusione con i servizi del territorio',
    sharedSections: ['identity', 'education', 'work_history'],
    ...over,
  });
  return res;
}

describe('referral state machine (shared contract)', () => {
  it('is the one the server enforces', () => {
    expect(referralActionsFrom('proposed', 'receiver')).toEqual(['accept', 'reject']);
    expect(referralActionsFrom('proposed', 'sender')).toEqual(['revoke']);
    expect(referralActionsFrom('accepted')).toEqual(['revoke', 'complete']);
    expect(referralActionsFrom('done')).toEqual([]);
    expect(REFERRAL_TRANSITIONS.accept.to).toBe('accepted');
  });
});

describe('referral gating', () => {
  it('the receiver cannot see the person until it accepts, then sees only the shared sections (audited)', async () => {
    const sender = await makeOperator(t);
    const receiver = await makeOperator(t);
    const outsider = await makeOperator(t);
    const programme = await makeProgramme(t.database.db, { handoverDays: 30 });
    const person = await makeClient(t, sender.org.id, {
      over: { email: 'anna@example.it', phone: '+39 333 1234567' },
    });
    const pathway = await takeInCharge(t, sender, person.id, programme.id);

    // Before any referral: the receiver gets 404, and it is audited.
    const before = await call(receiver.caseWorker, 'GET', `/api/people/${person.id}`);
    expect(before.statusCode).toBe(404);
    const deniedBefore = await denials(receiver.caseWorker.userId);
    expect(deniedBefore).toBeGreaterThan(0);

    const created = await propose(sender, receiver, person.id, { pathwayId: pathway.id });
    expect(created.statusCode, created.body).toBe(201);
    const referral = created.json();
    expect(referral).toMatchObject({ state: 'proposed', side: 'sender', handoverDays: 30 });
    expect(referral.person).toMatchObject({ id: person.id, lastName: person.lastName });

    // Proposed: the receiver sees the referral but not who the person is, and still no record.
    const incoming = (await call(receiver.caseWorker, 'GET', '/api/referrals?direction=incoming')).json();
    expect(incoming.items).toHaveLength(1);
    expect(incoming.items[0]).toMatchObject({
      id: referral.id,
      person: null,
      availableActions: ['accept', 'reject'],
    });
    const one = (await call(receiver.caseWorker, 'GET', `/api/referrals/${referral.id}`)).json();
    expect(one.person).toBeNull();
    expect(one.pathwayId).toBeNull();
    expect((await call(receiver.caseWorker, 'GET', `/api/people/${person.id}`)).statusCode).toBe(404);
    const lookup = (
      await call(receiver.caseWorker, 'GET', `/api/referrals?direction=incoming&personId=${person.id}`)
    ).json();
    expect(lookup.items).toEqual([]);
    expect(await denials(receiver.caseWorker.userId)).toBeGreaterThan(deniedBefore);

    // A third organisation sees nothing (404, audited).
    const other = await call(outsider.caseWorker, 'GET', `/api/referrals/${referral.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('referrals.not_found');
    expect(await denials(outsider.caseWorker.userId)).toBe(1);
    const otherAccept = await call(outsider.caseWorker, 'POST', `/api/referrals/${referral.id}/transitions`, {
      action: 'accept',
    });
    expect(otherAccept.statusCode).toBe(404);

    // Only the receiver accepts.
    const byS = await call(sender.caseWorker, 'POST', `/api/referrals/${referral.id}/transitions`, {
      action: 'accept',
    });
    expect(byS.statusCode).toBe(403);
    const accepted = await call(receiver.caseWorker, 'POST', `/api/referrals/${referral.id}/transitions`, {
      action: 'accept',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      state: 'accepted',
      side: 'receiver',
      person: { id: person.id, firstName: person.firstName, lastName: person.lastName },
    });

    // Now the receiver reads the record: the shared sections and nothing else.
    const seen = await call(receiver.caseWorker, 'GET', `/api/people/${person.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    const body = seen.json();
    expect(body.access).toMatchObject({ kind: 'sections' });
    expect([...body.access.sections].sort()).toEqual(['education', 'identity', 'work_history']);
    expect(body).toMatchObject({ firstName: person.firstName, educationLevel: 2 });
    expect(body).not.toHaveProperty('email');
    expect(body).not.toHaveProperty('phone');
    expect(body).not.toHaveProperty('residenceMunicipalityCode');
    expect(body).not.toHaveProperty('priorityTargets');
    const readAudit = await t.database.query<{ outcome: string }>(
      `select outcome from audit_log where actor_user_id = $1 and entity_id = $2 and outcome = 'ok'`,
      [receiver.caseWorker.userId, person.id],
    );
    expect(readAudit.length).toBeGreaterThan(0);
    // The receiver still cannot open the sender's pathway.
    expect((await call(receiver.caseWorker, 'GET', `/api/pathways/${pathway.id}`)).statusCode).toBe(404);

    // The sender holds a read grant for the handover window.
    const grants = await t.database.query<{ organization_id: string; scope: string; days: number | null }>(
      `select organization_id, scope, round(extract(epoch from (valid_until - now())) / 86400)::int as days
         from person_access where source_id = $1 order by scope`,
      [referral.id],
    );
    expect(grants).toEqual([
      { organization_id: sender.org.id, scope: 'full', days: 30 },
      { organization_id: receiver.org.id, scope: 'referral', days: null },
    ]);
    const audited = await t.database.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 and outcome = 'ok' and action like 'referrals.%' order by id`,
      [referral.id],
    );
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['referrals.create', 'referrals.accept']),
    );
    // The sender's pathway timeline records the referral steps.
    const timeline = (await call(sender.caseWorker, 'GET', `/api/pathways/${pathway.id}`)).json().timeline;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['referral.proposed', 'referral.accept']),
    );

    // Completing leaves the receiver the handover window; no transition after done.
    const done = await call(receiver.caseWorker, 'POST', `/api/referrals/${referral.id}/transitions`, {
      action: 'complete',
    });
    expect(done.json().state).toBe('done');
    const after = await call(receiver.caseWorker, 'POST', `/api/referrals/${referral.id}/transitions`, {
      action: 'reject',
      reason: 'tardi',
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('referrals.invalid_transition');
    const receiverGrant = await t.database.query<{ days: number }>(
      `select round(extract(epoch from (valid_until - now())) / 86400)::int as days
         from person_access where source_id = $1 and organization_id = $2`,
      [referral.id, receiver.org.id],
    );
    expect(receiverGrant).toEqual([{ days: 30 }]);
  });

  it("needs the person's network-sharing consent", async () => {
    const sender = await makeOperator(t);
    const receiver = await makeOperator(t);
    const person = await makeClient(t, sender.org.id, { consents: ['case_management'] });
    const res = await propose(sender, receiver, person.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('referrals.consent_missing');
  });

  it('revoking an accepted referral ends the receiver access; rejecting needs a reason', async () => {
    const sender = await makeOperator(t);
    const receiver = await makeOperator(t);
    const person = await makeClient(t, sender.org.id);
    const r = (await propose(sender, receiver, person.id)).json();
    const dup = await propose(sender, receiver, person.id);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('referrals.already_open');
    await call(receiver.caseWorker, 'POST', `/api/referrals/${r.id}/transitions`, { action: 'accept' });
    expect((await call(receiver.caseWorker, 'GET', `/api/people/${person.id}`)).statusCode).toBe(200);
    const noReason = await call(sender.caseWorker, 'POST', `/api/referrals/${r.id}/transitions`, {
      action: 'revoke',
    });
    expect(noReason.json().code).toBe('referrals.reason_required');
    const revoked = await call(sender.caseWorker, 'POST', `/api/referrals/${r.id}/transitions`, {
      action: 'revoke',
      reason: 'Inviata per errore',
    });
    expect(revoked.json().state).toBe('revoked');
    expect((await call(receiver.caseWorker, 'GET', `/api/people/${person.id}`)).statusCode).toBe(404);
    expect((await call(receiver.caseWorker, 'GET', `/api/referrals/${r.id}`)).json().person).toBeNull();

    const r2 = (await propose(sender, receiver, person.id)).json();
    const rej = await call(receiver.caseWorker, 'POST', `/api/referrals/${r2.id}/transitions`, {
      action: 'reject',
    });
    expect(rej.statusCode).toBe(422);
    const ok = await call(receiver.caseWorker, 'POST', `/api/referrals/${r2.id}/transitions`, {
      action: 'reject',
      reason: 'Nessuna disponibilità',
    });
    expect(ok.json()).toMatchObject({
      state: 'rejected',
      decisionReason: 'Nessuna disponibilità',
      person: null,
    });
  });

  it('only people the sender follows in full can be referred; no referrals to oneself', async () => {
    const sender = await makeOperator(t);
    const receiver = await makeOperator(t);
    const stranger = await makeClient(t, receiver.org.id);
    const res = await propose(sender, receiver, stranger.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('people.not_found');
    const mine = await makeClient(t, sender.org.id);
    const self = await propose(sender, sender, mine.id);
    expect(self.json().code).toBe('referrals.same_organization');
    const admin = await makeUser(t.database.db, 'platform_admin', null);
    expect((await call(admin, 'GET', '/api/referrals')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/referrals')).statusCode).toBe(401);
  });
});
