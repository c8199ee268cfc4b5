import type { Actor } from '../../platform/actor';

/** The audit log is for platform administrators; organisation admins may get a scoped view later. */
export const canBrowseAudit = (actor: Actor) => actor.role === 'platform_admin';
