import { sql, type SQL } from 'drizzle-orm';
import { PATHWAY_TERMINAL_STATES } from '@trama/contracts';
import type { DbOrTx } from '../../platform/db';
import { inList } from '../../platform/sql';
// The analytics module is a read model: like kpi, it may read other modules' tables (aggregates only).
import { consentGivenCondition } from '../people';
import { people, personSkills, personWorkHistory } from '../people/people.table';
import { pathways } from '../pathways/pathways.table';
import { vacancies, vacancySkills } from '../vacancies/vacancies.table';
import { companyProfiles } from '../companies/companies.table';
import {
  refAteco,
  refIscoGroups,
  refMunicipalities,
  refOccupations,
  refProvinces,
  refSkills,
} from '../reference/reference.table';
import { analyticsGapCells, analyticsRefreshState } from './analytics.table';

export type SkillsGapRow = {
  kind: 'cell' | 'surplus' | 'province';
  province_code: string;
  abbreviation: string;
  province_name: string;
  group_key: string | null;
  group_label: string | null;
  supply: number;
  demand: number;
  shortage: number;
  total_cells: number;
};

export type SkillsGapParams = {
  groupBy: 'isco' | 'skill';
  iscoLevel: number;
  region: string;
  province: string | null;
  /** An ATECO 2025 section (one letter) or division (two digits); null = every sector. */
  sector: string | null;
  limit: number;
  minCell: number;
};

/** The summary this module maintains (one row in analytics_refresh_state). */
export const SKILLS_GAP_SUMMARY = 'skills_gap';

/** The ATECO 2025 divisions of the sector filter: the division itself, or the divisions of a section. */
const sectorDivisions = (sector: string) =>
  sql`select ${refAteco.code} from ${refAteco}
    where ${refAteco.version} = '2025' and ${refAteco.level} = 2
      and (${refAteco.code} = ${sector} or ${refAteco.parentCode} = ${sector})`;

/** A person's sector: the ATECO division of their most recent work-history entry that has an ATECO code. */
const personDivision = (personId: SQL) =>
  sql`(select left(w.ateco_code, 2) from ${personWorkHistory} w
    where w.person_id = ${personId} and w.ateco_code ~ '^[0-9]{2}'
    order by w.from_date desc, w.id desc limit 1)`;

/** A vacancy's sector: the ATECO 2025 division of its company (company profile); none without a profile. */
const companyDivision = sql`left(cp.ateco2025_code, 2)`;

const notTerminal = (personId: SQL) =>
  sql`exists (select 1 from ${pathways} pw
    where pw.person_id = ${personId} and pw.state not in (${inList(PATHWAY_TERMINAL_STATES)}))`;

/**
 * REFERENCE (live) computation, straight from the operational tables: kept as the definition the summary is
 * tested against (analytics.test.ts) and cross-checked in bench/skills-gap.bench.ts. Too slow to serve at
 * regional scale (about 6 s at 1M people on PostgreSQL). Produces the CTEs `cells (province_code, g, supply,
 * demand)` and `province_totals (province_code, supply, demand)` for `skillsGapQuery`.
 */
