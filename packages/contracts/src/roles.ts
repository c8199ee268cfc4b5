import { z } from 'zod';

/** What a user may do is decided by the role of the membership they are acting through. */
export const ROLES = [
  'platform_admin',
  'regional_officer',
  'network_coordinator',
  'operator_staff',
  'company_staff',
  'manager',
  'sme_staff',
  'citizen',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that act for an organisation; the others (citizen, platform admin) may have none. */
export const ORG_BOUND_ROLES: readonly Role[] = [
  'regional_officer',
  'network_coordinator',
  'operator_staff',
  'company_staff',
  'manager',
  'sme_staff',
];
