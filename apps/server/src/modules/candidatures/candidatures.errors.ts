import { DomainError, conflict, invalid, notFound, notVisible } from '../../platform/errors';

export const candidatureNotFound = () => notFound('candidatures');
export const candidatureNotVisible = () => notVisible('candidatures');
export const invalidTransition = (detail: string) => conflict('candidatures.invalid_transition', detail);
export const alreadyActive = () =>
  conflict('candidatures.already_active', 'This person already has a running candidature to this vacancy');
export const vacancyNotOpen = () =>
  conflict('candidatures.vacancy_not_open', 'The vacancy is not open to candidatures');
export const consentMissing = () =>
  invalid(
    'candidatures.consent_missing',
    'The person has not consented to being matched with companies: the proposal is not possible',
  );
export const notACandidateRole = () =>
  new DomainError(
    'auth.forbidden',
    403,
    'Only case workers propose people and only citizens apply for themselves',
  );
export const wrongSide = () =>
  new DomainError('auth.forbidden', 403, 'Your side of the candidature cannot make this change');
export const notAReader = () =>
  new DomainError('auth.forbidden', 403, 'Only companies, case workers and citizens see candidatures');
export const durationRequired = () =>
  invalid('candidatures.duration_required', 'A fixed-term contract needs its duration', [
    { field: 'body.placement.durationMonths', code: 'required', message: 'Give the duration in months' },
  ]);
export const personPartlyVisible = () =>
  new DomainError(
    'candidatures.person_partly_visible',
    403,
    "Your organisation does not see this person's identity and contacts: it cannot propose them",
  );
