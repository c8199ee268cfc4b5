import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { normalizeSearch } from '../../platform/text';

// Reads the reference files shipped in apps/server/reference-data (see its README for provenance)
// into plain rows ready for the bulk loader. No database access here.

export const REFERENCE_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../reference-data',
);

export const VERSIONS = {
  territory: '2025',
  ateco2025: '2025',
  ateco2007: '2007',
  cp2021: 'CP2021',
  esco: 'v1.2.0',
} as const;

export const FILES = {
  territory: ['istat_territorio/regioni.csv', 'istat_territorio/province.csv', 'istat_territorio/comuni.csv'],
  ateco: [
    'ateco/ateco2025_struttura.csv',
    'ateco/ateco2007_agg2022_struttura.csv',
    'ateco/raccordo_ateco2025_ateco2022.csv',
  ],
  cp2021: ['istat_cp2021/cp2021.csv'],
  esco: [
    'esco/v1.2.0_en/ISCOGroups_en.csv',
    'esco/v1.0.8_it/ISCOGroups_it.csv',
    'esco/derived/esco_occupations_it_en.csv',
    'esco/derived/esco_skills_en_DERIVED.csv',
    'esco/derived/esco_skill_collections_DERIVED.csv',
    'esco/derived/esco_occupation_skill_relations_en_DERIVED.csv.gz',
  ],
} as const;

type Csv = Record<string, string>;

const file = (rel: string) => path.join(REFERENCE_DATA_DIR, rel);
const readCsv = (rel: string): Csv[] => parseCsv(fs.readFileSync(file(rel), 'utf8'));

/**
 * RFC 4180 CSV (comma, double quotes, "" escapes, LF or CRLF, optional BOM) into one object per row
 * keyed by the header. Gives the same rows as csv-parse on every shipped file, 2-6 times faster,
 * which matters because the load runs at first start and in every test-template build.
 */
export function parseCsv(text: string): Csv[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field = '';
    if (text.charCodeAt(i) === 34 /* " */) {
      let j = i + 1;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k < 0) throw new Error('CSV: unterminated quoted field');
        field += text.slice(j, k);
        if (text.charCodeAt(k + 1) === 34) {
          field += '"';
          j = k + 2;
        } else {
          i = k + 1;
          break;
        }
      }
    } else {
      let k = i;
      for (; k < n; k++) {
        const c = text.charCodeAt(k);
        if (c === 44 || c === 10 || c === 13) break;
      }
      field = text.slice(i, k);
      i = k;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      i++;
      if (i === n) row.push('');
      continue;
    }
    if (c === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    records.push(row);
    row = [];
  }
  if (row.length) records.push(row);
  const [header = [], ...data] = records;
  return data
    .filter((r) => r.length > 1 || r[0] !== '')
    .map((r) => {
      if (r.length !== header.length)
        throw new Error(`CSV: a row has ${r.length} fields, expected ${header.length}`);
      const o: Csv = {};
      for (let x = 0; x < header.length; x++) o[header[x]!] = r[x]!;
      return o;
    });
}
const orNull = (v: string | undefined) => {
  const t = v?.trim();
  return t ? t : null;
};
const num = (v: string | undefined) => (v && v.trim() !== '' ? Number(v) : null);
/** Normalised search text from several terms, in order (Italian first), duplicates dropped. */
const searchOf = (...terms: (string | null | undefined)[]) => {
  const seen = new Set<string>();
  for (const t of terms) {
    const n = t ? normalizeSearch(t) : '';
    if (n) seen.add(n);
  }
  return [...seen].join(' ');
};
const undotted = (code: string) => (code.includes('.') ? code.replace(/\./g, '') : null);

// ---------------------------------------------------------------- ISTAT territory

export interface RegionRow {
  code: string;
  name: string;
  nuts2: string | null;
  area: string | null;
  name_search: string;
  search_text: string;
  version: string;
}
export interface ProvinceRow {
  code: string;
  historic_code: string;
  name: string;
  abbreviation: string;
  kind: string;
  region_code: string;
  nuts3: string | null;
  name_search: string;
  search_text: string;
  version: string;
}
export interface MunicipalityRow {
  code: string;
  name: string;
  name_alt: string | null;
  cadastral_code: string;
  province_code: string;
  region_code: string;
  is_province_capital: boolean;
  nuts3: string | null;
  lat: number | null;
  lon: number | null;
  name_search: string;
  search_text: string;
  version: string;
}

