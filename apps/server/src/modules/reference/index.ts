// The reference module's public surface: routes, the start-up loader, and read helpers for other modules.
export { referenceRoutes } from './reference.routes';
export { loadReferenceData } from './reference.loader';
export { VERSIONS as REFERENCE_VERSIONS } from './reference.sources';
export { refIscoGroups, refMunicipalities, refOccupations, refProvinces, refSkills } from './reference.table';
