import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, SearchText, Uuid, pageOf } from './common';
import { AtecoCode, MunicipalityCode } from './organizations';
import { CefrLevel, PriorityTarget } from './people';
import { ContractType } from './pathways';

/** Companies: organisations of type 'company' with a profile (size, sector, ATECO, sites). */
export const COMPANY_SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export const CompanySizeClass = z.enum(COMPANY_SIZE_CLASSES);

export const CompanyProfileInput = z.object({
  sizeClass: CompanySizeClass,
  sector: z.string().trim().min(1).max(LIMITS.shortText).nullable().optional(),
  ateco2025Code: AtecoCode,
  ateco2007Code: AtecoCode.nullable()
    .optional()
    .describe('Kept when the company was imported with ATECO 2007'),
  sites: z
    .array(MunicipalityCode)
    .max(500)
    .default([])
    .describe('Municipalities where the company has sites'),
});
export type CompanyProfileInput = z.infer<typeof CompanyProfileInput>;

export const Company = z
  .object({
    id: Uuid,
    name: z.string(),
    fiscalCode: z.string(),
    legalSeatMunicipalityCode: z.string(),
    sizeClass: CompanySizeClass.nullable(),
    sector: z.string().nullable(),
    ateco2025Code: z.string().nullable(),
    ateco2007Code: z.string().nullable(),
    sites: z.array(z.object({ municipalityCode: z.string(), name: z.string() })),
    openVacancies: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'Company' });
export type Company = z.infer<typeof Company>;
export const CompanyPage = pageOf(Company);
export const CompanyQuery = CursorQuery.extend({
  q: SearchText.optional(),
  sizeClass: CompanySizeClass.optional(),
  ateco: z.string().trim().max(10).optional().describe('ATECO 2025 code prefix'),
});

/** Vacancies. */
export const VACANCY_STATUSES = ['draft', 'open', 'filled', 'closed'] as const;
export const VacancyStatus = z.enum(VACANCY_STATUSES);
export type VacancyStatus = z.infer<typeof VacancyStatus>;
export const WORK_MODES = ['onsite', 'hybrid', 'remote'] as const;
export const WorkMode = z.enum(WORK_MODES);

export const VacancySkill = z.object({ skillId: z.number().int().positive() });
export const VacancyLanguage = z.object({
  language: z.string().regex(/^[a-z]{2}$/, { message: 'language_invalid' }),
  minLevel: CefrLevel,
  mandatory: z.boolean().default(false),
});

const vacancyFields = {
  title: z.string().trim().min(2).max(LIMITS.name),
  description: z.string().trim().max(LIMITS.longText).nullable().optional(),
  occupationId: z.number().int().positive().describe('ESCO occupation (ref_occupations.id)'),
  professionCode: z.string().trim().max(20).nullable().optional().describe('ISTAT CP2021 profession code'),
  municipalityCode: MunicipalityCode,
  workMode: WorkMode.default('onsite'),
  contractType: ContractType,
  durationMonths: z.number().int().min(1).max(120).nullable().optional(),
  hoursPerWeek: z.number().int().min(1).max(60).nullable().optional(),
  educationLevel: z.number().int().min(1).max(8).nullable().optional().describe('EQF level required'),
  educationMandatory: z.boolean().default(false),
  languages: z.array(VacancyLanguage).max(10).default([]),
  openings: z.number().int().min(1).max(10000).default(1),
  startDate: IsoDate.nullable().optional(),
  closingDate: IsoDate.nullable().optional(),
  countsTowardsPledge: z.boolean().default(false),
};

export const VacancyInput = z.object({
  ...vacancyFields,
  organizationId: Uuid.optional().describe("The company; default: the caller's organisation"),
  status: z.enum(['draft', 'open']).default('draft'),
  essentialSkillIds: z
    .array(z.number().int().positive())
    .max(200)
    .optional()
    .describe("Default: the occupation's essential ESCO skills"),
  optionalSkillIds: z
    .array(z.number().int().positive())
    .max(400)
    .optional()
    .describe("Default: the occupation's optional ESCO skills"),
});
export type VacancyInput = z.infer<typeof VacancyInput>;

