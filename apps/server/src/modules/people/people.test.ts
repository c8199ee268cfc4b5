import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makePerson, makeUser, type TestUser } from '../../test/factories';
import { grantPersonAccess, hasConsent, revokePersonAccess } from './index';
import { buildFiscalCode } from './people.synthetic';

let t: TestApp;
let orgA: { id: string };
let orgB: { id: string };
let staffA: TestUser;
let staffB: TestUser;
let admin: TestUser;
let regional: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  orgA = await makeOrganization(t.database.db);
  orgB = await makeOrganization(t.database.db);
  staffA = await makeUser(t.database.db, 'operator_staff', orgA.id);
  staffB = await makeUser(t.database.db, 'operator_staff', orgB.id);
  admin = await makeUser(t.database.db, 'platform_admin', null);
  const region = await makeOrganization(t.database.db, { type: 'regional_authority' });
  regional = await makeUser(t.database.db, 'regional_officer', region.id);
});
afterAll(async () => t.close());

let seq = 0;
/** A fresh valid fiscal code: a woman born in Milan on 1990-03-(1..28), names varying by seq. */
function freshCf(sex: 'F' | 'M' = 'F') {
  seq++;
  const names = ['Giulia', 'Marta', 'Sara', 'Elena', 'Paola', 'Laura', 'Silvia'];
  const surnames = ['Rossi', 'Bianchi', 'Verdi', 'Neri', 'Gallo', 'Conti', 'Riva', 'Sala'];
  const firstName = names[seq % names.length]!;
  const lastName = `${surnames[Math.floor(seq / names.length) % surnames.length]!}`;
  const day = 1 + (Math.floor(seq / 56) % 28);
  const birthDate = `1990-03-${String(day).padStart(2, '0')}`;
  const places = ['F205', 'A794', 'B157', 'C933', 'E507', 'F704', 'L682', 'D286', 'B300'];
  const birthPlaceCode = places[Math.floor(seq / (56 * 28)) % places.length]!;
  return {
    firstName,
    lastName,
    birthDate,
    fiscalCode: buildFiscalCode({ firstName, lastName, birthDate, sex, birthPlaceCode }),
  };
}

const inject = (u: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: u.cookie }, ...(payload ? { payload } : {}) });

