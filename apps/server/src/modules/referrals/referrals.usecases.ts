import {
  REFERRAL_HANDOVER_DAYS_DEFAULT,
  REFERRAL_TRANSITIONS,
  canReferralTransition,
  isPathwayOpen,
  referralActionsFrom,
  type PersonSection,
  type Referral,
  type ReferralAction,
  type ReferralState,
} from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Db, DbOrTx } from '../../platform/db';
import { forbidden, notFound, notVisible } from '../../platform/errors';
import { audit } from '../audit';
import { appendPathwayEvent } from '../pathways';
import {
  PERSON_READER_ROLES,
  grantPersonAccess,
  hasConsent,
  resolvePersonAccess,
  revokePersonAccess,
} from '../people';
import {
  consentMissing,
  invalidTransition,
  notAReferrer,
  organizationInvalid,
  pathwayInvalid,
  reasonRequired,
  referralNotFound,
  referralNotVisible,
  sameOrganization,
  wrongSide,
} from './referrals.errors';
import { canRefer, receiverSeesPerson, referralSide } from './referrals.policies';
import * as repo from './referrals.repository';

type Ctx = RequestContext & { actor: Actor };
const DAY_MS = 86_400_000;

function toReferral(r: repo.ReferralViewRow, side: 'sender' | 'receiver'): Referral {
  const sections = r.sharedSections as PersonSection[];
  const showPerson = side === 'sender' || receiverSeesPerson(r.state);
  const showNames = side === 'sender' || sections.includes('identity');
  return {
    id: r.id,
    state: r.state,
    fromOrganizationId: r.fromOrganizationId,
    fromOrganizationName: r.fromOrganizationName,
    fromUserId: r.fromUserId,
    toOrganizationId: r.toOrganizationId,
    toOrganizationName: r.toOrganizationName,
    pathwayId: side === 'sender' ? r.pathwayId : null,
    reason: r.reason,
    sharedSections: sections,
    handoverDays: r.handoverDays,
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    completedAt: r.completedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    side,
    availableActions: referralActionsFrom(r.state, side),
    person: showPerson
      ? {
          id: r.personId,
          firstName: showNames ? r.firstName : null,
          lastName: showNames ? r.lastName : null,
        }
      : null,
  };
}

async function loadForActor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const row = await repo.findReferral(db, id, opts);
  if (!row) throw referralNotFound();
  const side = referralSide(actor, row, PERSON_READER_ROLES);
  if (!side) throw referralNotVisible();
  return { row, side };
}

export async function createReferral(
  db: Db,
  ctx: Ctx,
  input: {
    personId: string;
    toOrganizationId: string;
    pathwayId?: string | null | undefined;
    reason: string;
    sharedSections: PersonSection[];
  },
) {
  if (!canRefer(ctx.actor)) throw notAReferrer();
  const orgId = ctx.actor.organizationId!;
  if (input.toOrganizationId === orgId) throw sameOrganization();
  const id = await db.transaction(async (tx) => {
    if (!(await repo.activeOrganization(tx, input.toOrganizationId))) throw organizationInvalid();
    const access = await resolvePersonAccess(tx, ctx.actor, input.personId);
    if (!access)
      throw (await repo.personExists(tx, input.personId)) ? notVisible('people') : notFound('people');
    if (access.kind !== 'full')
      throw forbidden('You can refer only people your organisation follows in full');
    if (!(await hasConsent(tx, input.personId, 'network_sharing'))) throw consentMissing();
    let handoverDays = REFERRAL_HANDOVER_DAYS_DEFAULT;
    if (input.pathwayId) {
      const p = await repo.pathwayForReferral(tx, input.pathwayId);
      if (!p || p.organizationId !== orgId || p.personId !== input.personId) throw pathwayInvalid();
      handoverDays = p.handoverDays;
    }
    const row = await repo.insertReferral(tx, {
      personId: input.personId,
      pathwayId: input.pathwayId ?? null,
      fromOrganizationId: orgId,
      fromUserId: ctx.actor.userId,
      toOrganizationId: input.toOrganizationId,
      reason: input.reason,
      sharedSections: [...new Set(input.sharedSections)],
      handoverDays,
    });
    await repo.insertReferralEvent(tx, {
      referralId: row.id,
      actorUserId: ctx.actor.userId,
      organizationId: orgId,
      action: 'propose',
      toState: 'proposed',
      reason: input.reason,
    });
    if (row.pathwayId)
      await appendPathwayEvent(tx, ctx, row.pathwayId, 'referral.proposed', {
        referralId: row.id,
        toOrganizationId: row.toOrganizationId,
        sharedSections: row.sharedSections,
      });
    await audit(tx, ctx, {
      action: 'referrals.create',
      entityType: 'referral',
      entityId: row.id,
      details: {
        personId: row.personId,
        toOrganizationId: row.toOrganizationId,
        sharedSections: row.sharedSections,
      },
    });
    return row.id;
  });
  return toReferral((await repo.referralView(db, id))!, 'sender');
}

export async function getReferral(db: Db, ctx: Ctx, id: string) {
  const { row, side } = await loadForActor(db, ctx.actor, id);
  const view = toReferral((await repo.referralView(db, id))!, side);
  await audit(db, ctx, {
    action: 'referrals.read',
    entityType: 'referral',
    entityId: id,
    details: { side, personShown: view.person !== null, personId: view.person ? row.personId : undefined },
  });
  return view;
}

