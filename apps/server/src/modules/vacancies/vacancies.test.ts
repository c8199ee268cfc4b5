import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makeUser } from '../../test/factories';
import { api, placeAt, today } from '../pathways/pathways.test-helpers';

let t: TestApp;
let call: ReturnType<typeof api>;
let occupation: { id: number; essential: number[]; optional: number[] };

beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
  // An occupation with both essential and optional ESCO skills.
  const [row] = await t.database.query<{ id: number }>(
    `select occupation_id as id from ref_occupation_skills group by occupation_id
     having count(*) filter (where relation = 'essential') between 5 and 30
        and count(*) filter (where relation = 'optional') between 3 and 30
     order by occupation_id limit 1`,
  );
  const skills = await t.database.query<{ skill_id: number; relation: string }>(
    `select skill_id, relation from ref_occupation_skills where occupation_id = $1 order by skill_id`,
    [row!.id],
  );
  occupation = {
    id: row!.id,
    essential: skills.filter((s) => s.relation === 'essential').map((s) => s.skill_id),
    optional: skills.filter((s) => s.relation === 'optional').map((s) => s.skill_id),
  };
});
afterAll(async () => t.close());

async function makeCompany() {
  const org = await makeOrganization(t.database.db, { type: 'company' });
  const staff = await makeUser(t.database.db, 'company_staff', org.id);
  return { org, staff };
}

const vacancyBody = (over: object = {}) => ({
  title: 'Addetto al magazzino',
  occupationId: occupation.id,
  municipalityCode: '015146',
  contractType: 'fixed_term',
  durationMonths: 12,
  hoursPerWeek: 40,
  educationLevel: 3,
  educationMandatory: true,
  languages: [{ language: 'it', minLevel: 'B1', mandatory: true }],
  openings: 2,
  status: 'open',
  ...over,
});

describe('company profiles', () => {
  it('the company staff save the profile with sites; others read it, other companies cannot edit it', async () => {
    const { org, staff } = await makeCompany();
    const other = await makeCompany();
    const operatorOrg = await makeOrganization(t.database.db);
    const operator = await makeUser(t.database.db, 'operator_staff', operatorOrg.id);
    const body = {
      sizeClass: 'small',
      sector: 'Logistica',
      ateco2025Code: '52.10',
      sites: ['015146', '016024'],
      version: 0,
    };
    const saved = await call(staff, 'PUT', `/api/companies/${org.id}/profile`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ sizeClass: 'small', ateco2025Code: '52.10', version: 1 });
    expect(
      saved
        .json()
        .sites.map((s: { municipalityCode: string }) => s.municipalityCode)
        .sort(),
    ).toEqual(['015146', '016024']);

    expect((await call(other.staff, 'PUT', `/api/companies/${org.id}/profile`, body)).statusCode).toBe(403);
    expect((await call(operator, 'PUT', `/api/companies/${org.id}/profile`, body)).statusCode).toBe(403);
    const stale = await call(staff, 'PUT', `/api/companies/${org.id}/profile`, { ...body, version: 0 });
    expect(stale.statusCode).toBe(409);
    const badAteco = await call(staff, 'PUT', `/api/companies/${org.id}/profile`, {
      ...body,
      ateco2025Code: '99.99.99',
      version: 1,
    });
    expect(badAteco.statusCode).toBe(422);
    expect(badAteco.json().code).toBe('companies.ateco_invalid');

    const read = await call(operator, 'GET', `/api/companies/${org.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().sector).toBe('Logistica');
    const list = await call(operator, 'GET', `/api/companies?q=${encodeURIComponent(org.name)}`);
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(org.id);
    // Not a company: 404 on read.
    expect((await call(operator, 'GET', `/api/companies/${operatorOrg.id}`)).statusCode).toBe(404);
    const audits = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'companies.profile_saved' and entity_id = $1`,
      [org.id],
    );
    expect(audits[0]!.n).toBe(1);
  });
});

