import {
  CANDIDATURE_TRANSITIONS,
  canCandidatureTransition,
  candidatureTargetsFrom,
  type Candidature,
  type CandidatureSide,
  type CandidatureState,
  type CandidatureTarget,
  type HirePlacementInput,
} from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Db, DbOrTx } from '../../platform/db';
import { notFound, notVisible } from '../../platform/errors';
import { audit } from '../audit';
import { todayInItaly } from '../organizations';
import { recordPlacementForPerson } from '../pathways';
import { hasConsent, resolvePersonAccess } from '../people';
import {
  candidatureNotFound,
  candidatureNotVisible,
  consentMissing,
  durationRequired,
  invalidTransition,
  notACandidateRole,
  notAReader,
  personPartlyVisible,
  vacancyNotOpen,
  wrongSide,
} from './candidatures.errors';
import {
  accessShowsCandidature,
  canApply,
  canListCandidatures,
  canPropose,
  candidatureSide,
} from './candidatures.policies';
import * as repo from './candidatures.repository';

type Ctx = RequestContext & { actor: Actor };

/** Contract types without an end date (a placement needs a duration for the others). */
const OPEN_ENDED = new Set(['permanent', 'apprenticeship']);

function toCandidature(r: repo.CandidatureViewRow, side: CandidatureSide): Candidature {
  return {
    id: r.id,
    state: r.state,
    origin: r.origin,
    vacancyId: r.vacancyId,
    vacancyTitle: r.vacancyTitle,
    companyOrganizationId: r.companyOrganizationId,
    companyName: r.companyName,
    proposingOrganizationId: r.proposingOrganizationId,
    proposingOrganizationName: r.proposingOrganizationName ?? null,
    personId: r.personId,
    // Every candidature starts at "proposed": the person consented to company matching or applied.
    person: { firstName: r.firstName, lastName: r.lastName, email: r.email, phone: r.phone },
    note: r.note,
    decisionReason: r.decisionReason,
    stateChangedAt: r.stateChangedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    pathwayId: r.pathwayId,
    side,
    availableTransitions: candidatureTargetsFrom(r.state, side),
  };
}

async function isSelf(db: DbOrTx, actor: Actor, personId: string) {
  if (actor.role !== 'citizen') return false;
  return (await resolvePersonAccess(db, actor, personId))?.kind === 'self';
}

async function loadForActor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const row = await repo.findCandidature(db, id, opts);
  if (!row) throw candidatureNotFound();
  const side = candidatureSide(actor, row, await isSelf(db, actor, row.personId));
  if (!side) throw candidatureNotVisible();
  // The proposer sees the person's names and contacts only while its organisation may see them.
  if (side === 'proposer' && !accessShowsCandidature(await resolvePersonAccess(db, actor, row.personId)))
    throw candidatureNotVisible();
  return { row, side };
}

/**
 * Proposes a person for a vacancy (a case worker whose organisation sees the person, with the person's
 * `company_matching` consent) or applies (a citizen, for themself). The vacancy must be open.
 */
export async function createCandidature(
  db: Db,
  ctx: Ctx,
  input: { vacancyId: string; personId: string; note?: string | null | undefined },
) {
  const actor = ctx.actor;
  const proposing = canPropose(actor);
  if (!proposing && !canApply(actor)) throw notACandidateRole();
  const { id, side } = await db.transaction(async (tx) => {
    const vacancy = await repo.findVacancyForCandidature(tx, input.vacancyId);
    if (!vacancy || vacancy.status === 'draft') throw notFound('vacancies');
    // An archived company's vacancies take no new candidatures, even if still marked open.
    if (vacancy.status !== 'open' || vacancy.companyStatus !== 'active') throw vacancyNotOpen();
    const access = await resolvePersonAccess(tx, actor, input.personId);
    if (!access)
      throw (await repo.personExists(tx, input.personId)) ? notVisible('people') : notFound('people');
    if (proposing && !accessShowsCandidature(access)) throw personPartlyVisible();
    if (proposing && !(await hasConsent(tx, input.personId, 'company_matching'))) throw consentMissing();
    const row = await repo.insertCandidature(tx, {
      vacancyId: vacancy.id,
      companyOrganizationId: vacancy.organizationId,
      personId: input.personId,
      origin: proposing ? 'proposal' : 'application',
      proposingOrganizationId: proposing ? actor.organizationId : null,
      createdBy: actor.userId,
      note: input.note?.trim() || null,
      stateChangedBy: actor.userId,
    });
    await audit(tx, ctx, {
      action: proposing ? 'candidatures.propose' : 'candidatures.apply',
      entityType: 'candidature',
      entityId: row.id,
      details: {
        personId: row.personId,
        vacancyId: row.vacancyId,
        companyOrganizationId: vacancy.organizationId,
      },
    });
    return { id: row.id, side: (proposing ? 'proposer' : 'candidate') as CandidatureSide };
  });
  return toCandidature((await repo.candidatureView(db, id))!, side);
}