function liveSources(p: SkillsGapParams): SQL {
  const level = sql`${p.iscoLevel}::int`;
  const supplyCells =
    p.groupBy === 'isco'
      ? sql`select sp.province_code, left(o.isco_group, ${level}) as g, count(*)::int as n
          from supply_people sp
          cross join lateral (
            select w.occupation_id from ${personWorkHistory} w
            where w.person_id = sp.id and w.occupation_id is not null
            order by w.from_date desc, w.id desc limit 1
          ) lw
          join ${refOccupations} o on o.id = lw.occupation_id
          where o.isco_group is not null
          group by 1, 2`
      : sql`select sp.province_code, ps.skill_id::text as g, count(*)::int as n
          from supply_people sp join ${personSkills} ps on ps.person_id = sp.id
          group by 1, 2`;
  const demandCells =
    p.groupBy === 'isco'
      ? sql`select ov.province_code, left(o.isco_group, ${level}) as g, sum(ov.openings)::int as n
          from open_vacancies ov join ${refOccupations} o on o.id = ov.occupation_id
          where o.isco_group is not null
          group by 1, 2`
      : sql`select ov.province_code, vs.skill_id::text as g, sum(ov.openings)::int as n
          from open_vacancies ov
          join ${vacancySkills} vs on vs.vacancy_id = ov.id and vs.relation = 'essential'
          group by 1, 2`;
  const inSector = (division: SQL) =>
    p.sector === null ? sql`true` : sql`${division} in (select code from sector_divisions)`;

  return sql`sector_divisions as materialized (${sectorDivisions(p.sector ?? '')}),
    supply_people as materialized (
      select ${people.id} as id, m.province_code
      from ${people}
      join ${refMunicipalities} m on m.code = ${people.residenceMunicipalityCode}
      where m.region_code = ${p.region}
        and ${notTerminal(sql`${people.id}`)}
        and ${consentGivenCondition('statistics', people.id)}
        and ${inSector(personDivision(sql`${people.id}`))}
    ),
    open_vacancies as materialized (
      select v.id, v.openings, v.occupation_id, m.province_code
      from ${vacancies} v
      join ${refMunicipalities} m on m.code = v.municipality_code
      left join ${companyProfiles} cp on cp.organization_id = v.organization_id
      where v.status = 'open' and m.region_code = ${p.region} and ${inSector(companyDivision)}
    ),
    supply_cells as (${supplyCells}),
    demand_cells as (${demandCells}),
    cells as (
      select coalesce(s.province_code, d.province_code) as province_code, coalesce(s.g, d.g) as g,
        coalesce(s.n, 0) as supply, coalesce(d.n, 0) as demand
      from supply_cells s full join demand_cells d on d.province_code = s.province_code and d.g = s.g
    ),
    province_totals as (
      select coalesce(s.province_code, d.province_code) as province_code,
        coalesce(s.n, 0) as supply, coalesce(d.n, 0) as demand
      from (select province_code, count(*)::int as n from supply_people group by 1) s
      full join (select province_code, sum(openings)::int as n from open_vacancies group by 1) d
        on d.province_code = s.province_code
    )`;
}

/**
 * What the endpoint serves: the same CTEs read from the summary table (one sector's rows of one dimension),
 * ISCO groups rolled up to the requested level.
 */
function summarySources(p: SkillsGapParams): SQL {
  const c = analyticsGapCells;
  const sector = sql`${c.sector} = ${p.sector ?? ''}`;
  const inRegion = sql`${c.provinceCode} in (select code from region_provinces)`;
  const group = p.groupBy === 'isco' ? sql`left(${c.groupKey}, ${p.iscoLevel}::int)` : sql`${c.groupKey}`;
  // One summary row per (province, skill): no aggregation needed.
  const cells =
    p.groupBy === 'skill'
      ? sql`select ${c.provinceCode} as province_code, ${c.groupKey} as g, ${c.supply} as supply,
            ${c.demand} as demand
          from ${c} where ${c.dimension} = 'skill' and ${sector} and ${inRegion}`
      : sql`select ${c.provinceCode} as province_code, ${group} as g, sum(${c.supply})::int as supply,
            sum(${c.demand})::int as demand
          from ${c} where ${c.dimension} = ${p.groupBy} and ${sector} and ${inRegion}
          group by 1, 2`;
  return sql`cells as (${cells}),
    province_totals as (
      select ${c.provinceCode} as province_code, sum(${c.supply})::int as supply, sum(${c.demand})::int as demand
      from ${c} where ${c.dimension} = 'total' and ${sector} and ${inRegion}
      group by 1
    )`;
}

/**
 * The analysis in ONE query, from either source: cells sorted by the published shortage index (suppressed
 * supply counted as minCell - 1, so the order reveals nothing the numbers don't), limited; the surpluses
 * (lowest index among the cells whose supply is published, kind = 'surplus'); and per-province totals for
 * every province of the region (kind = 'province'). The caller sorts (union all keeps no order).
 */
