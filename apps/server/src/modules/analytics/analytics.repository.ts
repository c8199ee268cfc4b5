import { sql, type SQL } from 'drizzle-orm';
import { PATHWAY_TERMINAL_STATES } from '@trama/contracts';
import type { DbOrTx } from '../../platform/db';
import { inList } from '../../platform/sql';
// The analytics module is a read model: like kpi, it may read other modules' tables (aggregates only).
import { consentGivenCondition } from '../people';
import { people, personSkills, personWorkHistory } from '../people/people.table';
import { pathways } from '../pathways/pathways.table';
import { vacancies, vacancySkills } from '../vacancies/vacancies.table';
import {
  refIscoGroups,
  refMunicipalities,
  refOccupations,
  refProvinces,
  refSkills,
} from '../reference/reference.table';

export type SkillsGapRow = {
  kind: 'cell' | 'province';
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
  limit: number;
  minCell: number;
};

/**
 * The whole analysis in ONE set-based query: people in charge of the region (non-terminal pathway,
 * statistics consent) and the open vacancies of the region, each grouped by (province, group), full-joined
 * into cells, sorted by the published shortage index (suppressed supply counted as minCell - 1, so the
 * order reveals nothing the numbers don't), limited; plus per-province totals (union all, kind = 'province').
 */
export function skillsGapQuery(p: SkillsGapParams): SQL {
  const level = sql`${p.iscoLevel}::int`;
  const hidden = sql`${p.minCell}::int`;
  const published = (supply: SQL) =>
    sql`(case when ${supply} < ${hidden} then ${hidden} - 1 else ${supply} end)`;

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

  const groupLabel =
    p.groupBy === 'isco'
      ? sql`(select coalesce(ig.label_it, ig.label_en) from ${refIscoGroups} ig where ig.code = c.g)`
      : sql`(select coalesce(s.label_it, s.label_en) from ${refSkills} s where s.id = c.g::int)`;

  return sql`with region_provinces as materialized (
      select code, abbreviation, name from ${refProvinces} where region_code = ${p.region}
    ),
    supply_people as materialized (
      select ${people.id} as id, m.province_code
      from ${people}
      join ${refMunicipalities} m on m.code = ${people.residenceMunicipalityCode}
      where m.region_code = ${p.region}
        and exists (select 1 from ${pathways} pw
          where pw.person_id = ${people.id} and pw.state not in (${inList(PATHWAY_TERMINAL_STATES)}))
        and ${consentGivenCondition('statistics', people.id)}
    ),
    open_vacancies as materialized (
      select v.id, v.openings, v.occupation_id, m.province_code
      from ${vacancies} v join ${refMunicipalities} m on m.code = v.municipality_code
      where v.status = 'open' and m.region_code = ${p.region}
    ),
    supply_cells as (${supplyCells}),
    demand_cells as (${demandCells}),
    cells as (
      select coalesce(s.province_code, d.province_code) as province_code, coalesce(s.g, d.g) as g,
        coalesce(s.n, 0) as supply, coalesce(d.n, 0) as demand
      from supply_cells s full join demand_cells d on d.province_code = s.province_code and d.g = s.g
    ),
    ranked as (
      select c.province_code, c.g, c.supply, c.demand,
        c.demand::float8 / (${published(sql`c.supply`)} + 1) as shortage,
        count(*) over ()::int as total_cells
      from cells c
      where ${p.province === null ? sql`true` : sql`c.province_code in (select code from region_provinces where abbreviation = ${p.province})`}
      order by shortage desc, c.demand desc, c.province_code, c.g
      limit ${p.limit}
    ),
    province_supply as (select province_code, count(*)::int as n from supply_people group by 1),
    province_demand as (select province_code, sum(openings)::int as n from open_vacancies group by 1)
    select * from (
      select 'cell' as kind, c.province_code, rp.abbreviation, rp.name as province_name, c.g as group_key,
        ${groupLabel} as group_label, c.supply, c.demand, c.shortage, c.total_cells
      from ranked c join region_provinces rp on rp.code = c.province_code
      order by c.shortage desc, c.demand desc, c.province_code, c.g
    ) cells_out
    union all
    select 'province', rp.code, rp.abbreviation, rp.name, null, null,
      coalesce(ps.n, 0), coalesce(pd.n, 0),
      coalesce(pd.n, 0)::float8 / (${published(sql`coalesce(ps.n, 0)`)} + 1), 0
    from region_provinces rp
    left join province_supply ps on ps.province_code = rp.code
    left join province_demand pd on pd.province_code = rp.code`;
}

export async function skillsGapRows(db: DbOrTx, p: SkillsGapParams): Promise<SkillsGapRow[]> {
  const result = (await db.execute(skillsGapQuery(p))) as unknown as { rows: SkillsGapRow[] };
  return result.rows;
}
