import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { ConsentPurpose, PersonQuery, PersonSection } from '@trama/contracts';
import { CONSENT_PURPOSES } from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { readTogether, type DbOrTx } from '../../platform/db';
import { DomainError } from '../../platform/errors';
import { normalizeSearch } from '../../platform/text';
import { refAteco, refMunicipalities, refOccupations, refSkills } from '../reference/reference.table';
import {
  consentGivenCondition,
  grantedNotOwnedCondition,
  isPersonReader,
  liveGrantSql,
  ownedCondition,
  visiblePeopleCondition,
} from './people.access';
import { fiscalCodeTaken } from './people.errors';
import {
  people,
  personAccess,
  personConsents,
  personLanguages,
  personSkills,
  personWorkHistory,
} from './people.table';

export type PersonRow = typeof people.$inferSelect;
export type PersonInsert = typeof people.$inferInsert;

const MAX_SEARCH_WORDS = 6;

function pgErrorOf(err: unknown): { code?: string; constraint?: string } | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const c = e as { code?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c as never;
    e = c.cause;
  }
  return null;
}

async function mapUniqueViolations<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const pg = pgErrorOf(err);
    if (pg?.code === '23505' && pg.constraint === 'people_fiscal_code_uq') throw fiscalCodeTaken();
    throw err;
  }
}

/**
 * People search: an exact fiscal code (unique index), or every typed word as the PREFIX of a word of
 * the name, surname or fiscal code ("ross mar" finds "Mario Rossi", "rssmra" finds the fiscal code).
 * Word prefixes use a GIN full-text index on to_tsvector('simple', search_text): a handful of
 * lexemes per person instead of ~30 trigrams, which keeps bulk imports fast. normalizeSearch leaves
 * only letters, digits and spaces, so the words are safe tsquery terms.
 */
export function personSearchCondition(q: string | undefined | null): SQL | null {
  const text = q?.trim();
  if (!text) return null;
  if (FULL_FISCAL_CODE.test(text)) return eq(people.fiscalCode, text.toUpperCase());
  const words = normalizeSearch(text).split(' ').filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  const query = words.map((w) => `${w}:*`).join(' & ');
  return sql`to_tsvector('simple', ${people.searchText}) @@ to_tsquery('simple', ${query})`;
}

export const searchTextOf = (p: { firstName: string; lastName: string; fiscalCode: string }) =>
  normalizeSearch(`${p.firstName} ${p.lastName} ${p.fiscalCode}`);

// ---------------------------------------------------------------------------------------------
// Reference look-ups (set-based; the foreign keys stay the guard)
// ---------------------------------------------------------------------------------------------

export async function existingMunicipalities(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: refMunicipalities.code })
    .from(refMunicipalities)
    .where(inArray(refMunicipalities.code, [...new Set(codes)]));
  return new Set(rows.map((r) => r.code));
}

export async function existingOccupations(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: refOccupations.id })
    .from(refOccupations)
    .where(inArray(refOccupations.id, [...new Set(ids)]));
  return new Set(rows.map((r) => r.id));
}

export async function existingSkills(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: refSkills.id })
    .from(refSkills)
    .where(inArray(refSkills.id, [...new Set(ids)]));
  return new Set(rows.map((r) => r.id));
}

/** ATECO codes known in any loaded version (work history may predate ATECO 2025). */
export async function existingAtecoCodes(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ code: refAteco.code })
    .from(refAteco)
    .where(inArray(refAteco.code, [...new Set(codes)]));
  return new Set(rows.map((r) => r.code));
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

export async function insertPerson(tx: DbOrTx, values: PersonInsert): Promise<PersonRow> {
  const [row] = await mapUniqueViolations(tx.insert(people).values(values).returning());
  return row!;
}

