import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathwayState } from '@trama/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import {
  giveConsents,
  makeOffice,
  makeOrganization,
  makePerson,
  makeProgramme,
  makeUser,
  type TestUser,
} from '../../test/factories';
import { auditLog } from '../audit/audit.table';
import { pathways } from '../pathways';
import { grantPersonAccess, personSkills, revokePersonAccess } from '../people';
import { programmes } from '../programmes';
import { refOccupations, refSkills } from '../reference';
import { vacancies, vacancySkills } from '../vacancies';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let t: TestApp;
const call = (u: TestUser | null, method: Method, url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    ...(u ? { headers: { cookie: u.cookie } } : {}),
    ...(payload ? { payload } : {}),
  });

const TERMINAL: PathwayState[] = ['placed', 'closed_without_outcome', 'withdrawn', 'forfeited'];
const MILANO = '015146';
const MONZA = '108033';
const BORMIO = '014009';

let owner: TestUser;
let otherOperator: TestUser;
let coordinator: TestUser;
let companyStaff: TestUser;
let ownerOrgId: string;
let officeId: string;
let programmeId: string;
let companyId: string;
let skills: number[];
let occupationId: number;

async function insertPathway(personId: string, state: PathwayState) {
  const [row] = await t.database.db
    .insert(pathways)
    .values({
      personId,
      programmeId,
      organizationId: ownerOrgId,
      officeId,
      caseWorkerUserId: owner.userId,
      createdBy: owner.userId,
      state,
      closedAt: TERMINAL.includes(state) ? new Date() : null,
    })
    .returning({ id: pathways.id });
  return row!.id;
}

async function createCrisis(over: Record<string, unknown> = {}) {
  const res = await call(owner, 'POST', '/api/crises', {
    title: 'Chiusura stabilimento di Sesto',
    companyId,
    siteMunicipalityCode: MILANO,
    programmeId,
    workersAffected: 120,
    announcedOn: '2026-03-01',
    agreementOn: '2026-04-15',
    redundancyEndOn: '2026-12-31',
    agreementSigned: true,
    unionOrganizations: ['FIOM-CGIL', 'FIM-CISL'],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; access: string };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const jobCentre = await makeOrganization(db, { type: 'public_job_centre' });
  ownerOrgId = jobCentre.id;
  officeId = (await makeOffice(db, jobCentre.id)).id;
  owner = await makeUser(db, 'operator_staff', jobCentre.id);
  const other = await makeOrganization(db);
  otherOperator = await makeUser(db, 'operator_staff', other.id);
  const foundation = await makeOrganization(db, { type: 'foundation' });
  coordinator = await makeUser(db, 'network_coordinator', foundation.id);
  const company = await makeOrganization(db, {
    type: 'company',
    atecoCode: '25.53.00',
    atecoVersion: '2025',
  });
  companyId = company.id;
  companyStaff = await makeUser(db, 'company_staff', company.id);
  programmeId = (await makeProgramme(db)).id;
  skills = (await db.select({ id: refSkills.id }).from(refSkills).orderBy(asc(refSkills.id)).limit(3)).map(
    (r) => r.id,
  );
  occupationId = (await db.select({ id: refOccupations.id }).from(refOccupations).limit(1))[0]!.id;
});

afterAll(async () => {
  await t?.close();
});

