import { sql } from 'drizzle-orm';

/**
 * A literal SQL list of code-list values for CHECK constraints, e.g. `status in (${inList(STATUSES)})`.
 * Only for constants from packages/contracts, never for user input.
 */
export const inList = (values: readonly string[]) =>
  sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '));
