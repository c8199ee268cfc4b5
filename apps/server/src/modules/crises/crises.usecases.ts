import type {
  AttendanceInput,
  CohortMember,
  CohortPage,
  Crisis,
  CrisisAccess,
  CrisisInput,
  CrisisOutcome,
  CrisisPatch,
  CrisisSummary,
  GroupAction,
  GroupActionInput,
  MarketingProfile,
  SessionInput,
  SkillsProfile,
  TargetCompanies,
} from '@trama/contracts';
import { CRISIS_MIN_GROUP, TARGET_WEIGHTS } from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Db, DbOrTx } from '../../platform/db';
import { forbidden } from '../../platform/errors';
import { audit } from '../audit';
import { todayInItaly } from '../organizations';
import { resolvePersonAccess } from '../people';
import {
  AGE_BANDS,
  EDUCATION_GROUPS,
  ageOn,
  computeOutcome,
  countBy,
  isActiveParticipant,
  rankTargetCompanies,
  suppress,
  suppressOutcome,
  suppressedGroups,
} from './crises.analysis';
import {
  actionNotFound,
  agreementDateRequired,
  alreadyMember,
  attendanceNotMembers,
  cannotCreate,
  cannotManage,
  crisisClosed,
  crisisNotFound,
  crisisNotVisible,
  datesInvalid,
  municipalityUnknown,
  notACompany,
  notMember,
  personNotVisible,
  personWithoutPathway,
  programmeUnknown,
  providerInvalid,
  sessionNotFound,
  sessionOutsideAction,
  staleCrisis,
} from './crises.errors';
import {
  CRISIS_MANAGER_ROLES,
  canCreateCrisis,
  canListCrises,
  canManageCrisis,
  canRead,
  crisisAccessOf,
  type CRISIS_READS,
} from './crises.policies';
import * as repo from './crises.repository';

export type Ctx = RequestContext & { actor: Actor };

const iso = (d: Date) => d.toISOString();

function toSummary(r: repo.CrisisRow): CrisisSummary {
  return {
    id: r.id,
    title: r.title,
    companyId: r.companyId,
    companyName: r.companyName,
    siteMunicipalityCode: r.siteMunicipalityCode,
    siteMunicipalityName: r.siteMunicipalityName,
    ownerOrganizationId: r.ownerOrganizationId,
    ownerOrganizationName: r.ownerOrganizationName,
    workersAffected: r.workersAffected,
    cohortSize: r.cohortSize,
    announcedOn: r.announcedOn,
    status: r.status,
    createdAt: iso(r.createdAt),
  };
}

function toCrisis(r: repo.CrisisRow, access: CrisisAccess): Crisis {
  return {
    ...toSummary(r),
    programmeId: r.programmeId,
    programmeCode: r.programmeCode,
    programmeName: r.programmeName,
    agreementOn: r.agreementOn,
    redundancyEndOn: r.redundancyEndOn,
    agreementSigned: r.agreementSigned,
    unionOrganizations: r.unionOrganizations,
    agreementNotes: r.agreementNotes,
    closedAt: r.closedAt ? iso(r.closedAt) : null,
    version: r.version,
    updatedAt: iso(r.updatedAt),
    access,
  };
}

/** Loads a crisis the actor may see (404, audited, when it exists but is not theirs to see). */
async function load(db: DbOrTx, actor: Actor, id: string, what: keyof typeof CRISIS_READS = 'details') {
  const row = await repo.findCrisis(db, id);
  if (!row) throw crisisNotFound();
  const access = crisisAccessOf(actor, {
    ownerOrganizationId: row.ownerOrganizationId,
    companyOrganizationId: row.companyId,
  });
  if (!access) throw crisisNotVisible();
  if (!canRead(access, what))
    throw forbidden('This part of the crisis is for the coordinating organisations');
  return { row, access };
}

