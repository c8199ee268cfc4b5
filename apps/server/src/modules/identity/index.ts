export { identityRoutes } from './identity.routes';
export { ensureBootstrapAdmin, startSession } from './identity.usecases';
export { hashPassword } from './passwords';
export * as identityRepository from './identity.repository';
