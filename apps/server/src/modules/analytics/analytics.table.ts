import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ms = { withTimezone: true } as const;

/**
 * The skills-gap summary (a read model, rebuilt as a whole by `refreshSkillsGapSummary`): anonymous counts,
 * never a person id. One row per (dimension, sector, province, group):
 * - dimension 'isco': group_key = the full ISCO-08 code of the ESCO occupation (rolled up to the requested
 *   level when read); 'skill': group_key = the ESCO skill id; 'total': group_key = '' (per-province totals).
 * - sector '' = every sector; otherwise an ATECO 2025 division (2 digits): the division of the person's most
 *   recent work-history entry with an ATECO code, and of the vacancy's company (company profile).
 * supply = people in charge with the statistics consent; demand = openings of open vacancies.
 */
export const analyticsGapCells = pgTable(
  'analytics_gap_cells',
  {
    dimension: text('dimension', { enum: ['isco', 'skill', 'total'] }).notNull(),
    sector: text('sector').notNull(),
    provinceCode: text('province_code').notNull(),
    groupKey: text('group_key').notNull(),
    supply: integer('supply').notNull(),
    demand: integer('demand').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dimension, t.sector, t.provinceCode, t.groupKey] }),
    check('analytics_gap_cells_dimension_ck', sql`${t.dimension} in ('isco', 'skill', 'total')`),
    check('analytics_gap_cells_counts_ck', sql`${t.supply} >= 0 and ${t.demand} >= 0`),
  ],
);

/**
 * One row per summary ('skills_gap'): when it was last rebuilt (the snapshot time of the refresh
 * transaction) and when an app instance last saw a write that matters. Shared by every instance.
 */
export const analyticsRefreshState = pgTable('analytics_refresh_state', {
  name: text('name').primaryKey(),
  refreshedAt: timestamp('refreshed_at', ms),
  refreshMs: integer('refresh_ms'),
  changedAt: timestamp('changed_at', ms),
});