async function loadManaged(db: DbOrTx, actor: Actor, id: string, allowClosed = false) {
  const { row, access } = await load(db, actor, id);
  if (!canManageCrisis(access)) throw cannotManage();
  if (!allowClosed && row.status === 'closed') throw crisisClosed();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Crises

export async function getCrisis(db: Db, ctx: Ctx, id: string): Promise<Crisis> {
  const { row, access } = await load(db, ctx.actor, id);
  return toCrisis(row, access);
}

export async function listCrises(
  db: Db,
  ctx: Ctx,
  q: {
    q?: string | undefined;
    status?: string | undefined;
    companyId?: string | undefined;
    cursor?: string;
    limit: number;
  },
) {
  const actor = ctx.actor;
  if (!canListCrises(actor))
    throw forbidden('Company crises are for coordinating organisations and companies');
  const network = actor.role === 'network_coordinator' || actor.role === 'regional_officer';
  const companyRole = !CRISIS_MANAGER_ROLES.includes(actor.role);
  const after = decodeCursor<{ createdAt: string; id: string }>(q.cursor);
  const rows = await repo.listCrises(
    db,
    repo.crisisVisibility(actor, network, companyRole),
    q,
    after,
    q.limit,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ createdAt: iso(last.createdAt), id: last.id }) : null,
  };
}

async function checkReferences(
  db: DbOrTx,
  v: { companyId?: string; programmeId?: string | undefined; siteMunicipalityCode?: string | undefined },
) {
  let companyName: string | null = null;
  if (v.companyId) {
    const co = await repo.activeOrganization(db, v.companyId);
    if (!co || co.type !== 'company') throw notACompany();
    companyName = co.name;
  }
  if (v.programmeId && !(await repo.programmeExists(db, v.programmeId))) throw programmeUnknown();
  let siteName: string | null = null;
  if (v.siteMunicipalityCode) {
    siteName = await repo.municipalityName(db, v.siteMunicipalityCode);
    if (!siteName) throw municipalityUnknown();
  }
  return { companyName, siteName };
}

function checkDates(c: {
  announcedOn: string;
  agreementOn: string | null;
  redundancyEndOn: string | null;
  agreementSigned: boolean;
}) {
  if (c.agreementOn && c.agreementOn < c.announcedOn) throw datesInvalid('agreementOn');
  if (c.redundancyEndOn && c.redundancyEndOn < c.announcedOn) throw datesInvalid('redundancyEndOn');
  if (c.agreementSigned && !c.agreementOn) throw agreementDateRequired();
}

export async function createCrisis(db: Db, ctx: Ctx, input: CrisisInput): Promise<Crisis> {
  if (!canCreateCrisis(ctx.actor)) throw cannotCreate();
  const values = {
    announcedOn: input.announcedOn,
    agreementOn: input.agreementOn ?? null,
    redundancyEndOn: input.redundancyEndOn ?? null,
    agreementSigned: input.agreementSigned,
  };
  checkDates(values);
  const id = await db.transaction(async (tx) => {
    const { companyName, siteName } = await checkReferences(tx, input);
    const id = await repo.insertCrisis(tx, {
      ...values,
      ownerOrganizationId: ctx.actor.organizationId!,
      companyOrganizationId: input.companyId,
      siteMunicipalityCode: input.siteMunicipalityCode,
      programmeId: input.programmeId,
      title: input.title,
      workersAffected: input.workersAffected,
      unionOrganizations: [...new Set(input.unionOrganizations)],
      agreementNotes: input.agreementNotes ?? null,
      searchText: repo.searchTextOf(input.title, companyName!, siteName!),
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'crises.created',
      entityType: 'crisis',
      entityId: id,
      details: { companyId: input.companyId, workersAffected: input.workersAffected },
    });
    return id;
  });
  return getCrisis(db, ctx, id);
}

