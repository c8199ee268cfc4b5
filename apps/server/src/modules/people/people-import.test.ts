import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { decodePersonFiscalCode, isValidPersonFiscalCode } from '@trama/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { makeOrganization, makePerson, makeUser, type TestUser } from '../../test/factories';
import { CsvParser, type RawRow } from './people-import.parse';
import { decodeFiscalCodeFast } from './people-import.validate';
import { buildFiscalCode, prng, syntheticPerson } from './people.synthetic';

let t: TestApp;
let staffA: TestUser;
let staffB: TestUser;
let orgB: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  const orgA = await makeOrganization(t.database.db);
  orgB = await makeOrganization(t.database.db);
  staffA = await makeUser(t.database.db, 'operator_staff', orgA.id);
  staffB = await makeUser(t.database.db, 'operator_staff', orgB.id);
});
afterAll(async () => t.close());

const HEADER =
  'codice_fiscale,cognome,nome,data_nascita,sesso,email,comune_residenza,titolo_studio_eqf,condizione_occupazionale,data_did,fonte_did,patenti,target_prioritari';

let n = 500_000 + Math.floor(Math.random() * 100_000);
const rand = prng(7);
function person() {
  return syntheticPerson(n++, ['F205', 'A794', 'B157', 'C933'], rand);
}
function line(p = person(), over: Partial<Record<string, string>> = {}) {
  const v = {
    cf: p.fiscalCode,
    cognome: p.lastName,
    nome: p.firstName,
    data: p.birthDate,
    sesso: p.sex,
    email: 'persona@example.it',
    comune: '015146',
    eqf: '4',
    stato: 'disoccupato',
    did: '2025-01-15',
    fonte: 'cpi',
    patenti: 'B',
    target: '',
    ...over,
  };
  return [
    v.cf,
    v.cognome,
    v.nome,
    v.data,
    v.sesso,
    v.email,
    v.comune,
    v.eqf,
    v.stato,
    v.did,
    v.fonte,
    v.patenti,
    v.target,
  ].join(',');
}

const post = (u: TestUser, body: string | Buffer, query: string, type = 'text/csv') =>
  t.app.inject({
    method: 'POST',
    url: `/api/people/imports?${query}`,
    headers: { cookie: u.cookie, 'content-type': type },
    payload: body,
  });

const countByCf = async (cfs: string[]) =>
  Number(
    (
      await t.database.query<{ n: number }>(
        'select count(*)::int as n from people where fiscal_code = any($1::text[])',
        [cfs],
      )
    )[0]!.n,
  );

describe('fast fiscal code decoder', () => {
  const reference = (v: string) => (isValidPersonFiscalCode(v) ? decodePersonFiscalCode(v) : null);
  const yy = new Date().getUTCFullYear() % 100;
  it('agrees with the contract on valid codes, omocodia and random strings', () => {
    const omocodia = (cf: string, mask: number) => {
      const map = 'LMNPQRSTUV';
      const pos = [14, 13, 12, 10, 9, 7, 6];
      const chars = cf.split('');
      pos.forEach((p, i) => {
        if (mask & (1 << i)) chars[p] = map[Number(chars[p])]!;
      });
      const first15 = chars.slice(0, 15).join('');
      return first15 + reference15(first15);
    };
    const reference15 = (first15: string) => {
      for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') if (isValidPersonFiscalCode(first15 + c)) return c;
      return 'A';
    };
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
        fc.constantFrom('F', 'M'),
        fc.integer({ min: 0, max: 127 }),
        (d, sex, mask) => {
          const cf = buildFiscalCode({
            firstName: 'Anna',
            lastName: 'Rossi',
            birthDate: d.toISOString().slice(0, 10),
            sex: sex as 'F' | 'M',
            birthPlaceCode: 'F205',
          });
          const v = omocodia(cf, mask);
          expect(decodeFiscalCodeFast(v, yy)).toEqual(reference(v));
        },
      ),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{16}$/), (v) => {
        expect(decodeFiscalCodeFast(v, yy)).toEqual(reference(v));
      }),
    );
    const valid = buildFiscalCode({
      firstName: 'Anna',
      lastName: 'Rossi',
      birthDate: '1990-02-28',
      sex: 'F',
      birthPlaceCode: 'F205',
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
        (i, c) => {
          const v = valid.slice(0, i) + c + valid.slice(i + 1);
          expect(decodeFiscalCodeFast(v, yy)).toEqual(reference(v));
        },
      ),
    );
  });
});