export function readTerritory() {
  const version = VERSIONS.territory;
  const regions: RegionRow[] = readCsv('istat_territorio/regioni.csv').map((r) => ({
    code: r.codice_regione!,
    name: r.denominazione!,
    nuts2: orNull(r.nuts2_2024),
    area: orNull(r.ripartizione),
    name_search: normalizeSearch(r.denominazione!),
    search_text: searchOf(r.denominazione, r.codice_regione),
    version,
  }));
  const provinces: ProvinceRow[] = readCsv('istat_territorio/province.csv').map((r) => ({
    code: r.codice_uts!,
    historic_code: r.codice_provincia_storico!,
    name: r.denominazione!,
    abbreviation: r.sigla!,
    kind: r.tipologia!,
    region_code: r.codice_regione!,
    nuts3: orNull(r.nuts3_2024),
    name_search: normalizeSearch(r.denominazione!),
    search_text: searchOf(r.denominazione, r.sigla, r.codice_uts, r.codice_provincia_storico),
    version,
  }));
  const municipalities: MunicipalityRow[] = readCsv('istat_territorio/comuni.csv').map((r) => ({
    code: r.codice_istat!,
    name: r.denominazione!,
    name_alt: orNull(r.denominazione_altra_lingua),
    cadastral_code: r.codice_catastale!,
    province_code: r.codice_uts!,
    region_code: r.codice_regione!,
    is_province_capital: r.capoluogo === '1',
    nuts3: orNull(r.nuts3_2024),
    lat: num(r.lat),
    lon: num(r.lon),
    name_search: normalizeSearch(r.denominazione!),
    search_text: searchOf(r.denominazione, r.denominazione_altra_lingua, r.codice_istat, r.codice_catastale),
    version,
  }));
  return { regions, provinces, municipalities };
}

// ---------------------------------------------------------------- ATECO

export interface AtecoRow {
  version: string;
  code: string;
  title_it: string;
  title_en: string | null;
  level: number;
  parent_code: string | null;
  sort_order: number;
  title_search: string;
  search_text: string;
}
export interface AtecoCorrespondenceRow {
  ateco2025_code: string;
  ateco2007_code: string;
  coverage_2025: string | null;
  coverage_2007: string | null;
  note: string | null;
}

export function readAteco() {
  const a2025: AtecoRow[] = readCsv('ateco/ateco2025_struttura.csv').map((r) => ({
    version: VERSIONS.ateco2025,
    code: r.CODICE_ATECO_2025!,
    title_it: r.TITOLO_ITALIANO_ATECO_2025!.trim(),
    title_en: orNull(r.TITOLO_INGLESE_ATECO_2025),
    level: Number(r.GERARCHIA_ATECO_2025),
    parent_code: orNull(r.CODICE_PADRE_ATECO_2025),
    sort_order: Number(r.ORDINE_CODICE_ATECO_2025),
    title_search: normalizeSearch(r.TITOLO_ITALIANO_ATECO_2025!),
    search_text: searchOf(
      r.TITOLO_ITALIANO_ATECO_2025,
      r.TITOLO_INGLESE_ATECO_2025,
      r.CODICE_ATECO_2025,
      undotted(r.CODICE_ATECO_2025!),
    ),
  }));
  const a2007: AtecoRow[] = readCsv('ateco/ateco2007_agg2022_struttura.csv').map((r, i) => ({
    version: VERSIONS.ateco2007,
    code: r.CODICE_ATECO_2022!,
    title_it: r.TITOLO_ATECO_2022!.trim(),
    title_en: null,
    level: Number(r.LIVELLO),
    parent_code: orNull(r.CODICE_PADRE),
    sort_order: i + 1,
    title_search: normalizeSearch(r.TITOLO_ATECO_2022!),
    search_text: searchOf(r.TITOLO_ATECO_2022, r.CODICE_ATECO_2022, undotted(r.CODICE_ATECO_2022!)),
  }));
  const known2025 = new Set(a2025.map((r) => r.code));
  const known2007 = new Set(a2007.map((r) => r.code));
  const correspondences: AtecoCorrespondenceRow[] = [];
  let withoutCounterpart = 0;
  for (const r of readCsv('ateco/raccordo_ateco2025_ateco2022.csv')) {
    const c2025 = r.CODICE_ATECO_2025!;
    const c2007 = r.CODICE_ATECO_2022!;
    if (!c2007) {
      withoutCounterpart++; // new 2025 codes with no 2007 counterpart
      continue;
    }
    if (!known2025.has(c2025) || !known2007.has(c2007))
      throw new Error(`ATECO correspondence ${c2025} -> ${c2007}: code missing from the structures`);
    correspondences.push({
      ateco2025_code: c2025,
      ateco2007_code: c2007,
      coverage_2025: orNull(r.COPERTURA_ATECO_2025),
      coverage_2007: orNull(r.COPERTURA_ATECO_2022),
      note: orNull(r.CONTENUTO_COMUNE_ITALIANO),
    });
  }
  return { a2025, a2007, correspondences, withoutCounterpart };
}

