import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Tx } from '../../platform/db';
import * as repo from './reference.repository';
import type { BulkSpec } from './reference.repository';
import * as src from './reference.sources';

/**
 * Loads the shipped reference data, idempotently. Per scheme, a checksum of its source files (and of
 * this loader's format version) is compared with ref_classifications: equal means nothing to do (one
 * query at start-up). Otherwise the scheme is reloaded in one transaction under an advisory lock:
 * rows are upserted by natural key (ESCO integer ids are kept), rows gone from the source are deleted
 * unless another module references them, and the new release is recorded.
 */

type Scheme = keyof typeof src.FILES;
const SCHEMES: Scheme[] = ['territory', 'ateco', 'cp2021', 'esco'];
const SCHEME_NAME: Record<Scheme, string> = {
  territory: 'istat_territory',
  ateco: 'ateco',
  cp2021: 'cp2021',
  esco: 'esco',
};
/** Bump when the loader writes different rows from the same files (forces a reload). */
const FORMAT_VERSION: Record<Scheme, number> = { territory: 1, ateco: 1, cp2021: 1, esco: 1 };

const ISTAT_LICENCE = 'CC BY 4.0 (Fonte: Istat)';
const ESCO_LICENCE =
  'European Commission Decision 2011/833/EU: reuse with acknowledgement, modifications indicated';

interface Loaded {
  entries: { version: string; source: string; licence: string; rowCount: number; notes: string | null }[];
  summary: string;
}

// ------------------------------------------------------------------ table specs (column order = insert order)

const regionsSpec: BulkSpec<src.RegionRow> = {
  table: 'ref_regions',
  key: ['code'],
  columns: {
    code: 'text',
    name: 'text',
    nuts2: 'text',
    area: 'text',
    name_search: 'text',
    search_text: 'text',
    version: 'text',
  },
};
const provincesSpec: BulkSpec<src.ProvinceRow> = {
  table: 'ref_provinces',
  key: ['code'],
  columns: {
    code: 'text',
    historic_code: 'text',
    name: 'text',
    abbreviation: 'text',
    kind: 'text',
    region_code: 'text',
    nuts3: 'text',
    name_search: 'text',
    search_text: 'text',
    version: 'text',
  },
};
const municipalitiesSpec: BulkSpec<src.MunicipalityRow> = {
  table: 'ref_municipalities',
  key: ['code'],
  columns: {
    code: 'text',
    name: 'text',
    name_alt: 'text',
    cadastral_code: 'text',
    province_code: 'text',
    region_code: 'text',
    is_province_capital: 'bool',
    nuts3: 'text',
    lat: 'float8',
    lon: 'float8',
    name_search: 'text',
    search_text: 'text',
    version: 'text',
  },
};
const atecoSpec: BulkSpec<src.AtecoRow> = {
  table: 'ref_ateco',
  key: ['version', 'code'],
  columns: {
    version: 'text',
    code: 'text',
    title_it: 'text',
    title_en: 'text',
    level: 'smallint',
    parent_code: 'text',
    sort_order: 'int',
    title_search: 'text',
    search_text: 'text',
  },
};
const correspondenceSpec: BulkSpec<src.AtecoCorrespondenceRow> = {
  table: 'ref_ateco_correspondence',
  key: ['ateco2025_code', 'ateco2007_code'],
  columns: {
    ateco2025_code: 'text',
    ateco2007_code: 'text',
    coverage_2025: 'text',
    coverage_2007: 'text',
    note: 'text',
  },
};
const professionsSpec: BulkSpec<src.ProfessionRow> = {
  table: 'ref_professions',
  key: ['code'],
  columns: {
    code: 'text',
    level: 'smallint',
    parent_code: 'text',
    name: 'text',
    description: 'text',
    name_search: 'text',
    search_text: 'text',
    version: 'text',
  },
};
const iscoSpec: BulkSpec<src.IscoGroupRow> = {
  table: 'ref_isco_groups',
  key: ['code'],
  columns: {
    code: 'text',
    uri: 'text',
    label_en: 'text',
    label_it: 'text',
    parent_code: 'text',
    version: 'text',
  },
};
type WithId<R> = R & { id: number };
const occupationsSpec: BulkSpec<WithId<src.OccupationRow>> = {
  table: 'ref_occupations',
  key: ['uri'],
  immutable: ['id'],
  columns: {
    id: 'int',
    uri: 'text',
    code: 'text',
    isco_group: 'text',
    label_it: 'text',
    label_en: 'text',
    alt_labels_it: 'text',
    alt_labels_en: 'text',
    description_it: 'text',
    description_en: 'text',
    label_search: 'text',
    label_en_search: 'text',
    search_text: 'text',
    version: 'text',
  },
};
const skillsSpec: BulkSpec<WithId<src.SkillRow>> = {
  table: 'ref_skills',
  key: ['uri'],
  immutable: ['id'],
  columns: {
    id: 'int',
    uri: 'text',
    label_en: 'text',
    label_it: 'text',
    skill_type: 'text',
    reuse_level: 'text',
    label_search: 'text',
    label_en_search: 'text',
    search_text: 'text',
    version: 'text',
  },
};
interface LinkRow {
  occupation_id: number;
  skill_id: number;
  relation: 'essential' | 'optional';
}
const linksSpec: BulkSpec<LinkRow> = {
  table: 'ref_occupation_skills',
  key: ['occupation_id', 'skill_id'],
  columns: { occupation_id: 'int', skill_id: 'int', relation: 'text' },
};

