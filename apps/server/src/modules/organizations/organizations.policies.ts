import type { Role } from '@trama/contracts';
import type { Actor } from '../../platform/actor';

/**
 * Who may do what with the organisations registry. Pure functions, deny by default: a role that
 * is not named here gets `false`.
 */

const CREATORS: readonly Role[] = ['platform_admin', 'regional_officer', 'network_coordinator'];

const isAdmin = (actor: Actor) => actor.role === 'platform_admin';

/** Staff acting for this very organisation (a citizen is never staff). */
const isOwnStaff = (actor: Actor, organizationId: string) =>
  actor.organizationId !== null && actor.organizationId === organizationId && actor.role !== 'citizen';

/** The registry is a public register: every signed-in user may read organisations, offices, accreditations. */
export const canReadRegistry = (_actor: Actor) => true;

export const canCreateOrganization = (actor: Actor) => CREATORS.includes(actor.role);

export const canUpdateOrganization = (actor: Actor, organizationId: string) =>
  isAdmin(actor) || isOwnStaff(actor, organizationId);

/** The type decides what an organisation may do in the network: only platform admins change it. */
export const canChangeOrganizationType = (actor: Actor) => isAdmin(actor);

export const canArchiveOrganization = canUpdateOrganization;

export const canManageOffices = canUpdateOrganization;

/** Regional officers keep the accreditation register, so they may record accreditations anywhere. */
export const canAddAccreditation = (actor: Actor, organizationId: string) =>
  canUpdateOrganization(actor, organizationId) || actor.role === 'regional_officer';

/** Members (names, e-mails, roles) are private: platform admins and the organisation's own members. */
export const canViewMembers = (actor: Actor, organizationId: string) =>
  isAdmin(actor) || (actor.organizationId !== null && actor.organizationId === organizationId);

export function permissionsOn(actor: Actor, organizationId: string) {
  return {
    update: canUpdateOrganization(actor, organizationId),
    archive: canArchiveOrganization(actor, organizationId),
    manageOffices: canManageOffices(actor, organizationId),
    addAccreditations: canAddAccreditation(actor, organizationId),
    viewMembers: canViewMembers(actor, organizationId),
    changeType: canChangeOrganizationType(actor),
  };
}
