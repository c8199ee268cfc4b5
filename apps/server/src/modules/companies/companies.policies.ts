import type { Actor } from '../../platform/actor';

/** Company profiles are not personal data: every member of an organisation of the network may read them. */
export const canReadCompanies = (actor: Actor) =>
  actor.organizationId !== null || actor.role === 'platform_admin';

/** A company's own staff (or a platform administrator) edit its profile. Deny by default. */
export const canEditCompany = (actor: Actor, companyId: string) =>
  actor.role === 'platform_admin' || (actor.role === 'company_staff' && actor.organizationId === companyId);
