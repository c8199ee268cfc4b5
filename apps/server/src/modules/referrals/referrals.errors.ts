import { DomainError, conflict, invalid, notFound, notVisible } from '../../platform/errors';

export const referralNotFound = () => notFound('referrals');
export const referralNotVisible = () => notVisible('referrals');
export const invalidTransition = (detail: string) => conflict('referrals.invalid_transition', detail);
export const consentMissing = () =>
  invalid(
    'referrals.consent_missing',
    'The person has not consented to sharing with network partners: the referral is not possible',
  );
export const reasonRequired = () =>
  invalid('referrals.reason_required', 'Write the reason', [
    { field: 'body.reason', code: 'required', message: 'Write the reason' },
  ]);
export const sameOrganization = () =>
  invalid('referrals.same_organization', 'A referral goes to another organisation', [
    { field: 'body.toOrganizationId', code: 'same_organization', message: 'Choose another organisation' },
  ]);
export const organizationInvalid = () =>
  invalid('referrals.organization_invalid', 'The receiving organisation does not exist or is archived', [
    { field: 'body.toOrganizationId', code: 'not_found', message: 'Choose an active organisation' },
  ]);
export const pathwayInvalid = () =>
  invalid('referrals.pathway_invalid', 'The pathway is not one of yours for this person', [
    { field: 'body.pathwayId', code: 'pathway_invalid', message: 'Choose a pathway of this person' },
  ]);
export const alreadyOpen = () =>
  conflict('referrals.already_open', 'This person already has an open referral to that organisation');
export const wrongSide = (side: 'sender' | 'receiver') =>
  new DomainError(
    'auth.forbidden',
    403,
    side === 'receiver'
      ? 'Only the receiving organisation can do this'
      : 'Only the referring organisation can do this',
  );
export const notAReferrer = () =>
  new DomainError('auth.forbidden', 403, 'Only operator staff of an organisation refer people');
