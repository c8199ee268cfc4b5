import { and, asc, desc, eq, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { escapeLike, normalizeSearch } from '../../platform/text';
import { organizations } from '../organizations/organizations.table';
import {
  refMunicipalities,
  refOccupationSkills,
  refOccupations,
  refSkills,
} from '../reference/reference.table';
import { vacancies, vacancyLanguages, vacancySkills } from './vacancies.table';

export type VacancyInsert = typeof vacancies.$inferInsert;

const summary = {
  id: vacancies.id,
  organizationId: vacancies.organizationId,
  organizationName: organizations.name,
  title: vacancies.title,
  description: vacancies.description,
  occupationId: vacancies.occupationId,
  occupationLabel: sql<string | null>`coalesce(${refOccupations.labelIt}, ${refOccupations.labelEn})`,
  iscoGroup: refOccupations.iscoGroup,
  professionCode: vacancies.professionCode,
  municipalityCode: vacancies.municipalityCode,
  municipalityName: refMunicipalities.name,
  workMode: vacancies.workMode,
  contractType: vacancies.contractType,
  durationMonths: vacancies.durationMonths,
  hoursPerWeek: vacancies.hoursPerWeek,
  educationLevel: vacancies.educationLevel,
  educationMandatory: vacancies.educationMandatory,
  openings: vacancies.openings,
  startDate: vacancies.startDate,
  closingDate: vacancies.closingDate,
  status: vacancies.status,
  countsTowardsPledge: vacancies.countsTowardsPledge,
  version: vacancies.version,
  createdAt: vacancies.createdAt,
  updatedAt: vacancies.updatedAt,
};

const base = (db: DbOrTx) =>
  db
    .select(summary)
    .from(vacancies)
    .innerJoin(organizations, eq(organizations.id, vacancies.organizationId))
    .innerJoin(refOccupations, eq(refOccupations.id, vacancies.occupationId))
    .innerJoin(refMunicipalities, eq(refMunicipalities.code, vacancies.municipalityCode));

/** The vacancy's company is not archived (lists join organizations; see `base`). */
export const companyActive = sql`${organizations.status} = 'active'`;

export type VacancyRow = Awaited<ReturnType<typeof findVacancy>> & object;

export async function findVacancy(db: DbOrTx, id: string) {
  const [row] = await base(db).where(eq(vacancies.id, id));
  return row ?? null;
}

export async function lockVacancy(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({ id: vacancies.id, organizationId: vacancies.organizationId, status: vacancies.status })
    .from(vacancies)
    .where(eq(vacancies.id, id))
    .for('update');
  return row ?? null;
}

export interface VacancyFilters {
  q?: string | undefined;
  status?: string | undefined;
  organizationId?: string | undefined;
  occupationId?: number | undefined;
  provinceCode?: string | undefined;
  municipalityCode?: string | undefined;
  workMode?: string | undefined;
  contractType?: string | undefined;
}

/** Newest first; `visibility` restricts to what the caller may read. */
export async function listVacancies(
  db: DbOrTx,
  visibility: SQL,
  f: VacancyFilters,
  after: { createdAt: string; id: string } | null,
  limit: number,
) {
  const where: SQL[] = [visibility];
  if (f.q)
    for (const w of normalizeSearch(f.q).split(' ').filter(Boolean).slice(0, 8))
      where.push(like(vacancies.searchText, `%${escapeLike(w)}%`));
  if (f.status) where.push(sql`${vacancies.status} = ${f.status}`);
  if (f.organizationId) where.push(eq(vacancies.organizationId, f.organizationId));
  if (f.occupationId) where.push(eq(vacancies.occupationId, f.occupationId));
  if (f.provinceCode) where.push(eq(refMunicipalities.provinceCode, f.provinceCode));
  if (f.municipalityCode) where.push(eq(vacancies.municipalityCode, f.municipalityCode));
  if (f.workMode) where.push(sql`${vacancies.workMode} = ${f.workMode}`);
  if (f.contractType) where.push(sql`${vacancies.contractType} = ${f.contractType}`);
  if (after)
    where.push(
      or(
        lt(vacancies.createdAt, new Date(after.createdAt)),
        and(eq(vacancies.createdAt, new Date(after.createdAt)), lt(vacancies.id, after.id)),
      )!,
    );
  return base(db)
    .where(and(...where))
    .orderBy(desc(vacancies.createdAt), desc(vacancies.id))
    .limit(limit + 1);
}

export async function skillsOf(db: DbOrTx, vacancyId: string) {
  return db
    .select({
      id: vacancySkills.skillId,
      relation: vacancySkills.relation,
      label: sql<string>`coalesce(${refSkills.labelIt}, ${refSkills.labelEn})`,
    })
    .from(vacancySkills)
    .innerJoin(refSkills, eq(refSkills.id, vacancySkills.skillId))
    .where(eq(vacancySkills.vacancyId, vacancyId))
    .orderBy(asc(vacancySkills.skillId));
}

export async function languagesOf(db: DbOrTx, vacancyId: string) {
  return db
    .select({
      language: vacancyLanguages.language,
      minLevel: vacancyLanguages.minLevel,
      mandatory: vacancyLanguages.mandatory,
    })
    .from(vacancyLanguages)
    .where(eq(vacancyLanguages.vacancyId, vacancyId))
    .orderBy(asc(vacancyLanguages.language));
}

export async function occupationExists(db: DbOrTx, id: number) {
  const rows = await db
    .select({ id: refOccupations.id })
    .from(refOccupations)
    .where(eq(refOccupations.id, id));
  return rows.length > 0;
}

export async function occupationSkills(db: DbOrTx, occupationId: number) {
  return db
    .select({ skillId: refOccupationSkills.skillId, relation: refOccupationSkills.relation })
    .from(refOccupationSkills)
    .where(eq(refOccupationSkills.occupationId, occupationId))
    .orderBy(asc(refOccupationSkills.skillId));
}

export async function existingSkillIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Set<number>();
  const rows = await db.select({ id: refSkills.id }).from(refSkills).where(inArray(refSkills.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function insertVacancy(tx: DbOrTx, values: VacancyInsert) {
  const [row] = await tx.insert(vacancies).values(values).returning({ id: vacancies.id });
  return row!.id;
}

export async function updateVacancy(tx: DbOrTx, id: string, version: number, set: Partial<VacancyInsert>) {
  const rows = await tx
    .update(vacancies)
    .set({ ...set, version: sql`${vacancies.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(vacancies.id, id), eq(vacancies.version, version)))
    .returning({ id: vacancies.id });
  return rows.length > 0;
}

export async function replaceSkills(tx: DbOrTx, vacancyId: string, essential: number[], optional: number[]) {
  await tx.delete(vacancySkills).where(eq(vacancySkills.vacancyId, vacancyId));
  const rows = [
    ...essential.map((skillId) => ({ vacancyId, skillId, relation: 'essential' as const })),
    ...optional.map((skillId) => ({ vacancyId, skillId, relation: 'optional' as const })),
  ];
  if (rows.length) await tx.insert(vacancySkills).values(rows);
}

export async function replaceLanguages(
  tx: DbOrTx,
  vacancyId: string,
  list: {
    language: string;
    minLevel: (typeof vacancyLanguages.$inferInsert)['minLevel'];
    mandatory: boolean;
  }[],
) {
  await tx.delete(vacancyLanguages).where(eq(vacancyLanguages.vacancyId, vacancyId));
  const unique = [...new Map(list.map((l) => [l.language, l])).values()];
  if (unique.length) await tx.insert(vacancyLanguages).values(unique.map((l) => ({ ...l, vacancyId })));
}

export const searchTextOf = (title: string, occupationLabel: string | null) =>
  normalizeSearch(`${title} ${occupationLabel ?? ''}`);

export async function occupationLabel(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ label: sql<string | null>`coalesce(${refOccupations.labelIt}, ${refOccupations.labelEn})` })
    .from(refOccupations)
    .where(eq(refOccupations.id, id));
  return row?.label ?? null;
}
