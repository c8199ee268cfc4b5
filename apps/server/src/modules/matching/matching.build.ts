/**
 * Bulk loading of the matching engine: the database rows as column data (ColumnsBuilder), read in
 * id-ordered chunks with one result row per chunk (every column an SQL array, so the driver builds a
 * few arrays instead of 20,000 row objects), then `buildIndex` (posting lists, id tables).
 *
 * Where it runs (matching.service.ts): on PostgreSQL a worker thread opens its own connection, reads
 * and builds, and hands the index back as transferable buffers, so the event loop only adopts them.
 * On PGlite (one embedded database inside this process, not reachable from another thread) the main
 * thread reads the chunks (yielding to the event loop between them; PGlite itself runs each query on
 * the main thread anyway), transfers the column buffers to the worker, which builds the index; small
 * data (under IN_THREAD_MAX people) is built in place, cheaper than starting a worker.
 */
import { ColumnsBuilder, type PersonInput, type RawData, type VacancyInput } from './matching.engine';
import { MATCHABLE_VACANCY, peopleSource, vacanciesSource } from './matching.sql';

export interface PersonRow {
  id: string;
  municipality_code: string | null;
  lat: number | null;
  lon: number | null;
  radius_km: number;
  education: number;
  occupation_id: number | null;
  isco4: number | null;
  consent: boolean;
  available: boolean;
  priority: boolean;
  skills: number[];
  langs: string[];
}

export interface VacancyRow {
  id: string;
  municipality_code: string;
  lat: number | null;
  lon: number | null;
  remote: boolean;
  education_level: number | null;
  education_mandatory: boolean;
  occupation_id: number;
  isco_group: string | null;
  pledged: boolean;
  status: string;
  essential: number[];
  optional: number[];
  mandatory_languages: { language: string; minLevel: string }[] | string;
}

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];

/** langs are expanded ('it:1'..'it:7'): keep the highest level per language. */
function bestLevels(langs: readonly string[]) {
  const best = new Map<string, number>();
  for (const l of langs) {
    const [lang, g] = l.split(':');
    best.set(lang!, Math.max(best.get(lang!) ?? 0, Number(g)));
  }
  return [...best].map(([language, g]) => ({ language, level: LEVELS[g - 1]! }));
}

export function personInput(r: PersonRow): PersonInput {
  return {
    id: r.id,
    municipalityCode: r.municipality_code,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    radiusKm: Number(r.radius_km),
    educationLevel: r.education || null,
    occupationId: r.occupation_id,
    iscoGroup: r.isco4 === null ? null : String(r.isco4),
    consent: r.consent,
    available: r.available,
    priority: r.priority,
    skills: r.skills.map(Number),
    languages: bestLevels(r.langs),
  };
}

export function vacancyInput(r: VacancyRow): VacancyInput {
  const langs =
    typeof r.mandatory_languages === 'string'
      ? (JSON.parse(r.mandatory_languages) as { language: string; minLevel: string }[])
      : r.mandatory_languages;
  return {
    id: r.id,
    municipalityCode: r.municipality_code,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    remote: r.remote,
    educationLevel: r.education_level,
    educationMandatory: r.education_mandatory,
    occupationId: r.occupation_id,
    iscoGroup: r.isco_group,
    pledged: r.pledged,
    essential: r.essential.map(Number),
    optional: r.optional.map(Number),
    mandatoryLanguages: langs,
  };
}

export type Query = <T = Record<string, unknown>>(sqlText: string, params?: unknown[]) => Promise<T[]>;

export const CHUNK = 50_000;
/** Below this many people the index is built in the calling thread (a worker costs ~0.3 s to start). */
export const IN_THREAD_MAX = 50_000;

/**
 * One chunk of people (ids after $1, at most $2) as one row of column arrays. `source` is a relation or
 * parenthesised subquery with the matching person columns (matching.sql.ts); the app's is peopleSource.
 */
export const peopleChunkSql = (source = `(${peopleSource()})`) => `
with x as (select * from ${source} p where p.id > $1::uuid order by p.id limit $2)
select count(*)::int as n,
  array_agg(x.id::text order by x.id) as ids,
  array_agg(x.municipality_code order by x.id) as munis,
  array_agg(x.lat::float8 order by x.id) as lat,
  array_agg(x.lon::float8 order by x.id) as lon,
  array_agg(x.radius_km::int order by x.id) as radius,
  array_agg(x.education::int order by x.id) as edu,
  array_agg(coalesce(x.occupation_id, -1) order by x.id) as occ,
  array_agg(coalesce(x.isco4, -1) order by x.id) as isco,
  array_agg(x.consent::int + 2 * x.available::int + 4 * x.priority::int order by x.id) as flags,
  array_agg(cardinality(x.skills) order by x.id) as nskills,
  (select coalesce(array_agg(u.k order by y.id, u.o), '{}') from x y, unnest(y.skills) with ordinality u(k, o)) as skills,
  array_agg(array_to_string(x.langs, ',') order by x.id) as langs
from x`;

interface PeopleChunk {
  n: number;
  ids: string[] | null;
  munis: (string | null)[];
  lat: (number | null)[];
  lon: (number | null)[];
  radius: number[];
  edu: number[];
  occ: number[];
  isco: number[];
  flags: number[];
  nskills: number[];
  skills: number[];
  langs: string[];
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** Reads every person and matchable vacancy (open, company not archived) as column data. */
export async function readColumns(
  query: Query,
  opts: { peopleSource?: string; yieldBetweenChunks?: boolean; chunk?: number; vacancies?: boolean } = {},
): Promise<RawData> {
  const b = new ColumnsBuilder();
  const sqlText = peopleChunkSql(opts.peopleSource);
  const chunk = opts.chunk ?? CHUNK;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const [c] = await query<PeopleChunk>(sqlText, [after, chunk]);
    if (!c || !c.ids || c.n === 0) break;
    let q = 0;
    for (let i = 0; i < c.n; i++) {
      const ns = Number(c.nskills[i]);
      const skills = c.skills.slice(q, q + ns).map(Number);
      q += ns;
      const f = Number(c.flags[i]);
      const langs = c.langs[i];
      b.addPerson({
        id: c.ids[i]!,
        municipalityCode: c.munis[i] ?? null,
        lat: c.lat[i] === null ? null : Number(c.lat[i]),
        lon: c.lon[i] === null ? null : Number(c.lon[i]),
        radiusKm: Number(c.radius[i]),
        educationLevel: Number(c.edu[i]) || null,
        occupationId: Number(c.occ[i]) >= 0 ? Number(c.occ[i]) : null,
        iscoGroup: Number(c.isco[i]) >= 0 ? String(c.isco[i]) : null,
        consent: (f & 1) === 1,
        available: (f & 2) === 2,
        priority: (f & 4) === 4,
        skills,
        languages: langs ? bestLevels(langs.split(',')) : [],
      });
    }
    if (c.n < chunk) break;
    after = c.ids[c.n - 1]!;
    if (opts.yieldBetweenChunks) await yieldToLoop();
  }
  if (opts.vacancies !== false) {
    const vs = await query<VacancyRow>(vacanciesSource(MATCHABLE_VACANCY));
    for (const r of vs) b.addVacancy(vacancyInput(r));
  }
  return b.finish();
}
