import { and, asc, eq, gt, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { escapeLike, normalizeSearch } from '../../platform/text';
import { organizations } from '../organizations/organizations.table';
import { refAteco, refMunicipalities } from '../reference/reference.table';
import { vacancies } from '../vacancies/vacancies.table';
import { companyProfiles, companySites } from './companies.table';

const columns = {
  id: organizations.id,
  type: organizations.type,
  status: organizations.status,
  name: organizations.name,
  sortName: organizations.sortName,
  fiscalCode: organizations.fiscalCode,
  legalSeatMunicipalityCode: organizations.legalSeatMunicipalityCode,
  sizeClass: companyProfiles.sizeClass,
  sector: companyProfiles.sector,
  ateco2025Code: companyProfiles.ateco2025Code,
  ateco2007Code: companyProfiles.ateco2007Code,
  version: sql<number>`coalesce(${companyProfiles.version}, 0)`.mapWith(Number),
  openVacancies:
    sql<number>`(select count(*) from ${vacancies} where ${vacancies.organizationId} = ${organizations.id} and ${vacancies.status} = 'open')`.mapWith(
      Number,
    ),
};
export type CompanyRow = Awaited<ReturnType<typeof findCompany>> & object;

export async function findCompany(db: DbOrTx, id: string) {
  const [row] = await db
    .select(columns)
    .from(organizations)
    .leftJoin(companyProfiles, eq(companyProfiles.organizationId, organizations.id))
    .where(eq(organizations.id, id));
  return row ?? null;
}

export async function listCompanies(
  db: DbOrTx,
  f: { q?: string | undefined; sizeClass?: string | undefined; ateco?: string | undefined },
  after: { sortName: string; id: string } | null,
  limit: number,
) {
  const where: SQL[] = [eq(organizations.type, 'company'), eq(organizations.status, 'active')];
  if (f.q) {
    for (const w of normalizeSearch(f.q).split(' ').filter(Boolean).slice(0, 8))
      where.push(like(organizations.searchText, `%${escapeLike(w)}%`));
  }
  if (f.sizeClass) where.push(sql`${companyProfiles.sizeClass} = ${f.sizeClass}`);
  if (f.ateco) where.push(like(companyProfiles.ateco2025Code, `${escapeLike(f.ateco)}%`));
  if (after) {
    const key = sql`${organizations.sortName} collate "C"`;
    where.push(
      or(
        sql`${key} > ${after.sortName}`,
        and(sql`${key} = ${after.sortName}`, gt(organizations.id, after.id)),
      )!,
    );
  }
  return db
    .select(columns)
    .from(organizations)
    .leftJoin(companyProfiles, eq(companyProfiles.organizationId, organizations.id))
    .where(and(...where))
    .orderBy(sql`${organizations.sortName} collate "C"`, asc(organizations.id))
    .limit(limit + 1);
}

export async function sitesOf(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      organizationId: companySites.organizationId,
      municipalityCode: companySites.municipalityCode,
      name: refMunicipalities.name,
    })
    .from(companySites)
    .innerJoin(refMunicipalities, eq(refMunicipalities.code, companySites.municipalityCode))
    .where(inArray(companySites.organizationId, ids))
    .orderBy(asc(refMunicipalities.name));
}

export async function atecoExists(db: DbOrTx, version: '2025' | '2007', code: string) {
  const rows = await db
    .select({ code: refAteco.code })
    .from(refAteco)
    .where(and(eq(refAteco.version, version), eq(refAteco.code, code)))
    .limit(1);
  return rows.length > 0;
}

/** Inserts or updates the profile when the stored version is `version` (0 = no profile yet). */
export async function upsertProfile(
  tx: DbOrTx,
  organizationId: string,
  version: number,
  p: {
    sizeClass: 'micro' | 'small' | 'medium' | 'large';
    sector: string | null;
    ateco2025Code: string;
    ateco2007Code: string | null;
  },
): Promise<boolean> {
  if (version === 0) {
    const rows = await tx
      .insert(companyProfiles)
      .values({ organizationId, ...p })
      .onConflictDoNothing()
      .returning({ id: companyProfiles.organizationId });
    return rows.length > 0;
  }
  const rows = await tx
    .update(companyProfiles)
    .set({ ...p, version: sql`${companyProfiles.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(companyProfiles.organizationId, organizationId), eq(companyProfiles.version, version)))
    .returning({ id: companyProfiles.organizationId });
  return rows.length > 0;
}

export async function replaceSites(tx: DbOrTx, organizationId: string, codes: string[]) {
  await tx.delete(companySites).where(eq(companySites.organizationId, organizationId));
  const unique = [...new Set(codes)];
  if (unique.length)
    await tx
      .insert(companySites)
      .values(unique.map((municipalityCode) => ({ organizationId, municipalityCode })));
}
