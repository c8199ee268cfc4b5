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
    cells: z.array(SkillsGapCell).describe('Highest shortage first (ties: demand, province, group)'),
    totalCells: z.number().int().describe('Cells before the limit'),
    provinces: z
      .array(SkillsGapProvince)
      .describe('Every province of the region (for a choropleth), whatever the province filter'),
    suppressedBelow: z.number().int().describe('People counts below this are shown as null'),
  })
  .describe(
    'Skills gap. Supply: people with a non-terminal pathway who gave the statistics consent, by residence ' +
      'province and by the ISCO group of the occupation of their most recent work-history entry (or by ESCO ' +
      'skill). Demand: openings of open vacancies by the vacancy municipality’s province and the ISCO group ' +
      'of its occupation (or its essential skills). Shortage index = demand / (supply + 1).',
  );
export type SkillsGap = z.infer<typeof SkillsGap>;
