import { eq, sql, type SQL } from 'drizzle-orm';
import type { Vacancy, VacancyInput, VacancyPatch } from '@trama/contracts';
import { isPlatformAdmin, type Actor, type RequestContext } from '../../platform/actor';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Db, DbOrTx } from '../../platform/db';
import { DomainError, forbidden } from '../../platform/errors';
import { audit } from '../audit';
import { isActiveCompany } from '../companies';
import {
  cannotManage,
  datesInvalid,
  notACompany,
  occupationUnknown,
  skillsOverlap,
  skillsUnknown,
  staleVacancy,
  statusMove,
  vacancyNotFound,
  vacancyNotVisible,
} from './vacancies.errors';
import {
  VACANCY_READER_ROLES,
  canListVacancies,
  canManageVacancies,
  canMoveStatus,
  canReadVacancy,
} from './vacancies.policies';
import * as repo from './vacancies.repository';
import { vacancies } from './vacancies.table';

type Ctx = RequestContext & { actor: Actor };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const iso = (d: Date) => d.toISOString();

function toSummary(r: repo.VacancyRow) {
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    title: r.title,
    occupationId: r.occupationId,
    occupationLabel: r.occupationLabel,
    iscoGroup: r.iscoGroup,
    professionCode: r.professionCode,
    municipalityCode: r.municipalityCode,
    municipalityName: r.municipalityName,
    workMode: r.workMode,
    contractType: r.contractType,
    durationMonths: r.durationMonths,
    hoursPerWeek: r.hoursPerWeek,
    educationLevel: r.educationLevel,
    educationMandatory: r.educationMandatory,
    openings: r.openings,
    startDate: r.startDate,
    closingDate: r.closingDate,
    status: r.status,
    countsTowardsPledge: r.countsTowardsPledge,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

async function toVacancy(db: DbOrTx, r: repo.VacancyRow): Promise<Vacancy> {
  const [skills, languages] = await Promise.all([repo.skillsOf(db, r.id), repo.languagesOf(db, r.id)]);
  return {
    ...toSummary(r),
    description: r.description,
    languages,
    essentialSkills: skills.filter((s) => s.relation === 'essential').map(({ id, label }) => ({ id, label })),
    optionalSkills: skills.filter((s) => s.relation === 'optional').map(({ id, label }) => ({ id, label })),
  };
}

/** Loads a vacancy the actor may read, or 404 (audited when it exists but is not theirs to see). */
export async function loadReadable(db: DbOrTx, actor: Actor, id: string) {
  const row = await repo.findVacancy(db, id);
  if (!row) throw vacancyNotFound();
  if (!canReadVacancy(actor, row)) throw vacancyNotVisible();
  return row;
}

export async function getVacancy(db: Db, ctx: Ctx, id: string) {
  return toVacancy(db, await loadReadable(db, ctx.actor, id));
}

async function checkSkills(db: DbOrTx, essential: number[], optional: number[]) {
  const e = [...new Set(essential)];
  const o = [...new Set(optional)];
  if (o.some((id) => e.includes(id))) throw skillsOverlap();
  const known = await repo.existingSkillIds(db, [...e, ...o]);
  const unknown = [...e, ...o].filter((id) => !known.has(id));
  if (unknown.length) throw skillsUnknown(unknown);
  return { essential: e, optional: o };
}

function checkDates(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw datesInvalid();
}

export async function createVacancy(db: Db, ctx: Ctx, input: VacancyInput) {
  const orgId = input.organizationId ?? ctx.actor.organizationId;
  if (!orgId || !canManageVacancies(ctx.actor, orgId)) throw cannotManage();
  checkDates(input.startDate, input.closingDate);
  const id = await db.transaction(async (tx) => {
    if (!(await isActiveCompany(tx, orgId))) throw notACompany();
    if (!(await repo.occupationExists(tx, input.occupationId))) throw occupationUnknown();
    let essential = input.essentialSkillIds;
    let optional = input.optionalSkillIds;
    if (!essential || !optional) {
      const defaults = await repo.occupationSkills(tx, input.occupationId);
      essential ??= defaults.filter((d) => d.relation === 'essential').map((d) => d.skillId);
      optional ??= defaults.filter((d) => d.relation === 'optional').map((d) => d.skillId);
      optional = optional.filter((s) => !essential!.includes(s));
    }
    const skills = await checkSkills(tx, essential, optional);
    const label = await repo.occupationLabel(tx, input.occupationId);
    const id = await repo.insertVacancy(tx, {
      organizationId: orgId,
      title: input.title,
      description: input.description ?? null,
      occupationId: input.occupationId,
      professionCode: input.professionCode ?? null,
      municipalityCode: input.municipalityCode,
      workMode: input.workMode,
      contractType: input.contractType,
      durationMonths: input.durationMonths ?? null,
      hoursPerWeek: input.hoursPerWeek ?? null,
      educationLevel: input.educationLevel ?? null,
      educationMandatory: input.educationMandatory,
      openings: input.openings,
      startDate: input.startDate ?? null,
      closingDate: input.closingDate ?? null,
      status: input.status,
      countsTowardsPledge: input.countsTowardsPledge,
      searchText: repo.searchTextOf(input.title, label),
      createdBy: ctx.actor.userId,
    });
    await repo.replaceSkills(tx, id, skills.essential, skills.optional);
    await repo.replaceLanguages(tx, id, input.languages);
    await audit(tx, ctx, {
      action: 'vacancies.created',
      entityType: 'vacancy',
      entityId: id,
      details: { status: input.status, occupationId: input.occupationId },
    });
    return id;
  });
  return getVacancy(db, ctx, id);
}

export async function updateVacancy(db: Db, ctx: Ctx, id: string, patch: VacancyPatch) {
  await db.transaction(async (tx) => {
    const locked = await repo.lockVacancy(tx, id);
    if (!locked) throw vacancyNotFound();
    if (!canManageVacancies(ctx.actor, locked.organizationId)) {
      if (canReadVacancy(ctx.actor, locked)) throw cannotManage();
      throw vacancyNotVisible();
    }
    const current = (await repo.findVacancy(tx, id))!;
    if (patch.status && !canMoveStatus(current.status, patch.status))
      throw statusMove(current.status, patch.status);
    checkDates(
      patch.startDate !== undefined ? patch.startDate : current.startDate,
      patch.closingDate !== undefined ? patch.closingDate : current.closingDate,
    );
    const { version, languages, essentialSkillIds, optionalSkillIds, ...fields } = patch;
    const set: Partial<repo.VacancyInsert> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
    if (patch.title) set.searchText = repo.searchTextOf(patch.title, current.occupationLabel);
    if (!(await repo.updateVacancy(tx, id, version, set))) throw staleVacancy();
    if (essentialSkillIds || optionalSkillIds) {
      const before = await repo.skillsOf(tx, id);
      const skills = await checkSkills(
        tx,
        essentialSkillIds ?? before.filter((s) => s.relation === 'essential').map((s) => s.id),
        optionalSkillIds ?? before.filter((s) => s.relation === 'optional').map((s) => s.id),
      );
      await repo.replaceSkills(tx, id, skills.essential, skills.optional);
    }
    if (languages) await repo.replaceLanguages(tx, id, languages);
    await audit(tx, ctx, {
      action: 'vacancies.updated',
      entityType: 'vacancy',
      entityId: id,
      details: { fields: Object.keys(patch).filter((k) => k !== 'version'), status: patch.status ?? null },
    });
  });
  return getVacancy(db, ctx, id);
}

/**
 * What a list shows: the company's own vacancies (all statuses) to its staff; to the network's readers the
 * published ones, except those of an archived company (platform administrators still see them).
 */
function visibilityOf(actor: Actor): SQL {
  const own =
    actor.role === 'company_staff' && actor.organizationId
      ? eq(vacancies.organizationId, actor.organizationId)
      : sql`false`;
  const published = !VACANCY_READER_ROLES.includes(actor.role)
    ? sql`false`
    : isPlatformAdmin(actor)
      ? sql`${vacancies.status} <> 'draft'`
      : sql`(${vacancies.status} <> 'draft' and ${repo.companyActive})`;
  return sql`(${own} or ${published})`;
}

export async function listVacancies(
  db: Db,
  ctx: Ctx,
  q: repo.VacancyFilters & { cursor?: string | undefined; limit: number },
) {
  if (!canListVacancies(ctx.actor)) throw forbidden();
  const after = decodeCursor<{ createdAt: string; id: string }>(q.cursor);
  if (
    after &&
    (typeof after.id !== 'string' ||
      !UUID.test(after.id) ||
      Number.isNaN(Date.parse(String(after.createdAt))))
  )
    throw new DomainError(
      'pagination.invalid_cursor',
      400,
      'The cursor is not valid; start again from the first page',
    );
  const rows = await repo.listVacancies(db, visibilityOf(ctx.actor), q, after, q.limit);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ createdAt: iso(last.createdAt), id: last.id }) : null,
  };
}
