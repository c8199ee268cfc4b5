import { DomainError, notFound, type FieldError } from '../../platform/errors';

export const organizationNotFound = () => notFound('organizations', 'Organisation not found');
export const officeNotFound = () => notFound('offices', 'Office not found');

export const fiscalCodeTaken = () =>
  new DomainError(
    'organizations.fiscal_code_taken',
    409,
    'An organisation with this fiscal code is already registered',
    [
      {
        field: 'body.fiscalCode',
        code: 'fiscal_code_taken',
        message: 'An organisation with this fiscal code is already registered',
      },
    ],
  );

export const versionConflict = (current: number) =>
  new DomainError(
    'organizations.version_conflict',
    409,
    `Someone else changed this organisation in the meantime (current version ${current}): reload and retry`,
  );

export const organizationArchived = () =>
  new DomainError(
    'organizations.archived',
    409,
    'The organisation is archived: restore it before changing it',
  );

export const officeArchived = () =>
  new DomainError('offices.archived', 409, 'The office is closed: reopen it before changing it');

export const accreditationDuplicate = (field: string) =>
  new DomainError(
    'accreditations.duplicate',
    409,
    'This office already has an accreditation of this kind with this register number',
    [{ field, code: 'accreditation_duplicate', message: 'Already registered for this office' }],
  );

/** 422 with one entry per offending field (unknown municipality or ATECO code, duplicates in a request). */
export const invalidFields = (errors: FieldError[]) =>
  new DomainError('validation.failed', 422, 'Some fields are not valid', errors);
