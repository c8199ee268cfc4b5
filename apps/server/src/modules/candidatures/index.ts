/** The candidatures module's public surface: the only file other modules import. */
export { candidatureRoutes } from './candidatures.routes';
export { candidatures } from './candidatures.table';
