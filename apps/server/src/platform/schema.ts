/** Every module's tables, for drizzle-kit and for the typed database handle. */
export * from '../modules/reference/reference.table';
export * from '../modules/organizations/organizations.table';
export * from '../modules/identity/identity.table';
export * from '../modules/audit/audit.table';
export * from '../modules/people/people.table';
export * from '../modules/programmes/programmes.table';
export * from '../modules/pathways/pathways.table';
export * from '../modules/vouchers/vouchers.table';
export * from '../modules/referrals/referrals.table';
export * from '../modules/companies/companies.table';
export * from '../modules/vacancies/vacancies.table';
export * from '../modules/candidatures/candidatures.table';
export * from '../modules/crises/crises.table';
export * from '../modules/analytics/analytics.table';
