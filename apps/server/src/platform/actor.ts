import type { Role } from '@trama/contracts';

/** Who is acting: a signed-in user acting through one of their memberships. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  membershipId: string;
  role: Role;
  organizationId: string | null;
  sessionId: string;
}

/** What every audited operation needs to know about its request. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
}

export const isPlatformAdmin = (a: Actor) => a.role === 'platform_admin';