/** Optimistic update: only when the stored version is `version`; returns null otherwise. */
export async function updatePerson(
  tx: DbOrTx,
  id: string,
  version: number,
  set: Partial<PersonInsert>,
): Promise<PersonRow | null> {
  const [row] = await mapUniqueViolations(
    tx
      .update(people)
      .set({ ...set, version: sql`${people.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(people.id, id), eq(people.version, version)))
      .returning(),
  );
  return row ?? null;
}

export async function findPersonRow(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      person: people,
      municipalityName: refMunicipalities.name,
      provinceCode: refMunicipalities.provinceCode,
    })
    .from(people)
    .leftJoin(refMunicipalities, eq(refMunicipalities.code, people.residenceMunicipalityCode))
    .where(eq(people.id, id));
  return row ?? null;
}

/** The citizen's own record (linked account, or same fiscal code as the account). */
export async function findOwnPersonId(db: DbOrTx, actor: Actor): Promise<string | null> {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .where(visiblePeopleCondition(actor))
    .orderBy(asc(people.createdAt))
    .limit(1);
  return row?.id ?? null;
}

export async function replaceLanguages(
  tx: DbOrTx,
  personId: string,
  list: { language: string; level: (typeof personLanguages.$inferInsert)['level'] }[],
) {
  await tx.delete(personLanguages).where(eq(personLanguages.personId, personId));
  if (list.length) await tx.insert(personLanguages).values(list.map((l) => ({ ...l, personId })));
}

export async function replaceWorkHistory(
  tx: DbOrTx,
  personId: string,
  list: Omit<typeof personWorkHistory.$inferInsert, 'personId' | 'id'>[],
) {
  await tx.delete(personWorkHistory).where(eq(personWorkHistory.personId, personId));
  if (list.length) await tx.insert(personWorkHistory).values(list.map((w) => ({ ...w, personId })));
}

/**
 * Replaces the skills. A skill that stays 'verified' keeps who verified it and when; a newly verified
 * one is attributed to `verifier` now.
 */
export async function replaceSkills(
  tx: DbOrTx,
  personId: string,
  list: { skillId: number; source: 'declared' | 'verified' }[],
  verifier: string,
) {
  const before = await tx
    .select({
      skillId: personSkills.skillId,
      verifiedBy: personSkills.verifiedBy,
      verifiedAt: personSkills.verifiedAt,
    })
    .from(personSkills)
    .where(and(eq(personSkills.personId, personId), eq(personSkills.source, 'verified')));
  const kept = new Map(before.map((b) => [b.skillId, b]));
  await tx.delete(personSkills).where(eq(personSkills.personId, personId));
  if (list.length === 0) return;
  const now = new Date();
  await tx.insert(personSkills).values(
    list.map((s) => {
      if (s.source === 'declared') return { personId, skillId: s.skillId, source: 'declared' as const };
      const k = kept.get(s.skillId);
      return {
        personId,
        skillId: s.skillId,
        source: 'verified' as const,
        verifiedBy: k?.verifiedBy ?? verifier,
        verifiedAt: k?.verifiedAt ?? now,
      };
    }),
  );
}

export async function loadPersonChildren(db: DbOrTx, personId: string) {
  const [languages, workHistory, skills] = await readTogether(db, [
    () =>
      db
        .select({ language: personLanguages.language, level: personLanguages.level })
        .from(personLanguages)
        .where(eq(personLanguages.personId, personId))
        .orderBy(asc(personLanguages.language)),
    () =>
      db
        .select({
          id: personWorkHistory.id,
          employerName: personWorkHistory.employerName,
          atecoCode: personWorkHistory.atecoCode,
          occupationId: personWorkHistory.occupationId,
          occupationLabel: sql<string | null>`coalesce(${refOccupations.labelIt}, ${refOccupations.labelEn})`,
          jobTitle: personWorkHistory.jobTitle,
          fromDate: personWorkHistory.fromDate,
          toDate: personWorkHistory.toDate,
        })
        .from(personWorkHistory)
        .leftJoin(refOccupations, eq(refOccupations.id, personWorkHistory.occupationId))
        .where(eq(personWorkHistory.personId, personId))
        .orderBy(sql`${personWorkHistory.fromDate} desc`, asc(personWorkHistory.id)),
    () =>
      db
        .select({
          skillId: personSkills.skillId,
          label: sql<string | null>`coalesce(${refSkills.labelIt}, ${refSkills.labelEn})`,
          source: personSkills.source,
          verifiedBy: personSkills.verifiedBy,
          verifiedAt: personSkills.verifiedAt,
        })
        .from(personSkills)
        .leftJoin(refSkills, eq(refSkills.id, personSkills.skillId))
        .where(eq(personSkills.personId, personId))
        .orderBy(asc(personSkills.skillId)),
  ]);
  return { languages, workHistory, skills };
}

// ---------------------------------------------------------------------------------------------
// Listing (keyset on last name, first name, id)
// ---------------------------------------------------------------------------------------------

const FULL_FISCAL_CODE = /^[A-Z0-9]{16}$/i;

export async function listPeople(db: DbOrTx, actor: Actor, q: PersonQuery) {
  // Filters on a section need that section: a referral's partial view cannot be probed by filtering.
  const needed = new Set<PersonSection>();
  const where: SQL[] = [];
  if (q.q) {
    needed.add('identity');
    const cond = personSearchCondition(q.q);
    if (cond) where.push(cond);
  }
  if (q.employmentStatus?.length) {
    needed.add('employment');
    where.push(inArray(people.employmentStatus, q.employmentStatus));
  }
  if (q.hasDid !== undefined) {
    needed.add('employment');
    where.push(q.hasDid ? sql`${people.didDate} is not null` : sql`${people.didDate} is null`);
  }
  if (q.priorityTarget?.length) {
    needed.add('priority_targets');
    where.push(
      sql`${people.priorityTargets} <> '{}'::text[] and ${people.priorityTargets} @> ${`{${q.priorityTarget.join(',')}}`}::text[]`,
    );
  }
  if (q.municipalityCode) {
    needed.add('residence');
    where.push(eq(people.residenceMunicipalityCode, q.municipalityCode));
  }
  if (q.provinceCode) {
    needed.add('residence');
    where.push(
      sql`${people.residenceMunicipalityCode} in (select ${refMunicipalities.code} from ${refMunicipalities} where ${refMunicipalities.provinceCode} = ${q.provinceCode})`,
    );
  }
  if (q.consent) where.push(consentGivenCondition(q.consent));

  const c = decodeCursor<[string, string, string]>(q.cursor);
  if (c) {
    if (!Array.isArray(c) || c.length !== 3 || !c.every((v) => typeof v === 'string'))
      throw new DomainError(
        'pagination.invalid_cursor',
        400,
        'The cursor is not valid; start again from the first page',
      );
    where.push(
      sql`(${people.lastName}, ${people.firstName}, ${people.id}) > (${c[0]}, ${c[1]}, ${c[2]}::uuid)`,
    );
  }

  const full =
    actor.role === 'citizen'
      ? sql<boolean>`true`
      : sql<boolean>`(${people.ownerOrganizationId} = ${actor.organizationId} or exists (select 1 from ${personAccess} where ${personAccess.personId} = ${people.id} and ${personAccess.organizationId} = ${actor.organizationId} and ${personAccess.scope} = 'full' and ${liveGrantSql()}))`;
  const sections =
    actor.role === 'citizen'
      ? sql<string[] | null>`null::text[]`
      : sql<
          string[] | null
        >`(select array_agg(distinct s) from ${personAccess}, unnest(${personAccess.sharedSections}) s where ${personAccess.personId} = ${people.id} and ${personAccess.organizationId} = ${actor.organizationId} and ${personAccess.scope} = 'referral' and ${liveGrantSql()} and ${consentGivenCondition('network_sharing', personAccess.personId)})`;

  const branch = (visibility: SQL) =>
    db
      .select({
        id: people.id,
        fiscalCode: people.fiscalCode,
        firstName: people.firstName,
        lastName: people.lastName,
        birthDate: people.birthDate,
        residenceMunicipalityName: refMunicipalities.name,
        employmentStatus: people.employmentStatus,
        priorityTargets: people.priorityTargets,
        didDate: people.didDate,
        version: people.version,
        full,
        sections,
      })
      .from(people)
      .leftJoin(refMunicipalities, eq(refMunicipalities.code, people.residenceMunicipalityCode))
      .where(and(...where, visibility))
      .orderBy(asc(people.lastName), asc(people.firstName), asc(people.id))
      .limit(q.limit + 1);
  // Staff: the owner's people walk the (owner, name) index; people seen through grants (pathways,
  // referrals: few per organisation) come from person_access; one page merges both, in name order.
  const rows = isPersonReader(actor)
    ? await unionAll(branch(ownedCondition(actor)), branch(grantedNotOwnedCondition(actor, [...needed])))
        .orderBy(people.lastName, people.firstName, people.id)
        .limit(q.limit + 1)
    : await branch(visiblePeopleCondition(actor, people.id, [...needed]));
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.lastName, last.firstName, last.id]) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Consents
// ---------------------------------------------------------------------------------------------

export async function currentConsents(db: DbOrTx, personId: string) {
  const rows = await db
    .select({ purpose: personConsents.purpose, givenAt: personConsents.givenAt })
    .from(personConsents)
    .where(and(eq(personConsents.personId, personId), isNull(personConsents.withdrawnAt)));
  const open = new Map(rows.map((r) => [r.purpose, r.givenAt]));
  return CONSENT_PURPOSES.map((purpose) => ({
    purpose,
    given: open.has(purpose),
    givenAt: open.get(purpose)?.toISOString() ?? null,
  }));
}

/** Gives consent: appends a row unless one is already open (idempotent). Returns true if it changed. */
export async function giveConsent(
  tx: DbOrTx,
  v: {
    personId: string;
    purpose: ConsentPurpose;
    by: string | null;
    organizationId: string | null;
    note?: string | null;
  },
): Promise<boolean> {
  const rows = await tx
    .insert(personConsents)
    .values({
      personId: v.personId,
      purpose: v.purpose,
      givenBy: v.by,
      givenByOrganizationId: v.organizationId,
      note: v.note ?? null,
    })
    .onConflictDoNothing({
      target: [personConsents.personId, personConsents.purpose],
      where: sql`${personConsents.withdrawnAt} is null`,
    })
    .returning({ id: personConsents.id });
  return rows.length > 0;
}

/** Withdraws: closes the open row (history kept). Returns true if it changed. */
export async function withdrawConsent(
  tx: DbOrTx,
  v: { personId: string; purpose: ConsentPurpose; by: string | null; organizationId: string | null },
): Promise<boolean> {
  const rows = await tx
    .update(personConsents)
    .set({
      withdrawnAt: sql`greatest(now(), ${personConsents.givenAt})`,
      withdrawnBy: v.by,
      withdrawnByOrganizationId: v.organizationId,
    })
    .where(
      and(
        eq(personConsents.personId, v.personId),
        eq(personConsents.purpose, v.purpose),
        isNull(personConsents.withdrawnAt),
      ),
    )
    .returning({ id: personConsents.id });
  return rows.length > 0;
}

export async function consentHistory(db: DbOrTx, personId: string) {
  const rows = await db
    .select()
    .from(personConsents)
    .where(eq(personConsents.personId, personId))
    .orderBy(sql`${personConsents.givenAt} desc`, asc(personConsents.id));
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    givenAt: r.givenAt.toISOString(),
    givenBy: r.givenBy,
    givenByOrganizationId: r.givenByOrganizationId,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: r.withdrawnBy,
    withdrawnByOrganizationId: r.withdrawnByOrganizationId,
    note: r.note,
  }));
}

// ---------------------------------------------------------------------------------------------
// Aggregated numbers (only people who consented to statistics)
// ---------------------------------------------------------------------------------------------

export async function peopleStats(db: DbOrTx) {
  const consented = consentGivenCondition('statistics');
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(consented);
  const byStatus = await db
    .select({ key: people.employmentStatus, count: sql<number>`count(*)::int` })
    .from(people)
    .where(consented)
    .groupBy(people.employmentStatus)
    .orderBy(people.employmentStatus);
  const byTarget = (
    (await db.execute(
      sql`select t as key, count(*)::int as count from ${people}, unnest(${people.priorityTargets}) t where ${consented} group by t order by t`,
    )) as unknown as { rows: { key: string; count: number }[] }
  ).rows;
  const byProvince = await db
    .select({ key: refMunicipalities.provinceCode, count: sql<number>`count(*)::int` })
    .from(people)
    .innerJoin(refMunicipalities, eq(refMunicipalities.code, people.residenceMunicipalityCode))
    .where(consented)
    .groupBy(refMunicipalities.provinceCode)
    .orderBy(refMunicipalities.provinceCode);
  return { total: total?.n ?? 0, byStatus, byTarget, byProvince };
}