export function skillsGapQuery(p: SkillsGapParams, source: 'summary' | 'live' = 'summary'): SQL {
  const hidden = sql`${p.minCell}::int`;
  const published = (supply: SQL) =>
    sql`(case when ${supply} < ${hidden} then ${hidden} - 1 else ${supply} end)`;
  const groupLabel =
    p.groupBy === 'isco'
      ? sql`(select coalesce(ig.label_it, ig.label_en) from ${refIscoGroups} ig where ig.code = c.g)`
      : sql`(select coalesce(s.label_it, s.label_en) from ${refSkills} s where s.id = c.g::int)`;

  return sql`with region_provinces as materialized (
      select code, abbreviation, name from ${refProvinces} where region_code = ${p.region}
    ),
    ${source === 'live' ? liveSources(p) : summarySources(p)},
    filtered as (
      select c.province_code, c.g, c.supply, c.demand,
        c.demand::float8 / (${published(sql`c.supply`)} + 1) as shortage
      from cells c
      where ${p.province === null ? sql`true` : sql`c.province_code in (select code from region_provinces where abbreviation = ${p.province})`}
    ),
    ranked as (
      select f.*, count(*) over ()::int as total_cells from filtered f
      order by f.shortage desc, f.demand desc, f.province_code, f.g
      limit ${p.limit}
    ),
    surplus as (
      select f.*, 0 as total_cells from filtered f where f.supply >= ${hidden}
      order by f.shortage, f.supply desc, f.province_code, f.g
      limit ${p.limit}
    )
    select * from (
      select 'cell' as kind, c.province_code, rp.abbreviation, rp.name as province_name, c.g as group_key,
        ${groupLabel} as group_label, c.supply, c.demand, c.shortage, c.total_cells
      from ranked c join region_provinces rp on rp.code = c.province_code
    ) cells_out
    union all
    select * from (
      select 'surplus' as kind, c.province_code, rp.abbreviation, rp.name as province_name, c.g as group_key,
        ${groupLabel} as group_label, c.supply, c.demand, c.shortage, c.total_cells
      from surplus c join region_provinces rp on rp.code = c.province_code
    ) surplus_out
    union all
    select 'province', rp.code, rp.abbreviation, rp.name, null, null,
      coalesce(pt.supply, 0), coalesce(pt.demand, 0),
      coalesce(pt.demand, 0)::float8 / (${published(sql`coalesce(pt.supply, 0)`)} + 1), 0
    from region_provinces rp
    left join province_totals pt on pt.province_code = rp.code`;
}

export async function skillsGapRows(
  db: DbOrTx,
  p: SkillsGapParams,
  source: 'summary' | 'live' = 'summary',
): Promise<SkillsGapRow[]> {
  const result = (await db.execute(skillsGapQuery(p, source))) as unknown as { rows: SkillsGapRow[] };
  return result.rows;
}

/**
 * The whole summary in ONE set-based statement (the caller deletes the old rows first, in the same
 * transaction): the same definitions as `liveSources`, for every region and dimension, and for every sector
 * (''), each ATECO 2025 division and each section (grouping sets). Rows with neither supply nor demand do
 * not exist. Divisions that are not in the ATECO 2025 structure belong to no sector, as in `liveSources`.
 */
export const refreshSummarySql = sql`insert into ${analyticsGapCells}
    (dimension, sector, province_code, group_key, supply, demand)
  with divisions as materialized (
    select ${refAteco.code} as division, ${refAteco.parentCode} as section from ${refAteco}
    where ${refAteco.version} = '2025' and ${refAteco.level} = 2
  ),
  supply_people as materialized (
    select sp.id, sp.province_code, d.division, d.section
    from (
      select ${people.id} as id, m.province_code, ${personDivision(sql`${people.id}`)} as division
      from ${people}
      join ${refMunicipalities} m on m.code = ${people.residenceMunicipalityCode}
      where ${notTerminal(sql`${people.id}`)} and ${consentGivenCondition('statistics', people.id)}
    ) sp
    left join divisions d on d.division = sp.division
  ),
  open_vacancies as materialized (
    select v.id, v.openings, v.occupation_id, m.province_code, d.division, d.section
    from ${vacancies} v
    join ${refMunicipalities} m on m.code = v.municipality_code
    left join ${companyProfiles} cp on cp.organization_id = v.organization_id
    left join divisions d on d.division = ${companyDivision}
    where v.status = 'open'
  ),
  facts (dimension, province_code, division, section, g, supply, demand) as (
    select 'isco', sp.province_code, sp.division, sp.section, o.isco_group, 1, 0
    from supply_people sp
    cross join lateral (
      select w.occupation_id from ${personWorkHistory} w
      where w.person_id = sp.id and w.occupation_id is not null
      order by w.from_date desc, w.id desc limit 1
    ) lw
    join ${refOccupations} o on o.id = lw.occupation_id
    where o.isco_group is not null
    union all
    select 'skill', sp.province_code, sp.division, sp.section, ps.skill_id::text, 1, 0
    from supply_people sp join ${personSkills} ps on ps.person_id = sp.id
    union all
    select 'total', sp.province_code, sp.division, sp.section, '', 1, 0 from supply_people sp
    union all
    select 'isco', ov.province_code, ov.division, ov.section, o.isco_group, 0, ov.openings
    from open_vacancies ov join ${refOccupations} o on o.id = ov.occupation_id
    where o.isco_group is not null
    union all
    select 'skill', ov.province_code, ov.division, ov.section, vs.skill_id::text, 0, ov.openings
    from open_vacancies ov join ${vacancySkills} vs on vs.vacancy_id = ov.id and vs.relation = 'essential'
    union all
    select 'total', ov.province_code, ov.division, ov.section, '', 0, ov.openings from open_vacancies ov
  )
  select dimension,
    case when grouping(division) = 0 then division when grouping(section) = 0 then section else '' end,
    province_code, g, sum(supply)::int, sum(demand)::int
  from facts
  group by grouping sets (
    (dimension, province_code, g), (dimension, province_code, division, g), (dimension, province_code, section, g)
  )
  having (grouping(division) = 1 and grouping(section) = 1)
    or (grouping(division) = 0 and division is not null)
    or (grouping(section) = 0 and section is not null)`;

