import { DomainError, notVisible, type FieldError } from '../../platform/errors';

export const personNotVisible = () => notVisible('people');
export const personNotFound = () => new DomainError('people.not_found', 404, 'people not found');

export const fiscalCodeTaken = () =>
  new DomainError('people.fiscal_code_taken', 409, 'A person with this fiscal code is already registered', [
    { field: 'body.fiscalCode', code: 'fiscal_code_taken', message: 'Fiscal code already registered' },
  ]);

export const fiscalCodeMismatch = (errors: FieldError[]) =>
  new DomainError(
    'people.fiscal_code_mismatch',
    422,
    'Birth date or sex do not match the fiscal code',
    errors,
  );

export const referenceNotFound = (errors: FieldError[]) =>
  new DomainError('people.reference_not_found', 422, 'Some codes do not exist', errors);

export const versionConflict = () =>
  new DomainError(
    'people.version_conflict',
    409,
    'The record was changed by someone else; reload it and apply your changes again',
  );

export const importNotFound = () => new DomainError('people.import_not_found', 404, 'Import not found');
export const importUnsupportedFormat = () =>
  new DomainError(
    'people.import_unsupported_format',
    415,
    'Send a CSV (text/csv) or an XLSX workbook, or say which with ?format=csv|xlsx',
  );
export const importInvalidFile = (detail: string, errors?: FieldError[]) =>
  new DomainError('people.import_invalid_file', 422, detail, errors);
