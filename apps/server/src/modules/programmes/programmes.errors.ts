import { DomainError, conflict, notFound } from '../../platform/errors';

export const programmeNotFound = () => notFound('programmes');
export const ruleSetNotFound = () => notFound('programmes.rule_set', 'Rule set version not found');
export const catalogueLineNotFound = () => notFound('programmes.catalogue_line', 'Catalogue line not found');
export const programmeCodeTaken = () =>
  conflict('programmes.code_taken', 'A programme with this code already exists');
export const catalogueCodeTaken = () =>
  conflict('programmes.catalogue_code_taken', 'This programme already has a catalogue line with this code');
export const programmeVersionConflict = () =>
  conflict('programmes.version_conflict', 'The programme changed since you read it; reload and try again');
export const bandNotDefined = (band: number) =>
  new DomainError('programmes.band_not_defined', 422, `Band ${band} is not defined in this programme`, [
    { field: 'body.rules.bandThresholds', code: 'band_not_defined', message: `Band ${band} is not defined` },
  ]);
