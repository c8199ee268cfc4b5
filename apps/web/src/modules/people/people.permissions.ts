import type { Me, Role } from '@trama/contracts';

/**
 * Mirrors the server's policies only to decide which links and buttons to show; the server decides.
 */
const PEOPLE_WRITERS: readonly Role[] = ['operator_staff', 'network_coordinator'];
const PEOPLE_READERS: readonly Role[] = [
  'operator_staff',
  'network_coordinator',
  'company_staff',
  'sme_staff',
  'manager',
];

const role = (me: Me | null | undefined) => me?.activeMembership.role;

export const canWritePeople = (me: Me | null | undefined) =>
  Boolean(me && PEOPLE_WRITERS.includes(me.activeMembership.role) && me.activeMembership.organizationId);
export const canBrowsePeople = (me: Me | null | undefined) =>
  Boolean(me && PEOPLE_READERS.includes(me.activeMembership.role) && me.activeMembership.organizationId);
/** Case workers: pathways, vouchers, caseload, referrals. */
export const isCaseWorker = (me: Me | null | undefined) =>
  role(me) === 'operator_staff' && Boolean(me?.activeMembership.organizationId);
export const isCitizen = (me: Me | null | undefined) => role(me) === 'citizen';
