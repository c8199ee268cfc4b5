/**
 * Who may see a person: the shared visibility mechanism (deny by default). Other modules (pathways,
 * referrals, caseload) use these functions through people/index.ts:
 *
 * - grantPersonAccess(tx, grant)    give another organisation access (pathway | referral)
 * - revokePersonAccess(tx, filter)  revoke now, or end at a date (handover window)
 * - visiblePeopleCondition(actor)   SQL for drizzle `where`: the people the actor may see
 * - resolvePersonAccess(db, actor, personId)  the actor's effective access to one person
 * - hasConsent(db, personId, purpose)
 *
 * Rules: the organisation that registered a person (people.owner_organization_id, by hand or by import)
 * sees the whole record for good. Other organisations' staff see a person while the organisation holds a
 * live grant (not revoked, valid_from <= now < valid_until): pathway or referral. A 'referral' scope grant shows only its shared sections, and only
 * while the person's `network_sharing` consent is open. A citizen sees only their own record. Platform
 * administrators and regional officers never see personal records (audit / aggregated numbers only).
 */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  PERSON_SECTIONS,
  type ConsentPurpose,
  type PersonAccessReason,
  type PersonAccessScope,
  type PersonSection,
  type Role,
} from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { users } from '../identity/identity.table';
import { people, personAccess, personConsents } from './people.table';

/** Roles whose members may read people their organisation has access to. */
export const PERSON_READER_ROLES: readonly Role[] = [
  'operator_staff',
  'network_coordinator',
  'company_staff',
  'sme_staff',
  'manager',
];

export interface PersonAccessGrant {
  personId: string;
  organizationId: string;
  reason: PersonAccessReason;
  /** Default: 'full' for owner/pathway, 'referral' for referral. */
  scope?: PersonAccessScope;
  /** Required (non-empty) for scope 'referral'; ignored for 'full'. */
  sharedSections?: readonly PersonSection[];
  /** The pathway or referral that justifies the grant (used to revoke by source). */
  sourceId?: string | null;
  validFrom?: Date;
  validUntil?: Date | null;
  grantedBy?: string | null;
}

/**
 * Grants an organisation access to a person, in the caller's transaction. A referral-scope grant
 * needs the person's open `network_sharing` consent (people.consent_required otherwise).
 * Returns the grant id.
 */
export async function grantPersonAccess(tx: DbOrTx, g: PersonAccessGrant): Promise<string> {
  if (g.reason === 'owner')
    throw new Error('The owner is people.owner_organization_id, set when the person is registered');
  const scope: PersonAccessScope = g.scope ?? (g.reason === 'referral' ? 'referral' : 'full');
  const sections = scope === 'referral' ? [...new Set(g.sharedSections ?? [])] : [];
  if (scope === 'referral') {
    if (sections.length === 0)
      throw invalid('people.shared_sections_required', 'Choose at least one section to share', [
        { field: 'sharedSections', code: 'required', message: 'Choose at least one section to share' },
      ]);
    const unknown = sections.filter((s) => !(PERSON_SECTIONS as readonly string[]).includes(s));
    if (unknown.length)
      throw invalid('people.shared_sections_invalid', `Unknown sections: ${unknown.join(', ')}`);
  }
  if (scope === 'referral' || g.reason === 'referral') {
    if (!(await hasConsent(tx, g.personId, 'network_sharing')))
      throw invalid(
        'people.consent_required',
        'The person has not consented to sharing with network partners',
      );
  }
  const [row] = await tx
    .insert(personAccess)
    .values({
      personId: g.personId,
      organizationId: g.organizationId,
      reason: g.reason,
      scope,
      sharedSections: sections,
      sourceId: g.sourceId ?? null,
      ...(g.validFrom ? { validFrom: g.validFrom } : {}),
      validUntil: g.validUntil ?? null,
      grantedBy: g.grantedBy ?? null,
    })
    .returning({ id: personAccess.id });
  return row!.id;
}

