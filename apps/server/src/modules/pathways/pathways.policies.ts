import type { Actor } from '../../platform/actor';

/**
 * Pathways hold personal data: only operator staff of the organisation that took the person in charge
 * read and change them (deny by default; platform admins and regional officers see aggregates only).
 */
export const isCaseWorkerRole = (actor: Actor) =>
  actor.role === 'operator_staff' && actor.organizationId !== null;

export const canTakeInCharge = (actor: Actor) => isCaseWorkerRole(actor);

export const canReadPathway = (actor: Actor, pathway: { organizationId: string }) =>
  isCaseWorkerRole(actor) && actor.organizationId === pathway.organizationId;

export const canManagePathway = (actor: Actor, pathway: { organizationId: string }) =>
  canReadPathway(actor, pathway);

export const canReadCaseload = (actor: Actor) => isCaseWorkerRole(actor);
