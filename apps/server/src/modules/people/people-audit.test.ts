import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makeUser } from '../../test/factories';
import { api, issueVoucher, makeClient, makeOperator, readyPathway } from '../pathways/pathways.test-helpers';
import { grantPersonAccess } from './people.access';

let t: TestApp;
let call: ReturnType<typeof api>;
beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
});
afterAll(async () => t.close());

interface Entry {
  id: string;
  at: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  actorUserId: string | null;
  actorName: string | null;
  organizationName: string | null;
  outcome: string;
}

describe("a person's audit trail", () => {
  it('lists the entries about the person and their pathways and vouchers, newest first, page by page', async () => {
    const ready = await readyPathway(t);
    const { op, person, pathwayId } = ready;
    const voucher = await issueVoucher(t, ready, { [Object.keys(ready.programme.lines)[0]!]: 1 });
    expect((await call(op.caseWorker, 'GET', `/api/people/${person.id}`)).statusCode).toBe(200);
    expect((await call(op.colleague, 'GET', `/api/pathways/${pathwayId}`)).statusCode).toBe(200);
    // Someone else's person: must not show up.
    const other = await makeClient(t, op.org.id);
    expect((await call(op.caseWorker, 'GET', `/api/people/${other.id}`)).statusCode).toBe(200);

    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/people/${person.id}/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call(op.caseWorker, 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: Entry[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThan(1);
    // Every entry exactly once, newest first.
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    const times = seen.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const count = await t.database.query<{ n: number }>(
      // The reads of the trail while paging are newer than the first page: not in this walk.
      `select count(*)::int as n from audit_log where action <> 'people.audit_read' and (
        (entity_type = 'person' and entity_id = $1) or (entity_type = 'pathway' and entity_id = $2)
        or (entity_type = 'voucher' and entity_id = $3))`,
      [person.id, pathwayId, voucher.id],
    );
    expect(seen.length).toBe(count[0]!.n);
    const actions = seen.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['people.read', 'pathways.create', 'pathways.read', 'vouchers.create']),
    );
    expect(seen.every((e) => e.entityId !== other.id)).toBe(true);
    const read = seen.find((e) => e.action === 'pathways.read')!;
    expect(read).toMatchObject({
      actorUserId: op.colleague.userId,
      actorName: 'Utente operator_staff',
      organizationName: op.org.name,
      outcome: 'ok',
    });

    // Reading the trail is itself audited, and shows up in the next read.
    const again = (await call(op.caseWorker, 'GET', `/api/people/${person.id}/audit?limit=1`)).json();
    expect(again.items[0]).toMatchObject({ action: 'people.audit_read', entityId: person.id });
  });

  it('is hidden from referral readers, other organisations and the citizen (404), and from anonymous users (401)', async () => {
    const op = await makeOperator(t);
    const person = await makeClient(t, op.org.id);
    const partner = await makeOrganization(t.database.db);
    const partnerStaff = await makeUser(t.database.db, 'operator_staff', partner.id);
    await grantPersonAccess(t.database.db, {
      personId: person.id,
      organizationId: partner.id,
      reason: 'referral',
      sharedSections: ['identity'],
    });
    // The partner sees the shared section of the record, but not the trail.
    expect((await call(partnerStaff, 'GET', `/api/people/${person.id}`)).statusCode).toBe(200);
    const partnerRes = await call(partnerStaff, 'GET', `/api/people/${person.id}/audit`);
    expect(partnerRes.statusCode).toBe(404);
    expect(partnerRes.json().code).toBe('people.not_found');

    const outsider = await makeUser(
      t.database.db,
      'operator_staff',
      (await makeOrganization(t.database.db)).id,
    );
    expect((await call(outsider, 'GET', `/api/people/${person.id}/audit`)).statusCode).toBe(404);
    const admin = await makeUser(t.database.db, 'platform_admin', null);
    expect((await call(admin, 'GET', `/api/people/${person.id}/audit`)).statusCode).toBe(404);
    const citizen = await makeUser(t.database.db, 'citizen', null);
    await t.database.query('update users set fiscal_code = $1 where id = $2', [
      person.fiscalCode,
      citizen.userId,
    ]);
    expect((await call(citizen, 'GET', `/api/people/${person.id}`)).statusCode).toBe(200);
    expect((await call(citizen, 'GET', `/api/people/${person.id}/audit`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/people/${person.id}/audit`)).statusCode).toBe(401);

    const denied = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where actor_user_id = $1 and outcome = 'denied'`,
      [partnerStaff.userId],
    );
    expect(denied[0]!.n).toBeGreaterThan(0);
    // The owner still reads it.
    expect((await call(op.caseWorker, 'GET', `/api/people/${person.id}/audit`)).statusCode).toBe(200);
  });

  it('rejects a forged cursor with 400', async () => {
    const op = await makeOperator(t);
    const person = await makeClient(t, op.org.id);
    for (const raw of [['x', '1'], ['1', 'DROP'], { a: 1 }, ['1', '99999999999999999999999']]) {
      const cursor = Buffer.from(JSON.stringify(raw)).toString('base64url');
      const res = await call(op.caseWorker, 'GET', `/api/people/${person.id}/audit?cursor=${cursor}`);
      expect(res.statusCode, JSON.stringify(raw)).toBe(400);
    }
  });
});
