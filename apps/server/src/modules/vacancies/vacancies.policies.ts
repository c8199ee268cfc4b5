import type { Actor } from '../../platform/actor';
import type { Role } from '@trama/contracts';

/** Roles that read the network's published vacancies (open, filled, closed; never drafts). */
export const VACANCY_READER_ROLES: readonly Role[] = [
  'operator_staff',
  'network_coordinator',
  'regional_officer',
  'platform_admin',
];

/** A company's own staff manage its vacancies (all statuses). Deny by default. */
export const canManageVacancies = (actor: Actor, organizationId: string) =>
  actor.role === 'company_staff' && actor.organizationId === organizationId;

export function canReadVacancy(actor: Actor, v: { organizationId: string; status: string }) {
  if (canManageVacancies(actor, v.organizationId)) return true;
  return VACANCY_READER_ROLES.includes(actor.role) && v.status !== 'draft';
}

/** Whether the actor may list vacancies at all (their own company's, or the network's published ones). */
export const canListVacancies = (actor: Actor) =>
  (actor.role === 'company_staff' && actor.organizationId !== null) ||
  VACANCY_READER_ROLES.includes(actor.role);

/** Who may rank people for a vacancy: operators and coordinators (network), and the company itself. */
export const canMatchForVacancy = (actor: Actor, v: { organizationId: string; status: string }) =>
  (canManageVacancies(actor, v.organizationId) ||
    actor.role === 'operator_staff' ||
    actor.role === 'network_coordinator') &&
  canReadVacancy(actor, v);

/** Allowed status changes (the same vacancy may be re-opened from filled/closed by its company). */
const STATUS_MOVES: Record<string, readonly string[]> = {
  draft: ['open', 'closed'],
  open: ['filled', 'closed'],
  filled: ['open', 'closed'],
  closed: ['open'],
};
export const canMoveStatus = (from: string, to: string) =>
  from === to || (STATUS_MOVES[from] ?? []).includes(to);