// ------------------------------------------------------------------ per-scheme loads

const fmt = (n: number) => n.toLocaleString('en-US');
const keptNote = (what: string, r: { kept: number }) =>
  r.kept ? `; ${fmt(r.kept)} obsolete ${what} kept because still referenced` : '';

async function loadTerritory(tx: Tx): Promise<Loaded> {
  const t = src.readTerritory();
  await repo.insertRows(tx, regionsSpec, t.regions, true);
  await repo.insertRows(tx, provincesSpec, t.provinces, true);
  await repo.insertRows(tx, municipalitiesSpec, t.municipalities, true);
  const m = await repo.deleteObsolete(tx, municipalitiesSpec, t.municipalities);
  const p = await repo.deleteObsolete(tx, provincesSpec, t.provinces);
  const r = await repo.deleteObsolete(tx, regionsSpec, t.regions);
  const counts = `${fmt(t.municipalities.length)} municipalities, ${fmt(t.provinces.length)} provinces, ${fmt(t.regions.length)} regions`;
  return {
    summary: `ISTAT territory ${src.VERSIONS.territory}: ${counts}`,
    entries: [
      {
        version: src.VERSIONS.territory,
        source:
          'ISTAT, Elenco dei comuni italiani (2025 edition); centroids derived from ISTAT/openpolis boundaries',
        licence: ISTAT_LICENCE,
        rowCount: t.municipalities.length,
        notes: counts + keptNote('municipalities', m) + keptNote('provinces', p) + keptNote('regions', r),
      },
    ],
  };
}

async function loadAteco(tx: Tx): Promise<Loaded> {
  const a = src.readAteco();
  await repo.deleteAll(tx, 'ref_ateco_correspondence');
  const all = [...a.a2025, ...a.a2007];
  const kept = await repo.replaceRows(tx, atecoSpec, all);
  await repo.insertRows(tx, correspondenceSpec, a.correspondences);
  const notes = `${fmt(a.correspondences.length)} correspondence pairs ATECO 2025 <-> 2007; ${a.withoutCounterpart} new 2025 codes without a 2007 counterpart${keptNote('codes', kept)}`;
  return {
    summary: `ATECO 2025 (${fmt(a.a2025.length)} codes) and 2007 (${fmt(a.a2007.length)} codes), ${fmt(a.correspondences.length)} correspondences`,
    entries: [
      {
        version: src.VERSIONS.ateco2025,
        source: 'ISTAT, Struttura ATECO 2025 (IT-EN); correspondence ATECO 2025 vs 2022',
        licence: ISTAT_LICENCE,
        rowCount: a.a2025.length,
        notes,
      },
      {
        version: src.VERSIONS.ateco2007,
        source: 'ISTAT, Struttura ATECO 2007 aggiornamento 2022 (levels and parents derived from codes)',
        licence: ISTAT_LICENCE,
        rowCount: a.a2007.length,
        notes,
      },
    ],
  };
}

async function loadCp2021(tx: Tx): Promise<Loaded> {
  const rows = src.readCp2021();
  const kept = await repo.replaceRows(tx, professionsSpec, rows);
  const units = rows.filter((r) => r.level === 5).length;
  return {
    summary: `CP2021: ${fmt(rows.length)} codes (${units} unità professionali)`,
    entries: [
      {
        version: src.VERSIONS.cp2021,
        source: 'ISTAT, Classificazione delle professioni CP2021',
        licence: ISTAT_LICENCE,
        rowCount: rows.length,
        notes: `${fmt(rows.length)} codes, ${units} unità professionali${keptNote('codes', kept)}`,
      },
    ],
  };
}

/** Keeps the ids of known URIs; new URIs get the next ids in URI order. */
export function assignIds<R extends { uri: string }>(data: R[], existing: Map<string, number>): WithId<R>[] {
  let next = Math.max(0, ...existing.values()) + 1;
  return [...data]
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
    .map((r) => ({ ...r, id: existing.get(r.uri) ?? next++ }));
}

