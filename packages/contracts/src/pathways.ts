import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, SearchText, Uuid, pageOf } from './common';
import { GolPath, IntensityBand, ProfileInputs, QUESTIONNAIRE_VERSIONS } from './programmes';

// ---------------------------------------------------------------------------------------------
// The pathway state machine: written once, used by the server (every transition is checked against
// it) and by the UI (which buttons to show).
// ---------------------------------------------------------------------------------------------

export const PATHWAY_STATES = [
  'taken_in_charge',
  'assessed',
  'pact_signed',
  'in_delivery',
  'suspended',
  'placed',
  'closed_without_outcome',
  'withdrawn',
  'forfeited',
] as const;
export const PathwayState = z.enum(PATHWAY_STATES);
export type PathwayState = z.infer<typeof PathwayState>;

export const PATHWAY_TERMINAL_STATES: readonly PathwayState[] = [
  'placed',
  'closed_without_outcome',
  'withdrawn',
  'forfeited',
];
export const PATHWAY_OPEN_STATES: readonly PathwayState[] = PATHWAY_STATES.filter(
  (s) => !PATHWAY_TERMINAL_STATES.includes(s),
);

/**
 * Conditions a transition needs. The server evaluates them; the UI shows them.
 * - assessment_confirmed: a confirmed assessment was recorded (POST .../assessments)
 * - pact_signed_by_both: a pact version is signed by the person and by the operator
 * - voucher_issued: a voucher was issued on the pathway (POST /api/vouchers)
 * - placement_recorded: a placement was recorded (POST .../placement)
 * - reason_required: the transition needs a written reason
 */
export const PATHWAY_GUARDS = [
  'assessment_confirmed',
  'pact_signed_by_both',
  'voucher_issued',
  'placement_recorded',
  'reason_required',
] as const;
export type PathwayGuard = (typeof PATHWAY_GUARDS)[number];

export interface PathwayTransitionDef {
  from: readonly PathwayState[];
  to: PathwayState;
  guards: readonly PathwayGuard[];
  /** 'manual' transitions go through POST /api/pathways/{id}/transitions; the others happen as a
   *  consequence of the named action (assessment, pact signature, voucher issue, placement). */
  via: 'manual' | 'assessment' | 'pact' | 'voucher' | 'placement';
}

export const PATHWAY_TRANSITIONS = {
  assess: { from: ['taken_in_charge'], to: 'assessed', guards: ['assessment_confirmed'], via: 'assessment' },
  sign_pact: { from: ['assessed'], to: 'pact_signed', guards: ['pact_signed_by_both'], via: 'pact' },
  start_delivery: { from: ['pact_signed'], to: 'in_delivery', guards: ['voucher_issued'], via: 'voucher' },
  suspend: { from: ['in_delivery'], to: 'suspended', guards: ['reason_required'], via: 'manual' },
  resume: { from: ['suspended'], to: 'in_delivery', guards: [], via: 'manual' },
  place: {
    from: ['pact_signed', 'in_delivery', 'suspended'],
    to: 'placed',
    guards: ['placement_recorded'],
    via: 'placement',
  },
  close_without_outcome: {
    from: ['pact_signed', 'in_delivery', 'suspended'],
    to: 'closed_without_outcome',
    guards: ['reason_required'],
    via: 'manual',
  },
  withdraw: {
    from: ['taken_in_charge', 'assessed', 'pact_signed', 'in_delivery', 'suspended'],
    to: 'withdrawn',
    guards: ['reason_required'],
    via: 'manual',
  },
  forfeit: {
    from: ['assessed', 'pact_signed', 'in_delivery', 'suspended'],
    to: 'forfeited',
    guards: ['reason_required'],
    via: 'manual',
  },
} as const satisfies Record<string, PathwayTransitionDef>;

export type PathwayAction = keyof typeof PATHWAY_TRANSITIONS;
export const PATHWAY_ACTIONS = Object.keys(PATHWAY_TRANSITIONS) as [PathwayAction, ...PathwayAction[]];
export const PathwayAction = z.enum(PATHWAY_ACTIONS);

export function pathwayTransition(action: PathwayAction): PathwayTransitionDef {
  return PATHWAY_TRANSITIONS[action];
}

/** Whether `action` may start from `state` (guards aside). */
export function canPathwayTransition(state: PathwayState, action: PathwayAction): boolean {
  return (PATHWAY_TRANSITIONS[action].from as readonly PathwayState[]).includes(state);
}

/** The actions available from a state, e.g. to show buttons. */
export function pathwayActionsFrom(state: PathwayState, via?: PathwayTransitionDef['via']): PathwayAction[] {
  return PATHWAY_ACTIONS.filter(
    (a) => canPathwayTransition(state, a) && (via === undefined || PATHWAY_TRANSITIONS[a].via === via),
  );
}

