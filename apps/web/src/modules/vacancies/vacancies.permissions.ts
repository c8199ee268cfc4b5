import type { Me, Role } from '@trama/contracts';

/** Mirrors the server's policies only to decide which links and buttons to show; the server decides. */
const role = (me: Me | null | undefined) => me?.activeMembership.role;
const withOrg = (me: Me | null | undefined) => Boolean(me?.activeMembership.organizationId);

export const isCompanyStaff = (me: Me | null | undefined) => role(me) === 'company_staff' && withOrg(me);
const READERS: readonly Role[] = [
  'operator_staff',
  'network_coordinator',
  'regional_officer',
  'platform_admin',
];
export const canBrowseVacancies = (me: Me | null | undefined) =>
  isCompanyStaff(me) || Boolean(me && READERS.includes(me.activeMembership.role));
/** Ranked candidates: case workers, coordinators and the vacancy's own company. */
export const canRankCandidates = (me: Me | null | undefined, organizationId?: string) =>
  role(me) === 'operator_staff' ||
  role(me) === 'network_coordinator' ||
  (isCompanyStaff(me) && me?.activeMembership.organizationId === organizationId);
export const canPropose = (me: Me | null | undefined) => role(me) === 'operator_staff' && withOrg(me);
export const canManageVacancy = (me: Me | null | undefined, organizationId: string) =>
  isCompanyStaff(me) && me?.activeMembership.organizationId === organizationId;
const BOARD: readonly Role[] = ['network_coordinator', 'regional_officer', 'platform_admin'];
export const canSeePledgeBoard = (me: Me | null | undefined) =>
  Boolean(me && BOARD.includes(me.activeMembership.role));