export const VacancyPatch = z
  .object({
    version: z.number().int().positive(),
    title: vacancyFields.title.optional(),
    description: vacancyFields.description,
    professionCode: vacancyFields.professionCode,
    municipalityCode: MunicipalityCode.optional(),
    workMode: WorkMode.optional(),
    contractType: ContractType.optional(),
    durationMonths: vacancyFields.durationMonths,
    hoursPerWeek: vacancyFields.hoursPerWeek,
    educationLevel: vacancyFields.educationLevel,
    educationMandatory: z.boolean().optional(),
    languages: z.array(VacancyLanguage).max(10).optional(),
    openings: z.number().int().min(1).max(10000).optional(),
    startDate: IsoDate.nullable().optional(),
    closingDate: IsoDate.nullable().optional(),
    countsTowardsPledge: z.boolean().optional(),
    status: VacancyStatus.optional(),
    essentialSkillIds: z.array(z.number().int().positive()).max(200).optional(),
    optionalSkillIds: z.array(z.number().int().positive()).max(400).optional(),
  })
  .describe('Only the fields given change; `version` guards against lost updates');
export type VacancyPatch = z.infer<typeof VacancyPatch>;

export const SkillLabel = z.object({ id: z.number().int(), label: z.string() });

export const Vacancy = z
  .object({
    id: Uuid,
    organizationId: Uuid,
    organizationName: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    occupationId: z.number().int(),
    occupationLabel: z.string().nullable(),
    iscoGroup: z.string().nullable(),
    professionCode: z.string().nullable(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    workMode: WorkMode,
    contractType: ContractType,
    durationMonths: z.number().int().nullable(),
    hoursPerWeek: z.number().int().nullable(),
    educationLevel: z.number().int().nullable(),
    educationMandatory: z.boolean(),
    languages: z.array(z.object({ language: z.string(), minLevel: CefrLevel, mandatory: z.boolean() })),
    openings: z.number().int(),
    startDate: z.string().nullable(),
    closingDate: z.string().nullable(),
    status: VacancyStatus,
    countsTowardsPledge: z.boolean(),
    essentialSkills: z.array(SkillLabel),
    optionalSkills: z.array(SkillLabel),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Vacancy' });
export type Vacancy = z.infer<typeof Vacancy>;

export const VacancySummary = Vacancy.omit({
  description: true,
  essentialSkills: true,
  optionalSkills: true,
  languages: true,
}).meta({ id: 'VacancySummary' });
export const VacancyPage = pageOf(VacancySummary);
export const VacancyQuery = CursorQuery.extend({
  q: SearchText.optional(),
  status: VacancyStatus.optional(),
  organizationId: Uuid.optional(),
  occupationId: z.coerce.number().int().positive().optional(),
  provinceCode: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  municipalityCode: MunicipalityCode.optional(),
  workMode: WorkMode.optional(),
  contractType: ContractType.optional(),
});

/** Matching: every result explains itself. */
export const ScoreParts = z.object({
  essentialSkills: z.number().describe('0..0.5: share of essential skills held'),
  optionalSkills: z.number().describe('0..0.15: share of optional skills held'),
  occupation: z
    .number()
    .describe('0..0.2: same occupation 0.2, same ISCO unit group 0.12, same minor group 0.06'),
  distance: z.number().describe('0..0.1: decays linearly to 0 at the mobility radius; remote work 0.1'),
  priorityBoost: z.number().describe('0.05 for a priority-target person on a pledged vacancy'),
});
export const MatchExplanation = z.object({
  score: z.number(),
  parts: ScoreParts,
  matchedEssentialSkills: z.array(SkillLabel),
  missingEssentialSkills: z.array(SkillLabel),
  matchedOptionalSkills: z.array(SkillLabel),
  distanceKm: z.number().nullable(),
  occupationCloseness: z.enum(['same_occupation', 'same_unit_group', 'same_minor_group', 'none']),
});
export const CandidateMatch = MatchExplanation.extend({
  rank: z.number().int(),
  person: z
    .object({ id: Uuid, firstName: z.string(), lastName: z.string() })
    .nullable()
    .describe('null when the caller may not see the person: an anonymised candidate'),
  candidateRef: z.string().describe('Stable opaque reference of the candidate within this vacancy'),
  municipalityName: z.string().nullable(),
  educationLevel: z.number().int().nullable(),
});
export const VacancyMatches = z.object({ vacancyId: Uuid, items: z.array(CandidateMatch) }).meta({
  id: 'VacancyMatches',
});
export const VacancyMatch = MatchExplanation.extend({
  rank: z.number().int(),
  vacancy: z.object({
    id: Uuid,
    title: z.string(),
    organizationName: z.string(),
    municipalityName: z.string(),
    workMode: WorkMode,
  }),
});
export const PersonMatches = z.object({ personId: Uuid, items: z.array(VacancyMatch) }).meta({
  id: 'PersonMatches',
});
export const MatchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Pledges: a company pledges job offers for a priority target over a period, tracked against hires. */
/**
 * A pledge covers at least this many days (both ends included): a short period would let the company
 * learn, from the hires counter, the priority target of the one person it hired that day.
 */
export const PLEDGE_MIN_DAYS = 30;
/**
 * Priority targets that reveal sensitive facts (health, origin, social care): for company staff a
 * pledge's hires counter for these is suppressed below PLEDGE_MIN_HIRES_SHOWN.
 */
export const SENSITIVE_PRIORITY_TARGETS = [
  'disability_l68',
  'migrant',
  'social_services',
] as const satisfies readonly PriorityTarget[];
export const PLEDGE_MIN_HIRES_SHOWN = 5;
const pledgeDays = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
/** A pledge is active until the company withdraws it; a withdrawn pledge stays on the board, out of totals. */
export const PLEDGE_STATUSES = ['active', 'withdrawn'] as const;
export const PledgeStatus = z.enum(PLEDGE_STATUSES);
export type PledgeStatus = z.infer<typeof PledgeStatus>;

const pledgeFields = {
  priorityTarget: PriorityTarget,
  offers: z.number().int().min(1).max(100000),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  note: z.string().trim().max(LIMITS.longText).nullable().optional(),
};
/** The period checks, the same at creation and on edit. */
const withPeriodChecks = <S extends z.ZodType<{ periodFrom: string; periodTo: string }>>(schema: S) =>
  schema
    .refine((p) => p.periodTo >= p.periodFrom, { message: 'period_invalid', path: ['periodTo'] })
    .refine((p) => p.periodTo < p.periodFrom || pledgeDays(p.periodFrom, p.periodTo) >= PLEDGE_MIN_DAYS, {
      message: 'period_too_short',
      path: ['periodTo'],
    });

export const PledgeInput = withPeriodChecks(
  z.object({
    organizationId: Uuid.optional().describe("The company; default: the caller's organisation"),
    ...pledgeFields,
  }),
);
export type PledgeInput = z.infer<typeof PledgeInput>;

/** Edit of an active pledge that has not ended (the company's staff); `version` is the one read. */
export const PledgeUpdate = withPeriodChecks(
  z.object({
    ...pledgeFields,
    version: z.number().int().min(1).describe('The version read: a stale one answers 409'),
  }),
);
export type PledgeUpdate = z.infer<typeof PledgeUpdate>;

/** Withdrawal of an active pledge that has not ended (the company's staff), with the reason. */
export const PledgeWithdrawal = z.object({
  reason: z.string().trim().min(1).max(LIMITS.longText),
  version: z.number().int().min(1).describe('The version read: a stale one answers 409'),
});
export type PledgeWithdrawal = z.infer<typeof PledgeWithdrawal>;

export const Pledge = z
  .object({
    id: Uuid,
    organizationId: Uuid,
    organizationName: z.string(),
    priorityTarget: PriorityTarget,
    offers: z.number().int(),
    periodFrom: z.string(),
    periodTo: z.string(),
    note: z.string().nullable(),
    status: PledgeStatus,
    ended: z
      .boolean()
      .describe('The period is over (before today in Italy): the pledge can no longer change'),
    withdrawal: z
      .object({
        at: z.string(),
        reason: z.string(),
        byName: z.string().nullable().describe('Who withdrew it (display name)'),
      })
      .nullable()
      .describe('When, why and by whom the pledge was withdrawn; null while active'),
    hires: z
      .number()
      .int()
      .nullable()
      .describe(
        'Placements at the company in the period of people in the priority target; null when suppressed',
      ),
    hiresSuppressed: z
      .boolean()
      .describe(
        'For company staff, the hires of a sensitive priority target are hidden when fewer than 5 (shown as "<5")',
      ),
    pledgedVacancies: z
      .number()
      .int()
      .describe('Vacancies counting towards pledges published (open or filled) in the period'),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Pledge' });
export const PledgeTotals = z
  .object({
    pledges: z.number().int().describe('Active pledges (withdrawn ones do not count)'),
    offers: z.number().int(),
    hires: z.number().int().describe('Hires of the active pledges, leaving out the suppressed counts'),
    hiresSuppressed: z.boolean().describe('Some suppressed hires counts are left out of `hires`'),
    withdrawn: z.number().int().describe('Withdrawn pledges (listed, not counted)'),
  })
  .meta({ id: 'PledgeTotals' });
export const PledgePage = pageOf(Pledge).extend({
  totals: PledgeTotals.nullable().describe(
    'Totals of every pledge matching the filters (all pages); on the first page only, null after',
  ),
});
export const PledgeQuery = CursorQuery.extend({
  organizationId: Uuid.optional(),
  priorityTarget: PriorityTarget.optional(),
});
