import type { Role } from '@trama/contracts';

/** Mirrors the server policy (crises.policies.ts): who opens crises and who sees the crisis pages. */
export const canCreateCrises = (role: Role) =>
  role === 'operator_staff' || role === 'network_coordinator' || role === 'regional_officer';

export const canSeeCrises = (role: Role) =>
  canCreateCrises(role) || role === 'company_staff' || role === 'sme_staff';