async function createVia(u: TestUser, over: Record<string, unknown> = {}) {
  const cf = freshCf();
  const res = await inject(u, 'POST', '/api/people', {
    fiscalCode: cf.fiscalCode,
    firstName: cf.firstName,
    lastName: cf.lastName,
    employmentStatus: 'unemployed',
    residenceMunicipalityCode: '015146',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const auditRows = (action: string, entityId: string) =>
  t.database.query<{ outcome: string; actor_user_id: string }>(
    'select outcome, actor_user_id from audit_log where action = $1 and entity_id = $2 order by id',
    [action, entityId],
  );

describe('person record: fiscal code', () => {
  it('creates a record, deriving birth date and sex from the fiscal code', async () => {
    const cf = freshCf('F');
    const res = await inject(staffA, 'POST', '/api/people', {
      fiscalCode: cf.fiscalCode.toLowerCase(),
      firstName: cf.firstName,
      lastName: cf.lastName,
      employmentStatus: 'unemployed',
      email: 'giulia@example.it',
      residenceMunicipalityCode: '015146',
      educationLevel: 4,
      languages: [{ language: 'en', level: 'B2' }],
      priorityTargets: ['woman_returning'],
      drivingLicences: ['B'],
      didDate: '2025-01-10',
      didSource: 'myanpal',
      consents: ['case_management'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      fiscalCode: cf.fiscalCode,
      birthDate: cf.birthDate,
      sex: 'F',
      residenceMunicipalityName: 'Milano',
      languages: [{ language: 'en', level: 'B2' }],
      access: { kind: 'full', reasons: ['owner'] },
      version: 1,
    });
    expect(p.consents.find((c: { purpose: string }) => c.purpose === 'case_management').given).toBe(true);
    expect(await auditRows('people.create', p.id)).toHaveLength(1);
  });

  it('refuses a fiscal code with a wrong check character (422, field error)', async () => {
    const cf = freshCf();
    const wrong = cf.fiscalCode.slice(0, 15) + (cf.fiscalCode[15] === 'A' ? 'B' : 'A');
    const res = await inject(staffA, 'POST', '/api/people', {
      fiscalCode: wrong,
      firstName: 'A',
      lastName: 'B',
      employmentStatus: 'unemployed',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ field: 'body.fiscalCode', code: 'fiscal_code_invalid' }),
    );
  });

  it('refuses a birth date or sex that disagree with the fiscal code', async () => {
    const cf = freshCf('F');
    const res = await inject(staffA, 'POST', '/api/people', {
      fiscalCode: cf.fiscalCode,
      firstName: cf.firstName,
      lastName: cf.lastName,
      birthDate: '1990-04-01',
      sex: 'M',
      employmentStatus: 'unemployed',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('people.fiscal_code_mismatch');
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.birthDate', 'body.sex']);
    // Agreeing values are accepted.
    const ok = await inject(staffA, 'POST', '/api/people', {
      fiscalCode: cf.fiscalCode,
      firstName: cf.firstName,
      lastName: cf.lastName,
      birthDate: cf.birthDate,
      sex: 'F',
      employmentStatus: 'unemployed',
    });
    expect(ok.statusCode).toBe(201);
  });

  it('keeps the fiscal code unique (409 people.fiscal_code_taken), also across organisations', async () => {
    const p = await createVia(staffA);
    const again = await inject(staffB, 'POST', '/api/people', {
      fiscalCode: p.fiscalCode,
      firstName: 'X',
      lastName: 'Y',
      employmentStatus: 'unemployed',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('people.fiscal_code_taken');
  });

  it('refuses unknown municipality, occupation and skill codes with field errors', async () => {
    const cf = freshCf();
    const res = await inject(staffA, 'POST', '/api/people', {
      fiscalCode: cf.fiscalCode,
      firstName: cf.firstName,
      lastName: cf.lastName,
      employmentStatus: 'unemployed',
      residenceMunicipalityCode: '999999',
      workHistory: [{ employerName: 'Acme', occupationId: 999999999, fromDate: '2020-01-01' }],
      skills: [{ skillId: 999999999, source: 'declared' }],
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.residenceMunicipalityCode', 'body.skills.0.skillId', 'body.workHistory.0.occupationId']);
  });
});

describe('visibility and audit', () => {
  it('audits every read; another organisation gets 404 on every endpoint (audited) and never sees the person in lists', async () => {
    const p = await createVia(staffA);
    const read = await inject(staffA, 'GET', `/api/people/${p.id}`);
    expect(read.statusCode).toBe(200);
    expect((await auditRows('people.read', p.id)).map((r) => r.outcome)).toEqual(['ok']);

    const other = await inject(staffB, 'GET', `/api/people/${p.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('people.not_found');
    const denied = await auditRows('people.read', p.id);
    expect(denied.map((r) => r.outcome)).toEqual(['ok', 'denied']);
    expect(denied[1]!.actor_user_id).toBe(staffB.userId);

    expect(
      (await inject(staffB, 'PATCH', `/api/people/${p.id}`, { version: 1, firstName: 'Z' })).statusCode,
    ).toBe(404);
    expect((await inject(staffB, 'GET', `/api/people/${p.id}/consents`)).statusCode).toBe(404);
    expect(
      (await inject(staffB, 'POST', `/api/people/${p.id}/consents`, { purpose: 'statistics', given: true }))
        .statusCode,
    ).toBe(404);
    expect((await auditRows('people.update', p.id)).map((r) => r.outcome)).toEqual(['denied']);

    const listB = await inject(staffB, 'GET', `/api/people?q=${p.fiscalCode}`);
    expect(listB.statusCode).toBe(200);
    expect(listB.json().items).toEqual([]);
    const listA = await inject(staffA, 'GET', `/api/people?q=${p.fiscalCode}`);
    expect(listA.json().items.map((i: { id: string }) => i.id)).toEqual([p.id]);
  });

  it('gives platform admins and regional officers no personal data, only aggregates', async () => {
    const p = await createVia(staffA, { consents: ['statistics'] });
    expect((await inject(admin, 'GET', `/api/people/${p.id}`)).statusCode).toBe(404);
    expect((await inject(regional, 'GET', `/api/people/${p.id}`)).statusCode).toBe(404);
    expect((await inject(admin, 'GET', '/api/people')).statusCode).toBe(403);
    expect((await inject(regional, 'GET', '/api/people')).statusCode).toBe(403);
    const stats = await inject(regional, 'GET', '/api/people/stats');
    expect(stats.statusCode).toBe(200);
    expect(stats.json().suppressedBelow).toBe(5);
    expect((await inject(staffA, 'GET', '/api/people/stats')).statusCode).toBe(403);
  });

  it('shows a citizen only their own record', async () => {
    const p = await createVia(staffA);
    const stranger = await createVia(staffA);
    const citizen = await makeUser(t.database.db, 'citizen', null);
    await t.database.query('update users set fiscal_code = $1 where id = $2', [p.fiscalCode, citizen.userId]);
    const me = await inject(citizen, 'GET', '/api/people/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: p.id, access: { kind: 'self' }, fiscalCode: p.fiscalCode });
    expect((await inject(citizen, 'GET', `/api/people/${p.id}`)).statusCode).toBe(200);
    expect((await inject(citizen, 'GET', `/api/people/${stranger.id}`)).statusCode).toBe(404);
    const list = await inject(citizen, 'GET', '/api/people');
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    // A citizen cannot change the record, but can withdraw a consent.
    expect(
      (await inject(citizen, 'PATCH', `/api/people/${p.id}`, { version: 1, firstName: 'X' })).statusCode,
    ).toBe(403);
    const c = await inject(citizen, 'POST', `/api/people/${p.id}/consents`, {
      purpose: 'statistics',
      given: false,
    });
    expect(c.statusCode).toBe(200);
    // A citizen with no record: 404 on /me.
    const nobody = await makeUser(t.database.db, 'citizen', null);
    expect((await inject(nobody, 'GET', '/api/people/me')).statusCode).toBe(404);
    // A linked account (people.user_id) works too.
    const linked = await makeUser(t.database.db, 'citizen', null);
    await t.database.query('update people set user_id = $1 where id = $2', [linked.userId, stranger.id]);
    expect((await inject(linked, 'GET', '/api/people/me')).json().id).toBe(stranger.id);
  });

  it('a referral shows only the shared sections, needs the sharing consent, and ends with it', async () => {
    const p = await createVia(staffA, {
      email: 'segreto@example.it',
      skills: [{ skillId: await anySkillId(), source: 'declared' }],
    });
    const db = t.database.db;
    await expect(
      grantPersonAccess(db, {
        personId: p.id,
        organizationId: orgB.id,
        reason: 'referral',
        sharedSections: ['identity', 'skills'],
      }),
    ).rejects.toMatchObject({ code: 'people.consent_required' });
    expect(await hasConsent(db, p.id, 'network_sharing')).toBe(false);
    const give = await inject(staffA, 'POST', `/api/people/${p.id}/consents`, {
      purpose: 'network_sharing',
      given: true,
    });
    expect(give.statusCode).toBe(200);
    expect(await hasConsent(db, p.id, 'network_sharing')).toBe(true);
    const referralId = crypto.randomUUID();
    await grantPersonAccess(db, {
      personId: p.id,
      organizationId: orgB.id,
      reason: 'referral',
      sharedSections: ['identity', 'skills'],
      sourceId: referralId,
    });
    const seen = await inject(staffB, 'GET', `/api/people/${p.id}`);
    expect(seen.statusCode).toBe(200);
    const body = seen.json();
    expect(body.access).toMatchObject({ kind: 'sections', sections: ['identity', 'skills'] });
    expect(body.fiscalCode).toBe(p.fiscalCode);
    expect(body.skills).toHaveLength(1);
    expect(body).not.toHaveProperty('email');
    expect(body).not.toHaveProperty('employmentStatus');
    expect(body).not.toHaveProperty('consents');
    // Read-only, and filters on sections not shared do not reveal the person.
    expect(
      (await inject(staffB, 'PATCH', `/api/people/${p.id}`, { version: 1, firstName: 'Z' })).statusCode,
    ).toBe(403);
    const byName = await inject(staffB, 'GET', `/api/people?q=${p.fiscalCode}`);
    expect(byName.json().items).toEqual([expect.objectContaining({ id: p.id, access: 'sections' })]);
    expect(byName.json().items[0]).not.toHaveProperty('employmentStatus');
    const byStatus = await inject(staffB, 'GET', `/api/people?q=${p.fiscalCode}&employmentStatus=unemployed`);
    expect(byStatus.json().items).toEqual([]);
    // Withdrawing the sharing consent ends the referral's view at once.
    await inject(staffA, 'POST', `/api/people/${p.id}/consents`, {
      purpose: 'network_sharing',
      given: false,
    });
    expect((await inject(staffB, 'GET', `/api/people/${p.id}`)).statusCode).toBe(404);
    await inject(staffA, 'POST', `/api/people/${p.id}/consents`, { purpose: 'network_sharing', given: true });
    expect((await inject(staffB, 'GET', `/api/people/${p.id}`)).statusCode).toBe(200);
    // Revoking by source ends it too.
    expect(await revokePersonAccess(db, { sourceId: referralId })).toBe(1);
    expect((await inject(staffB, 'GET', `/api/people/${p.id}`)).statusCode).toBe(404);
  });

  it('a handover window keeps access until its end only', async () => {
    const person = await makePerson(t.database.db, orgA.id);
    await grantPersonAccess(t.database.db, {
      personId: person.id,
      organizationId: orgB.id,
      reason: 'pathway',
    });
    expect((await inject(staffB, 'GET', `/api/people/${person.id}`)).statusCode).toBe(200);
    const soon = new Date(Date.now() + 60_000);
    expect(
      await revokePersonAccess(
        t.database.db,
        { personId: person.id, organizationId: orgB.id },
        { until: soon },
      ),
    ).toBe(1);
    expect((await inject(staffB, 'GET', `/api/people/${person.id}`)).statusCode).toBe(200);
    await revokePersonAccess(
      t.database.db,
      { personId: person.id, organizationId: orgB.id },
      { until: new Date(Date.now() - 1000) },
    );
    expect((await inject(staffB, 'GET', `/api/people/${person.id}`)).statusCode).toBe(404);
  });
});

async function anySkillId(): Promise<number> {
  const [row] = await t.database.query<{ id: number }>('select id from ref_skills order by id limit 1');
  return row!.id;
}

describe('updates and consents', () => {
  it('updates with an optimistic version, refuses a stale one, and keeps who verified a skill', async () => {
    const skillId = await anySkillId();
    const p = await createVia(staffA);
    const res = await inject(staffA, 'PATCH', `/api/people/${p.id}`, {
      version: 1,
      employmentStatus: 'employed',
      hoursPerWeek: 30,
      skills: [{ skillId, source: 'verified' }],
      workHistory: [
        {
          employerName: 'Officina Rossi',
          atecoCode: '62.10.00',
          fromDate: '2019-01-01',
          toDate: '2021-06-30',
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const v2 = res.json();
    expect(v2).toMatchObject({ version: 2, employmentStatus: 'employed', hoursPerWeek: 30 });
    expect(v2.skills[0]).toMatchObject({ skillId, source: 'verified', verifiedBy: staffA.userId });
    expect(v2.workHistory[0]).toMatchObject({ employerName: 'Officina Rossi', toDate: '2021-06-30' });
    const stale = await inject(staffA, 'PATCH', `/api/people/${p.id}`, { version: 1, firstName: 'Altro' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('people.version_conflict');
    const other = await makeUser(t.database.db, 'operator_staff', orgA.id);
    const v3 = await inject(other, 'PATCH', `/api/people/${p.id}`, {
      version: 2,
      skills: [{ skillId, source: 'verified' }],
    });
    expect(v3.json().skills[0].verifiedBy).toBe(staffA.userId);
    const bad = await inject(staffA, 'PATCH', `/api/people/${p.id}`, { version: 3, sex: 'M' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('people.fiscal_code_mismatch');
    expect((await auditRows('people.update', p.id)).length).toBe(2);
  });

  it('gives and withdraws consents, keeping the history', async () => {
    const p = await createVia(staffA);
    for (const given of [true, true, false, true])
      expect(
        (await inject(staffA, 'POST', `/api/people/${p.id}/consents`, { purpose: 'company_matching', given }))
          .statusCode,
      ).toBe(200);
    const res = await inject(staffA, 'GET', `/api/people/${p.id}/consents`);
    const body = res.json();
    const matching = body.history.filter((h: { purpose: string }) => h.purpose === 'company_matching');
    expect(matching).toHaveLength(2);
    expect(matching.filter((h: { withdrawnAt: string | null }) => h.withdrawnAt !== null)).toHaveLength(1);
    expect(body.current.find((c: { purpose: string }) => c.purpose === 'company_matching').given).toBe(true);
    // The consent filter of the list.
    const list = await inject(staffA, 'GET', `/api/people?q=${p.fiscalCode}&consent=company_matching`);
    expect(list.json().items).toHaveLength(1);
    const none = await inject(staffA, 'GET', `/api/people?q=${p.fiscalCode}&consent=statistics`);
    expect(none.json().items).toHaveLength(0);
  });
});

describe('list', () => {
  it('searches by name, filters and pages with a cursor', async () => {
    const org = await makeOrganization(t.database.db);
    const staff = await makeUser(t.database.db, 'operator_staff', org.id);
    for (let i = 0; i < 5; i++)
      await createVia(staff, {
        lastName: `Zanetti${i}`,
        priorityTargets: i % 2 ? ['over_50'] : [],
        didDate: i < 2 ? '2025-02-01' : null,
        didSource: i < 2 ? 'job_centre' : null,
      });
    const all = [];
    let cursor: string | null = null;
    do {
      const res = await inject(staff, 'GET', `/api/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      all.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(all.map((p) => p.lastName)).toEqual(['Zanetti0', 'Zanetti1', 'Zanetti2', 'Zanetti3', 'Zanetti4']);
    const byName = await inject(staff, 'GET', '/api/people?q=zanetti3');
    expect(byName.json().items.map((p: { lastName: string }) => p.lastName)).toEqual(['Zanetti3']);
    // Word prefixes of name, surname and fiscal code, in any order, accents and case ignored.
    const names = (r: { json(): { items: { lastName: string }[] } }) => r.json().items.map((p) => p.lastName);
    expect(names(await inject(staff, 'GET', '/api/people?q=ZANÉT'))).toHaveLength(5);
    const third = all.find((p) => p.lastName === 'Zanetti3');
    const byBoth = await inject(
      staff,
      'GET',
      `/api/people?q=${encodeURIComponent(`${third.firstName.slice(0, 3)} zanetti3`)}`,
    );
    expect(names(byBoth)).toEqual(['Zanetti3']);
    const byCfPrefix = await inject(staff, 'GET', `/api/people?q=${third.fiscalCode.slice(0, 11)}`);
    expect(names(byCfPrefix)).toContain('Zanetti3');
    expect(names(await inject(staff, 'GET', '/api/people?q=zanetti3+nobody'))).toEqual([]);
    const targets = await inject(staff, 'GET', '/api/people?priorityTarget=over_50');
    expect(targets.json().items).toHaveLength(2);
    const did = await inject(staff, 'GET', '/api/people?hasDid=true&provinceCode=215');
    expect(did.json().items).toHaveLength(2);
    const listAudit = await t.database.query(
      `select 1 from audit_log where action = 'people.list' and actor_user_id = $1`,
      [staff.userId],
    );
    expect(listAudit.length).toBeGreaterThan(0);
    const bad = await inject(staff, 'GET', '/api/people?cursor=%%%');
    expect(bad.statusCode).toBe(400);
  });

  it('merges the people the organisation registered with those it sees through grants, in name order', async () => {
    const mine = await makeOrganization(t.database.db);
    const other = await makeOrganization(t.database.db);
    const staff = await makeUser(t.database.db, 'operator_staff', mine.id);
    const own1 = await makePerson(t.database.db, mine.id, { lastName: 'Ferri' });
    const own2 = await makePerson(t.database.db, mine.id, { lastName: 'Zanotti' });
    const granted = await makePerson(t.database.db, other.id, { lastName: 'Moretti' });
    const notShared = await makePerson(t.database.db, other.id, { lastName: 'Bassi' });
    const revoked = await makePerson(t.database.db, other.id, { lastName: 'Galli' });
    await grantPersonAccess(t.database.db, {
      personId: granted.id,
      organizationId: mine.id,
      reason: 'pathway',
    });
    const g = await grantPersonAccess(t.database.db, {
      personId: revoked.id,
      organizationId: mine.id,
      reason: 'pathway',
    });
    await revokePersonAccess(t.database.db, { id: g });
    const seen: { id: string; lastName: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await inject(staff, 'GET', `/api/people?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.map((p) => p.lastName)).toEqual(['Ferri', 'Moretti', 'Zanotti']);
    expect(seen.map((p) => p.id)).toEqual([own1.id, granted.id, own2.id]);
    expect(seen.some((p) => p.id === notShared.id || p.id === revoked.id)).toBe(false);
    // The registering organisation reads the record in full without any grant row.
    const file = await inject(staff, 'GET', `/api/people/${own1.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.json().access.reasons).toEqual(['owner']);
    const grants = await t.database.query(`select 1 from person_access where person_id = $1`, [own1.id]);
    expect(grants).toHaveLength(0);
  });
});
