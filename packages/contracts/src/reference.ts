import { z } from 'zod';
import { LIMITS } from './common';

// Look-ups over the shipped reference data (ISTAT territory, ATECO, CP2021, ESCO). Type-ahead search
// is accent- and case-insensitive; results are ranked: exact or prefix code match, label prefix, word
// prefix, substring, then similar spellings, with a deterministic tie-break (shorter label, code).

export const LookupQuery = z.object({
  q: z
    .string()
    .trim()
    .max(LIMITS.search)
    .default('')
    .describe('Type-ahead text (label words or code); accent- and case-insensitive'),
  limit: z.coerce.number().int().min(1).max(LIMITS.lookupLimitMax).default(LIMITS.lookupLimitDefault),
});

export const ReferenceLang = z.enum(['it', 'en']).describe('Label language; the other one is the fallback');
export type ReferenceLang = z.infer<typeof ReferenceLang>;

/** Look-up answers: one list, best match first. */
export function lookupOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

export const PLACE_KINDS = ['municipality', 'province', 'region'] as const;
export const PlaceKind = z.enum(PLACE_KINDS);

export const PlacesQuery = LookupQuery.extend({
  kind: PlaceKind.default('municipality'),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .describe('ISTAT region code, e.g. 03 for Lombardy'),
  province: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .describe('Province abbreviation (sigla), e.g. MI'),
});

export const PlaceCodeParams = z.object({
  code: z
    .string()
    .regex(/^(\d{2}|\d{3}|\d{6})$/)
    .describe('ISTAT code: 6 digits for a municipality, 3 for a province (UTS code), 2 for a region'),
});

export const Place = z.object({
  kind: PlaceKind,
  code: z.string().describe('ISTAT code (municipality: 6 digits; province: UTS code; region: 2 digits)'),
  name: z.string().describe('Italian name'),
  nameAlt: z.string().nullable().describe('Name in the other official language, e.g. Bozen'),
  provinceCode: z.string().nullable(),
  provinceAbbreviation: z.string().nullable(),
  provinceName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  nuts: z
    .string()
    .nullable()
    .describe('NUTS 2024 code: level 3 for municipalities and provinces, 2 for regions'),
  lat: z.number().nullable().describe('Approximate centre (municipalities only; for map markers)'),
  lon: z.number().nullable(),
  version: z.string().describe('ISTAT edition of the list'),
});
export type Place = z.infer<typeof Place>;
export const PlaceList = lookupOf(Place);

export const ATECO_VERSIONS = ['2025', '2007'] as const;
export const AtecoVersion = z.enum(ATECO_VERSIONS);

export const AtecoQuery = LookupQuery.extend({
  version: AtecoVersion.default('2025').describe('ATECO 2025 (in force) or ATECO 2007 (2022 update)'),
  level: z.coerce
    .number()
    .int()
    .min(1)
    .max(6)
    .optional()
    .describe('1 section, 2 division, 3 group, 4 class, 5 category, 6 sub-category'),
});

export const AtecoCorrespondence = z.object({
  code: z.string(),
  title: z.string(),
  coverage: z
    .enum(['total', 'partial'])
    .nullable()
    .describe('total: the whole listed code falls within the looked-up code; partial: only part of it'),
  note: z.string().nullable().describe('Shared content of a partial correspondence (ISTAT, Italian)'),
});

export const AtecoItem = z.object({
  code: z.string(),
  version: AtecoVersion,
  titleIt: z.string(),
  titleEn: z.string().nullable(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  correspondences: z
    .array(AtecoCorrespondence)
    .describe(
      'Codes of the other ATECO version that this one corresponds to (official ISTAT correspondence)',
    ),
});
export type AtecoItem = z.infer<typeof AtecoItem>;
export const AtecoList = lookupOf(AtecoItem);

export const OccupationQuery = LookupQuery.extend({
  lang: ReferenceLang.default('it'),
  iscoGroup: z
    .string()
    .regex(/^\d{1,4}$/)
    .optional()
    .describe('ISCO-08 group code (or prefix), e.g. 2512'),
});

export const OccupationParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const OccupationDetailQuery = z.object({ lang: ReferenceLang.default('it') });

export const SkillRef = z.object({
  id: z.number().int(),
  uri: z.string(),
  label: z.string(),
  skillType: z.string().nullable(),
});

export const OccupationItem = z.object({
  id: z.number().int().describe('Compact ESCO occupation id, stable across reloads'),
  uri: z.string(),
  code: z.string().nullable().describe('ESCO occupation code, e.g. 2512.4'),
  label: z.string().describe('Label in the requested language, or the other one when missing'),
  labelIt: z.string().nullable().describe('Italian label (ESCO v1.0.8)'),
  labelEn: z.string().nullable(),
  iscoGroup: z.string().nullable(),
  version: z.string(),
});
export const OccupationList = lookupOf(OccupationItem);

export const OccupationDetail = OccupationItem.extend({
  description: z.string().nullable(),
  iscoGroupLabel: z.string().nullable(),
  essentialSkills: z.array(SkillRef),
  optionalSkills: z.array(SkillRef),
});
export type OccupationDetail = z.infer<typeof OccupationDetail>;

export const SKILL_TYPES = ['knowledge', 'skill/competence'] as const;

export const SkillQuery = LookupQuery.extend({
  lang: ReferenceLang.default('it'),
  skillType: z.enum(SKILL_TYPES).optional(),
});

export const SkillItem = z.object({
  id: z.number().int().describe('Compact ESCO skill id, stable across reloads'),
  uri: z.string(),
  label: z.string().describe('Label in the requested language, or the other one when missing'),
  labelEn: z.string(),
  labelIt: z.string().nullable(),
  skillType: z.string().nullable(),
  reuseLevel: z.string().nullable(),
  version: z.string(),
});
export const SkillList = lookupOf(SkillItem);

export const ProfessionQuery = LookupQuery.extend({
  level: z.coerce.number().int().min(1).max(5).optional().describe('5 = unità professionale'),
});

export const ProfessionItem = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  version: z.string(),
});
export const ProfessionList = lookupOf(ProfessionItem);