// ---------------------------------------------------------------- CP2021

export interface ProfessionRow {
  code: string;
  level: number;
  parent_code: string | null;
  name: string;
  description: string | null;
  name_search: string;
  search_text: string;
  version: string;
}

export function readCp2021(): ProfessionRow[] {
  return readCsv('istat_cp2021/cp2021.csv').map((r) => ({
    code: r.codice!,
    level: Number(r.livello),
    parent_code: orNull(r.codice_padre),
    name: r.nome!.trim(),
    description: orNull(r.descrizione),
    name_search: normalizeSearch(r.nome!),
    search_text: searchOf(r.nome, r.codice, undotted(r.codice!)),
    version: VERSIONS.cp2021,
  }));
}

// ---------------------------------------------------------------- ESCO

export interface IscoGroupRow {
  code: string;
  uri: string;
  label_en: string;
  label_it: string | null;
  parent_code: string | null;
  version: string;
}
/** Occupation and skill rows before their integer ids are assigned. */
export interface OccupationRow {
  uri: string;
  code: string | null;
  isco_group: string | null;
  label_it: string | null;
  label_en: string | null;
  alt_labels_it: string | null;
  alt_labels_en: string | null;
  description_it: string | null;
  description_en: string | null;
  label_search: string;
  label_en_search: string;
  search_text: string;
  version: string;
}
export interface SkillRow {
  uri: string;
  label_en: string;
  label_it: string | null;
  skill_type: string | null;
  reuse_level: string | null;
  label_search: string;
  label_en_search: string;
  search_text: string;
  version: string;
}
export interface OccupationSkillLink {
  occupationUri: string;
  skillUri: string;
  relation: 'essential' | 'optional';
}

