import type { Role } from '@trama/contracts';
import type { Actor } from '../../platform/actor';

/** Case workers refer people. */
export const canRefer = (actor: Actor) => actor.role === 'operator_staff' && actor.organizationId !== null;

/**
 * Which side of a referral the actor is on, or null (deny by default). `readerRoles` are the roles that
 * may read people for their organisation (from the people module).
 */
export function referralSide(
  actor: Actor,
  referral: { fromOrganizationId: string; toOrganizationId: string },
  readerRoles: readonly Role[],
): 'sender' | 'receiver' | null {
  if (!actor.organizationId || !readerRoles.includes(actor.role)) return null;
  if (actor.organizationId === referral.fromOrganizationId) return 'sender';
  if (actor.organizationId === referral.toOrganizationId) return 'receiver';
  return null;
}

/** The receiver sees who the person is only once it has accepted, and names only if "identity" is shared. */
export function receiverSeesPerson(state: string) {
  return state === 'accepted' || state === 'done';
}
