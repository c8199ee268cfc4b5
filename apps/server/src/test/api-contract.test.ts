/**
 * Cross-cutting API contract tests, driven by the OpenAPI document the app generates from its zod
 * contracts: every operation (including those added later) is fuzzed with bad input, anonymously and
 * as signed-in users of several roles. Whatever comes in, the API answers with a 2xx/3xx or an RFC 9457
 * problem+json 4xx, never a 5xx and never a stack trace.
 *
 * Reproduce a failure with the seed fast-check prints: TRAMA_FUZZ_SEED=<seed> npx vitest run <this file>.
 * More runs per operation: TRAMA_FUZZ_RUNS=200 (by default 20, fewer when there are many operations).
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@trama/contracts';
import { BODY_LIMIT } from '../app';
import { makeOrganization, makeUser } from './factories';
import { createTestApp, type TestApp } from './test-app';

const RUNS = process.env.TRAMA_FUZZ_RUNS ? Number(process.env.TRAMA_FUZZ_RUNS) : undefined;
const SEED = process.env.TRAMA_FUZZ_SEED ? Number(process.env.TRAMA_FUZZ_SEED) : undefined;

// ---------------------------------------------------------------------------------------------
// The operations, read from the generated OpenAPI document
// ---------------------------------------------------------------------------------------------

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI template, e.g. /api/organizations/{id} */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: JsonSchema | undefined;
  /** Declared `security: []`: callable without a session. */
  isPublic: boolean;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        security?: unknown[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const params = op.parameters ?? [];
      ops.push({
        method: m.toUpperCase() as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return ops;
}

const nameOf = (op: Pick<Operation, 'method' | 'path'>) => `${op.method} ${op.path}`;

/**
 * The routes anyone may call (they declare `security: []`); the platform refuses every other /api route
 * to an anonymous caller before looking at its input. Adding a route here is a security decision.
 */
const EXPECTED_PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/invitations/accept',
]);
const mayBePublic = (op: Operation) =>
  EXPECTED_PUBLIC.has(nameOf(op)) || (op.method === 'GET' && /^\/api\/auth\/oidc(\/|$)/.test(op.path));
const isPublic = (op: Operation) => op.isPublic;

/** Operations that end or change the caller's session: they get a fresh user on every run. */
const endsSession = (op: Operation) =>
  op.method === 'POST' && /^\/api\/auth\/(logout|password)$/.test(op.path);

// ---------------------------------------------------------------------------------------------
// Arbitraries: almost-valid values from the schemas, and plainly hostile ones
// ---------------------------------------------------------------------------------------------

const HUGE = 'x'.repeat(100_000);
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\uD800',
  "'; drop table users; --",
  '%',
  '%00',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'ÀÉÌÒÙ àèìòù ß',
  '🙂'.repeat(50),
  '1970-01-01',
  '2024-02-30',
  '9999-12-31T23:59:59Z',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  HUGE,
  'y'.repeat(5_000),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyStrings,
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, -1e308),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.uuid(),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
  fc.constant(Array.from({ length: 2_000 }, (_, i) => i)),
);

function resolver(doc: OpenApiDoc) {
  return (s: JsonSchema | undefined): JsonSchema => {
    let cur = s ?? {};
    for (let i = 0; i < 10 && cur.$ref; i++) {
      const name = cur.$ref.split('/').pop()!;
      cur = doc.components?.schemas?.[name] ?? {};
    }
    return cur;
  };
}

function safeRegex(pattern: string): fc.Arbitrary<string> | null {
  try {
    return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length <= 500);
  } catch {
    return null;
  }
}

type Resolve = (s: JsonSchema | undefined) => JsonSchema;

/**
 * Values shaped by the schema, so that requests get past validation into use cases and the database.
 * `clean`: every value follows the schema as far as JSON Schema can say (refinements such as check
 * digits may still fail); otherwise some values are replaced by hostile ones.
 */