export function readEsco() {
  const version = VERSIONS.esco;
  const iscoIt = new Map(readCsv('esco/v1.0.8_it/ISCOGroups_it.csv').map((r) => [r.conceptUri!, r]));
  const iscoGroups: IscoGroupRow[] = readCsv('esco/v1.2.0_en/ISCOGroups_en.csv').map((r) => ({
    code: r.code!,
    uri: r.conceptUri!,
    label_en: r.preferredLabel!.trim(),
    label_it: orNull(iscoIt.get(r.conceptUri!)?.preferredLabel),
    parent_code: r.code!.length > 1 ? r.code!.slice(0, -1) : null,
    version,
  }));

  // The derived file is the union of v1.2.0 (English) and v1.0.8 (Italian): keep the v1.2.0 concepts.
  const all = readCsv('esco/derived/esco_occupations_it_en.csv');
  const occupations: OccupationRow[] = [];
  let droppedNotInV120 = 0;
  for (const r of all) {
    if (r.in_v120 !== '1') {
      droppedNotInV120++;
      continue;
    }
    const labelIt = orNull(r.preferredLabel_it_v108);
    const labelEn = orNull(r.preferredLabel_en_v120);
    const altIt = orNull(r.altLabels_it_v108);
    const altEn = orNull(r.altLabels_en_v120);
    occupations.push({
      uri: r.conceptUri!,
      code: orNull(r.code_v120),
      isco_group: orNull(r.iscoGroup),
      label_it: labelIt,
      label_en: labelEn,
      alt_labels_it: altIt,
      alt_labels_en: altEn,
      description_it: orNull(r.description_it_v108),
      description_en: orNull(r.description_en_v120),
      label_search: normalizeSearch(labelIt ?? labelEn ?? ''),
      label_en_search: normalizeSearch(labelEn ?? labelIt ?? ''),
      search_text: searchOf(labelIt, labelEn, r.code_v120, altIt, altEn),
      version,
    });
  }

  // Skills: the derived list (URI + English label) plus the skills only found in the official
  // v1.2.0 collections, which also give skillType and reuseLevel.
  const collections = new Map(
    readCsv('esco/derived/esco_skill_collections_DERIVED.csv').map((r) => [r.conceptUri!, r]),
  );
  const skillsByUri = new Map<string, SkillRow>();
  const skill = (uri: string, label: string): SkillRow => {
    const c = collections.get(uri);
    const normalized = normalizeSearch(label);
    return {
      uri,
      label_en: label,
      label_it: null,
      skill_type: orNull(c?.skillType),
      reuse_level: orNull(c?.reuseLevel),
      label_search: normalized,
      label_en_search: normalized,
      search_text: normalized,
      version,
    };
  };
  for (const r of readCsv('esco/derived/esco_skills_en_DERIVED.csv'))
    skillsByUri.set(r.concept_uri!, skill(r.concept_uri!, r.preferred_label!.trim()));
  let skillsOnlyInCollections = 0;
  for (const [uri, c] of collections) {
    if (skillsByUri.has(uri)) continue;
    skillsOnlyInCollections++;
    skillsByUri.set(uri, skill(uri, c.preferredLabel!.trim()));
  }

  const rel = readRelations(new Set(occupations.map((o) => o.uri)), skillsByUri);
  return {
    iscoGroups,
    occupations,
    skills: [...skillsByUri.values()],
    links: rel.links,
    stats: { droppedNotInV120, skillsOnlyInCollections, ...rel.stats },
  };
}

/**
 * The derived relations file (occupationUri, relationType, skillLabel_en, skillUri_resolved). URIs
 * hold no commas, so each line is split at its first two and its last comma; the label in between
 * may be quoted. Every line is checked, so a format change fails loudly rather than silently.
 */
function readRelations(occupationUris: Set<string>, skills: Map<string, unknown>) {
  const text = zlib
    .gunzipSync(fs.readFileSync(file('esco/derived/esco_occupation_skill_relations_en_DERIVED.csv.gz')))
    .toString('utf8');
  const lines = text.split(/\r?\n/);
  if (lines[0] !== 'occupationUri,relationType,skillLabel_en,skillUri_resolved')
    throw new Error('ESCO relations: unexpected header');
  const byPair = new Map<string, OccupationSkillLink>();
  const stats = { relationRows: 0, unresolved: 0, unknownSkill: 0, unknownOccupation: 0, duplicates: 0 };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    const z = line.lastIndexOf(',');
    const occupationUri = line.slice(0, a);
    const relation = line.slice(a + 1, b);
    const skillUri = line.slice(z + 1);
    if (
      b < 0 ||
      z <= b ||
      !occupationUri.startsWith('http://data.europa.eu/esco/occupation/') ||
      (relation !== 'essential' && relation !== 'optional') ||
      (skillUri !== '' && !skillUri.startsWith('http://data.europa.eu/esco/skill/'))
    )
      throw new Error(`ESCO relations: line ${i + 1} is not in the expected format`);
    stats.relationRows++;
    if (!skillUri) {
      stats.unresolved++;
      continue;
    }
    if (!skills.has(skillUri)) {
      stats.unknownSkill++;
      continue;
    }
    if (!occupationUris.has(occupationUri)) {
      stats.unknownOccupation++;
      continue;
    }
    const key = `${occupationUri} ${skillUri}`;
    const prev = byPair.get(key);
    if (prev) {
      stats.duplicates++;
      if (relation === 'essential') prev.relation = 'essential'; // listed as both: essential wins
      continue;
    }
    byPair.set(key, { occupationUri, skillUri, relation });
  }
  return { links: [...byPair.values()], stats };
}
