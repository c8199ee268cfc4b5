import type { Role } from '@trama/contracts';
import type { Actor } from '../../platform/actor';

/** Roles that see the labour-market aggregates (no personal data). Deny by default. */
const ANALYTICS_ROLES: readonly Role[] = [
  'regional_officer',
  'network_coordinator',
  'platform_admin',
  'operator_staff',
];

export const canSeeLabourMarketAnalysis = (actor: Actor) => ANALYTICS_ROLES.includes(actor.role);
