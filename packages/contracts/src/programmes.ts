import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, Uuid, pageOf } from './common';
import { PRIORITY_TARGETS, PriorityTarget } from './people';

/**
 * Programmes (GOL, Dote Unica Lavoro, ...): service catalogue, intensity bands, profiling rule sets and
 * result rules. Money is always an integer number of euro cents.
 */

/** Largest amount accepted anywhere (10 million euro), well inside a PostgreSQL integer. */
export const MAX_MONEY_CENTS = 1_000_000_000;
export const MoneyCents = z
  .int()
  .min(0)
  .max(MAX_MONEY_CENTS)
  .describe('An amount in euro cents (integer; 12345 = 123,45 EUR)');

export const PROGRAMME_STATUSES = ['draft', 'active', 'closed'] as const;
export const ProgrammeStatus = z.enum(PROGRAMME_STATUSES);

export const PAYMENT_MODES = ['per_unit', 'on_result'] as const;
export const PaymentMode = z.enum(PAYMENT_MODES);
export type PaymentMode = z.infer<typeof PaymentMode>;

export const SERVICE_UNITS = ['hour', 'session', 'lump_sum'] as const;
export const ServiceUnit = z.enum(SERVICE_UNITS);
export type ServiceUnit = z.infer<typeof ServiceUnit>;

/** GOL paths: 1 re-entry, 2 upskilling, 3 reskilling, 4 work and inclusion, 5 collective re-employment. */
export const GOL_PATHS = [1, 2, 3, 4, 5] as const;
export const GolPath = z.int().min(1).max(5);
export const IntensityBand = z.int().min(1).max(5);

export const ProgrammeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { message: 'programme_code_invalid' })
  .describe('Short code, e.g. GOL-LOM-DEMO');

export const CatalogueLineCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,29}$/, { message: 'catalogue_code_invalid' });

export const MAX_UNITS_PER_LINE = 10_000;

export const CatalogueLineInput = z.object({
  code: CatalogueLineCode,
  name: z.string().trim().min(2).max(LIMITS.name),
  paymentMode: PaymentMode,
  unit: ServiceUnit,
  unitCostCents: MoneyCents.refine((v) => v > 0, { message: 'unit_cost_positive' }),
  maxUnitsPerVoucher: z.int().min(1).max(MAX_UNITS_PER_LINE),
  active: z.boolean().default(true),
});
export type CatalogueLineInput = z.infer<typeof CatalogueLineInput>;

export const CatalogueLinePatch = CatalogueLineInput.omit({ code: true }).partial();

export const CatalogueLine = z.object({
  id: Uuid,
  programmeId: Uuid,
  code: z.string(),
  name: z.string(),
  paymentMode: PaymentMode,
  unit: ServiceUnit,
  unitCostCents: z.int(),
  maxUnitsPerVoucher: z.int(),
  active: z.boolean(),
});
export type CatalogueLine = z.infer<typeof CatalogueLine>;

export const BandInput = z.object({
  band: IntensityBand,
  name: z.string().trim().min(2).max(LIMITS.shortText),
  capCents: MoneyCents.refine((v) => v > 0, { message: 'cap_positive' }),
  durationMonths: z.int().min(1).max(36),
});
export type BandInput = z.infer<typeof BandInput>;
export const Band = BandInput;
export type Band = z.infer<typeof Band>;

// ---------------------------------------------------------------------------------------------
// Profiling rule sets: data, versioned. Higher score = further from the labour market.
// ---------------------------------------------------------------------------------------------

/** The numbers the scoring reads from a person's record (computed by the server at assessment time). */
export const PROFILE_NUMERIC_INPUTS = [
  'age',
  'monthsUnemployed',
  'educationLevel',
  'monthsSinceLastJob',
  'workHistoryCount',
] as const;
export const ProfileNumericInput = z.enum(PROFILE_NUMERIC_INPUTS);
export const PROFILE_VALUE_INPUTS = [
  'sex',
  'employmentStatus',
  'hasWorkHistory',
  'citizenshipItalian',
] as const;
export const ProfileValueInput = z.enum(PROFILE_VALUE_INPUTS);

export const ProfileInputs = z.object({
  age: z.int().nullable(),
  monthsUnemployed: z.int().nullable().describe('Whole months since the DID date (null without a DID)'),
  educationLevel: z.int().nullable().describe('EQF level 1-8'),
  monthsSinceLastJob: z.int().nullable().describe('Null when there is no work history'),
  workHistoryCount: z.int().nullable(),
  sex: z.string().nullable(),
  employmentStatus: z.string().nullable(),
  hasWorkHistory: z.boolean().nullable(),
  citizenshipItalian: z.boolean().nullable(),
  priorityTargets: z.array(z.string()),
});
export type ProfileInputs = z.infer<typeof ProfileInputs>;

