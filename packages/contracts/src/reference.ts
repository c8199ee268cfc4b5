import { z } from 'zod';
import { LIMITS } from './common';

export const LookupQuery = z.object({
  q: z
    .string()
    .trim()
    .max(LIMITS.search)
    .default('')
    .describe('Type-ahead text; accent- and case-insensitive'),
  limit: z.coerce.number().int().min(1).max(LIMITS.lookupLimitMax).default(LIMITS.lookupLimitDefault),
});

export const PlacesQuery = LookupQuery.extend({
  kind: z.enum(['municipality', 'province', 'region']).default('municipality'),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .describe('ISTAT region code, e.g. 03 for Lombardy'),
  province: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .describe('Province abbreviation, e.g. MI'),
});

export const Place = z.object({
  kind: z.enum(['municipality', 'province', 'region']),
  code: z.string(),
  name: z.string(),
  provinceCode: z.string().nullable(),
  provinceAbbreviation: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  nuts: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  version: z.string(),
});

export const AtecoQuery = LookupQuery.extend({
  version: z.enum(['2025', '2007']).default('2025'),
  level: z.coerce.number().int().min(1).max(6).optional(),
});

export const AtecoItem = z.object({
  code: z.string(),
  version: z.string(),
  titleIt: z.string(),
  titleEn: z.string().nullable(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  correspondences: z
    .array(z.object({ code: z.string(), title: z.string(), coverage: z.string().nullable() }))
    .describe(
      'Codes of the other ATECO version that this one corresponds to (official ISTAT correspondence)',
    ),
});

export const OccupationQuery = LookupQuery.extend({ lang: z.enum(['it', 'en']).default('it') });

export const SkillRef = z.object({ id: z.number().int(), uri: z.string(), label: z.string() });

export const OccupationItem = z.object({
  id: z.number().int(),
  uri: z.string(),
  code: z.string().nullable(),
  label: z.string(),
  labelIt: z.string().nullable(),
  labelEn: z.string().nullable(),
  iscoGroup: z.string().nullable(),
  version: z.string(),
});

export const OccupationDetail = OccupationItem.extend({
  description: z.string().nullable(),
  iscoGroupLabel: z.string().nullable(),
  essentialSkills: z.array(SkillRef),
  optionalSkills: z.array(SkillRef),
});

export const SkillItem = z.object({
  id: z.number().int(),
  uri: z.string(),
  label: z.string(),
  labelEn: z.string(),
  labelIt: z.string().nullable(),
  skillType: z.string().nullable(),
  version: z.string(),
});

export const ProfessionItem = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  version: z.string(),
});