/** Times in epoch milliseconds (engine-neutral). */
export type RefreshState = {
  refreshed_at: number | null;
  refresh_ms: number | null;
  changed_at: number | null;
  now: number;
};

const epochMs = (col: SQL) => sql`(extract(epoch from ${col}) * 1000)::float8`;

export async function refreshState(db: DbOrTx): Promise<RefreshState | null> {
  const s = analyticsRefreshState;
  const result = (await db.execute(
    sql`select ${epochMs(sql`${s.refreshedAt}`)} as refreshed_at, ${s.refreshMs} as refresh_ms,
        ${epochMs(sql`${s.changedAt}`)} as changed_at, ${epochMs(sql`now()`)} as now
      from ${s} where ${s.name} = ${SKILLS_GAP_SUMMARY}`,
  )) as unknown as { rows: RefreshState[] };
  const row = result.rows[0];
  if (!row) return null;
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return {
    refreshed_at: num(row.refreshed_at),
    refresh_ms: num(row.refresh_ms),
    changed_at: num(row.changed_at),
    now: Number(row.now),
  };
}

/** Records that a write that matters was committed (the refresh job compares it with refreshed_at). */
export async function markChanged(db: DbOrTx): Promise<void> {
  const s = analyticsRefreshState;
  await db.execute(
    sql`insert into ${s} (name, changed_at) values (${SKILLS_GAP_SUMMARY}, clock_timestamp())
      on conflict (name) do update set changed_at = excluded.changed_at`,
  );
}

/** Transaction-scoped advisory lock of the refresh: try (background) or wait (first use). */
export async function lockRefresh(tx: DbOrTx, wait: boolean): Promise<boolean> {
  const key = sql`hashtext('trama.analytics.skills_gap')`;
  if (wait) {
    await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
    return true;
  }
  const result = (await tx.execute(sql`select pg_try_advisory_xact_lock(${key}) as ok`)) as unknown as {
    rows: { ok: boolean }[];
  };
  return result.rows[0]?.ok === true;
}

/** Replaces the summary (inside the caller's transaction) and records the snapshot time. */
export async function replaceSummary(tx: DbOrTx, startedAt: number): Promise<void> {
  await tx.execute(sql`delete from ${analyticsGapCells}`);
  await tx.execute(refreshSummarySql);
  const s = analyticsRefreshState;
  // now() is the transaction's start: the data is at least this fresh.
  await tx.execute(
    sql`insert into ${s} (name, refreshed_at, refresh_ms) values (${SKILLS_GAP_SUMMARY}, now(),
        ${Math.round(performance.now() - startedAt)}::int)
      on conflict (name) do update set refreshed_at = excluded.refreshed_at,
        refresh_ms = excluded.refresh_ms`,
  );
}

/** ATECO 2025 sections and divisions (levels 1 and 2), in the classification's order. */
export async function sectorRows(db: DbOrTx, lang: 'it' | 'en') {
  const a = refAteco;
  const label = lang === 'en' ? sql`coalesce(${a.titleEn}, ${a.titleIt})` : sql`${a.titleIt}`;
  const result = (await db.execute(
    sql`select ${a.code} as code, ${label} as label, ${a.level}::int as level, ${a.parentCode} as parent
      from ${a} where ${a.version} = '2025' and ${a.level} <= 2 order by ${a.sortOrder}`,
  )) as unknown as { rows: { code: string; label: string; level: number; parent: string | null }[] };
  return result.rows;
}
