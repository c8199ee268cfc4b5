import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiHome } from '@trama/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOffice, makeOrganization, makeUser, type TestUser } from '../../test/factories';
import { accreditations } from '../organizations/organizations.table';
import { memberships } from '../identity/identity.table';
import { eq } from 'drizzle-orm';

// This file owns its database copy: the template has reference data and no organisations, so the
// network-wide counts below are exact.
let t: TestApp;
let staffA: TestUser;
let officer: TestUser;
let admin: TestUser;
let citizen: TestUser;
let orgAId: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const a = await makeOrganization(db, { type: 'accredited_operator', name: 'Operatore Alfa' });
  orgAId = a.id;
  const milano = await makeOffice(db, a.id, { municipalityCode: '015146' });
  const bergamo = await makeOffice(db, a.id, { municipalityCode: '016024' });
  const closed = await makeOffice(db, a.id, { municipalityCode: '015146', archivedAt: new Date() });
  await db.insert(accreditations).values([
    {
      officeId: milano.id,
      kind: 'labour_services',
      status: 'definitive',
      registerNumber: 'L1',
      validFrom: '2020-01-01',
    },
    {
      officeId: milano.id,
      kind: 'training',
      status: 'definitive',
      registerNumber: 'T0',
      validFrom: '2020-01-01',
      validTo: day(-1),
    },
    {
      officeId: bergamo.id,
      kind: 'training',
      status: 'provisional',
      registerNumber: 'T1',
      validFrom: day(-10),
      validTo: day(10),
    },
    {
      officeId: bergamo.id,
      kind: 'labour_services',
      status: 'provisional',
      registerNumber: 'L9',
      validFrom: day(5),
    },
    {
      officeId: closed.id,
      kind: 'labour_services',
      status: 'definitive',
      registerNumber: 'L2',
      validFrom: '2020-01-01',
    },
  ]);
  const b = await makeOrganization(db, { type: 'company', legalSeatMunicipalityCode: '016024' });
  await makeOffice(db, b.id, { municipalityCode: '108033' });
  const archived = await makeOrganization(db, { status: 'archived', archivedAt: new Date() });
  const archivedOffice = await makeOffice(db, archived.id);
  await db.insert(accreditations).values({
    officeId: archivedOffice.id,
    kind: 'training',
    status: 'definitive',
    registerNumber: 'T2',
    validFrom: '2020-01-01',
  });
  const region = await makeOrganization(db, { type: 'regional_authority', name: 'Regione Lombardia' });

  staffA = await makeUser(db, 'operator_staff', a.id);
  await makeUser(db, 'manager', a.id);
  const revoked = await makeUser(db, 'operator_staff', a.id);
  await db.update(memberships).set({ revokedAt: new Date() }).where(eq(memberships.id, revoked.membershipId));
  officer = await makeUser(db, 'regional_officer', region.id);
  admin = await makeUser(db, 'platform_admin', null);
  citizen = await makeUser(db, 'citizen', null);
});
afterAll(async () => t.close());

async function home(user: TestUser | null): Promise<KpiHome> {
  const res = await t.app.inject({
    url: '/api/kpi/home',
    ...(user ? { headers: { cookie: user.cookie } } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const figures = (h: KpiHome, section: string) =>
  Object.fromEntries(h.sections.find((s) => s.key === section)!.figures.map((f) => [f.key, f]));

describe('GET /api/kpi/home', () => {
  it("shows staff their organisation's open offices, current accreditations and active members only", async () => {
    const h = await home(staffA);
    expect(h.sections.map((s) => s.key)).toEqual(['organization']);
    expect(h.sections[0]!.organization).toEqual({ id: orgAId, name: 'Operatore Alfa' });
    const f = figures(h, 'organization');
    expect(f['organization.offices']!.value).toBe(2);
    expect(f['organization.currentAccreditations']).toMatchObject({
      value: 2,
      unit: 'count',
      of: null,
      breakdown: [
        { key: 'labour_services', value: 1 },
        { key: 'training', value: 1 },
      ],
    });
    expect(f['organization.members']!.value).toBe(2);
    expect(h.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('adds network-wide figures for steering roles: active organisations by type, accredited ones, offices by province', async () => {
    const h = await home(officer);
    expect(h.sections.map((s) => s.key)).toEqual(['organization', 'network']);
    expect(figures(h, 'organization')['organization.members']!.value).toBe(1);
    const f = figures(h, 'network');
    expect(f['network.organizations']).toMatchObject({ value: 3 });
    expect(f['network.organizations']!.breakdown.map((b) => [b.key, b.value])).toEqual([
      ['accredited_operator', 1],
      ['company', 1],
      ['regional_authority', 1],
    ]);
    expect(f['network.accreditedOrganizations']!.value).toBe(1);
    expect(f['network.offices']).toMatchObject({ value: 3 });
    expect(f['network.offices']!.breakdown).toEqual([
      { key: 'BG', label: 'Bergamo', value: 1 },
      { key: 'MB', label: 'Monza e della Brianza', value: 1 },
      { key: 'MI', label: 'Milano', value: 1 },
    ]);
  });

  it('gives a platform admin without an organisation the network section only, and a citizen nothing', async () => {
    expect((await home(admin)).sections.map((s) => s.key)).toEqual(['network']);
    expect((await home(citizen)).sections).toEqual([]);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ url: '/api/kpi/home' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });
});