describe('crises: validation and scoping', () => {
  it('answers validation errors as problem+json with the offending fields', async () => {
    const res = await call(owner, 'POST', '/api/crises', {
      title: 'X',
      companyId,
      siteMunicipalityCode: MILANO,
      programmeId,
      workersAffected: 0,
      announcedOn: '2026-03-01',
      agreementOn: '2026-02-01',
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.title', 'body.workersAffected', 'body.agreementOn']),
    );

    const notCompany = await call(owner, 'POST', '/api/crises', {
      title: 'Crisi',
      companyId: ownerOrgId,
      siteMunicipalityCode: MILANO,
      programmeId,
      workersAffected: 10,
      announcedOn: '2026-03-01',
    });
    expect(notCompany.statusCode).toBe(422);
    expect(notCompany.json().code).toBe('crises.company_invalid');
    expect(notCompany.json().errors[0].field).toBe('body.companyId');

    // A company cannot open crises.
    const byCompany = await call(companyStaff, 'POST', '/api/crises', {
      title: 'Crisi',
      companyId,
      siteMunicipalityCode: MILANO,
      programmeId,
      workersAffected: 10,
      announcedOn: '2026-03-01',
    });
    expect(byCompany.statusCode).toBe(403);
    expect(byCompany.json().code).toBe('crises.forbidden');
  });

  it('is visible to its organisation, network coordinators and the company; 404 for another organisation', async () => {
    const crisis = await createCrisis();
    expect(crisis.access).toBe('owner');
    const audited = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, crisis.id), eq(auditLog.action, 'crises.created')));
    expect(audited).toHaveLength(1);

    const hidden = await call(otherOperator, 'GET', `/api/crises/${crisis.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('crises.not_found');
    for (const path of ['cohort', 'outcome', 'marketing', 'target-companies'])
      expect((await call(otherOperator, 'GET', `/api/crises/${crisis.id}/${path}`)).statusCode).toBe(404);
    const list = await call(otherOperator, 'GET', '/api/crises');
    expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(crisis.id);
    const patch = await call(otherOperator, 'PATCH', `/api/crises/${crisis.id}`, {
      version: 1,
      title: 'Mia',
    });
    expect(patch.statusCode).toBe(404);

    const network = await call(coordinator, 'GET', `/api/crises/${crisis.id}`);
    expect(network.statusCode).toBe(200);
    expect(network.json().access).toBe('network');
    const company = await call(companyStaff, 'GET', `/api/crises/${crisis.id}`);
    expect(company.statusCode).toBe(200);
    expect(company.json().access).toBe('company');
    expect((await call(companyStaff, 'GET', `/api/crises/${crisis.id}/cohort`)).statusCode).toBe(403);
    expect((await call(companyStaff, 'GET', `/api/crises/${crisis.id}/marketing`)).statusCode).toBe(200);

    const found = await call(owner, 'GET', '/api/crises?q=sesto&status=open');
    expect(found.json().items.map((c: { id: string }) => c.id)).toContain(crisis.id);
    const none = await call(owner, 'GET', '/api/crises?q=sesto&status=closed');
    expect(none.json().items.map((c: { id: string }) => c.id)).not.toContain(crisis.id);

    // Update with optimistic locking; a stale version is refused.
    const ok = await call(owner, 'PATCH', `/api/crises/${crisis.id}`, { version: 1, workersAffected: 90 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().workersAffected).toBe(90);
    const stale = await call(owner, 'PATCH', `/api/crises/${crisis.id}`, { version: 1, workersAffected: 80 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('crises.stale');
    const unsigned = await call(owner, 'PATCH', `/api/crises/${crisis.id}`, {
      version: 2,
      agreementOn: null,
    });
    expect(unsigned.statusCode).toBe(422);
    expect(unsigned.json().code).toBe('crises.agreement_date_required');
  });

  it('paginates the list with a cursor', async () => {
    for (let i = 0; i < 3; i++) await createCrisis({ title: `Crisi paginata ${i}` });
    const first = await call(owner, 'GET', '/api/crises?q=paginata&limit=2');
    expect(first.json().items).toHaveLength(2);
    const second = await call(
      owner,
      'GET',
      `/api/crises?q=paginata&limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(second.json().items).toHaveLength(1);
    expect(second.json().nextCursor).toBeNull();
  });
});

