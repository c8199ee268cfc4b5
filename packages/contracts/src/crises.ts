import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, SearchText, Uuid, pageOf } from './common';
import { PathwayState, type PathwayState as PathwayStateT } from './pathways';

/**
 * Collective re-employment (GOL path 5): a company crisis, the cohort of affected workers, group
 * actions with attendance, the cohort's skills profile, target companies, the anonymised territorial
 * marketing profile and the outcome against the programme's threshold.
 */

export const CRISIS_STATUSES = ['open', 'closed'] as const;
export const CrisisStatus = z.enum(CRISIS_STATUSES);
export type CrisisStatus = z.infer<typeof CrisisStatus>;

export const GROUP_ACTION_KINDS = [
  'outplacement_workshop',
  'skills_analysis',
  'group_training',
  'job_club',
] as const;
export const GroupActionKind = z.enum(GROUP_ACTION_KINDS);
export type GroupActionKind = z.infer<typeof GroupActionKind>;

export const ATTENDANCE_STATUSES = ['present', 'absent', 'justified'] as const;
export const AttendanceStatus = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/**
 * Outcome definitions (documented in GLOSSARY.md):
 * - an ACTIVE participant is a cohort member who was present at at least one session of the crisis's
 *   group actions, or whose pathway reached an active state (pact signed, in delivery, placed);
 * - a RE-EMPLOYED participant is an active participant whose pathway is placed.
 */
export const CRISIS_ACTIVE_PATHWAY_STATES = [
  'pact_signed',
  'in_delivery',
  'placed',
] as const satisfies readonly PathwayStateT[];

/** Counts of people below this are shown as "<5" in the anonymised marketing profile. */
export const CRISIS_MIN_GROUP = 5;

const Municipality = z.string().regex(/^[0-9]{6}$/, { message: 'municipality_code_invalid' });
const UnionName = z.string().trim().min(2).max(LIMITS.shortText);

const CrisisFields = z.object({
  title: z.string().trim().min(2).max(LIMITS.name).describe('Short name, e.g. "Chiusura stabilimento"'),
  companyId: Uuid.describe('The company in crisis (organisation of type company)'),
  siteMunicipalityCode: Municipality.describe('The site (ISTAT municipality code)'),
  programmeId: Uuid.describe('The programme funding the collective re-employment (threshold, funding)'),
  workersAffected: z.int().min(1).max(100_000),
  announcedOn: IsoDate,
  agreementOn: IsoDate.nullable().optional().describe('Date of the agreement with the unions'),
  redundancyEndOn: IsoDate.nullable()
    .optional()
    .describe('End of the redundancy procedure or of the CIGS (extraordinary wage guarantee)'),
  agreementSigned: z.boolean(),
  unionOrganizations: z.array(UnionName).max(20),
  agreementNotes: z.string().trim().max(LIMITS.longText).nullable().optional(),
});

function checkDates(
  c: {
    announcedOn?: string | undefined;
    agreementOn?: string | null | undefined;
    redundancyEndOn?: string | null | undefined;
    agreementSigned?: boolean | undefined;
  },
  ctx: z.RefinementCtx,
) {
  if (c.announcedOn && c.agreementOn && c.agreementOn < c.announcedOn)
    ctx.addIssue({ code: 'custom', path: ['agreementOn'], message: 'before_announcement' });
  if (c.announcedOn && c.redundancyEndOn && c.redundancyEndOn < c.announcedOn)
    ctx.addIssue({ code: 'custom', path: ['redundancyEndOn'], message: 'before_announcement' });
  if (c.agreementSigned === true && c.agreementOn === null)
    ctx.addIssue({ code: 'custom', path: ['agreementOn'], message: 'agreement_date_required' });
}

export const CrisisInput = CrisisFields.extend({
  agreementSigned: z.boolean().default(false),
  unionOrganizations: z.array(UnionName).max(20).default([]),
}).superRefine((c, ctx) => {
  checkDates(c, ctx);
  if (c.agreementSigned && c.agreementOn === undefined)
    ctx.addIssue({ code: 'custom', path: ['agreementOn'], message: 'agreement_date_required' });
});
export type CrisisInput = z.infer<typeof CrisisInput>;

export const CrisisPatch = CrisisFields.omit({ companyId: true })
  .partial()
  .extend({
    status: CrisisStatus.optional(),
    version: z.int().min(1).describe('The version you read (optimistic locking)'),
  })
  .superRefine(checkDates);
export type CrisisPatch = z.infer<typeof CrisisPatch>;

/** What the actor may do with a crisis (the UI shows tabs and buttons from it). */
export const CrisisAccess = z.enum(['owner', 'network', 'company']);
export type CrisisAccess = z.infer<typeof CrisisAccess>;

