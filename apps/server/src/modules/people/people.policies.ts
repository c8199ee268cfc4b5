/**
 * Who may do what with people's records: pure functions, deny by default. Visibility of a given
 * person (which organisation holds access) is decided in people.access.ts.
 */
import type { Role } from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import type { EffectiveAccess } from './people.access';

/** Case workers: create, edit, import, record consents, verify skills. */
export const PERSON_WRITER_ROLES: readonly Role[] = ['operator_staff', 'network_coordinator'];

const isWriter = (actor: Actor) => actor.organizationId !== null && PERSON_WRITER_ROLES.includes(actor.role);

export const canCreatePerson = (actor: Actor) => isWriter(actor);
export const canImportPeople = (actor: Actor) => isWriter(actor);

/** Listing people: organisation staff (their own people only) and a citizen (themself). */
export const canListPeople = (actor: Actor) =>
  actor.role === 'citizen' ||
  (actor.organizationId !== null && !['regional_officer', 'platform_admin'].includes(actor.role));

/** Editing needs full access (owner or pathway), never a referral's partial view. */
export const canEditPerson = (actor: Actor, access: EffectiveAccess) =>
  isWriter(actor) && access.kind === 'full';

/** Consents: the person themself, or a case worker with full access. */
export const canManageConsents = (actor: Actor, access: EffectiveAccess) =>
  access.kind === 'self' || (isWriter(actor) && access.kind === 'full');

/** Consent history is shown with the full record or to the person themself. */
export const canSeeConsents = (access: EffectiveAccess) => access.kind === 'self' || access.kind === 'full';

/** Aggregated numbers (no personal data): regional officers and network coordinators. */
export const canSeeStats = (actor: Actor) =>
  actor.role === 'regional_officer' || actor.role === 'network_coordinator';