function validish(
  resolve: Resolve,
  raw: JsonSchema | undefined,
  clean: boolean,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(raw);
  if (depth > 4) return clean ? fc.constant(null) : nastyValue;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((a) => validish(resolve, a, clean, depth + 1)));
  if (s.allOf?.length) return validish(resolve, s.allOf[0], clean, depth + 1);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => validish(resolve, { ...s, type }, clean, depth + 1)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1e6);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1e6);
      const lo = Math.max(Math.ceil(min), -(2 ** 31));
      const hi = Math.min(Math.floor(max), 2 ** 31 - 1);
      return lo <= hi ? fc.integer({ min: lo, max: hi }) : fc.integer();
    }
    case 'string': {
      switch (s.format) {
        case 'uuid':
          return fc.uuid();
        case 'email':
          return fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254));
        case 'date':
          return fc
            .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10));
        case 'date-time':
          return fc
            .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString());
        case 'uri':
          return fc.webUrl().filter((u) => u.length <= (s.maxLength ?? 500));
      }
      if (s.pattern) {
        const m = safeRegex(s.pattern);
        if (m) return m;
      }
      const minLength = s.minLength ?? 0;
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(s.maxLength ?? 40, 60)) });
    }
    case 'array':
      return fc.array(validish(resolve, s.items, clean, depth + 1), {
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object':
    default:
      if (s.properties) return objectOf(resolve, s, clean, depth);
      return clean ? fc.dictionary(fc.string(), fc.string()) : fc.jsonValue({ maxDepth: 2 });
  }
}

/** Partita IVA with its check digit, from 10 generated digits (JSON Schema cannot say "check digit"). */
const vatNumber = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }).map((d) => {
  const sum = d.reduce((acc, n, i) => acc + (i % 2 === 1 ? (n * 2 > 9 ? n * 2 - 9 : n * 2) : n), 0);
  return d.join('') + String((10 - (sum % 10)) % 10);
});

/** Values the schema cannot describe well enough, by property name, so more requests reach the use cases. */
const HINTS: Record<string, fc.Arbitrary<unknown>> = {
  fiscalCode: vatNumber,
  vatNumber,
  municipalityCode: fc.constantFrom('015146', '016024', '017029', '012133', '000000'),
  legalSeatMunicipalityCode: fc.constantFrom('015146', '016024', '017029', '012133', '000000'),
  atecoCode: fc.constantFrom('62.10', '62.10.00', '85.59', 'C', '99.99.99'),
  email: fc.emailAddress().filter((e) => e.length <= 100),
  pec: fc.emailAddress().filter((e) => e.length <= 100),
  website: fc.constantFrom('https://www.example.it', 'http://comune.milano.it/lavoro'),
  name: fc.constantFrom('Cooperativa Sociale Il Ponte', 'Lavoro & Futuro S.r.l.', "L'Officina dell'Àncora"),
  postalCode: fc.constantFrom('20121', '24121', '00000'),
};

function objectOf(resolve: Resolve, s: JsonSchema, clean: boolean, depth: number) {
  const props = Object.fromEntries(
    Object.entries(s.properties ?? {}).map(([k, v]) => [
      k,
      clean
        ? HINTS[k]
          ? fc.oneof({ weight: 4, arbitrary: HINTS[k] }, validish(resolve, v, true, depth + 1))
          : validish(resolve, v, true, depth + 1)
        : fc.oneof(
            { weight: 3, arbitrary: validish(resolve, v, false, depth + 1) },
            { weight: 1, arbitrary: nastyValue },
          ),
    ]),
  );
  const known = fc.record(props, { requiredKeys: clean ? (s.required ?? []) : [] });
  if (clean) {
    // Only the required keys, or some optional ones too.
    const required = Object.fromEntries(Object.entries(props).filter(([k]) => s.required?.includes(k)));
    return fc.oneof(fc.record(required), known);
  }
  const unknown = fc.option(
    fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    { freq: 3 },
  );
  return fc.tuple(known, unknown).map(([k, u]) => ({ ...(u ?? {}), ...k }));
}

