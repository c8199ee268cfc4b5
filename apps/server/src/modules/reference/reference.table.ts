import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

// Searchable code lists carry two kinds of normalised text (see platform/text.ts normalizeSearch):
// - `search_text`: every searchable term (Italian label first, then English label, other names, codes),
//   indexed with pg_trgm GIN for substring and similarity matches;
// - `*_search`: the normalised display label alone, used to rank label-prefix matches first.
// Rows are upserted by their natural key (never deleted while referenced), so other modules may hold
// foreign keys to them; ESCO integer ids are kept across reloads.

/** One row per loaded classification release: what each code list's `version` refers to. */
export const refClassifications = pgTable(
  'ref_classifications',
  {
    scheme: text('scheme').notNull(), // istat_territory | ateco | cp2021 | esco
    version: text('version').notNull(),
    source: text('source').notNull(),
    licence: text('licence').notNull(),
    rowCount: integer('row_count').notNull(),
    /** sha256 of the source files and of the loader's format version. */
    checksum: text('checksum').notNull(),
    notes: text('notes'),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scheme, t.version] })],
);

export const refRegions = pgTable('ref_regions', {
  code: text('code').primaryKey(), // 2-digit ISTAT code, e.g. 03 (Lombardia)
  name: text('name').notNull(),
  nuts2: text('nuts2'),
  area: text('area'), // ripartizione geografica, e.g. Nord-ovest
  nameSearch: text('name_search').notNull(),
  searchText: text('search_text').notNull(),
  version: text('version').notNull(),
});

export const refProvinces = pgTable(
  'ref_provinces',
  {
    code: text('code').primaryKey(), // ISTAT UTS code, e.g. 215 (Città metropolitana di Milano)
    historicCode: text('historic_code').notNull(), // e.g. 015
    name: text('name').notNull(),
    abbreviation: text('abbreviation').notNull(),
    kind: text('kind').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => refRegions.code),
    nuts3: text('nuts3'),
    nameSearch: text('name_search').notNull(),
    searchText: text('search_text').notNull(),
    version: text('version').notNull(),
  },
  (t) => [
    index('ref_provinces_abbreviation_idx').on(t.abbreviation),
    index('ref_provinces_region_idx').on(t.regionCode),
  ],
);

export const refMunicipalities = pgTable(
  'ref_municipalities',
  {
    code: text('code').primaryKey(), // 6-digit ISTAT code
    name: text('name').notNull(), // Italian name (e.g. Bolzano)
    nameAlt: text('name_alt'), // name in the other official language (e.g. Bozen)
    cadastralCode: text('cadastral_code').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => refProvinces.code),
    regionCode: text('region_code')
      .notNull()
      .references(() => refRegions.code),
    isProvinceCapital: boolean('is_province_capital').notNull().default(false),
    nuts3: text('nuts3'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    nameSearch: text('name_search').notNull(),
    searchText: text('search_text').notNull(),
    version: text('version').notNull(),
  },
  (t) => [
    index('ref_municipalities_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('ref_municipalities_province_idx').on(t.provinceCode),
    index('ref_municipalities_region_idx').on(t.regionCode),
    index('ref_municipalities_cadastral_idx').on(t.cadastralCode),
  ],
);

export const refAteco = pgTable(
  'ref_ateco',
  {
    version: text('version').notNull(), // '2025' | '2007' (ATECO 2007, 2022 update)
    code: text('code').notNull(),
    titleIt: text('title_it').notNull(),
    titleEn: text('title_en'),
    level: smallint('level').notNull(), // 1 section ... 6 sub-category
    parentCode: text('parent_code'),
    sortOrder: integer('sort_order').notNull(),
    titleSearch: text('title_search').notNull(),
    searchText: text('search_text').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.version, t.code] }),
    index('ref_ateco_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** Official ISTAT bidirectional correspondence ATECO 2025 <-> ATECO 2007 (update 2022). */
export const refAtecoCorrespondence = pgTable(
  'ref_ateco_correspondence',
  {
    ateco2025Code: text('ateco2025_code').notNull(),
    ateco2007Code: text('ateco2007_code').notNull(),
    /** TOTALE | PARZIALE: whether the whole 2025 code is involved in this correspondence. */
    coverage2025: text('coverage_2025'),
    /** TOTALE | PARZIALE: whether the whole 2007 code is involved in this correspondence. */
    coverage2007: text('coverage_2007'),
    /** ISTAT's "contenuto comune": the shared content of a partial correspondence (Italian). */
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.ateco2025Code, t.ateco2007Code] }),
    index('ref_ateco_corr_2007_idx').on(t.ateco2007Code),
  ],
);

/** ISTAT CP2021 professions (5 levels). */
export const refProfessions = pgTable(
  'ref_professions',
  {
    code: text('code').primaryKey(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    description: text('description'),
    nameSearch: text('name_search').notNull(),
    searchText: text('search_text').notNull(),
    version: text('version').notNull(),
  },
  (t) => [index('ref_professions_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`)],
);

/** ISCO-08 groups as published with ESCO (English v1.2.0, Italian v1.0.8). */
export const refIscoGroups = pgTable(
  'ref_isco_groups',
  {
    code: text('code').primaryKey(),
    uri: text('uri').notNull().unique(),
    labelEn: text('label_en').notNull(),
    labelIt: text('label_it'),
    parentCode: text('parent_code'),
    version: text('version').notNull(),
  },
  (t) => [index('ref_isco_groups_parent_idx').on(t.parentCode)],
);

/** ESCO occupations. `id` is a compact integer key (used by the matching engine's arrays). */
export const refOccupations = pgTable(
  'ref_occupations',
  {
    id: integer('id').primaryKey(),
    uri: text('uri').notNull().unique(),
    code: text('code'),
    iscoGroup: text('isco_group'),
    labelIt: text('label_it'),
    labelEn: text('label_en'),
    altLabelsIt: text('alt_labels_it'),
    altLabelsEn: text('alt_labels_en'),
    descriptionIt: text('description_it'),
    descriptionEn: text('description_en'),
    /** Normalised Italian label (English when there is no Italian one). */
    labelSearch: text('label_search').notNull(),
    labelEnSearch: text('label_en_search').notNull(),
    searchText: text('search_text').notNull(),
    version: text('version').notNull(),
  },
  (t) => [
    index('ref_occupations_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('ref_occupations_isco_idx').on(t.iscoGroup),
  ],
);

export const refSkills = pgTable(
  'ref_skills',
  {
    id: integer('id').primaryKey(),
    uri: text('uri').notNull().unique(),
    labelEn: text('label_en').notNull(),
    labelIt: text('label_it'),
    skillType: text('skill_type'), // knowledge | skill/competence (known for the collections' skills)
    reuseLevel: text('reuse_level'),
    labelSearch: text('label_search').notNull(),
    labelEnSearch: text('label_en_search').notNull(),
    searchText: text('search_text').notNull(),
    version: text('version').notNull(),
  },
  (t) => [index('ref_skills_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`)],
);

/**
 * Essential/optional skills of each occupation. No foreign keys on purpose: only the loader writes
 * this table, from the ids it has just upserted in the same transaction, and per-row FK checks on
 * 124k rows would double the ESCO load time on PGlite.
 */
export const refOccupationSkills = pgTable(
  'ref_occupation_skills',
  {
    occupationId: integer('occupation_id').notNull(),
    skillId: integer('skill_id').notNull(),
    relation: text('relation', { enum: ['essential', 'optional'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.occupationId, t.skillId] }),
    index('ref_occupation_skills_skill_idx').on(t.skillId),
  ],
);
