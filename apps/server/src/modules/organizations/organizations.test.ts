import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personFiscalCodeCheckChar } from '@trama/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOffice, makeOrganization, makeUser, makeVatNumber, type TestUser } from '../../test/factories';
import { accreditations } from './organizations.table';

let t: TestApp;
let admin: TestUser;
let officer: TestUser;
let coordinator: TestUser;
let citizen: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await makeOrganization(db, { type: 'regional_authority' });
  const network = await makeOrganization(db, { type: 'business_association' });
  admin = await makeUser(db, 'platform_admin', null);
  officer = await makeUser(db, 'regional_officer', region.id);
  coordinator = await makeUser(db, 'network_coordinator', network.id);
  citizen = await makeUser(db, 'citizen', null);
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const call = (method: Method, url: string, user: TestUser | null, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    ...(user ? { headers: { cookie: user.cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** A token made of letters only, so a search for it finds just this test's records. */
const token = () => Array.from(crypto.randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('');

const newOrg = (over: Record<string, unknown> = {}) => {
  const vat = makeVatNumber();
  return {
    type: 'accredited_operator',
    name: `Lavoro Insieme ${token()}`,
    fiscalCode: vat,
    vatNumber: vat,
    atecoCode: '78.10.00',
    legalSeatMunicipalityCode: '015146',
    address: 'Via Dante 12',
    postalCode: '20121',
    email: 'info@lavoroinsieme.example',
    pec: 'lavoroinsieme@pec.example',
    phone: '+39 02 1234567',
    website: 'https://lavoroinsieme.example',
    description: 'Servizi al lavoro accreditati',
    ...over,
  };
};

const office = (over: Record<string, unknown> = {}) => ({
  name: 'Sede di Bergamo',
  address: 'Via XX Settembre 5',
  postalCode: '24122',
  municipalityCode: '016024',
  accreditations: [],
  ...over,
});

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function create(over: Record<string, unknown> = {}, by: TestUser = officer) {
  const res = await call('POST', '/api/organizations', by, newOrg(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function auditOf(query: string) {
  const res = await call('GET', `/api/audit?${query}&limit=200`, admin);
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    action: string;
    outcome: string;
    entityId: string | null;
    details: { changed: string[]; code: string; method: string };
  }[];
}

describe('create', () => {
  it('registers an organisation with an office and an accreditation, in one audited transaction', async () => {
    const res = await call(
      'POST',
      '/api/organizations',
      officer,
      newOrg({
        offices: [
          office({
            accreditations: [
              {
                kind: 'labour_services',
                status: 'definitive',
                registerNumber: 'ALS-0042',
                validFrom: '2024-01-01',
                validTo: null,
              },
            ],
          }),
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      type: 'accredited_operator',
      status: 'active',
      version: 1,
      accredited: true,
      officeCount: 1,
      atecoCode: '78.10.00',
      legalSeat: { code: '015146', name: 'Milano', provinceCode: '215', provinceAbbreviation: 'MI' },
      permissions: { update: false, addAccreditations: true, viewMembers: false },
    });
    expect(org.atecoTitle).toBe('Attività di agenzie di collocamento');
    expect(org.offices).toHaveLength(1);
    expect(org.offices[0]).toMatchObject({
      name: 'Sede di Bergamo',
      municipality: { code: '016024', name: 'Bergamo', provinceAbbreviation: 'BG' },
      archived: false,
      accreditations: [
        { kind: 'labour_services', status: 'definitive', registerNumber: 'ALS-0042', current: true },
      ],
    });

    const detail = await call('GET', `/api/organizations/${org.id}`, citizen);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().offices[0].accreditations).toHaveLength(1);
    const offices = await call('GET', `/api/organizations/${org.id}/offices`, citizen);
    expect(offices.json().items.map((o: { id: string }) => o.id)).toEqual([org.offices[0].id]);

    const log = await auditOf(`organizationId=${org.id}`);
    expect(log.map((e) => e.action).sort()).toEqual([
      'accreditations.create',
      'offices.create',
      'organizations.create',
    ]);
  });

  it('accepts a sole trader with a 16-character codice fiscale (lower case is normalised)', async () => {
    const first15 = `RSSMRA85T10F${String(crypto.randomInt(100, 999))}`;
    const cf = first15 + personFiscalCodeCheckChar(first15);
    const org = await create({
      type: 'company',
      fiscalCode: cf.toLowerCase(),
      vatNumber: null,
      atecoCode: null,
    });
    expect(org.fiscalCode).toBe(cf);
    expect(org.atecoCode).toBeNull();
  });

  it('refuses a wrong check digit with a field error', async () => {
    const vat = makeVatNumber();
    const wrong = vat.slice(0, 10) + String((Number(vat[10]) + 1) % 10);
    const res = await call(
      'POST',
      '/api/organizations',
      officer,
      newOrg({ fiscalCode: wrong, vatNumber: wrong }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.fiscalCode', code: 'fiscal_code_invalid' }),
        expect.objectContaining({ field: 'body.vatNumber', code: 'vat_number_invalid' }),
      ]),
    );
  });

  it('refuses unknown municipalities and ATECO codes, naming each field', async () => {
    const res = await call(
      'POST',
      '/api/organizations',
      officer,
      newOrg({
        legalSeatMunicipalityCode: '999999',
        atecoCode: '99.99.99',
        offices: [office({ municipalityCode: '999998' })],
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('validation.failed');
    expect(
      res
        .json()
        .errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)
        .sort(),
    ).toEqual([
      'body.atecoCode:ateco_code_unknown',
      'body.legalSeatMunicipalityCode:municipality_unknown',
      'body.offices.0.municipalityCode:municipality_unknown',
    ]);
  });

  it('refuses malformed input with 4xx problems, never 5xx', async () => {
    const cases: [unknown, string][] = [
      [newOrg({ type: 'bank' }), 'body.type'],
      [newOrg({ name: 'Nome\u0000nullo' }), 'body.name'],
      [newOrg({ offices: [office({ address: 'Via\nRoma' })] }), 'body.offices.0.address'],
      [newOrg({ name: 'x'.repeat(201) }), 'body.name'],
      [newOrg({ website: 'javascript:alert(1)' }), 'body.website'],
      [newOrg({ email: 'not-an-email' }), 'body.email'],
      [newOrg({ postalCode: '2012' }), 'body.postalCode'],
      [newOrg({ atecoCode: 'DROP TABLE' }), 'body.atecoCode'],
      [
        newOrg({
          offices: [
            office({
              accreditations: [
                {
                  kind: 'training',
                  status: 'provisional',
                  registerNumber: 'X',
                  validFrom: '2025-02-01',
                  validTo: '2025-01-01',
                },
              ],
            }),
          ],
        }),
        'body.offices.0.accreditations.0.validTo',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await call('POST', '/api/organizations', officer, payload);
      expect(res.statusCode, field).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie: officer.cookie, 'content-type': 'application/json' },
      payload: '{"type":',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a fiscal code that is already registered with 409', async () => {
    const first = await create();
    const res = await call(
      'POST',
      '/api/organizations',
      coordinator,
      newOrg({ fiscalCode: first.fiscalCode }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('organizations.fiscal_code_taken');
    expect(res.json().errors[0].field).toBe('body.fiscalCode');
  });

  it('is reserved to admins, regional officers and network coordinators; refusals are audited', async () => {
    const org = await makeOrganization(t.database.db);
    const staff = await makeUser(t.database.db, 'operator_staff', org.id);
    for (const who of [staff, citizen]) {
      const res = await call('POST', '/api/organizations', who, newOrg());
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.forbidden');
    }
    expect((await call('POST', '/api/organizations', admin, newOrg())).statusCode).toBe(201);
    expect((await call('POST', '/api/organizations', coordinator, newOrg())).statusCode).toBe(201);
    const denied = await auditOf(`action=access.denied&actorUserId=${staff.userId}`);
    expect(denied).toHaveLength(1);
    expect(denied[0]!.details).toMatchObject({ method: 'POST', code: 'auth.forbidden' });
  });
});

describe('search and filters', () => {
  it('finds by name regardless of accents and case, and by fiscal code or VAT number', async () => {
    const tk = token();
    const org = await create({ name: `Cooperativa Città Solidale ${tk}` });
    const q = async (text: string) =>
      (await call('GET', `/api/organizations?q=${encodeURIComponent(text)}`, citizen))
        .json()
        .items.map((o: { id: string }) => o.id);
    expect(await q(`citta solidale ${tk}`)).toEqual([org.id]);
    expect(await q(`CITTÀ ${tk.toUpperCase()}`)).toEqual([org.id]);
    expect(await q(`${tk} solidale`)).toEqual([org.id]);
    expect(await q(org.fiscalCode.slice(2, 9))).toContain(org.id);
    expect(await q(`${tk} nonesiste`)).toEqual([]);
  });

  it('filters by type, province (abbreviation or UTS code), accreditation and status', async () => {
    const tk = token();
    const accredited = await create({
      name: `Alfa ${tk}`,
      offices: [
        office({
          accreditations: [
            {
              kind: 'training',
              status: 'provisional',
              registerNumber: 'F-1',
              validFrom: isoDay(-30),
              validTo: isoDay(30),
            },
          ],
        }),
      ],
    });
    const expired = await create({
      name: `Beta ${tk}`,
      legalSeatMunicipalityCode: '016024',
      offices: [
        office({
          accreditations: [
            {
              kind: 'training',
              status: 'definitive',
              registerNumber: 'F-2',
              validFrom: '2020-01-01',
              validTo: isoDay(-1),
            },
            { kind: 'labour_services', status: 'provisional', registerNumber: 'L-2', validFrom: isoDay(1) },
          ],
        }),
      ],
    });
    const company = await create({
      name: `Gamma ${tk}`,
      type: 'company',
      legalSeatMunicipalityCode: '108033',
    });
    // A current accreditation of a closed office does not count.
    const closed = await create({ name: `Delta ${tk}` });
    const closedOffice = await makeOffice(t.database.db, closed.id, { archivedAt: new Date() });
    await t.database.db.insert(accreditations).values({
      officeId: closedOffice.id,
      kind: 'labour_services',
      status: 'definitive',
      registerNumber: 'L-3',
      validFrom: '2020-01-01',
    });

    const ids = async (filters: string) => {
      const res = await call('GET', `/api/organizations?q=${tk}&${filters}`, citizen);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((o: { name: string }) => o.name.split(' ')[0]);
    };
    expect(await ids('')).toEqual(['Alfa', 'Beta', 'Delta', 'Gamma']);
    expect(await ids('type=company')).toEqual(['Gamma']);
    expect(await ids('type=accredited_operator')).toEqual(['Alfa', 'Beta', 'Delta']);
    expect(await ids('province=MI')).toEqual(['Alfa', 'Delta']);
    expect(await ids('province=mi')).toEqual(['Alfa', 'Delta']);
    expect(await ids('province=016')).toEqual(['Beta']);
    expect(await ids('province=MB')).toEqual(['Gamma']);
    expect(await ids('accredited=true')).toEqual(['Alfa']);
    expect(await ids('accredited=false')).toEqual(['Beta', 'Delta', 'Gamma']);
    expect(await ids('accredited=true&province=BG')).toEqual([]);
    expect(await ids('sort=-name')).toEqual(['Gamma', 'Delta', 'Beta', 'Alfa']);

    const list = (await call('GET', `/api/organizations?q=${tk}`, citizen)).json().items;
    expect(list.find((o: { id: string }) => o.id === expired.id)).toMatchObject({
      accredited: false,
      officeCount: 1,
    });
    expect(list.find((o: { id: string }) => o.id === accredited.id)).toMatchObject({ accredited: true });
    expect(list.find((o: { id: string }) => o.id === company.id).legalSeat.provinceCode).toBe('108');

    for (const bad of [
      'province=Milano',
      'type=bank',
      'accredited=maybe',
      'status=deleted',
      'sort=fiscalCode',
      'limit=0',
      'limit=201',
    ])
      expect((await call('GET', `/api/organizations?${bad}`, citizen)).statusCode, bad).toBe(422);
  });
});

describe('pagination', () => {
  it('walks every page without duplicates or gaps, for every sort, including ties', async () => {
    const tk = token();
    const names = [
      'Zeta',
      'Èlite',
      'alfa',
      'Alfa',
      'Alfa',
      'Beta',
      'beta',
      'Ömega',
      'Città',
      'Citta',
      'Delta',
    ];
    // Same transaction => same created_at for all of them: the id must break the ties.
    await t.database.db.transaction(async (tx) => {
      for (const n of names) await makeOrganization(tx as never, { name: `${n} ${tk}` });
    });
    for (const n of ['Epsilon', 'Kappa']) await create({ name: `${n} ${tk}` });
    const total = names.length + 2;

    for (const sort of ['name', '-name', 'createdAt', '-createdAt']) {
      const full = (await call('GET', `/api/organizations?q=${tk}&sort=${sort}&limit=200`, citizen)).json();
      expect(full.items).toHaveLength(total);
      expect(full.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/organizations?q=${tk}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await call('GET', url, citizen)).json();
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((o: { id: string }) => o.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(pages).toBe(Math.ceil(total / 3));
      expect(new Set(seen).size).toBe(total);
      expect(seen).toEqual(full.items.map((o: { id: string }) => o.id));
    }

    const byName = (await call('GET', `/api/organizations?q=${tk}&sort=name&limit=200`, citizen)).json()
      .items;
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const keys = byName.map((o: { name: string }) => fold(o.name));
    expect(keys).toEqual([...keys].sort());
    expect(byName[0].name.startsWith('alfa') || byName[0].name.startsWith('Alfa')).toBe(true);
    expect(keys.indexOf(`elite ${tk}`)).toBeLessThan(keys.indexOf(`epsilon ${tk}`));
  });

  it('refuses a tampered cursor or one from another sort with 400', async () => {
    const page = (await call('GET', '/api/organizations?limit=1', citizen)).json();
    expect(page.nextCursor).toBeTruthy();
    const other = await call(
      'GET',
      `/api/organizations?limit=1&sort=-createdAt&cursor=${page.nextCursor}`,
      citizen,
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().code).toBe('pagination.invalid_cursor');
    const junk = await call('GET', '/api/organizations?cursor=bm90LWpzb24', citizen);
    expect(junk.statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify({ s: 'name', k: 'a', id: "x'; drop table x; --" })).toString(
      'base64url',
    );
    expect((await call('GET', `/api/organizations?cursor=${forged}`, citizen)).statusCode).toBe(400);
    const nul = Buffer.from(JSON.stringify({ s: 'name', k: 'a\u0000', id: crypto.randomUUID() })).toString(
      'base64url',
    );
    expect((await call('GET', `/api/organizations?cursor=${nul}`, citizen)).statusCode).toBe(400);
    const badDate = Buffer.from(JSON.stringify({ s: 'createdAt', k: '1', id: crypto.randomUUID() })).toString(
      'base64url',
    );
    expect(
      (await call('GET', `/api/organizations?sort=createdAt&cursor=${badDate}`, citizen)).statusCode,
    ).toBe(400);
  });
});

describe('CSV export', () => {
  it('streams a ;-separated UTF-8 CSV with BOM, Italian header and the filtered rows', async () => {
    const tk = token();
    const a = await create({ name: `Rete "Nord"; Lavoro ${tk}`, description: 'riga1\nriga2' });
    const b = await create({
      name: `=SOMMA(A1) ${tk}`,
      type: 'company',
      legalSeatMunicipalityCode: '016024',
    });
    const res = await call('GET', `/api/organizations/export.csv?q=${tk}`, citizen);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="organizzazioni-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'ID;Tipo;Denominazione;Codice fiscale;Partita IVA;Codice ATECO;Attività ATECO;Comune sede legale;Codice ISTAT comune;Provincia;Indirizzo;CAP;E-mail;PEC;Telefono;Sito web;Accreditata;Sedi;Stato;Data registrazione',
    );
    expect(lines).toHaveLength(4);
    // Sorted by name: "=SOMMA" < "Rete"; the formula is neutralised, the quotes and ; are escaped.
    expect(lines[1]!.startsWith(`${b.id};Impresa;'=SOMMA(A1) ${tk};${b.fiscalCode};`)).toBe(true);
    expect(lines[1]).toContain(';Bergamo;016024;BG;');
    expect(lines[2]).toContain(`;"Rete ""Nord""; Lavoro ${tk}";${a.fiscalCode};${a.vatNumber};78.10.00;`);
    expect(lines[2]).toContain(';Milano;015146;MI;Via Dante 12;20121;info@lavoroinsieme.example;');
    expect(lines[2]).toContain(`;'+39 02 1234567;https://lavoroinsieme.example;no;0;attiva;`);

    const en = await call('GET', `/api/organizations/export.csv?q=${tk}&lang=en&type=company`, citizen);
    const enLines = en.body.slice(1).split('\r\n');
    expect(enLines[0]!.startsWith('ID;Type;Name;Fiscal code;VAT number')).toBe(true);
    expect(enLines).toHaveLength(3);
    expect(enLines[1]).toContain(';Company;');
    expect(enLines[1]).toContain(';no;0;active;');
  });

  it('reads large exports in batches without duplicates or gaps', async () => {
    const tk = token();
    const n = 1234;
    await t.database.query(
      `insert into organizations (type, name, fiscal_code, legal_seat_municipality_code, search_text)
       select 'company', 'Impresa ' || $1 || ' ' || lpad(i::text, 5, '0'),
              lpad((90000000000 + i + $2::bigint)::text, 11, '0'), '015146', 'impresa ' || $1 || ' ' || i
       from generate_series(1, $3::int) i`,
      [tk, crypto.randomInt(1, 9_000_000) * 1000, n],
    );
    const res = await call('GET', `/api/organizations/export.csv?q=${tk}&sort=-createdAt`, citizen);
    expect(res.statusCode).toBe(200);
    const rows = res.body.slice(1).split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.split(';')[0])).size).toBe(n);
  });

  it('needs a session', async () => {
    const res = await call('GET', '/api/organizations/export.csv', null);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('update, archive, restore', () => {
  it('applies a change with the current version, refuses a stale one with 409, and audits the changed fields', async () => {
    const org = await makeOrganization(t.database.db);
    const staff = await makeUser(t.database.db, 'operator_staff', org.id);
    const ok = await call('PATCH', `/api/organizations/${org.id}`, staff, {
      version: 1,
      name: 'Orizzonti Lavoro Srl',
      email: 'segreteria@orizzonti.example',
      atecoCode: '85.59.20',
      phone: '',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      version: 2,
      name: 'Orizzonti Lavoro Srl',
      email: 'segreteria@orizzonti.example',
      phone: null,
      atecoCode: '85.59.20',
      permissions: { update: true, viewMembers: true, changeType: false },
    });
    const stale = await call('PATCH', `/api/organizations/${org.id}`, staff, {
      version: 1,
      name: 'Altro nome',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('organizations.version_conflict');
    expect((await call('GET', `/api/organizations/${org.id}`, staff)).json().name).toBe(
      'Orizzonti Lavoro Srl',
    );

    // The search text follows the new name.
    const found = (await call('GET', `/api/organizations?q=orizzonti lavoro srl`, staff)).json().items;
    expect(found.map((o: { id: string }) => o.id)).toContain(org.id);

    // Same values again: nothing changes, no version bump.
    const same = await call('PATCH', `/api/organizations/${org.id}`, staff, {
      version: 2,
      name: 'Orizzonti Lavoro Srl',
    });
    expect(same.json().version).toBe(2);

    const log = await auditOf(`action=organizations.update&entityId=${org.id}`);
    expect(log).toHaveLength(1);
    expect(log[0]!.details.changed.sort()).toEqual(['atecoCode', 'email', 'name']);
  });

  it('validates references and uniqueness on update too', async () => {
    const taken = await create();
    const org = await makeOrganization(t.database.db);
    const unknown = await call('PATCH', `/api/organizations/${org.id}`, admin, {
      version: 1,
      legalSeatMunicipalityCode: '000001',
      atecoCode: '00.00',
    });
    expect(unknown.statusCode).toBe(422);
    expect(
      unknown
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.atecoCode', 'body.legalSeatMunicipalityCode']);
    const dup = await call('PATCH', `/api/organizations/${org.id}`, admin, {
      version: 1,
      fiscalCode: taken.fiscalCode,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('organizations.fiscal_code_taken');
    const missing = await call('PATCH', `/api/organizations/${crypto.randomUUID()}`, admin, {
      version: 1,
      name: 'Nessuno',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('organizations.not_found');
  });

  it('lets only a platform admin change the type', async () => {
    const org = await makeOrganization(t.database.db);
    const staff = await makeUser(t.database.db, 'operator_staff', org.id);
    const res = await call('PATCH', `/api/organizations/${org.id}`, staff, {
      version: 1,
      type: 'public_job_centre',
    });
    expect(res.statusCode).toBe(403);
    // Sending the unchanged type (a full form) is fine.
    expect(
      (
        await call('PATCH', `/api/organizations/${org.id}`, staff, {
          version: 1,
          type: 'accredited_operator',
        })
      ).statusCode,
    ).toBe(200);
    const byAdmin = await call('PATCH', `/api/organizations/${org.id}`, admin, {
      version: 1,
      type: 'public_job_centre',
    });
    expect(byAdmin.json()).toMatchObject({ type: 'public_job_centre', version: 2 });
  });

  it('archiving hides from the default list; restore brings it back; archived ones are read-only', async () => {
    const tk = token();
    const org = await create({ name: `Archivio ${tk}` });
    const staff = await makeUser(t.database.db, 'operator_staff', org.id);
    const archived = await call('POST', `/api/organizations/${org.id}/archive`, staff);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', version: 2 });
    expect((await call('GET', `/api/organizations?q=${tk}`, citizen)).json().items).toEqual([]);
    expect(
      (await call('GET', `/api/organizations?q=${tk}&status=archived`, citizen)).json().items,
    ).toHaveLength(1);
    expect(
      (await call('GET', `/api/organizations/export.csv?q=${tk}`, citizen)).body.split('\r\n'),
    ).toHaveLength(2);

    const edit = await call('PATCH', `/api/organizations/${org.id}`, staff, {
      version: 2,
      name: 'Nuovo nome',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('organizations.archived');
    expect((await call('POST', `/api/organizations/${org.id}/offices`, staff, office())).statusCode).toBe(
      409,
    );
    // Archiving twice changes nothing.
    expect((await call('POST', `/api/organizations/${org.id}/archive`, staff)).json().version).toBe(2);

    const restored = await call('POST', `/api/organizations/${org.id}/restore`, admin);
    expect(restored.json()).toMatchObject({ status: 'active', version: 3 });
    expect((await call('GET', `/api/organizations?q=${tk}`, citizen)).json().items).toHaveLength(1);
    const log = await auditOf(`entityId=${org.id}&action=organizations.`);
    expect(log.map((e) => e.action)).toEqual([
      'organizations.restore',
      'organizations.archive',
      'organizations.create',
    ]);
  });
});

describe('offices and accreditations', () => {
  it('own staff add and change offices; regional officers record accreditations', async () => {
    const org = await makeOrganization(t.database.db);
    const staff = await makeUser(t.database.db, 'operator_staff', org.id);
    const created = await call(
      'POST',
      `/api/organizations/${org.id}/offices`,
      staff,
      office({ name: 'Sede Monza', municipalityCode: '108033' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const officeId = created.json().id;
    expect(created.json()).toMatchObject({
      organizationId: org.id,
      municipality: { provinceAbbreviation: 'MB' },
      accreditations: [],
    });

    const patched = await call('PATCH', `/api/organizations/${org.id}/offices/${officeId}`, staff, {
      address: 'Via Italia 3',
      email: '',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ address: 'Via Italia 3', email: null });

    const acc = {
      kind: 'labour_services',
      status: 'provisional',
      registerNumber: 'RL-77',
      validFrom: isoDay(-1),
      validTo: isoDay(364),
    };
    const added = await call(
      'POST',
      `/api/organizations/${org.id}/offices/${officeId}/accreditations`,
      officer,
      acc,
    );
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ registerNumber: 'RL-77', current: true });
    expect((await call('GET', `/api/organizations/${org.id}`, staff)).json().accredited).toBe(true);

    const again = await call(
      'POST',
      `/api/organizations/${org.id}/offices/${officeId}/accreditations`,
      staff,
      acc,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('accreditations.duplicate');

    const unknownPlace = await call('PATCH', `/api/organizations/${org.id}/offices/${officeId}`, staff, {
      municipalityCode: '123456',
    });
    expect(unknownPlace.statusCode).toBe(422);
    expect(unknownPlace.json().errors[0]).toMatchObject({
      field: 'body.municipalityCode',
      code: 'municipality_unknown',
    });

    // Closing the office: hidden from the list, the organisation is no longer accredited.
    const closed = await call('PATCH', `/api/organizations/${org.id}/offices/${officeId}`, staff, {
      archived: true,
    });
    expect(closed.json().archived).toBe(true);
    expect((await call('GET', `/api/organizations/${org.id}/offices`, staff)).json().items).toEqual([]);
    expect(
      (await call('GET', `/api/organizations/${org.id}/offices?includeArchived=true`, staff)).json().items,
    ).toHaveLength(1);
    expect((await call('GET', `/api/organizations/${org.id}`, staff)).json()).toMatchObject({
      accredited: false,
      officeCount: 0,
    });
    const onClosed = await call(
      'POST',
      `/api/organizations/${org.id}/offices/${officeId}/accreditations`,
      staff,
      { ...acc, registerNumber: 'RL-78' },
    );
    expect(onClosed.json().code).toBe('offices.archived');

    const actions = (await auditOf(`organizationId=${org.id}`)).map((e) => e.action).sort();
    expect(actions).toEqual(['accreditations.create', 'offices.archive', 'offices.create', 'offices.update']);
  });

  it('answers 404 for an office of another organisation or an unknown organisation', async () => {
    const a = await makeOrganization(t.database.db);
    const b = await makeOrganization(t.database.db);
    const officeOfB = await makeOffice(t.database.db, b.id);
    const staffA = await makeUser(t.database.db, 'operator_staff', a.id);
    const res = await call('PATCH', `/api/organizations/${a.id}/offices/${officeOfB.id}`, staffA, {
      name: 'Presa',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('offices.not_found');
    const unknown = await call('GET', `/api/organizations/${crypto.randomUUID()}/offices`, citizen);
    expect(unknown.json().code).toBe('organizations.not_found');
    expect((await call('GET', `/api/organizations/not-a-uuid`, citizen)).statusCode).toBe(422);
  });
});

describe('members', () => {
  it('are listed for the organisation’s own members and admins, and the read is audited', async () => {
    const org = await makeOrganization(t.database.db);
    const staff = await makeUser(t.database.db, 'operator_staff', org.id);
    const manager = await makeUser(t.database.db, 'manager', org.id);
    for (const who of [staff, admin]) {
      const res = await call('GET', `/api/organizations/${org.id}/members`, who);
      expect(res.statusCode).toBe(200);
      expect(
        res
          .json()
          .items.map((m: { userId: string }) => m.userId)
          .sort(),
      ).toEqual([staff.userId, manager.userId].sort());
    }
    const page1 = (await call('GET', `/api/organizations/${org.id}/members?limit=1`, staff)).json();
    const page2 = (
      await call('GET', `/api/organizations/${org.id}/members?limit=1&cursor=${page1.nextCursor}`, staff)
    ).json();
    expect([...page1.items, ...page2.items].map((m: { userId: string }) => m.userId).sort()).toEqual(
      [staff.userId, manager.userId].sort(),
    );
    expect(page2.nextCursor).toBeNull();
    const log = await auditOf(`action=organization_members.read&entityId=${org.id}`);
    expect(log).toHaveLength(4);
    const missing = await call('GET', `/api/organizations/${crypto.randomUUID()}/members`, admin);
    expect(missing.statusCode).toBe(404);
  });
});

describe('another organisation’s staff', () => {
  it('can read A’s public record but cannot change it or read its members, for every endpoint; all audited', async () => {
    const a = await create({
      offices: [
        office({
          accreditations: [
            { kind: 'training', status: 'definitive', registerNumber: 'T-9', validFrom: '2024-01-01' },
          ],
        }),
      ],
    });
    const officeId = a.offices[0].id;
    const b = await makeOrganization(t.database.db);
    const staffB = await makeUser(t.database.db, 'operator_staff', b.id);
    const companyB = await makeUser(t.database.db, 'company_staff', b.id);
    const someone = await makeUser(t.database.db, 'citizen', null);

    for (const who of [staffB, companyB, someone]) {
      const attempts: [Method, string, unknown, number, string][] = [
        ['PATCH', `/api/organizations/${a.id}`, { version: 1, name: 'Dirottata' }, 403, 'auth.forbidden'],
        ['POST', `/api/organizations/${a.id}/archive`, undefined, 403, 'auth.forbidden'],
        ['POST', `/api/organizations/${a.id}/restore`, undefined, 403, 'auth.forbidden'],
        ['POST', `/api/organizations/${a.id}/offices`, office(), 403, 'auth.forbidden'],
        [
          'PATCH',
          `/api/organizations/${a.id}/offices/${officeId}`,
          { name: 'Dirottata' },
          403,
          'auth.forbidden',
        ],
        [
          'POST',
          `/api/organizations/${a.id}/offices/${officeId}/accreditations`,
          { kind: 'training', status: 'provisional', registerNumber: 'X-1', validFrom: '2025-01-01' },
          403,
          'auth.forbidden',
        ],
        ['GET', `/api/organizations/${a.id}/members`, undefined, 404, 'organization_members.not_found'],
      ];
      for (const [method, url, payload, status, code] of attempts) {
        const res = await call(method, url, who, payload);
        expect(res.statusCode, `${who.role} ${method} ${url}`).toBe(status);
        expect(res.json().code).toBe(code);
        expect(res.body).not.toContain(a.email);
      }
      const denied = await auditOf(`action=access.denied&actorUserId=${who.userId}`);
      expect(denied).toHaveLength(attempts.length);
      expect(denied.every((e) => e.outcome === 'denied')).toBe(true);
      expect(denied.map((e) => e.details.code)).toContain('organization_members.not_found');

      // The public register stays readable.
      expect((await call('GET', `/api/organizations/${a.id}`, who)).statusCode).toBe(200);
      expect((await call('GET', `/api/organizations/${a.id}/offices`, who)).statusCode).toBe(200);
    }
    const after = (
      await call('GET', `/api/organizations/${a.id}/offices?includeArchived=true`, admin)
    ).json();
    expect(after.items).toHaveLength(1);
    expect(after.items[0].accreditations).toHaveLength(1);
    expect((await call('GET', `/api/organizations/${a.id}`, admin)).json()).toMatchObject({
      version: 1,
      name: a.name,
      status: 'active',
    });
  });
});

describe('without a session', () => {
  it('every endpoint answers 401 problem+json', async () => {
    const id = crypto.randomUUID();
    const endpoints: [Method, string][] = [
      ['GET', '/api/organizations'],
      ['POST', '/api/organizations'],
      ['GET', '/api/organizations/export.csv'],
      ['GET', `/api/organizations/${id}`],
      ['PATCH', `/api/organizations/${id}`],
      ['POST', `/api/organizations/${id}/archive`],
      ['POST', `/api/organizations/${id}/restore`],
      ['GET', `/api/organizations/${id}/offices`],
      ['POST', `/api/organizations/${id}/offices`],
      ['PATCH', `/api/organizations/${id}/offices/${id}`],
      ['POST', `/api/organizations/${id}/offices/${id}/accreditations`],
      ['GET', `/api/organizations/${id}/members`],
    ];
    const bodies: Record<string, unknown> = {
      'POST /api/organizations': newOrg(),
      [`PATCH /api/organizations/${id}`]: { version: 1 },
      [`POST /api/organizations/${id}/offices`]: office(),
      [`PATCH /api/organizations/${id}/offices/${id}`]: {},
      [`POST /api/organizations/${id}/offices/${id}/accreditations`]: {
        kind: 'training',
        status: 'provisional',
        registerNumber: 'X',
        validFrom: '2025-01-01',
      },
    };
    for (const [method, url] of endpoints) {
      const res = await call(method, url, null, bodies[`${method} ${url}`]);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().code).toBe('auth.unauthenticated');
    }
  });
});
