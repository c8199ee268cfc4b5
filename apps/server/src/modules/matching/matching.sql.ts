/**
 * The matching data as flat rows (what the engine loads), and the SQL reference ranking: the same
 * score, filters and tie-break as matching.engine.ts, as one SQL query. The reference runs on any
 * relation with the "matching person" columns: the app's view over its tables (PEOPLE_SOURCE) or the
 * benchmark's denormalised table with a GIN index on `skills`.
 *
 * Matching person columns: id uuid, municipality_code text, lat/lon float8, radius_km float8,
 * education int, occupation_id int, isco4 int, consent bool, available bool, priority bool,
 * skills int[], langs text[] (each language expanded to every level it covers: 'it:1'..'it:7').
 */

/** Employment statuses that count as available for a job. */
export const AVAILABLE_STATUSES = ['unemployed', 'underemployed'];

/** The app's people as matching rows; `$where` filters people (alias p). */
export const peopleSource = (where = 'true') => `
  select p.id, p.residence_municipality_code as municipality_code, m.lat, m.lon,
    coalesce(p.mobility_radius_km, 30)::float8 as radius_km, coalesce(p.education_level, 0)::int as education,
    w.occupation_id, case when o.isco_group ~ '^[0-9]{4}$' then o.isco_group::int end as isco4,
    exists (select 1 from person_consents c where c.person_id = p.id and c.purpose = 'company_matching'
      and c.withdrawn_at is null) as consent,
    p.employment_status in ('${AVAILABLE_STATUSES.join("', '")}') as available,
    p.priority_targets <> '{}'::text[] as priority,
    coalesce((select array_agg(s.skill_id order by s.skill_id) from person_skills s where s.person_id = p.id),
      '{}'::int[]) as skills,
    coalesce((select array_agg(l.language || ':' || g order by l.language, g) from person_languages l
      cross join lateral generate_series(1, case l.level when 'A1' then 1 when 'A2' then 2 when 'B1' then 3
        when 'B2' then 4 when 'C1' then 5 when 'C2' then 6 else 7 end) g
      where l.person_id = p.id), '{}'::text[]) as langs
  from people p
  left join ref_municipalities m on m.code = p.residence_municipality_code
  left join lateral (select wh.occupation_id from person_work_history wh
    where wh.person_id = p.id and wh.occupation_id is not null
    order by wh.from_date desc, wh.id limit 1) w on true
  left join ref_occupations o on o.id = w.occupation_id
  where ${where}`;

/**
 * The vacancies the engine holds (alias v): open, of a company that is not archived. The bulk build and
 * the incremental refresh both load through it, so an archived company's vacancies never take a place
 * in anyone's top results (the matching use cases still filter them, as a second line).
 */
export const MATCHABLE_VACANCY = `v.status = 'open' and exists (select 1 from organizations c
    where c.id = v.organization_id and c.status = 'active')`;

/** Vacancies as matching rows; `$where` filters vacancies (alias v), e.g. MATCHABLE_VACANCY. */
export const vacanciesSource = (where = 'true') => `
  select v.id, v.municipality_code, m.lat, m.lon, v.work_mode = 'remote' as remote,
    v.education_level, v.education_mandatory, v.occupation_id, o.isco_group, v.counts_towards_pledge as pledged,
    v.status,
    coalesce((select array_agg(s.skill_id order by s.skill_id) from vacancy_skills s
      where s.vacancy_id = v.id and s.relation = 'essential'), '{}'::int[]) as essential,
    coalesce((select array_agg(s.skill_id order by s.skill_id) from vacancy_skills s
      where s.vacancy_id = v.id and s.relation = 'optional'), '{}'::int[]) as optional,
    coalesce((select json_agg(json_build_object('language', l.language, 'minLevel', l.min_level))
      from vacancy_languages l where l.vacancy_id = v.id and l.mandatory), '[]'::json) as mandatory_languages
  from vacancies v
  join ref_municipalities m on m.code = v.municipality_code
  join ref_occupations o on o.id = v.occupation_id
  where ${where}`;

export interface VacancyQueryParams {
  essential: number[];
  optional: number[];
  occupationId: number;
  isco4: number | null;
  lat: number | null;
  lon: number | null;
  remote: boolean;
  /** Required EQF level when mandatory, else 0. */
  educationRequired: number;
  pledged: boolean;
  /** Mandatory languages as 'it:3' (language:minimum rank). */
  languages: string[];
  k: number;
}

/**
 * One SQL statement ranking people for a vacancy (exact, like the engine). `source` is a relation or a
 * parenthesised subquery with the matching person columns. Parameters: see `vacancyQueryArgs`.
 */
export function vacancyRankingSql(source: string) {
  return `
with q as (select $1::int[] as ess, $2::int[] as opt, $3::int as occ, $4::int as isco4, $5::float8 as lat,
  $6::float8 as lon, $7::bool as remote, $8::int as edu, $9::bool as pledged, $10::text[] as langs),
c as (
  select p.id, p.skills, p.occupation_id, p.isco4, p.priority, p.radius_km,
    case when q.remote then null else 2 * 6371 * asin(least(1, sqrt(
      sin((p.lat - q.lat) * (pi() / 180) / 2) ^ 2
      + cos(q.lat * (pi() / 180)) * cos(p.lat * (pi() / 180)) * sin((p.lon - q.lon) * (pi() / 180) / 2) ^ 2))) end as d
  from ${source} p, q
  where p.consent and p.available
    and (q.edu = 0 or p.education >= q.edu)
    and p.langs @> q.langs
    and (p.skills && (q.ess || q.opt) or p.occupation_id = q.occ
      or (q.isco4 is not null and p.isco4 / 10 = q.isco4 / 10))
),
s as (
  select c.id, c.d,
    (select count(*) from unnest(c.skills) k where k = any(q.ess))::float8 as e,
    (select count(*) from unnest(c.skills) k where k = any(q.opt))::float8 as o,
    case when c.occupation_id = q.occ then 0.2::float8 when c.isco4 = q.isco4 then 0.12::float8
      when c.isco4 / 10 = q.isco4 / 10 then 0.06::float8 else 0::float8 end as occ_part,
    case when q.remote then 0.1::float8 when c.radius_km > 0 then 0.1::float8 * (1 - c.d / c.radius_km)
      else 0.1::float8 end as dist_part,
    case when q.pledged and c.priority then 0.05::float8 else 0::float8 end as boost,
    cardinality(q.ess)::float8 as ne, cardinality(q.opt)::float8 as no
  from c, q
  where q.remote or c.d <= c.radius_km
)
select id::text as id,
  round(((case when ne > 0 then (0.5::float8 * e) / ne else 0 end)
    + (case when no > 0 then (0.15::float8 * o) / no else 0 end) + occ_part + dist_part + boost)
    * 1000000000::float8) / 1000000000::float8 as score
from s
where e > 0 or o > 0 or occ_part > 0
order by score desc, id::text collate "C" asc
limit $11`;
}

export const vacancyQueryArgs = (p: VacancyQueryParams) => [
  p.essential,
  p.optional,
  p.occupationId,
  p.isco4,
  p.lat,
  p.lon,
  p.remote,
  p.educationRequired,
  p.pledged,
  p.languages,
  p.k,
];