const Points = z.int().min(-1000).max(1000);
const RuleKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'rule_key_invalid' })
  .describe('Stable key shown in the explanation');

export const RangeFactor = z.object({
  kind: z.literal('range'),
  key: RuleKey,
  label: z.string().trim().min(1).max(LIMITS.shortText),
  input: ProfileNumericInput,
  /** First matching band wins; `min` inclusive, `max` inclusive; omitted = unbounded. */
  bands: z
    .array(z.object({ min: z.int().optional(), max: z.int().optional(), points: Points }))
    .min(1)
    .max(20),
  missingPoints: Points.default(0).describe('Points when the input is unknown'),
});

export const ValueFactor = z.object({
  kind: z.literal('value'),
  key: RuleKey,
  label: z.string().trim().min(1).max(LIMITS.shortText),
  input: ProfileValueInput,
  values: z
    .array(z.object({ value: z.union([z.string().max(40), z.boolean()]), points: Points }))
    .min(1)
    .max(20),
  missingPoints: Points.default(0),
});

export const FlagsFactor = z.object({
  kind: z.literal('flags'),
  key: RuleKey,
  label: z.string().trim().min(1).max(LIMITS.shortText),
  input: z.literal('priorityTargets'),
  points: z.partialRecord(PriorityTarget, Points),
  cap: Points.optional().describe('Upper limit of the points from this factor'),
});

export const ProfilingFactor = z.discriminatedUnion('kind', [RangeFactor, ValueFactor, FlagsFactor]);
export type ProfilingFactor = z.infer<typeof ProfilingFactor>;

export const ProfilingRules = z
  .object({
    factors: z.array(ProfilingFactor).min(1).max(40),
    /** Highest `minScore` not above the score wins. */
    pathThresholds: z
      .array(z.object({ minScore: z.int(), path: GolPath }))
      .min(1)
      .max(10),
    bandThresholds: z
      .array(z.object({ minScore: z.int(), band: IntensityBand }))
      .min(1)
      .max(10),
    /** A priority flag that forces a path (e.g. followed by social services -> path 4). First match wins. */
    flagPaths: z
      .array(z.object({ flag: PriorityTarget, path: GolPath }))
      .max(10)
      .default([]),
  })
  .superRefine((r, ctx) => {
    const keys = new Set<string>();
    r.factors.forEach((f, i) => {
      if (keys.has(f.key))
        ctx.addIssue({ code: 'custom', path: ['factors', i, 'key'], message: 'rule_key_duplicate' });
      keys.add(f.key);
    });
  });
export type ProfilingRules = z.infer<typeof ProfilingRules>;

export interface FactorResult {
  key: string;
  label: string;
  input: string;
  value: unknown;
  points: number;
}

export interface ProfilingResult {
  score: number;
  factors: FactorResult[];
  proposedPath: number;
  proposedBand: number;
}

function pickThreshold<T extends { minScore: number }>(list: readonly T[], score: number): T {
  const sorted = [...list].sort((a, b) => a.minScore - b.minScore);
  let chosen = sorted[0]!;
  for (const t of sorted) if (score >= t.minScore) chosen = t;
  return chosen;
}

/**
 * The quantitative profiling: a pure function of the rule set and the inputs, shared by the server
 * (which stores the result with the rule-set version) and the UI (which can explain it).
 */
export function scoreProfile(rules: ProfilingRules, inputs: ProfileInputs): ProfilingResult {
  const factors: FactorResult[] = [];
  for (const f of rules.factors) {
    if (f.kind === 'range') {
      const v = inputs[f.input];
      let points = f.missingPoints ?? 0;
      if (v !== null && v !== undefined) {
        const band = f.bands.find(
          (b) => (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max),
        );
        points = band ? band.points : 0;
      }
      factors.push({ key: f.key, label: f.label, input: f.input, value: v, points });
    } else if (f.kind === 'value') {
      const v = inputs[f.input];
      let points = f.missingPoints ?? 0;
      if (v !== null && v !== undefined) points = f.values.find((x) => x.value === v)?.points ?? 0;
      factors.push({ key: f.key, label: f.label, input: f.input, value: v, points });
    } else {
      const flags = inputs.priorityTargets.filter((t) => (PRIORITY_TARGETS as readonly string[]).includes(t));
      let points = 0;
      for (const t of flags) points += f.points[t as PriorityTarget] ?? 0;
      if (f.cap !== undefined) points = Math.min(points, f.cap);
      factors.push({ key: f.key, label: f.label, input: f.input, value: flags, points });
    }
  }
  const score = Math.max(
    0,
    factors.reduce((s, f) => s + f.points, 0),
  );
  const forced = rules.flagPaths?.find((fp) => inputs.priorityTargets.includes(fp.flag));
  return {
    score,
    factors,
    proposedPath: forced ? forced.path : pickThreshold(rules.pathThresholds, score).path,
    proposedBand: pickThreshold(rules.bandThresholds, score).band,
  };
}

