// The companies module's public surface.
export { companyRoutes } from './companies.routes';
export { isActiveCompany } from './companies.usecases';
export { companyProfiles, companySites } from './companies.table';
