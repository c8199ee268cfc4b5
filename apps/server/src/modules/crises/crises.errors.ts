import { DomainError, conflict, invalid, notFound, notVisible } from '../../platform/errors';

export const crisisNotFound = () => notFound('crises', 'Crisis not found');
/** The crisis may exist but belongs to an organisation the actor cannot see: 404, audited. */
export const crisisNotVisible = () => notVisible('crises');
export const cannotCreate = () =>
  new DomainError(
    'crises.forbidden',
    403,
    'Company crises are managed by job centres, operators and network coordinators',
  );
export const cannotManage = () =>
  new DomainError('crises.forbidden', 403, 'Only the coordinating organisation manages this crisis');
export const notACompany = () =>
  invalid('crises.company_invalid', 'The company must be an active organisation of type company', [
    { field: 'body.companyId', code: 'not_a_company', message: 'Choose a company' },
  ]);
export const programmeUnknown = () =>
  invalid('crises.programme_invalid', 'The programme does not exist', [
    { field: 'body.programmeId', code: 'not_found', message: 'Choose a programme' },
  ]);
export const municipalityUnknown = () =>
  invalid('crises.municipality_invalid', 'The site is not a known municipality', [
    { field: 'body.siteMunicipalityCode', code: 'not_found', message: 'Choose a municipality' },
  ]);
export const datesInvalid = (field: string) =>
  invalid('crises.dates_invalid', 'A date is before the announcement of the crisis', [
    { field: `body.${field}`, code: 'before_announcement', message: 'Not before the announcement' },
  ]);
export const agreementDateRequired = () =>
  invalid('crises.agreement_date_required', 'A signed agreement needs its date', [
    { field: 'body.agreementOn', code: 'agreement_date_required', message: 'Enter the agreement date' },
  ]);
export const staleCrisis = () =>
  conflict('crises.stale', 'The crisis was changed by someone else: reload it and try again');
export const crisisClosed = () => conflict('crises.closed', 'The crisis is closed: reopen it to change it');
export const personNotVisible = () =>
  invalid('crises.person_not_visible', 'You cannot see this person: add people your organisation follows', [
    { field: 'body.personId', code: 'not_visible', message: 'Choose a person you follow' },
  ]);
export const personWithoutPathway = () =>
  invalid('crises.person_without_pathway', 'The person has no pathway: take them in charge first', [
    { field: 'body.personId', code: 'no_pathway', message: 'Take the person in charge first' },
  ]);
export const alreadyMember = () => conflict('crises.already_member', 'The person is already in the cohort');
export const notMember = () => notFound('crises.member', 'The person is not in the cohort');
export const actionNotFound = () => notFound('crises.action', 'Group action not found');
export const sessionNotFound = () => notFound('crises.session', 'Session not found');
export const providerInvalid = () =>
  invalid('crises.provider_invalid', 'The provider must be an active organisation', [
    { field: 'body.providerOrganizationId', code: 'not_found', message: 'Choose an organisation' },
  ]);
export const sessionOutsideAction = (from: string, to: string) =>
  invalid('crises.session_outside_action', `The session must be held between ${from} and ${to}`, [
    { field: 'body.heldOn', code: 'outside_action', message: `Between ${from} and ${to}` },
  ]);
export const attendanceNotMembers = (ids: string[]) =>
  invalid(
    'crises.attendance_not_member',
    'Attendance can be recorded only for members of the cohort',
    ids.map((id) => ({ field: 'body.entries', code: 'not_member', message: id })),
  );
