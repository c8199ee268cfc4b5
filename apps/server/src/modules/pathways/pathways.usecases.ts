import {
  PATHWAY_TERMINAL_STATES,
  PATHWAY_TRANSITIONS,
  checkQuestionnaireAnswers,
  isPathwayOpen,
  pathwayActionsFrom,
  scoreProfile,
  type AssessmentInput,
  type PactContent,
  type PactContentInput,
  type PathwayAction,
  type PathwayInput,
  type PathwayState,
} from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Db, DbOrTx } from '../../platform/db';
import { invalid, notFound, notVisible } from '../../platform/errors';
import { audit } from '../audit';
import { todayInItaly } from '../organizations';
import { grantPersonAccess, hasConsent, resolvePersonAccess } from '../people';
import { currentRuleSet, findBand, findProgrammeRow } from '../programmes';
import {
  appointmentNotFound,
  appointmentNotHeldYet,
  appointmentOutcomeRecorded,
  bandNotDefined,
  caseWorkerInvalid,
  consentMissing,
  durationRequired,
  employerNotFound,
  invalidTransition,
  noRuleSet,
  noticeTooShort,
  notAnOperator,
  officeInvalid,
  overrideReasonRequired,
  pactAlreadySigned,
  pactNotAllowed,
  pactNotFound,
  pactOutdated,
  pathwayClosed,
  pathwayNotFound,
  pathwayNotVisible,
  placementNotFound,
  programmeNotActive,
  questionnaireInvalid,
  reasonRequired,
} from './pathways.errors';
import { renderPactPdf } from './pathways.pdf';
import { canManagePathway, canReadCaseload, canTakeInCharge, isCaseWorkerRole } from './pathways.policies';
import * as repo from './pathways.repository';

export type Ctx = RequestContext & { actor: Actor };
type PathwayRow = repo.PathwayRow;

// ---------------------------------------------------------------------------------------------
// Access and transitions (also used by the vouchers and referrals modules)
// ---------------------------------------------------------------------------------------------

/**
 * The pathway, if the actor may work on it: non-operators get 403, operators of another organisation
 * get the same 404 as for a missing pathway (audited). `forUpdate` locks the row for the transaction.
 */