describe('CSV parser', () => {
  it('handles quotes, separators and newlines inside quotes, CRLF, BOM and ; separators across chunks', () => {
    const text = '\ufeffa;b;c\r\n1;"x;y";"he said ""hi"""\r\n2;"multi\nline";z\n3;;\n';
    const p = new CsvParser();
    const out: RawRow[] = [];
    for (let i = 0; i < text.length; i += 3) p.push(text.slice(i, i + 3), out);
    p.end(out);
    expect(out).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x;y', 'he said "hi"'] },
      { line: 3, fields: ['2', 'multi\nline', 'z'] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });
});

describe('people import', () => {
  it('dry run reports every row error with its line and field, and loads nothing', async () => {
    const good = person();
    const bad = person();
    const rows = [
      HEADER,
      line(good),
      line(bad, { cf: bad.fiscalCode.slice(0, 15) + (bad.fiscalCode[15] === 'A' ? 'B' : 'A') }),
      line(person(), { comune: '999999', eqf: '9' }),
      line(person(), { data: '1999-01-01', stato: 'boh' }),
      line(person(), { did: '2025-01-01', fonte: '' }),
      line(good), // duplicate of line 2
    ];
    const res = await post(staffA, rows.join('\n'), 'dryRun=true&batchSize=2');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: true,
      status: 'completed_with_errors',
      totalRows: 6,
      insertedRows: 0,
    });
    const errs = body.errors.map(
      (e: { line: number; field: string; code: string }) => `${e.line}:${e.field}:${e.code}`,
    );
    expect(errs).toEqual([
      '3:codice_fiscale:fiscal_code_invalid',
      '4:comune_residenza:municipality_not_found',
      '4:titolo_studio_eqf:eqf_invalid',
      '5:data_nascita:fiscal_code_mismatch',
      '5:condizione_occupazionale:invalid',
      '6:fonte_did:did_date_and_source_together',
      '7:codice_fiscale:duplicate_in_file',
    ]);
    expect(await countByCf([good.fiscalCode])).toBe(0);
    // The errors endpoint pages through all of them.
    const page1 = await t.app.inject({
      url: `/api/people/imports/${body.id}/errors?limit=4`,
      headers: { cookie: staffA.cookie },
    });
    expect(page1.json().items).toHaveLength(4);
    const page2 = await t.app.inject({
      url: `/api/people/imports/${body.id}/errors?limit=4&cursor=${page1.json().nextCursor}`,
      headers: { cookie: staffA.cookie },
    });
    expect(page2.json().items).toHaveLength(3);
    expect(page2.json().nextCursor).toBeNull();
  });

  it('loads batch by batch, all or nothing: a batch with one bad row loads none of its rows', async () => {
    const people = Array.from({ length: 6 }, () => person());
    const rows = [HEADER, ...people.map((p, i) => (i === 3 ? line(p, { email: 'not-an-email' }) : line(p)))];
    const res = await post(staffA, rows.join('\n') + '\n', 'batchSize=2');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.batches.map((b: { status: string }) => b.status)).toEqual([
      'committed',
      'rejected',
      'committed',
    ]);
    expect(body).toMatchObject({
      insertedRows: 4,
      rejectedRows: 2,
      errorCount: 1,
      status: 'completed_with_errors',
    });
    expect(body.errors).toEqual([
      expect.objectContaining({ line: 5, field: 'email', code: 'email_invalid' }),
    ]);
    expect(await countByCf(people.map((p) => p.fiscalCode))).toBe(4);
    expect(await countByCf([people[2]!.fiscalCode, people[3]!.fiscalCode])).toBe(0);
    // The importing organisation can read the imported people.
    const [row] = await t.database.query<{ id: string }>('select id from people where fiscal_code = $1', [
      people[0]!.fiscalCode,
    ]);
    const read = await t.app.inject({ url: `/api/people/${row!.id}`, headers: { cookie: staffA.cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      firstName: people[0]!.firstName,
      employmentStatus: 'unemployed',
      didSource: 'job_centre',
    });
    const poll = await t.app.inject({
      url: `/api/people/imports/${body.id}`,
      headers: { cookie: staffA.cookie },
    });
    expect(poll.json()).toMatchObject({ processedRows: 6, status: 'completed_with_errors' });
    expect(
      (await t.app.inject({ url: `/api/people/imports/${body.id}`, headers: { cookie: staffB.cookie } }))
        .statusCode,
    ).toBe(404);
  });

  it('shows progress while the upload is still running (poll by the id the client chose)', async () => {
    const importId = crypto.randomUUID();
    const body = new PassThrough();
    const running = t.app.inject({
      method: 'POST',
      url: `/api/people/imports?batchSize=2&importId=${importId}&fileName=persone.csv`,
      headers: { cookie: staffA.cookie, 'content-type': 'text/csv' },
      payload: body,
    });
    body.write([HEADER, line(), line(), line()].join('\n') + '\n');
    let polled = null;
    for (let i = 0; i < 100; i++) {
      const res = await t.app.inject({
        url: `/api/people/imports/${importId}`,
        headers: { cookie: staffA.cookie },
      });
      if (res.statusCode === 200 && res.json().processedRows === 2) {
        polled = res.json();
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(polled).toMatchObject({
      status: 'running',
      processedRows: 2,
      insertedRows: 2,
      fileName: 'persone.csv',
    });
    body.end(line() + '\n');
    const done = await running;
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({
      id: importId,
      status: 'completed',
      processedRows: 4,
      insertedRows: 4,
    });
    expect(done.json().batches).toHaveLength(2);
  });

  it('is idempotent on the fiscal code: a re-run skips unchanged people and updates changed ones', async () => {
    const people = Array.from({ length: 3 }, () => person());
    const file = [HEADER, ...people.map((p) => line(p))].join('\n');
    const first = (await post(staffA, file, '')).json();
    expect(first).toMatchObject({ insertedRows: 3, updatedRows: 0, status: 'completed' });
    const again = (await post(staffA, file, '')).json();
    expect(again).toMatchObject({ insertedRows: 0, updatedRows: 0, status: 'completed' });
    const changed = [HEADER, line(people[0]), line(people[1], { stato: 'occupato' }), line(people[2])].join(
      '\n',
    );
    const third = (await post(staffA, changed, '')).json();
    expect(third).toMatchObject({ insertedRows: 0, updatedRows: 1 });
    expect(await countByCf(people.map((p) => p.fiscalCode))).toBe(3);
    const [row] = await t.database.query<{ employment_status: string; version: number }>(
      'select employment_status, version from people where fiscal_code = $1',
      [people[1]!.fiscalCode],
    );
    expect(row).toEqual({ employment_status: 'employed', version: 2 });
  });

  it('two imports of the same people at once register each person once, both without errors', async () => {
    const people = Array.from({ length: 40 }, () => person());
    const file = [HEADER, ...people.map((p) => line(p))].join('\n');
    // On PostgreSQL both see nobody registered and copy at once: the second waits on the unique
    // fiscal code, fails, and its retry updates instead (nothing to change). PGlite runs them in turn.
    const [a, b] = await Promise.all([post(staffA, file, ''), post(staffA, file, '')]);
    const results = [a.json(), b.json()];
    for (const r of results) expect(r).toMatchObject({ status: 'completed', errorCount: 0 });
    expect(results.map((r) => r.insertedRows).sort()).toEqual([0, 40]);
    expect(await countByCf(people.map((p) => p.fiscalCode))).toBe(40);
  });

  it("refuses to overwrite another organisation's person (fiscal_code_taken) in dry and real runs", async () => {
    const theirs = await makePerson(t.database.db, orgB.id);
    const mine = person();
    const file = [
      HEADER,
      line(mine),
      line({ ...person(), fiscalCode: theirs.fiscalCode, birthDate: theirs.birthDate, sex: theirs.sex }),
    ].join('\n');
    const dry = (await post(staffA, file, 'dryRun=true')).json();
    expect(dry.errors).toEqual([
      expect.objectContaining({ line: 3, field: 'codice_fiscale', code: 'fiscal_code_taken' }),
    ]);
    const real = (await post(staffA, file, '')).json();
    expect(real.errors).toEqual([expect.objectContaining({ line: 3, code: 'fiscal_code_taken' })]);
    expect(real.insertedRows).toBe(0);
    expect(await countByCf([mine.fiscalCode])).toBe(0);
    const [still] = await t.database.query<{ first_name: string }>(
      'select first_name from people where id = $1',
      [theirs.id],
    );
    expect(still!.first_name).toBe(theirs.firstName);
  });

  it('imports an XLSX workbook (first sheet, dates as cells)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Persone');
    ws.addRow([
      'codice_fiscale',
      'cognome',
      'nome',
      'data_nascita',
      'condizione_occupazionale',
      'ore_settimanali',
    ]);
    const people = Array.from({ length: 3 }, () => person());
    for (const p of people)
      ws.addRow([
        p.fiscalCode,
        p.lastName,
        p.firstName,
        new Date(`${p.birthDate}T00:00:00Z`),
        'disoccupato',
        20,
      ]);
    ws.addRow(['XXXXXXXXXXXXXXXX', 'Rossi', 'Mario', '', 'disoccupato', 20]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await post(
      staffA,
      buf,
      'dryRun=true',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(dry.statusCode, dry.body).toBe(201);
    expect(dry.json().errors).toEqual([
      expect.objectContaining({ line: 5, field: 'codice_fiscale', code: 'fiscal_code_invalid' }),
    ]);
    const res = await post(staffA, buf, 'batchSize=3&format=xlsx', 'application/octet-stream');
    expect(res.json()).toMatchObject({ format: 'xlsx', insertedRows: 3, rejectedRows: 1 });
    expect(await countByCf(people.map((p) => p.fiscalCode))).toBe(3);
    const [row] = await t.database.query<{ hours_per_week: number }>(
      'select hours_per_week from people where fiscal_code = $1',
      [people[0]!.fiscalCode],
    );
    expect(row!.hours_per_week).toBe(20);
  });

  it('refuses a file with unknown or missing columns, a broken workbook, and people without the right role', async () => {
    const res = await post(staffA, 'codice_fiscale,cognome,colonna_strana\n', '');
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('failed');
    expect(
      res
        .json()
        .errors.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(['missing_column', 'missing_column', 'unknown_column']);
    const broken = await post(staffA, Buffer.from('not a zip'), 'format=xlsx', 'application/octet-stream');
    expect(broken.statusCode).toBe(422);
    expect(broken.json().code).toBe('people.import_invalid_file');
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/people/imports',
      headers: { cookie: staffA.cookie, 'content-type': 'application/json' },
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const regional = await makeUser(t.database.db, 'company_staff', orgB.id);
    expect((await post(regional, HEADER, '')).statusCode).toBe(403);
  });
});
