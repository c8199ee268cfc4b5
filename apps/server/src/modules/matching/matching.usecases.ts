/**
 * Matches with explanations.
 *
 * Visibility (decided here, tested in matching.test.ts): ranking people for a vacancy considers every
 * person who consented to 'company_matching' (that consent is exactly the permission to be proposed to
 * companies), but the caller sees the identity (id, names, municipality) only of people their
 * organisation may already see (people's visibility rules). The others come back anonymised: no id or
 * names, an opaque per-vacancy `candidateRef`, the distance rounded to the km, and the skills evidence.
 * The vacancy's company sees everyone anonymised unless its organisation holds access to the person.
 * Ranking vacancies for a person needs access to that person (404 otherwise, audited).
 * Identities shown are audited (action 'matching.candidates_read', with the person ids).
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PersonSection } from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { forbidden, notFound, notVisible } from '../../platform/errors';
import { audit } from '../audit';
import { people, resolvePersonAccess, visiblePeopleCondition } from '../people';
import { organizations } from '../organizations/organizations.table';
import { refMunicipalities, refSkills } from '../reference/reference.table';
import { canMatchForVacancy, loadReadableVacancy, vacancies } from '../vacancies';
import type { MatchingEngine } from './matching.engine';
import type { MatchingService } from './matching.service';

type Ctx = RequestContext & { actor: Actor };

/**
 * An identified candidate links the names to the residence (municipality, distance), the education level
 * and the skills evidence: only for people whose record shows all of these sections to the caller (a
 * referral that shares less keeps the candidate anonymised).
 */
const IDENTIFIED_SECTIONS: readonly PersonSection[] = ['identity', 'residence', 'education', 'skills'];
const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

async function skillLabels(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .select({ id: refSkills.id, label: sql<string>`coalesce(${refSkills.labelIt}, ${refSkills.labelEn})` })
    .from(refSkills)
    .where(inArray(refSkills.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** An archived company's vacancies are out of matching (the engine indexes open vacancies only). */
async function companyActive(db: Db, organizationId: string) {
  const [row] = await db
    .select({ status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row?.status === 'active';
}

type Explained = ReturnType<MatchingEngine['explain']>;
const skillsOf = (xs: Explained[]) =>
  xs.flatMap((x) => [...x.matchedEssential, ...x.missingEssential, ...x.matchedOptional]);

function explanation(x: Explained, labels: Map<number, string>) {
  const ref = (id: number) => ({ id, label: labels.get(id) ?? String(id) });
  return {
    parts: {
      essentialSkills: round(x.parts.essentialSkills),
      optionalSkills: round(x.parts.optionalSkills),
      occupation: round(x.parts.occupation),
      distance: round(x.parts.distance),
      priorityBoost: round(x.parts.priorityBoost),
    },
    matchedEssentialSkills: x.matchedEssential.map(ref),
    missingEssentialSkills: x.missingEssential.map(ref),
    matchedOptionalSkills: x.matchedOptional.map(ref),
    distanceKm: x.distanceKm === null ? null : round(x.distanceKm, 1),
    occupationCloseness: x.occupationCloseness,
  };
}

export async function vacancyMatches(
  db: Db,
  service: MatchingService,
  ctx: Ctx,
  vacancyId: string,
  limit: number,
) {
  const vacancy = await loadReadableVacancy(db, ctx.actor, vacancyId);
  if (!canMatchForVacancy(ctx.actor, vacancy))
    throw forbidden('You may not rank candidates for this vacancy');
  const engine = await service.current(vacancy.updatedAt);
  const vSlot = engine.vacancySlotOf(vacancyId);
  if (vSlot === undefined || vacancy.status !== 'open' || !(await companyActive(db, vacancy.organizationId)))
    return { vacancyId, items: [] };
  const hits = engine.topPeople(vSlot, limit);
  const ids = hits.map((h) => h.id);
  const visible = ids.length
    ? await db
        .select({
          id: people.id,
          firstName: people.firstName,
          lastName: people.lastName,
          educationLevel: people.educationLevel,
          municipalityName: refMunicipalities.name,
        })
        .from(people)
        .leftJoin(refMunicipalities, eq(refMunicipalities.code, people.residenceMunicipalityCode))
        .where(
          and(inArray(people.id, ids), visiblePeopleCondition(ctx.actor, people.id, IDENTIFIED_SECTIONS)),
        )
    : [];
  const byId = new Map(visible.map((v) => [v.id, v]));
  const explained = hits.map((h) => engine.explain(h.slot, vSlot));
  const labels = await skillLabels(db, skillsOf(explained));
  const items = hits.map((h, i) => {
    const p = byId.get(h.id);
    const x = explanation(explained[i]!, labels);
    return {
      rank: i + 1,
      score: round(h.score, 9),
      ...x,
      distanceKm: x.distanceKm === null ? null : p ? x.distanceKm : Math.round(x.distanceKm),
      person: p ? { id: p.id, firstName: p.firstName, lastName: p.lastName } : null,
      candidateRef: createHash('sha256').update(`${vacancyId}:${h.id}`).digest('hex').slice(0, 16),
      municipalityName: p?.municipalityName ?? null,
      educationLevel: p ? p.educationLevel : null,
    };
  });
  if (visible.length)
    await audit(db, ctx, {
      action: 'matching.candidates_read',
      entityType: 'vacancy',
      entityId: vacancyId,
      details: { personIds: visible.map((v) => v.id), anonymised: hits.length - visible.length },
    });
  return { vacancyId, items };
}

export async function personMatches(
  db: Db,
  service: MatchingService,
  ctx: Ctx,
  personId: string,
  limit: number,
) {
  const access = await resolvePersonAccess(db, ctx.actor, personId);
  if (!access) {
    const [exists] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
    throw exists ? notVisible('people') : notFound('people');
  }
  if (access.kind === 'sections') throw forbidden('Your organisation sees only part of this record');
  const [person] = await db
    .select({ updatedAt: people.updatedAt })
    .from(people)
    .where(eq(people.id, personId));
  const engine = await service.current(person?.updatedAt ?? null);
  const pSlot = engine.personSlotOf(personId);
  if (pSlot === undefined) return { personId, items: [] };
  const hits = engine.topVacancies(pSlot, limit);
  const ids = hits.map((h) => h.id);
  const rows = ids.length
    ? await db
        .select({
          id: vacancies.id,
          title: vacancies.title,
          organizationName: organizations.name,
          municipalityName: refMunicipalities.name,
          workMode: vacancies.workMode,
        })
        .from(vacancies)
        .innerJoin(organizations, eq(organizations.id, vacancies.organizationId))
        .innerJoin(refMunicipalities, eq(refMunicipalities.code, vacancies.municipalityCode))
        // The engine may still hold the open vacancies of a company archived since: not matches.
        .where(
          and(inArray(vacancies.id, ids), eq(vacancies.status, 'open'), eq(organizations.status, 'active')),
        )
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const kept = hits.filter((h) => byId.has(h.id));
  const explained = kept.map((h) => engine.explain(pSlot, h.slot));
  const labels = await skillLabels(db, skillsOf(explained));
  const items = kept.map((h, i) => ({
    rank: i + 1,
    score: round(h.score, 9),
    ...explanation(explained[i]!, labels),
    vacancy: byId.get(h.id)!,
  }));
  await audit(db, ctx, {
    action: 'matching.vacancies_for_person',
    entityType: 'person',
    entityId: personId,
    details: { results: items.length },
  });
  return { personId, items };
}
