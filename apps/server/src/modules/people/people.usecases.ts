import {
  decodePersonFiscalCode,
  PERSON_SECTIONS,
  type ConsentPurpose,
  type Person,
  type PersonCreate,
  type PersonQuery,
  type PersonSection,
  type PersonUpdate,
} from '@trama/contracts';
import type { Actor, RequestContext } from '../../platform/actor';
import { readTogether, type Db, type DbOrTx } from '../../platform/db';
import { forbidden, invalid, type FieldError } from '../../platform/errors';
import { audit } from '../audit';
import { resolvePersonAccess, type EffectiveAccess } from './people.access';
import { fiscalCodeMismatch, personNotFound, referenceNotFound, versionConflict } from './people.errors';
import {
  canCreatePerson,
  canEditPerson,
  canListPeople,
  canManageConsents,
  canSeeConsents,
  canSeeStats,
} from './people.policies';
import * as repo from './people.repository';

type Ctx = RequestContext & { actor: Actor };

// ---------------------------------------------------------------------------------------------
// Validation beyond the contract: fiscal code cross-check and reference codes (set look-ups)
// ---------------------------------------------------------------------------------------------

interface Derived {
  birthDate: string;
  sex: 'F' | 'M';
  birthPlaceCode: string;
}

/** Birth date, sex and birthplace from the fiscal code; the client's values must agree. */
export function deriveFromFiscalCode(
  fiscalCode: string,
  claimed: { birthDate?: string | undefined; sex?: 'F' | 'M' | undefined },
): { derived: Derived | null; errors: FieldError[] } {
  const d = decodePersonFiscalCode(fiscalCode);
  if (!d)
    return {
      derived: null,
      errors: [
        { field: 'body.fiscalCode', code: 'fiscal_code_invalid', message: 'The fiscal code is not valid' },
      ],
    };
  const errors: FieldError[] = [];
  let birthDate = d.birthDate;
  if (claimed.birthDate && claimed.birthDate !== d.birthDate) {
    // The code holds two digits of the year: a claimed date a century apart is the same code.
    const sameButCentury =
      claimed.birthDate.slice(4) === d.birthDate.slice(4) &&
      Math.abs(Number(claimed.birthDate.slice(0, 4)) - Number(d.birthDate.slice(0, 4))) === 100;
    if (sameButCentury) birthDate = claimed.birthDate;
    else
      errors.push({
        field: 'body.birthDate',
        code: 'fiscal_code_mismatch',
        message: `The fiscal code says ${d.birthDate}`,
      });
  }
  if (claimed.sex && claimed.sex !== d.sex)
    errors.push({
      field: 'body.sex',
      code: 'fiscal_code_mismatch',
      message: `The fiscal code says ${d.sex}`,
    });
  return { derived: { birthDate, sex: d.sex, birthPlaceCode: d.birthPlaceCode }, errors };
}

