import { DomainError } from '../../platform/errors';

export const invalidCredentials = () =>
  new DomainError('auth.invalid_credentials', 401, 'E-mail or password is not correct');
export const accountLocked = (until: Date) =>
  new DomainError(
    'auth.account_locked',
    423,
    `Too many failed attempts: the account is locked until ${until.toISOString()}. Try again later or ask an administrator.`,
  );
export const accountDisabled = () =>
  new DomainError('auth.account_disabled', 403, 'This account is disabled');
export const noMembership = () =>
  new DomainError('auth.no_membership', 403, 'This account has no active role in any organisation');
export const wrongCurrentPassword = () =>
  new DomainError('auth.wrong_current_password', 422, 'The current password is not correct', [
    {
      field: 'body.currentPassword',
      code: 'wrong_current_password',
      message: 'The current password is not correct',
    },
  ]);
export const invitationInvalid = () =>
  new DomainError('auth.invitation_invalid', 410, 'This invitation is not valid any more (used or expired)');
