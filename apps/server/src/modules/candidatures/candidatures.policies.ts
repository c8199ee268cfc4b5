import type { CandidatureSide, PersonSection } from '@trama/contracts';
import type { Actor } from '../../platform/actor';

/**
 * What a candidature shows of the person (names and contacts): the proposing organisation must hold
 * these sections of the record, when it proposes and whenever it reads the candidature later (a referral
 * that shares less, or an access that ended, hides the candidature from the proposer).
 */
export const PROPOSER_SECTIONS: readonly PersonSection[] = ['identity', 'contacts'];

export const accessShowsCandidature = (
  access: { kind: 'self' | 'full' } | { kind: 'sections'; sections: readonly PersonSection[] } | null,
) =>
  access !== null &&
  (access.kind !== 'sections' || PROPOSER_SECTIONS.every((s) => access.sections.includes(s)));

/** Case workers propose people (of their organisation's caseload) for vacancies. */
export const canPropose = (actor: Actor) => actor.role === 'operator_staff' && actor.organizationId !== null;

/** Citizens apply for themselves. */
export const canApply = (actor: Actor) => actor.role === 'citizen';

/** Who may list candidatures at all. */
export const canListCandidatures = (actor: Actor) =>
  canApply(actor) ||
  (actor.organizationId !== null && ['company_staff', 'operator_staff'].includes(actor.role));

/**
 * The actor's side of a candidature, or null (deny by default). `isSelf` says whether the candidate is
 * the citizen acting (resolved by the people module).
 */
export function candidatureSide(
  actor: Actor,
  c: { companyOrganizationId: string; proposingOrganizationId: string | null },
  isSelf: boolean,
): CandidatureSide | null {
  if (actor.role === 'citizen') return isSelf ? 'candidate' : null;
  if (!actor.organizationId) return null;
  if (actor.role === 'company_staff' && actor.organizationId === c.companyOrganizationId) return 'company';
  if (actor.role === 'operator_staff' && actor.organizationId === c.proposingOrganizationId)
    return 'proposer';
  return null;
}
