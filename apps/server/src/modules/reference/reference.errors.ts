import { DomainError } from '../../platform/errors';

export const placeNotFound = (code: string) =>
  new DomainError('reference.place_not_found', 404, `No municipality, province or region has code ${code}`);
export const occupationNotFound = (id: number) =>
  new DomainError('reference.occupation_not_found', 404, `No ESCO occupation has id ${id}`);