export const CrisisSummary = z.object({
  id: Uuid,
  title: z.string(),
  companyId: Uuid,
  companyName: z.string(),
  siteMunicipalityCode: z.string(),
  siteMunicipalityName: z.string(),
  ownerOrganizationId: Uuid,
  ownerOrganizationName: z.string(),
  workersAffected: z.int(),
  cohortSize: z.int(),
  announcedOn: z.string(),
  status: CrisisStatus,
  createdAt: z.string(),
});
export type CrisisSummary = z.infer<typeof CrisisSummary>;

export const Crisis = CrisisSummary.extend({
  programmeId: Uuid,
  programmeCode: z.string(),
  programmeName: z.string(),
  agreementOn: z.string().nullable(),
  redundancyEndOn: z.string().nullable(),
  agreementSigned: z.boolean(),
  unionOrganizations: z.array(z.string()),
  agreementNotes: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.int(),
  updatedAt: z.string(),
  access: CrisisAccess,
});
export type Crisis = z.infer<typeof Crisis>;

export const CrisisQuery = CursorQuery.extend({
  q: SearchText.optional().describe('Words of the title, company or site'),
  status: CrisisStatus.optional(),
  companyId: Uuid.optional(),
});
export const CrisisPage = pageOf(CrisisSummary);

// ---------------------------------------------------------------------------------------------
// Cohort
// ---------------------------------------------------------------------------------------------

export const CohortMember = z.object({
  personId: Uuid,
  firstName: z.string(),
  lastName: z.string(),
  fiscalCode: z.string(),
  municipalityName: z.string().nullable(),
  pathwayId: Uuid.nullable(),
  pathwayState: PathwayState.nullable(),
  sessionsPresent: z.int(),
  active: z.boolean(),
  addedAt: z.string(),
});
export type CohortMember = z.infer<typeof CohortMember>;

export const CohortPage = pageOf(CohortMember).extend({
  total: z.int().describe('Members of the cohort'),
  hidden: z.int().describe('Members whose record you may not see (counted, not listed)'),
});
export type CohortPage = z.infer<typeof CohortPage>;

export const CohortQuery = CursorQuery;
export const CohortAdd = z.object({ personId: Uuid });

// ---------------------------------------------------------------------------------------------
// Group actions and attendance
// ---------------------------------------------------------------------------------------------

export const GroupActionInput = z
  .object({
    kind: GroupActionKind,
    title: z.string().trim().min(2).max(LIMITS.name),
    startsOn: IsoDate,
    endsOn: IsoDate,
    hours: z.int().min(1).max(2000).describe('Planned hours of the whole action'),
    providerOrganizationId: Uuid.describe('The organisation delivering the action'),
  })
  .superRefine((a, ctx) => {
    if (a.endsOn < a.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'date_range_invalid' });
  });
export type GroupActionInput = z.infer<typeof GroupActionInput>;

export const SessionInput = z.object({
  heldOn: IsoDate,
  hours: z.number().min(0.5).max(12).multipleOf(0.5),
});
export type SessionInput = z.infer<typeof SessionInput>;

export const AttendanceInput = z.object({
  entries: z
    .array(z.object({ personId: Uuid, status: AttendanceStatus }))
    .min(1)
    .max(500),
});
export type AttendanceInput = z.infer<typeof AttendanceInput>;

export const AttendanceEntry = z.object({
  personId: Uuid,
  firstName: z.string(),
  lastName: z.string(),
  status: AttendanceStatus,
});

export const ActionSession = z.object({
  id: Uuid,
  heldOn: z.string(),
  hours: z.number(),
  present: z.int(),
  absent: z.int(),
  justified: z.int(),
  attendance: z.array(AttendanceEntry).describe('Only the members whose record you may see'),
});
export type ActionSession = z.infer<typeof ActionSession>;

export const GroupAction = z.object({
  id: Uuid,
  kind: GroupActionKind,
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  hours: z.int(),
  providerOrganizationId: Uuid,
  providerName: z.string(),
  sessions: z.array(ActionSession),
  createdAt: z.string(),
});
export type GroupAction = z.infer<typeof GroupAction>;
export const GroupActionList = z.object({ items: z.array(GroupAction) });

// ---------------------------------------------------------------------------------------------
// Skills profile, target companies
// ---------------------------------------------------------------------------------------------

/** A count of people: the number when at least CRISIS_MIN_GROUP, otherwise "<5". */
export const SuppressedCount = z.union([z.int(), z.literal('<5')]);
export type SuppressedCount = z.infer<typeof SuppressedCount>;

const Counted = z.object({
  key: z.string(),
  label: z.string().nullable(),
  count: SuppressedCount.describe('"<5" for viewers outside the owning organisation'),
});

/**
 * The owning organisation sees exact counts; other viewers (network coordinators of other
 * organisations) see counts under CRISIS_MIN_GROUP as "<5" (`suppressed`: true).
 */