export type PersonAccessFilter =
  | { id: string }
  | { sourceId: string; organizationId?: string }
  | { personId: string; organizationId: string; reason?: PersonAccessReason };

/**
 * Revokes matching live grants. Without `until` they end now (revoked_at); with `until` they stay valid
 * until then (e.g. the sender's handover window after a referral is accepted). Returns how many changed.
 */
export async function revokePersonAccess(
  tx: DbOrTx,
  filter: PersonAccessFilter,
  opts: { by?: string | null; until?: Date } = {},
): Promise<number> {
  const where: SQL[] = [isNull(personAccess.revokedAt)];
  if ('id' in filter) where.push(eq(personAccess.id, filter.id));
  else if ('sourceId' in filter) {
    where.push(eq(personAccess.sourceId, filter.sourceId));
    if (filter.organizationId) where.push(eq(personAccess.organizationId, filter.organizationId));
  } else {
    where.push(
      eq(personAccess.personId, filter.personId),
      eq(personAccess.organizationId, filter.organizationId),
    );
    if (filter.reason) where.push(eq(personAccess.reason, filter.reason));
  }
  if (opts.until) {
    const until = opts.until;
    const rows = await tx
      .update(personAccess)
      .set({
        validUntil: sql`greatest(${personAccess.validFrom} + interval '1 millisecond', least(coalesce(${personAccess.validUntil}, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz))`,
      })
      .where(and(...where))
      .returning({ id: personAccess.id });
    return rows.length;
  }
  const rows = await tx
    .update(personAccess)
    .set({ revokedAt: sql`now()`, revokedBy: opts.by ?? null })
    .where(and(...where))
    .returning({ id: personAccess.id });
  return rows.length;
}

/** A grant is live: not revoked and within its validity window. */
export const liveGrantSql = () =>
  sql`${personAccess.revokedAt} is null and ${personAccess.validFrom} <= now() and (${personAccess.validUntil} is null or ${personAccess.validUntil} > now())`;

const openConsent = (personIdCol: SQL | AnyPgColumn, purpose: ConsentPurpose) =>
  sql`exists (select 1 from ${personConsents} where ${personConsents.personId} = ${personIdCol} and ${personConsents.purpose} = ${purpose} and ${personConsents.withdrawnAt} is null)`;

const isReader = (actor: Actor) => actor.organizationId !== null && PERSON_READER_ROLES.includes(actor.role);

/**
 * SQL condition: the person in `personIdColumn` (default people.id) is visible to the actor.
 * Use in any drizzle where clause, e.g. `.where(and(visiblePeopleCondition(actor, pathways.personId), ...))`.
 * `requiredSections`: a referral's partial view counts only if it shares all of them (e.g. a filter on
 * employment status needs 'employment'). Never true for platform admins and regional officers.
 */
export function visiblePeopleCondition(
  actor: Actor,
  personIdColumn: AnyPgColumn = people.id,
  requiredSections: readonly PersonSection[] = [],
): SQL {
  if (actor.role === 'citizen') {
    return sql`${personIdColumn} in (select ${people.id} from ${people} where ${people.userId} = ${actor.userId} or ${people.fiscalCode} = (select ${users.fiscalCode} from ${users} where ${users.id} = ${actor.userId}))`;
  }
  if (!isReader(actor)) return sql`false`;
  const owned =
    personIdColumn === people.id
      ? sql`${people.ownerOrganizationId} = ${actor.organizationId}`
      : sql`exists (select 1 from people own where own.id = ${personIdColumn} and own.owner_organization_id = ${actor.organizationId})`;
  return sql`(${owned} or ${grantedCondition(actor, personIdColumn, requiredSections)})`;
}