export const RuleSet = z.object({
  id: Uuid,
  programmeId: Uuid,
  version: z.int(),
  rules: ProfilingRules,
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: Uuid.nullable(),
});
export type RuleSet = z.infer<typeof RuleSet>;

export const RuleSetInput = z.object({
  rules: ProfilingRules,
  note: z.string().trim().max(LIMITS.longText).nullable().optional(),
});

// ---------------------------------------------------------------------------------------------
// Qualitative questionnaires (versioned; answers are stored with the version they used).
// ---------------------------------------------------------------------------------------------

export interface QuestionnaireQuestion {
  key: string;
  kind: 'scale' | 'boolean' | 'text';
  /** i18n key of the question text. */
  labelKey: string;
  required: boolean;
}
export interface Questionnaire {
  version: string;
  questions: readonly QuestionnaireQuestion[];
}

/**
 * An illustrative qualitative interview (areas named in public summaries of GOL, ANPAL Delibera 5/2022
 * All. B: expectations and realism of goals, career orientation, willingness to train, mobility, search
 * activity, other difficulties). NOT the official questionnaire, whose full list of areas was not found.
 */
export const QUESTIONNAIRES: Record<string, Questionnaire> = {
  'qual-1': {
    version: 'qual-1',
    questions: [
      { key: 'goal_realism', kind: 'scale', labelKey: 'questionnaire.goal_realism', required: true },
      {
        key: 'career_orientation',
        kind: 'scale',
        labelKey: 'questionnaire.career_orientation',
        required: true,
      },
      {
        key: 'willing_to_train',
        kind: 'boolean',
        labelKey: 'questionnaire.willing_to_train',
        required: true,
      },
      { key: 'mobility', kind: 'scale', labelKey: 'questionnaire.mobility', required: true },
      { key: 'search_activity', kind: 'scale', labelKey: 'questionnaire.search_activity', required: true },
      { key: 'digital_skills', kind: 'scale', labelKey: 'questionnaire.digital_skills', required: false },
      {
        key: 'needs_network_services',
        kind: 'boolean',
        labelKey: 'questionnaire.needs_network_services',
        required: true,
      },
      {
        key: 'other_difficulties',
        kind: 'text',
        labelKey: 'questionnaire.other_difficulties',
        required: false,
      },
    ],
  },
};
export const QUESTIONNAIRE_VERSIONS = Object.keys(QUESTIONNAIRES) as [string, ...string[]];

