import { DomainError, conflict, invalid, notFound, notVisible } from '../../platform/errors';

export const pathwayNotFound = () => notFound('pathways');
/** The pathway exists but belongs to another organisation: same answer as not found, audited. */
export const pathwayNotVisible = () => notVisible('pathways');
export const invalidTransition = (detail: string) => conflict('pathways.invalid_transition', detail);
export const reasonRequired = () =>
  invalid('pathways.reason_required', 'This step needs a reason', [
    { field: 'body.reason', code: 'required', message: 'Write the reason' },
  ]);
export const alreadyOpen = () =>
  conflict('pathways.already_open', 'The person already has an open pathway in this programme');
export const consentMissing = () =>
  invalid(
    'pathways.consent_missing',
    'The person has not given (or has withdrawn) consent to case management',
  );
export const officeInvalid = () =>
  invalid('pathways.office_invalid', 'The office does not belong to your organisation', [
    { field: 'body.officeId', code: 'office_invalid', message: 'Choose an office of your organisation' },
  ]);
export const caseWorkerInvalid = () =>
  invalid('pathways.case_worker_invalid', 'The case worker is not an active operator of your organisation', [
    { field: 'body.caseWorkerUserId', code: 'case_worker_invalid', message: 'Choose a colleague' },
  ]);
export const programmeNotActive = () =>
  invalid('pathways.programme_not_active', 'The programme does not exist or is not active', [
    { field: 'body.programmeId', code: 'programme_not_active', message: 'Choose an active programme' },
  ]);
export const noRuleSet = () => conflict('pathways.no_rule_set', 'The programme has no profiling rule set');
export const overrideReasonRequired = () =>
  invalid(
    'pathways.override_reason_required',
    'The confirmed path or band differs from the proposal: write the reason',
    [{ field: 'body.overrideReason', code: 'required', message: 'Write the reason for the override' }],
  );
export const bandNotDefined = () =>
  invalid('pathways.band_not_defined', 'The programme does not define this intensity band', [
    { field: 'body.confirmedBand', code: 'band_not_defined', message: 'Choose a band of the programme' },
  ]);
export const questionnaireInvalid = (errors: { field: string; code: string }[]) =>
  invalid(
    'pathways.questionnaire_invalid',
    'Some answers of the questionnaire are missing or not valid',
    errors.map((e) => ({ field: `body.${e.field}`, code: e.code, message: e.code })),
  );
export const pathwayClosed = () => conflict('pathways.closed', 'The pathway is closed');
export const pactNotAllowed = () =>
  conflict(
    'pathways.pact_not_allowed',
    'A pact can be drawn up only after a confirmed assessment, while the pathway is open',
  );
export const pactNotFound = () => notFound('pathways.pact', 'Pact version not found');
export const pactOutdated = () =>
  conflict('pathways.pact_version_outdated', 'A newer version of the pact exists: sign that one');
export const pactAlreadySigned = () =>
  conflict('pathways.pact_already_signed', 'This version already has that signature');
export const noticeTooShort = (hours: number) =>
  invalid('pathways.notice_too_short', `The programme needs at least ${hours} hours of notice`, [
    {
      field: 'body.scheduledAt',
      code: 'notice_too_short',
      message: `At least ${hours} hours after the notice`,
    },
  ]);
export const appointmentNotFound = () => notFound('pathways.appointment', 'Appointment not found');
export const appointmentNotHeldYet = () =>
  invalid('pathways.appointment_not_held_yet', 'The outcome can be recorded only after the appointment time');
export const appointmentOutcomeRecorded = () =>
  conflict('pathways.appointment_outcome_recorded', 'The outcome of this appointment is already recorded');
export const durationRequired = () =>
  invalid('pathways.duration_required', 'Give the expected duration of a fixed-term contract', [
    { field: 'body.expectedDurationDays', code: 'required', message: 'Expected duration in days' },
  ]);
export const employerNotFound = () =>
  invalid('pathways.employer_not_found', 'The employer organisation does not exist', [
    { field: 'body.employerOrganizationId', code: 'not_found', message: 'Unknown organisation' },
  ]);
export const placementNotFound = () => notFound('pathways.placement', 'No placement recorded');
export const notAnOperator = () =>
  new DomainError('auth.forbidden', 403, 'Only operator staff of an organisation manage pathways');
