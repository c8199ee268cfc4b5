/** Every module's tables, for drizzle-kit and for the typed database handle. */
export * from '../modules/reference/reference.table';
export * from '../modules/organizations/organizations.table';
export * from '../modules/identity/identity.table';
export * from '../modules/audit/audit.table';
