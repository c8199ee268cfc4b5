import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROLES,
  isValidOrganizationFiscalCode,
  isValidPartitaIva,
  isValidPersonFiscalCode,
} from '@trama/contracts';
import { auditLog } from '../modules/audit/audit.table';
import { users } from '../modules/identity/identity.table';
import { accreditations, offices, organizations } from '../modules/organizations/organizations.table';
import { refAteco, refMunicipalities, refProvinces } from '../modules/reference/reference.table';
import { createTestApp, type TestApp } from '../test/test-app';
import { people } from '../modules/people';
import { DEMO_PASSWORD, DEMO_USERS, demoOrganizations, seedDemoIfEmpty } from './demo-data';
import { DEMO_PEOPLE_COUNT } from './demo-paths';

let t: TestApp;
let firstRun: boolean;

beforeAll(async () => {
  t = await createTestApp();
  firstRun = await seedDemoIfEmpty(t.database);
});
afterAll(async () => t?.close());

describe('demo dataset', () => {
  it('loads once: a second run changes nothing', async () => {
    expect(firstRun).toBe(true);
    const count = async () =>
      (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(organizations))[0]!.n;
    const before = await count();
    expect(before).toBe(demoOrganizations().length);
    expect(await seedDemoIfEmpty(t.database)).toBe(false);
    expect(await count()).toBe(before);
    const summary = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'demo.seed'), sql`${auditLog.entityType} is null`));
    expect(summary).toHaveLength(1);
    const perOrg = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'demo.seed'), eq(auditLog.entityType, 'organization')));
    expect(perOrg[0]!.n).toBe(before);
  });

  it('has twelve public job centres, one in each Lombardy province', async () => {
    const rows = await t.database.db
      .select({ name: organizations.name, province: refMunicipalities.provinceCode })
      .from(organizations)
      .innerJoin(refMunicipalities, eq(refMunicipalities.code, organizations.legalSeatMunicipalityCode))
      .where(eq(organizations.type, 'public_job_centre'));
    const lombardy = await t.database.db
      .select({ code: refProvinces.code })
      .from(refProvinces)
      .where(eq(refProvinces.regionCode, '03'));
    expect(lombardy).toHaveLength(12);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.province))).toEqual(new Set(lombardy.map((p) => p.code)));
    expect(rows.map((r) => r.name)).toContain("Centro per l'Impiego di Bergamo");
    const withOffice = await t.database.db
      .selectDistinct({ id: offices.organizationId })
      .from(offices)
      .innerJoin(organizations, eq(organizations.id, offices.organizationId))
      .where(eq(organizations.type, 'public_job_centre'));
    expect(withOffice).toHaveLength(12);
  });

  it('uses only valid fiscal codes, VAT numbers and ATECO 2025 codes', async () => {
    const orgs = await t.database.db.select().from(organizations);
    for (const o of orgs) {
      expect(isValidOrganizationFiscalCode(o.fiscalCode), `${o.name}: ${o.fiscalCode}`).toBe(true);
      if (o.vatNumber) expect(isValidPartitaIva(o.vatNumber), `${o.name}: ${o.vatNumber}`).toBe(true);
    }
    const codes = [...new Set(orgs.map((o) => o.atecoCode).filter((c): c is string => !!c))];
    const known = await t.database.db
      .select({ code: refAteco.code })
      .from(refAteco)
      .where(and(eq(refAteco.version, '2025'), inArray(refAteco.code, codes)));
    expect(known.map((k) => k.code).sort()).toEqual(codes.sort());
    const companies = orgs.filter((o) => o.type === 'company');
    expect(companies.length).toBeGreaterThanOrEqual(15);
    expect(companies.every((c) => c.atecoCode && c.vatNumber)).toBe(true);
    const citizens = await t.database.db
      .select({ fiscalCode: users.fiscalCode })
      .from(users)
      .where(sql`${users.fiscalCode} is not null`);
    for (const c of citizens) expect(isValidPersonFiscalCode(c.fiscalCode!)).toBe(true);
  });

  it('gives accredited operators offices in several provinces, with accreditations', async () => {
    const rows = await t.database.db
      .select({
        org: organizations.name,
        province: refMunicipalities.provinceCode,
        kind: accreditations.kind,
      })
      .from(organizations)
      .innerJoin(offices, eq(offices.organizationId, organizations.id))
      .innerJoin(refMunicipalities, eq(refMunicipalities.code, offices.municipalityCode))
      .leftJoin(accreditations, eq(accreditations.officeId, offices.id))
      .where(eq(organizations.type, 'accredited_operator'));
    const byOrg = new Map<string, typeof rows>();
    for (const r of rows) byOrg.set(r.org, [...(byOrg.get(r.org) ?? []), r]);
    expect(byOrg.size).toBeGreaterThanOrEqual(8);
    for (const [org, offs] of byOrg)
      expect(new Set(offs.map((x) => x.province)).size, `${org} is in one province only`).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['labour_services', 'training', null]));
  });

  it('lets every demo user sign in with the documented password, one per role', async () => {
    expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(ROLES));
    for (const [i, u] of DEMO_USERS.entries()) {
      expect(u.password).toBe(DEMO_PASSWORD);
      expect(u.password.length).toBeGreaterThanOrEqual(12);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: u.email, password: u.password },
        // One address per user: the login rate limit (10 a minute per address) is not under test here.
        remoteAddress: `192.0.2.${i + 1}`,
      });
      expect(res.statusCode, u.email).toBe(200);
      expect(res.json().activeMembership).toMatchObject({ role: u.role, organizationName: u.organization });
    }
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO_USERS[0]!.email, password: 'not-the-demo-password' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  describe('re-employment paths', () => {
    let address = 0;
    const signIn = async (email: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: DEMO_PASSWORD },
        remoteAddress: `198.51.100.${++address}`,
      });
      expect(res.statusCode, email).toBe(200);
      const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('trama_session='));
      return { cookie: cookie!.split(';')[0]! };
    };
    const get = async (headers: { cookie: string }, url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json();
    };

    it('registers people with valid fiscal codes, a work history in ESCO/ATECO terms and skills', async () => {
      const rows = await t.database.db.select().from(people);
      expect(rows).toHaveLength(DEMO_PEOPLE_COUNT);
      expect(rows.length).toBeGreaterThanOrEqual(20);
      for (const p of rows) expect(isValidPersonFiscalCode(p.fiscalCode), p.fiscalCode).toBe(true);
      const op = await signIn('operatore@demo.trama.it');
      const list = await get(op, '/api/people?limit=50');
      const someone = list.items[0];
      const person = await get(op, `/api/people/${someone.id}`);
      expect(person.workHistory[0]).toMatchObject({
        atecoCode: expect.any(String),
        occupationId: expect.any(Number),
      });
      expect(person.skills.length).toBeGreaterThan(0);
      expect(person.residenceMunicipalityCode).toMatch(/^\d{6}$/);
    });

    it("fills the operator's caseload with people in several states and overdue items", async () => {
      const op = await signIn('operatore@demo.trama.it');
      const page = await get(op, '/api/caseload?limit=100');
      const states = new Set(page.items.map((i: { state: string }) => i.state));
      for (const s of ['taken_in_charge', 'assessed', 'pact_signed', 'in_delivery', 'suspended', 'placed'])
        expect(states, s).toContain(s);
      expect(page.items.some((i: { overdue: boolean }) => i.overdue)).toBe(true);
      expect(page.items.some((i: { pactOverdue: boolean }) => i.pactOverdue)).toBe(true);
      expect(
        page.items.some((i: { appointmentsWithoutOutcome: number }) => i.appointmentsWithoutOutcome > 0),
      ).toBe(true);
      expect(page.items.some((i: { voucherExpiring: boolean }) => i.voucherExpiring)).toBe(true);
      // Dated relative to today: taken in charge over the last months, nothing in the future.
      const taken = page.items.map((i: { takenInChargeAt: string }) => Date.parse(i.takenInChargeAt));
      expect(Math.min(...taken)).toBeLessThan(Date.now() - 60 * 86_400_000);
      expect(Math.max(...taken)).toBeLessThan(Date.now());
      const overdueOnly = await get(op, '/api/caseload?limit=100&overdueOnly=true');
      expect(overdueOnly.items.length).toBeGreaterThan(0);
      expect(overdueOnly.items.length).toBeLessThan(page.items.length);
      // A voucher with validated deliveries drawn from its budget.
      const withVoucher = page.items.find(
        (i: { state: string; voucherId: string | null }) => i.state === 'in_delivery' && i.voucherId,
      );
      const voucher = await get(op, `/api/vouchers/${withVoucher.voucherId}`);
      expect(voucher.ledger.validatedCents).toBeGreaterThan(0);
      expect(voucher.ledger.remainingCents).toBeLessThan(voucher.capCents);
    });

    it('shows the demo citizen her own record, pathway and signed pact', async () => {
      const citizen = DEMO_USERS.find((u) => u.role === 'citizen')!;
      const me = await signIn(citizen.email);
      const person = await get(me, '/api/people/me');
      expect(person.fiscalCode).toBe(citizen.fiscalCode);
      const paths = await get(me, '/api/me/pathways');
      expect(paths.items).toHaveLength(1);
      expect(paths.items[0].state).toBe('pact_signed');
      const pact = await get(me, `/api/me/pathways/${paths.items[0].id}/pact`);
      expect(pact.pact).toMatchObject({ status: 'signed' });
      expect(pact.pact.personSignedAt).not.toBeNull();
      const timeline = paths.items[0].timeline.map((e: { at: string }) => Date.parse(e.at));
      expect(timeline).toEqual([...timeline].sort((a, b) => a - b));
      expect(Math.max(...timeline)).toBeLessThan(Date.now());
    });

    it('has a referral from the operator pending at CPI Milano', async () => {
      const cpi = await signIn('cpi.milano@demo.trama.it');
      const incoming = await get(cpi, '/api/referrals?direction=incoming&state=proposed');
      expect(incoming.items).toHaveLength(1);
      expect(incoming.items[0]).toMatchObject({
        state: 'proposed',
        fromOrganizationName: 'Lavoro Più Lombardia S.r.l.',
        toOrganizationName: "Centro per l'Impiego di Milano",
      });
      const caseload = await get(cpi, '/api/caseload?limit=100');
      expect(caseload.items.length).toBeGreaterThanOrEqual(5);
    });
  });
});