export async function updateCrisis(db: Db, ctx: Ctx, id: string, patch: CrisisPatch): Promise<Crisis> {
  await db.transaction(async (tx) => {
    const row = await loadManaged(tx, ctx.actor, id, true);
    if (row.status === 'closed' && patch.status !== 'open') throw crisisClosed();
    const { version, status, ...fields } = patch;
    const merged = {
      announcedOn: fields.announcedOn ?? row.announcedOn,
      agreementOn: fields.agreementOn !== undefined ? fields.agreementOn : row.agreementOn,
      redundancyEndOn: fields.redundancyEndOn !== undefined ? fields.redundancyEndOn : row.redundancyEndOn,
      agreementSigned: fields.agreementSigned ?? row.agreementSigned,
    };
    checkDates(merged);
    const { siteName } = await checkReferences(tx, {
      programmeId: fields.programmeId,
      siteMunicipalityCode: fields.siteMunicipalityCode,
    });
    const set: Partial<repo.CrisisInsert> = { ...merged };
    if (fields.title !== undefined) set.title = fields.title;
    if (fields.siteMunicipalityCode !== undefined) set.siteMunicipalityCode = fields.siteMunicipalityCode;
    if (fields.programmeId !== undefined) set.programmeId = fields.programmeId;
    if (fields.workersAffected !== undefined) set.workersAffected = fields.workersAffected;
    if (fields.unionOrganizations !== undefined)
      set.unionOrganizations = [...new Set(fields.unionOrganizations)];
    if (fields.agreementNotes !== undefined) set.agreementNotes = fields.agreementNotes ?? null;
    if (status !== undefined && status !== row.status) {
      set.status = status;
      set.closedAt = status === 'closed' ? new Date() : null;
    }
    set.searchText = repo.searchTextOf(
      fields.title ?? row.title,
      row.companyName,
      siteName ?? row.siteMunicipalityName,
    );
    if (!(await repo.updateCrisis(tx, id, version, set))) throw staleCrisis();
    await audit(tx, ctx, {
      action: 'crises.updated',
      entityType: 'crisis',
      entityId: id,
      details: { fields: Object.keys(patch).filter((k) => k !== 'version'), status: status ?? row.status },
    });
  });
  return getCrisis(db, ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Cohort

function toMember(r: Awaited<ReturnType<typeof repo.listVisibleMembers>>[number]): CohortMember {
  const state = (r.pathway?.state ?? null) as CohortMember['pathwayState'];
  return {
    personId: r.personId,
    firstName: r.firstName,
    lastName: r.lastName,
    fiscalCode: r.fiscalCode,
    municipalityName: r.municipalityName,
    pathwayId: r.pathway?.id ?? null,
    pathwayState: state,
    sessionsPresent: r.sessionsPresent,
    active: isActiveParticipant({ pathway_state: state, sessions_present: r.sessionsPresent }),
    addedAt: iso(r.addedAt),
  };
}

export async function listCohort(
  db: Db,
  ctx: Ctx,
  id: string,
  q: { cursor?: string | undefined; limit: number },
): Promise<CohortPage> {
  const { row } = await load(db, ctx.actor, id, 'cohort');
  const after = decodeCursor<{ addedAt: string; personId: string }>(q.cursor);
  const [rows, counts] = await Promise.all([
    repo.listVisibleMembers(db, ctx.actor, { id, programmeId: row.programmeId }, after, q.limit),
    repo.memberCounts(db, ctx.actor, id),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  if (page.length)
    await audit(db, ctx, {
      action: 'crises.cohort_read',
      entityType: 'crisis',
      entityId: id,
      details: { people: page.map((p) => p.personId) },
    });
  return {
    items: page.map(toMember),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({ addedAt: iso(last.addedAt), personId: last.personId })
        : null,
    total: counts.total,
    hidden: counts.total - counts.visible,
  };
}

export async function addCohortMember(db: Db, ctx: Ctx, id: string, personId: string): Promise<CohortMember> {
  await db.transaction(async (tx) => {
    await loadManaged(tx, ctx.actor, id);
    // The cohort's analyses use the whole record (skills, education, residence, age): only people the
    // organisation follows (full access), not people it sees in part through a referral.
    const access = await resolvePersonAccess(tx, ctx.actor, personId);
    if (access?.kind !== 'full') throw personNotVisible();
    if (!(await repo.hasPathway(tx, personId))) throw personWithoutPathway();
    const existing = await repo.findMember(tx, id, personId);
    if (existing && existing.removedAt === null) throw alreadyMember();
    await repo.addMember(tx, id, personId, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'crises.cohort_added',
      entityType: 'crisis',
      entityId: id,
      details: { personId },
    });
  });
  const { row } = await load(db, ctx.actor, id, 'cohort');
  const rows = await repo.listVisibleMembers(
    db,
    ctx.actor,
    { id, programmeId: row.programmeId },
    null,
    100_000,
  );
  return toMember(rows.find((r) => r.personId === personId)!);
}

export async function removeCohortMember(db: Db, ctx: Ctx, id: string, personId: string) {
  await db.transaction(async (tx) => {
    await loadManaged(tx, ctx.actor, id);
    if (!(await repo.removeMember(tx, id, personId, ctx.actor.userId))) throw notMember();
    await audit(tx, ctx, {
      action: 'crises.cohort_removed',
      entityType: 'crisis',
      entityId: id,
      details: { personId },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Group actions and attendance

export async function listActions(db: Db, ctx: Ctx, id: string): Promise<{ items: GroupAction[] }> {
  await load(db, ctx.actor, id, 'actions');
  const [actions, sessions, attendance] = await Promise.all([
    repo.listActions(db, id),
    repo.listSessions(db, id),
    repo.visibleAttendance(db, ctx.actor, id),
  ]);
  if (attendance.length)
    await audit(db, ctx, {
      action: 'crises.attendance_read',
      entityType: 'crisis',
      entityId: id,
      details: { people: [...new Set(attendance.map((a) => a.personId))] },
    });
  return {
    items: actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      hours: a.hours,
      providerOrganizationId: a.providerOrganizationId,
      providerName: a.providerName,
      createdAt: iso(a.createdAt),
      sessions: sessions
        .filter((s) => s.actionId === a.id)
        .map((s) => ({
          id: s.id,
          heldOn: s.heldOn,
          hours: Number(s.hours),
          present: s.present,
          absent: s.absent,
          justified: s.justified,
          attendance: attendance
            .filter((x) => x.sessionId === s.id)
            .map(({ personId, firstName, lastName, status }) => ({ personId, firstName, lastName, status })),
        })),
    })),
  };
}

async function actionView(db: Db, ctx: Ctx, id: string, actionId: string) {
  const { items } = await listActions(db, ctx, id);
  return items.find((a) => a.id === actionId)!;
}

export async function createAction(db: Db, ctx: Ctx, id: string, input: GroupActionInput) {
  const actionId = await db.transaction(async (tx) => {
    await loadManaged(tx, ctx.actor, id);
    if (!(await repo.activeOrganization(tx, input.providerOrganizationId))) throw providerInvalid();
    const actionId = await repo.insertAction(tx, { crisisId: id, ...input, createdBy: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'crises.action_created',
      entityType: 'crisis',
      entityId: id,
      details: { actionId, kind: input.kind, hours: input.hours },
    });
    return actionId;
  });
  return actionView(db, ctx, id, actionId);
}

export async function addSession(db: Db, ctx: Ctx, id: string, actionId: string, input: SessionInput) {
  await db.transaction(async (tx) => {
    await loadManaged(tx, ctx.actor, id);
    const action = await repo.findAction(tx, id, actionId);
    if (!action) throw actionNotFound();
    if (input.heldOn < action.startsOn || input.heldOn > action.endsOn)
      throw sessionOutsideAction(action.startsOn, action.endsOn);
    const sessionId = await repo.insertSession(tx, actionId, input.heldOn, input.hours);
    await audit(tx, ctx, {
      action: 'crises.session_added',
      entityType: 'crisis',
      entityId: id,
      details: { actionId, sessionId, heldOn: input.heldOn },
    });
  });
  return actionView(db, ctx, id, actionId);
}

export async function recordAttendance(
  db: Db,
  ctx: Ctx,
  id: string,
  actionId: string,
  sessionId: string,
  input: AttendanceInput,
) {
  await db.transaction(async (tx) => {
    await loadManaged(tx, ctx.actor, id);
    if (!(await repo.findAction(tx, id, actionId))) throw actionNotFound();
    if (!(await repo.findSession(tx, actionId, sessionId))) throw sessionNotFound();
    const entries = [...new Map(input.entries.map((e) => [e.personId, e])).values()];
    const members = await repo.memberIds(tx, id);
    const outsiders = entries.filter((e) => !members.has(e.personId)).map((e) => e.personId);
    if (outsiders.length) throw attendanceNotMembers(outsiders);
    await repo.upsertAttendance(tx, sessionId, entries, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'crises.attendance_recorded',
      entityType: 'crisis',
      entityId: id,
      details: {
        actionId,
        sessionId,
        entries: entries.map((e) => ({ personId: e.personId, status: e.status })),
      },
    });
  });
  return actionView(db, ctx, id, actionId);
}

// ---------------------------------------------------------------------------------------------
// Skills profile, target companies

export async function skillsProfile(db: Db, ctx: Ctx, id: string): Promise<SkillsProfile> {
  const { row, access } = await load(db, ctx.actor, id, 'skillsProfile');
  const facts = await repo.memberFacts(db, { id, programmeId: row.programmeId });
  const skills = countBy(facts, (m) => m.skills.map(String));
  const occupations = countBy(facts, (m) => (m.occupation_id === null ? null : String(m.occupation_id)));
  const isco = countBy(facts, (m) => (m.isco_group ? m.isco_group.slice(0, 3) : null));
  const top = <K>(m: Map<string, number>, n: number, key: (k: string) => K) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, n)
      .map(([k, count]) => ({ k, key: key(k), count }));
  const topSkills = top(skills, 50, Number);
  const topOccupations = top(occupations, 30, Number);
  const topIsco = top(isco, 30, String);
  const [skillLabels, occupationLabels, iscoLabels] = await Promise.all([
    repo.skillLabels(
      db,
      topSkills.map((s) => s.key),
    ),
    repo.occupationLabels(
      db,
      topOccupations.map((s) => s.key),
    ),
    repo.iscoLabels(
      db,
      topIsco.map((s) => s.key),
    ),
  ]);
  const profile = {
    cohortSize: facts.length,
    withSkills: facts.filter((m) => m.skills.length > 0).length,
    skills: topSkills.map((s) => ({
      key: s.k,
      skillId: s.key,
      label: skillLabels.get(s.key) ?? null,
      count: s.count,
    })),
    occupations: topOccupations.map((s) => ({
      key: s.k,
      occupationId: s.key,
      label: occupationLabels.get(s.key) ?? null,
      count: s.count,
    })),
    iscoGroups: topIsco.map((s) => ({ key: s.k, label: iscoLabels.get(s.key) ?? null, count: s.count })),
  };
  if (access === 'owner') return { ...profile, suppressed: false };
  // Outside the owning organisation: counts under CRISIS_MIN_GROUP as "<5", as in the marketing profile
  // (with secondary suppression where the groups partition the members: occupations, ISCO groups).
  const masked = <T extends { key: string; label: string | null; count: number }>(
    rows: T[],
    partition: boolean,
  ) => {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return suppressedGroups(
      rows.map((r) => ({ key: r.key, label: r.label ?? r.key, n: r.count })),
      partition,
    ).map((g) => ({ ...byKey.get(g.key)!, count: g.count }));
  };
  return {
    cohortSize: suppress(profile.cohortSize),
    withSkills: suppress(profile.withSkills),
    skills: masked(profile.skills, false),
    occupations: masked(profile.occupations, true),
    iscoGroups: masked(profile.iscoGroups, true),
    suppressed: true,
  };
}

export async function targetCompanies(
  db: Db,
  ctx: Ctx,
  id: string,
  q: { limit: number },
): Promise<TargetCompanies> {
  const { row } = await load(db, ctx.actor, id, 'targetCompanies');
  const facts = await repo.memberFacts(db, { id, programmeId: row.programmeId });
  const skills = [...new Set(facts.flatMap((m) => m.skills))].sort((a, b) => a - b);
  const scope = { regionCode: row.siteRegionCode, excludeCompanyId: row.companyId, skills };
  const [vacancies, sector] = await Promise.all([
    repo.candidateVacancies(db, scope),
    repo.sectorDemand(db, scope),
  ]);
  const companies = await repo.companiesWithPlaces(db, {
    regionCode: row.siteRegionCode,
    excludeCompanyId: row.companyId,
    ids: [...new Set(vacancies.map((v) => v.organization_id))],
    divisions: [...sector.keys()],
  });
  const labels = await repo.skillLabels(db, skills);
  const ranked = rankTargetCompanies({
    members: facts,
    vacancies,
    companies,
    sectorDemand: sector,
    skillLabels: labels,
  });
  return {
    cohortSize: facts.length,
    weights: { ...TARGET_WEIGHTS },
    items: ranked.slice(0, q.limit),
    totalCandidates: ranked.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Territorial marketing (anonymised) and outcome

const LICENCE_LABELS: Record<string, string> = {
  AM: 'Patente AM',
  A: 'Patente A',
  B: 'Patente B',
  C: 'Patente C',
  CE: 'Patente CE',
  D: 'Patente D',
  CQC: 'Carta di qualificazione del conducente (CQC)',
};
const LANGUAGE_LABELS: Record<string, string> = {
  it: 'Italiano',
  en: 'Inglese',
  fr: 'Francese',
  de: 'Tedesco',
  es: 'Spagnolo',
  ar: 'Arabo',
  ro: 'Rumeno',
  uk: 'Ucraino',
  ru: 'Russo',
  zh: 'Cinese',
  sq: 'Albanese',
  pt: 'Portoghese',
};

/**
 * The anonymised cohort profile to send to companies: aggregates only (no names, no fiscal codes, no
 * identifiers of people), every group under CRISIS_MIN_GROUP people shown as "<5".
 */
export async function marketingProfile(db: Db, ctx: Ctx, id: string): Promise<MarketingProfile> {
  const { row } = await load(db, ctx.actor, id, 'marketing');
  const facts = await repo.memberFacts(db, { id, programmeId: row.programmeId });
  const provinceName = await repo.provinceOf(db, row.siteMunicipalityCode);
  const small = facts.length < CRISIS_MIN_GROUP;
  const today = todayInItaly();
  const groups = (map: Map<string, number>, label: (k: string) => string, partition: boolean) =>
    small
      ? []
      : suppressedGroups(
          [...map].map(([key, n]) => ({ key, label: label(key), n })),
          partition,
        );

  const ages = countBy(facts, (m) => {
    const age = ageOn(m.birth_date, today);
    return AGE_BANDS.find((b) => age <= b.max)!.key;
  });
  const education = countBy(facts, (m) =>
    m.education_level === null
      ? 'unknown'
      : (EDUCATION_GROUPS.find((g) => (g.levels as readonly number[]).includes(m.education_level!))?.key ??
        'unknown'),
  );
  const isco = countBy(facts, (m) => (m.isco_group ? m.isco_group.slice(0, 3) : 'unknown'));
  const skills = countBy(facts, (m) => m.skills.map(String));
  const topSkills = [...skills].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0])).slice(0, 15);
  const [iscoLabels, skillLabels] = await Promise.all([
    repo.iscoLabels(
      db,
      [...isco.keys()].filter((k) => k !== 'unknown'),
    ),
    repo.skillLabels(
      db,
      topSkills.map(([k]) => Number(k)),
    ),
  ]);
  return {
    crisisTitle: row.title,
    companyName: row.companyName,
    siteMunicipalityName: row.siteMunicipalityName,
    provinceName,
    programmeName: row.programmeName,
    workersAffected: row.workersAffected,
    cohortSize: suppress(facts.length),
    ageBands: groups(ages, (k) => AGE_BANDS.find((b) => b.key === k)!.label, true),
    sex: groups(
      countBy(facts, (m) => m.sex),
      (k) => (k === 'F' ? 'Donne' : 'Uomini'),
      true,
    ),
    education: groups(
      education,
      (k) => EDUCATION_GROUPS.find((g) => g.key === k)?.label ?? 'Titolo non indicato',
      true,
    ),
    occupationGroups: groups(
      isco,
      (k) => (k === 'unknown' ? 'Professione non indicata' : (iscoLabels.get(k) ?? `ISCO ${k}`)),
      true,
    ),
    skills: groups(new Map(topSkills), (k) => skillLabels.get(Number(k)) ?? `ESCO ${k}`, false),
    languages: groups(
      countBy(facts, (m) => m.languages),
      (k) => LANGUAGE_LABELS[k] ?? k.toUpperCase(),
      false,
    ),
    drivingLicences: groups(
      countBy(facts, (m) => m.driving_licences),
      (k) => LICENCE_LABELS[k] ?? `Patente ${k}`,
      false,
    ),
    provinces: groups(
      countBy(facts, (m) => m.province_name ?? 'unknown'),
      (k) => (k === 'unknown' ? 'Residenza non indicata' : k),
      true,
    ),
    suppressedBelow: CRISIS_MIN_GROUP,
    generatedAt: new Date().toISOString(),
  };
}

export async function marketingPdf(db: Db, ctx: Ctx, id: string) {
  const profile = await marketingProfile(db, ctx, id);
  const { renderMarketingPdf } = await import('./crises.pdf');
  return renderMarketingPdf(profile);
}

export async function outcome(db: Db, ctx: Ctx, id: string): Promise<CrisisOutcome> {
  const { row, access } = await load(db, ctx.actor, id, 'outcome');
  const [facts, rules] = await Promise.all([
    repo.memberFacts(db, { id, programmeId: row.programmeId }),
    repo.programmeOutcomeRules(db, row.programmeId),
  ]);
  const exact = computeOutcome(facts, rules!);
  // Only the owning organisation sees small groups exactly: for the company and other organisations'
  // coordinators, who re-entered work (or was active) in a small cohort would identify people.
  return access === 'owner' ? exact : suppressOutcome(exact);
}
