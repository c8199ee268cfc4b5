import { conflict, forbidden, invalid, notFound } from '../../platform/errors';

export const companyNotFound = () => notFound('companies');
export const notACompany = () =>
  invalid('companies.not_a_company', 'The organisation is not a company', [
    { field: 'params.id', code: 'not_a_company', message: 'Choose an organisation of type company' },
  ]);
export const cannotEditCompany = () => forbidden("Only the company's staff can edit its profile");
export const staleCompany = () =>
  conflict('companies.version_conflict', 'Someone else changed this profile: reload and try again');
export const atecoInvalid = (field: string) =>
  invalid('companies.ateco_invalid', 'Unknown ATECO code', [
    { field, code: 'not_found', message: 'Choose a code from the ATECO classification' },
  ]);
export const stalePledge = () =>
  conflict('companies.pledge_version_conflict', 'Someone else changed this pledge: reload it and try again');
export const pledgeWithdrawn = () =>
  conflict('companies.pledge_withdrawn', 'The pledge was withdrawn: it can no longer change');
export const pledgeEnded = () =>
  conflict('companies.pledge_ended', 'The period of the pledge is over: it can no longer change');