export const SkillsProfile = z.object({
  cohortSize: SuppressedCount,
  withSkills: SuppressedCount.describe('Members with at least one recorded skill'),
  suppressed: z.boolean().describe('Counts under 5 are shown as "<5" (viewer outside the owner)'),
  skills: z.array(Counted.extend({ skillId: z.int() })),
  occupations: z.array(Counted.extend({ occupationId: z.int() })),
  iscoGroups: z.array(Counted).describe('ISCO minor groups (3 digits) of the latest occupation'),
});
export type SkillsProfile = z.infer<typeof SkillsProfile>;

export const TargetCompanyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const TARGET_WEIGHTS = { skills: 0.4, positions: 0.25, sector: 0.15, reach: 0.2 } as const;

export const TargetCompany = z.object({
  rank: z.int(),
  organizationId: Uuid,
  name: z.string(),
  atecoCode: z.string().nullable(),
  atecoDivision: z.string().nullable(),
  score: z.number().describe('0-100: weighted sum of the parts'),
  parts: z.object({
    skills: z.number().describe('Share of the skills their open vacancies demand that the cohort has'),
    positions: z.number().describe('Open positions within reach / cohort size (at most 1)'),
    sector: z
      .number()
      .describe('Open positions of the ATECO division in the region / cohort size (at most 1)'),
    reach: z.number().describe('Cohort members within reach / cohort size'),
  }),
  matchedSkills: z.array(z.object({ skillId: z.int(), label: z.string().nullable(), workers: z.int() })),
  workersWithinReach: z.int(),
  openPositions: z.int(),
  openVacancies: z.int(),
  sectorOpenPositions: z.int(),
  nearestKm: z.number().nullable(),
});
export type TargetCompany = z.infer<typeof TargetCompany>;

export const TargetCompanies = z.object({
  cohortSize: z.int(),
  weights: z.object({ skills: z.number(), positions: z.number(), sector: z.number(), reach: z.number() }),
  items: z.array(TargetCompany),
  totalCandidates: z.int(),
});
export type TargetCompanies = z.infer<typeof TargetCompanies>;

// ---------------------------------------------------------------------------------------------
// Territorial marketing (anonymised)
// ---------------------------------------------------------------------------------------------

const MarketingGroup = z.object({ key: z.string(), label: z.string(), count: SuppressedCount });
export type MarketingGroup = z.infer<typeof MarketingGroup>;

export const MarketingProfile = z.object({
  crisisTitle: z.string(),
  companyName: z.string(),
  siteMunicipalityName: z.string(),
  provinceName: z.string().nullable(),
  programmeName: z.string(),
  workersAffected: z.int(),
  cohortSize: SuppressedCount,
  ageBands: z.array(MarketingGroup),
  sex: z.array(MarketingGroup),
  education: z.array(MarketingGroup),
  occupationGroups: z.array(MarketingGroup),
  skills: z.array(MarketingGroup),
  languages: z.array(MarketingGroup),
  drivingLicences: z.array(MarketingGroup),
  provinces: z.array(MarketingGroup),
  suppressedBelow: z.int(),
  generatedAt: z.string(),
});
export type MarketingProfile = z.infer<typeof MarketingProfile>;

// ---------------------------------------------------------------------------------------------
// Outcome
// ---------------------------------------------------------------------------------------------

/**
 * The owning organisation sees exact figures. Other viewers (the company, network coordinators of other
 * organisations) see counts under CRISIS_MIN_GROUP as "<5", the rate and the verdict only with at
 * least CRISIS_MIN_GROUP active participants, and no amounts when the re-employed are under it (the
 * amounts are re-employed x unit cost): `suppressed` is then true.
 */
export const CrisisOutcome = z.object({
  cohortSize: SuppressedCount,
  activeParticipants: SuppressedCount,
  reEmployed: SuppressedCount,
  ratePct: z
    .number()
    .nullable()
    .describe(
      'Re-employed / active participants, in percent (1 decimal); null without active participants or when suppressed',
    ),
  suppressed: z.boolean().describe('Some figures are hidden to protect small groups'),
  thresholdPct: z.int().describe('From the programme (rule parameter)'),
  reductionPct: z.int().describe('Reduction of the result-based share when the rate is below the threshold'),
  thresholdMet: z.boolean().nullable().describe('null when suppressed'),
  resultLine: z
    .object({ code: z.string(), name: z.string(), unitCostCents: z.int() })
    .nullable()
    .describe('The on-result catalogue line paid per placement'),
  resultBaseCents: z
    .int()
    .nullable()
    .describe('Re-employed x unit cost of the result line; null when suppressed'),
  reductionCents: z.int().nullable(),
  resultPayableCents: z.int().nullable(),
  programmeCode: z.string(),
  definitions: z.object({ active: z.string(), reEmployed: z.string() }),
});
export type CrisisOutcome = z.infer<typeof CrisisOutcome>;