export async function getCandidature(db: Db, ctx: Ctx, id: string) {
  const { row, side } = await loadForActor(db, ctx.actor, id);
  const view = toCandidature((await repo.candidatureView(db, id))!, side);
  await audit(db, ctx, {
    action: 'candidatures.read',
    entityType: 'candidature',
    entityId: id,
    details: { side, personId: row.personId },
  });
  return view;
}

/** The reader's candidatures: to their company's vacancies, proposed by their organisation, or their own. */
export async function listCandidatures(
  db: Db,
  ctx: Ctx,
  q: {
    vacancyId?: string | undefined;
    personId?: string | undefined;
    state?: CandidatureState | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const actor = ctx.actor;
  if (!canListCandidatures(actor)) throw notAReader();
  const side: CandidatureSide =
    actor.role === 'citizen' ? 'candidate' : actor.role === 'company_staff' ? 'company' : 'proposer';
  const page = await repo.listCandidatures(db, { ...q, scope: repo.scopeOf(actor, side) });
  await audit(db, ctx, {
    action: 'candidatures.list',
    entityType: 'candidature',
    details: {
      side,
      count: page.rows.length,
      vacancyId: q.vacancyId,
      personId: q.personId,
      state: q.state,
      personIds: [...new Set(page.rows.map((r) => r.personId))],
    },
  });
  return { items: page.rows.map((r) => toCandidature(r, side)), nextCursor: page.nextCursor };
}

/**
 * Moves a candidature along the shared state machine, by a side allowed to. A hire records the
 * placement on the person's open pathway (which becomes "placed"), when there is one.
 */
export async function transitionCandidature(
  db: Db,
  ctx: Ctx,
  id: string,
  input: {
    to: CandidatureTarget;
    reason?: string | null | undefined;
    placement?: HirePlacementInput | undefined;
  },
) {
  const def = CANDIDATURE_TRANSITIONS[input.to];
  const side = await db.transaction(async (tx) => {
    const { row, side } = await loadForActor(tx, ctx.actor, id, { forUpdate: true });
    if (!(def.by as readonly CandidatureSide[]).includes(side)) throw wrongSide();
    if (!canCandidatureTransition(row.state, input.to))
      throw invalidTransition(`"${input.to}" is not possible from the state "${row.state}"`);
    const reason = input.reason?.trim() || null;
    const values: repo.CandidatureUpdate = {
      stateChangedBy: ctx.actor.userId,
      ...(reason ? { decisionReason: reason } : {}),
    };
    const effects: Record<string, unknown> = {};
    let vacancy: Awaited<ReturnType<typeof repo.findVacancyForCandidature>> = null;
    if (input.to === 'hired') {
      vacancy = (await repo.findVacancyForCandidature(tx, row.vacancyId))!;
      const given = input.placement;
      const contractType = given?.contractType ?? vacancy.contractType;
      const months = given?.durationMonths !== undefined ? given.durationMonths : vacancy.durationMonths;
      const duration = months ? months * 30 : null;
      if (duration === null && !OPEN_ENDED.has(contractType)) {
        // Asked explicitly for a contract that needs an end: say which field is missing.
        if (given) throw durationRequired();
        effects.placement = 'skipped_duration_unknown';
      } else {
        const today = todayInItaly();
        const placed = await recordPlacementForPerson(tx, ctx, row.personId, {
          employerOrganizationId: vacancy.organizationId,
          employerName: vacancy.companyName,
          contractType,
          startDate:
            given?.startDate ?? (vacancy.startDate && vacancy.startDate > today ? vacancy.startDate : today),
          expectedDurationDays: duration,
          hoursPerWeek: given?.hoursPerWeek !== undefined ? given.hoursPerWeek : vacancy.hoursPerWeek,
          note: `Candidatura ${row.id}: ${vacancy.title}`,
        });
        effects.placement = placed ?? 'no_open_pathway';
        if (placed) {
          values.pathwayId = placed.pathwayId;
          values.placementId = placed.placementId;
        }
      }
    }
    const updated = await repo.updateCandidatureState(tx, id, row.state, input.to, values);
    if (!updated) throw invalidTransition('The candidature changed meanwhile; reload it');
    await audit(tx, ctx, {
      action: `candidatures.${input.to}`,
      entityType: 'candidature',
      entityId: id,
      details: {
        personId: row.personId,
        vacancyId: row.vacancyId,
        from: row.state,
        to: input.to,
        side,
        reason,
        ...effects,
      },
    });
    // The hire that brings the hires to the openings fills the vacancy (same transaction, audited).
    if (vacancy && vacancy.status === 'open') {
      const hires = await repo.countHires(tx, vacancy.id);
      if (hires >= vacancy.openings && (await repo.markVacancyFilled(tx, vacancy.id)))
        await audit(tx, ctx, {
          action: 'vacancies.filled',
          entityType: 'vacancy',
          entityId: vacancy.id,
          organizationId: vacancy.organizationId,
          details: { hires, openings: vacancy.openings, candidatureId: id },
        });
    }
    return side;
  });
  return toCandidature((await repo.candidatureView(db, id))!, side);
}
