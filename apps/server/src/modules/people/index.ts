/**
 * The people module's public surface: the only file other modules import.
 *
 * Visibility (deny by default) for pathways, referrals, caseload, matching:
 * - `visiblePeopleCondition(actor, personIdColumn?, requiredSections?)`: SQL for a drizzle `where`
 *   (e.g. `and(visiblePeopleCondition(actor, pathways.personId), ...)`). Never true for platform
 *   admins and regional officers; a citizen sees only their own record.
 * - `resolvePersonAccess(db, actor, personId)`: 'self' | 'full' | 'sections' (with the shared sections),
 *   or null => answer 404 via notVisible('people').
 * - `grantPersonAccess(tx, { personId, organizationId, reason: 'owner'|'pathway'|'referral', scope?,
 *   sharedSections?, sourceId?, validFrom?, validUntil?, grantedBy? })`: in your transaction. A referral
 *   grant needs the person's open `network_sharing` consent (throws 422 people.consent_required) and
 *   counts only while that consent stays open.
 * - `revokePersonAccess(tx, { id } | { sourceId, organizationId? } | { personId, organizationId, reason? },
 *   { by?, until? })`: revoke now, or keep until `until` (e.g. the sender's handover window).
 * - `hasConsent(dbOrTx, personId, purpose)`, `consentGivenCondition(purpose, personIdColumn?)`.
 */
export {
  PERSON_READER_ROLES,
  consentGivenCondition,
  grantPersonAccess,
  hasConsent,
  resolvePersonAccess,
  revokePersonAccess,
  visiblePeopleCondition,
  type EffectiveAccess,
  type PersonAccessFilter,
  type PersonAccessGrant,
} from './people.access';
export {
  people,
  personAccess,
  personConsents,
  personLanguages,
  personSkills,
  personWorkHistory,
} from './people.table';
export { peopleRoutes } from './people.routes';
export { personSearchCondition } from './people.repository';
export { PERSON_WRITER_ROLES } from './people.policies';