export async function loadPathwayForActor(
  db: DbOrTx,
  actor: Actor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<PathwayRow> {
  if (!isCaseWorkerRole(actor)) throw notAnOperator();
  const row = await repo.findPathwayRow(db, id, opts);
  if (!row) throw pathwayNotFound();
  if (!canManagePathway(actor, row)) throw pathwayNotVisible();
  return row;
}

/**
 * Applies a transition of the shared state machine: checked against the current state, done in one
 * atomic UPDATE (a concurrent change makes it fail), dated and attributed in the timeline. Closing
 * states also close the voucher.
 */
export async function applyTransition(
  tx: DbOrTx,
  ctx: Ctx,
  pathway: PathwayRow,
  action: PathwayAction,
  opts: { reason?: string | null; details?: Record<string, unknown> } = {},
): Promise<PathwayRow> {
  const def = PATHWAY_TRANSITIONS[action];
  const from = def.from as readonly PathwayState[];
  if (!from.includes(pathway.state))
    throw invalidTransition(`"${action}" is not possible from the state "${pathway.state}"`);
  const updated = await repo.updatePathwayState(tx, pathway.id, [pathway.state], def.to);
  if (!updated) throw invalidTransition('The pathway changed meanwhile; reload it');
  await repo.insertEvents(tx, [
    {
      pathwayId: pathway.id,
      actorUserId: ctx.actor.userId,
      kind: `transition.${action}`,
      fromState: pathway.state,
      toState: def.to,
      reason: opts.reason ?? null,
      details: opts.details ?? null,
    },
  ]);
  if (PATHWAY_TERMINAL_STATES.includes(def.to)) await repo.closeVoucherOfPathway(tx, pathway.id);
  return updated;
}

export async function appendPathwayEvent(
  tx: DbOrTx,
  ctx: Ctx,
  pathwayId: string,
  kind: string,
  details: Record<string, unknown> | null = null,
  reason: string | null = null,
) {
  await repo.insertEvents(tx, [{ pathwayId, actorUserId: ctx.actor.userId, kind, details, reason }]);
}

const requireOpen = (p: PathwayRow) => {
  if (!isPathwayOpen(p.state)) throw pathwayClosed();
};

// ---------------------------------------------------------------------------------------------
// Taking in charge, reading, listing
// ---------------------------------------------------------------------------------------------

export async function takeInCharge(db: Db, ctx: Ctx, input: PathwayInput) {
  if (!canTakeInCharge(ctx.actor)) throw notAnOperator();
  const orgId = ctx.actor.organizationId!;
  const id = await db.transaction(async (tx) => {
    const programme = await findProgrammeRow(tx, input.programmeId);
    if (!programme || programme.status !== 'active') throw programmeNotActive();
    const office = await repo.findOfficeOfOrganization(tx, input.officeId, orgId);
    if (!office) throw officeInvalid();
    const caseWorker = input.caseWorkerUserId ?? ctx.actor.userId;
    if (!(await repo.isActiveOperator(tx, caseWorker, orgId))) throw caseWorkerInvalid();
    if (!(await repo.personExists(tx, input.personId))) throw notFound('people');
    // The operator must already see the person (own record, referral, earlier pathway).
    if (!(await resolvePersonAccess(tx, ctx.actor, input.personId))) throw notVisible('people');
    if (!(await hasConsent(tx, input.personId, 'case_management'))) throw consentMissing();
    const row = await repo.insertPathway(tx, {
      personId: input.personId,
      programmeId: programme.id,
      organizationId: orgId,
      officeId: office.id,
      caseWorkerUserId: caseWorker,
      createdBy: ctx.actor.userId,
    });
    await grantPersonAccess(tx, {
      personId: input.personId,
      organizationId: orgId,
      reason: 'pathway',
      sourceId: row.id,
      grantedBy: ctx.actor.userId,
    });
    await repo.insertEvents(tx, [
      {
        pathwayId: row.id,
        actorUserId: ctx.actor.userId,
        kind: 'transition.take_in_charge',
        toState: 'taken_in_charge',
        reason: input.note ?? null,
        details: { programmeCode: programme.code, officeId: office.id, caseWorkerUserId: caseWorker },
      },
    ]);
    await audit(tx, ctx, {
      action: 'pathways.create',
      entityType: 'pathway',
      entityId: row.id,
      details: { personId: input.personId, programmeId: programme.id, officeId: office.id },
    });
    return row.id;
  });
  return view(db, id);
}

async function view(db: DbOrTx, id: string) {
  const summary = await repo.findPathwaySummary(db, id);
  if (!summary) throw pathwayNotFound();
  const timeline = await repo.listEvents(db, id);
  return { ...summary, availableActions: pathwayActionsFrom(summary.state), timeline };
}

export async function getPathway(db: Db, ctx: Ctx, id: string) {
  const p = await loadPathwayForActor(db, ctx.actor, id);
  const v = await view(db, id);
  await audit(db, ctx, {
    action: 'pathways.read',
    entityType: 'pathway',
    entityId: id,
    details: { personId: p.personId },
  });
  return v;
}

export async function reassignPathway(
  db: Db,
  ctx: Ctx,
  id: string,
  patch: { caseWorkerUserId?: string | undefined; officeId?: string | undefined; version: number },
) {
  await db.transaction(async (tx) => {
    const p = await loadPathwayForActor(tx, ctx.actor, id, { forUpdate: true });
    requireOpen(p);
    if (patch.officeId && !(await repo.findOfficeOfOrganization(tx, patch.officeId, p.organizationId)))
      throw officeInvalid();
    if (
      patch.caseWorkerUserId &&
      !(await repo.isActiveOperator(tx, patch.caseWorkerUserId, p.organizationId))
    )
      throw caseWorkerInvalid();
    const values = {
      ...(patch.caseWorkerUserId ? { caseWorkerUserId: patch.caseWorkerUserId } : {}),
      ...(patch.officeId ? { officeId: patch.officeId } : {}),
    };
    const row = await repo.updatePathwayAssignment(tx, id, patch.version, values);
    if (!row) throw invalidTransition('The pathway changed since you read it; reload it');
    await appendPathwayEvent(tx, ctx, id, 'pathway.reassigned', {
      from: { caseWorkerUserId: p.caseWorkerUserId, officeId: p.officeId },
      to: values,
    });
    await audit(tx, ctx, {
      action: 'pathways.reassign',
      entityType: 'pathway',
      entityId: id,
      details: values,
    });
  });
  return view(db, id);
}

export async function listPathways(
  db: Db,
  ctx: Ctx,
  q: Omit<repo.CaseloadFilter, 'organizationId' | 'today'>,
) {
  if (!canReadCaseload(ctx.actor)) throw notAnOperator();
  const page = await repo.listCaseload(db, {
    ...q,
    organizationId: ctx.actor.organizationId!,
    today: todayInItaly(),
  });
  await audit(db, ctx, {
    action: 'pathways.list',
    entityType: 'pathway',
    details: { count: page.items.length, filter: { ...q, cursor: undefined } },
  });
  return page;
}

export async function caseload(
  db: Db,
  ctx: Ctx,
  q: {
    scope: 'mine' | 'office';
    officeId?: string | undefined;
    state?: PathwayState | undefined;
    q?: string | undefined;
    overdueOnly?: boolean | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  if (!canReadCaseload(ctx.actor)) throw notAnOperator();
  const filter: repo.CaseloadFilter = {
    organizationId: ctx.actor.organizationId!,
    today: todayInItaly(),
    caseWorkerUserId: q.scope === 'mine' ? ctx.actor.userId : undefined,
    officeId: q.scope === 'office' ? q.officeId : undefined,
    state: q.state,
    q: q.q,
    overdueOnly: q.overdueOnly,
    cursor: q.cursor,
    limit: q.limit,
  };
  const [page, countsByState] = await Promise.all([
    repo.listCaseload(db, filter),
    repo.countByState(db, filter),
  ]);
  await audit(db, ctx, {
    action: 'pathways.caseload_read',
    entityType: 'pathway',
    details: { scope: q.scope, count: page.items.length, ...(q.q ? { search: true } : {}) },
  });
  return { ...page, countsByState };
}

export async function transition(
  db: Db,
  ctx: Ctx,
  id: string,
  input: { action: PathwayAction; reason?: string | null | undefined },
) {
  const def = PATHWAY_TRANSITIONS[input.action];
  await db.transaction(async (tx) => {
    const p = await loadPathwayForActor(tx, ctx.actor, id, { forUpdate: true });
    if (def.via !== 'manual')
      throw invalidTransition(
        `"${input.action}" happens through its own step (${def.via}), not as a plain transition`,
      );
    if (!(def.from as readonly PathwayState[]).includes(p.state))
      throw invalidTransition(`"${input.action}" is not possible from the state "${p.state}"`);
    const reason = input.reason?.trim() || null;
    if ((def.guards as readonly string[]).includes('reason_required') && !reason) throw reasonRequired();
    await applyTransition(tx, ctx, p, input.action, { reason });
    await audit(tx, ctx, {
      action: 'pathways.transition',
      entityType: 'pathway',
      entityId: id,
      details: { action: input.action, from: p.state, to: def.to },
    });
  });
  return view(db, id);
}

// ---------------------------------------------------------------------------------------------
// Assessment
// ---------------------------------------------------------------------------------------------

async function computeProposal(db: DbOrTx, p: PathwayRow) {
  const ruleSet = await currentRuleSet(db, p.programmeId);
  if (!ruleSet) throw noRuleSet();
  const inputs = await repo.profileInputs(db, p.personId, todayInItaly());
  if (!inputs) throw notFound('people');
  const result = scoreProfile(ruleSet.rules, inputs);
  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    inputs,
    score: result.score,
    factors: result.factors,
    proposedPath: result.proposedPath,
    proposedBand: result.proposedBand,
  };
}

export async function assessmentProposal(db: Db, ctx: Ctx, id: string) {
  const p = await loadPathwayForActor(db, ctx.actor, id);
  const proposal = await computeProposal(db, p);
  await audit(db, ctx, {
    action: 'pathways.assessment_preview',
    entityType: 'pathway',
    entityId: id,
    details: { personId: p.personId, ruleSetVersion: proposal.ruleSetVersion },
  });
  return proposal;
}

const toAssessment = (r: repo.AssessmentRow) => ({
  id: r.id,
  pathwayId: r.pathwayId,
  ruleSetId: r.ruleSetId,
  ruleSetVersion: r.ruleSetVersion,
  inputs: r.inputs as never,
  score: r.score,
  factors: r.factors as never,
  proposedPath: r.proposedPath,
  proposedBand: r.proposedBand,
  confirmedPath: r.confirmedPath,
  confirmedBand: r.confirmedBand,
  overridden: r.confirmedPath !== r.proposedPath || r.confirmedBand !== r.proposedBand,
  overrideReason: r.overrideReason,
  questionnaireVersion: r.questionnaireVersion,
  answers: r.answers as Record<string, unknown>,
  note: r.note,
  assessedBy: r.assessedBy,
  assessedAt: r.assessedAt.toISOString(),
});

export async function recordAssessment(db: Db, ctx: Ctx, id: string, input: AssessmentInput) {
  return db.transaction(async (tx) => {
    const p = await loadPathwayForActor(tx, ctx.actor, id, { forUpdate: true });
    requireOpen(p);
    const errors = checkQuestionnaireAnswers(input.questionnaireVersion, input.answers);
    if (errors.length) throw questionnaireInvalid(errors);
    const proposal = await computeProposal(tx, p);
    if (!(await findBand(tx, p.programmeId, input.confirmedBand))) throw bandNotDefined();
    const overridden =
      input.confirmedPath !== proposal.proposedPath || input.confirmedBand !== proposal.proposedBand;
    const overrideReason = input.overrideReason?.trim() || null;
    if (overridden && !overrideReason) throw overrideReasonRequired();
    const row = await repo.insertAssessment(tx, {
      pathwayId: id,
      ruleSetId: proposal.ruleSetId,
      ruleSetVersion: proposal.ruleSetVersion,
      inputs: proposal.inputs,
      score: proposal.score,
      factors: proposal.factors,
      proposedPath: proposal.proposedPath,
      proposedBand: proposal.proposedBand,
      confirmedPath: input.confirmedPath,
      confirmedBand: input.confirmedBand,
      overrideReason: overridden ? overrideReason : null,
      questionnaireVersion: input.questionnaireVersion,
      answers: input.answers,
      note: input.note ?? null,
      assessedBy: ctx.actor.userId,
    });
    await repo.setPathwayProfile(tx, id, input.confirmedPath, input.confirmedBand);
    await appendPathwayEvent(
      tx,
      ctx,
      id,
      'assessment.recorded',
      {
        assessmentId: row.id,
        score: row.score,
        ruleSetVersion: row.ruleSetVersion,
        proposed: { path: row.proposedPath, band: row.proposedBand },
        confirmed: { path: row.confirmedPath, band: row.confirmedBand },
        overridden,
      },
      overridden ? overrideReason : null,
    );
    if (p.state === 'taken_in_charge')
      await applyTransition(tx, ctx, p, 'assess', { details: { assessmentId: row.id } });
    await audit(tx, ctx, {
      action: 'pathways.assessment_create',
      entityType: 'pathway',
      entityId: id,
      details: { assessmentId: row.id, overridden, ruleSetVersion: row.ruleSetVersion },
    });
    return toAssessment(row);
  });
}

export async function listAssessments(db: Db, ctx: Ctx, id: string) {
  const p = await loadPathwayForActor(db, ctx.actor, id);
  const rows = await repo.listAssessments(db, id);
  await audit(db, ctx, {
    action: 'pathways.assessments_read',
    entityType: 'pathway',
    entityId: id,
    details: { personId: p.personId },
  });
  return { items: rows.map(toAssessment) };
}

// ---------------------------------------------------------------------------------------------
// Service pact
// ---------------------------------------------------------------------------------------------

const PACT_STATES: readonly PathwayState[] = ['assessed', 'pact_signed', 'in_delivery', 'suspended'];

const toPact = (r: repo.PactRow) => ({
  id: r.id,
  pathwayId: r.pathwayId,
  version: r.version,
  status: r.status,
  content: r.content as PactContent,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
  personSignedAt: r.personSignedAt?.toISOString() ?? null,
  personSignatureMethod: r.personSignatureMethod,
  operatorSignedAt: r.operatorSignedAt?.toISOString() ?? null,
  operatorSignedBy: r.operatorSignedBy,
  operatorSignatureMethod: r.operatorSignatureMethod,
});

export async function createPactVersion(db: Db, ctx: Ctx, id: string, input: PactContentInput) {
  return db.transaction(async (tx) => {
    const p = await loadPathwayForActor(tx, ctx.actor, id, { forUpdate: true });
    if (!PACT_STATES.includes(p.state)) throw pactNotAllowed();
    const context = await repo.pactContext(tx, id);
    const assessment = await repo.latestAssessment(tx, id);
    const content: PactContent = {
      ...input,
      notes: input.notes ?? null,
      responsibleOperator: {
        organizationName: context!.organizationName,
        officeName: context!.officeName,
        officeAddress: context!.officeAddress,
        caseWorkerName: context!.caseWorkerName,
      },
      person: { firstName: context!.firstName, lastName: context!.lastName, fiscalCode: context!.fiscalCode },
      programme: { code: context!.programmeCode, name: context!.programmeName },
      profile: {
        score: assessment?.score ?? null,
        ruleSetVersion: assessment?.ruleSetVersion ?? null,
        golPath: assessment?.confirmedPath ?? null,
        intensityBand: assessment?.confirmedBand ?? null,
      },
    };
    const row = await repo.insertPactVersion(tx, id, content, ctx.actor.userId);
    await appendPathwayEvent(tx, ctx, id, 'pact.version_created', { version: row.version });
    await audit(tx, ctx, {
      action: 'pathways.pact_create',
      entityType: 'pathway',
      entityId: id,
      details: { version: row.version },
    });
    return toPact(row);
  });
}

export async function listPactVersions(db: Db, ctx: Ctx, id: string) {
  const p = await loadPathwayForActor(db, ctx.actor, id);
  const rows = await repo.listPactVersions(db, id);
  await audit(db, ctx, {
    action: 'pathways.pact_read',
    entityType: 'pathway',
    entityId: id,
    details: { personId: p.personId },
  });
  return { items: rows.map(toPact) };
}

export async function getPactVersion(db: Db, ctx: Ctx, id: string, version: number) {
  const p = await loadPathwayForActor(db, ctx.actor, id);
  const row = await repo.findPactVersion(db, id, version);
  if (!row) throw pactNotFound();
  await audit(db, ctx, {
    action: 'pathways.pact_read',
    entityType: 'pathway',
    entityId: id,
    details: { personId: p.personId, version },
  });
  return toPact(row);
}

export async function pactPdf(db: Db, ctx: Ctx, id: string, version: number) {
  const p = await loadPathwayForActor(db, ctx.actor, id);
  const row = await repo.findPactVersion(db, id, version);
  if (!row) throw pactNotFound();
  const signer = row.operatorSignedBy ? await repo.userDisplayName(db, row.operatorSignedBy) : null;
  const pdf = await renderPactPdf({
    version: row.version,
    status: row.status,
    createdAt: row.createdAt,
    content: row.content as PactContent,
    personSignedAt: row.personSignedAt,
    personSignatureMethod: row.personSignatureMethod,
    operatorSignedAt: row.operatorSignedAt,
    operatorSignatureMethod: row.operatorSignatureMethod,
    operatorSignerName: signer,
  });
  await audit(db, ctx, {
    action: 'pathways.pact_pdf',
    entityType: 'pathway',
    entityId: id,
    details: { personId: p.personId, version },
  });
  return pdf;
}

export async function signPact(
  db: Db,
  ctx: Ctx,
  id: string,
  version: number,
  input: { signer: 'person' | 'operator'; method: 'handwritten' | 'otp' | 'spid' },
) {
  return db.transaction(async (tx) => {
    const p = await loadPathwayForActor(tx, ctx.actor, id, { forUpdate: true });
    requireOpen(p);
    const row = await repo.findPactVersion(tx, id, version);
    if (!row) throw pactNotFound();
    if ((await repo.maxPactVersion(tx, id)) !== version) throw pactOutdated();
    const signed = await repo.signPactVersion(tx, row.id, input.signer, input.method, ctx.actor.userId);
    if (!signed) throw pactAlreadySigned();
    let result = signed;
    const complete = signed.personSignedAt !== null && signed.operatorSignedAt !== null;
    await appendPathwayEvent(tx, ctx, id, 'pact.signed', {
      version,
      signer: input.signer,
      method: input.method,
      complete,
    });
    if (complete) {
      result = await repo.completePactVersion(tx, signed);
      if (p.state === 'assessed') await applyTransition(tx, ctx, p, 'sign_pact', { details: { version } });
    }
    await audit(tx, ctx, {
      action: 'pathways.pact_sign',
      entityType: 'pathway',
      entityId: id,
      details: { version, signer: input.signer, method: input.method, complete },
    });
    return toPact(result);
  });
}

// ---------------------------------------------------------------------------------------------
// Appointments
// ---------------------------------------------------------------------------------------------

const toAppointment = (r: repo.AppointmentRow) => ({
  id: r.id,
  pathwayId: r.pathwayId,
  scheduledAt: r.scheduledAt.toISOString(),
  durationMinutes: r.durationMinutes,
  channel: r.channel,
  purpose: r.purpose,
  location: r.location,
  notifiedAt: r.notifiedAt.toISOString(),
  notificationChannel: r.notificationChannel,
  outcome: r.outcome,
  outcomeNote: r.outcomeNote,
  outcomeRecordedAt: r.outcomeRecordedAt?.toISOString() ?? null,
  outcomeRecordedBy: r.outcomeRecordedBy,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});

/** Clock tolerance for "notified now" sent by a client. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function scheduleAppointment(
  db: Db,
  ctx: Ctx,
  id: string,
  input: {
    scheduledAt: string;
    durationMinutes: number;
    channel: 'in_person' | 'phone' | 'video';
    purpose: string;
    location?: string | null | undefined;
    notifiedAt?: string | undefined;
    notificationChannel: string;
  },
) {
  return db.transaction(async (tx) => {
    const p = await loadPathwayForActor(tx, ctx.actor, id);
    requireOpen(p);
    const programme = await findProgrammeRow(tx, p.programmeId);
    const now = Date.now();
    const notifiedAt = input.notifiedAt ? new Date(input.notifiedAt) : new Date(now);
    if (notifiedAt.getTime() > now + CLOCK_SKEW_MS)
      throw invalid('pathways.notified_in_future', 'The notice cannot be dated in the future', [
        { field: 'body.notifiedAt', code: 'in_future', message: 'Not after now' },
      ]);
    const scheduledAt = new Date(input.scheduledAt);
    const minHours = programme!.minNoticeHours;
    if (scheduledAt.getTime() - notifiedAt.getTime() < minHours * 3600_000) throw noticeTooShort(minHours);
    const row = await repo.insertAppointment(tx, {
      pathwayId: id,
      scheduledAt,
      durationMinutes: input.durationMinutes,
      channel: input.channel,
      purpose: input.purpose,
      location: input.location ?? null,
      notifiedAt,
      notificationChannel: input.notificationChannel,
      createdBy: ctx.actor.userId,
    });
    await appendPathwayEvent(tx, ctx, id, 'appointment.scheduled', {
      appointmentId: row.id,
      scheduledAt: row.scheduledAt.toISOString(),
      purpose: row.purpose,
    });
    await audit(tx, ctx, {
      action: 'pathways.appointment_create',
      entityType: 'pathway',
      entityId: id,
      details: { appointmentId: row.id },
    });
    return toAppointment(row);
  });
}

export async function listAppointments(db: Db, ctx: Ctx, id: string) {
  const p = await loadPathwayForActor(db, ctx.actor, id);
  const rows = await repo.listAppointments(db, id);
  await audit(db, ctx, {
    action: 'pathways.appointments_read',
    entityType: 'pathway',
    entityId: id,
    details: { personId: p.personId },
  });
  return { items: rows.map(toAppointment) };
}

export async function recordAppointmentOutcome(
  db: Db,
  ctx: Ctx,
  id: string,
  appointmentId: string,
  input: { outcome: 'attended' | 'justified_absence' | 'missed'; note?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    await loadPathwayForActor(tx, ctx.actor, id);
    const a = await repo.findAppointment(tx, id, appointmentId);
    if (!a) throw appointmentNotFound();
    if (a.outcome) throw appointmentOutcomeRecorded();
    if (a.scheduledAt.getTime() > Date.now()) throw appointmentNotHeldYet();
    const row = await repo.recordAppointmentOutcome(
      tx,
      appointmentId,
      input.outcome,
      input.note ?? null,
      ctx.actor.userId,
    );
    if (!row) throw appointmentOutcomeRecorded();
    await appendPathwayEvent(tx, ctx, id, 'appointment.outcome', {
      appointmentId,
      outcome: input.outcome,
    });
    await audit(tx, ctx, {
      action: 'pathways.appointment_outcome',
      entityType: 'pathway',
      entityId: id,
      details: { appointmentId, outcome: input.outcome },
    });
    return toAppointment(row);
  });
}

// ---------------------------------------------------------------------------------------------
// Placement
// ---------------------------------------------------------------------------------------------

/** Contract types without an end date: they count as long enough for the result rule. */
const OPEN_ENDED = new Set(['permanent', 'apprenticeship']);

const toPlacement = (r: repo.PlacementRow, resultDeliveryIds: string[]) => ({
  id: r.id,
  pathwayId: r.pathwayId,
  employerOrganizationId: r.employerOrganizationId,
  employerName: r.employerName,
  contractType: r.contractType,
  startDate: r.startDate,
  expectedDurationDays: r.expectedDurationDays,
  hoursPerWeek: r.hoursPerWeek,
  note: r.note,
  resultTriggered: r.resultTriggered,
  recordedBy: r.recordedBy,
  recordedAt: r.recordedAt.toISOString(),
  resultDeliveryIds,
});

export interface PlacementInput {
  employerOrganizationId?: string | null | undefined;
  employerName?: string | null | undefined;
  contractType: repo.PlacementRow['contractType'];
  startDate: string;
  expectedDurationDays?: number | null | undefined;
  hoursPerWeek?: number | null | undefined;
  note?: string | null | undefined;
}

export async function recordPlacement(db: Db, ctx: Ctx, id: string, input: PlacementInput) {
  return db.transaction(async (tx) => {
    const p = await loadPathwayForActor(tx, ctx.actor, id, { forUpdate: true });
    return placeLockedPathway(tx, ctx, p, input);
  });
}

/**
 * Records a hire (e.g. from a candidature) as the placement of the person's open pathway that can be
 * placed (the most recent), in the caller's transaction. Returns null when there is no such pathway.
 * The caller has already checked who may do this.
 */
export async function recordPlacementForPerson(
  tx: DbOrTx,
  ctx: Ctx,
  personId: string,
  input: PlacementInput,
): Promise<{ pathwayId: string; placementId: string } | null> {
  const id = await repo.findPlaceablePathwayOfPerson(
    tx,
    personId,
    PATHWAY_TRANSITIONS.place.from as readonly PathwayState[],
  );
  if (!id) return null;
  const p = await repo.findPathwayRow(tx, id, { forUpdate: true });
  if (!p) return null;
  const placement = await placeLockedPathway(tx, ctx, p, input);
  return { pathwayId: p.id, placementId: placement.id };
}

async function placeLockedPathway(tx: DbOrTx, ctx: Ctx, p: PathwayRow, input: PlacementInput) {
  const id = p.id;
  const from = PATHWAY_TRANSITIONS.place.from as readonly PathwayState[];
  if (!from.includes(p.state)) throw invalidTransition(`"place" is not possible from the state "${p.state}"`);
  let employerName = input.employerName ?? null;
  if (input.employerOrganizationId) {
    const org = await repo.findOrganizationById(tx, input.employerOrganizationId);
    if (!org) throw employerNotFound();
    employerName = employerName ?? org.name;
  }
  const duration = input.expectedDurationDays ?? null;
  if (duration === null && !OPEN_ENDED.has(input.contractType)) throw durationRequired();
  const programme = await findProgrammeRow(tx, p.programmeId);
  const resultTriggered = duration === null || duration >= programme!.resultMinContractDays;
  // Lock the voucher first: validations of its deliveries wait until the placement commits.
  const voucher = await repo.lockVoucherOfPathway(tx, id);
  await applyTransition(tx, ctx, p, 'place');
  const placement = await repo.insertPlacement(tx, {
    pathwayId: id,
    employerOrganizationId: input.employerOrganizationId ?? null,
    employerName: employerName!,
    contractType: input.contractType,
    startDate: input.startDate,
    expectedDurationDays: duration,
    hoursPerWeek: input.hoursPerWeek ?? null,
    note: input.note ?? null,
    resultTriggered,
    recordedBy: ctx.actor.userId,
  });
  let entitlements: { created: { id: string; amountCents: number }[]; skipped: string[] } = {
    created: [],
    skipped: [],
  };
  if (voucher && resultTriggered)
    entitlements = await repo.insertResultEntitlements(tx, {
      voucherId: voucher.id,
      deliveredOn: input.startDate,
      recordedBy: ctx.actor.userId,
    });
  await appendPathwayEvent(tx, ctx, id, 'placement.recorded', {
    placementId: placement.id,
    employerName,
    contractType: input.contractType,
    startDate: input.startDate,
    expectedDurationDays: duration,
    resultTriggered,
    resultEntitlements: entitlements.created.map((e) => ({ deliveryId: e.id, amountCents: e.amountCents })),
    resultLinesWithoutBudget: entitlements.skipped.length,
  });
  await audit(tx, ctx, {
    action: 'pathways.placement_create',
    entityType: 'pathway',
    entityId: id,
    details: { placementId: placement.id, resultTriggered, voucherId: voucher?.id ?? null },
  });
  return toPlacement(
    placement,
    entitlements.created.map((e) => e.id),
  );
}

export async function getPlacement(db: Db, ctx: Ctx, id: string) {
  const p = await loadPathwayForActor(db, ctx.actor, id);
  const row = await repo.findPlacement(db, id);
  if (!row) throw placementNotFound();
  await audit(db, ctx, {
    action: 'pathways.placement_read',
    entityType: 'pathway',
    entityId: id,
    details: { personId: p.personId },
  });
  const voucher = (await repo.findPathwaySummary(db, id))?.voucherId ?? null;
  return toPlacement(row, await repo.resultDeliveryIds(db, voucher));
}