/** A JSON body: the schema's shape (clean or with bad values), or anything at all. */
function bodyOf(resolve: Resolve, schema: JsonSchema | undefined) {
  if (!schema) return fc.oneof(nastyValue, fc.jsonValue());
  return fc.oneof(
    { weight: 3, arbitrary: validish(resolve, schema, true) },
    { weight: 3, arbitrary: validish(resolve, schema, false) },
    { weight: 1, arbitrary: nastyValue },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}

const pathParamValue = fc.oneof(
  { weight: 3, arbitrary: fc.uuid() }, // well-formed but unknown
  fc.constantFrom('not-a-uuid', '0', '-1', '..', 'null', 'undefined', '%00', 'a'.repeat(300), ' ', '🙂'),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.integer().map(String),
);

/** encodeURIComponent that survives lone surrogates (they become U+FFFD, as a browser would send). */
const encode = (v: string) =>
  encodeURIComponent(
    v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );

const stringify = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null'));

const RAW_QUERY_JUNK = [
  '%',
  '%zz',
  '%C3%28',
  '%ED%A0%80',
  '&&&',
  '=',
  'a[b]=1',
  'a[]=1&a[]=2',
  '__proto__=1',
  'constructor[prototype][x]=1',
];

/** A query string: the documented parameters with valid values (clean), or with junk, repeats and extras. */
function queryOf(resolve: Resolve, params: Parameter[]) {
  const clean = fc.tuple(
    ...params.map((p) =>
      fc.option(
        fc.tuple(
          fc.constant(p.name),
          validish(resolve, p.schema, true).map((v) => [stringify(v)]),
        ),
        {
          freq: 2,
        },
      ),
    ),
  );
  const dirty = fc.tuple(
    ...params.map((p) =>
      fc.option(
        fc.tuple(
          fc.constant(p.name),
          fc.array(
            fc.oneof(
              { weight: 3, arbitrary: validish(resolve, p.schema, false).map(stringify) },
              nastyValue.map(stringify),
            ),
            { minLength: 1, maxLength: 2 }, // a repeated key arrives as an array
          ),
        ),
        { freq: 2 },
      ),
    ),
  );
  const extra = fc.array(
    fc.tuple(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
    ),
    { maxLength: 2 },
  );
  const build = (known: ([string, string[]] | null)[], more: [string, string[]][], raw: string | null) => {
    const pairs = [...known.filter((x): x is [string, string[]] => x !== null), ...more];
    const parts = pairs.flatMap(([name, values]) => values.map((v) => `${encode(name)}=${encode(v)}`));
    if (raw) parts.push(raw);
    return parts.join('&');
  };
  return fc.oneof(
    clean.map((k) => build(k, [], null)),
    fc
      .tuple(dirty, extra, fc.option(fc.constantFrom(...RAW_QUERY_JUNK), { freq: 5 }))
      .map(([k, e, r]) => build(k, e, r)),
  );
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+|node_modules|\/src\/[\w/.-]+\.ts\b/;

function describeRequest(req: InjectOptions, who: string) {
  const body = typeof req.payload === 'string' ? req.payload : '';
  return `${who}: ${req.method} ${String(req.url)} ${String(req.headers?.['content-type'] ?? '')} ${body.length > 300 ? `${body.slice(0, 300)}... (${body.length} chars)` : body}`;
}

/** The contract every answer honours, whatever the input. */
function checkAnswer(res: LightMyRequestResponse, what: string) {
  const status = res.statusCode;
  if (status >= 500) throw new Error(`${status} for ${what}\n${res.body.slice(0, 1000)}`);
  if (STACK_TRACE.test(res.body)) throw new Error(`stack trace or source path in the answer to ${what}`);
  if (status < 400) return;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    throw new Error(`${status} with content-type "${type}" (not problem+json) for ${what}`);
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    throw new Error(`${status} body is not JSON for ${what}`);
  }
  const ok =
    typeof p.type === 'string' &&
    typeof p.title === 'string' &&
    p.status === status &&
    typeof p.code === 'string' &&
    /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(p.code);
  if (!ok)
    throw new Error(`${status} problem lacks type/title/status/code for ${what}: ${res.body.slice(0, 500)}`);
}

// ---------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------

const ROLES: Role[] = ['platform_admin', 'operator_staff', 'citizen', 'company_staff'];
type Who = 'anonymous' | Role;

let t: TestApp;
let doc: OpenApiDoc;
let ops: Operation[];
let orgId: string;
const cookies = new Map<Role, string>();

async function cookieFor(who: Who, fresh: boolean): Promise<string | undefined> {
  if (who === 'anonymous') return undefined;
  if (fresh || !cookies.has(who)) {
    const org = who === 'platform_admin' || who === 'citizen' ? null : orgId;
    const u = await makeUser(t.database.db, who, org);
    if (fresh) return u.cookie;
    cookies.set(who, u.cookie);
  }
  return cookies.get(who);
}

const randomIp = fc.ipV4();

async function send(req: InjectOptions, who: Who, fresh = false) {
  const cookie = await cookieFor(who, fresh);
  const headers = { ...(req.headers ?? {}), ...(cookie ? { cookie } : {}) };
  const res = await t.app.inject({ ...req, headers });
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  doc = t.app.swagger() as unknown as OpenApiDoc;
  ops = operationsOf(doc);
  orgId = (await makeOrganization(t.database.db)).id;
});
afterAll(async () => t?.close());

/** A well-formed value for a path parameter (a fresh uuid for uuids), so the route matches. */
function sampleParam(p: Parameter | undefined): string {
  if (!p?.schema || resolver(doc)(p.schema).format === 'uuid') return crypto.randomUUID();
  return stringify(fc.sample(validish(resolver(doc), p.schema, true), 1)[0]);
}