describe('crises: cohort, attendance, outcome, marketing', () => {
  let crisisId: string;
  const members: { id: string; firstName: string; lastName: string; fiscalCode: string }[] = [];
  let actionId: string;
  let sessionId: string;

  beforeAll(async () => {
    crisisId = (await createCrisis({ title: 'Riduzione di personale' })).id;
    const db = t.database.db;
    // 12 workers: 3 placed, 2 with a signed pact, 7 just taken in charge; 9 women and 3 men.
    const states: PathwayState[] = [
      'placed',
      'placed',
      'placed',
      'pact_signed',
      'pact_signed',
      ...Array<PathwayState>(7).fill('taken_in_charge'),
    ];
    for (const [i, state] of states.entries()) {
      const person = await makePerson(db, ownerOrgId, {
        sex: i < 9 ? 'F' : 'M',
        educationLevel: 4,
        residenceMunicipalityCode: MILANO,
      });
      await insertPathway(person.id, state);
      await db
        .insert(personSkills)
        .values([
          { personId: person.id, skillId: skills[0]!, source: 'declared' },
          ...(i < 6 ? [{ personId: person.id, skillId: skills[1]!, source: 'declared' as const }] : []),
        ]);
      members.push(person);
    }
  });

  it('adds only visible people with a pathway, lists names to the owner only, and audits the read', async () => {
    const stranger = await makePerson(t.database.db, null);
    const hidden = await call(owner, 'POST', `/api/crises/${crisisId}/cohort`, { personId: stranger.id });
    expect(hidden.statusCode).toBe(422);
    expect(hidden.json().code).toBe('crises.person_not_visible');
    const noPathway = await makePerson(t.database.db, ownerOrgId);
    const np = await call(owner, 'POST', `/api/crises/${crisisId}/cohort`, { personId: noPathway.id });
    expect(np.statusCode).toBe(422);
    expect(np.json().code).toBe('crises.person_without_pathway');

    for (const m of members) {
      const res = await call(owner, 'POST', `/api/crises/${crisisId}/cohort`, { personId: m.id });
      expect(res.statusCode, res.body).toBe(201);
    }
    const again = await call(owner, 'POST', `/api/crises/${crisisId}/cohort`, { personId: members[0]!.id });
    expect(again.statusCode).toBe(409);

    const list = await call(owner, 'GET', `/api/crises/${crisisId}/cohort?limit=200`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(12);
    expect(list.json().hidden).toBe(0);
    expect(
      list
        .json()
        .items.map((i: { lastName: string }) => i.lastName)
        .sort(),
    ).toEqual(members.map((m) => m.lastName).sort());
    const reads = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, crisisId), eq(auditLog.action, 'crises.cohort_read')));
    expect(reads[0]!.n).toBeGreaterThan(0);

    // The network coordinator sees the crisis but none of the people (no person_access).
    const network = await call(coordinator, 'GET', `/api/crises/${crisisId}/cohort`);
    expect(network.statusCode).toBe(200);
    expect(network.json()).toMatchObject({ items: [], total: 12, hidden: 12 });
  });

  it('records attendance per member and session; refuses non-members and sessions outside the action', async () => {
    const provider = await makeOrganization(t.database.db);
    const created = await call(owner, 'POST', `/api/crises/${crisisId}/actions`, {
      kind: 'outplacement_workshop',
      title: 'Laboratorio di ricerca attiva',
      startsOn: '2026-05-01',
      endsOn: '2026-05-31',
      hours: 12,
      providerOrganizationId: provider.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    actionId = created.json().id;
    const badDates = await call(owner, 'POST', `/api/crises/${crisisId}/actions`, {
      kind: 'job_club',
      title: 'Club',
      startsOn: '2026-05-10',
      endsOn: '2026-05-01',
      hours: 4,
      providerOrganizationId: provider.id,
    });
    expect(badDates.statusCode).toBe(422);
    expect(badDates.json().errors[0].field).toBe('body.endsOn');

    const outside = await call(owner, 'POST', `/api/crises/${crisisId}/actions/${actionId}/sessions`, {
      heldOn: '2026-06-10',
      hours: 3,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('crises.session_outside_action');
    const session = await call(owner, 'POST', `/api/crises/${crisisId}/actions/${actionId}/sessions`, {
      heldOn: '2026-05-05',
      hours: 3,
    });
    expect(session.statusCode, session.body).toBe(201);
    sessionId = session.json().sessions[0].id;

    // Members 5-7 present, 8-9 absent, 10 justified, 11 nothing recorded.
    const entries = [
      ...[5, 6, 7].map((i) => ({ personId: members[i]!.id, status: 'present' })),
      ...[8, 9].map((i) => ({ personId: members[i]!.id, status: 'absent' })),
      { personId: members[10]!.id, status: 'justified' },
    ];
    const stranger = await makePerson(t.database.db, ownerOrgId);
    const refused = await call(
      owner,
      'PUT',
      `/api/crises/${crisisId}/actions/${actionId}/sessions/${sessionId}/attendance`,
      { entries: [...entries, { personId: stranger.id, status: 'present' }] },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('crises.attendance_not_member');
    const recorded = await call(
      owner,
      'PUT',
      `/api/crises/${crisisId}/actions/${actionId}/sessions/${sessionId}/attendance`,
      { entries },
    );
    expect(recorded.statusCode, recorded.body).toBe(200);
    const s = recorded.json().sessions[0];
    expect([s.present, s.absent, s.justified]).toEqual([3, 2, 1]);
    expect(s.attendance).toHaveLength(6);

    const byCoordinator = await call(coordinator, 'GET', `/api/crises/${crisisId}/actions`);
    const cs = byCoordinator.json().items[0].sessions[0];
    expect([cs.present, cs.absent, cs.justified]).toEqual([3, 2, 1]);
    expect(cs.attendance).toEqual([]); // counts, never names, for someone who cannot see the people

    const cohort = (await call(owner, 'GET', `/api/crises/${crisisId}/cohort?limit=200`)).json();
    const present = cohort.items.find((i: { personId: string }) => i.personId === members[5]!.id);
    expect(present).toMatchObject({ sessionsPresent: 1, active: true, pathwayState: 'taken_in_charge' });
    const absent = cohort.items.find((i: { personId: string }) => i.personId === members[8]!.id);
    expect(absent).toMatchObject({ sessionsPresent: 0, active: false });
  });

  it('measures the outcome against the programme threshold and applies the funding consequence', async () => {
    // Active: 3 placed + 2 pact signed + 3 present = 8; re-employed 3 => 37.5% < 50%.
    const res = await call(owner, 'GET', `/api/crises/${crisisId}/outcome`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      cohortSize: 12,
      activeParticipants: 8,
      reEmployed: 3,
      ratePct: 37.5,
      thresholdPct: 50,
      reductionPct: 30,
      thresholdMet: false,
      resultLine: { code: 'INS-LAV', unitCostCents: 80_000 },
      resultBaseCents: 240_000,
      reductionCents: 72_000,
      resultPayableCents: 168_000,
    });
    // The threshold is a rule parameter of the programme: lowered, the full share is paid.
    await t.database.db
      .update(programmes)
      .set({ collectiveOutcomeThresholdPct: 35 })
      .where(eq(programmes.id, programmeId));
    const met = (await call(owner, 'GET', `/api/crises/${crisisId}/outcome`)).json();
    expect(met).toMatchObject({ thresholdMet: true, reductionCents: 0, resultPayableCents: 240_000 });
    // The company sees the rate (8 active) but not the 3 re-employed, nor the amounts that multiply them.
    const byCompany = (await call(companyStaff, 'GET', `/api/crises/${crisisId}/outcome`)).json();
    expect(byCompany).toMatchObject({
      cohortSize: 12,
      activeParticipants: 8,
      reEmployed: '<5',
      ratePct: 37.5,
      thresholdMet: true,
      resultBaseCents: null,
      reductionCents: null,
      resultPayableCents: null,
      suppressed: true,
    });
    await t.database.db
      .update(programmes)
      .set({ collectiveOutcomeThresholdPct: 50 })
      .where(eq(programmes.id, programmeId));
  });

  it('outside the owning organisation, outcome and skills profile of a small cohort show "<5", no rate', async () => {
    const small = await createCrisis({ title: 'Esuberi ufficio acquisti' });
    // Three members, all placed, all with two skills.
    for (const m of members.slice(0, 3))
      expect(
        (await call(owner, 'POST', `/api/crises/${small.id}/cohort`, { personId: m.id })).statusCode,
      ).toBe(201);
    const exact = (await call(owner, 'GET', `/api/crises/${small.id}/outcome`)).json();
    expect(exact).toMatchObject({
      cohortSize: 3,
      activeParticipants: 3,
      reEmployed: 3,
      ratePct: 100,
      thresholdMet: true,
      resultBaseCents: 240_000,
      suppressed: false,
    });
    for (const viewer of [companyStaff, coordinator]) {
      const res = await call(viewer, 'GET', `/api/crises/${small.id}/outcome`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        cohortSize: '<5',
        activeParticipants: '<5',
        reEmployed: '<5',
        ratePct: null,
        thresholdMet: null,
        resultBaseCents: null,
        reductionCents: null,
        resultPayableCents: null,
        suppressed: true,
      });
    }
    const own = (await call(owner, 'GET', `/api/crises/${small.id}/skills-profile`)).json();
    expect(own).toMatchObject({ cohortSize: 3, withSkills: 3, suppressed: false });
    expect(own.skills.map((s: { count: number }) => s.count)).toEqual([3, 3]);
    const network = await call(coordinator, 'GET', `/api/crises/${small.id}/skills-profile`);
    expect(network.statusCode, network.body).toBe(200);
    expect(network.json()).toMatchObject({ cohortSize: '<5', withSkills: '<5', suppressed: true });
    expect(network.json().skills.map((s: { count: number | string }) => s.count)).toEqual(['<5', '<5']);
    // The large cohort keeps its counts of 5 or more for the network too.
    const large = (await call(coordinator, 'GET', `/api/crises/${crisisId}/skills-profile`)).json();
    expect(large).toMatchObject({ cohortSize: 12, withSkills: 12, suppressed: true });
    expect(large.skills.map((s: { count: number | string }) => s.count)).toEqual([12, 6]);
  });

  it('publishes an anonymised marketing profile: no names, small groups as "<5"', async () => {
    const res = await call(companyStaff, 'GET', `/api/crises/${crisisId}/marketing`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const text = JSON.stringify(body);
    for (const m of members) {
      // Whole words: a surname like "Lombardi" is part of "Lombardia".
      const word = m.lastName.replace(/[^\p{L}]/gu, '.');
      expect(text).not.toMatch(new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'u'));
      expect(text).not.toContain(m.fiscalCode);
      expect(text).not.toContain(m.id);
    }
    expect(body.cohortSize).toBe(12);
    // 9 women, 3 men: men under 5 => "<5"; women then suppressed too, or 12 - 9 would give them away.
    expect(body.sex).toEqual([
      { key: 'F', label: 'Donne', count: '<5' },
      { key: 'M', label: 'Uomini', count: '<5' },
    ]);
    // Skill 0 held by all 12, skill 1 by 6: shown; every count is a number >= 5 or "<5".
    const counts = body.skills.map((s: { count: number | string }) => s.count);
    expect(counts).toEqual([12, 6]);
    for (const group of [
      ...body.ageBands,
      ...body.education,
      ...body.occupationGroups,
      ...body.provinces,
      ...body.skills,
    ])
      expect(group.count === '<5' || group.count >= 5).toBe(true);
    expect(body.education).toEqual([{ key: 'upper_secondary', label: expect.any(String), count: 12 }]);

    const pdf = await call(companyStaff, 'GET', `/api/crises/${crisisId}/marketing.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // A cohort under 5 publishes no groups at all.
    const small = await createCrisis({ title: 'Piccola crisi' });
    await call(owner, 'POST', `/api/crises/${small.id}/cohort`, { personId: members[0]!.id });
    const tiny = (await call(owner, 'GET', `/api/crises/${small.id}/marketing`)).json();
    expect(tiny.cohortSize).toBe('<5');
    expect([...tiny.sex, ...tiny.skills, ...tiny.ageBands]).toEqual([]);
  });

  it('removes a member (audited) and keeps the outcome consistent', async () => {
    const del = await call(owner, 'DELETE', `/api/crises/${crisisId}/cohort/${members[11]!.id}`);
    expect(del.statusCode).toBe(204);
    const again = await call(owner, 'DELETE', `/api/crises/${crisisId}/cohort/${members[11]!.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('crises.member.not_found');
    const out = (await call(owner, 'GET', `/api/crises/${crisisId}/outcome`)).json();
    expect(out.cohortSize).toBe(11);
    expect(out.activeParticipants).toBe(8);
    const removed = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, crisisId), eq(auditLog.action, 'crises.cohort_removed')));
    expect(removed[0]!.n).toBe(1);
  });
});

