import type { Role } from '@trama/contracts';
import type { Actor } from '../../platform/actor';

/** Roles that steer or fund the network and so see network-wide figures. */
const NETWORK_ROLES: readonly Role[] = ['platform_admin', 'regional_officer', 'network_coordinator'];

export const canSeeNetworkFigures = (actor: Actor) => NETWORK_ROLES.includes(actor.role);

/** Every member acting for an organisation sees that organisation's own figures. */
export const canSeeOrganizationFigures = (actor: Actor) => actor.organizationId !== null;