export const isPathwayOpen = (state: PathwayState) => !PATHWAY_TERMINAL_STATES.includes(state);

// ---------------------------------------------------------------------------------------------
// Pathways
// ---------------------------------------------------------------------------------------------

export const PathwayInput = z.object({
  personId: Uuid,
  programmeId: Uuid,
  officeId: Uuid.describe("An office of the acting user's organisation"),
  caseWorkerUserId: Uuid.optional().describe('Responsible case worker (default: the acting user)'),
  note: z.string().trim().max(LIMITS.longText).nullable().optional(),
});
export type PathwayInput = z.infer<typeof PathwayInput>;

export const PathwayPatch = z.object({
  caseWorkerUserId: Uuid.optional(),
  officeId: Uuid.optional(),
  version: z.int().min(1),
});

export const ManualPathwayAction = z.enum(
  PATHWAY_ACTIONS.filter((a) => PATHWAY_TRANSITIONS[a].via === 'manual') as [
    PathwayAction,
    ...PathwayAction[],
  ],
);

export const TransitionInput = z.object({
  action: PathwayAction.describe(
    'Only the "manual" actions are accepted here; the others happen through their own endpoint',
  ),
  reason: z.string().trim().max(LIMITS.longText).nullable().optional(),
});

export const PathwayEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: Uuid.nullable(),
  actorName: z.string().nullable(),
  kind: z.string().describe('transition.<action> or a step such as assessment.recorded, delivery.validated'),
  fromState: PathwayState.nullable(),
  toState: PathwayState.nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type PathwayEvent = z.infer<typeof PathwayEvent>;

export const PersonRef = z.object({
  id: Uuid,
  firstName: z.string(),
  lastName: z.string(),
  fiscalCode: z.string(),
});

export const PathwaySummary = z.object({
  id: Uuid,
  person: PersonRef,
  programmeId: Uuid,
  programmeCode: z.string(),
  organizationId: Uuid,
  officeId: Uuid,
  officeName: z.string(),
  caseWorkerUserId: Uuid,
  caseWorkerName: z.string(),
  state: PathwayState,
  stateChangedAt: z.string(),
  takenInChargeAt: z.string(),
  golPath: z.int().nullable(),
  intensityBand: z.int().nullable(),
  closedAt: z.string().nullable(),
  version: z.int(),
});
export type PathwaySummary = z.infer<typeof PathwaySummary>;

export const Pathway = PathwaySummary.extend({
  availableActions: z.array(PathwayAction).describe('Transitions allowed from the current state'),
  voucherId: Uuid.nullable(),
  timeline: z.array(PathwayEvent),
});
export type Pathway = z.infer<typeof Pathway>;

export const PathwayQuery = CursorQuery.extend({
  state: PathwayState.optional(),
  personId: Uuid.optional(),
  programmeId: Uuid.optional(),
  officeId: Uuid.optional(),
  caseWorkerUserId: Uuid.optional(),
});
export const PathwayPage = pageOf(PathwaySummary);

// ---------------------------------------------------------------------------------------------
// Assessments
// ---------------------------------------------------------------------------------------------

export const AssessmentProposal = z.object({
  ruleSetId: Uuid,
  ruleSetVersion: z.int(),
  inputs: ProfileInputs,
  score: z.int(),
  factors: z.array(
    z.object({ key: z.string(), label: z.string(), input: z.string(), value: z.unknown(), points: z.int() }),
  ),
  proposedPath: z.int(),
  proposedBand: z.int(),
});
export type AssessmentProposal = z.infer<typeof AssessmentProposal>;

