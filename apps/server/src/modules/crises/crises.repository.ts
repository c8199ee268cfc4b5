/**
 * All SQL of the crises module. The cohort analyses (skills profile, target companies, marketing,
 * outcome) are a read model over other modules' tables, like kpi and analytics: they read people,
 * pathways, vacancies and companies through those modules' index exports, aggregate, and never write.
 */
import { and, asc, desc, eq, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AttendanceStatus, GroupActionKind, PersonSection } from '@trama/contracts';
import type { DbOrTx } from '../../platform/db';
import { escapeLike, normalizeSearch } from '../../platform/text';
import { companyProfiles, companySites } from '../companies';
import { organizations } from '../organizations';
import { pathways } from '../pathways';
import { people, personLanguages, personSkills, personWorkHistory, visiblePeopleCondition } from '../people';
import { programmeCatalogueLines, programmes } from '../programmes';
import { refIscoGroups, refMunicipalities, refOccupations, refProvinces, refSkills } from '../reference';
import { vacancies, vacancySkills } from '../vacancies';
import type { Actor } from '../../platform/actor';
import {
  crises,
  crisisActionSessions,
  crisisActions,
  crisisAttendance,
  crisisCohortMembers,
} from './crises.table';

async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export type CrisisInsert = typeof crises.$inferInsert;

const company = alias(organizations, 'company');
const owner = alias(organizations, 'owner');

const activeMember = (crisisId: SQL | string) =>
  sql`${crisisCohortMembers.crisisId} = ${crisisId} and ${crisisCohortMembers.removedAt} is null`;

const crisisColumns = {
  id: crises.id,
  title: crises.title,
  companyId: crises.companyOrganizationId,
  companyName: company.name,
  siteMunicipalityCode: crises.siteMunicipalityCode,
  siteMunicipalityName: refMunicipalities.name,
  siteProvinceCode: refMunicipalities.provinceCode,
  siteRegionCode: refMunicipalities.regionCode,
  ownerOrganizationId: crises.ownerOrganizationId,
  ownerOrganizationName: owner.name,
  workersAffected: crises.workersAffected,
  cohortSize: sql<number>`(select count(*)::int from ${crisisCohortMembers} where ${activeMember(sql`${crises.id}`)})`,
  announcedOn: crises.announcedOn,
  status: crises.status,
  createdAt: crises.createdAt,
  programmeId: crises.programmeId,
  programmeCode: programmes.code,
  programmeName: programmes.name,
  agreementOn: crises.agreementOn,
  redundancyEndOn: crises.redundancyEndOn,
  agreementSigned: crises.agreementSigned,
  unionOrganizations: crises.unionOrganizations,
  agreementNotes: crises.agreementNotes,
  closedAt: crises.closedAt,
  version: crises.version,
  updatedAt: crises.updatedAt,
};

const baseCrisis = (db: DbOrTx) =>
  db
    .select(crisisColumns)
    .from(crises)
    .innerJoin(company, eq(company.id, crises.companyOrganizationId))
    .innerJoin(owner, eq(owner.id, crises.ownerOrganizationId))
    .innerJoin(refMunicipalities, eq(refMunicipalities.code, crises.siteMunicipalityCode))
    .innerJoin(programmes, eq(programmes.id, crises.programmeId));

export type CrisisRow = Awaited<ReturnType<typeof findCrisis>> & object;

export async function findCrisis(db: DbOrTx, id: string) {
  const [row] = await baseCrisis(db).where(eq(crises.id, id));
  return row ?? null;
}

/** Which crises the actor may list: see crises.policies (owner, network roles, the company). */
export function crisisVisibility(actor: Actor, network: boolean, companyRole: boolean): SQL {
  const conds: SQL[] = [];
  if (network) conds.push(sql`true`);
  conds.push(eq(crises.ownerOrganizationId, actor.organizationId!));
  if (companyRole) conds.push(eq(crises.companyOrganizationId, actor.organizationId!));
  return or(...conds)!;
}

export interface CrisisFilters {
  q?: string | undefined;
  status?: string | undefined;
  companyId?: string | undefined;
}