/** Scale answers are 1-5; text answers at most LIMITS.longText characters. Returns field errors. */
export function checkQuestionnaireAnswers(
  version: string,
  answers: Record<string, unknown>,
): { field: string; code: string }[] {
  const q = QUESTIONNAIRES[version];
  if (!q) return [{ field: 'questionnaireVersion', code: 'questionnaire_unknown' }];
  const errors: { field: string; code: string }[] = [];
  const keys = new Set(q.questions.map((x) => x.key));
  for (const k of Object.keys(answers))
    if (!keys.has(k)) errors.push({ field: `answers.${k}`, code: 'question_unknown' });
  for (const question of q.questions) {
    const a = answers[question.key];
    if (a === undefined || a === null || a === '') {
      if (question.required) errors.push({ field: `answers.${question.key}`, code: 'answer_required' });
      continue;
    }
    const ok =
      question.kind === 'scale'
        ? Number.isInteger(a) && (a as number) >= 1 && (a as number) <= 5
        : question.kind === 'boolean'
          ? typeof a === 'boolean'
          : typeof a === 'string' && a.length <= LIMITS.longText;
    if (!ok) errors.push({ field: `answers.${question.key}`, code: `answer_invalid_${question.kind}` });
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Programmes
// ---------------------------------------------------------------------------------------------

const ProgrammeParameters = z.object({
  name: z.string().trim().min(2).max(LIMITS.name),
  description: z.string().trim().max(LIMITS.longText).nullable().optional(),
  status: ProgrammeStatus.default('active'),
  illustrative: z
    .boolean()
    .default(true)
    .describe('True when the figures are illustrative (not taken from an official act); the UI says so'),
  sourceNote: z
    .string()
    .trim()
    .max(LIMITS.longText)
    .nullable()
    .optional()
    .describe('Where the parameters come from (acts, dates), or why they are illustrative'),
  validFrom: IsoDate.nullable().optional(),
  validTo: IsoDate.nullable().optional(),
  minNoticeHours: z.int().min(0).max(720).default(24).describe('Minimum notice of an appointment'),
  pactDeadlineDays: z
    .int()
    .min(1)
    .max(365)
    .default(30)
    .describe('The pact should be signed within this many days of taking in charge (caseload overdue item)'),
  voucherExpiryWarningDays: z.int().min(1).max(365).default(30),
  handoverDays: z
    .int()
    .min(0)
    .max(365)
    .default(30)
    .describe('After a referral is accepted the sender keeps read access for this many days'),
  resultMinContractDays: z
    .int()
    .min(1)
    .max(3650)
    .default(180)
    .describe('A placement with a contract at least this long triggers the on_result lines'),
  questionnaireVersion: z.enum(QUESTIONNAIRE_VERSIONS).default('qual-1'),
  collectiveOutcomeThresholdPct: z
    .int()
    .min(0)
    .max(100)
    .default(50)
    .describe('Collective re-employment: share of active participants to re-employ (percent)'),
  collectiveShortfallReductionPct: z
    .int()
    .min(0)
    .max(100)
    .default(30)
    .describe('Collective re-employment: reduction of the result-based share below the threshold (percent)'),
});

export const ProgrammeInput = ProgrammeParameters.extend({
  code: ProgrammeCode,
  bands: z.array(BandInput).min(1).max(5),
  catalogue: z.array(CatalogueLineInput).max(100).default([]),
  rules: ProfilingRules,
}).superRefine((p, ctx) => {
  const bands = new Set<number>();
  p.bands.forEach((b, i) => {
    if (bands.has(b.band))
      ctx.addIssue({ code: 'custom', path: ['bands', i, 'band'], message: 'band_duplicate' });
    bands.add(b.band);
  });
  const codes = new Set<string>();
  p.catalogue.forEach((l, i) => {
    if (codes.has(l.code))
      ctx.addIssue({ code: 'custom', path: ['catalogue', i, 'code'], message: 'catalogue_code_duplicate' });
    codes.add(l.code);
  });
  p.rules.bandThresholds.forEach((t, i) => {
    if (!bands.has(t.band))
      ctx.addIssue({
        code: 'custom',
        path: ['rules', 'bandThresholds', i, 'band'],
        message: 'band_not_defined',
      });
  });
  if (p.validFrom && p.validTo && p.validTo < p.validFrom)
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'date_range_invalid' });
});
export type ProgrammeInput = z.infer<typeof ProgrammeInput>;

export const ProgrammePatch = ProgrammeParameters.partial().extend({
  bands: z
    .array(BandInput)
    .min(1)
    .max(5)
    .optional()
    .describe('Replaces the bands (caps apply to new vouchers)'),
  version: z.int().min(1).describe('The version you read (optimistic locking)'),
});
export type ProgrammePatch = z.infer<typeof ProgrammePatch>;

export const ProgrammeSummary = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  status: ProgrammeStatus,
  illustrative: z.boolean(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const Programme = ProgrammeSummary.extend({
  description: z.string().nullable(),
  sourceNote: z.string().nullable(),
  minNoticeHours: z.int(),
  pactDeadlineDays: z.int(),
  voucherExpiryWarningDays: z.int(),
  handoverDays: z.int(),
  resultMinContractDays: z.int(),
  collectiveOutcomeThresholdPct: z.int(),
  collectiveShortfallReductionPct: z.int(),
  questionnaireVersion: z.string(),
  version: z.int(),
  bands: z.array(Band),
  catalogue: z.array(CatalogueLine),
  currentRuleSet: RuleSet.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof Programme>;

export const ProgrammeQuery = CursorQuery.extend({
  status: ProgrammeStatus.optional(),
});
export const ProgrammePage = pageOf(ProgrammeSummary);
export const RuleSetList = z.object({ items: z.array(RuleSet) });
