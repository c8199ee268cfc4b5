import type { CatalogueLineInput, ProgrammeInput, ProgrammePatch, ProfilingRules } from '@trama/contracts';
import type { RequestContext } from '../../platform/actor';
import type { Actor } from '../../platform/actor';
import type { Db, DbOrTx } from '../../platform/db';
import { forbidden } from '../../platform/errors';
import { audit } from '../audit';
import {
  bandNotDefined,
  catalogueLineNotFound,
  programmeNotFound,
  programmeVersionConflict,
  ruleSetNotFound,
} from './programmes.errors';
import { canManageProgrammes } from './programmes.policies';
import * as repo from './programmes.repository';

type Ctx = RequestContext & { actor: Actor };

const requireManager = (ctx: Ctx) => {
  if (!canManageProgrammes(ctx.actor))
    throw forbidden('Only platform administrators and regional officers manage programmes');
};

function checkBands(rules: ProfilingRules, bands: readonly number[]) {
  for (const t of rules.bandThresholds) if (!bands.includes(t.band)) throw bandNotDefined(t.band);
}

async function insertProgrammeTx(tx: DbOrTx, input: ProgrammeInput, createdBy: string | null) {
  const row = await repo.insertProgramme(tx, input);
  await repo.replaceBands(tx, row.id, input.bands);
  await repo.insertCatalogueLines(tx, row.id, input.catalogue);
  const ruleSet = await repo.insertRuleSet(tx, row.id, input.rules, 'Initial rule set', createdBy);
  return { row, ruleSet };
}

/** Creates a programme with its bands, catalogue and first rule set (version 1), for seeds and tests. */
export async function createProgrammeRecord(db: Db, input: ProgrammeInput, createdBy: string | null) {
  return db.transaction(async (tx) => (await insertProgrammeTx(tx, input, createdBy)).row.id);
}

export async function createProgramme(db: Db, ctx: Ctx, input: ProgrammeInput) {
  requireManager(ctx);
  const id = await db.transaction(async (tx) => {
    const { row, ruleSet } = await insertProgrammeTx(tx, input, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'programmes.create',
      entityType: 'programme',
      entityId: row.id,
      details: { code: row.code, illustrative: row.illustrative, ruleSetVersion: ruleSet.version },
    });
    return row.id;
  });
  return (await repo.getProgramme(db, id))!;
}

export async function getProgramme(db: Db, _ctx: Ctx, id: string) {
  const p = await repo.getProgramme(db, id);
  if (!p) throw programmeNotFound();
  return p;
}

export async function listProgrammes(
  db: Db,
  _ctx: Ctx,
  q: { status?: string | undefined; cursor?: string | undefined; limit: number },
) {
  return repo.listProgrammes(db, q);
}

export async function updateProgramme(db: Db, ctx: Ctx, id: string, patch: ProgrammePatch) {
  requireManager(ctx);
  await db.transaction(async (tx) => {
    const current = await repo.findProgrammeRow(tx, id);
    if (!current) throw programmeNotFound();
    if (patch.bands) {
      const rs = await repo.currentRuleSet(tx, id);
      if (rs)
        checkBands(
          rs.rules,
          patch.bands.map((b) => b.band),
        );
    }
    const { bands, version, ...values } = patch;
    const row = await repo.updateProgramme(tx, id, version, values);
    if (!row) throw programmeVersionConflict();
    if (bands) await repo.replaceBands(tx, id, bands);
    await audit(tx, ctx, {
      action: 'programmes.update',
      entityType: 'programme',
      entityId: id,
      details: { fields: Object.keys(values), bands: bands ? bands.map((b) => b.band) : undefined },
    });
  });
  return (await repo.getProgramme(db, id))!;
}

export async function addCatalogueLine(db: Db, ctx: Ctx, programmeId: string, input: CatalogueLineInput) {
  requireManager(ctx);
  return db.transaction(async (tx) => {
    if (!(await repo.findProgrammeRow(tx, programmeId))) throw programmeNotFound();
    const [line] = await repo.insertCatalogueLines(tx, programmeId, [input]);
    await audit(tx, ctx, {
      action: 'programmes.catalogue_line_create',
      entityType: 'programme',
      entityId: programmeId,
      details: { lineId: line!.id, code: line!.code, unitCostCents: line!.unitCostCents },
    });
    return line!;
  });
}

export async function updateCatalogueLine(
  db: Db,
  ctx: Ctx,
  programmeId: string,
  lineId: string,
  patch: Partial<Omit<CatalogueLineInput, 'code'>>,
) {
  requireManager(ctx);
  return db.transaction(async (tx) => {
    const line = await repo.updateCatalogueLine(tx, programmeId, lineId, patch);
    if (!line) throw catalogueLineNotFound();
    await audit(tx, ctx, {
      action: 'programmes.catalogue_line_update',
      entityType: 'programme',
      entityId: programmeId,
      details: { lineId, fields: Object.keys(patch) },
    });
    return line;
  });
}

export async function addRuleSet(
  db: Db,
  ctx: Ctx,
  programmeId: string,
  input: { rules: ProfilingRules; note?: string | null | undefined },
) {
  requireManager(ctx);
  return db.transaction(async (tx) => {
    if (!(await repo.findProgrammeRow(tx, programmeId))) throw programmeNotFound();
    const bands = (await repo.listBands(tx, programmeId)).map((b) => b.band);
    checkBands(input.rules, bands);
    const rs = await repo.insertRuleSet(tx, programmeId, input.rules, input.note ?? null, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'programmes.rule_set_create',
      entityType: 'programme',
      entityId: programmeId,
      details: { version: rs.version },
    });
    return rs;
  });
}

export async function listRuleSets(db: Db, _ctx: Ctx, programmeId: string) {
  if (!(await repo.findProgrammeRow(db, programmeId))) throw programmeNotFound();
  return { items: await repo.listRuleSets(db, programmeId) };
}

export async function getRuleSet(db: Db, _ctx: Ctx, programmeId: string, version: number) {
  const rs = await repo.findRuleSet(db, programmeId, version);
  if (!rs) throw ruleSetNotFound();
  return rs;
}