async function loadEsco(tx: Tx): Promise<Loaded> {
  const e = src.readEsco();
  const occupations = assignIds(e.occupations, await repo.existingIds(tx, 'ref_occupations'));
  const skills = assignIds(e.skills, await repo.existingIds(tx, 'ref_skills'));
  const occupationId = new Map(occupations.map((o) => [o.uri, o.id]));
  const skillId = new Map(skills.map((s) => [s.uri, s.id]));
  const links: LinkRow[] = e.links.map((l) => ({
    occupation_id: occupationId.get(l.occupationUri)!,
    skill_id: skillId.get(l.skillUri)!,
    relation: l.relation,
  }));

  await repo.deleteAll(tx, 'ref_occupation_skills');
  const isco = await repo.replaceRows(tx, iscoSpec, e.iscoGroups);
  await repo.insertRows(tx, occupationsSpec, occupations, true);
  await repo.insertRows(tx, skillsSpec, skills, true);
  const o = await repo.deleteObsolete(tx, occupationsSpec, occupations);
  const s = await repo.deleteObsolete(tx, skillsSpec, skills);
  await repo.insertRows(tx, linksSpec, links);

  const essential = links.filter((l) => l.relation === 'essential').length;
  const st = e.stats;
  const withIt = e.occupations.filter((x) => x.label_it).length;
  const notes =
    `${fmt(occupations.length)} occupations (${fmt(withIt)} with Italian labels from ESCO v1.0.8; ` +
    `${st.droppedNotInV120} v1.0.8-only concepts skipped), ${fmt(skills.length)} skills ` +
    `(${st.skillsOnlyInCollections} only in the v1.2.0 collections), ${fmt(e.iscoGroups.length)} ISCO groups; ` +
    `relations (DERIVED file): ${fmt(st.relationRows)} rows, ${fmt(links.length)} loaded ` +
    `(${fmt(essential)} essential, ${fmt(links.length - essential)} optional), ` +
    `${fmt(st.unresolved)} without a resolved skill URI, ${st.unknownSkill} with an unknown skill, ` +
    `${st.unknownOccupation} with an unknown occupation, ${st.duplicates} duplicate pairs merged` +
    keptNote('ISCO groups', isco) +
    keptNote('occupations', o) +
    keptNote('skills', s);
  return {
    summary: `ESCO ${src.VERSIONS.esco}: ${notes}`,
    entries: [
      {
        version: src.VERSIONS.esco,
        source:
          'ESCO v1.2.0 (English) with Italian labels from ESCO v1.0.8; skills list and occupation-skill relations DERIVED (see reference-data/README.md)',
        licence: ESCO_LICENCE,
        rowCount: occupations.length,
        notes,
      },
    ],
  };
}

const TABLES: Record<Scheme, string[]> = {
  territory: ['ref_regions', 'ref_provinces', 'ref_municipalities'],
  ateco: ['ref_ateco', 'ref_ateco_correspondence'],
  cp2021: ['ref_professions'],
  esco: ['ref_isco_groups', 'ref_occupations', 'ref_skills', 'ref_occupation_skills'],
};

const LOADERS: Record<Scheme, (tx: Tx) => Promise<Loaded>> = {
  territory: loadTerritory,
  ateco: loadAteco,
  cp2021: loadCp2021,
  esco: loadEsco,
};

/** The versions each scheme records, to tell an up-to-date scheme from a stale one. */
const EXPECTED_VERSIONS: Record<Scheme, string[]> = {
  territory: [src.VERSIONS.territory],
  ateco: [src.VERSIONS.ateco2025, src.VERSIONS.ateco2007],
  cp2021: [src.VERSIONS.cp2021],
  esco: [src.VERSIONS.esco],
};

export function schemeChecksum(scheme: Scheme): string {
  const h = crypto.createHash('sha256');
  h.update(`format ${FORMAT_VERSION[scheme]}\n`);
  for (const rel of src.FILES[scheme]) {
    h.update(`${rel}\n`);
    h.update(fs.readFileSync(path.join(src.REFERENCE_DATA_DIR, rel)));
  }
  return h.digest('hex');
}

function upToDate(scheme: Scheme, checksum: string, recorded: repo.ClassificationRow[]) {
  const mine = recorded.filter((r) => r.scheme === SCHEME_NAME[scheme]);
  return (
    mine.length === EXPECTED_VERSIONS[scheme].length &&
    EXPECTED_VERSIONS[scheme].every((v) => mine.some((r) => r.version === v && r.checksum === checksum))
  );
}

/**
 * Loads whatever reference data is missing or changed. Returns a short summary of what it loaded,
 * or null when everything was already up to date.
 */
export async function loadReferenceData(database: Database): Promise<string | null> {
  const started = Date.now();
  const recorded = await repo.listClassifications(database.db);
  const done: string[] = [];
  for (const scheme of SCHEMES) {
    const checksum = schemeChecksum(scheme);
    if (upToDate(scheme, checksum, recorded)) continue;
    const schemeStarted = Date.now();
    const summary = await database.db.transaction(async (tx) => {
      await repo.lockScheme(tx, SCHEME_NAME[scheme]);
      // Another instance may have loaded it while this one waited for the lock.
      if (upToDate(scheme, checksum, await repo.listClassifications(tx, SCHEME_NAME[scheme]))) return null;
      const loaded = await LOADERS[scheme](tx);
      await repo.finishTables(tx, TABLES[scheme]);
      await repo.recordClassifications(tx, SCHEME_NAME[scheme], loaded.entries, checksum);
      return loaded.summary;
    });
    if (summary) done.push(`${summary} (${((Date.now() - schemeStarted) / 1000).toFixed(1)} s)`);
  }
  if (!done.length) return null;
  return `${done.join('; ')}. Total ${((Date.now() - started) / 1000).toFixed(1)} s`;
}