async function checkReferences(
  db: DbOrTx,
  input: Pick<PersonUpdate, 'residenceMunicipalityCode' | 'workHistory' | 'skills'>,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const municipality = input.residenceMunicipalityCode;
  const occupationIds = (input.workHistory ?? []).flatMap((w) => (w.occupationId ? [w.occupationId] : []));
  const atecoCodes = (input.workHistory ?? []).flatMap((w) => (w.atecoCode ? [w.atecoCode] : []));
  const skillIds = (input.skills ?? []).map((s) => s.skillId);
  const [municipalities, occupations, ateco, skills] = await readTogether(db, [
    () => repo.existingMunicipalities(db, municipality ? [municipality] : []),
    () => repo.existingOccupations(db, occupationIds),
    () => repo.existingAtecoCodes(db, atecoCodes),
    () => repo.existingSkills(db, skillIds),
  ]);
  if (municipality && !municipalities.has(municipality))
    errors.push({
      field: 'body.residenceMunicipalityCode',
      code: 'not_found',
      message: 'Unknown municipality',
    });
  (input.workHistory ?? []).forEach((w, i) => {
    if (w.occupationId && !occupations.has(w.occupationId))
      errors.push({
        field: `body.workHistory.${i}.occupationId`,
        code: 'not_found',
        message: 'Unknown ESCO occupation',
      });
    if (w.atecoCode && !ateco.has(w.atecoCode))
      errors.push({
        field: `body.workHistory.${i}.atecoCode`,
        code: 'not_found',
        message: 'Unknown ATECO code',
      });
  });
  (input.skills ?? []).forEach((s, i) => {
    if (!skills.has(s.skillId))
      errors.push({ field: `body.skills.${i}.skillId`, code: 'not_found', message: 'Unknown ESCO skill' });
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The record as a reader may see it
// ---------------------------------------------------------------------------------------------

function sectionsOf(access: EffectiveAccess): readonly PersonSection[] {
  return access.kind === 'sections' ? access.sections : PERSON_SECTIONS;
}

async function personView(db: DbOrTx, personId: string, access: EffectiveAccess): Promise<Person | null> {
  const found = await repo.findPersonRow(db, personId);
  if (!found) return null;
  const p = found.person;
  const sections = new Set(sectionsOf(access));
  const needsChildren = sections.has('languages') || sections.has('work_history') || sections.has('skills');
  const [children, consents] = await readTogether(db, [
    () => (needsChildren ? repo.loadPersonChildren(db, personId) : null),
    () => (canSeeConsents(access) ? repo.currentConsents(db, personId) : null),
  ]);
  const view: Person = {
    id: p.id,
    version: p.version,
    access: {
      kind: access.kind,
      sections: [...sections],
      reasons: access.kind === 'self' ? [] : access.reasons,
    },
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
  if (sections.has('identity'))
    Object.assign(view, {
      fiscalCode: p.fiscalCode,
      firstName: p.firstName,
      lastName: p.lastName,
      birthDate: p.birthDate,
      sex: p.sex,
      birthPlaceCode: p.birthPlaceCode,
      citizenship: p.citizenship,
    });
  if (sections.has('contacts')) Object.assign(view, { email: p.email, phone: p.phone });
  if (sections.has('residence'))
    Object.assign(view, {
      residenceMunicipalityCode: p.residenceMunicipalityCode,
      residenceMunicipalityName: found.municipalityName,
      residenceProvinceCode: found.provinceCode,
      residenceAddress: p.residenceAddress,
      residencePostalCode: p.residencePostalCode,
    });
  if (sections.has('education')) view.educationLevel = p.educationLevel;
  if (children && sections.has('languages')) view.languages = children.languages;
  if (children && sections.has('work_history')) view.workHistory = children.workHistory;
  if (children && sections.has('skills'))
    view.skills = children.skills.map((s) => ({ ...s, verifiedAt: s.verifiedAt?.toISOString() ?? null }));
  if (sections.has('availability'))
    Object.assign(view, {
      hoursPerWeek: p.hoursPerWeek,
      mobilityRadiusKm: p.mobilityRadiusKm,
      drivingLicences: p.drivingLicences,
    });
  if (sections.has('priority_targets')) view.priorityTargets = p.priorityTargets as Person['priorityTargets'];
  if (sections.has('employment'))
    Object.assign(view, { employmentStatus: p.employmentStatus, didDate: p.didDate, didSource: p.didSource });
  if (consents) view.consents = consents;
  return view;
}

/**
 * The actor's access to a person, or a 404 that hides whether the person exists. The refusal is
 * audited (outcome 'denied') outside any transaction so that it survives the error.
 */
async function accessOrDeny(db: Db, ctx: Ctx, personId: string, action: string): Promise<EffectiveAccess> {
  const access = await resolvePersonAccess(db, ctx.actor, personId);
  if (access) return access;
  await audit(db, ctx, { action, entityType: 'person', entityId: personId, outcome: 'denied' });
  throw personNotFound();
}

// ---------------------------------------------------------------------------------------------
// Use cases
// ---------------------------------------------------------------------------------------------

export async function createPerson(db: Db, ctx: Ctx, input: PersonCreate): Promise<Person> {
  const { actor } = ctx;
  if (!canCreatePerson(actor)) throw forbidden('Only case workers of an organisation can register people');
  const { derived, errors } = deriveFromFiscalCode(input.fiscalCode, input);
  if (errors.length || !derived) throw fiscalCodeMismatch(errors);
  const refErrors = await checkReferences(db, input);
  if (refErrors.length) throw referenceNotFound(refErrors);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertPerson(tx, {
      fiscalCode: input.fiscalCode,
      firstName: input.firstName,
      lastName: input.lastName,
      ...derived,
      email: input.email ?? null,
      phone: input.phone ?? null,
      residenceMunicipalityCode: input.residenceMunicipalityCode ?? null,
      residenceAddress: input.residenceAddress ?? null,
      residencePostalCode: input.residencePostalCode ?? null,
      citizenship: input.citizenship ?? null,
      educationLevel: input.educationLevel ?? null,
      hoursPerWeek: input.hoursPerWeek ?? null,
      mobilityRadiusKm: input.mobilityRadiusKm ?? null,
      drivingLicences: [...new Set(input.drivingLicences ?? [])],
      priorityTargets: [...new Set(input.priorityTargets ?? [])],
      didDate: input.didDate ?? null,
      didSource: input.didSource ?? null,
      employmentStatus: input.employmentStatus,
      searchText: repo.searchTextOf(input),
      ownerOrganizationId: actor.organizationId,
      createdBy: actor.userId,
    });
    if (input.languages?.length) await repo.replaceLanguages(tx, row.id, input.languages);
    if (input.workHistory?.length)
      await repo.replaceWorkHistory(tx, row.id, workHistoryValues(input.workHistory));
    if (input.skills?.length) await repo.replaceSkills(tx, row.id, input.skills, actor.userId);
    for (const purpose of new Set(input.consents ?? []))
      await repo.giveConsent(tx, {
        personId: row.id,
        purpose,
        by: actor.userId,
        organizationId: actor.organizationId,
      });
    await audit(tx, ctx, {
      action: 'people.create',
      entityType: 'person',
      entityId: row.id,
      details: { consents: input.consents ?? [] },
    });
    return row.id;
  });
  return (await personView(db, id, { kind: 'full', reasons: ['owner'] }))!;
}

const workHistoryValues = (list: NonNullable<PersonUpdate['workHistory']>) =>
  list.map((w) => ({
    employerName: w.employerName,
    atecoCode: w.atecoCode ?? null,
    occupationId: w.occupationId ?? null,
    jobTitle: w.jobTitle ?? null,
    fromDate: w.fromDate,
    toDate: w.toDate ?? null,
  }));

/** Reads one record; every read (and every refusal) is audited. */
export async function readPerson(db: Db, ctx: Ctx, personId: string): Promise<Person> {
  const access = await accessOrDeny(db, ctx, personId, 'people.read');
  const view = await personView(db, personId, access);
  if (!view) throw personNotFound();
  await audit(db, ctx, {
    action: 'people.read',
    entityType: 'person',
    entityId: personId,
    details: { access: access.kind, sections: view.access.sections },
  });
  return view;
}

/** A citizen's own record. */
export async function readOwnPerson(db: Db, ctx: Ctx): Promise<Person> {
  if (ctx.actor.role !== 'citizen') throw personNotFound();
  const id = await repo.findOwnPersonId(db, ctx.actor);
  if (!id) throw personNotFound();
  return readPerson(db, ctx, id);
}

export async function listPeople(db: Db, ctx: Ctx, query: PersonQuery) {
  if (!canListPeople(ctx.actor)) throw forbidden('Your role cannot browse personal records');
  const { rows, nextCursor } = await repo.listPeople(db, ctx.actor, query);
  const items = rows.map((r) => {
    const kind = ctx.actor.role === 'citizen' ? 'self' : r.full ? 'full' : 'sections';
    const sections = new Set<string>(kind === 'sections' ? (r.sections ?? []) : PERSON_SECTIONS);
    return {
      id: r.id,
      access: kind as 'full' | 'sections' | 'self',
      version: r.version,
      ...(sections.has('identity')
        ? { fiscalCode: r.fiscalCode, firstName: r.firstName, lastName: r.lastName, birthDate: r.birthDate }
        : {}),
      ...(sections.has('residence') ? { residenceMunicipalityName: r.residenceMunicipalityName } : {}),
      ...(sections.has('employment') ? { employmentStatus: r.employmentStatus, didDate: r.didDate } : {}),
      ...(sections.has('priority_targets')
        ? { priorityTargets: r.priorityTargets as NonNullable<Person['priorityTargets']> }
        : {}),
    };
  });
  await audit(db, ctx, {
    action: 'people.list',
    entityType: 'person',
    details: { count: items.length, personIds: items.map((i) => i.id) },
  });
  return { items, nextCursor };
}

const SCALAR_FIELDS = [
  'email',
  'phone',
  'residenceMunicipalityCode',
  'residenceAddress',
  'residencePostalCode',
  'citizenship',
  'educationLevel',
  'hoursPerWeek',
  'mobilityRadiusKm',
  'didDate',
  'didSource',
  'employmentStatus',
] as const;

export async function updatePerson(db: Db, ctx: Ctx, personId: string, patch: PersonUpdate): Promise<Person> {
  const access = await accessOrDeny(db, ctx, personId, 'people.update');
  if (!canEditPerson(ctx.actor, access)) throw forbidden('You can read this record but not change it');
  const refErrors = await checkReferences(db, patch);
  if (refErrors.length) throw referenceNotFound(refErrors);
  await db.transaction(async (tx) => {
    const current = await repo.findPersonRow(tx, personId);
    if (!current) throw personNotFound();
    const p = current.person;
    if (p.version !== patch.version) throw versionConflict();
    const set: Partial<repo.PersonInsert> = {};
    const changed: string[] = [];
    const fiscalCode = patch.fiscalCode ?? p.fiscalCode;
    if (patch.fiscalCode !== undefined || patch.birthDate !== undefined || patch.sex !== undefined) {
      const claimed = {
        birthDate: patch.birthDate ?? (patch.fiscalCode ? undefined : p.birthDate),
        sex: patch.sex ?? (patch.fiscalCode ? undefined : p.sex),
      };
      const { derived, errors } = deriveFromFiscalCode(fiscalCode, claimed);
      if (errors.length || !derived) throw fiscalCodeMismatch(errors);
      Object.assign(set, { fiscalCode, ...derived });
    }
    for (const f of ['firstName', 'lastName'] as const) if (patch[f] !== undefined) set[f] = patch[f];
    for (const f of SCALAR_FIELDS) if (patch[f] !== undefined) Object.assign(set, { [f]: patch[f] });
    if (patch.drivingLicences) set.drivingLicences = [...new Set(patch.drivingLicences)];
    if (patch.priorityTargets) set.priorityTargets = [...new Set(patch.priorityTargets)];
    const didDate = patch.didDate !== undefined ? patch.didDate : p.didDate;
    const didSource = patch.didSource !== undefined ? patch.didSource : p.didSource;
    if (!didDate !== !didSource)
      throw invalid('people.did_incomplete', 'Give both the DID date and its source', [
        {
          field: 'body.didSource',
          code: 'did_date_and_source_together',
          message: 'Give both the DID date and its source',
        },
      ]);
    if (set.fiscalCode || set.firstName || set.lastName)
      set.searchText = repo.searchTextOf({
        firstName: set.firstName ?? p.firstName,
        lastName: set.lastName ?? p.lastName,
        fiscalCode,
      });
    for (const k of Object.keys(set)) if (k !== 'searchText') changed.push(k);
    if (patch.languages) {
      await repo.replaceLanguages(tx, personId, patch.languages);
      changed.push('languages');
    }
    if (patch.workHistory) {
      await repo.replaceWorkHistory(tx, personId, workHistoryValues(patch.workHistory));
      changed.push('workHistory');
    }
    if (patch.skills) {
      await repo.replaceSkills(tx, personId, patch.skills, ctx.actor.userId);
      changed.push('skills');
    }
    const updated = await repo.updatePerson(tx, personId, patch.version, set);
    if (!updated) throw versionConflict();
    await audit(tx, ctx, {
      action: 'people.update',
      entityType: 'person',
      entityId: personId,
      details: { fields: changed, version: updated.version },
    });
  });
  return (await personView(db, personId, access))!;
}

export async function changeConsent(
  db: Db,
  ctx: Ctx,
  personId: string,
  change: { purpose: ConsentPurpose; given: boolean; note?: string | null | undefined },
) {
  const access = await accessOrDeny(db, ctx, personId, 'people.consents');
  if (!canManageConsents(ctx.actor, access)) throw forbidden('You cannot record consents for this person');
  const by = {
    personId,
    purpose: change.purpose,
    by: ctx.actor.userId,
    organizationId: ctx.actor.organizationId,
  };
  await db.transaction(async (tx) => {
    const changed = change.given
      ? await repo.giveConsent(tx, { ...by, note: change.note ?? null })
      : await repo.withdrawConsent(tx, by);
    await audit(tx, ctx, {
      action: change.given ? 'people.consent_given' : 'people.consent_withdrawn',
      entityType: 'person',
      entityId: personId,
      details: { purpose: change.purpose, changed },
    });
  });
  return consentsOf(db, personId);
}

async function consentsOf(db: DbOrTx, personId: string) {
  const [current, history] = await readTogether(db, [
    () => repo.currentConsents(db, personId),
    () => repo.consentHistory(db, personId),
  ]);
  return { current, history };
}

export async function readConsents(db: Db, ctx: Ctx, personId: string) {
  const access = await accessOrDeny(db, ctx, personId, 'people.consents');
  if (!canSeeConsents(access)) throw forbidden('Consents are not part of what was shared with you');
  await audit(db, ctx, { action: 'people.consents_read', entityType: 'person', entityId: personId });
  return consentsOf(db, personId);
}

/** Counts below this are suppressed (null) so that nobody can be singled out. */
export const STATS_MIN_CELL = 5;

export async function peopleStats(db: Db, ctx: Ctx) {
  if (!canSeeStats(ctx.actor))
    throw forbidden('Aggregated numbers are for regional officers and coordinators');
  const s = await repo.peopleStats(db);
  const hide = (n: number) => (n < STATS_MIN_CELL ? null : n);
  const cells = (rows: { key: string | null; count: number }[]) =>
    rows.map((r) => ({ key: r.key ?? 'unknown', count: hide(r.count) }));
  return {
    total: hide(s.total),
    byEmploymentStatus: cells(s.byStatus),
    byPriorityTarget: cells(s.byTarget),
    byProvince: cells(s.byProvince),
    suppressedBelow: STATS_MIN_CELL,
  };
}
