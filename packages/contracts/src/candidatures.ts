import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, Uuid, pageOf } from './common';
import { ContractType } from './pathways';

/**
 * Candidatures of people to vacancies: a case worker proposes a person (who consented to company
 * matching), or the person applies. The state machine is written once here and used by the server and
 * the UI.
 *   proposed -> screening -> interview -> hired
 *   proposed | screening | interview -> rejected (company) | withdrawn (proposer or candidate)
 */
export const CANDIDATURE_STATES = [
  'proposed',
  'screening',
  'interview',
  'hired',
  'rejected',
  'withdrawn',
] as const;
export const CandidatureState = z.enum(CANDIDATURE_STATES);
export type CandidatureState = z.infer<typeof CandidatureState>;

/** States in which a candidature is still running: one per (vacancy, person) at a time. */
export const CANDIDATURE_ACTIVE_STATES = [
  'proposed',
  'screening',
  'interview',
] as const satisfies readonly CandidatureState[];

/** The sides of a candidature: the vacancy's company, the proposing organisation, the person themself. */
export const CANDIDATURE_SIDES = ['company', 'proposer', 'candidate'] as const;
export type CandidatureSide = (typeof CANDIDATURE_SIDES)[number];

export interface CandidatureTransitionDef {
  from: readonly CandidatureState[];
  /** Which sides may move a candidature into this state. */
  by: readonly CandidatureSide[];
}

/** Keyed by the target state. */
export const CANDIDATURE_TRANSITIONS = {
  screening: { from: ['proposed'], by: ['company'] },
  interview: { from: ['screening'], by: ['company'] },
  hired: { from: ['interview'], by: ['company'] },
  rejected: { from: ['proposed', 'screening', 'interview'], by: ['company'] },
  withdrawn: { from: ['proposed', 'screening', 'interview'], by: ['proposer', 'candidate'] },
} as const satisfies Partial<Record<CandidatureState, CandidatureTransitionDef>>;

export type CandidatureTarget = keyof typeof CANDIDATURE_TRANSITIONS;
export const CANDIDATURE_TARGETS = Object.keys(CANDIDATURE_TRANSITIONS) as [
  CandidatureTarget,
  ...CandidatureTarget[],
];
export const CandidatureTarget = z.enum(CANDIDATURE_TARGETS);

export const isCandidatureActive = (state: CandidatureState) =>
  (CANDIDATURE_ACTIVE_STATES as readonly CandidatureState[]).includes(state);

export function canCandidatureTransition(from: CandidatureState, to: CandidatureTarget): boolean {
  return (CANDIDATURE_TRANSITIONS[to].from as readonly CandidatureState[]).includes(from);
}

/** The targets reachable from `state`, optionally only those the given side may choose. */
export function candidatureTargetsFrom(state: CandidatureState, side?: CandidatureSide): CandidatureTarget[] {
  return CANDIDATURE_TARGETS.filter(
    (t) =>
      canCandidatureTransition(state, t) &&
      (side === undefined || (CANDIDATURE_TRANSITIONS[t].by as readonly CandidatureSide[]).includes(side)),
  );
}

export const CandidatureInput = z.object({
  vacancyId: Uuid,
  personId: Uuid.describe('The person proposed (case worker) or, for a citizen, their own record'),
  note: z.string().trim().max(LIMITS.longText).nullable().optional(),
});

/** The contract of a hire, recorded as the pathway's placement; each field defaults to the vacancy's. */
export const HirePlacementInput = z.object({
  contractType: ContractType.optional(),
  startDate: IsoDate.optional().describe("Default: the vacancy's start date, or today"),
  durationMonths: z
    .number()
    .int()
    .min(1)
    .max(120)
    .nullable()
    .optional()
    .describe('Needed unless the contract is permanent or an apprenticeship'),
  hoursPerWeek: z.number().int().min(1).max(60).nullable().optional(),
});
export type HirePlacementInput = z.infer<typeof HirePlacementInput>;

export const CandidatureTransitionInput = z.object({
  to: CandidatureTarget,
  reason: z.string().trim().max(LIMITS.longText).nullable().optional(),
  placement: HirePlacementInput.optional().describe('Only with `hired`: the contract of the placement'),
});

export const Candidature = z.object({
  id: Uuid,
  state: CandidatureState,
  origin: z.enum(['proposal', 'application']),
  vacancyId: Uuid,
  vacancyTitle: z.string(),
  companyOrganizationId: Uuid,
  companyName: z.string(),
  proposingOrganizationId: Uuid.nullable(),
  proposingOrganizationName: z.string().nullable(),
  personId: Uuid,
  person: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .describe('Name and contacts (the person consented to company matching or applied)'),
  note: z.string().nullable(),
  decisionReason: z.string().nullable(),
  stateChangedAt: z.string(),
  createdAt: z.string(),
  pathwayId: Uuid.nullable().describe('The pathway on which the hire was recorded as a placement'),
  side: z.enum(CANDIDATURE_SIDES).describe('Which side the reader is on'),
  availableTransitions: z.array(CandidatureTarget),
});
export type Candidature = z.infer<typeof Candidature>;

export const CandidatureQuery = CursorQuery.extend({
  vacancyId: Uuid.optional(),
  personId: Uuid.optional(),
  state: CandidatureState.optional(),
});
export const CandidaturePage = pageOf(Candidature);
