import { eq } from 'drizzle-orm';
import { decodePersonFiscalCode, type OrganizationType, type Role } from '@trama/contracts';
import type { Db } from '../platform/db';
import { offices, organizations } from '../modules/organizations/organizations.table';
import { identityRepository } from '../modules/identity';
import { normalizeSearch } from '../platform/text';
import { people, personConsents } from '../modules/people';
import type { ProgrammeInput } from '@trama/contracts';
import {
  createProgrammeRecord,
  ILLUSTRATIVE_PROGRAMMES,
  programmeCatalogueLines,
} from '../modules/programmes';
import { syntheticPerson } from '../modules/people/people.synthetic';

let seq = 0;
const next = () => ++seq + Math.floor(Math.random() * 1e6) * 1000;

/** A valid partita IVA (11 digits with its check digit), different on every call. */
export function makeVatNumber(): string {
  const base = String(next() % 1e10).padStart(10, '0');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(base[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return base + String((10 - (sum % 10)) % 10);
}

const NAMES = [
  'Lavoro Insieme',
  'Orizzonti',
  'Nuove Rotte',
  'Ponte Lavoro',
  'Rete Brianza',
  'Sentieri',
  'Officina Futuro',
];

export async function makeOrganization(
  db: Db,
  over: Partial<typeof organizations.$inferInsert> & { type?: OrganizationType } = {},
) {
  const vat = makeVatNumber();
  const name =
    over.name ?? `${NAMES[next() % NAMES.length]} ${over.type ?? 'accredited_operator'} ${vat.slice(-4)}`;
  const [org] = await db
    .insert(organizations)
    .values({
      type: 'accredited_operator',
      fiscalCode: vat,
      vatNumber: vat,
      legalSeatMunicipalityCode: '015146', // Milano
      ...over,
      name,
      searchText: normalizeSearch(`${name} ${over.fiscalCode ?? vat} ${vat}`),
    })
    .returning();
  return org!;
}

export async function makeOffice(
  db: Db,
  organizationId: string,
  over: Partial<typeof offices.$inferInsert> = {},
) {
  const [office] = await db
    .insert(offices)
    .values({
      organizationId,
      name: 'Sede operativa',
      address: 'Via Roma 1',
      municipalityCode: '015146',
      ...over,
    })
    .returning();
  return office!;
}

export interface TestUser {
  userId: string;
  membershipId: string;
  email: string;
  organizationId: string | null;
  role: Role;
  /** Cookie header value for app.inject. */
  cookie: string;
}

/** A user with one membership and an open session (no password hashing: fast). */
export async function makeUser(
  db: Db,
  role: Role,
  organizationId: string | null,
  opts: { email?: string; passwordHash?: string | null } = {},
): Promise<TestUser> {
  const email = opts.email ?? `user${next()}@example.it`;
  const user = await identityRepository.insertUser(db, {
    email,
    displayName: `Utente ${role}`,
    passwordHash: opts.passwordHash ?? null,
  });
  const m = await identityRepository.insertMembership(db, { userId: user.id, organizationId, role });
  const token = await identityRepository.createSession(db, {
    userId: user.id,
    membershipId: m.id,
    ttlHours: 1,
    ip: null,
    userAgent: 'vitest',
  });
  return {
    userId: user.id,
    membershipId: m.id,
    email,
    organizationId,
    role,
    cookie: `trama_session=${token}`,
  };
}

export async function getOrganization(db: Db, id: string) {
  const [o] = await db.select().from(organizations).where(eq(organizations.id, id));
  return o;
}

/**
 * A person (the SAP) with a valid codice fiscale, visible to `organizationId` (owner grant, scope full).
 * Pass `organizationId: null` for a person no organisation can see yet.
 */
export async function makePerson(
  db: Db,
  organizationId: string | null,
  over: Partial<typeof people.$inferInsert> = {},
) {
  const n = next();
  const synthetic = syntheticPerson(n, ['F205', 'A794', 'B157', 'C933', 'E507', 'F704', 'L682']);
  const firstName = over.firstName ?? synthetic.firstName;
  const lastName = over.lastName ?? synthetic.lastName;
  const fiscalCode = over.fiscalCode ?? synthetic.fiscalCode;
  const decoded = decodePersonFiscalCode(fiscalCode);
  const [person] = await db
    .insert(people)
    .values({
      birthDate: decoded?.birthDate ?? synthetic.birthDate,
      sex: decoded?.sex ?? synthetic.sex,
      birthPlaceCode: decoded?.birthPlaceCode ?? 'F205',
      residenceMunicipalityCode: '015146',
      employmentStatus: 'unemployed',
      ownerOrganizationId: organizationId,
      ...over,
      firstName,
      lastName,
      fiscalCode,
      searchText: normalizeSearch(`${firstName} ${lastName} ${fiscalCode}`),
    })
    .returning();
  return person!;
}

/** Open consents of a person for the given purposes. */
export async function giveConsents(
  db: Db,
  personId: string,
  purposes: readonly ('case_management' | 'network_sharing' | 'company_matching' | 'statistics')[],
) {
  if (purposes.length)
    await db.insert(personConsents).values(purposes.map((purpose) => ({ personId, purpose })));
}

/**
 * A programme (illustrative GOL parameters by default) with a unique code; `over` replaces fields of the
 * input (bands, catalogue, rules, parameters). Returns the programme with its catalogue lines by code.
 */
export async function makeProgramme(db: Db, over: Partial<ProgrammeInput> = {}) {
  const base = ILLUSTRATIVE_PROGRAMMES[0]!;
  const code = over.code ?? `TEST-${next()}`;
  const id = await createProgrammeRecord(db, { ...base, ...over, code }, null);
  const lines = await db
    .select()
    .from(programmeCatalogueLines)
    .where(eq(programmeCatalogueLines.programmeId, id));
  return { id, code, lines: Object.fromEntries(lines.map((l) => [l.code, l])) };
}
