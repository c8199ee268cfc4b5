import { z } from 'zod';
import { CursorQuery, LIMITS, Uuid, pageOf } from './common';
import { PersonSection } from './people';

/**
 * Referrals between organisations of the network. The state machine is written once here and used by
 * the server and the UI.
 *   proposed -> accepted | rejected | revoked;  accepted -> done | revoked
 */
export const REFERRAL_STATES = ['proposed', 'accepted', 'rejected', 'revoked', 'done'] as const;
export const ReferralState = z.enum(REFERRAL_STATES);
export type ReferralState = z.infer<typeof ReferralState>;

export interface ReferralTransitionDef {
  from: readonly ReferralState[];
  to: ReferralState;
  /** Which side may perform it: the referring organisation or the receiving one. */
  by: 'sender' | 'receiver';
  guards: readonly ('reason_required' | 'consent_network_sharing')[];
}

export const REFERRAL_TRANSITIONS = {
  accept: { from: ['proposed'], to: 'accepted', by: 'receiver', guards: ['consent_network_sharing'] },
  reject: { from: ['proposed'], to: 'rejected', by: 'receiver', guards: ['reason_required'] },
  revoke: { from: ['proposed', 'accepted'], to: 'revoked', by: 'sender', guards: ['reason_required'] },
  complete: { from: ['accepted'], to: 'done', by: 'receiver', guards: [] },
} as const satisfies Record<string, ReferralTransitionDef>;

export type ReferralAction = keyof typeof REFERRAL_TRANSITIONS;
export const REFERRAL_ACTIONS = Object.keys(REFERRAL_TRANSITIONS) as [ReferralAction, ...ReferralAction[]];
export const ReferralAction = z.enum(REFERRAL_ACTIONS);

export function canReferralTransition(state: ReferralState, action: ReferralAction): boolean {
  return (REFERRAL_TRANSITIONS[action].from as readonly ReferralState[]).includes(state);
}

export function referralActionsFrom(state: ReferralState, side?: 'sender' | 'receiver'): ReferralAction[] {
  return REFERRAL_ACTIONS.filter(
    (a) => canReferralTransition(state, a) && (side === undefined || REFERRAL_TRANSITIONS[a].by === side),
  );
}

/** Default handover window when the referral is not linked to a programme's pathway. */
export const REFERRAL_HANDOVER_DAYS_DEFAULT = 30;

export const ReferralInput = z.object({
  personId: Uuid,
  toOrganizationId: Uuid,
  pathwayId: Uuid.nullable().optional().describe("The sender's pathway the referral comes from, if any"),
  reason: z.string().trim().min(2).max(LIMITS.longText),
  sharedSections: z
    .array(PersonSection)
    .min(1)
    .max(20)
    .describe('Sections of the record the receiver will see once it accepts'),
});

export const ReferralTransitionInput = z.object({
  action: ReferralAction,
  reason: z.string().trim().max(LIMITS.longText).nullable().optional(),
});

export const Referral = z.object({
  id: Uuid,
  state: ReferralState,
  fromOrganizationId: Uuid,
  fromOrganizationName: z.string(),
  fromUserId: Uuid,
  toOrganizationId: Uuid,
  toOrganizationName: z.string(),
  pathwayId: Uuid.nullable(),
  reason: z.string(),
  sharedSections: z.array(PersonSection),
  handoverDays: z.int(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: Uuid.nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  side: z.enum(['sender', 'receiver']).describe('Which side the reader is on'),
  availableActions: z.array(ReferralAction),
  person: z
    .object({
      id: Uuid,
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
    })
    .nullable()
    .describe(
      'The sender always sees it; the receiver only after accepting (names only when "identity" is shared)',
    ),
});
export type Referral = z.infer<typeof Referral>;

export const ReferralQuery = CursorQuery.extend({
  direction: z.enum(['incoming', 'outgoing']).default('incoming'),
  state: ReferralState.optional(),
  personId: Uuid.optional(),
});
export const ReferralPage = pageOf(Referral);