const fill = (op: Operation, values: Record<string, string>) =>
  op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encode(values[name] ?? sampleParam(op.pathParams.find((p) => p.name === name))),
  );

/** Refused before a route was matched (no route, bad URL encoding, over-long path parameter). */
const beforeRouting = (res: LightMyRequestResponse) =>
  ['route.not_found', 'request.bad_url', 'request.uri_too_long'].includes(
    res.json<{ code?: string }>().code ?? '',
  );

const hasBody = (op: Operation) => op.method !== 'GET';

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('the API contract', () => {
  it('documents the routes this suite relies on', () => {
    const names = ops.map(nameOf);
    // A sanity check that the document is read right; new routes are picked up automatically.
    expect(names).toEqual(
      expect.arrayContaining(['GET /api/health', 'POST /api/auth/login', 'GET /api/audit']),
    );
    for (const op of ops) expect(op.path.startsWith('/api/'), nameOf(op)).toBe(true);
  });

  it(
    'answers bad input on every operation with a problem+json 4xx, never a 5xx',
    { timeout: 120_000 },
    async () => {
      const resolve = resolver(doc);
      const failures: string[] = [];
      // Keeps the whole property within about a thousand requests as the API grows.
      const numRuns = RUNS ?? Math.max(8, Math.min(20, Math.floor(1000 / ops.length)));
      for (const op of ops) {
        const pathArb = fc.record(
          Object.fromEntries(
            op.pathParams.map((p) => [
              p.name,
              fc.oneof(validish(resolve, p.schema, true).map(stringify), pathParamValue),
            ]),
          ) as Record<string, fc.Arbitrary<string>>,
        );
        const bodyArb = hasBody(op)
          ? fc.oneof(
              { weight: 6, arbitrary: bodyOf(resolve, op.body).map((v) => ({ kind: 'json' as const, v })) },
              { weight: 1, arbitrary: fc.constant({ kind: 'none' as const, v: undefined }) },
            )
          : fc.constant({ kind: 'none' as const, v: undefined });
        const property = fc.asyncProperty(
          fc.constantFrom<Who>('anonymous', ...ROLES),
          pathArb,
          queryOf(resolve, op.queryParams),
          bodyArb,
          randomIp,
          async (who, params, query, body, ip) => {
            const req: InjectOptions = {
              method: op.method,
              url: fill(op, params) + (query ? `?${query}` : ''),
              remoteAddress: ip, // spreads requests over IPs so rate limits do not hide the validation
              headers: body.kind === 'json' ? { 'content-type': 'application/json' } : {},
              ...(body.kind === 'json' ? { payload: JSON.stringify(body.v) ?? 'null' } : {}),
            };
            const res = await send(req, who, endsSession(op));
            const what = describeRequest(req, who);
            checkAnswer(res, what);
            // Private routes refuse anonymous callers before reading the input (404 only when no route matched).
            if (who === 'anonymous' && !isPublic(op) && res.statusCode !== 401 && !beforeRouting(res))
              throw new Error(`anonymous caller got ${res.statusCode} from a non-public route: ${what}`);
          },
        );
        const out = await fc.check(property, { numRuns, seed: SEED, includeErrorInReport: true });
        if (out.failed) failures.push(`${nameOf(op)}:\n${fc.defaultReportMessage(out)}`);
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    },
  );

  it('answers malformed, oversized, empty and non-JSON bodies on every operation with problem+json', async () => {
    const failures: string[] = [];
    const oversized = JSON.stringify({ text: 'x'.repeat(BODY_LIMIT) });
    const cases: { label: string; headers: Record<string, string>; payload?: string; expect: number[] }[] = [
      {
        label: 'malformed JSON',
        headers: { 'content-type': 'application/json' },
        payload: '{"a": ',
        expect: [400],
      },
      {
        label: 'JSON with a BOM and trailing text',
        headers: { 'content-type': 'application/json' },
        payload: '\uFEFF{}x',
        expect: [400],
      },
      {
        label: 'empty JSON body',
        headers: { 'content-type': 'application/json' },
        payload: '',
        expect: [400],
      },
      {
        label: 'oversized body',
        headers: { 'content-type': 'application/json' },
        payload: oversized,
        expect: [413],
      },
      { label: 'XML', headers: { 'content-type': 'application/xml' }, payload: '<a/>', expect: [415] },
      {
        label: 'form',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=1',
        expect: [415],
      },
      { label: 'plain text', headers: { 'content-type': 'text/plain' }, payload: 'ciao', expect: [] },
      {
        label: 'content-type with a bad charset',
        headers: { 'content-type': 'application/json; charset=latin-9' },
        payload: '{}',
        expect: [],
      },
    ];
    for (const op of ops.filter(hasBody)) {
      for (const who of ['anonymous', ...ROLES] as Who[]) {
        for (const c of cases) {
          const req: InjectOptions = {
            method: op.method,
            url: fill(op, {}),
            headers: c.headers,
            payload: c.payload,
            remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
          };
          const res = await send(req, who, endsSession(op));
          const what = `${c.label} — ${describeRequest(req, who)}`;
          try {
            checkAnswer(res, what);
            // Anonymous callers of private routes get 401 before the body is read.
            // A route without a JSON body (an upload of CSV, say) may refuse JSON outright.
            const expected = c.expect.length && !op.body ? [...c.expect, 415] : c.expect;
            const allowed = who === 'anonymous' && !isPublic(op) ? [401] : expected;
            if (allowed.length && !allowed.includes(res.statusCode))
              throw new Error(`expected ${allowed.join('/')} but got ${res.statusCode} for ${what}`);
            if (!c.expect.length && res.statusCode >= 500) throw new Error(`5xx for ${what}`);
          } catch (err) {
            failures.push((err as Error).message);
          }
        }
      }
    }
    expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
  });

  it('refuses every non-public operation to an anonymous caller with 401 problem+json', async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => !isPublic(o))) {
      const res = await t.app.inject({
        method: op.method,
        url: fill(op, {}),
        ...(hasBody(op) ? { payload: {} } : {}),
      });
      try {
        checkAnswer(res, nameOf(op));
        if (res.statusCode !== 401 || res.json().code !== 'auth.unauthenticated')
          throw new Error(
            `${nameOf(op)} answered ${res.statusCode} ${res.body.slice(0, 200)} to an anonymous caller`,
          );
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('keeps the public operations few and known', async () => {
    const unexpected = ops.filter((op) => op.isPublic && !mayBePublic(op)).map(nameOf);
    expect(unexpected, 'operations declared public (security: []) without review').toEqual([]);
    const publicNames = ops.filter(isPublic).map(nameOf);
    expect(publicNames).toEqual(expect.arrayContaining([...EXPECTED_PUBLIC]));
    // The machine-readable document and the interactive docs are public too.
    for (const url of ['/api/openapi.json', '/api/docs/'])
      expect((await t.app.inject({ url })).statusCode, url).toBeLessThan(400);
  });
});

describe('error shapes', () => {
  it('an unknown route is a 404 problem, whatever the method', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/nothing-here'],
      ['DELETE', '/api/health'],
      ['GET', '/api/organizations/../../etc/passwd'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'POST' ? { a: 1 } : undefined });
      checkAnswer(res, `${method} ${url}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: 404, code: 'route.not_found', title: 'Not Found' });
      expect(res.json().requestId).toBe(res.headers['x-request-id']);
    }
  });

  it('a badly encoded URL or an over-long path parameter is a problem too (400, 414)', async () => {
    const badUrl = await t.app.inject({ url: '/api/organizations/%E0%A4%A' });
    checkAnswer(badUrl, 'bad URL');
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().code).toBe('request.bad_url');
    const long = await t.app.inject({ url: `/api/organizations/${'a'.repeat(300)}` });
    checkAnswer(long, 'long param');
    expect(long.statusCode).toBe(414);
    expect(long.json()).toMatchObject({ code: 'request.uri_too_long', title: 'URI Too Long' });
  });

  it('malformed JSON is a 400 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.it", "password": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, code: 'request.malformed_json', title: 'Bad Request' });
  });

  it('wrong types are a 422 problem listing each offending field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 42, password: ['not', 'a', 'string'] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    expect(p).toMatchObject({ status: 422, code: 'validation.failed', title: 'Unprocessable Content' });
    expect(p.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.email', 'body.password']);
    for (const e of p.errors)
      expect(e).toEqual({ field: expect.any(String), code: expect.any(String), message: expect.any(String) });
  });

  it('an oversized body is a 413 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.it', password: 'x'.repeat(BODY_LIMIT) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413, code: 'request.body_too_large' });
  });

  it('a wrong query type is a 422 problem (signed-in admin browsing the audit log)', async () => {
    const admin = await makeUser(t.database.db, 'platform_admin', null);
    const res = await t.app.inject({ url: '/api/audit?limit=many', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('querystring.limit');
  });
});