/** A live grant (full, or a referral with the sharing consent and the sections) to the actor's organisation. */
function grantedCondition(
  actor: Actor,
  personIdColumn: AnyPgColumn,
  requiredSections: readonly PersonSection[],
): SQL {
  const sections = requiredSections.length
    ? sql` and ${personAccess.sharedSections} @> ${`{${requiredSections.join(',')}}`}::text[]`
    : sql``;
  return sql`exists (select 1 from ${personAccess} where ${personAccess.personId} = ${personIdColumn} and ${personAccess.organizationId} = ${actor.organizationId} and ${liveGrantSql()} and (${personAccess.scope} = 'full' or (${openConsent(personAccess.personId, 'network_sharing')}${sections})))`;
}

/** Whether the actor is staff of an organisation that may read people (lists split owned / granted). */
export const isPersonReader = (actor: Actor) => actor.role !== 'citizen' && isReader(actor);

/** The people the actor's organisation owns (registered): full access. */
export function ownedCondition(actor: Actor): SQL {
  if (!isReader(actor)) return sql`false`;
  return sql`${people.ownerOrganizationId} = ${actor.organizationId}`;
}

/**
 * The people the actor sees only through grants (not as owner), for lists: a second branch next to the
 * owner's index-ordered people. `requiredSections` as in visiblePeopleCondition.
 */
export function grantedNotOwnedCondition(actor: Actor, requiredSections: readonly PersonSection[] = []): SQL {
  if (!isReader(actor)) return sql`false`;
  return sql`(${people.ownerOrganizationId} is distinct from ${actor.organizationId} and ${grantedCondition(actor, people.id, requiredSections)})`;
}

/** The actor's effective access to one person. */
export type EffectiveAccess =
  | { kind: 'self' }
  | { kind: 'full'; reasons: PersonAccessReason[] }
  | { kind: 'sections'; sections: PersonSection[]; reasons: PersonAccessReason[] };

/** Resolves what the actor may see of a person, or null when nothing (deny by default). */
export async function resolvePersonAccess(
  db: DbOrTx,
  actor: Actor,
  personId: string,
): Promise<EffectiveAccess | null> {
  if (actor.role === 'citizen') {
    const [row] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, personId), visiblePeopleCondition(actor)));
    return row ? { kind: 'self' } : null;
  }
  if (!isReader(actor)) return null;
  const [person] = await db
    .select({ owner: people.ownerOrganizationId })
    .from(people)
    .where(eq(people.id, personId));
  if (!person) return null;
  const grants = await db
    .select({
      reason: personAccess.reason,
      scope: personAccess.scope,
      sharedSections: personAccess.sharedSections,
      consent: sql<boolean>`${openConsent(personAccess.personId, 'network_sharing')}`,
    })
    .from(personAccess)
    .where(
      and(
        eq(personAccess.personId, personId),
        eq(personAccess.organizationId, actor.organizationId!),
        liveGrantSql(),
      ),
    );
  const usable = grants.filter((g) => g.scope === 'full' || g.consent);
  const owner = person.owner === actor.organizationId;
  if (usable.length === 0 && !owner) return null;
  const reasons = [...new Set([...(owner ? (['owner'] as const) : []), ...usable.map((g) => g.reason)])];
  if (owner || usable.some((g) => g.scope === 'full')) return { kind: 'full', reasons };
  const sections = new Set<PersonSection>();
  for (const g of usable) for (const s of g.sharedSections) sections.add(s as PersonSection);
  return { kind: 'sections', sections: PERSON_SECTIONS.filter((s) => sections.has(s)), reasons };
}

/** Whether the person's consent for this purpose is currently given (not withdrawn). */
export async function hasConsent(db: DbOrTx, personId: string, purpose: ConsentPurpose): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(personConsents)
    .where(
      and(
        eq(personConsents.personId, personId),
        eq(personConsents.purpose, purpose),
        isNull(personConsents.withdrawnAt),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** SQL condition: the person in `personIdColumn` has an open consent for `purpose` (for list filters). */
export function consentGivenCondition(purpose: ConsentPurpose, personIdColumn: AnyPgColumn = people.id): SQL {
  return openConsent(personIdColumn, purpose);
}
