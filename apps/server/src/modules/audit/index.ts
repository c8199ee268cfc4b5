export { audit, type AuditEvent } from './audit.usecases';
export { auditRoutes } from './audit.routes';
