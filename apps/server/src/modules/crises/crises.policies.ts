import type { CrisisAccess, Role } from '@trama/contracts';
import type { Actor } from '../../platform/actor';

/**
 * Who may do what with company crises (pure, deny by default):
 * - coordinating roles of a non-company organisation create crises and manage their own organisation's;
 * - network coordinators and regional officers see every crisis (aggregates; personal data only
 *   through person_access, like everywhere else);
 * - the company's own staff see their crisis (details, anonymised profile, outcome).
 */
export const CRISIS_MANAGER_ROLES: readonly Role[] = [
  'operator_staff',
  'network_coordinator',
  'regional_officer',
];
const NETWORK_ROLES: readonly Role[] = ['network_coordinator', 'regional_officer'];
const COMPANY_ROLES: readonly Role[] = ['company_staff', 'sme_staff'];

export const canCreateCrisis = (actor: Actor) =>
  actor.organizationId !== null && CRISIS_MANAGER_ROLES.includes(actor.role);

export const canListCrises = (actor: Actor) =>
  actor.organizationId !== null &&
  (CRISIS_MANAGER_ROLES.includes(actor.role) || COMPANY_ROLES.includes(actor.role));

/** The actor's access to one crisis, or null (answer 404). */
export function crisisAccessOf(
  actor: Actor,
  crisis: { ownerOrganizationId: string; companyOrganizationId: string },
): CrisisAccess | null {
  if (!actor.organizationId) return null;
  if (actor.organizationId === crisis.ownerOrganizationId && CRISIS_MANAGER_ROLES.includes(actor.role))
    return 'owner';
  if (NETWORK_ROLES.includes(actor.role)) return 'network';
  if (actor.organizationId === crisis.companyOrganizationId && COMPANY_ROLES.includes(actor.role))
    return 'company';
  return null;
}

/** What each level of access may read. */
export const CRISIS_READS = {
  details: ['owner', 'network', 'company'],
  cohort: ['owner', 'network'],
  actions: ['owner', 'network'],
  skillsProfile: ['owner', 'network'],
  targetCompanies: ['owner', 'network'],
  marketing: ['owner', 'network', 'company'],
  outcome: ['owner', 'network', 'company'],
} as const satisfies Record<string, readonly CrisisAccess[]>;

export const canRead = (access: CrisisAccess, what: keyof typeof CRISIS_READS) =>
  (CRISIS_READS[what] as readonly CrisisAccess[]).includes(access);

export const canManageCrisis = (access: CrisisAccess) => access === 'owner';
