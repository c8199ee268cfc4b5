import type { Actor } from '../../platform/actor';

/** Programme parameters are set by platform administrators and regional officers. */
export const canManageProgrammes = (actor: Actor) =>
  actor.role === 'platform_admin' || actor.role === 'regional_officer';

/** Every signed-in user may read programmes (they contain no personal data). */
export const canReadProgrammes = (_actor: Actor) => true;
