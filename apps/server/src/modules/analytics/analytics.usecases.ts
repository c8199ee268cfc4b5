import type { SkillsGap, SkillsGapQuery } from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db';
import { forbidden } from '../../platform/errors';
import { canSeeLabourMarketAnalysis } from './analytics.policies';
import { skillsGapRows, type SkillsGapRow } from './analytics.repository';

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

export async function skillsGap(db: DbOrTx, actor: Actor, q: SkillsGapQuery): Promise<SkillsGap> {
  if (!canSeeLabourMarketAnalysis(actor))
    throw forbidden('The labour-market analysis is for the network’s steering roles and operators');
  const rows = await skillsGapRows(db, {
    groupBy: q.groupBy,
    iscoLevel: q.iscoLevel,
    region: q.region,
    province: q.province ?? null,
    limit: q.limit,
    minCell: ANALYTICS_MIN_CELL,
  });
  const cells = rows.filter((r) => r.kind === 'cell').sort(byShortage);
  const provinces = rows
    .filter((r) => r.kind === 'province')
    .sort((a, b) => a.abbreviation.localeCompare(b.abbreviation));
  return {
    groupBy: q.groupBy,
    iscoLevel: q.iscoLevel,
    region: q.region,
    province: q.province ?? null,
    cells: cells.map((r) => ({
      provinceCode: r.province_code,
      provinceAbbreviation: r.abbreviation,
      provinceName: r.province_name,
      groupKey: r.group_key ?? '',
      groupLabel: r.group_label,
      ...measures(r),
    })),
    totalCells: cells[0]?.total_cells ?? 0,
    provinces: provinces.map((r) => ({
      provinceCode: r.province_code,
      provinceAbbreviation: r.abbreviation,
      provinceName: r.province_name,
      ...measures(r),
    })),
    suppressedBelow: ANALYTICS_MIN_CELL,
  };
}