describe('vacancies', () => {
  it('pre-fills skills from the ESCO occupation, and the company edits them', async () => {
    const { staff } = await makeCompany();
    const res = await call(staff, 'POST', '/api/vacancies', vacancyBody());
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    expect(v.essentialSkills.map((s: { id: number }) => s.id)).toEqual(occupation.essential);
    expect(v.optionalSkills.map((s: { id: number }) => s.id)).toEqual(occupation.optional);
    expect(v.languages).toEqual([{ language: 'it', minLevel: 'B1', mandatory: true }]);

    const edited = await call(staff, 'PATCH', `/api/vacancies/${v.id}`, {
      version: v.version,
      essentialSkillIds: occupation.essential.slice(0, 2),
      optionalSkillIds: [occupation.essential[2]],
      title: 'Magazziniere',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().essentialSkills.map((s: { id: number }) => s.id)).toEqual(
      occupation.essential.slice(0, 2),
    );
    expect(edited.json().optionalSkills.map((s: { id: number }) => s.id)).toEqual([occupation.essential[2]]);
    expect(edited.json().title).toBe('Magazziniere');

    const stale = await call(staff, 'PATCH', `/api/vacancies/${v.id}`, { version: v.version, title: 'X y' });
    expect(stale.statusCode).toBe(409);
    const overlap = await call(staff, 'PATCH', `/api/vacancies/${v.id}`, {
      version: v.version + 1,
      essentialSkillIds: [occupation.essential[0]],
      optionalSkillIds: [occupation.essential[0]],
    });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().code).toBe('vacancies.skills_overlap');
    const unknown = await call(
      staff,
      'POST',
      '/api/vacancies',
      vacancyBody({ essentialSkillIds: [999999999] }),
    );
    expect(unknown.statusCode).toBe(422);
    const badOcc = await call(staff, 'POST', '/api/vacancies', vacancyBody({ occupationId: 999999999 }));
    expect(badOcc.json().code).toBe('vacancies.occupation_unknown');
  });

  it('drafts are private to the company; other companies never see its vacancies; operators read published ones', async () => {
    const a = await makeCompany();
    const b = await makeCompany();
    const operatorOrg = await makeOrganization(t.database.db);
    const operator = await makeUser(t.database.db, 'operator_staff', operatorOrg.id);
    const citizen = await makeUser(t.database.db, 'citizen', null);
    const draft = (await call(a.staff, 'POST', '/api/vacancies', vacancyBody({ status: 'draft' }))).json();
    const open = (await call(a.staff, 'POST', '/api/vacancies', vacancyBody())).json();

    expect((await call(operator, 'GET', `/api/vacancies/${draft.id}`)).statusCode).toBe(404);
    expect((await call(operator, 'GET', `/api/vacancies/${open.id}`)).statusCode).toBe(200);
    expect((await call(b.staff, 'GET', `/api/vacancies/${open.id}`)).statusCode).toBe(404);
    expect((await call(citizen, 'GET', `/api/vacancies/${open.id}`)).statusCode).toBe(404);
    expect((await call(citizen, 'GET', '/api/vacancies')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/vacancies')).statusCode).toBe(401);
    // Writes: only the owning company.
    expect(
      (await call(b.staff, 'PATCH', `/api/vacancies/${open.id}`, { version: 1, title: 'Altro' })).statusCode,
    ).toBe(404);
    expect(
      (await call(operator, 'PATCH', `/api/vacancies/${open.id}`, { version: 1, title: 'Altro' })).statusCode,
    ).toBe(403);
    expect(
      (await call(operator, 'POST', '/api/vacancies', vacancyBody({ organizationId: a.org.id }))).statusCode,
    ).toBe(403);
    expect(
      (await call(b.staff, 'POST', '/api/vacancies', vacancyBody({ organizationId: a.org.id }))).statusCode,
    ).toBe(403);

    const own = (await call(a.staff, 'GET', '/api/vacancies?limit=200')).json();
    expect(own.items.map((v: { id: string }) => v.id).sort()).toEqual([draft.id, open.id].sort());
    const others = (await call(b.staff, 'GET', '/api/vacancies?limit=200')).json();
    expect(others.items).toEqual([]);
    const net = (await call(operator, 'GET', `/api/vacancies?organizationId=${a.org.id}`)).json();
    expect(net.items.map((v: { id: string }) => v.id)).toEqual([open.id]);

    // Status machine: open -> filled -> closed; closed -> draft is refused.
    const filled = await call(a.staff, 'PATCH', `/api/vacancies/${open.id}`, {
      version: 1,
      status: 'filled',
    });
    expect(filled.json().status).toBe('filled');
    const back = await call(a.staff, 'PATCH', `/api/vacancies/${open.id}`, { version: 2, status: 'draft' });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('vacancies.invalid_status');
    const audits = await t.database.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 order by at, id`,
      [open.id],
    );
    expect(audits.map((x) => x.action)).toEqual(['vacancies.created', 'vacancies.updated']);
  });

  it('an archived company publishes no vacancies and makes no pledges', async () => {
    const { org, staff } = await makeCompany();
    await t.database.query(
      `update organizations set status = 'archived', archived_at = now() where id = $1`,
      [org.id],
    );
    const v = await call(staff, 'POST', '/api/vacancies', vacancyBody());
    expect(v.statusCode).toBe(422);
    expect(v.json().code).toBe('vacancies.not_a_company');
    const p = await call(staff, 'POST', '/api/pledges', {
      priorityTarget: 'long_term_unemployed',
      offers: 3,
      periodFrom: today(),
      periodTo: '2099-12-31',
    });
    expect(p.statusCode).toBe(422);
    expect(p.json().code).toBe('companies.not_a_company');
    const n = await t.database.query<{ n: number }>(
      `select (select count(*) from vacancies where organization_id = $1)::int
        + (select count(*) from company_pledges where organization_id = $1)::int as n`,
      [org.id],
    );
    expect(n[0]!.n).toBe(0);
  });

  it("an archived company's open vacancies leave the network's lists; its staff and platform admins still list them", async () => {
    const { org, staff } = await makeCompany();
    const readerOrg = await makeOrganization(t.database.db);
    const operator = await makeUser(t.database.db, 'operator_staff', readerOrg.id);
    const coordinator = await makeUser(t.database.db, 'network_coordinator', readerOrg.id);
    const admin = await makeUser(t.database.db, 'platform_admin', null);
    const title = `Saldatore ditta in chiusura ${org.id.slice(0, 8)}`;
    const v = await call(staff, 'POST', '/api/vacancies', vacancyBody({ title }));
    expect(v.statusCode, v.body).toBe(201);
    const listed = async (who: typeof staff, query = '') => {
      const res = await call(who, 'GET', `/api/vacancies?q=${encodeURIComponent(title)}${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { id: string }) => i.id);
    };
    for (const who of [operator, coordinator, admin, staff]) expect(await listed(who)).toEqual([v.json().id]);

    const archived = await call(staff, 'POST', `/api/organizations/${org.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    for (const who of [operator, coordinator]) {
      expect(await listed(who)).toEqual([]);
      expect(await listed(who, `&organizationId=${org.id}&status=open`)).toEqual([]);
    }
    expect(await listed(admin)).toEqual([v.json().id]);
    expect(await listed(staff)).toEqual([v.json().id]);

    // Restored, the company's vacancies are listed again.
    const restored = await call(admin, 'POST', `/api/organizations/${org.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await listed(operator)).toEqual([v.json().id]);
  });

  it('filters and pages with a cursor', async () => {
    const { org, staff } = await makeCompany();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const v = await call(
        staff,
        'POST',
        '/api/vacancies',
        vacancyBody({ title: `Carrellista turno ${i}`, workMode: i % 2 ? 'hybrid' : 'onsite' }),
      );
      ids.push(v.json().id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        staff,
        'GET',
        `/api/vacancies?organizationId=${org.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items.map((v: { id: string }) => v.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const hybrid = (await call(staff, 'GET', `/api/vacancies?workMode=hybrid&q=carrellista`)).json();
    expect(hybrid.items.map((v: { id: string }) => v.id).sort()).toEqual([ids[1], ids[3]].sort());
    const bad = await call(staff, 'GET', '/api/vacancies?cursor=bm9wZQ');
    expect(bad.statusCode).toBe(400);

    // By place: the municipality, or its province.
    const monza = await call(staff, 'POST', '/api/vacancies', vacancyBody({ municipalityCode: '108033' }));
    expect(monza.statusCode, monza.body).toBe(201);
    for (const filter of ['municipalityCode=108033', 'provinceCode=108']) {
      const byPlace = (await call(staff, 'GET', `/api/vacancies?organizationId=${org.id}&${filter}`)).json();
      expect(byPlace.items.map((v: { id: string }) => v.id)).toEqual([monza.json().id]);
    }
    const invalid = await call(staff, 'GET', '/api/vacancies?municipalityCode=Monza');
    expect(invalid.statusCode).toBe(422);
  });
});

describe('pledges', () => {
  it('a company pledges offers for a priority target; the board counts hires of that target at the company', async () => {
    const { org, staff } = await makeCompany();
    const other = await makeCompany();
    const coordOrg = await makeOrganization(t.database.db);
    const coordinator = await makeUser(t.database.db, 'network_coordinator', coordOrg.id);
    const operator = await makeUser(t.database.db, 'operator_staff', coordOrg.id);
    const year = today().slice(0, 4);
    const body = {
      priorityTarget: 'long_term_unemployed',
      offers: 3,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
    };
    const created = await call(staff, 'POST', '/api/pledges', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ offers: 3, hires: 0, organizationId: org.id });
    const other68 = await call(staff, 'POST', '/api/pledges', { ...body, priorityTarget: 'disability_l68' });
    expect(other68.statusCode).toBe(201);
    // Only the company's staff pledge; a bad period is refused.
    expect(
      (await call(operator, 'POST', '/api/pledges', { ...body, organizationId: org.id })).statusCode,
    ).toBe(403);
    expect(
      (await call(other.staff, 'POST', '/api/pledges', { ...body, organizationId: org.id })).statusCode,
    ).toBe(403);
    expect(
      (await call(staff, 'POST', '/api/pledges', { ...body, periodTo: `${Number(year) - 1}-01-01` }))
        .statusCode,
    ).toBe(422);
    await call(staff, 'POST', '/api/vacancies', vacancyBody({ countsTowardsPledge: true }));

    // A long-term unemployed person is placed at the company.
    await placeAt(t, org);

    const board = (await call(coordinator, 'GET', `/api/pledges?organizationId=${org.id}`)).json();
    const byTarget = Object.fromEntries(
      board.items.map((p: { priorityTarget: string }) => [p.priorityTarget, p]),
    );
    expect(byTarget.long_term_unemployed).toMatchObject({ hires: 1, pledgedVacancies: 1, offers: 3 });
    expect(byTarget.disability_l68).toMatchObject({ hires: 0 });
    // The company sees its own pledges; other companies see none of them; operators no board.
    expect((await call(staff, 'GET', `/api/pledges/${created.json().id}`)).json().hires).toBe(1);
    expect((await call(other.staff, 'GET', `/api/pledges/${created.json().id}`)).statusCode).toBe(404);
    expect((await call(other.staff, 'GET', '/api/pledges')).json().items).toEqual([]);
    expect((await call(operator, 'GET', '/api/pledges')).statusCode).toBe(403);
  });
});

describe('pledges and sensitive priority targets', () => {
  it('refuses a period shorter than 30 days, so that the counter cannot single out one day of hires', async () => {
    const { staff } = await makeCompany();
    const body = { priorityTarget: 'migrant', offers: 1, periodFrom: '2026-03-01' };
    const oneDay = await call(staff, 'POST', '/api/pledges', { ...body, periodTo: '2026-03-01' });
    expect(oneDay.statusCode).toBe(422);
    expect(oneDay.json().errors).toEqual([
      expect.objectContaining({ field: 'body.periodTo', code: 'period_too_short' }),
    ]);
    const days29 = await call(staff, 'POST', '/api/pledges', { ...body, periodTo: '2026-03-29' });
    expect(days29.statusCode).toBe(422);
    const days30 = await call(staff, 'POST', '/api/pledges', { ...body, periodTo: '2026-03-30' });
    expect(days30.statusCode, days30.body).toBe(201);
  });

  it('company staff see a hires count under 5 for a sensitive target as suppressed; coordinators see it exactly', async () => {
    const { org, staff } = await makeCompany();
    const coordinator = await makeUser(
      t.database.db,
      'network_coordinator',
      (await makeOrganization(t.database.db)).id,
    );
    const year = today().slice(0, 4);
    const period = { offers: 2, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` };
    const migrant = await call(staff, 'POST', '/api/pledges', { ...period, priorityTarget: 'migrant' });
    expect(migrant.statusCode, migrant.body).toBe(201);
    const over50 = await call(staff, 'POST', '/api/pledges', { ...period, priorityTarget: 'over_50' });
    expect(over50.statusCode, over50.body).toBe(201);

    // One person, over 50 and with a migrant background, is hired by the company.
    await placeAt(t, org, ['migrant']);

    const mine = await call(staff, 'GET', `/api/pledges/${migrant.json().id}`);
    expect(mine.json()).toMatchObject({ priorityTarget: 'migrant', hires: null, hiresSuppressed: true });
    const list = (await call(staff, 'GET', '/api/pledges')).json();
    const byTarget = Object.fromEntries(
      list.items.map((p: { priorityTarget: string }) => [p.priorityTarget, p]),
    );
    expect(byTarget.migrant).toMatchObject({ hires: null, hiresSuppressed: true });
    // A target that reveals nothing sensitive keeps its count.
    expect(byTarget.over_50).toMatchObject({ hires: 1, hiresSuppressed: false });
    const board = await call(coordinator, 'GET', `/api/pledges/${migrant.json().id}`);
    expect(board.json()).toMatchObject({ hires: 1, hiresSuppressed: false });
  });
});
