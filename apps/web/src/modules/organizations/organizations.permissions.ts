import type { Me, Role } from '@trama/contracts';

/**
 * Mirrors the server's policy only to decide which buttons to show; the server decides.
 * Per-organisation permissions come with the organisation detail (`permissions`).
 */
const CREATORS: readonly Role[] = ['platform_admin', 'regional_officer', 'network_coordinator'];

export const canCreateOrganization = (me: Me | null | undefined) =>
  Boolean(me && CREATORS.includes(me.activeMembership.role));
