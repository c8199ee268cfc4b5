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

/** One row per loaded classification release: what each code list's `version` refers to. */
export const refClassifications = pgTable(
  'ref_classifications',
  {
    scheme: text('scheme').notNull(), // istat_territory | ateco | cp2021 | esco
    version: text('version').notNull(),
    source: text('source').notNull(),
    licence: text('licence').notNull(),
    rowCount: integer('row_count').notNull(),
    checksum: text('checksum').notNull(),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scheme, t.version] })],
);

export const refRegions = pgTable('ref_regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nuts2: text('nuts2'),
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
    name: text('name').notNull(),
    nameAlt: text('name_alt'),
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
    searchText: text('search_text').notNull(),
    version: text('version').notNull(),
  },
  (t) => [
    index('ref_municipalities_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('ref_municipalities_province_idx').on(t.provinceCode),
    index('ref_municipalities_cadastral_idx').on(t.cadastralCode),
  ],
);

export const refAteco = pgTable(
  'ref_ateco',
  {
    version: text('version').notNull(), // '2025' | '2007'
    code: text('code').notNull(),
    titleIt: text('title_it').notNull(),
    titleEn: text('title_en'),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    sortOrder: integer('sort_order').notNull(),
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
    coverage2025: text('coverage_2025'),
    coverage2007: text('coverage_2007'),
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
    searchText: text('search_text').notNull(),
    version: text('version').notNull(),
  },
  (t) => [index('ref_professions_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`)],
);

export const refIscoGroups = pgTable('ref_isco_groups', {
  code: text('code').primaryKey(),
  uri: text('uri').notNull().unique(),
  labelEn: text('label_en').notNull(),
  labelIt: text('label_it'),
  parentCode: text('parent_code'),
  version: text('version').notNull(),
});

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
    skillType: text('skill_type'),
    reuseLevel: text('reuse_level'),
    searchText: text('search_text').notNull(),
    version: text('version').notNull(),
  },
  (t) => [index('ref_skills_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`)],
);

export const refOccupationSkills = pgTable(
  'ref_occupation_skills',
  {
    occupationId: integer('occupation_id')
      .notNull()
      .references(() => refOccupations.id),
    skillId: integer('skill_id')
      .notNull()
      .references(() => refSkills.id),
    relation: text('relation', { enum: ['essential', 'optional'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.occupationId, t.skillId] }),
    index('ref_occupation_skills_skill_idx').on(t.skillId),
  ],
);
