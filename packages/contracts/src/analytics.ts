import { z } from 'zod';

/**
 * Labour-market analysis (issue 4): skills gap between supply (people in charge) and demand (open
 * vacancies), by province and ISCO group or ESCO skill. Aggregates only: no personal data.
 */
export const SKILLS_GAP_GROUP_BY = ['isco', 'skill'] as const;

export const SkillsGapQuery = z.object({
  groupBy: z
    .enum(SKILLS_GAP_GROUP_BY)
    .default('isco')
    .describe(
      'isco: the ISCO-08 group of the occupation (ESCO) of the person’s most recent work-history entry and of the vacancy; ' +
        'skill: the ESCO skills of the person (person_skills) and the essential skills of the vacancy',
    ),
  iscoLevel: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .default(2)
    .describe('ISCO-08 level the groups are rolled up to: 1 major, 2 sub-major, 3 minor, 4 unit group'),
  province: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .transform((s) => s.toUpperCase())
    .optional()
    .describe('Province abbreviation (e.g. MI): only the cells of that province'),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .default('03')
    .describe('ISTAT region code (default 03, Lombardy)'),
  sector: z
    .string()
    .trim()
    .regex(/^([A-Za-z]|\d{2})$/)
    .transform((s) => s.toUpperCase())
    .optional()
    .describe(
      'ATECO 2025 section (one letter, e.g. C) or division (two digits, e.g. 25): supply = people whose most ' +
        'recent work-history entry with an ATECO code is in it; demand = open vacancies of companies in it',
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .describe('Cells returned, highest shortage first'),
});
export type SkillsGapQuery = z.infer<typeof SkillsGapQuery>;

const Count = z.number().int().nullable();

export const SkillsGapCell = z.object({
  provinceCode: z.string(),
  provinceAbbreviation: z.string(),
  provinceName: z.string(),
  groupKey: z.string().describe('ISCO-08 code at the requested level, or the ESCO skill id'),
  groupLabel: z.string().nullable().describe('Italian label (English when there is none)'),
  supply: Count.describe('People in charge in the cell; null when suppressed (fewer than suppressedBelow)'),
  supplySuppressed: z.boolean(),
  demand: z.number().int().describe('Openings of the open vacancies in the cell'),
  shortageIndex: z
    .number()
    .describe(
      'demand / (supply + 1). When the supply is suppressed it is computed with supply = suppressedBelow - 1 ' +
        '(the largest hidden value), so it is a lower bound and reveals nothing about the hidden count',
    ),
  shortageIsLowerBound: z.boolean(),
});
export type SkillsGapCell = z.infer<typeof SkillsGapCell>;

export const SkillsGapProvince = z.object({
  provinceCode: z.string(),
  provinceAbbreviation: z.string(),
  provinceName: z.string(),
  supply: Count.describe('People in charge resident in the province; null when suppressed'),
  supplySuppressed: z.boolean(),
  demand: z.number().int().describe('Openings of the open vacancies in the province'),
  shortageIndex: z.number().describe('demand / (supply + 1), same rule as the cells'),
  shortageIsLowerBound: z.boolean(),
});

export const SkillsGap = z
  .object({
    groupBy: z.enum(SKILLS_GAP_GROUP_BY),
    iscoLevel: z.number().int(),
    region: z.string(),
    province: z.string().nullable(),
    sector: z.string().nullable(),
    cells: z.array(SkillsGapCell).describe('Highest shortage first (ties: demand, province, group)'),
    surpluses: z
      .array(SkillsGapCell)
      .describe(
        'Lowest shortage first (ties: supply descending, province, group), among the cells whose supply is ' +
          'published (at least suppressedBelow): where people outnumber the openings',
      ),
    totalCells: z.number().int().describe('Cells before the limit'),
    provinces: z
      .array(SkillsGapProvince)
      .describe('Every province of the region (for a choropleth), whatever the province filter'),
    suppressedBelow: z.number().int().describe('People counts below this are shown as null'),
    refreshedAt: z
      .string()
      .describe(
        'Snapshot time of the summary the figures come from (rebuilt a few seconds after relevant writes ' +
          'and at least every 15 minutes)',
      ),
    pendingChanges: z
      .boolean()
      .describe('Relevant writes were recorded after refreshedAt: a refresh is on its way'),
  })
  .describe(
    'Skills gap. Supply: people with a non-terminal pathway who gave the statistics consent, by residence ' +
      'province and by the ISCO group of the occupation of their most recent work-history entry (or by ESCO ' +
      'skill). Demand: openings of open vacancies by the vacancy municipality’s province and the ISCO group ' +
      'of its occupation (or its essential skills). Shortage index = demand / (supply + 1). Served from a ' +
      'pre-aggregated summary (see refreshedAt).',
  );
export type SkillsGap = z.infer<typeof SkillsGap>;

export const ProvinceGeoQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .describe('ISTAT region code (e.g. 03): only that region’s provinces; all of Italy when omitted'),
});
export type ProvinceGeoQuery = z.infer<typeof ProvinceGeoQuery>;

/** GeoJSON (RFC 7946) of the provinces: openpolis/ISTAT boundaries, simplified (CC BY 4.0). */
export const ProvinceGeo = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({
          prov_name: z.string(),
          prov_acr: z.string(),
          prov_istat_code: z.string(),
          reg_istat_code: z.string(),
        }),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }),
      }),
    ),
    attribution: z.string(),
  })
  .describe('Province boundaries (openpolis geojson-italy on ISTAT data, CC BY 4.0), simplified');
export type ProvinceGeo = z.infer<typeof ProvinceGeo>;

/** ATECO 2025 sections with their divisions: the sector filter of the skills-gap analysis. */
export const AnalyticsSectors = z.object({
  items: z.array(
    z.object({
      code: z.string().describe('Section letter'),
      label: z.string(),
      divisions: z.array(z.object({ code: z.string().describe('Two digits'), label: z.string() })),
    }),
  ),
});
export type AnalyticsSectors = z.infer<typeof AnalyticsSectors>;
