import { and, asc, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type {
  Band,
  BandInput,
  CatalogueLine,
  CatalogueLineInput,
  Programme,
  ProgrammeInput,
  ProfilingRules,
  RuleSet,
} from '@trama/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { readTogether, type DbOrTx } from '../../platform/db';
import { catalogueCodeTaken, programmeCodeTaken } from './programmes.errors';
import { profilingRuleSets, programmeBands, programmeCatalogueLines, programmes } from './programmes.table';

type ProgrammeRow = typeof programmes.$inferSelect;
type LineRow = typeof programmeCatalogueLines.$inferSelect;
type RuleSetRow = typeof profilingRuleSets.$inferSelect;

const isUnique = (err: unknown, constraint: string) => {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const c = e as { code?: string; constraint?: string; cause?: unknown };
    if (c.code === '23505') return c.constraint === constraint;
    e = c.cause;
  }
  return false;
};

export const toLine = (r: LineRow): CatalogueLine => ({
  id: r.id,
  programmeId: r.programmeId,
  code: r.code,
  name: r.name,
  paymentMode: r.paymentMode,
  unit: r.unit,
  unitCostCents: r.unitCostCents,
  maxUnitsPerVoucher: r.maxUnitsPerVoucher,
  active: r.active,
});

export const toRuleSet = (r: RuleSetRow): RuleSet => ({
  id: r.id,
  programmeId: r.programmeId,
  version: r.version,
  rules: r.rules as ProfilingRules,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
});

const summary = (r: ProgrammeRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  status: r.status,
  illustrative: r.illustrative,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

export async function insertProgramme(tx: DbOrTx, input: ProgrammeInput) {
  try {
    const [row] = await tx
      .insert(programmes)
      .values({
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        status: input.status,
        illustrative: input.illustrative,
        sourceNote: input.sourceNote ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        minNoticeHours: input.minNoticeHours,
        pactDeadlineDays: input.pactDeadlineDays,
        voucherExpiryWarningDays: input.voucherExpiryWarningDays,
        handoverDays: input.handoverDays,
        resultMinContractDays: input.resultMinContractDays,
        collectiveOutcomeThresholdPct: input.collectiveOutcomeThresholdPct,
        collectiveShortfallReductionPct: input.collectiveShortfallReductionPct,
        questionnaireVersion: input.questionnaireVersion,
      })
      .returning();
    return row!;
  } catch (err) {
    if (isUnique(err, 'programmes_code_uq')) throw programmeCodeTaken();
    throw err;
  }
}

export async function replaceBands(tx: DbOrTx, programmeId: string, bands: readonly BandInput[]) {
  await tx.delete(programmeBands).where(eq(programmeBands.programmeId, programmeId));
  if (bands.length) await tx.insert(programmeBands).values(bands.map((b) => ({ ...b, programmeId })));
}

export async function insertCatalogueLines(
  tx: DbOrTx,
  programmeId: string,
  lines: readonly CatalogueLineInput[],
): Promise<CatalogueLine[]> {
  if (lines.length === 0) return [];
  try {
    const rows = await tx
      .insert(programmeCatalogueLines)
      .values(lines.map((l) => ({ ...l, programmeId })))
      .returning();
    return rows.map(toLine);
  } catch (err) {
    if (isUnique(err, 'programme_catalogue_lines_code_uq')) throw catalogueCodeTaken();
    throw err;
  }
}

export async function updateCatalogueLine(
  tx: DbOrTx,
  programmeId: string,
  lineId: string,
  patch: Partial<Omit<CatalogueLineInput, 'code'>>,
) {
  const [row] = await tx
    .update(programmeCatalogueLines)
    .set(patch)
    .where(and(eq(programmeCatalogueLines.id, lineId), eq(programmeCatalogueLines.programmeId, programmeId)))
    .returning();
  return row ? toLine(row) : null;
}

/** Appends the next version; a concurrent append of the same version fails on the unique index (409). */
export async function insertRuleSet(
  tx: DbOrTx,
  programmeId: string,
  rules: ProfilingRules,
  note: string | null,
  createdBy: string | null,
) {
  const [row] = await tx
    .insert(profilingRuleSets)
    .values({
      programmeId,
      version: sql`(select coalesce(max(${profilingRuleSets.version}), 0) + 1 from ${profilingRuleSets} where ${profilingRuleSets.programmeId} = ${programmeId})`,
      rules,
      note,
      createdBy,
    })
    .returning();
  return toRuleSet(row!);
}

export async function findProgrammeRow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id));
  return row ?? null;
}

