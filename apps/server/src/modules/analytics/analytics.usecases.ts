import type { AnalyticsSectors, SkillsGap, SkillsGapQuery } from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import type { Database } from '../../platform/db';
import { forbidden } from '../../platform/errors';
import { canSeeLabourMarketAnalysis } from './analytics.policies';
import { refreshState, sectorRows, skillsGapRows, type SkillsGapRow } from './analytics.repository';
import { refreshSkillsGapSummary } from './analytics.refresh';

/** People counts below this are suppressed (null) so that nobody can be singled out. */
export const ANALYTICS_MIN_CELL = 5;

const round = (x: number) => Math.round(x * 1000) / 1000;

function measures(r: SkillsGapRow) {
  const suppressed = r.supply < ANALYTICS_MIN_CELL;
  return {
    supply: suppressed ? null : r.supply,
    supplySuppressed: suppressed,
    demand: r.demand,
    shortageIndex: round(Number(r.shortage)),
    shortageIsLowerBound: suppressed,
  };
}

const byShortage = (a: SkillsGapRow, b: SkillsGapRow) =>
  Number(b.shortage) - Number(a.shortage) ||
  b.demand - a.demand ||
  a.province_code.localeCompare(b.province_code) ||
  (a.group_key ?? '').localeCompare(b.group_key ?? '');

const cell = (r: SkillsGapRow) => ({
  provinceCode: r.province_code,
  provinceAbbreviation: r.abbreviation,
  provinceName: r.province_name,
  groupKey: r.group_key ?? '',
  groupLabel: r.group_label,
  ...measures(r),
});

const bySurplus = (a: SkillsGapRow, b: SkillsGapRow) =>
  Number(a.shortage) - Number(b.shortage) ||
  b.supply - a.supply ||
  a.province_code.localeCompare(b.province_code) ||
  (a.group_key ?? '').localeCompare(b.group_key ?? '');

/**
 * The skills gap, read from the pre-aggregated summary (or, for the tests' cross-check, computed live).
 * Aggregates only: supply counts people in charge who gave the statistics consent; counts below
 * ANALYTICS_MIN_CELL are suppressed.
 */
export async function skillsGap(
  database: Database,
  actor: Actor,
  q: SkillsGapQuery,
  source: 'summary' | 'live' = 'summary',
): Promise<SkillsGap> {
  if (!canSeeLabourMarketAnalysis(actor))
    throw forbidden('The labour-market analysis is for the network’s steering roles and operators');
  let state = await refreshState(database.db);
  if (!state?.refreshed_at) {
    // First use on this database: build the summary now (waiting if another instance is building it).
    await refreshSkillsGapSummary(database, { wait: true, due: (s) => !s?.refreshed_at });
    state = await refreshState(database.db);
  }
  const rows = await skillsGapRows(
    database.db,
    {
      groupBy: q.groupBy,
      iscoLevel: q.iscoLevel,
      region: q.region,
      province: q.province ?? null,
      sector: q.sector ?? null,
      limit: q.limit,
      minCell: ANALYTICS_MIN_CELL,
    },
    source,
  );
  const cells = rows.filter((r) => r.kind === 'cell').sort(byShortage);
  const surpluses = rows.filter((r) => r.kind === 'surplus').sort(bySurplus);
  const provinces = rows
    .filter((r) => r.kind === 'province')
    .sort((a, b) => a.abbreviation.localeCompare(b.abbreviation));
  const refreshedAt = state!.refreshed_at!;
  const changedAt = state!.changed_at;
  return {
    groupBy: q.groupBy,
    iscoLevel: q.iscoLevel,
    region: q.region,
    province: q.province ?? null,
    sector: q.sector ?? null,
    cells: cells.map(cell),
    surpluses: surpluses.map(cell),
    totalCells: cells[0]?.total_cells ?? 0,
    provinces: provinces.map((r) => ({
      provinceCode: r.province_code,
      provinceAbbreviation: r.abbreviation,
      provinceName: r.province_name,
      ...measures(r),
    })),
    suppressedBelow: ANALYTICS_MIN_CELL,
    refreshedAt: new Date(refreshedAt).toISOString(),
    pendingChanges: changedAt !== null && changedAt > refreshedAt,
  };
}

/** The sector filter's choices: ATECO 2025 sections, each with its divisions. */
export async function analyticsSectors(
  database: Database,
  actor: Actor,
  lang: 'it' | 'en',
): Promise<AnalyticsSectors> {
  if (!canSeeLabourMarketAnalysis(actor))
    throw forbidden('The labour-market analysis is for the network’s steering roles and operators');
  const rows = await sectorRows(database.db, lang);
  const items: AnalyticsSectors['items'] = [];
  for (const r of rows) {
    if (r.level === 1) items.push({ code: r.code, label: r.label, divisions: [] });
    else items.find((s) => s.code === r.parent)?.divisions.push({ code: r.code, label: r.label });
  }
  return { items };
}