export const AssessmentInput = z.object({
  questionnaireVersion: z.enum(QUESTIONNAIRE_VERSIONS),
  answers: z
    .record(z.string().max(60), z.union([z.string().max(LIMITS.longText), z.number(), z.boolean(), z.null()]))
    .describe('Answers keyed by question; checked against the questionnaire version'),
  confirmedPath: GolPath,
  confirmedBand: IntensityBand,
  overrideReason: z
    .string()
    .trim()
    .max(LIMITS.longText)
    .nullable()
    .optional()
    .describe('Required when the path or band differs from the proposal'),
  note: z.string().trim().max(LIMITS.longText).nullable().optional(),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const Assessment = AssessmentProposal.extend({
  id: Uuid,
  pathwayId: Uuid,
  questionnaireVersion: z.string(),
  answers: z.record(z.string(), z.unknown()),
  confirmedPath: z.int(),
  confirmedBand: z.int(),
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  note: z.string().nullable(),
  assessedBy: Uuid,
  assessedAt: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;
export const AssessmentList = z.object({ items: z.array(Assessment) });

// ---------------------------------------------------------------------------------------------
// Service pact (patto di servizio personalizzato, art. 20 D.Lgs. 150/2015)
// ---------------------------------------------------------------------------------------------

export const SIGNATURE_METHODS = ['handwritten', 'otp', 'spid'] as const;
export const SignatureMethod = z.enum(SIGNATURE_METHODS);

export const PactContentInput = z.object({
  jobSearchActs: z
    .array(
      z.object({
        description: z.string().trim().min(2).max(LIMITS.name),
        timing: z.string().trim().min(1).max(LIMITS.shortText).describe('e.g. "every week", "by 30/06"'),
      }),
    )
    .min(1)
    .max(30),
  meetingFrequencyDays: z.int().min(1).max(365),
  searchProofMethod: z.string().trim().min(2).max(LIMITS.longText),
  availableForTraining: z.boolean(),
  availableForWorkshops: z.boolean(),
  acceptsSuitableOffers: z.boolean(),
  notes: z.string().trim().max(LIMITS.longText).nullable().optional(),
});
export type PactContentInput = z.infer<typeof PactContentInput>;

/** What a pact version records: the input plus a snapshot of the operator and of the profile. */
export const PactContent = PactContentInput.extend({
  responsibleOperator: z.object({
    organizationName: z.string(),
    officeName: z.string(),
    officeAddress: z.string(),
    caseWorkerName: z.string(),
  }),
  person: z.object({ firstName: z.string(), lastName: z.string(), fiscalCode: z.string() }),
  programme: z.object({ code: z.string(), name: z.string() }),
  profile: z.object({
    score: z.int().nullable(),
    ruleSetVersion: z.int().nullable(),
    golPath: z.int().nullable(),
    intensityBand: z.int().nullable(),
  }),
});
export type PactContent = z.infer<typeof PactContent>;

export const PACT_STATUSES = ['draft', 'signed', 'superseded'] as const;

export const PactVersion = z.object({
  id: Uuid,
  pathwayId: Uuid,
  version: z.int(),
  status: z.enum(PACT_STATUSES),
  content: PactContent,
  createdAt: z.string(),
  createdBy: Uuid,
  personSignedAt: z.string().nullable(),
  personSignatureMethod: SignatureMethod.nullable(),
  operatorSignedAt: z.string().nullable(),
  operatorSignedBy: Uuid.nullable(),
  operatorSignatureMethod: SignatureMethod.nullable(),
});
export type PactVersion = z.infer<typeof PactVersion>;
export const PactVersionList = z.object({ items: z.array(PactVersion) });

export const PactSignInput = z.object({
  signer: z.enum(['person', 'operator']),
  method: SignatureMethod,
});

// ---------------------------------------------------------------------------------------------
// Appointments (convocations)
// ---------------------------------------------------------------------------------------------

export const APPOINTMENT_OUTCOMES = ['attended', 'justified_absence', 'missed'] as const;
export const AppointmentOutcome = z.enum(APPOINTMENT_OUTCOMES);
export const APPOINTMENT_CHANNELS = ['in_person', 'phone', 'video'] as const;

export const AppointmentInput = z.object({
  scheduledAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.int().min(5).max(480).default(60),
  channel: z.enum(APPOINTMENT_CHANNELS).default('in_person'),
  purpose: z.string().trim().min(2).max(LIMITS.name),
  location: z.string().trim().max(LIMITS.name).nullable().optional(),
  notifiedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When the person was notified (default: now); the programme sets the minimum notice'),
  notificationChannel: z.enum(['email', 'sms', 'letter', 'in_person', 'phone']).default('email'),
});

export const AppointmentOutcomeInput = z.object({
  outcome: AppointmentOutcome,
  note: z.string().trim().max(LIMITS.longText).nullable().optional(),
});

export const Appointment = z.object({
  id: Uuid,
  pathwayId: Uuid,
  scheduledAt: z.string(),
  durationMinutes: z.int(),
  channel: z.string(),
  purpose: z.string(),
  location: z.string().nullable(),
  notifiedAt: z.string(),
  notificationChannel: z.string(),
  outcome: AppointmentOutcome.nullable(),
  outcomeNote: z.string().nullable(),
  outcomeRecordedAt: z.string().nullable(),
  outcomeRecordedBy: Uuid.nullable(),
  createdBy: Uuid,
  createdAt: z.string(),
});
export const AppointmentList = z.object({ items: z.array(Appointment) });

// ---------------------------------------------------------------------------------------------
// Placement
// ---------------------------------------------------------------------------------------------

export const CONTRACT_TYPES = [
  'permanent',
  'fixed_term',
  'apprenticeship',
  'temporary_agency',
  'seasonal',
  'intermittent',
  'self_employment',
  'other',
] as const;
export const ContractType = z.enum(CONTRACT_TYPES);

export const PlacementInput = z
  .object({
    employerOrganizationId: Uuid.nullable().optional(),
    employerName: z.string().trim().min(2).max(LIMITS.name).nullable().optional(),
    contractType: ContractType,
    startDate: IsoDate,
    expectedDurationDays: z
      .int()
      .min(1)
      .max(36500)
      .nullable()
      .optional()
      .describe('Null for an open-ended (permanent) contract'),
    hoursPerWeek: z.int().min(1).max(60).nullable().optional(),
    note: z.string().trim().max(LIMITS.longText).nullable().optional(),
  })
  .refine((p) => p.employerOrganizationId || p.employerName, {
    message: 'employer_required',
    path: ['employerName'],
  });

export const Placement = z.object({
  id: Uuid,
  pathwayId: Uuid,
  employerOrganizationId: Uuid.nullable(),
  employerName: z.string(),
  contractType: ContractType,
  startDate: z.string(),
  expectedDurationDays: z.int().nullable(),
  hoursPerWeek: z.int().nullable(),
  note: z.string().nullable(),
  resultTriggered: z.boolean().describe('The contract is long enough to trigger the on_result lines'),
  recordedBy: Uuid,
  recordedAt: z.string(),
  resultDeliveryIds: z.array(Uuid).describe('Result-based entitlements created on the voucher'),
});

// ---------------------------------------------------------------------------------------------
// Caseload
// ---------------------------------------------------------------------------------------------

export const CaseloadQuery = CursorQuery.extend({
  scope: z.enum(['mine', 'office']).default('mine'),
  q: SearchText.optional().describe("The person's name, surname or fiscal code (partial)"),
  officeId: Uuid.optional().describe(
    'With scope=office: one office (default: every office of my organisation)',
  ),
  state: PathwayState.optional(),
  overdueOnly: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});

export const CaseloadItem = PathwaySummary.extend({
  pactOverdue: z.boolean().describe('No signed pact within the programme deadline after taking in charge'),
  appointmentsWithoutOutcome: z.int().describe('Past appointments with no outcome recorded'),
  voucherId: Uuid.nullable(),
  voucherEndDate: z.string().nullable(),
  voucherExpiring: z.boolean().describe('The voucher ends within the programme warning window'),
  overdue: z.boolean(),
});
export const CaseloadPage = pageOf(CaseloadItem).extend({
  countsByState: z.record(z.string(), z.int()),
});

// ---------------------------------------------------------------------------------------------
// A citizen's own view (GET /api/me/pathways...): only their own data, without internal details
// ---------------------------------------------------------------------------------------------

export const MyPathwayEvent = z.object({
  at: z.string(),
  kind: z.string().describe('transition.<action> or a step such as assessment.recorded'),
  fromState: PathwayState.nullable(),
  toState: PathwayState.nullable(),
  reason: z.string().nullable(),
});

export const MyPathway = z.object({
  id: Uuid,
  state: PathwayState,
  stateChangedAt: z.string(),
  takenInChargeAt: z.string(),
  closedAt: z.string().nullable(),
  programme: z.object({ code: z.string(), name: z.string() }),
  operator: z.object({
    organizationName: z.string(),
    officeName: z.string(),
    officeAddress: z.string().nullable(),
  }),
  caseWorkerName: z.string(),
  timeline: z.array(MyPathwayEvent).describe('Oldest first'),
});
export type MyPathway = z.infer<typeof MyPathway>;
export const MyPathwayList = z.object({ items: z.array(MyPathway) });

export const MyPact = z.object({
  pact: z
    .object({
      version: z.int(),
      status: z.enum(PACT_STATUSES),
      content: PactContent,
      createdAt: z.string(),
      personSignedAt: z.string().nullable(),
      operatorSignedAt: z.string().nullable(),
      pdfUrl: z.string().describe('Where the citizen downloads this version as PDF'),
    })
    .nullable()
    .describe('The current (latest) version of the service pact, or null when none was drawn up yet'),
});
export type MyPact = z.infer<typeof MyPact>;

export const MyAppointment = z.object({
  id: Uuid,
  scheduledAt: z.string(),
  durationMinutes: z.int(),
  channel: z.string(),
  purpose: z.string(),
  location: z.string().nullable(),
  outcome: AppointmentOutcome.nullable(),
  outcomeRecordedAt: z.string().nullable(),
});
export type MyAppointment = z.infer<typeof MyAppointment>;
export const MyAppointmentList = z.object({ items: z.array(MyAppointment) });