export async function findProgrammeByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(programmes).where(eq(programmes.code, code));
  return row ?? null;
}

export async function listBands(db: DbOrTx, programmeId: string): Promise<Band[]> {
  const rows = await db
    .select()
    .from(programmeBands)
    .where(eq(programmeBands.programmeId, programmeId))
    .orderBy(asc(programmeBands.band));
  return rows.map((b) => ({
    band: b.band,
    name: b.name,
    capCents: b.capCents,
    durationMonths: b.durationMonths,
  }));
}

export async function findBand(db: DbOrTx, programmeId: string, band: number) {
  const [row] = await db
    .select()
    .from(programmeBands)
    .where(and(eq(programmeBands.programmeId, programmeId), eq(programmeBands.band, band)));
  return row ?? null;
}

export async function listCatalogue(db: DbOrTx, programmeId: string) {
  const rows = await db
    .select()
    .from(programmeCatalogueLines)
    .where(eq(programmeCatalogueLines.programmeId, programmeId))
    .orderBy(asc(programmeCatalogueLines.code));
  return rows.map(toLine);
}

export async function findCatalogueLines(db: DbOrTx, programmeId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(programmeCatalogueLines)
    .where(
      and(
        eq(programmeCatalogueLines.programmeId, programmeId),
        sql`${programmeCatalogueLines.id} in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    );
  return rows.map(toLine);
}

export async function currentRuleSet(db: DbOrTx, programmeId: string) {
  const [row] = await db
    .select()
    .from(profilingRuleSets)
    .where(eq(profilingRuleSets.programmeId, programmeId))
    .orderBy(desc(profilingRuleSets.version))
    .limit(1);
  return row ? toRuleSet(row) : null;
}

export async function findRuleSet(db: DbOrTx, programmeId: string, version: number) {
  const [row] = await db
    .select()
    .from(profilingRuleSets)
    .where(and(eq(profilingRuleSets.programmeId, programmeId), eq(profilingRuleSets.version, version)));
  return row ? toRuleSet(row) : null;
}

export async function listRuleSets(db: DbOrTx, programmeId: string) {
  const rows = await db
    .select()
    .from(profilingRuleSets)
    .where(eq(profilingRuleSets.programmeId, programmeId))
    .orderBy(desc(profilingRuleSets.version));
  return rows.map(toRuleSet);
}

export async function getProgramme(db: DbOrTx, id: string): Promise<Programme | null> {
  const row = await findProgrammeRow(db, id);
  if (!row) return null;
  const [bands, catalogue, ruleSet] = await readTogether(db, [
    () => listBands(db, id),
    () => listCatalogue(db, id),
    () => currentRuleSet(db, id),
  ]);
  return {
    ...summary(row),
    description: row.description,
    sourceNote: row.sourceNote,
    minNoticeHours: row.minNoticeHours,
    pactDeadlineDays: row.pactDeadlineDays,
    voucherExpiryWarningDays: row.voucherExpiryWarningDays,
    handoverDays: row.handoverDays,
    resultMinContractDays: row.resultMinContractDays,
    collectiveOutcomeThresholdPct: row.collectiveOutcomeThresholdPct,
    collectiveShortfallReductionPct: row.collectiveShortfallReductionPct,
    questionnaireVersion: row.questionnaireVersion,
    version: row.version,
    bands,
    catalogue,
    currentRuleSet: ruleSet,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Optimistic update: only when `version` still matches. Returns null on a version conflict. */
export async function updateProgramme(
  tx: DbOrTx,
  id: string,
  version: number,
  values: Partial<typeof programmes.$inferInsert>,
) {
  const [row] = await tx
    .update(programmes)
    .set({ ...values, version: sql`${programmes.version} + 1`, updatedAt: new Date() })
    .where(and(eq(programmes.id, id), eq(programmes.version, version)))
    .returning();
  return row ?? null;
}

export async function listProgrammes(
  db: DbOrTx,
  f: { status?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const where: SQL[] = [];
  if (f.status) where.push(eq(programmes.status, f.status as ProgrammeRow['status']));
  const c = decodeCursor<[string, string]>(f.cursor);
  if (c) where.push(or(gt(programmes.code, c[0]), and(eq(programmes.code, c[0]), gt(programmes.id, c[1])))!);
  const rows = await db
    .select()
    .from(programmes)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(programmes.code), asc(programmes.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(summary),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.code, last.id]) : null,
  };
}