export async function listReferrals(
  db: Db,
  ctx: Ctx,
  q: {
    direction: 'incoming' | 'outgoing';
    state?: ReferralState | undefined;
    personId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  if (!ctx.actor.organizationId || !PERSON_READER_ROLES.includes(ctx.actor.role)) throw notAReferrer();
  const side = q.direction === 'incoming' ? 'receiver' : 'sender';
  const page = await repo.listReferrals(db, { ...q, organizationId: ctx.actor.organizationId });
  await audit(db, ctx, {
    action: 'referrals.list',
    entityType: 'referral',
    details: { direction: q.direction, count: page.rows.length },
  });
  return { items: page.rows.map((r) => toReferral(r, side)), nextCursor: page.nextCursor };
}

/**
 * A transition of the shared referral state machine, by the side allowed to make it. Accepting gives the
 * receiver access to the shared sections (person_access, scope 'referral') and the sender a read
 * handover grant for the programme's window; revoking ends the receiver's access; completing leaves the
 * receiver the same handover window.
 */
export async function transitionReferral(
  db: Db,
  ctx: Ctx,
  id: string,
  input: { action: ReferralAction; reason?: string | null | undefined },
) {
  const def = REFERRAL_TRANSITIONS[input.action];
  const side = await db.transaction(async (tx) => {
    const { row, side } = await loadForActor(tx, ctx.actor, id, { forUpdate: true });
    if (side !== def.by) throw wrongSide(def.by);
    if (!canReferralTransition(row.state, input.action))
      throw invalidTransition(`"${input.action}" is not possible from the state "${row.state}"`);
    const reason = input.reason?.trim() || null;
    if ((def.guards as readonly string[]).includes('reason_required') && !reason) throw reasonRequired();
    const now = new Date();
    const handoverUntil = new Date(now.getTime() + row.handoverDays * DAY_MS);
    const values: Parameters<typeof repo.updateReferralState>[4] = {};
    const effects: Record<string, unknown> = {};
    if (input.action === 'accept') {
      if (!(await hasConsent(tx, row.personId, 'network_sharing'))) throw consentMissing();
      values.decidedAt = now;
      values.decidedBy = ctx.actor.userId;
      values.decisionReason = reason;
      effects.receiverGrant = await grantPersonAccess(tx, {
        personId: row.personId,
        organizationId: row.toOrganizationId,
        reason: 'referral',
        scope: 'referral',
        sharedSections: row.sharedSections as PersonSection[],
        sourceId: row.id,
        grantedBy: ctx.actor.userId,
      });
      if (row.handoverDays > 0) {
        effects.senderHandoverGrant = await grantPersonAccess(tx, {
          personId: row.personId,
          organizationId: row.fromOrganizationId,
          reason: 'referral',
          scope: 'full',
          sourceId: row.id,
          validUntil: handoverUntil,
          grantedBy: ctx.actor.userId,
        });
        // The sender's own pathway grant ends with the handover window once its pathway is over.
        if (row.pathwayId) {
          const p = await repo.pathwayForReferral(tx, row.pathwayId);
          if (p && !isPathwayOpen(p.state))
            effects.senderPathwayGrantsCapped = await revokePersonAccess(
              tx,
              { sourceId: row.pathwayId, organizationId: row.fromOrganizationId },
              { until: handoverUntil },
            );
        }
      }
    } else if (input.action === 'reject') {
      values.decidedAt = now;
      values.decidedBy = ctx.actor.userId;
      values.decisionReason = reason;
    } else if (input.action === 'revoke') {
      values.decisionReason = reason;
      values.decidedAt = now;
      values.decidedBy = ctx.actor.userId;
      effects.receiverGrantsRevoked = await revokePersonAccess(
        tx,
        { sourceId: row.id, organizationId: row.toOrganizationId },
        { by: ctx.actor.userId },
      );
    } else {
      values.completedAt = now;
      effects.receiverGrantsUntil = handoverUntil.toISOString();
      await revokePersonAccess(
        tx,
        { sourceId: row.id, organizationId: row.toOrganizationId },
        row.handoverDays > 0 ? { until: handoverUntil } : { by: ctx.actor.userId },
      );
    }
    const updated = await repo.updateReferralState(tx, id, row.state, def.to, values);
    if (!updated) throw invalidTransition('The referral changed meanwhile; reload it');
    await repo.insertReferralEvent(tx, {
      referralId: id,
      actorUserId: ctx.actor.userId,
      organizationId: ctx.actor.organizationId,
      action: input.action,
      fromState: row.state,
      toState: def.to,
      reason,
      details: effects,
    });
    if (row.pathwayId)
      await appendPathwayEvent(
        tx,
        ctx,
        row.pathwayId,
        `referral.${input.action}`,
        { referralId: id },
        reason,
      );
    await audit(tx, ctx, {
      action: `referrals.${input.action}`,
      entityType: 'referral',
      entityId: id,
      details: { personId: row.personId, from: row.state, to: def.to, ...effects },
    });
    return side;
  });
  return toReferral((await repo.referralView(db, id))!, side);
}
