import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db';
import { escapeLike, normalizeSearch } from '../../platform/text';

// Every query of the reference tables: set-based bulk writes for the loader and one-round-trip
// look-ups (joins and correlated aggregates, never one query per result row).

// ------------------------------------------------------------------ raw SQL helpers

/** Turns `$1, $2 ...` placeholders into a drizzle SQL object (arrays stay single parameters). */
function sqlOf(text: string, params: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${sql.param(params[Number(m[1]) - 1])}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** The PostgreSQL error code behind a (possibly wrapped) driver error. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

async function rows<T>(db: DbOrTx, text: string, params: readonly unknown[] = []): Promise<T[]> {
  try {
    const res = (await db.execute(sqlOf(text, params))) as unknown as { rows: T[] };
    return res.rows;
  } catch (err) {
    // Drizzle's error message embeds every parameter (bulk arrays!): keep only the database's words.
    let cause: unknown = err;
    while ((cause as { cause?: unknown }).cause) cause = (cause as { cause: unknown }).cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw Object.assign(new Error(`${message} [in: ${text.slice(0, 160)}]`), {
      code: pgErrorCode(err),
    });
  }
}

// ------------------------------------------------------------------ bulk writes (loader)

type PgType = 'text' | 'int' | 'smallint' | 'float8' | 'bool';

export interface BulkSpec<R> {
  table: string;
  /** Columns in insert order with their PostgreSQL types. */
  columns: { [K in keyof R]: PgType };
  /** Natural key (conflict target). */
  key: (keyof R & string)[];
  /** Columns never changed by an upsert (e.g. integer ids referenced elsewhere). */
  immutable?: (keyof R & string)[];
}

/** Rows per statement: large enough to be fast, small enough to keep parameters modest. */
export const BATCH_SIZE = 5000;

function columnArrays<R>(spec: BulkSpec<R>, batch: R[]): unknown[] {
  return (Object.keys(spec.columns) as (keyof R)[]).map((c) => batch.map((r) => r[c] ?? null));
}

function unnestOf<R>(spec: BulkSpec<R>, first = 1) {
  const cols = Object.keys(spec.columns) as (keyof R & string)[];
  return `unnest(${cols.map((c, i) => `$${first + i}::${spec.columns[c]}[]`).join(', ')}) AS x(${cols.join(', ')})`;
}

/** INSERT ... SELECT FROM unnest(...) in batches; optionally an upsert on the spec's key. */
export async function insertRows<R>(tx: Tx, spec: BulkSpec<R>, data: R[], upsert = false) {
  const cols = Object.keys(spec.columns) as (keyof R & string)[];
  let conflict = '';
  if (upsert) {
    const fixed = new Set<string>([...spec.key, ...(spec.immutable ?? [])]);
    const changing = cols.filter((c) => !fixed.has(c));
    conflict =
      ` ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ` +
      changing.map((c) => `${c} = EXCLUDED.${c}`).join(', ') +
      // Unchanged rows are left alone: no dead tuples, no index churn on a reload.
      ` WHERE (${changing.map((c) => `${spec.table}.${c}`).join(', ')})` +
      ` IS DISTINCT FROM (${changing.map((c) => `EXCLUDED.${c}`).join(', ')})`;
  }
  const text = `INSERT INTO ${spec.table} (${cols.join(', ')}) SELECT * FROM ${unnestOf(spec)}${conflict}`;
  for (let i = 0; i < data.length; i += BATCH_SIZE)
    await rows(tx, text, columnArrays(spec, data.slice(i, i + BATCH_SIZE)));
}

export async function deleteAll(tx: Tx, table: string) {
  await rows(tx, `DELETE FROM ${table}`);
}

/**
 * Deletes the rows whose key is not in `data`. Rows still referenced by other modules (foreign
 * keys, e.g. an organisation's seat in a municipality merged away) are kept: first one bulk delete,
 * and only if that hits a reference, one savepoint per obsolete row. Returns what was kept.
 */
export async function deleteObsolete<R>(tx: Tx, spec: BulkSpec<R>, data: R[]) {
  const keySpec = {
    table: spec.table,
    columns: Object.fromEntries(spec.key.map((k) => [k, spec.columns[k]])),
    key: spec.key,
  } as BulkSpec<Record<string, unknown>>;
  const keyList = spec.key.join(', ');
  const obsolete = await rows<Record<string, unknown>>(
    tx,
    `SELECT ${keyList} FROM ${spec.table} WHERE (${keyList}) NOT IN (SELECT * FROM ${unnestOf(keySpec)})`,
    columnArrays(keySpec, data as Record<string, unknown>[]),
  );
  if (!obsolete.length) return { deleted: 0, kept: 0 };
  const del = `DELETE FROM ${spec.table} WHERE (${keyList}) IN (SELECT * FROM ${unnestOf(keySpec)})`;
  try {
    await tx.transaction((sp) => rows(sp, del, columnArrays(keySpec, obsolete)));
    return { deleted: obsolete.length, kept: 0 };
  } catch (err) {
    if (pgErrorCode(err) !== '23503') throw err;
  }
  let kept = 0;
  for (const row of obsolete) {
    try {
      await tx.transaction((sp) => rows(sp, del, columnArrays(keySpec, [row])));
    } catch (err) {
      if (pgErrorCode(err) !== '23503') throw err;
      kept++;
    }
  }
  return { deleted: obsolete.length - kept, kept };
}

/** Upsert every row, then remove the rows that are gone from the source (unless referenced). */
export async function replaceRows<R>(tx: Tx, spec: BulkSpec<R>, data: R[]) {
  await insertRows(tx, spec, data, true);
  return deleteObsolete(tx, spec, data);
}

/**
 * After a bulk load: merge the GIN pending lists (filled by fast-update inserts; PGlite has no
 * autovacuum to do it) and refresh planner statistics, so look-ups use the trigram indexes.
 */
export async function finishTables(tx: Tx, tables: readonly string[]) {
  await rows(
    tx,
    `SELECT gin_clean_pending_list(i.indexrelid::regclass)
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
     WHERE a.amname = 'gin' AND i.indrelid = ANY($1::text[]::regclass[])`,
    [tables],
  );
  await rows(tx, `ANALYZE ${tables.join(', ')}`);
}

export async function lockScheme(tx: Tx, scheme: string) {
  // Several app instances may start together: the first loads, the others wait and then skip.
  await rows(tx, `SELECT pg_advisory_xact_lock(hashtext($1))`, [`trama.reference.${scheme}`]);
}

export interface ClassificationRow {
  scheme: string;
  version: string;
  checksum: string;
}

export async function listClassifications(db: DbOrTx, scheme?: string): Promise<ClassificationRow[]> {
  return scheme
    ? rows(db, 'SELECT scheme, version, checksum FROM ref_classifications WHERE scheme = $1', [scheme])
    : rows(db, 'SELECT scheme, version, checksum FROM ref_classifications');
}

export async function recordClassifications(
  tx: Tx,
  scheme: string,
  entries: { version: string; source: string; licence: string; rowCount: number; notes: string | null }[],
  checksum: string,
) {
  await rows(tx, 'DELETE FROM ref_classifications WHERE scheme = $1', [scheme]);
  for (const e of entries)
    await rows(
      tx,
      `INSERT INTO ref_classifications (scheme, version, source, licence, row_count, checksum, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [scheme, e.version, e.source, e.licence, e.rowCount, checksum, e.notes],
    );
}

/** uri -> id of the ESCO rows already loaded, so ids survive reloads. */
export async function existingIds(tx: Tx, table: 'ref_occupations' | 'ref_skills') {
  const r = await rows<{ uri: string; id: number }>(tx, `SELECT uri, id FROM ${table}`);
  return new Map(r.map((x) => [x.uri, x.id]));
}

// ------------------------------------------------------------------ type-ahead matching

class Params {
  readonly values: unknown[] = [];
  add(v: unknown) {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

interface Lookup {
  /** Output columns (expressions with aliases). */
  select: string;
  /** FROM clause with joins. */
  from: string;
  /** Filters other than the text match. */
  filters: string[];
  q: string;
  limit: number;
  /** The code column, when the list has codes users may type. */
  code?: string;
  /** A unique column: the last tie-break. */
  key: string;
  /** Normalised display label. */
  label: string;
  /** Normalised label in the other language, when there is one. */
  otherLabel?: string;
  search: string;
  /** Extra tie-break before the label length (e.g. province capitals first). */
  tieBreak?: string;
  /** Order when the query is empty. */
  browseOrder: string;
}

/**
 * A ranked type-ahead query, as a statement yielding the `select` columns plus `_pos` (1 = best).
 * Matches: every word of the query found in `search_text` (words under 3 letters as word prefixes),
 * served by the trigram GIN index; a single character matches label (or code) prefixes only.
 * Ranking: exact code, code prefix, exact label, label prefix, every word starting a label word, the
 * same in the other language, every word starting a word anywhere, substring; then the tie-break,
 * label similarity, shorter label, label, key (deterministic). When these fill fewer than `limit`
 * rows, similar spellings follow (pg_trgm `<%`, also served by the index), by word similarity.
 */
function lookupSql(p: Params, l: Lookup): string {
  const where = l.filters.length ? l.filters.join(' AND ') : 'true';
  const limit = p.add(l.limit);
  const norm = normalizeSearch(l.q);
  if (!norm)
    return `SELECT ${l.select}, row_number() OVER (ORDER BY ${l.browseOrder}) AS _pos
            FROM ${l.from} WHERE ${where} ORDER BY _pos LIMIT ${limit}`;
  const n = p.add(norm);
  const words = norm.split(' ').slice(0, 8);
  const wordPrefix = words.map((w) => p.add(`% ${w}%`));
  /** Every word of the query starts a word of `col`. */
  const allWordPrefixes = (col: string) => wordPrefix.map((w) => `' ' || ${col} LIKE ${w}`).join(' AND ');
  const code = l.q.toUpperCase();
  const codePrefix = l.code ? `upper(${l.code}) LIKE ${p.add(`${escapeLike(code)}%`)}` : null;
  // One character: only labels (or codes) starting with it; anything broader is noise and slow.
  const match =
    norm.length === 1
      ? `(${[l.label, l.otherLabel]
          .filter(Boolean)
          .map((c) => `${c} LIKE ${n} || '%'`)
          .concat(codePrefix ?? [])
          .join(' OR ')})`
      : words
          .map((w, i) =>
            w.length < 3 ? `' ' || ${l.search} LIKE ${wordPrefix[i]}` : `${l.search} LIKE ${p.add(`%${w}%`)}`,
          )
          .join(' AND ');
  const undotted = `${escapeLike(code.replace(/\./g, ''))}%`;
  const codeRanks = l.code
    ? `WHEN upper(${l.code}) = ${p.add(code)} THEN 0
       WHEN ${codePrefix} OR replace(upper(${l.code}), '.', '') LIKE ${p.add(undotted)} THEN 1`
    : '';
  const otherRank = l.otherLabel
    ? `WHEN ${l.otherLabel} LIKE ${n} || '%' OR (${allWordPrefixes(l.otherLabel)}) THEN 5`
    : '';
  const rank = `CASE ${codeRanks}
      WHEN ${l.label} = ${n} THEN 2
      WHEN ${l.label} LIKE ${n} || '%' THEN 3
      WHEN ${allWordPrefixes(l.label)} THEN 4
      ${otherRank}
      WHEN ${allWordPrefixes(l.search)} THEN 6
      WHEN ${l.search} LIKE '%' || ${n} || '%' THEN 7
      ELSE 8 END`;
  const tieBreak = l.tieBreak ? `${l.tieBreak}, ` : '';
  const tail = `${tieBreak}similarity(${l.label}, ${n}) DESC, length(${l.label}), ${l.label}, ${l.key}`;
  const exact = `SELECT ${l.select}, row_number() OVER (ORDER BY ${rank}, ${tail}) AS _pos
      FROM ${l.from} WHERE ${where} AND ${match}`;
  if (norm.length < 3) return `${exact} ORDER BY _pos LIMIT ${limit}`;
  // The similar-spelling branch runs only when the exact matches leave room (a one-time filter).
  return `WITH exact AS (${exact} ORDER BY _pos LIMIT ${limit})
    SELECT * FROM exact
    UNION ALL
    (SELECT ${l.select},
            (SELECT count(*) FROM exact)
              + row_number() OVER (ORDER BY word_similarity(${n}, ${l.search}) DESC, ${tail}) AS _pos
     FROM ${l.from}
     WHERE (SELECT count(*) FROM exact) < ${limit} AND ${where} AND ${n} <% ${l.search} AND NOT (${match})
     ORDER BY _pos LIMIT ${limit})
    ORDER BY _pos LIMIT ${limit}`;
}

// ------------------------------------------------------------------ look-ups

export interface PlaceRecord {
  kind: 'municipality' | 'province' | 'region';
  code: string;
  name: string;
  nameAlt: string | null;
  provinceCode: string | null;
  provinceAbbreviation: string | null;
  provinceName: string | null;
  regionCode: string;
  regionName: string;
  nuts: string | null;
  lat: number | null;
  lon: number | null;
  version: string;
}

const PLACES = {
  municipality: {
    alias: 'm',
    select: `'municipality' AS kind, m.code, m.name, m.name_alt AS "nameAlt",
      p.code AS "provinceCode", p.abbreviation AS "provinceAbbreviation", p.name AS "provinceName",
      r.code AS "regionCode", r.name AS "regionName", m.nuts3 AS nuts, m.lat, m.lon, m.version`,
    from: `ref_municipalities m
      JOIN ref_provinces p ON p.code = m.province_code
      JOIN ref_regions r ON r.code = m.region_code`,
    // No population data: province capitals first among equally good matches.
    tieBreak: 'm.is_province_capital DESC',
  },
  province: {
    alias: 'p',
    select: `'province' AS kind, p.code, p.name, NULL AS "nameAlt",
      p.code AS "provinceCode", p.abbreviation AS "provinceAbbreviation", p.name AS "provinceName",
      r.code AS "regionCode", r.name AS "regionName", p.nuts3 AS nuts, NULL::float8 AS lat,
      NULL::float8 AS lon, p.version`,
    from: `ref_provinces p JOIN ref_regions r ON r.code = p.region_code`,
    tieBreak: undefined,
  },
  region: {
    alias: 'r',
    select: `'region' AS kind, r.code, r.name, NULL AS "nameAlt",
      NULL AS "provinceCode", NULL AS "provinceAbbreviation", NULL AS "provinceName",
      r.code AS "regionCode", r.name AS "regionName", r.nuts2 AS nuts, NULL::float8 AS lat,
      NULL::float8 AS lon, r.version`,
    from: `ref_regions r`,
    tieBreak: undefined,
  },
} as const;

const PLACE_COLUMNS = `kind, code, name, "nameAlt", "provinceCode", "provinceAbbreviation", "provinceName",
  "regionCode", "regionName", nuts, lat, lon, version`;

export async function searchPlaces(
  db: DbOrTx,
  f: {
    kind: PlaceRecord['kind'];
    q: string;
    region?: string | undefined;
    province?: string | undefined;
    limit: number;
    version: string;
  },
): Promise<PlaceRecord[]> {
  const p = new Params();
  const t = PLACES[f.kind];
  const a = t.alias;
  const filters = [`${a}.version = ${p.add(f.version)}`];
  if (f.region) filters.push(`r.code = ${p.add(f.region)}`);
  if (f.province && f.kind !== 'region') filters.push(`p.abbreviation = ${p.add(f.province)}`);
  const hits = lookupSql(p, {
    select: t.select,
    from: t.from,
    filters,
    q: f.q,
    limit: f.limit,
    code: `${a}.code`,
    key: `${a}.code`,
    label: `${a}.name_search`,
    search: `${a}.search_text`,
    tieBreak: t.tieBreak,
    browseOrder: `${a}.name_search, ${a}.code`,
  });
  return rows<PlaceRecord>(db, `SELECT ${PLACE_COLUMNS} FROM (${hits}) h ORDER BY _pos`, p.values);
}

export async function findPlace(db: DbOrTx, kind: PlaceRecord['kind'], code: string) {
  const t = PLACES[kind];
  const [r] = await rows<PlaceRecord>(db, `SELECT ${t.select} FROM ${t.from} WHERE ${t.alias}.code = $1`, [
    code,
  ]);
  return r ?? null;
}

export interface AtecoRecord {
  code: string;
  version: '2025' | '2007';
  titleIt: string;
  titleEn: string | null;
  level: number;
  parentCode: string | null;
  correspondences: { code: string; title: string; coverage: string | null; note: string | null }[];
}

export async function searchAteco(
  db: DbOrTx,
  f: { version: '2025' | '2007'; q: string; level?: number | undefined; limit: number },
): Promise<AtecoRecord[]> {
  const p = new Params();
  const other = f.version === '2025' ? '2007' : '2025';
  const [self, that, coverage] =
    f.version === '2025'
      ? ['ateco2025_code', 'ateco2007_code', 'coverage_2007']
      : ['ateco2007_code', 'ateco2025_code', 'coverage_2025'];
  const filters = [`a.version = ${p.add(f.version)}`];
  if (f.level) filters.push(`a.level = ${p.add(f.level)}`);
  const hits = lookupSql(p, {
    select: 'a.code, a.version, a.title_it, a.title_en, a.level, a.parent_code',
    from: 'ref_ateco a',
    filters,
    q: f.q,
    limit: f.limit,
    code: 'a.code',
    key: 'a.code',
    label: 'a.title_search',
    search: 'a.search_text',
    browseOrder: 'a.sort_order',
  });
  // The ranked hits, then their correspondences, in the same statement.
  return rows<AtecoRecord>(
    db,
    `SELECT h.code, h.version, h.title_it AS "titleIt", h.title_en AS "titleEn", h.level::int AS level,
            h.parent_code AS "parentCode",
            coalesce((SELECT json_agg(json_build_object('code', c.${that}, 'title', o.title_it,
                        'coverage', c.${coverage}, 'note', c.note) ORDER BY o.sort_order, c.${that})
                      FROM ref_ateco_correspondence c
                      JOIN ref_ateco o ON o.version = '${other}' AND o.code = c.${that}
                      WHERE c.${self} = h.code), '[]'::json) AS correspondences
     FROM (${hits}) h ORDER BY h._pos`,
    p.values,
  );
}

export interface OccupationRecord {
  id: number;
  uri: string;
  code: string | null;
  labelIt: string | null;
  labelEn: string | null;
  iscoGroup: string | null;
  version: string;
}

const OCCUPATION_COLUMNS = `o.id, o.uri, o.code, o.label_it AS "labelIt", o.label_en AS "labelEn",
  o.isco_group AS "iscoGroup", o.version`;

export async function searchOccupations(
  db: DbOrTx,
  f: { q: string; lang: 'it' | 'en'; iscoGroup?: string | undefined; limit: number; version: string },
): Promise<OccupationRecord[]> {
  const p = new Params();
  const filters = [`o.version = ${p.add(f.version)}`];
  if (f.iscoGroup) filters.push(`o.isco_group LIKE ${p.add(`${f.iscoGroup}%`)}`);
  const [label, otherLabel] =
    f.lang === 'it' ? ['o.label_search', 'o.label_en_search'] : ['o.label_en_search', 'o.label_search'];
  const hits = lookupSql(p, {
    select: OCCUPATION_COLUMNS,
    from: 'ref_occupations o',
    filters,
    q: f.q,
    limit: f.limit,
    code: 'o.code',
    key: 'o.id',
    label,
    otherLabel,
    search: 'o.search_text',
    browseOrder: `${label}, o.id`,
  });
  return rows<OccupationRecord>(
    db,
    `SELECT id, uri, code, "labelIt", "labelEn", "iscoGroup", version FROM (${hits}) h ORDER BY _pos`,
    p.values,
  );
}

export interface OccupationDetailRecord extends OccupationRecord {
  descriptionIt: string | null;
  descriptionEn: string | null;
  iscoLabelIt: string | null;
  iscoLabelEn: string | null;
  skills: {
    id: number;
    uri: string;
    labelEn: string;
    labelIt: string | null;
    skillType: string | null;
    relation: 'essential' | 'optional';
  }[];
}

/** One occupation with its ISCO group and all its skills, in one statement. */
export async function findOccupation(db: DbOrTx, id: number): Promise<OccupationDetailRecord | null> {
  const [r] = await rows<OccupationDetailRecord>(
    db,
    `SELECT ${OCCUPATION_COLUMNS}, o.description_it AS "descriptionIt", o.description_en AS "descriptionEn",
            g.label_it AS "iscoLabelIt", g.label_en AS "iscoLabelEn",
            coalesce((SELECT json_agg(json_build_object('id', s.id, 'uri', s.uri, 'labelEn', s.label_en,
                        'labelIt', s.label_it, 'skillType', s.skill_type, 'relation', os.relation)
                        ORDER BY s.label_en_search, s.id)
                      FROM ref_occupation_skills os JOIN ref_skills s ON s.id = os.skill_id
                      WHERE os.occupation_id = o.id), '[]'::json) AS skills
     FROM ref_occupations o
     LEFT JOIN ref_isco_groups g ON g.code = o.isco_group
     WHERE o.id = $1`,
    [id],
  );
  return r ?? null;
}

export interface SkillRecord {
  id: number;
  uri: string;
  labelEn: string;
  labelIt: string | null;
  skillType: string | null;
  reuseLevel: string | null;
  version: string;
}

export async function searchSkills(
  db: DbOrTx,
  f: { q: string; lang: 'it' | 'en'; skillType?: string | undefined; limit: number; version: string },
): Promise<SkillRecord[]> {
  const p = new Params();
  const filters = [`s.version = ${p.add(f.version)}`];
  if (f.skillType) filters.push(`s.skill_type = ${p.add(f.skillType)}`);
  const [label, otherLabel] =
    f.lang === 'it' ? ['s.label_search', 's.label_en_search'] : ['s.label_en_search', 's.label_search'];
  const hits = lookupSql(p, {
    select: `s.id, s.uri, s.label_en AS "labelEn", s.label_it AS "labelIt", s.skill_type AS "skillType",
             s.reuse_level AS "reuseLevel", s.version`,
    from: 'ref_skills s',
    filters,
    q: f.q,
    limit: f.limit,
    key: 's.id',
    label,
    otherLabel,
    search: 's.search_text',
    browseOrder: `${label}, s.id`,
  });
  return rows<SkillRecord>(
    db,
    `SELECT id, uri, "labelEn", "labelIt", "skillType", "reuseLevel", version FROM (${hits}) h ORDER BY _pos`,
    p.values,
  );
}

export interface ProfessionRecord {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  version: string;
}

export async function searchProfessions(
  db: DbOrTx,
  f: { q: string; level?: number | undefined; limit: number; version: string },
): Promise<ProfessionRecord[]> {
  const p = new Params();
  const filters = [`c.version = ${p.add(f.version)}`];
  if (f.level) filters.push(`c.level = ${p.add(f.level)}`);
  const hits = lookupSql(p, {
    select: 'c.code, c.name, c.level::int AS level, c.parent_code AS "parentCode", c.version',
    from: 'ref_professions c',
    filters,
    q: f.q,
    limit: f.limit,
    code: 'c.code',
    key: 'c.code',
    label: 'c.name_search',
    search: 'c.search_text',
    browseOrder: 'c.code',
  });
  return rows<ProfessionRecord>(
    db,
    `SELECT code, name, level, "parentCode", version FROM (${hits}) h ORDER BY _pos`,
    p.values,
  );
}