/** Newest first. */
export async function listCrises(
  db: DbOrTx,
  visibility: SQL,
  f: CrisisFilters,
  after: { createdAt: string; id: string } | null,
  limit: number,
) {
  const where: SQL[] = [visibility];
  if (f.q)
    for (const w of normalizeSearch(f.q).split(' ').filter(Boolean).slice(0, 8))
      where.push(like(crises.searchText, `%${escapeLike(w)}%`));
  if (f.status) where.push(sql`${crises.status} = ${f.status}`);
  if (f.companyId) where.push(eq(crises.companyOrganizationId, f.companyId));
  if (after)
    where.push(
      or(
        lt(crises.createdAt, new Date(after.createdAt)),
        and(eq(crises.createdAt, new Date(after.createdAt)), lt(crises.id, after.id)),
      )!,
    );
  return baseCrisis(db)
    .where(and(...where))
    .orderBy(desc(crises.createdAt), desc(crises.id))
    .limit(limit + 1);
}

export async function insertCrisis(tx: DbOrTx, values: CrisisInsert) {
  const [row] = await tx.insert(crises).values(values).returning({ id: crises.id });
  return row!.id;
}

export async function updateCrisis(tx: DbOrTx, id: string, version: number, set: Partial<CrisisInsert>) {
  const rows = await tx
    .update(crises)
    .set({ ...set, version: sql`${crises.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(crises.id, id), eq(crises.version, version)))
    .returning({ id: crises.id });
  return rows.length > 0;
}

export async function activeOrganization(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: organizations.id, type: organizations.type, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.status, 'active')));
  return row ?? null;
}

export async function programmeExists(db: DbOrTx, id: string) {
  const rows = await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, id));
  return rows.length > 0;
}

export async function municipalityName(db: DbOrTx, code: string) {
  const [row] = await db
    .select({ name: refMunicipalities.name })
    .from(refMunicipalities)
    .where(eq(refMunicipalities.code, code));
  return row?.name ?? null;
}

export const searchTextOf = (title: string, companyName: string, siteName: string) =>
  normalizeSearch(`${title} ${companyName} ${siteName}`);

// ---------------------------------------------------------------------------------------------
// Cohort

/** The pathway that represents a member: the latest of the crisis programme, else the latest. */
const memberPathway = (personId: SQL, programmeId: SQL) => sql`(
  select json_build_object('id', pw.id, 'state', pw.state) from ${pathways} pw
  where pw.person_id = ${personId}
  order by (pw.programme_id = ${programmeId}) desc, pw.taken_in_charge_at desc, pw.id desc limit 1)`;

const sessionsPresent = (crisisId: SQL, personId: SQL) => sql`(
  select count(*)::int from ${crisisAttendance} at
  join ${crisisActionSessions} s on s.id = at.session_id
  join ${crisisActions} a on a.id = s.action_id
  where a.crisis_id = ${crisisId} and at.person_id = ${personId} and at.status = 'present')`;

export async function hasPathway(db: DbOrTx, personId: string) {
  const rows = await db
    .select({ id: pathways.id })
    .from(pathways)
    .where(eq(pathways.personId, personId))
    .limit(1);
  return rows.length > 0;
}

export async function findMember(db: DbOrTx, crisisId: string, personId: string) {
  const [row] = await db
    .select()
    .from(crisisCohortMembers)
    .where(and(eq(crisisCohortMembers.crisisId, crisisId), eq(crisisCohortMembers.personId, personId)));
  return row ?? null;
}

export async function addMember(tx: DbOrTx, crisisId: string, personId: string, by: string) {
  await tx
    .insert(crisisCohortMembers)
    .values({ crisisId, personId, addedBy: by })
    .onConflictDoUpdate({
      target: [crisisCohortMembers.crisisId, crisisCohortMembers.personId],
      set: { removedAt: null, removedBy: null, addedAt: sql`now()`, addedBy: by },
    });
}

export async function removeMember(tx: DbOrTx, crisisId: string, personId: string, by: string) {
  const rows = await tx
    .update(crisisCohortMembers)
    .set({ removedAt: sql`now()`, removedBy: by })
    .where(
      and(
        eq(crisisCohortMembers.crisisId, crisisId),
        eq(crisisCohortMembers.personId, personId),
        isNull(crisisCohortMembers.removedAt),
      ),
    )
    .returning({ personId: crisisCohortMembers.personId });
  return rows.length > 0;
}

export async function memberIds(db: DbOrTx, crisisId: string) {
  const rows = await db
    .select({ personId: crisisCohortMembers.personId })
    .from(crisisCohortMembers)
    .where(activeMember(crisisId));
  return new Set(rows.map((r) => r.personId));
}

/** A member's row shows names and fiscal code (identity) and the municipality (residence). */
const MEMBER_SECTIONS: readonly PersonSection[] = ['identity', 'residence'];

/** Members the actor may see, oldest first (added_at, person id), with their pathway and attendance. */
export async function listVisibleMembers(
  db: DbOrTx,
  actor: Actor,
  crisis: { id: string; programmeId: string },
  after: { addedAt: string; personId: string } | null,
  limit: number,
) {
  const where: SQL[] = [
    activeMember(crisis.id),
    visiblePeopleCondition(actor, crisisCohortMembers.personId, MEMBER_SECTIONS),
  ];
  if (after)
    where.push(
      or(
        sql`${crisisCohortMembers.addedAt} > ${after.addedAt}::timestamptz`,
        and(
          sql`${crisisCohortMembers.addedAt} = ${after.addedAt}::timestamptz`,
          sql`${crisisCohortMembers.personId} > ${after.personId}::uuid`,
        ),
      )!,
    );
  return db
    .select({
      personId: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      fiscalCode: people.fiscalCode,
      municipalityName: refMunicipalities.name,
      pathway: sql<{
        id: string;
        state: string;
      } | null>`${memberPathway(sql`${people.id}`, sql`${crisis.programmeId}::uuid`)}`,
      sessionsPresent: sql<number>`${sessionsPresent(sql`${crisis.id}::uuid`, sql`${people.id}`)}`,
      addedAt: crisisCohortMembers.addedAt,
    })
    .from(crisisCohortMembers)
    .innerJoin(people, eq(people.id, crisisCohortMembers.personId))
    .leftJoin(refMunicipalities, eq(refMunicipalities.code, people.residenceMunicipalityCode))
    .where(and(...where))
    .orderBy(asc(crisisCohortMembers.addedAt), asc(crisisCohortMembers.personId))
    .limit(limit + 1);
}

export async function memberCounts(db: DbOrTx, actor: Actor, crisisId: string) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      visible: sql<number>`count(*) filter (where ${visiblePeopleCondition(actor, crisisCohortMembers.personId, MEMBER_SECTIONS)})::int`,
    })
    .from(crisisCohortMembers)
    .where(activeMember(crisisId));
  return row ?? { total: 0, visible: 0 };
}

// ---------------------------------------------------------------------------------------------
// Group actions

export async function insertAction(
  tx: DbOrTx,
  v: {
    crisisId: string;
    kind: GroupActionKind;
    title: string;
    startsOn: string;
    endsOn: string;
    hours: number;
    providerOrganizationId: string;
    createdBy: string;
  },
) {
  const [row] = await tx.insert(crisisActions).values(v).returning({ id: crisisActions.id });
  return row!.id;
}

export async function findAction(db: DbOrTx, crisisId: string, actionId: string) {
  const [row] = await db
    .select()
    .from(crisisActions)
    .where(and(eq(crisisActions.id, actionId), eq(crisisActions.crisisId, crisisId)));
  return row ?? null;
}

export async function insertSession(tx: DbOrTx, actionId: string, heldOn: string, hours: number) {
  const [row] = await tx
    .insert(crisisActionSessions)
    .values({ actionId, heldOn, hours })
    .returning({ id: crisisActionSessions.id });
  return row!.id;
}

export async function findSession(db: DbOrTx, actionId: string, sessionId: string) {
  const [row] = await db
    .select()
    .from(crisisActionSessions)
    .where(and(eq(crisisActionSessions.id, sessionId), eq(crisisActionSessions.actionId, actionId)));
  return row ?? null;
}

export async function upsertAttendance(
  tx: DbOrTx,
  sessionId: string,
  entries: { personId: string; status: AttendanceStatus }[],
  by: string,
) {
  if (!entries.length) return;
  await tx
    .insert(crisisAttendance)
    .values(entries.map((e) => ({ sessionId, personId: e.personId, status: e.status, recordedBy: by })))
    .onConflictDoUpdate({
      target: [crisisAttendance.sessionId, crisisAttendance.personId],
      set: { status: sql`excluded.status`, recordedBy: by, recordedAt: sql`now()` },
    });
}

export async function listActions(db: DbOrTx, crisisId: string) {
  return db
    .select({
      id: crisisActions.id,
      kind: crisisActions.kind,
      title: crisisActions.title,
      startsOn: crisisActions.startsOn,
      endsOn: crisisActions.endsOn,
      hours: crisisActions.hours,
      providerOrganizationId: crisisActions.providerOrganizationId,
      providerName: organizations.name,
      createdAt: crisisActions.createdAt,
    })
    .from(crisisActions)
    .innerJoin(organizations, eq(organizations.id, crisisActions.providerOrganizationId))
    .where(eq(crisisActions.crisisId, crisisId))
    .orderBy(asc(crisisActions.startsOn), asc(crisisActions.id));
}

/** Sessions of the crisis's actions, with attendance counts of current cohort members. */
export async function listSessions(db: DbOrTx, crisisId: string) {
  const counted = (status: AttendanceStatus) =>
    sql<number>`(select count(*)::int from ${crisisAttendance} at
      join ${crisisCohortMembers} m on m.person_id = at.person_id and m.crisis_id = ${crisisId} and m.removed_at is null
      where at.session_id = ${crisisActionSessions.id} and at.status = ${status})`;
  return db
    .select({
      id: crisisActionSessions.id,
      actionId: crisisActionSessions.actionId,
      heldOn: crisisActionSessions.heldOn,
      hours: crisisActionSessions.hours,
      present: counted('present'),
      absent: counted('absent'),
      justified: counted('justified'),
    })
    .from(crisisActionSessions)
    .innerJoin(crisisActions, eq(crisisActions.id, crisisActionSessions.actionId))
    .where(eq(crisisActions.crisisId, crisisId))
    .orderBy(asc(crisisActionSessions.heldOn), asc(crisisActionSessions.id));
}

/** Attendance rows of the members the actor may see (names are personal data: audited by the caller). */
export async function visibleAttendance(db: DbOrTx, actor: Actor, crisisId: string) {
  return db
    .select({
      sessionId: crisisAttendance.sessionId,
      personId: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      status: crisisAttendance.status,
    })
    .from(crisisAttendance)
    .innerJoin(crisisActionSessions, eq(crisisActionSessions.id, crisisAttendance.sessionId))
    .innerJoin(crisisActions, eq(crisisActions.id, crisisActionSessions.actionId))
    .innerJoin(
      crisisCohortMembers,
      and(
        eq(crisisCohortMembers.personId, crisisAttendance.personId),
        eq(crisisCohortMembers.crisisId, crisisActions.crisisId),
        isNull(crisisCohortMembers.removedAt),
      ),
    )
    .innerJoin(people, eq(people.id, crisisAttendance.personId))
    .where(
      and(
        eq(crisisActions.crisisId, crisisId),
        visiblePeopleCondition(actor, crisisAttendance.personId, ['identity']),
      ),
    )
    .orderBy(asc(people.lastName), asc(people.firstName), asc(people.id));
}

// ---------------------------------------------------------------------------------------------
// Cohort facts (for the skills profile, target companies, marketing and outcome). Aggregated by the
// use cases; never returned as rows to a client.

export interface MemberFacts {
  person_id: string;
  birth_date: string;
  sex: 'F' | 'M';
  education_level: number | null;
  driving_licences: string[];
  municipality_code: string | null;
  province_name: string | null;
  lat: number | null;
  lon: number | null;
  radius_km: number;
  occupation_id: number | null;
  isco_group: string | null;
  skills: number[];
  languages: string[];
  pathway_state: string | null;
  sessions_present: number;
}

export async function memberFacts(db: DbOrTx, crisis: { id: string; programmeId: string }) {
  return rowsOf<MemberFacts>(
    db,
    sql`select p.id as person_id, p.birth_date::text as birth_date, p.sex, p.education_level,
        p.driving_licences, p.residence_municipality_code as municipality_code, pr.name as province_name,
        mu.lat, mu.lon, coalesce(p.mobility_radius_km, 30)::float8 as radius_km,
        w.occupation_id, o.isco_group,
        coalesce((select array_agg(s.skill_id order by s.skill_id) from ${personSkills} s where s.person_id = p.id),
          '{}'::int[]) as skills,
        coalesce((select array_agg(l.language order by l.language) from ${personLanguages} l where l.person_id = p.id),
          '{}'::text[]) as languages,
        (${memberPathway(sql`p.id`, sql`${crisis.programmeId}::uuid`)}) ->> 'state' as pathway_state,
        ${sessionsPresent(sql`${crisis.id}::uuid`, sql`p.id`)} as sessions_present
      from ${crisisCohortMembers} m
      join ${people} p on p.id = m.person_id
      left join ${refMunicipalities} mu on mu.code = p.residence_municipality_code
      left join ${refProvinces} pr on pr.code = mu.province_code
      left join lateral (select wh.occupation_id from ${personWorkHistory} wh
        where wh.person_id = p.id and wh.occupation_id is not null
        order by wh.from_date desc, wh.id limit 1) w on true
      left join ${refOccupations} o on o.id = w.occupation_id
      where m.crisis_id = ${crisis.id} and m.removed_at is null
      order by p.id`,
  );
}

export async function skillLabels(db: DbOrTx, ids: number[]) {
  if (!ids.length) return new Map<number, string | null>();
  const rows = await rowsOf<{ id: number; label: string | null }>(
    db,
    sql`select id, coalesce(label_it, label_en) as label from ${refSkills} where id = any(${`{${ids.join(',')}}`}::int[])`,
  );
  return new Map(rows.map((r) => [r.id, r.label]));
}

export async function occupationLabels(db: DbOrTx, ids: number[]) {
  if (!ids.length) return new Map<number, string | null>();
  const rows = await rowsOf<{ id: number; label: string | null }>(
    db,
    sql`select id, coalesce(label_it, label_en) as label from ${refOccupations} where id = any(${`{${ids.join(',')}}`}::int[])`,
  );
  return new Map(rows.map((r) => [r.id, r.label]));
}

export async function iscoLabels(db: DbOrTx, codes: string[]) {
  if (!codes.length) return new Map<string, string | null>();
  const rows = await rowsOf<{ code: string; label: string | null }>(
    db,
    sql`select code, coalesce(label_it, label_en) as label from ${refIscoGroups} where code = any(${`{${codes.join(',')}}`}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.label]));
}

