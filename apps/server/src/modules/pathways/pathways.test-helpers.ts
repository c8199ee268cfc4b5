/** Test helpers for pathway journeys through the real HTTP stack (used by the pathways, vouchers and referrals tests). */
import { expect } from 'vitest';
import type { ProgrammeInput } from '@trama/contracts';
import type { TestApp } from '../../test/test-app';
import { todayInItaly } from '../organizations';
import {
  giveConsents,
  makeOffice,
  makeOrganization,
  makePerson,
  makeProgramme,
  makeUser,
  type TestUser,
} from '../../test/factories';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

export function api(t: TestApp) {
  return (u: TestUser | null, method: Method, url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(u ? { headers: { cookie: u.cookie } } : {}),
      ...(payload ? { payload } : {}),
    });
}

/** An operator organisation with an office, a case worker and a colleague (the second person). */
export async function makeOperator(t: TestApp) {
  const db = t.database.db;
  const org = await makeOrganization(db);
  const office = await makeOffice(db, org.id);
  const caseWorker = await makeUser(db, 'operator_staff', org.id);
  const colleague = await makeUser(db, 'operator_staff', org.id);
  return { org, office, caseWorker, colleague };
}
export type Operator = Awaited<ReturnType<typeof makeOperator>>;

const isoDaysAgo = (days: number) => todayInItaly(new Date(Date.now() - days * 86_400_000));

/**
 * A person the operator owns, with the consents given. Profile for the illustrative rules: about 59,
 * DID 13 months ago, EQF 2, no work history, woman, long-term unemployed and over 50
 * => 14 + 18 + 12 + 12 + 3 + 10 = 69 points => path 3, band 3.
 */
export async function makeClient(
  t: TestApp,
  organizationId: string,
  opts: { consents?: ('case_management' | 'network_sharing')[]; over?: Record<string, unknown> } = {},
) {
  const did = new Date();
  did.setMonth(did.getMonth() - 13);
  did.setDate(did.getDate() - 5);
  const person = await makePerson(t.database.db, organizationId, {
    birthDate: isoDaysAgo(59 * 365 + 100),
    sex: 'F',
    educationLevel: 2,
    didDate: did.toISOString().slice(0, 10),
    priorityTargets: ['long_term_unemployed', 'over_50'],
    ...(opts.over ?? {}),
  });
  await giveConsents(t.database.db, person.id, opts.consents ?? ['case_management', 'network_sharing']);
  return person;
}

export const PACT = {
  jobSearchActs: [
    { description: 'Inviare candidature a offerte coerenti con il profilo', timing: 'almeno 3 a settimana' },
    { description: 'Aggiornare il curriculum sul portale regionale', timing: 'entro 15 giorni' },
  ],
  meetingFrequencyDays: 30,
  searchProofMethod: 'Copia delle candidature inviate e registro delle attività',
  availableForTraining: true,
  availableForWorkshops: true,
  acceptsSuitableOffers: true,
};

export const ANSWERS = {
  goal_realism: 3,
  career_orientation: 4,
  willing_to_train: true,
  mobility: 2,
  search_activity: 3,
  needs_network_services: false,
};

export async function takeInCharge(t: TestApp, op: Operator, personId: string, programmeId: string) {
  const res = await api(t)(op.caseWorker, 'POST', '/api/pathways', {
    personId,
    programmeId,
    officeId: op.office.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; state: string };
}

/** Assessment confirming the proposal (or the given band/path with a reason). */
export async function assess(
  t: TestApp,
  op: Operator,
  pathwayId: string,
  confirm: { path?: number; band?: number } = {},
) {
  const call = api(t);
  const proposal = (
    await call(op.caseWorker, 'GET', `/api/pathways/${pathwayId}/assessment-proposal`)
  ).json();
  const path = confirm.path ?? proposal.proposedPath;
  const band = confirm.band ?? proposal.proposedBand;
  const overridden = path !== proposal.proposedPath || band !== proposal.proposedBand;
  const res = await call(op.caseWorker, 'POST', `/api/pathways/${pathwayId}/assessments`, {
    questionnaireVersion: 'qual-1',
    answers: ANSWERS,
    confirmedPath: path,
    confirmedBand: band,
    ...(overridden ? { overrideReason: 'Valutazione del colloquio' } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function signPact(t: TestApp, op: Operator, pathwayId: string) {
  const call = api(t);
  const v = await call(op.caseWorker, 'POST', `/api/pathways/${pathwayId}/pact/versions`, PACT);
  expect(v.statusCode, v.body).toBe(201);
  const version = v.json().version as number;
  const a = await call(op.caseWorker, 'POST', `/api/pathways/${pathwayId}/pact/versions/${version}/sign`, {
    signer: 'person',
    method: 'handwritten',
  });
  expect(a.statusCode, a.body).toBe(200);
  const b = await call(op.caseWorker, 'POST', `/api/pathways/${pathwayId}/pact/versions/${version}/sign`, {
    signer: 'operator',
    method: 'otp',
  });
  expect(b.statusCode, b.body).toBe(200);
  return b.json();
}

/** A pathway with a signed pact (state pact_signed), ready for its voucher. */
export async function readyPathway(
  t: TestApp,
  opts: { programme?: Partial<ProgrammeInput>; band?: number; op?: Operator } = {},
) {
  const op = opts.op ?? (await makeOperator(t));
  const programme = await makeProgramme(t.database.db, opts.programme ?? {});
  const person = await makeClient(t, op.org.id);
  const pathway = await takeInCharge(t, op, person.id, programme.id);
  await assess(t, op, pathway.id, opts.band ? { band: opts.band } : {});
  await signPact(t, op, pathway.id);
  return { op, programme, person, pathwayId: pathway.id };
}

/** Issues the voucher with a plan `{ code: units }`. */
export async function issueVoucher(
  t: TestApp,
  ready: Awaited<ReturnType<typeof readyPathway>>,
  plan: Record<string, number>,
  extra: { startDate?: string; endDate?: string } = {},
) {
  const res = await api(t)(ready.op.caseWorker, 'POST', '/api/vouchers', {
    pathwayId: ready.pathwayId,
    plan: Object.entries(plan).map(([code, units]) => ({
      catalogueLineId: ready.programme.lines[code]!.id,
      plannedUnits: units,
    })),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/**
 * A person taken in charge, with a voucher, placed today on a permanent contract at the company `org`;
 * `priorityTargets` are added to the person's record first. Returns the ready pathway.
 */
export async function placeAt(
  t: TestApp,
  org: { id: string; name: string },
  priorityTargets: readonly string[] = [],
) {
  const ready = await readyPathway(t);
  for (const target of priorityTargets)
    await t.database.query(
      `update people set priority_targets = array_append(priority_targets, $2) where id = $1`,
      [ready.person.id, target],
    );
  await issueVoucher(t, ready, { 'ORI-IND': 2, 'INS-LAV': 1 });
  const placed = await api(t)(ready.op.caseWorker, 'POST', `/api/pathways/${ready.pathwayId}/placement`, {
    employerOrganizationId: org.id,
    employerName: org.name,
    contractType: 'permanent',
    startDate: todayInItaly(),
  });
  expect(placed.statusCode, placed.body).toBe(201);
  return ready;
}

/** The Italian calendar day, as the server uses it. */
export const today = () => todayInItaly();
export { isoDaysAgo };