describe('crises: target companies', () => {
  it('ranks companies by demanded skills, positions, sector and reach, explained and deterministic', async () => {
    const db = t.database.db;
    const crisis = await createCrisis({ title: 'Crisi per aziende target' });
    for (let i = 0; i < 6; i++) {
      const p = await makePerson(db, ownerOrgId, { residenceMunicipalityCode: MILANO, mobilityRadiusKm: 30 });
      await insertPathway(p.id, 'taken_in_charge');
      await db
        .insert(personSkills)
        .values([
          { personId: p.id, skillId: skills[0]!, source: 'declared' },
          ...(i < 4 ? [{ personId: p.id, skillId: skills[1]!, source: 'declared' as const }] : []),
        ]);
      await call(owner, 'POST', `/api/crises/${crisis.id}/cohort`, { personId: p.id });
    }
    const company = (name: string, ateco: string, seat: string) =>
      makeOrganization(db, {
        type: 'company',
        name,
        atecoCode: ateco,
        atecoVersion: '2025',
        legalSeatMunicipalityCode: seat,
      });
    const vacancy = async (orgId: string, place: string, openings: number, skillIds: number[]) => {
      const [v] = await db
        .insert(vacancies)
        .values({
          organizationId: orgId,
          title: 'Addetto',
          occupationId,
          municipalityCode: place,
          workMode: 'onsite',
          contractType: 'permanent',
          openings,
          status: 'open',
          searchText: 'addetto',
        })
        .returning({ id: vacancies.id });
      await db
        .insert(vacancySkills)
        .values(skillIds.map((skillId) => ({ vacancyId: v!.id, skillId, relation: 'essential' as const })));
    };
    const a = await company('Zeta Logistica Target', '52.10.10', MILANO);
    await vacancy(a.id, MILANO, 3, [skills[0]!, skills[1]!]);
    const far = await company('Alpi Hotel Target', '55.10.00', BORMIO);
    await vacancy(far.id, BORMIO, 5, [skills[0]!]);
    const sector = await company('Beta Spedizioni Target', '52.29.10', MILANO);
    const unrelated = await company('Gamma Ingegneria Target', '71.12.00', MILANO);
    await vacancy(unrelated.id, MILANO, 2, [skills[2]!]);
    const near = await company('Delta Servizi Target', '62.20.00', MONZA);
    await vacancy(near.id, MONZA, 1, [skills[0]!]);

    const res = await call(owner, 'GET', `/api/crises/${crisis.id}/target-companies?limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const ids = body.items.map((c: { organizationId: string }) => c.organizationId);
    // Out of everyone's reach (Bormio is ~150 km away) and skills nobody has: not targets.
    expect(ids).not.toContain(far.id);
    expect(ids).not.toContain(unrelated.id);
    expect(ids).not.toContain(companyId);
    const mine = body.items.filter((c: { organizationId: string }) =>
      [a.id, near.id, sector.id].includes(c.organizationId),
    );
    expect(mine.map((c: { organizationId: string }) => c.organizationId)).toEqual([a.id, near.id, sector.id]);
    const top = mine[0];
    expect(top).toMatchObject({
      name: 'Zeta Logistica Target',
      atecoDivision: '52',
      workersWithinReach: 6,
      openPositions: 3,
      openVacancies: 1,
      sectorOpenPositions: 3,
      parts: { skills: 1, positions: 0.5, sector: 0.5, reach: 1 },
      score: 80,
    });
    expect(top.matchedSkills).toEqual([
      { skillId: skills[0], label: expect.anything(), workers: 6 },
      { skillId: skills[1], label: expect.anything(), workers: 4 },
    ]);
    expect(top.nearestKm).toBe(0);
    // The sector company has no vacancy of its own: it is there for its division's demand.
    expect(mine[2]).toMatchObject({
      openVacancies: 0,
      openPositions: 0,
      sectorOpenPositions: 3,
      matchedSkills: [],
    });
    expect(mine[1].nearestKm).toBeGreaterThan(5);

    const again = await call(owner, 'GET', `/api/crises/${crisis.id}/target-companies?limit=100`);
    expect(again.json().items).toEqual(body.items);
  });
});

describe('crises: people seen in part', () => {
  it('adds only people the organisation follows; a partial (referral) view shows no names in cohort or attendance', async () => {
    const crisisId = (await createCrisis({ title: 'Esuberi reparto verniciatura' })).id;
    const db = t.database.db;
    const elsewhere = await makeOrganization(db);
    // Someone the owner sees only through a referral that shares the skills: not addable.
    const referred = await makePerson(db, elsewhere.id);
    await giveConsents(db, referred.id, ['network_sharing']);
    await grantPersonAccess(db, {
      personId: referred.id,
      organizationId: ownerOrgId,
      reason: 'referral',
      sharedSections: ['skills'],
    });
    await insertPathway(referred.id, 'taken_in_charge');
    const partial = await call(owner, 'POST', `/api/crises/${crisisId}/cohort`, { personId: referred.id });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().code).toBe('crises.person_not_visible');
    expect(partial.body).not.toContain(referred.lastName);

    // A member registered elsewhere whom the owner followed on a pathway (full grant), and whose
    // record it now sees only in part (the pathway grant ended; a referral shares the skills only).
    const member = await makePerson(db, elsewhere.id);
    const followed = await grantPersonAccess(db, {
      personId: member.id,
      organizationId: ownerOrgId,
      reason: 'pathway',
    });
    await insertPathway(member.id, 'taken_in_charge');
    expect(
      (await call(owner, 'POST', `/api/crises/${crisisId}/cohort`, { personId: member.id })).statusCode,
    ).toBe(201);
    const provider = await makeOrganization(db);
    const action = await call(owner, 'POST', `/api/crises/${crisisId}/actions`, {
      kind: 'job_club',
      title: 'Club del lavoro',
      startsOn: '2026-05-01',
      endsOn: '2026-05-31',
      hours: 6,
      providerOrganizationId: provider.id,
    });
    const actionId = action.json().id as string;
    const session = await call(owner, 'POST', `/api/crises/${crisisId}/actions/${actionId}/sessions`, {
      heldOn: '2026-05-05',
      hours: 2,
    });
    const sessionId = session.json().sessions[0].id as string;
    await giveConsents(db, member.id, ['network_sharing']);
    await revokePersonAccess(db, { id: followed });
    await grantPersonAccess(db, {
      personId: member.id,
      organizationId: ownerOrgId,
      reason: 'referral',
      sharedSections: ['skills'],
    });
    const recorded = await call(
      owner,
      'PUT',
      `/api/crises/${crisisId}/actions/${actionId}/sessions/${sessionId}/attendance`,
      { entries: [{ personId: member.id, status: 'present' }] },
    );
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().sessions[0]).toMatchObject({ present: 1, attendance: [] });
    expect(recorded.body).not.toContain(member.lastName);
    const cohort = await call(owner, 'GET', `/api/crises/${crisisId}/cohort`);
    expect(cohort.json()).toMatchObject({ items: [], total: 1, hidden: 1 });
    expect(cohort.body).not.toContain(member.fiscalCode);
  });
});
