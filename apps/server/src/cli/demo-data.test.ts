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
import { DEMO_PASSWORD, DEMO_USERS, demoOrganizations, seedDemoIfEmpty } from './demo-data';

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
});