export async function provinceOf(db: DbOrTx, municipalityCode: string) {
  const [row] = await rowsOf<{ name: string }>(
    db,
    sql`select pr.name from ${refMunicipalities} m join ${refProvinces} pr on pr.code = m.province_code where m.code = ${municipalityCode}`,
  );
  return row?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// Target companies

export interface CandidateVacancy {
  id: string;
  organization_id: string;
  openings: number;
  remote: boolean;
  lat: number | null;
  lon: number | null;
  skills: number[];
}

/**
 * Open vacancies of active companies (other than the crisis company) in the crisis region that demand
 * at least one of the cohort's skills, with all their skills (essential and optional).
 */
export async function candidateVacancies(
  db: DbOrTx,
  p: { regionCode: string; excludeCompanyId: string; skills: number[] },
) {
  if (!p.skills.length) return [];
  return rowsOf<CandidateVacancy>(
    db,
    sql`select v.id, v.organization_id, v.openings, v.work_mode = 'remote' as remote, m.lat, m.lon,
        (select array_agg(s.skill_id order by s.skill_id) from ${vacancySkills} s where s.vacancy_id = v.id) as skills
      from ${vacancies} v
      join ${refMunicipalities} m on m.code = v.municipality_code
      join ${organizations} o on o.id = v.organization_id
      where v.status = 'open' and m.region_code = ${p.regionCode} and o.type = 'company' and o.status = 'active'
        and v.organization_id <> ${p.excludeCompanyId}
        and exists (select 1 from ${vacancySkills} s where s.vacancy_id = v.id
          and s.skill_id = any(${`{${p.skills.join(',')}}`}::int[]))
      order by v.id`,
  );
}

/** Sector demand: open positions per ATECO division (2 digits) in the region demanding cohort skills. */
export async function sectorDemand(db: DbOrTx, p: { regionCode: string; skills: number[] }) {
  if (!p.skills.length) return new Map<string, number>();
  const rows = await rowsOf<{ division: string; positions: number }>(
    db,
    sql`select left(coalesce(cp.ateco2025_code, o.ateco_code), 2) as division, sum(v.openings)::int as positions
      from ${vacancies} v
      join ${refMunicipalities} m on m.code = v.municipality_code
      join ${organizations} o on o.id = v.organization_id
      left join ${companyProfiles} cp on cp.organization_id = o.id
      where v.status = 'open' and m.region_code = ${p.regionCode}
        and coalesce(cp.ateco2025_code, o.ateco_code) is not null
        and exists (select 1 from ${vacancySkills} s where s.vacancy_id = v.id
          and s.skill_id = any(${`{${p.skills.join(',')}}`}::int[]))
      group by 1`,
  );
  return new Map(rows.map((r) => [r.division, r.positions]));
}

export interface CompanyPlace {
  id: string;
  name: string;
  sort_name: string;
  ateco: string | null;
  places: { lat: number; lon: number }[];
}

/**
 * Active companies of the region (by legal seat or a site), other than the crisis company, either in
 * `ids` or in one of the ATECO `divisions`; with the coordinates of their seat and sites.
 */
export async function companiesWithPlaces(
  db: DbOrTx,
  p: { regionCode: string; excludeCompanyId: string; ids: string[]; divisions: string[] },
) {
  if (!p.ids.length && !p.divisions.length) return [];
  const ids = `{${p.ids.join(',')}}`;
  const divisions = `{${p.divisions.join(',')}}`;
  return rowsOf<CompanyPlace>(
    db,
    sql`with c as (
        select o.id, o.name, o.sort_name, coalesce(cp.ateco2025_code, o.ateco_code) as ateco, o.legal_seat_municipality_code
        from ${organizations} o left join ${companyProfiles} cp on cp.organization_id = o.id
        where o.type = 'company' and o.status = 'active' and o.id <> ${p.excludeCompanyId}
          and (o.id = any(${ids}::uuid[]) or left(coalesce(cp.ateco2025_code, o.ateco_code), 2) = any(${divisions}::text[]))
      )
      select c.id, c.name, c.sort_name, c.ateco,
        coalesce((select json_agg(json_build_object('lat', m.lat, 'lon', m.lon) order by m.code)
          from ${refMunicipalities} m
          where m.lat is not null and (m.code = c.legal_seat_municipality_code
            or m.code in (select s.municipality_code from ${companySites} s where s.organization_id = c.id))), '[]'::json) as places
      from c
      where exists (select 1 from ${refMunicipalities} m where m.region_code = ${p.regionCode}
        and (m.code = c.legal_seat_municipality_code
          or m.code in (select s.municipality_code from ${companySites} s where s.organization_id = c.id)))
      order by c.id`,
  );
}

// ---------------------------------------------------------------------------------------------
// Outcome

export async function programmeOutcomeRules(db: DbOrTx, programmeId: string) {
  const [row] = await db
    .select({
      code: programmes.code,
      thresholdPct: programmes.collectiveOutcomeThresholdPct,
      reductionPct: programmes.collectiveShortfallReductionPct,
    })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  const [line] = await db
    .select({
      code: programmeCatalogueLines.code,
      name: programmeCatalogueLines.name,
      unitCostCents: programmeCatalogueLines.unitCostCents,
    })
    .from(programmeCatalogueLines)
    .where(
      and(
        eq(programmeCatalogueLines.programmeId, programmeId),
        eq(programmeCatalogueLines.paymentMode, 'on_result'),
        eq(programmeCatalogueLines.active, true),
      ),
    )
    .orderBy(desc(programmeCatalogueLines.unitCostCents), asc(programmeCatalogueLines.code))
    .limit(1);
  return row ? { ...row, resultLine: line ?? null } : null;
}
