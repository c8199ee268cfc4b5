/**
 * The in-memory matching engine: exact top-k ranking of people for a vacancy and of vacancies for a
 * person, over compact typed arrays (no database access here; see matching.build.ts and
 * matching.service.ts).
 *
 * Score (0..1; the same formula as the SQL reference in matching.sql.ts):
 *   essential skills  0.50 * matched essential / essential count
 *   optional skills   0.15 * matched optional / optional count
 *   occupation        0.20 same ESCO occupation, 0.12 same ISCO unit group (4 digits), 0.06 same minor group (3)
 *   distance          0.10 * (1 - km / person's mobility radius); 0.10 for remote work (and for radius 0 at 0 km)
 *   priority boost    0.05 for a person of a priority target on a vacancy that counts towards a pledge
 * Hard filters (vacancy -> people): consent 'company_matching', available (unemployed/underemployed),
 * within the person's mobility radius (unless remote), mandatory education and languages. People ->
 * vacancies: the vacancy is open, within the radius (unless remote), the person meets its mandatory
 * requirements. Relevance: a result holds at least one required skill or a related occupation.
 * Ties: higher score first, then the smaller id (uuid text order = the order of its 128 bits), so the
 * order is total and the same as the SQL reference's `order by score desc, id::text collate "C"`.
 *
 * Layout. Every record has a slot; per-slot fields are typed arrays (flags, municipality index, radius,
 * education, occupation, ISCO group, skills as start/length into one pool, one rank array per
 * language). Ids are 128-bit uuids kept as 4 words per slot with an open-addressing hash table, so the
 * whole index is made of typed arrays: it is built in a worker thread (`buildIndex`) and handed over
 * as transferable buffers (`MatchingEngine.fromIndex`). Posting lists (skill, occupation, ISCO unit
 * and minor group) are CSR arrays split into groups by grid cell (about 33 x 31 km), mobility-radius
 * class (people) and priority/pledge flag; each entry carries the record's municipality and radius,
 * so the distance filter runs over sequential memory without touching the record.
 *
 * Exactness with pruning (MaxScore, with full scoring from the forward index): every term (a skill or
 * occupation posting list) has a score upper bound. Terms are processed in decreasing bound order; a
 * candidate met for the first time is scored in full (its own skill list against the query's weight
 * table), so after a term is processed every candidate it holds has its exact score. A candidate not
 * met yet lives only in unprocessed terms, so its score is at most B = the sum of their skill bounds +
 * the largest of their occupation bounds (a result has one occupation part), plus its distance part
 * and boost. Three checks use that bound against the k-th best score (ties count: a bound equal to the
 * threshold is never pruned):
 *   - per term: B + 0.10 + boost below the threshold: stop, no unseen candidate can enter (exact);
 *   - per group: B + the group's best distance part (from the nearest point of its cell and its largest
 *     radius) + the group's boost below the threshold: the group is skipped, and a group found so
 *     during the scan is left at once (the threshold only rises);
 *   - per entry: B + the entry's own distance part + group boost below the threshold: skipped unscored;
 *     on the people side also with the skill part capped by the person's skill count c (each entry
 *     carries it: at most the c largest remaining skill bounds), and by the person's 128-bit skill
 *     signature (each entry carries it, see sigBit): the summed weights of the remaining query skills
 *     whose bit is set bound the skill part (an unscored candidate holds no processed term; a
 *     collision only loosens the bound). Most people in a long list share a skill or two with the
 *     vacancy and are pruned here without touching the record; this is what keeps remote-work
 *     vacancies (nothing pruned by distance) fast. Once the same-occupation term is done, the entry's
 *     ISCO unit group gives its occupation part (0.12, 0.06 or 0; people of the vacancy's occupation
 *     were met in that term). A mandatory education requirement is checked from the entry before the
 *     record is read.
 * Term order: by bound (then shorter first), except the ISCO minor group's long list, which goes last
 * on the people side (its members holding a skill of the vacancy were met through the skill).
 * A candidate skipped in term i either was scored earlier (a term before i holds it) or has a true
 * score <= its bound < threshold, so the result is exact. The property test in matching.engine.test.ts
 * checks it against brute force on random data.
 *
 * Updates are append-only: a changed person or vacancy gets a new slot (its postings go to small
 * unsplit "delta" lists) and the old one is marked dead; `deadRatio`/`deltaRatio` tell the owner when
 * to rebuild.
 *
 * JIT. The vacancy query's scan and scoring (the hot loops) are module-level kernels of typed arrays
 * and numbers (scanPeopleTerm, scanPeopleDelta, scorePeopleBatch), so their optimized code depends on
 * no object shape and holds no object that can die: a garbage collection, another engine, or a path
 * of topPeople not met before (the first delta postings after a refresh) no longer throws the scan
 * back to the interpreter for the 100-350 ms the optimizing compiler took to redo the whole of a large
 * topPeople (the slowest 1% of vacancy queries at 1M people, 13-25 ms). The first engine of a process
 * runs warmSynthetic and warm() (see there) so the kernels have met every path before real queries.
 */

import { prng } from '../../platform/random';

export const W = {
  essential: 0.5,
  optional: 0.15,
  occupation: 0.2,
  unit: 0.12,
  minor: 0.06,
  distance: 0.1,
  boost: 0.05,
};
const W_ESSENTIAL = W.essential;
const W_OPTIONAL = W.optional;
const W_OCCUPATION = W.occupation;
const W_UNIT = W.unit;
const W_MINOR = W.minor;
const W_DISTANCE = W.distance;
const W_BOOST = W.boost;
export const DEFAULT_RADIUS_KM = 30;
export const CEFR_RANK: Record<string, number> = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, native: 7 };
/**
 * Pruning margin: scores are rounded to 1e-9 (roundScore), so a rounded score may exceed its unrounded
 * bound by up to 5e-10; a bound is pruned only when below the threshold by more than this.
 */
const EPS = 2e-9;

/** Grow-only int list. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  static of(data: Int32Array, length = data.length) {
    const l = new IntList(0);
    l.data = data;
    l.length = length;
    return l;
  }
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.max(4, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * A plain array of the same elements, built by push: always of one hidden class, whether the source
 * was deserialized from a worker thread or made by map (the query code then meets one shape).
 */
function arrayList<T extends object>(src: readonly T[]): T[] {
  const out: T[] = [];
  for (const x of src) out.push(x);
  return out;
}

type Typed = Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array | Float32Array;
function grow<T extends Typed>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 16));
  next.set(a);
  return next;
}

// ---- grid cells ----
const CELL_ROWS = 44;
const CELL_COLS = 40;
const NCELLS = CELL_ROWS * CELL_COLS;
const NO_CELL = NCELLS; // no coordinates: only remote work reaches it
/** cellMin of a remote-work vacancy (not read). */
const NO_CELL_MIN = new Float64Array(0);
const REMOTE_CELL = NCELLS + 1; // vacancies for remote work: reach everyone
const ALL_CELLS = NCELLS + 2;
/** Mobility radius classes: people groups are split by them, so far cells skip the short-radius ones. */
const RADIUS_CLASSES = 3;
const radiusClass = (r: number) => (r <= 10 ? 0 : r <= 30 ? 1 : 2);
const GROUP_CODES = ALL_CELLS * RADIUS_CLASSES * 2;
const groupCode = (cell: number, rc: number, flag: number) => (cell * RADIUS_CLASSES + rc) * 2 + flag;
const cellOf = (lat: number, lon: number) => {
  const row = Math.min(CELL_ROWS - 1, Math.max(0, Math.floor((lat - 35) / 0.3)));
  const col = Math.min(CELL_COLS - 1, Math.max(0, Math.floor((lon - 5) / 0.4)));
  return row * CELL_COLS + col;
};

/** Great-circle distance in km (mean Earth radius 6371 km); the SQL reference uses the same formula. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Municipalities: code -> compact index with coordinates; distance rows cached per origin. */
export class Geo {
  index = new Map<string, number>();
  codes: string[] = [];
  lat: Float64Array = new Float64Array(256);
  lon: Float64Array = new Float64Array(256);
  /** Grid cell of each municipality, NO_CELL without coordinates. */
  cell: Int32Array = new Int32Array(256);
  private rows = new Map<number, Float64Array>();
  private cellMins = new Map<number, Float64Array>();

  static from(data: GeoData) {
    const g = new Geo();
    for (let i = 0; i < data.codes.length; i++) g.add(data.codes[i]!, data.lat[i]!, data.lon[i]!);
    return g;
  }

  data(): GeoData {
    const n = this.codes.length;
    return { codes: [...this.codes], lat: this.lat.slice(0, n), lon: this.lon.slice(0, n) };
  }

  /** NaN coordinates: unknown. */
  add(code: string, lat: number | null, lon: number | null): number {
    let i = this.index.get(code);
    if (i !== undefined) return i;
    i = this.codes.length;
    this.index.set(code, i);
    this.codes.push(code);
    this.lat = grow(this.lat, i + 1);
    this.lon = grow(this.lon, i + 1);
    this.cell = grow(this.cell, i + 1);
    const known = lat !== null && lon !== null && !Number.isNaN(lat) && !Number.isNaN(lon);
    this.lat[i] = known ? lat : NaN;
    this.lon[i] = known ? lon : NaN;
    this.cell[i] = known ? cellOf(lat, lon) : NO_CELL;
    // Cached rows are per origin and sized to the known municipalities: drop them.
    this.rows.clear();
    this.cellMins.clear();
    return i;
  }

  /** Per grid cell: the smallest distance from municipality `from` to a municipality in the cell. */
  cellMin(from: number): Float64Array {
    let out = this.cellMins.get(from);
    if (out) return out;
    out = new Float64Array(ALL_CELLS).fill(Infinity);
    const row = this.row(from);
    for (let j = 0; j < row.length; j++) {
      const c = this.cell[j]!;
      if (c !== NO_CELL && row[j]! < out[c]!) out[c] = row[j]!;
    }
    this.cellMins.set(from, out);
    return out;
  }

  /** Distances (km) from municipality `from` to every known one; NaN where a coordinate is missing. */
  row(from: number): Float64Array {
    const n = this.codes.length;
    const cached = this.rows.get(from);
    if (cached && cached.length === n) return cached;
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++)
      out[j] = haversineKm(this.lat[from]!, this.lon[from]!, this.lat[j]!, this.lon[j]!);
    this.rows.set(from, out);
    return out;
  }
}

// ---- ids: uuids as 4 words, open-addressing hash table ----
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const scratchId = new Uint32Array(4);
/** Parses a uuid into `out` (4 words, big-endian order); false when it is not one. */
export function parseUuid(id: string, out: Uint32Array = scratchId, at = 0): boolean {
  const s = id.toLowerCase();
  if (!UUID.test(s)) return false;
  out[at] = parseInt(s.slice(0, 8), 16) >>> 0;
  out[at + 1] = parseInt(s.slice(9, 13) + s.slice(14, 18), 16) >>> 0;
  out[at + 2] = parseInt(s.slice(19, 23) + s.slice(24, 28), 16) >>> 0;
  out[at + 3] = parseInt(s.slice(28, 36), 16) >>> 0;
  return true;
}
/**
 * Formats a uuid from its 4 words into one string allocation (the character codes go through a reused
 * array): a query formats 50 ids, and short-lived strings are most of what a query allocates.
 */
const idChars: number[] = new Array<number>(36).fill(0);
function formatUuid(w: Uint32Array, at: number) {
  let k = 0;
  for (let i = 0; i < 4; i++) {
    const x = w[at + i]!;
    for (let sh = 28; sh >= 0; sh -= 4) {
      if (k === 8 || k === 13 || k === 18 || k === 23) idChars[k++] = 45; // '-'
      const d = (x >>> sh) & 15;
      idChars[k++] = d < 10 ? 48 + d : 87 + d;
    }
  }
  return String.fromCharCode.apply(null, idChars);
}
const hashWords = (w: Uint32Array, at: number) => {
  let h = Math.imul(w[at]! ^ Math.imul(w[at + 1]!, 0x9e3779b1), 0x85ebca77);
  h ^= Math.imul(w[at + 2]! ^ Math.imul(w[at + 3]!, 0xc2b2ae3d), 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
};

export interface IdTableData {
  n: number;
  words: Uint32Array;
  table: Int32Array;
}

/** Slot <-> uuid: slots are appended; a key maps to its latest slot. */
export class IdTable {
  n = 0;
  words: Uint32Array;
  table: Int32Array;
  constructor(capacity = 16) {
    this.words = new Uint32Array(capacity * 4);
    this.table = new Int32Array(tableSize(capacity)).fill(-1);
  }
  static from(d: IdTableData) {
    const t = new IdTable(0);
    t.n = d.n;
    t.words = d.words;
    t.table = d.table;
    return t;
  }
  data(): IdTableData {
    return { n: this.n, words: this.words, table: this.table };
  }
  private probe(w: Uint32Array, at: number): number {
    const mask = this.table.length - 1;
    let i = hashWords(w, at) & mask;
    for (;;) {
      const s = this.table[i]!;
      if (s < 0) return i;
      const o = s * 4;
      const x = this.words;
      if (x[o] === w[at] && x[o + 1] === w[at + 1] && x[o + 2] === w[at + 2] && x[o + 3] === w[at + 3])
        return i;
      i = (i + 1) & mask;
    }
  }
  /** The latest slot of an id, or -1. */
  find(id: string): number {
    if (!parseUuid(id)) return -1;
    return this.table[this.probe(scratchId, 0)]!;
  }
  /** Appends a slot for the id (parsed into scratchId by the caller) and points the key at it. */
  append(id: string): number {
    if (!parseUuid(id)) throw new Error(`matching: ids must be uuids (${id})`);
    const s = this.n++;
    this.words = grow(this.words, this.n * 4);
    this.words.set(scratchId, s * 4);
    if (this.n * 2 > this.table.length) this.rehash(tableSize(this.n * 2));
    this.table[this.probe(this.words, s * 4)] = s;
    return s;
  }
  /** Builds the table for slots 0..n-1 (later slots win for a repeated key). */
  rehash(size: number) {
    this.table = new Int32Array(size).fill(-1);
    for (let s = 0; s < this.n; s++) this.table[this.probe(this.words, s * 4)] = s;
  }
  id(slot: number) {
    return formatUuid(this.words, slot * 4);
  }
  /** Compares the ids of two slots (uuid text order). */
  compare(a: number, b: number) {
    const w = this.words;
    for (let i = 0; i < 4; i++) {
      const x = w[a * 4 + i]!;
      const y = w[b * 4 + i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }
}
const tableSize = (n: number) => {
  let s = 16;
  while (s < n * 2) s *= 2;
  return s;
};

// ---- inputs ----
export interface PersonInput {
  id: string;
  municipalityCode: string | null;
  lat: number | null;
  lon: number | null;
  radiusKm: number | null;
  educationLevel: number | null;
  occupationId: number | null;
  iscoGroup: string | null;
  consent: boolean;
  available: boolean;
  priority: boolean;
  skills: readonly number[];
  languages: readonly { language: string; level: string }[];
}

export interface VacancyInput {
  id: string;
  municipalityCode: string;
  lat: number | null;
  lon: number | null;
  remote: boolean;
  educationLevel: number | null;
  educationMandatory: boolean;
  occupationId: number;
  iscoGroup: string | null;
  pledged: boolean;
  essential: readonly number[];
  optional: readonly number[];
  mandatoryLanguages: readonly { language: string; minLevel: string }[];
}

/**
 * Vacancy-side skill postings are split by the vacancy's number of essential (optional) skills, so a
 * list's bound 1/|E| is tight: the few vacancies with one or two skills do not inflate the bound of the
 * long lists of vacancies with many.
 */
const BANDS = 6;
const band = (n: number) => (n <= 2 ? 0 : n <= 4 ? 1 : n <= 7 ? 2 : n <= 11 ? 3 : n <= 17 ? 4 : 5);
const iscoNum = (g: string | null) => (g && /^\d{4}$/.test(g) ? Number(g) : -1);

// ---- posting lists ----
/**
 * CSR posting lists: key -> groups (cell, radius class, flag) -> entries. Vacancy entries: slot and
 * municipality (eSlot, eMuni). People entries are interleaved, PE words each in `ent` (see PE), so a
 * group's entries are one sequential run of memory (one stream for the prefetcher, not seven).
 */
export interface GroupedData {
  keyStart: Int32Array;
  gCell: Int32Array;
  gFlag: Uint8Array;
  gMaxR: Uint16Array;
  gStart: Int32Array;
  /** Vacancies: the slot of each entry (empty for people, see ent). */
  eSlot: Int32Array;
  /** Vacancies: the municipality of each entry (empty for people, see ent). */
  eMuni: Int32Array;
  /**
   * People: PE words per entry: slot; municipality | radius << 16; the person's 128-bit skill signature
   * (4 words, lowest first; see sigBit); skill count (capped at 255: at most that many skill terms match) |
   * education level << 8 (a mandatory education requirement is checked before the record is read) |
   * (ISCO unit group + 1) << 16 (0 none: the occupation part once the same-occupation term is done).
   */
  ent: Uint32Array;
}
/** Words per people posting entry (see GroupedData.ent). */
const PE = 7;
/** Candidates scored per batch in topPeople. */
const BATCH = 32;
/** Words per person in MatchingEngine.pRec (64 bytes), and the skills that fit inline (16-bit ids). */
const REC = 16;
const REC_SKILLS = 2 * (REC - 5);

/**
 * Skill signatures: a person's skills hashed into 128 bits (one bit per skill). Every skill of a query
 * that the person holds has its bit set, so the summed weights of the query skills whose bit is set
 * bound the person's skill part from above (collisions only loosen it): most people in a long posting
 * list share one or two skills with the vacancy and are pruned from the entry, without touching the
 * record. 128 rather than 64 bits: with ~17 skills per person and 20-50 per vacancy, 64 bits collide
 * enough that about 40% more candidates are scored in full (1M-people benchmark).
 */
const sigBit = (k: number) => Math.imul(k, 0x9e3779b1) >>> 25;
function skillSignatures(n: number, start: Int32Array, skills: Int32Array): Uint32Array {
  const sig = new Uint32Array(n * 4);
  for (let s = 0; s < n; s++)
    for (let q = start[s]!; q < start[s + 1]!; q++) {
      const b = sigBit(skills[q]!);
      sig[4 * s + (b >> 5)]! |= 1 << (b & 31);
    }
  return sig;
}

/** A posting space: the bulk-built grouped lists plus unsplit lists of slots appended since. */
class Space {
  delta = new Map<number, IntList>();
  deltaEntries = 0;
  base: GroupedData | null;
  constructor(base: GroupedData | null) {
    // Copied into one object shape: an index transferred from the worker thread is deserialized into
    // objects of other hidden classes than one built in this thread, and the query code would meet two.
    this.base =
      base === null
        ? null
        : {
            keyStart: base.keyStart,
            gCell: base.gCell,
            gFlag: base.gFlag,
            gMaxR: base.gMaxR,
            gStart: base.gStart,
            eSlot: base.eSlot,
            eMuni: base.eMuni,
            ent: base.ent,
          };
  }
  add(key: number, slot: number) {
    if (key < 0) return;
    let l = this.delta.get(key);
    if (!l) this.delta.set(key, (l = new IntList()));
    l.push(slot);
    this.deltaEntries++;
  }
  baseEntries() {
    return this.base ? this.base.gStart[this.base.gStart.length - 1]! : 0;
  }
  bytes() {
    let b = 0;
    if (this.base) for (const a of Object.values(this.base)) b += (a as Typed).byteLength;
    for (const l of this.delta.values()) b += l.data.byteLength + 32;
    return b;
  }
}

/**
 * Builds grouped postings from tuples (key, group code, slot), kept in slot order inside a group:
 * two stable counting sorts (by group code, then by key).
 */
function buildGrouped(
  nKeys: number,
  count: number,
  tKey: Int32Array,
  tGroup: Int32Array,
  tSlot: Int32Array,
  slotMuni: Int32Array,
  people: {
    radius: Uint16Array;
    skillCount: Uint8Array;
    edu: Uint8Array;
    sig: Uint32Array;
    isco: Int32Array;
  } | null,
): GroupedData {
  const byGroup = new Int32Array(GROUP_CODES + 1);
  for (let i = 0; i < count; i++) byGroup[tGroup[i]! + 1]!++;
  for (let g = 0; g < GROUP_CODES; g++) byGroup[g + 1]! += byGroup[g]!;
  const perm1 = new Int32Array(count);
  for (let i = 0; i < count; i++) perm1[byGroup[tGroup[i]!]!++] = i;
  const keyStart0 = new Int32Array(nKeys + 1);
  for (let i = 0; i < count; i++) keyStart0[tKey[i]! + 1]!++;
  for (let k = 0; k < nKeys; k++) keyStart0[k + 1]! += keyStart0[k]!;
  const cursor = keyStart0.slice(0, nKeys);
  const order = new Int32Array(count);
  for (let j = 0; j < count; j++) {
    const i = perm1[j]!;
    order[cursor[tKey[i]!]!++] = i;
  }
  // Groups: runs of equal (key, group code).
  let nGroups = 0;
  for (let j = 0; j < count; j++) {
    const i = order[j]!;
    if (j === 0 || tKey[i] !== tKey[order[j - 1]!] || tGroup[i] !== tGroup[order[j - 1]!]) nGroups++;
  }
  const keyStart = new Int32Array(nKeys + 1);
  const gCell = new Int32Array(nGroups);
  const gFlag = new Uint8Array(nGroups);
  const gMaxR = new Uint16Array(nGroups);
  const gStart = new Int32Array(nGroups + 1);
  const eSlot = new Int32Array(people ? 0 : count);
  const eMuni = new Int32Array(people ? 0 : count);
  const ent = new Uint32Array(people ? PE * count : 0);
  let g = -1;
  for (let j = 0; j < count; j++) {
    const i = order[j]!;
    if (j === 0 || tKey[i] !== tKey[order[j - 1]!] || tGroup[i] !== tGroup[order[j - 1]!]) {
      g++;
      const code = tGroup[i]!;
      gCell[g] = Math.floor(code / (RADIUS_CLASSES * 2));
      gFlag[g] = code & 1;
      gStart[g] = j;
      keyStart[tKey[i]! + 1]!++;
    }
    const s = tSlot[i]!;
    if (!people) {
      eSlot[j] = s;
      eMuni[j] = slotMuni[s]!;
      continue;
    }
    const r = people.radius[s]!;
    const o = PE * j;
    ent[o] = s;
    // Without a municipality: 0xffff, never read (such a person's group has no cell: only remote
    // vacancies reach it, and they do not compute a distance).
    const m = slotMuni[s]!;
    ent[o + 1] = (m >= 0 ? m : 0xffff) | (r << 16);
    ent[o + 2] = people.sig[4 * s]!;
    ent[o + 3] = people.sig[4 * s + 1]!;
    ent[o + 4] = people.sig[4 * s + 2]!;
    ent[o + 5] = people.sig[4 * s + 3]!;
    ent[o + 6] = people.skillCount[s]! | (people.edu[s]! << 8) | ((people.isco[s]! + 1) << 16);
    if (r > gMaxR[g]!) gMaxR[g] = r;
  }
  gStart[nGroups] = count;
  for (let k = 0; k < nKeys; k++) keyStart[k + 1]! += keyStart[k]!;
  return { keyStart, gCell, gFlag, gMaxR, gStart, eSlot, eMuni, ent };
}

// ---- the transferable index ----
export interface GeoData {
  codes: string[];
  /** NaN where unknown. */
  lat: Float64Array;
  lon: Float64Array;
}

/** Column-wise people and vacancies (what a loader produces; see ColumnsBuilder). */
export interface RawData {
  geo: GeoData;
  langCodes: string[];
  people: {
    n: number;
    ids: Uint32Array;
    flags: Uint8Array; // 1 consent, 2 available, 4 priority
    muni: Int32Array; // geo index, -1 none
    radius: Uint16Array;
    edu: Uint8Array;
    occ: Int32Array;
    isco: Int32Array;
    skillStart: Int32Array; // n + 1, skills sorted and unique per person
    skills: Int32Array;
    langRanks: Uint8Array[]; // per language code, length n
  };
  vacancies: {
    n: number;
    ids: Uint32Array;
    flags: Uint8Array; // 1 remote, 2 education mandatory, 4 pledged
    muni: Int32Array;
    edu: Uint8Array;
    occ: Int32Array;
    isco: Int32Array;
    nE: Uint16Array;
    nO: Uint16Array;
    skillStart: Int32Array; // n + 1: essential (sorted, unique) then optional (sorted, not essential)
    skills: Int32Array;
    langStart: Int32Array; // n + 1
    langs: Int32Array; // language index * 8 + minimum rank
  };
}

export interface EngineIndex {
  raw: RawData;
  personTable: Int32Array;
  vacancyTable: Int32Array;
  people: { skill: GroupedData; occ: GroupedData; isco4: GroupedData; isco3: GroupedData };
  vacancies: {
    ess: GroupedData;
    opt: GroupedData;
    occ: GroupedData;
    isco4: GroupedData;
    isco3: GroupedData;
    maxInvE: Float64Array;
    maxInvO: Float64Array;
  };
  maxSkill: number;
  /** MatchingEngine.pRec, packed here so the worker does it, not the event loop. */
  personRecords: Int32Array;
}

/** Every ArrayBuffer of an index or raw data (for postMessage's transfer list). */
export function transferables(x: unknown, out: ArrayBuffer[] = [], seen = new Set<unknown>()): ArrayBuffer[] {
  if (x === null || typeof x !== 'object' || seen.has(x)) return out;
  seen.add(x);
  if (ArrayBuffer.isView(x)) {
    if (x.buffer instanceof ArrayBuffer && !seen.has(x.buffer)) {
      seen.add(x.buffer);
      out.push(x.buffer);
    }
    return out;
  }
  for (const v of Array.isArray(x) ? x : Object.values(x)) transferables(v, out, seen);
  return out;
}

/** Builds the posting lists and id tables from column data (pure: runs in a worker thread). */
export function buildIndex(input: RawData): EngineIndex {
  const raw = withHeadroom(input);
  const geoCell = new Int32Array(raw.geo.codes.length);
  for (let i = 0; i < geoCell.length; i++) {
    const lat = raw.geo.lat[i]!;
    const lon = raw.geo.lon[i]!;
    geoCell[i] = Number.isNaN(lat) || Number.isNaN(lon) ? NO_CELL : cellOf(lat, lon);
  }
  let maxSkill = 0;
  for (const s of raw.people.skills) if (s > maxSkill) maxSkill = s;
  for (const s of raw.vacancies.skills) if (s > maxSkill) maxSkill = s;

  // People.
  const P = raw.people;
  if (raw.geo.codes.length >= 0xffff) throw new Error('matching: too many municipalities (65,534 at most)');
  const pTable = (() => {
    const t = IdTable.from({ n: P.n, words: P.ids, table: new Int32Array(0) });
    t.rehash(tableSize(Math.max(16, P.n * 2)));
    return t.table;
  })();
  let maxOcc = 0;
  for (const o of P.occ) if (o > maxOcc) maxOcc = o;
  for (const o of raw.vacancies.occ) if (o > maxOcc) maxOcc = o;
  const skillCount = new Uint8Array(P.n);
  for (let s = 0; s < P.n; s++) skillCount[s] = Math.min(255, P.skillStart[s + 1]! - P.skillStart[s]!);
  const skillSig = skillSignatures(P.n, P.skillStart, P.skills);
  const peopleSpace = (nKeys: number, keysOf: (s: number, emit: (k: number) => void) => void) => {
    let count = 0;
    const counter = () => count++;
    for (let s = 0; s < P.n; s++) if ((P.flags[s]! & 3) === 3) keysOf(s, counter);
    const tKey = new Int32Array(count);
    const tGroup = new Int32Array(count);
    const tSlot = new Int32Array(count);
    let i = 0;
    for (let s = 0; s < P.n; s++) {
      if ((P.flags[s]! & 3) !== 3) continue;
      const m = P.muni[s]!;
      const code = groupCode(
        m >= 0 ? geoCell[m]! : NO_CELL,
        radiusClass(P.radius[s]!),
        P.flags[s]! & 4 ? 1 : 0,
      );
      keysOf(s, (k) => {
        tKey[i] = k;
        tGroup[i] = code;
        tSlot[i++] = s;
      });
    }
    return buildGrouped(nKeys, count, tKey, tGroup, tSlot, P.muni, {
      radius: P.radius,
      skillCount,
      edu: P.edu,
      sig: skillSig,
      isco: P.isco,
    });
  };
  const people = {
    skill: peopleSpace(maxSkill + 1, (s, emit) => {
      for (let q = P.skillStart[s]!; q < P.skillStart[s + 1]!; q++) emit(P.skills[q]!);
    }),
    occ: peopleSpace(maxOcc + 1, (s, emit) => {
      if (P.occ[s]! >= 0) emit(P.occ[s]!);
    }),
    isco4: peopleSpace(10000, (s, emit) => {
      if (P.isco[s]! >= 0) emit(P.isco[s]!);
    }),
    isco3: peopleSpace(1000, (s, emit) => {
      if (P.isco[s]! >= 0) emit(Math.floor(P.isco[s]! / 10));
    }),
  };

  // Vacancies.
  const V = raw.vacancies;
  const vTable = (() => {
    const t = IdTable.from({ n: V.n, words: V.ids, table: new Int32Array(0) });
    t.rehash(tableSize(Math.max(16, V.n * 2)));
    return t.table;
  })();
  const nSkillKeys = (maxSkill + 1) * BANDS;
  const maxInvE = new Float64Array(nSkillKeys);
  const maxInvO = new Float64Array(nSkillKeys);
  const vacancySpace = (nKeys: number, keysOf: (v: number, emit: (k: number) => void) => void) => {
    let count = 0;
    const counter = () => count++;
    for (let v = 0; v < V.n; v++) keysOf(v, counter);
    const tKey = new Int32Array(count);
    const tGroup = new Int32Array(count);
    const tSlot = new Int32Array(count);
    let i = 0;
    for (let v = 0; v < V.n; v++) {
      const m = V.muni[v]!;
      const cell = V.flags[v]! & 1 ? REMOTE_CELL : m >= 0 ? geoCell[m]! : NO_CELL;
      const code = groupCode(cell, 0, V.flags[v]! & 4 ? 1 : 0);
      keysOf(v, (k) => {
        tKey[i] = k;
        tGroup[i] = code;
        tSlot[i++] = v;
      });
    }
    return buildGrouped(nKeys, count, tKey, tGroup, tSlot, V.muni, null);
  };
  const vacancies = {
    ess: vacancySpace(nSkillKeys, (v, emit) => {
      const nE = V.nE[v]!;
      const b = band(nE);
      for (let q = V.skillStart[v]!; q < V.skillStart[v]! + nE; q++) {
        const key = V.skills[q]! * BANDS + b;
        if (1 / nE > maxInvE[key]!) maxInvE[key] = 1 / nE;
        emit(key);
      }
    }),
    opt: vacancySpace(nSkillKeys, (v, emit) => {
      const nO = V.nO[v]!;
      const b = band(nO);
      for (let q = V.skillStart[v]! + V.nE[v]!; q < V.skillStart[v + 1]!; q++) {
        const key = V.skills[q]! * BANDS + b;
        if (1 / nO > maxInvO[key]!) maxInvO[key] = 1 / nO;
        emit(key);
      }
    }),
    occ: vacancySpace(maxOcc + 1, (v, emit) => {
      if (V.occ[v]! >= 0) emit(V.occ[v]!);
    }),
    isco4: vacancySpace(10000, (v, emit) => {
      if (V.isco[v]! >= 0) emit(V.isco[v]!);
    }),
    isco3: vacancySpace(1000, (v, emit) => {
      if (V.isco[v]! >= 0) emit(Math.floor(V.isco[v]! / 10));
    }),
    maxInvE,
    maxInvO,
  };
  const personRecords = new Int32Array(P.flags.length * REC);
  const rec16 = new Uint16Array(personRecords.buffer);
  for (let s = 0; s < P.n; s++) {
    const start = P.skillStart[s]!;
    packRecord(personRecords, rec16, s, start, P.skillStart[s + 1]! - start, P.skills, {
      edu: P.edu[s]!,
      flags: P.flags[s]! | 0x80,
      occ: P.occ[s]!,
      isco: P.isco[s]!,
    });
  }
  return { raw, personTable: pTable, vacancyTable: vTable, people, vacancies, maxSkill, personRecords };
}

/** Packs a person's record (see MatchingEngine.pRec); flags include 0x80 for a live slot. */
function packRecord(
  rec: Int32Array,
  rec16: Uint16Array,
  s: number,
  start: number,
  len: number,
  pool: Int32Array,
  x: { edu: number; flags: number; occ: number; isco: number },
) {
  const o = s * REC;
  let inline = len <= REC_SKILLS;
  for (let q = start; inline && q < start + len; q++) if (pool[q]! > 0xffff) inline = false;
  rec[o] = start;
  rec[o + 1] = len | (x.edu << 16) | ((x.flags | (inline ? 0x40 : 0)) << 24);
  rec[o + 2] = x.occ;
  rec[o + 3] = x.isco;
  rec[o + 4] = 0;
  if (inline) for (let i = 0; i < len; i++) rec16[2 * (o + 5) + i] = pool[start + i]!;
}

/**
 * Per-slot arrays with room for the slots the incremental refresh appends (1/8 more, at least 1,024),
 * so the first refreshes after a build do not copy every array on the event loop. Skill and language
 * starts keep n + 1 meaningful entries; pools keep their length in the last start.
 */
function withHeadroom(r: RawData): RawData {
  const cap = (n: number) => n + Math.max(1024, n >> 3);
  const pad = <T extends Typed>(a: T, n: number): T => {
    const out = new (a.constructor as new (n: number) => T)(n);
    out.set(a.subarray(0, Math.min(a.length, n)) as unknown as ArrayLike<number> & T);
    return out;
  };
  const P = r.people;
  const V = r.vacancies;
  const cp = cap(P.n);
  const cv = cap(V.n);
  return {
    geo: r.geo,
    langCodes: r.langCodes,
    people: {
      n: P.n,
      ids: pad(P.ids, cp * 4),
      flags: pad(P.flags, cp),
      muni: pad(P.muni, cp),
      radius: pad(P.radius, cp),
      edu: pad(P.edu, cp),
      occ: pad(P.occ, cp),
      isco: pad(P.isco, cp),
      skillStart: pad(P.skillStart, cp + 1),
      skills: pad(P.skills, cap(P.skills.length)),
      langRanks: P.langRanks.map((a) => pad(a, cp)),
    },
    vacancies: {
      n: V.n,
      ids: pad(V.ids, cv * 4),
      flags: pad(V.flags, cv),
      muni: pad(V.muni, cv),
      edu: pad(V.edu, cv),
      occ: pad(V.occ, cv),
      isco: pad(V.isco, cv),
      nE: pad(V.nE, cv),
      nO: pad(V.nO, cv),
      skillStart: pad(V.skillStart, cv + 1),
      skills: pad(V.skills, cap(V.skills.length)),
      langStart: pad(V.langStart, cv + 1),
      langs: pad(V.langs, cap(V.langs.length)),
    },
  };
}

/** Collects inputs into column data (loaders, tests, benchmark). */
export class ColumnsBuilder {
  private geo = new Geo();
  private langIndex = new Map<string, number>();
  private p = {
    n: 0,
    ids: new Uint32Array(64),
    flags: new Uint8Array(16),
    muni: new Int32Array(16),
    radius: new Uint16Array(16),
    edu: new Uint8Array(16),
    occ: new Int32Array(16),
    isco: new Int32Array(16),
    skillStart: new Int32Array(17),
    skills: new IntList(64),
    langRanks: [] as Uint8Array[],
  };
  private v = {
    n: 0,
    ids: new Uint32Array(64),
    flags: new Uint8Array(16),
    muni: new Int32Array(16),
    edu: new Uint8Array(16),
    occ: new Int32Array(16),
    isco: new Int32Array(16),
    nE: new Uint16Array(16),
    nO: new Uint16Array(16),
    skillStart: new Int32Array(17),
    skills: new IntList(64),
    langStart: new Int32Array(17),
    langs: new IntList(16),
  };
  private lang(code: string) {
    let i = this.langIndex.get(code);
    if (i === undefined) {
      i = this.langIndex.size;
      this.langIndex.set(code, i);
      this.p.langRanks.push(new Uint8Array(this.p.flags.length));
    }
    return i;
  }
  addPerson(x: PersonInput) {
    const p = this.p;
    const s = p.n++;
    p.ids = grow(p.ids, p.n * 4);
    if (!parseUuid(x.id, p.ids, s * 4)) throw new Error(`matching: ids must be uuids (${x.id})`);
    if (p.n > p.flags.length) {
      p.flags = grow(p.flags, p.n);
      p.muni = grow(p.muni, p.n);
      p.radius = grow(p.radius, p.n);
      p.edu = grow(p.edu, p.n);
      p.occ = grow(p.occ, p.n);
      p.isco = grow(p.isco, p.n);
      p.langRanks = p.langRanks.map((a) => grow(a, p.flags.length));
    }
    p.skillStart = grow(p.skillStart, p.n + 1);
    p.flags[s] = (x.consent ? 1 : 0) | (x.available ? 2 : 0) | (x.priority ? 4 : 0);
    p.muni[s] = x.municipalityCode ? this.geo.add(x.municipalityCode, x.lat, x.lon) : -1;
    p.radius[s] = x.radiusKm ?? DEFAULT_RADIUS_KM;
    p.edu[s] = x.educationLevel ?? 0;
    p.occ[s] = x.occupationId ?? -1;
    p.isco[s] = iscoNum(x.iscoGroup);
    for (const k of sortedUnique(x.skills)) p.skills.push(k);
    p.skillStart[s + 1] = p.skills.length;
    for (const l of x.languages) {
      const arr = p.langRanks[this.lang(l.language)]!;
      arr[s] = Math.max(arr[s]!, CEFR_RANK[l.level] ?? 0);
    }
  }
  addVacancy(x: VacancyInput) {
    const v = this.v;
    const s = v.n++;
    v.ids = grow(v.ids, v.n * 4);
    if (!parseUuid(x.id, v.ids, s * 4)) throw new Error(`matching: ids must be uuids (${x.id})`);
    if (v.n > v.flags.length) {
      v.flags = grow(v.flags, v.n);
      v.muni = grow(v.muni, v.n);
      v.edu = grow(v.edu, v.n);
      v.occ = grow(v.occ, v.n);
      v.isco = grow(v.isco, v.n);
      v.nE = grow(v.nE, v.n);
      v.nO = grow(v.nO, v.n);
    }
    v.skillStart = grow(v.skillStart, v.n + 1);
    v.langStart = grow(v.langStart, v.n + 1);
    const eduMandatory = x.educationMandatory && !!x.educationLevel;
    v.flags[s] = (x.remote ? 1 : 0) | (eduMandatory ? 2 : 0) | (x.pledged ? 4 : 0);
    v.muni[s] = this.geo.add(x.municipalityCode, x.lat, x.lon);
    v.edu[s] = x.educationLevel ?? 0;
    v.occ[s] = x.occupationId;
    v.isco[s] = iscoNum(x.iscoGroup);
    const ess = sortedUnique(x.essential);
    const essSet = new Set(ess);
    const opt = sortedUnique(x.optional).filter((k) => !essSet.has(k));
    v.nE[s] = ess.length;
    v.nO[s] = opt.length;
    for (const k of ess) v.skills.push(k);
    for (const k of opt) v.skills.push(k);
    v.skillStart[s + 1] = v.skills.length;
    for (const l of x.mandatoryLanguages)
      v.langs.push(this.lang(l.language) * 8 + (CEFR_RANK[l.minLevel] ?? 0));
    v.langStart[s + 1] = v.langs.length;
  }
  finish(): RawData {
    const p = this.p;
    const v = this.v;
    return {
      geo: this.geo.data(),
      langCodes: [...this.langIndex.keys()],
      people: {
        n: p.n,
        ids: p.ids.slice(0, p.n * 4),
        flags: p.flags.slice(0, p.n),
        muni: p.muni.slice(0, p.n),
        radius: p.radius.slice(0, p.n),
        edu: p.edu.slice(0, p.n),
        occ: p.occ.slice(0, p.n),
        isco: p.isco.slice(0, p.n),
        skillStart: p.skillStart.slice(0, p.n + 1),
        skills: p.skills.data.slice(0, p.skills.length),
        langRanks: p.langRanks.map((a) => a.slice(0, p.n)),
      },
      vacancies: {
        n: v.n,
        ids: v.ids.slice(0, v.n * 4),
        flags: v.flags.slice(0, v.n),
        muni: v.muni.slice(0, v.n),
        edu: v.edu.slice(0, v.n),
        occ: v.occ.slice(0, v.n),
        isco: v.isco.slice(0, v.n),
        nE: v.nE.slice(0, v.n),
        nO: v.nO.slice(0, v.n),
        skillStart: v.skillStart.slice(0, v.n + 1),
        skills: v.skills.data.slice(0, v.skills.length),
        langStart: v.langStart.slice(0, v.n + 1),
        langs: v.langs.data.slice(0, v.langs.length),
      },
    };
  }
}

function sortedUnique(xs: readonly number[]): number[] {
  const a = Array.from(new Set(xs), Number).sort((x, y) => x - y);
  return a;
}

/**
 * Top-k min-heap on (score asc, id desc): the root is the worst kept result. Preallocated. Its state is
 * typed arrays only (scores, slots, the id words of the slots passed at reset, and st = [size, k]), so
 * the query kernels below take it as plain arrays: no closure over an engine, no object shape.
 */
class TopK {
  scores: Float64Array = new Float64Array(64);
  slots: Int32Array = new Int32Array(64);
  words: Uint32Array = new Uint32Array(0);
  /** [size, k] */
  st: Int32Array = new Int32Array(2);
  reset(k: number, words: Uint32Array) {
    if (k > this.scores.length) {
      this.scores = new Float64Array(k);
      this.slots = new Int32Array(k);
    }
    this.words = words;
    this.st[0] = 0;
    this.st[1] = k;
  }
  /** Best first. */
  sorted(): { slot: number; score: number }[] {
    const out: { slot: number; score: number }[] = [];
    for (let i = 0; i < this.st[0]!; i++) out.push({ slot: this.slots[i]!, score: this.scores[i]! });
    const w = this.words;
    return out.sort((a, b) => b.score - a.score || compareIds(w, a.slot, b.slot));
  }
}

/** Compares two slots' ids (uuid text order = the order of their 4 words). */
function compareIds(w: Uint32Array, a: number, b: number) {
  const oa = a * 4;
  const ob = b * 4;
  for (let i = 0; i < 4; i++) {
    const x = w[oa + i]!;
    const y = w[ob + i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Offers a result to a TopK heap given as its arrays (st = [size, k]). */
function heapOffer(
  scores: Float64Array,
  slots: Int32Array,
  w: Uint32Array,
  st: Int32Array,
  score: number,
  slot: number,
) {
  const k = st[1]!;
  const n = st[0]!;
  if (k === 0) return;
  // a is worse than b: a lower score, or the same score and the larger id.
  if (n < k) {
    let i = n;
    st[0] = n + 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const sp = scores[p]!;
      if (!(score < sp || (score === sp && compareIds(w, slot, slots[p]!) > 0))) break;
      scores[i] = sp;
      slots[i] = slots[p]!;
      i = p;
    }
    scores[i] = score;
    slots[i] = slot;
    return;
  }
  const s0 = scores[0]!;
  if (!(s0 < score || (s0 === score && compareIds(w, slots[0]!, slot) > 0))) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    let c = l;
    if (r < n) {
      const sr = scores[r]!;
      const sl = scores[l]!;
      if (sr < sl || (sr === sl && compareIds(w, slots[r]!, slots[l]!) > 0)) c = r;
    }
    const sc = scores[c]!;
    if (!(sc < score || (sc === score && compareIds(w, slots[c]!, slot) > 0))) break;
    scores[i] = sc;
    slots[i] = slots[c]!;
    i = c;
  }
  scores[i] = score;
  slots[i] = slot;
}

/** The occupation part: same occupation, same ISCO unit group, same minor group (see W). */
function closeness(occA: number, iscoA: number, occB: number, iscoB: number) {
  if (occA >= 0 && occA === occB) return W_OCCUPATION;
  if (iscoA >= 0 && iscoA === iscoB) return W_UNIT;
  if (iscoA >= 0 && iscoB >= 0 && Math.floor(iscoA / 10) === Math.floor(iscoB / 10)) return W_MINOR;
  return 0;
}

// ---- vacancy -> people query kernels ----
/*
 * The hot part of topPeople runs in the module-level functions below, which take typed arrays and
 * numbers only (the query's scalars in two small typed arrays, QI and QF). Their optimized code
 * depends on no object shape and embeds no object that can die, so neither a garbage collection nor
 * a deoptimization of topPeople (a path it had not met, a field it reads changing) sends the scan
 * back to the interpreter: they are compiled on their own, in milliseconds, and topPeople (which only
 * prepares the terms) runs them from whatever tier it is in. (Before, one large topPeople took the
 * optimizing compiler 100-350 ms in the background after each such event, while queries ran 5-20
 * times slower in the interpreter: the p99 at 1M people.)
 */
/** QI: int scalars of a vacancy query. */
const QI_NB = 0; // candidates in the batch
const QI_EPOCH = 1;
const QI_EDU = 2; // mandatory education level, 0 none
const QI_NE = 3;
const QI_NO = 4;
const QI_OCC = 5;
const QI_ISCO = 6;
const QI_ISCO3 = 7;
const QI_PLEDGED = 8;
const QI_REMOTE = 9;
const QI_NLANG = 10;
const QI_SI = 11; // skill terms before the current term
const QI_NSKILL = 12; // skill terms
const QI_BYISCO = 13; // 1 once the same-occupation term is done
const QI_SCANNED = 14;
const QI_SKIPPED = 15;
const QI_SCORED = 16;
const QI_WASTED = 17;
const QI_SIZE = 18;
/** QF: float scalars of a vacancy query. */
const QF_THETA = 0; // the k-th best score minus EPS once k are kept, else -1
const QF_B = 1; // the term's bound B (see the file comment)
const QF_CUMSI = 2; // cum[si]
const QF_OCCB = 3; // the largest remaining occupation bound
const QF_SIZE = 4;

/** Adds w to every byte value of the signature table that has the skill's bit set (see sigBit). */
function sigAdd(sigTab: Float64Array, skill: number, w: number) {
  const bit = sigBit(skill);
  const at = (bit >> 3) * 256;
  const m = 1 << (bit & 7);
  for (let x = 0; x < 256; x++) if (x & m) sigTab[at + x] = sigTab[at + x]! + w;
}

/** Entries of a key's base posting list that may be reachable from the vacancy (cellMin: none if remote). */
function baseTermLength(
  keyStart: Int32Array,
  gCell: Int32Array,
  gMaxR: Uint16Array,
  gStart: Int32Array,
  key: number,
  remote: boolean,
  cellMin: Float64Array,
) {
  if (key >= keyStart.length - 1) return 0;
  let n = 0;
  for (let g = keyStart[key]!; g < keyStart[key + 1]!; g++) {
    const c = gCell[g]!;
    if (!remote && c !== REMOTE_CELL && cellMin[c]! > gMaxR[g]!) continue;
    n += gStart[g + 1]! - gStart[g]!;
  }
  return n;
}

/**
 * Scans one term's delta list (slots appended since the bulk build, unsplit) for a vacancy query: the
 * distance filter and the count bound from the per-slot arrays; candidates join the batch.
 */
function scanPeopleDelta(
  qi: Int32Array,
  qf: Float64Array,
  data: Int32Array,
  len: number,
  pMuni: Int32Array,
  pRadius: Uint16Array,
  pFlags: Uint8Array,
  pSkillLen: Uint16Array,
  dist: Float64Array,
  cum: Float64Array,
  bSlot: Int32Array,
  bPart: Float64Array,
  bBound: Float64Array,
  rec: Int32Array,
  rec16: Uint16Array,
  ppool: Int32Array,
  qKind: Uint8Array,
  langArrays: Uint8Array[],
  langRanks: Int32Array,
  hScores: Float64Array,
  hSlots: Int32Array,
  words: Uint32Array,
  hst: Int32Array,
) {
  const remote = qi[QI_REMOTE] === 1;
  const pledged = qi[QI_PLEDGED] === 1;
  const si = qi[QI_SI]!;
  const nSkillTerms = qi[QI_NSKILL]!;
  const B = qf[QF_B]!;
  const cumSi = qf[QF_CUMSI]!;
  const occB = qf[QF_OCCB]!;
  for (let j = 0; j < len; j++) {
    const p = data[j]!;
    let dPart: number;
    if (remote) dPart = W_DISTANCE;
    else {
      const pm = pMuni[p]!;
      if (pm < 0) continue;
      const d = dist[pm]!;
      const r = pRadius[p]!;
      if (!(d <= r)) continue;
      dPart = r > 0 ? W_DISTANCE * (1 - d / r) : W_DISTANCE;
    }
    const pb = pledged && pFlags[p]! & 4 ? W_BOOST : 0;
    const theta = qf[QF_THETA]!;
    if (B + dPart + pb < theta) continue;
    const c = Math.min(si + pSkillLen[p]!, nSkillTerms);
    const bound = cum[c]! - cumSi + occB + dPart + pb;
    if (bound < theta) continue;
    const nb = qi[QI_NB]!;
    bSlot[nb] = p;
    bPart[nb] = dPart;
    bBound[nb] = bound;
    qi[QI_NB] = nb + 1;
    if (nb + 1 === BATCH)
      scorePeopleBatch(
        qi,
        qf,
        bSlot,
        bPart,
        bBound,
        rec,
        rec16,
        ppool,
        qKind,
        langArrays,
        langRanks,
        hScores,
        hSlots,
        words,
        hst,
      );
  }
}

/**
 * Scans one term's base posting list for a vacancy query: per group (cell, radius class, priority
 * flag) the group bound against the threshold, then per entry the distance filter and the entry
 * bounds (count, ISCO group, education, signature; see the file comment); candidates left go to the
 * batch, scored by scorePeopleBatch when it is full. The batch may be left partly filled.
 */
function scanPeopleTerm(
  qi: Int32Array,
  qf: Float64Array,
  keyStart: Int32Array,
  gCell: Int32Array,
  gFlag: Uint8Array,
  gMaxR: Uint16Array,
  gStart: Int32Array,
  ent: Uint32Array,
  key: number,
  cellMin: Float64Array,
  dist: Float64Array,
  cum: Float64Array,
  sigTab: Float64Array,
  bSlot: Int32Array,
  bPart: Float64Array,
  bBound: Float64Array,
  rec: Int32Array,
  rec16: Uint16Array,
  ppool: Int32Array,
  qKind: Uint8Array,
  langArrays: Uint8Array[],
  langRanks: Int32Array,
  hScores: Float64Array,
  hSlots: Int32Array,
  words: Uint32Array,
  hst: Int32Array,
) {
  const remote = qi[QI_REMOTE] === 1;
  const pledged = qi[QI_PLEDGED] === 1;
  const byIsco = qi[QI_BYISCO] === 1;
  const isco = qi[QI_ISCO]!;
  const isco3 = qi[QI_ISCO3]!;
  const si = qi[QI_SI]!;
  const nSkillTerms = qi[QI_NSKILL]!;
  const eduReq = qi[QI_EDU]!;
  const B = qf[QF_B]!;
  const cumSi = qf[QF_CUMSI]!;
  const occB = qf[QF_OCCB]!;
  let theta = qf[QF_THETA]!;
  let n = qi[QI_NB]!;
  let scanned = 0;
  let skipped = 0;
  for (let g = keyStart[key]!, gEnd = keyStart[key + 1]!; g < gEnd; g++) {
    let dMax = W_DISTANCE;
    if (!remote) {
      const cm = cellMin[gCell[g]!]!;
      const mr = gMaxR[g]!;
      if (cm > mr) continue; // nobody in the group lives within their radius of the vacancy
      if (mr > 0) dMax = W_DISTANCE * (1 - cm / mr);
    }
    const gb = pledged && gFlag[g] ? W_BOOST : 0;
    const gBound = B + dMax + gb;
    if (gBound < theta) {
      skipped++;
      continue;
    }
    const e0 = gStart[g]!;
    const e1 = gStart[g + 1]!;
    scanned += e1 - e0;
    for (let j = e0 * PE, jEnd = e1 * PE; j < jEnd; j += PE) {
      let dPart: number;
      if (remote) dPart = W_DISTANCE;
      else {
        const mr = ent[j + 1]!;
        const d = dist[mr & 0xffff]!;
        const r = mr >>> 16;
        if (!(d <= r)) continue; // NaN (no coordinates) fails too
        dPart = r > 0 ? W_DISTANCE * (1 - d / r) : W_DISTANCE;
      }
      const rest = dPart + gb;
      if (B + rest < theta) continue;
      const w4 = ent[j + 6]!;
      let ob = occB;
      if (byIsco) {
        const pi = (w4 >>> 16) - 1;
        const part = isco < 0 || pi < 0 ? 0 : pi === isco ? W_UNIT : ((pi / 10) | 0) === isco3 ? W_MINOR : 0;
        if (part < ob) ob = part;
      }
      const cnt = w4 & 255; // 255: 255 or more
      const c = cnt === 255 ? nSkillTerms : si + cnt;
      const cb = cum[c < nSkillTerms ? c : nSkillTerms]! - cumSi;
      if (cb + ob + rest < theta) continue;
      if (((w4 >>> 8) & 255) < eduReq) continue;
      // The skill part bounded by the signature (the remaining query skills whose bit is set).
      const s0 = ent[j + 2]!;
      const s1 = ent[j + 3]!;
      const s2 = ent[j + 4]!;
      const s3 = ent[j + 5]!;
      const sb =
        sigTab[s0 & 255]! +
        sigTab[256 + ((s0 >>> 8) & 255)]! +
        sigTab[512 + ((s0 >>> 16) & 255)]! +
        sigTab[768 + (s0 >>> 24)]! +
        sigTab[1024 + (s1 & 255)]! +
        sigTab[1280 + ((s1 >>> 8) & 255)]! +
        sigTab[1536 + ((s1 >>> 16) & 255)]! +
        sigTab[1792 + (s1 >>> 24)]! +
        sigTab[2048 + (s2 & 255)]! +
        sigTab[2304 + ((s2 >>> 8) & 255)]! +
        sigTab[2560 + ((s2 >>> 16) & 255)]! +
        sigTab[2816 + (s2 >>> 24)]! +
        sigTab[3072 + (s3 & 255)]! +
        sigTab[3328 + ((s3 >>> 8) & 255)]! +
        sigTab[3584 + ((s3 >>> 16) & 255)]! +
        sigTab[3840 + (s3 >>> 24)]!;
      const bound = (sb < cb ? sb : cb) + ob + rest;
      if (bound < theta) continue;
      bSlot[n] = ent[j]!;
      bPart[n] = dPart;
      bBound[n++] = bound;
      if (n === BATCH) {
        qi[QI_NB] = n;
        qf[QF_THETA] = theta;
        scorePeopleBatch(
          qi,
          qf,
          bSlot,
          bPart,
          bBound,
          rec,
          rec16,
          ppool,
          qKind,
          langArrays,
          langRanks,
          hScores,
          hSlots,
          words,
          hst,
        );
        n = 0;
        theta = qf[QF_THETA]!;
        if (gBound < theta) break; // the threshold rose above anything left in the group
      }
    }
  }
  qi[QI_NB] = n;
  qi[QI_SCANNED] = qi[QI_SCANNED]! + scanned;
  qi[QI_SKIPPED] = qi[QI_SKIPPED]! + skipped;
}

/**
 * Scores the batch of people candidates of a vacancy query (qi[QI_NB] of them): touches their records
 * (both cache lines a record may straddle; independent reads, so the cache misses overlap), then, for
 * those not met yet in this query (epoch) whose bound is not below the threshold (it may have risen
 * since the entry was read), their skill lists and language ranks, then scores them against the query
 * (qKind: 1 essential, 2 optional) and offers them to the heap. Updates the threshold, the counters
 * and empties the batch.
 */
function scorePeopleBatch(
  qi: Int32Array,
  qf: Float64Array,
  bSlot: Int32Array,
  bPart: Float64Array,
  bBound: Float64Array,
  rec: Int32Array,
  rec16: Uint16Array,
  ppool: Int32Array,
  qKind: Uint8Array,
  langArrays: Uint8Array[],
  langRanks: Int32Array,
  hScores: Float64Array,
  hSlots: Int32Array,
  words: Uint32Array,
  hst: Int32Array,
) {
  const nb = qi[QI_NB]!;
  const epoch = qi[QI_EPOCH]!;
  const nLang = qi[QI_NLANG]!;
  let theta = qf[QF_THETA]!;
  let x = 0;
  for (let i = 0; i < nb; i++) {
    const r0 = bSlot[i]! * REC;
    x ^= rec[r0]! ^ rec[r0 + REC - 1]!;
  }
  let m = 0;
  for (let i = 0; i < nb; i++) {
    const p = bSlot[i]!;
    const r0 = p * REC;
    if (rec[r0 + 4] === epoch || bBound[i]! < theta) continue;
    rec[r0 + 4] = epoch;
    const w1 = rec[r0 + 1]!;
    if (!(w1 & 0x80000000)) continue; // dead slot
    if ((w1 & 0x40000000) === 0 && w1 & 0xffff) x ^= ppool[rec[r0]!]!;
    for (let l = 0; l < nLang; l++) x ^= langArrays[l]![p]!;
    bSlot[m] = p;
    bPart[m] = bPart[i]!;
    bBound[m++] = bBound[i]!;
  }
  SINK[0] = x;
  const eduReq = qi[QI_EDU]!;
  const nE = qi[QI_NE]!;
  const nO = qi[QI_NO]!;
  const occ = qi[QI_OCC]!;
  const isco = qi[QI_ISCO]!;
  const pledged = qi[QI_PLEDGED] === 1;
  let scored = 0;
  let wasted = 0;
  for (let i = 0; i < m; i++) {
    if (bBound[i]! < theta) continue;
    const p = bSlot[i]!;
    const r0 = p * REC;
    const w1 = rec[r0 + 1]!;
    const flags = w1 >>> 24;
    if (eduReq && ((w1 >>> 16) & 0xff) < eduReq) continue;
    let l = 0;
    while (l < nLang && langArrays[l]![p]! >= langRanks[l]!) l++;
    if (l < nLang) continue; // a mandatory language below the level
    let e = 0;
    let o = 0;
    const n = w1 & 0xffff;
    if (flags & 0x40) {
      const u = 2 * (r0 + 5);
      for (let q = u; q < u + n; q++) {
        const kind = qKind[rec16[q]!]!;
        if (kind === 1) e++;
        else if (kind === 2) o++;
      }
    } else {
      const ps = rec[r0]!;
      for (let q = ps; q < ps + n; q++) {
        const kind = qKind[ppool[q]!]!;
        if (kind === 1) e++;
        else if (kind === 2) o++;
      }
    }
    scored++;
    const c = closeness(occ, isco, rec[r0 + 2]!, rec[r0 + 3]!);
    if (e === 0 && o === 0 && c === 0) continue;
    const boost = pledged && flags & 4 ? W_BOOST : 0;
    const score = roundScore(
      (nE ? (W_ESSENTIAL * e) / nE : 0) + (nO ? (W_OPTIONAL * o) / nO : 0) + c + bPart[i]! + boost,
    );
    if (score < theta) wasted++;
    heapOffer(hScores, hSlots, words, hst, score, p);
    if (hst[0]! >= hst[1]!) theta = hScores[0]! - EPS;
  }
  qi[QI_NB] = 0;
  qi[QI_SCORED] = qi[QI_SCORED]! + scored;
  qi[QI_WASTED] = qi[QI_WASTED]! + wasted;
  qf[QF_THETA] = theta;
}

/** Where a batch's touching reads go, so they are not optimized away. */
const SINK = new Int32Array(1);

/** Entries of a key's base list of vacancies reachable by a person (remote groups always). */
function vacancyTermLength(
  keyStart: Int32Array,
  gCell: Int32Array,
  gStart: Int32Array,
  key: number,
  placed: boolean,
  cellMin: Float64Array,
  r: number,
) {
  if (key >= keyStart.length - 1) return 0;
  let n = 0;
  for (let g = keyStart[key]!; g < keyStart[key + 1]!; g++) {
    const c = gCell[g]!;
    if (c !== REMOTE_CELL && (!placed || cellMin[c]! > r)) continue;
    n += gStart[g + 1]! - gStart[g]!;
  }
  return n;
}

const EMPTY_I32 = new Int32Array(0);
/** A term without a base list (see topVacancies). */
const EMPTY_GROUPED: GroupedData = {
  keyStart: new Int32Array(0),
  gCell: new Int32Array(0),
  gFlag: new Uint8Array(0),
  gMaxR: new Uint16Array(0),
  gStart: new Int32Array(0),
  eSlot: new Int32Array(0),
  eMuni: new Int32Array(0),
  ent: new Uint32Array(0),
};

// ---- person -> vacancies query kernels (like the vacancy -> people ones above) ----
/** PI: int scalars of a person query. */
const PI_EPOCH = 0;
const PI_EDU = 1; // the person's education level
const PI_PRIORITY = 2;
const PI_OCC = 3;
const PI_ISCO = 4;
const PI_RADIUS = 5;
const PI_PLACED = 6; // 1 when the person has a place with coordinates (dist, cellMin valid)
const PI_SCANNED = 7;
const PI_SCORED = 8;
const PI_SKIPPED = 9;
const PI_SIZE = 10;
/** PF: float scalars of a person query. */
const PF_THETA = 0;
const PF_B = 1;
const PF_SIZE = 2;

/**
 * Scans one term of a person query (its delta list, then its base groups) and scores the vacancies
 * met for the first time (seen/epoch): open, the person meets their mandatory education and
 * languages (pRanks: the person's rank per language index, -1 unknown), skills matched against the
 * person's (qKind 1), occupation closeness, distance part and boost; offers them to the heap.
 * key < 0: no base list. Typed arrays and numbers only (see scanPeopleTerm).
 */
function scanVacancyTerm(
  pi: Int32Array,
  pf: Float64Array,
  deltaData: Int32Array,
  deltaLen: number,
  keyStart: Int32Array,
  gCell: Int32Array,
  gFlag: Uint8Array,
  gStart: Int32Array,
  eSlot: Int32Array,
  eMuni: Int32Array,
  key: number,
  cellMin: Float64Array,
  dist: Float64Array,
  seen: Uint32Array,
  vAlive: Uint8Array,
  vFlags: Uint8Array,
  vMuni: Int32Array,
  vEdu: Uint8Array,
  vLangStart: Int32Array,
  vLangLen: Uint8Array,
  langPool: Int32Array,
  pRanks: Int32Array,
  vNE: Uint16Array,
  vNO: Uint16Array,
  vSkillStart: Int32Array,
  vSkillLen: Uint16Array,
  vpool: Int32Array,
  qKind: Uint8Array,
  vOcc: Int32Array,
  vIsco: Int32Array,
  hScores: Float64Array,
  hSlots: Int32Array,
  words: Uint32Array,
  hst: Int32Array,
) {
  const r = pi[PI_RADIUS]!;
  const placed = pi[PI_PLACED] === 1;
  const priority = pi[PI_PRIORITY] === 1;
  const B = pf[PF_B]!;
  let theta = pf[PF_THETA]!;
  let scanned = deltaLen;
  let skipped = 0;
  for (let j = 0; j < deltaLen; j++) {
    const v = deltaData[j]!;
    let dPart: number;
    if (vFlags[v]! & 1) dPart = W_DISTANCE;
    else {
      if (!placed) continue;
      const d = dist[vMuni[v]!]!;
      if (!(d <= r)) continue;
      dPart = r > 0 ? W_DISTANCE * (1 - d / r) : W_DISTANCE;
    }
    if (B + dPart + (priority && vFlags[v]! & 4 ? W_BOOST : 0) < theta) continue;
    theta = considerVacancy(
      v,
      dPart,
      theta,
      pi,
      seen,
      vAlive,
      vFlags,
      vEdu,
      vLangStart,
      vLangLen,
      langPool,
      pRanks,
      vNE,
      vNO,
      vSkillStart,
      vSkillLen,
      vpool,
      qKind,
      vOcc,
      vIsco,
      hScores,
      hSlots,
      words,
      hst,
    );
  }
  if (key >= 0) {
    for (let g = keyStart[key]!, gEnd = keyStart[key + 1]!; g < gEnd; g++) {
      const cell = gCell[g]!;
      const isRemote = cell === REMOTE_CELL;
      let dMax = W_DISTANCE;
      if (!isRemote) {
        if (!placed) continue;
        const cm = cellMin[cell]!;
        if (cm > r) continue;
        if (r > 0) dMax = W_DISTANCE * (1 - cm / r);
      }
      const gb = priority && gFlag[g] ? W_BOOST : 0;
      const gBound = B + dMax + gb;
      if (gBound < theta) {
        skipped++;
        continue;
      }
      const e0 = gStart[g]!;
      const e1 = gStart[g + 1]!;
      scanned += e1 - e0;
      for (let j = e0; j < e1; j++) {
        let dPart: number;
        if (isRemote) dPart = W_DISTANCE;
        else {
          const d = dist[eMuni[j]!]!;
          if (!(d <= r)) continue;
          dPart = r > 0 ? W_DISTANCE * (1 - d / r) : W_DISTANCE;
        }
        if (B + dPart + gb < theta) continue;
        theta = considerVacancy(
          eSlot[j]!,
          dPart,
          theta,
          pi,
          seen,
          vAlive,
          vFlags,
          vEdu,
          vLangStart,
          vLangLen,
          langPool,
          pRanks,
          vNE,
          vNO,
          vSkillStart,
          vSkillLen,
          vpool,
          qKind,
          vOcc,
          vIsco,
          hScores,
          hSlots,
          words,
          hst,
        );
        if (gBound < theta) break;
      }
    }
  }
  pf[PF_THETA] = theta;
  pi[PI_SCANNED] = pi[PI_SCANNED]! + scanned;
  pi[PI_SKIPPED] = pi[PI_SKIPPED]! + skipped;
}

/** Scores vacancy v for the person of a query if not met yet (see scanVacancyTerm); returns the threshold. */
function considerVacancy(
  v: number,
  dPart: number,
  theta: number,
  pi: Int32Array,
  seen: Uint32Array,
  vAlive: Uint8Array,
  vFlags: Uint8Array,
  vEdu: Uint8Array,
  vLangStart: Int32Array,
  vLangLen: Uint8Array,
  langPool: Int32Array,
  pRanks: Int32Array,
  vNE: Uint16Array,
  vNO: Uint16Array,
  vSkillStart: Int32Array,
  vSkillLen: Uint16Array,
  vpool: Int32Array,
  qKind: Uint8Array,
  vOcc: Int32Array,
  vIsco: Int32Array,
  hScores: Float64Array,
  hSlots: Int32Array,
  words: Uint32Array,
  hst: Int32Array,
): number {
  const epoch = pi[PI_EPOCH]!;
  if (seen[v] === epoch) return theta;
  seen[v] = epoch;
  if (!vAlive[v]) return theta;
  const f = vFlags[v]!;
  if (f & 2 && pi[PI_EDU]! < vEdu[v]!) return theta;
  const nl = vLangLen[v]!;
  if (nl) {
    const ls = vLangStart[v]!;
    for (let i = ls; i < ls + nl; i++) {
      const rank = pRanks[langPool[i]! >> 3]!;
      if (rank < 0 || rank < (langPool[i]! & 7)) return theta;
    }
  }
  const nE = vNE[v]!;
  const nO = vNO[v]!;
  let e = 0;
  let o = 0;
  const vs = vSkillStart[v]!;
  for (let q = 0, n2 = vSkillLen[v]!; q < n2; q++) {
    if (qKind[vpool[vs + q]!] === 1) {
      if (q < nE) e++;
      else o++;
    }
  }
  pi[PI_SCORED] = pi[PI_SCORED]! + 1;
  const c = closeness(vOcc[v]!, vIsco[v]!, pi[PI_OCC]!, pi[PI_ISCO]!);
  if (e === 0 && o === 0 && c === 0) return theta;
  const boost = pi[PI_PRIORITY] === 1 && f & 4 ? W_BOOST : 0;
  const score = roundScore(
    (nE ? (W_ESSENTIAL * e) / nE : 0) + (nO ? (W_OPTIONAL * o) / nO : 0) + c + dPart + boost,
  );
  heapOffer(hScores, hSlots, words, hst, score, v);
  return hst[0]! >= hst[1]! ? hScores[0]! - EPS : theta;
}

/**
 * Work counters of the last query (see MatchingEngine.stats). One object per engine, of its own class,
 * written in place: an object literal would share its hidden class with any caller's object of the same
 * keys, and a caller writing to one (a benchmark summing them) would invalidate the optimized query
 * code that creates them.
 */
export class QueryStats {
  scanned = 0;
  scored = 0;
  lists = 0;
  listsUsed = 0;
  groupsSkipped = 0;
  wasted = 0;
  set(
    scanned: number,
    scored: number,
    lists: number,
    listsUsed: number,
    groupsSkipped: number,
    wasted: number,
  ) {
    this.scanned = scanned;
    this.scored = scored;
    this.lists = lists;
    this.listsUsed = listsUsed;
    this.groupsSkipped = groupsSkipped;
    this.wasted = wasted;
  }
}

interface Term {
  space: Space;
  key: number;
  /** The skill of a skill term (a record matches one term per skill at most), -1 for occupation terms. */
  skill: number;
  ub: number;
  occ: boolean;
  length: number;
}

export interface Hit {
  id: string;
  slot: number;
  score: number;
}

export class MatchingEngine {
  geo = new Geo();
  /**
   * Work counters of the last query (benchmark diagnostics): posting entries scanned, candidates scored
   * in full, terms and terms processed, groups skipped whole, and (vacancy queries) scored candidates
   * that stayed below the threshold (what tighter bounds would save).
   */
  readonly stats = new QueryStats();
  langIndex = new Map<string, number>();

  // ---- people (slots) ----
  personIds = new IdTable();
  peopleAlive = 0;
  pAlive: Uint8Array = new Uint8Array(16);
  pFlags: Uint8Array = new Uint8Array(16); // 1 consent, 2 available, 4 priority
  pMuni: Int32Array = new Int32Array(16);
  pRadius: Uint16Array = new Uint16Array(16);
  pEdu: Uint8Array = new Uint8Array(16);
  pOcc: Int32Array = new Int32Array(16);
  pIsco: Int32Array = new Int32Array(16);
  pSkillStart: Int32Array = new Int32Array(16);
  pSkillLen: Uint16Array = new Uint16Array(16);
  pSkillPool = new IntList(64);
  /** Per language index: the person's rank (CEFR 1..7, 0 none). */
  pLang: Uint8Array[] = [];
  /**
   * Everything a vacancy query reads per candidate, REC words (64 bytes) per slot so a candidate costs
   * one or two adjacent cache lines and no other random read (see REC): skill start in the pool;
   * skill count | education << 16 | (flags | 0x80 alive | 0x40 skills inline) << 24; occupation; ISCO
   * group; the epoch of the last query that met the slot; then up to REC_SKILLS skill ids as 16-bit
   * halves (pRec16), when they all fit (else the pool is read).
   */
  pRec: Int32Array = new Int32Array(REC * 16);
  pRec16: Uint16Array = new Uint16Array(this.pRec.buffer);
  private pEpoch = 0;
  pSkill = new Space(null);
  pOccP = new Space(null);
  pIsco4 = new Space(null);
  pIsco3 = new Space(null);

  // ---- vacancies (slots) ----
  vacancyIds = new IdTable();
  vacanciesAlive = 0;
  vAlive: Uint8Array = new Uint8Array(16);
  vFlags: Uint8Array = new Uint8Array(16); // 1 remote, 2 education mandatory, 4 pledged
  vMuni: Int32Array = new Int32Array(16);
  vEdu: Uint8Array = new Uint8Array(16);
  vOcc: Int32Array = new Int32Array(16);
  vIsco: Int32Array = new Int32Array(16);
  vNE: Uint16Array = new Uint16Array(16);
  vNO: Uint16Array = new Uint16Array(16);
  vSkillStart: Int32Array = new Int32Array(16);
  vSkillLen: Uint16Array = new Uint16Array(16); // essential first, then optional
  vSkillPool = new IntList(64);
  vLangStart: Int32Array = new Int32Array(16);
  vLangLen: Uint8Array = new Uint8Array(16);
  vLangPool = new IntList(16); // language index * 8 + minimum rank
  vSeen: Uint32Array = new Uint32Array(16);
  private vEpoch = 0;
  vEss = new Space(null);
  vOpt = new Space(null);
  vOccV = new Space(null);
  vIsco4 = new Space(null);
  vIsco3 = new Space(null);
  /** Per (skill, band of the vacancy's skill count): max 1/|E| (1/|O|) over the list: its score bound. */
  maxInvE: Float64Array = new Float64Array(16);
  maxInvO: Float64Array = new Float64Array(16);

  // per-query scratch, reset after each query
  private qKind: Uint8Array = new Uint8Array(16); // 1 essential (or held), 2 optional
  /**
   * Per byte of a skill signature (16 x 256): the summed weights of the query skills whose bit is set
   * in that byte value, so 16 lookups bound a person's skill part (see sigBit).
   */
  private sigTab = new Float64Array(16 * 256);
  private peopleTop = new TopK();
  /** Candidates of a vacancy query scored in one batch (see topPeople). */
  private bSlot = new Int32Array(BATCH);
  private bPart = new Float64Array(BATCH);
  private bBound = new Float64Array(BATCH);
  /** A vacancy query's scalars for the kernels (see QI_*, QF_*). */
  private qi = new Int32Array(QI_SIZE);
  private qf = new Float64Array(QF_SIZE);
  /** A vacancy query's mandatory languages: the rank arrays (kept an array of one element kind) and minimum ranks. */
  private qLangs: Uint8Array[] = [new Uint8Array(0)];
  private qLangRanks = new Int32Array(256);
  /** A person query's scalars for the kernels (see PI_*, PF_*), and the person's rank per language index. */
  private pi = new Int32Array(PI_SIZE);
  private pf = new Float64Array(PF_SIZE);
  private pRanks = new Int32Array(16);
  private vacancyTop = new TopK();

  /** An engine over a bulk-built index (zero-copy: the arrays are adopted). */
  static fromIndex(ix: EngineIndex): MatchingEngine {
    const e = new MatchingEngine();
    const R = ix.raw;
    e.geo = Geo.from(R.geo);
    R.langCodes.forEach((c, i) => e.langIndex.set(c, i));
    const P = R.people;
    e.personIds = IdTable.from({ n: P.n, words: P.ids, table: ix.personTable });
    e.peopleAlive = P.n;
    const cp = P.flags.length; // capacity (see withHeadroom)
    e.pAlive = new Uint8Array(cp).fill(1, 0, P.n);
    e.pFlags = P.flags;
    e.pMuni = P.muni;
    e.pRadius = P.radius;
    e.pEdu = P.edu;
    e.pOcc = P.occ;
    e.pIsco = P.isco;
    e.pSkillStart = P.skillStart.subarray(0, cp);
    e.pSkillLen = new Uint16Array(cp);
    for (let s = 0; s < P.n; s++) e.pSkillLen[s] = P.skillStart[s + 1]! - P.skillStart[s]!;
    e.pSkillPool = IntList.of(P.skills, P.skillStart[P.n]!);
    e.pLang = arrayList(P.langRanks);
    e.pRec = ix.personRecords;
    e.pRec16 = new Uint16Array(e.pRec.buffer);
    e.pSkill = new Space(ix.people.skill);
    e.pOccP = new Space(ix.people.occ);
    e.pIsco4 = new Space(ix.people.isco4);
    e.pIsco3 = new Space(ix.people.isco3);
    const V = R.vacancies;
    e.vacancyIds = IdTable.from({ n: V.n, words: V.ids, table: ix.vacancyTable });
    e.vacanciesAlive = V.n;
    const cv = V.flags.length;
    e.vAlive = new Uint8Array(cv).fill(1, 0, V.n);
    e.vFlags = V.flags;
    e.vMuni = V.muni;
    e.vEdu = V.edu;
    e.vOcc = V.occ;
    e.vIsco = V.isco;
    e.vNE = V.nE;
    e.vNO = V.nO;
    e.vSkillStart = V.skillStart.subarray(0, cv);
    e.vSkillLen = new Uint16Array(cv);
    for (let s = 0; s < V.n; s++) e.vSkillLen[s] = V.skillStart[s + 1]! - V.skillStart[s]!;
    e.vSkillPool = IntList.of(V.skills, V.skillStart[V.n]!);
    e.vLangStart = V.langStart.subarray(0, cv);
    e.vLangLen = new Uint8Array(cv);
    for (let s = 0; s < V.n; s++) e.vLangLen[s] = V.langStart[s + 1]! - V.langStart[s]!;
    e.vLangPool = IntList.of(V.langs, V.langStart[V.n]!);
    e.vSeen = new Uint32Array(cv);
    e.vEss = new Space(ix.vacancies.ess);
    e.vOpt = new Space(ix.vacancies.opt);
    e.vOccV = new Space(ix.vacancies.occ);
    e.vIsco4 = new Space(ix.vacancies.isco4);
    e.vIsco3 = new Space(ix.vacancies.isco3);
    e.maxInvE = ix.vacancies.maxInvE;
    e.maxInvO = ix.vacancies.maxInvO;
    e.qKind = new Uint8Array(ix.maxSkill + 1);
    if (!MatchingEngine.warmed && P.n >= 10_000) {
      MatchingEngine.warmed = true;
      MatchingEngine.warmSynthetic();
      e.warm();
    }
    return e;
  }

  /**
   * Runs queries on a small private engine made to meet every path of the query code: bulk and delta
   * (appended) postings, dead slots, remote work, pledged vacancies and priority people, mandatory
   * education and languages, people without a place or coordinates, skill lists too long to be inline,
   * full batches and a rising threshold. A path the optimized code has not met when a real query
   * takes it is a deoptimization (and, before the kernels above, 100-350 ms of slow queries while the
   * optimizing compiler redid topPeople); a real engine after a bulk build has no delta postings yet,
   * so warm() on it alone cannot meet them. Deterministic; about 150-250 ms; results are unchanged.
   */
  static warmSynthetic(rounds = 1) {
    const rnd = prng(12345);
    const int = (n: number) => Math.floor(rnd() * n);
    const hex = (w: number) => (w >>> 0).toString(16).padStart(8, '0');
    const uuid = () => {
      const a = hex(int(2 ** 32));
      const b = hex(int(2 ** 32));
      const c = hex(int(2 ** 32));
      const d = hex(int(2 ** 32));
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
    };
    const munis = Array.from({ length: 40 }, (_, i) => ({
      code: `W${i}`,
      lat: i === 39 ? null : 45 + rnd() * 1.5,
      lon: i === 39 ? null : 8.5 + rnd() * 2.5,
    }));
    const occs = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      isco: i % 7 === 6 ? null : String(2100 + (i % 12) * 10 + (i % 3)),
      skills: Array.from({ length: 40 }, () => 1 + int(300)),
    }));
    const levels = ['A2', 'B1', 'B2', 'C1', 'native'];
    const person = (): PersonInput => {
      const o = occs[int(occs.length)]!;
      const m = munis[int(munis.length)]!;
      const n = rnd() < 0.15 ? 25 + int(15) : 3 + int(18);
      const skills = Array.from({ length: n }, () =>
        rnd() < 0.8 ? o.skills[int(o.skills.length)]! : 1 + int(300),
      );
      const languages = [{ language: 'it', level: levels[int(levels.length)]! }];
      if (rnd() < 0.4) languages.push({ language: 'en', level: levels[int(levels.length)]! });
      const placed = rnd() < 0.95;
      return {
        id: uuid(),
        municipalityCode: placed ? m.code : null,
        lat: placed ? m.lat : null,
        lon: placed ? m.lon : null,
        radiusKm: [0, 5, 10, 20, 30, 50, 80][int(7)]!,
        educationLevel: rnd() < 0.1 ? null : 1 + int(7),
        occupationId: rnd() < 0.7 ? o.id : null,
        iscoGroup: rnd() < 0.7 ? o.isco : null,
        consent: rnd() < 0.9,
        available: rnd() < 0.8,
        priority: rnd() < 0.3,
        skills,
        languages,
      };
    };
    const vacancy = (): VacancyInput => {
      const o = occs[int(occs.length)]!;
      const m = munis[int(munis.length - 1)]!;
      const mandatoryEdu = rnd() < 0.3;
      const pick = (n: number) => Array.from({ length: n }, () => o.skills[int(o.skills.length)]!);
      return {
        id: uuid(),
        municipalityCode: m.code,
        lat: m.lat,
        lon: m.lon,
        remote: rnd() < 0.1,
        educationLevel: mandatoryEdu ? 2 + int(5) : null,
        educationMandatory: mandatoryEdu,
        occupationId: o.id,
        iscoGroup: o.isco,
        pledged: rnd() < 0.3,
        essential: pick(1 + int(rnd() < 0.2 ? 40 : 12)),
        optional: pick(int(12)),
        mandatoryLanguages: rnd() < 0.3 ? [{ language: rnd() < 0.7 ? 'it' : 'en', minLevel: 'B1' }] : [],
      };
    };
    const people = Array.from({ length: 1200 }, person);
    const vacancies = Array.from({ length: 150 }, vacancy);
    const e = MatchingEngine.build(people, vacancies);
    // Changes: delta postings and dead slots.
    for (let i = 0; i < 120; i++) {
      const p = people[int(people.length)]!;
      e.upsertPerson(p.id, i % 10 === 0 ? null : { ...person(), id: p.id });
    }
    for (let i = 0; i < 500; i++) {
      const p = person();
      people.push(p);
      e.upsertPerson(p.id, p);
    }
    for (let i = 0; i < 30; i++) {
      const v = vacancies[int(vacancies.length)]!;
      e.upsertVacancy(v.id, i % 10 === 0 ? null : { ...vacancy(), id: v.id });
    }
    // k = 10 too: a full heap early, so the threshold prunes groups and entries.
    for (let r = 0; r < rounds; r++) {
      for (let v = 0; v < e.vacancySlots; v++) if (e.vAlive[v]) e.topPeople(v, v % 3 === 0 ? 10 : 50);
      for (let p = r; p < e.personSlots; p += 6) if (e.pAlive[p]) e.topVacancies(p, p % 3 === 0 ? 10 : 50);
    }
  }

  /** Whether an engine of this process has run warm() (the JIT's work is shared by every engine). */
  private static warmed = false;

  /**
   * Runs vacancy and person queries spread over the slots for up to `budgetMs`, so the optimizing
   * compiler has compiled the query code, with this engine's data, before the first real query (cold,
   * a query runs 5-20 times slower). fromIndex calls it, after warmSynthetic (which meets the paths a
   * freshly built engine cannot: delta postings, dead slots), for the first engine of the process with
   * at least 10,000 people: one stall of about half a second at start; results are unchanged.
   */
  warm(budgetMs = 250) {
    const t0 = performance.now();
    const nv = this.vacancyIds.n;
    const np = this.personIds.n;
    if (nv === 0 || np === 0) return;
    const stepV = Math.max(1, Math.floor(nv / 997));
    const stepP = Math.max(1, Math.floor(np / 997));
    for (let i = 0; i < 3000 && performance.now() - t0 < budgetMs; i++) {
      const v = (i * stepV) % nv;
      if (this.vAlive[v]) this.topPeople(v, 50);
      const p = (i * stepP) % np;
      if (this.pAlive[p]) this.topVacancies(p, 50);
    }
  }

  /** Bulk build in this thread (tests, small data). */
  static build(people: Iterable<PersonInput>, vacancies: Iterable<VacancyInput>): MatchingEngine {
    const b = new ColumnsBuilder();
    for (const p of people) b.addPerson(p);
    for (const v of vacancies) b.addVacancy(v);
    return MatchingEngine.fromIndex(buildIndex(b.finish()));
  }

  // ------------------------------------------------------------------------------------------
  // Ids
  // ------------------------------------------------------------------------------------------

  /** The live slot of a person id, or undefined. */
  personSlotOf(id: string): number | undefined {
    const s = this.personIds.find(id);
    return s >= 0 && this.pAlive[s] ? s : undefined;
  }
  vacancySlotOf(id: string): number | undefined {
    const s = this.vacancyIds.find(id);
    return s >= 0 && this.vAlive[s] ? s : undefined;
  }
  personId(slot: number) {
    return this.personIds.id(slot);
  }
  vacancyId(slot: number) {
    return this.vacancyIds.id(slot);
  }
  get personSlots() {
    return this.personIds.n;
  }
  get vacancySlots() {
    return this.vacancyIds.n;
  }

  // ------------------------------------------------------------------------------------------
  // Writes (incremental)
  // ------------------------------------------------------------------------------------------

  private ensureSkill(id: number) {
    if (id >= this.qKind.length) this.qKind = grow(this.qKind, id + 1);
  }
  private lang(code: string) {
    let i = this.langIndex.get(code);
    if (i === undefined) {
      i = this.langIndex.size;
      this.langIndex.set(code, i);
      this.pLang.push(new Uint8Array(this.pAlive.length));
    }
    return i;
  }

  private packPerson(s: number) {
    packRecord(this.pRec, this.pRec16, s, this.pSkillStart[s]!, this.pSkillLen[s]!, this.pSkillPool.data, {
      edu: this.pEdu[s]!,
      flags: this.pFlags[s]! | (this.pAlive[s] ? 0x80 : 0),
      occ: this.pOcc[s]!,
      isco: this.pIsco[s]!,
    });
  }

  /** Adds or replaces a person (a removal when `p` is null). */
  upsertPerson(id: string, p: PersonInput | null) {
    const old = this.personIds.find(id);
    if (old >= 0 && this.pAlive[old]) {
      this.pAlive[old] = 0;
      this.pRec[old * REC + 1]! &= ~(0x80 << 24);
      this.peopleAlive--;
    }
    if (!p) return;
    const s = this.personIds.append(id);
    const n = s + 1;
    if (n > this.pAlive.length) {
      this.pAlive = grow(this.pAlive, n);
      this.pFlags = grow(this.pFlags, n);
      this.pMuni = grow(this.pMuni, n);
      this.pRadius = grow(this.pRadius, n);
      this.pEdu = grow(this.pEdu, n);
      this.pOcc = grow(this.pOcc, n);
      this.pIsco = grow(this.pIsco, n);
      this.pSkillStart = grow(this.pSkillStart, n);
      this.pSkillLen = grow(this.pSkillLen, n);
      this.pLang = arrayList(this.pLang.map((a) => grow(a, this.pAlive.length)));
    }
    this.pAlive[s] = 1;
    this.peopleAlive++;
    this.pFlags[s] = (p.consent ? 1 : 0) | (p.available ? 2 : 0) | (p.priority ? 4 : 0);
    this.pMuni[s] = p.municipalityCode ? this.geo.add(p.municipalityCode, p.lat, p.lon) : -1;
    this.pRadius[s] = p.radiusKm ?? DEFAULT_RADIUS_KM;
    this.pEdu[s] = p.educationLevel ?? 0;
    this.pOcc[s] = p.occupationId ?? -1;
    const isco = iscoNum(p.iscoGroup);
    this.pIsco[s] = isco;
    const skills = sortedUnique(p.skills);
    this.pSkillStart[s] = this.pSkillPool.length;
    this.pSkillLen[s] = skills.length;
    for (const k of skills) {
      this.ensureSkill(k);
      this.pSkillPool.push(k);
    }
    for (const arr of this.pLang) arr[s] = 0;
    for (const l of p.languages) {
      const arr = this.pLang[this.lang(l.language)]!;
      arr[s] = Math.max(arr[s]!, CEFR_RANK[l.level] ?? 0);
    }
    if (this.pRec.length < this.pAlive.length * REC) {
      this.pRec = grow(this.pRec, this.pAlive.length * REC);
      this.pRec16 = new Uint16Array(this.pRec.buffer);
    }
    this.packPerson(s);
    // Only people who may be proposed (consent and available) enter the posting lists: the others can
    // never be a vacancy's candidate, and their own ranking reads their slot directly.
    if (p.consent && p.available) {
      for (const k of skills) this.pSkill.add(k, s);
      this.pOccP.add(this.pOcc[s]!, s);
      this.pIsco4.add(isco, s);
      this.pIsco3.add(isco >= 0 ? Math.floor(isco / 10) : -1, s);
    }
  }

  /** Adds or replaces a vacancy; `v` null (or not open) removes it. */
  upsertVacancy(id: string, v: VacancyInput | null) {
    const old = this.vacancyIds.find(id);
    if (old >= 0 && this.vAlive[old]) {
      this.vAlive[old] = 0;
      this.vacanciesAlive--;
    }
    if (!v) return;
    const s = this.vacancyIds.append(id);
    const n = s + 1;
    if (n > this.vAlive.length) {
      this.vAlive = grow(this.vAlive, n);
      this.vFlags = grow(this.vFlags, n);
      this.vMuni = grow(this.vMuni, n);
      this.vEdu = grow(this.vEdu, n);
      this.vOcc = grow(this.vOcc, n);
      this.vIsco = grow(this.vIsco, n);
      this.vNE = grow(this.vNE, n);
      this.vNO = grow(this.vNO, n);
      this.vSkillStart = grow(this.vSkillStart, n);
      this.vSkillLen = grow(this.vSkillLen, n);
      this.vLangStart = grow(this.vLangStart, n);
      this.vLangLen = grow(this.vLangLen, n);
      this.vSeen = grow(this.vSeen, n);
    }
    this.vAlive[s] = 1;
    this.vacanciesAlive++;
    const eduMandatory = v.educationMandatory && !!v.educationLevel;
    this.vFlags[s] = (v.remote ? 1 : 0) | (eduMandatory ? 2 : 0) | (v.pledged ? 4 : 0);
    this.vMuni[s] = this.geo.add(v.municipalityCode, v.lat, v.lon);
    this.vEdu[s] = v.educationLevel ?? 0;
    this.vOcc[s] = v.occupationId;
    const isco = iscoNum(v.iscoGroup);
    this.vIsco[s] = isco;
    const ess = sortedUnique(v.essential);
    const essSet = new Set(ess);
    const opt = sortedUnique(v.optional).filter((k) => !essSet.has(k));
    this.vNE[s] = ess.length;
    this.vNO[s] = opt.length;
    this.vSkillStart[s] = this.vSkillPool.length;
    this.vSkillLen[s] = ess.length + opt.length;
    const bE = band(ess.length);
    const bO = band(opt.length);
    for (const k of ess) {
      this.ensureSkill(k);
      this.vSkillPool.push(k);
      const key = k * BANDS + bE;
      this.vEss.add(key, s);
      this.maxInvE = grow(this.maxInvE, key + 1);
      this.maxInvE[key] = Math.max(this.maxInvE[key]!, 1 / ess.length);
    }
    for (const k of opt) {
      this.ensureSkill(k);
      this.vSkillPool.push(k);
      const key = k * BANDS + bO;
      this.vOpt.add(key, s);
      this.maxInvO = grow(this.maxInvO, key + 1);
      this.maxInvO[key] = Math.max(this.maxInvO[key]!, 1 / opt.length);
    }
    this.vOccV.add(v.occupationId, s);
    this.vIsco4.add(isco, s);
    this.vIsco3.add(isco >= 0 ? Math.floor(isco / 10) : -1, s);
    this.vLangStart[s] = this.vLangPool.length;
    this.vLangLen[s] = v.mandatoryLanguages.length;
    for (const l of v.mandatoryLanguages)
      this.vLangPool.push(this.lang(l.language) * 8 + (CEFR_RANK[l.minLevel] ?? 0));
  }

  /** Share of dead slots (changed or removed records): rebuild when it grows large. */
  deadRatio() {
    const total = this.personIds.n + this.vacancyIds.n;
    return total === 0 ? 0 : 1 - (this.peopleAlive + this.vacanciesAlive) / total;
  }

  /** Posting entries appended since the bulk build, over the bulk-built ones (unsplit lists are slower). */
  deltaRatio() {
    let base = 0;
    let delta = 0;
    for (const s of this.spaces()) {
      base += s.baseEntries();
      delta += s.deltaEntries;
    }
    return base === 0 ? (delta > 0 ? 1 : 0) : delta / base;
  }

  private spaces() {
    return [
      this.pSkill,
      this.pOccP,
      this.pIsco4,
      this.pIsco3,
      this.vEss,
      this.vOpt,
      this.vOccV,
      this.vIsco4,
      this.vIsco3,
    ];
  }

  memoryBytes() {
    const arrays: Typed[] = [
      this.pAlive,
      this.pFlags,
      this.pMuni,
      this.pRadius,
      this.pEdu,
      this.pOcc,
      this.pIsco,
      this.pSkillStart,
      this.pSkillLen,
      this.pRec,
      this.pSkillPool.data,
      ...this.pLang,
      this.personIds.words,
      this.personIds.table,
      this.vAlive,
      this.vFlags,
      this.vMuni,
      this.vEdu,
      this.vOcc,
      this.vIsco,
      this.vNE,
      this.vNO,
      this.vSkillStart,
      this.vSkillLen,
      this.vSkillPool.data,
      this.vLangStart,
      this.vLangLen,
      this.vLangPool.data,
      this.vSeen,
      this.vacancyIds.words,
      this.vacancyIds.table,
      this.maxInvE,
      this.maxInvO,
      this.qKind,
    ];
    let b = 0;
    for (const a of arrays) b += a.byteLength;
    for (const s of this.spaces()) b += s.bytes();
    return b;
  }

  // ------------------------------------------------------------------------------------------
  // Queries
  // ------------------------------------------------------------------------------------------

  private closeness(occA: number, iscoA: number, occB: number, iscoB: number) {
    return closeness(occA, iscoA, occB, iscoB);
  }

  /**
   * Sorts the terms (bound desc, then shorter first) and returns the suffix bounds: suf[i] bounds the
   * skill and occupation parts of a record held only by terms i..end. Skill parts: per skill, the
   * largest bound among its remaining terms (a vacancy sits in one band of a skill, as essential or
   * optional, never both), summed over skills; occupation: the largest remaining occupation bound.
   */
  private prepareTerms(terms: Term[], rank: (t: Term) => number = () => 0) {
    terms.sort((a, b) => rank(a) - rank(b) || b.ub - a.ub || a.length - b.length);
    const nT = terms.length;
    const suf = new Float64Array(nT + 1);
    const best = new Map<number, number>();
    let skill = 0;
    let occ = 0;
    for (let i = nT - 1; i >= 0; i--) {
      const t = terms[i]!;
      if (t.occ) occ = Math.max(occ, t.ub);
      else {
        const cur = best.get(t.skill) ?? 0;
        if (t.ub > cur) {
          skill += t.ub - cur;
          best.set(t.skill, t.ub);
        }
      }
      suf[i] = skill + occ;
    }
    return suf;
  }

  /** Exact top k people for a vacancy slot (hard filters, relevance, tie-break as documented). */
  topPeople(vSlot: number, k: number): Hit[] {
    const nE = this.vNE[vSlot]!;
    const nO = this.vNO[vSlot]!;
    const start = this.vSkillStart[vSlot]!;
    const len = this.vSkillLen[vSlot]!;
    const pool = this.vSkillPool.data;
    const wE = nE ? W.essential / nE : 0;
    const wO = nO ? W.optional / nO : 0;
    const remote = (this.vFlags[vSlot]! & 1) === 1;
    const pledged = (this.vFlags[vSlot]! & 4) === 4;
    const vm = this.vMuni[vSlot]!;
    const cellMin = remote ? NO_CELL_MIN : this.geo.cellMin(vm);
    const qKind = this.qKind;
    const terms: Term[] = [];
    const termLength = (space: Space, key: number) => {
      const b = space.base;
      const dl = space.delta.get(key);
      return (
        (dl === undefined ? 0 : dl.length) +
        (b === null ? 0 : baseTermLength(b.keyStart, b.gCell, b.gMaxR, b.gStart, key, remote, cellMin))
      );
    };
    for (let i = 0; i < len; i++) {
      const sk = pool[start + i]!;
      qKind[sk] = i < nE ? 1 : 2;
      const length = termLength(this.pSkill, sk);
      if (length)
        terms.push({ space: this.pSkill, key: sk, skill: sk, ub: i < nE ? wE : wO, occ: false, length });
    }
    const occ = this.vOcc[vSlot]!;
    const isco = this.vIsco[vSlot]!;
    const occTerm = (space: Space, key: number, ub: number) => {
      if (key < 0) return;
      const length = termLength(space, key);
      if (length) terms.push({ space, key, skill: -1, ub, occ: true, length });
    };
    occTerm(this.pOccP, occ, W.occupation);
    occTerm(this.pIsco4, isco, W.unit);
    occTerm(this.pIsco3, isco >= 0 ? Math.floor(isco / 10) : -1, W.minor);
    // Order: by bound, but the ISCO minor group (the longest list, the smallest occupation bound) last,
    // when the threshold usually cuts it off whole (people of the group who hold a skill of the
    // vacancy were met, and scored, through the skill).
    const suf = this.prepareTerms(terms, (t) => (t.occ && t.ub === W.minor ? 1 : 0));
    const nT = terms.length;
    const boostMax = pledged ? W.boost : 0;
    // A person with c skills matches at most c skill terms: the c largest remaining bounds (skill
    // terms come in decreasing bound order, one per skill here) bound their skill part.
    const cum = new Float64Array(nT + 1);
    const before = new Int32Array(nT);
    const sufOcc = new Float64Array(nT + 1);
    let nSkillTerms = 0;
    for (let i = 0; i < nT; i++) {
      before[i] = nSkillTerms;
      if (!terms[i]!.occ) {
        cum[nSkillTerms + 1] = cum[nSkillTerms]! + terms[i]!.ub;
        nSkillTerms++;
      }
    }
    for (let i = nT - 1; i >= 0; i--) sufOcc[i] = Math.max(sufOcc[i + 1]!, terms[i]!.occ ? terms[i]!.ub : 0);
    // The same-occupation term (-1: none, so no reachable candidate shares the occupation).
    const occIdx = terms.findIndex((t) => t.space === this.pOccP);
    const isco3 = isco >= 0 ? Math.floor(isco / 10) : -1;

    // The signature table holds the skills of the terms not processed yet (and of the skills without a
    // term, which no reachable candidate holds): an unscored candidate holds no processed term.
    const sigTab = this.sigTab;
    sigTab.fill(0);
    for (let i = 0; i < len; i++) sigAdd(sigTab, pool[start + i]!, i < nE ? wE : wO);

    const dist = this.geo.row(vm);
    const eduReq = this.vFlags[vSlot]! & 2 ? this.vEdu[vSlot]! : 0;
    const nLang = this.vLangLen[vSlot]!;
    const langArrays = this.qLangs;
    const langRanks = this.qLangRanks;
    let nl = 0;
    let langImpossible = false;
    for (let i = 0; i < nLang; i++) {
      const x = this.vLangPool.data[this.vLangStart[vSlot]! + i]!;
      const arr = this.pLang[x >> 3];
      if (!arr) langImpossible = true;
      else {
        langArrays[nl] = arr;
        langRanks[nl++] = x & 7;
      }
    }

    const top = this.peopleTop;
    top.reset(k, this.personIds.words);
    if (++this.pEpoch === 0x7fffffff) {
      for (let o = 4; o < this.pRec.length; o += REC) this.pRec[o] = 0;
      this.pEpoch = 1;
    }
    const qi = this.qi;
    const qf = this.qf;
    qi.fill(0);
    qf.fill(0);
    qi[QI_EPOCH] = this.pEpoch;
    qi[QI_EDU] = eduReq;
    qi[QI_NE] = nE;
    qi[QI_NO] = nO;
    qi[QI_OCC] = occ;
    qi[QI_ISCO] = isco;
    qi[QI_ISCO3] = isco3;
    qi[QI_PLEDGED] = pledged ? 1 : 0;
    qi[QI_REMOTE] = remote ? 1 : 0;
    qi[QI_NLANG] = nl;
    qi[QI_NSKILL] = nSkillTerms;
    qf[QF_THETA] = -1;
    const pFlags = this.pFlags;
    const pMuni = this.pMuni;
    const pRadius = this.pRadius;
    const pSkillLen = this.pSkillLen;
    const ppool = this.pSkillPool.data;
    const rec = this.pRec;
    const rec16 = this.pRec16;
    const bSlot = this.bSlot;
    const bPart = this.bPart;
    const bBound = this.bBound;
    const hScores = top.scores;
    const hSlots = top.slots;
    const words = top.words;
    const hst = top.st;
    const WD = W.distance;
    let used = 0;
    let scannedDelta = 0;

    if (!langImpossible) {
      for (let ti = 0; ti < nT; ti++) {
        const B = suf[ti]!;
        if (B + WD + boostMax < qf[QF_THETA]!) break;
        used++;
        const t = terms[ti]!;
        if (ti > 0 && !terms[ti - 1]!.occ) sigAdd(sigTab, terms[ti - 1]!.skill, -terms[ti - 1]!.ub);
        const si = before[ti]!;
        const cumSi = cum[si]!;
        const occB = sufOcc[ti]!;
        qi[QI_SI] = si;
        qi[QI_BYISCO] = occIdx < ti ? 1 : 0;
        qf[QF_B] = B;
        qf[QF_CUMSI] = cumSi;
        qf[QF_OCCB] = occB;
        // Slots appended since the bulk build (unsplit): their candidates join the batch.
        const dl = t.space.delta.get(t.key);
        if (dl !== undefined) {
          scannedDelta += dl.length;
          scanPeopleDelta(
            qi,
            qf,
            dl.data,
            dl.length,
            pMuni,
            pRadius,
            pFlags,
            pSkillLen,
            dist,
            cum,
            bSlot,
            bPart,
            bBound,
            rec,
            rec16,
            ppool,
            qKind,
            langArrays,
            langRanks,
            hScores,
            hSlots,
            words,
            hst,
          );
        }
        const b = t.space.base;
        if (b !== null && t.key < b.keyStart.length - 1)
          scanPeopleTerm(
            qi,
            qf,
            b.keyStart,
            b.gCell,
            b.gFlag,
            b.gMaxR,
            b.gStart,
            b.ent,
            t.key,
            cellMin,
            dist,
            cum,
            sigTab,
            bSlot,
            bPart,
            bBound,
            rec,
            rec16,
            ppool,
            qKind,
            langArrays,
            langRanks,
            hScores,
            hSlots,
            words,
            hst,
          );
        if (qi[QI_NB]! > 0)
          scorePeopleBatch(
            qi,
            qf,
            bSlot,
            bPart,
            bBound,
            rec,
            rec16,
            ppool,
            qKind,
            langArrays,
            langRanks,
            hScores,
            hSlots,
            words,
            hst,
          );
      }
    }
    this.stats.set(qi[QI_SCANNED]! + scannedDelta, qi[QI_SCORED]!, nT, used, qi[QI_SKIPPED]!, qi[QI_WASTED]!);
    for (let i = 0; i < len; i++) qKind[pool[start + i]!] = 0;
    return top.sorted().map((h) => ({ id: this.personIds.id(h.slot), slot: h.slot, score: h.score }));
  }

  /** Exact top k open vacancies for a person slot. */
  topVacancies(pSlot: number, k: number): Hit[] {
    const ps = this.pSkillStart[pSlot]!;
    const pl = this.pSkillLen[pSlot]!;
    const ppool = this.pSkillPool.data;
    const pm = this.pMuni[pSlot]!;
    const cellMin = pm >= 0 ? this.geo.cellMin(pm) : null;
    const r = this.pRadius[pSlot]!;
    const qKind = this.qKind;
    const terms: Term[] = [];
    // Reachable groups: remote ones always; others only from a known place within the radius.
    const placed = pm >= 0;
    const cellMinQ = cellMin === null ? NO_CELL_MIN : cellMin;
    const reach = (space: Space, key: number) => {
      const dl = space.delta.get(key);
      const b = space.base;
      return (
        (dl === undefined ? 0 : dl.length) +
        (b === null ? 0 : vacancyTermLength(b.keyStart, b.gCell, b.gStart, key, placed, cellMinQ, r))
      );
    };
    for (let q = ps; q < ps + pl; q++) {
      const sk = ppool[q]!;
      qKind[sk] = 1; // the person holds it
      for (let bd = 0; bd < BANDS; bd++) {
        const key = sk * BANDS + bd;
        const ue = W.essential * (this.maxInvE[key] ?? 0);
        if (ue > 0) {
          const length = reach(this.vEss, key);
          if (length) terms.push({ space: this.vEss, key, skill: sk, ub: ue, occ: false, length });
        }
        const uo = W.optional * (this.maxInvO[key] ?? 0);
        if (uo > 0) {
          const length = reach(this.vOpt, key);
          if (length) terms.push({ space: this.vOpt, key, skill: sk, ub: uo, occ: false, length });
        }
      }
    }
    const occ = this.pOcc[pSlot]!;
    const isco = this.pIsco[pSlot]!;
    const occTerm = (space: Space, key: number, ub: number) => {
      if (key < 0) return;
      const length = reach(space, key);
      if (length) terms.push({ space, key, skill: -1, ub, occ: true, length });
    };
    occTerm(this.vOccV, occ, W.occupation);
    occTerm(this.vIsco4, isco, W.unit);
    occTerm(this.vIsco3, isco >= 0 ? Math.floor(isco / 10) : -1, W.minor);
    const suf = this.prepareTerms(terms);
    const nT = terms.length;
    const priority = (this.pFlags[pSlot]! & 4) !== 0;
    const boostMax = priority ? W.boost : 0;
    const dist = pm >= 0 ? this.geo.row(pm) : null;
    const edu = this.pEdu[pSlot]!;

    const top = this.vacancyTop;
    top.reset(k, this.vacancyIds.words);
    if (++this.vEpoch === 0x7fffffff) {
      this.vSeen.fill(0);
      this.vEpoch = 1;
    }
    const nLangs = this.pLang.length;
    if (this.pRanks.length < nLangs) this.pRanks = new Int32Array(nLangs * 2);
    const pRanks = this.pRanks;
    pRanks.fill(-1);
    for (let i = 0; i < nLangs; i++) {
      const arr = this.pLang[i];
      if (arr) pRanks[i] = arr[pSlot]!;
    }
    const pi = this.pi;
    const pf = this.pf;
    pi.fill(0);
    pf.fill(0);
    pi[PI_EPOCH] = this.vEpoch;
    pi[PI_EDU] = edu;
    pi[PI_PRIORITY] = priority ? 1 : 0;
    pi[PI_OCC] = occ;
    pi[PI_ISCO] = isco;
    pi[PI_RADIUS] = r;
    pi[PI_PLACED] = placed ? 1 : 0;
    pf[PF_THETA] = -1;
    const distQ = dist === null ? NO_CELL_MIN : dist;
    const seen = this.vSeen;
    const vAlive = this.vAlive;
    const vFlags = this.vFlags;
    const vMuni = this.vMuni;
    const vEdu = this.vEdu;
    const vLangStart = this.vLangStart;
    const vLangLen = this.vLangLen;
    const langPool = this.vLangPool.data;
    const vNE = this.vNE;
    const vNO = this.vNO;
    const vSkillStart = this.vSkillStart;
    const vSkillLen = this.vSkillLen;
    const vpool = this.vSkillPool.data;
    const vOcc = this.vOcc;
    const vIsco = this.vIsco;
    const hScores = top.scores;
    const hSlots = top.slots;
    const words = top.words;
    const hst = top.st;
    let used = 0;

    for (let ti = 0; ti < nT; ti++) {
      const B = suf[ti]!;
      if (B + W.distance + boostMax < pf[PF_THETA]!) break;
      used++;
      const t = terms[ti]!;
      pf[PF_B] = B;
      const dl = t.space.delta.get(t.key);
      const b = t.space.base;
      const base = b !== null && t.key < b.keyStart.length - 1 ? b : EMPTY_GROUPED;
      scanVacancyTerm(
        pi,
        pf,
        dl === undefined ? EMPTY_I32 : dl.data,
        dl === undefined ? 0 : dl.length,
        base.keyStart,
        base.gCell,
        base.gFlag,
        base.gStart,
        base.eSlot,
        base.eMuni,
        base === EMPTY_GROUPED ? -1 : t.key,
        cellMinQ,
        distQ,
        seen,
        vAlive,
        vFlags,
        vMuni,
        vEdu,
        vLangStart,
        vLangLen,
        langPool,
        pRanks,
        vNE,
        vNO,
        vSkillStart,
        vSkillLen,
        vpool,
        qKind,
        vOcc,
        vIsco,
        hScores,
        hSlots,
        words,
        hst,
      );
    }
    this.stats.set(pi[PI_SCANNED]!, pi[PI_SCORED]!, nT, used, pi[PI_SKIPPED]!, 0);
    for (let q = ps; q < ps + pl; q++) qKind[ppool[q]!] = 0;
    return top.sorted().map((h) => ({ id: this.vacancyIds.id(h.slot), slot: h.slot, score: h.score }));
  }

  /**
   * One (person, vacancy) score with the person -> vacancies filters, or null when filtered out or not
   * relevant: the brute-force reference of `topVacancies` (benchmark and tests).
   */
  scorePair(pSlot: number, v: number): number | null {
    if (!this.vAlive[v] || !this.pAlive[pSlot]) return null;
    if (this.vFlags[v]! & 2 && this.pEdu[pSlot]! < this.vEdu[v]!) return null;
    for (let i = this.vLangStart[v]!; i < this.vLangStart[v]! + this.vLangLen[v]!; i++) {
      const x = this.vLangPool.data[i]!;
      const arr = this.pLang[x >> 3];
      if (!arr || arr[pSlot]! < (x & 7)) return null;
    }
    const pm = this.pMuni[pSlot]!;
    const r = this.pRadius[pSlot]!;
    let dPart: number;
    if (this.vFlags[v]! & 1) dPart = W.distance;
    else {
      if (pm < 0) return null;
      const d = this.geo.row(pm)[this.vMuni[v]!]!;
      if (!(d <= r)) return null;
      dPart = r > 0 ? W.distance * (1 - d / r) : W.distance;
    }
    const held = new Set<number>();
    const ps = this.pSkillStart[pSlot]!;
    for (let q = ps; q < ps + this.pSkillLen[pSlot]!; q++) held.add(this.pSkillPool.data[q]!);
    const nE = this.vNE[v]!;
    const nO = this.vNO[v]!;
    let e = 0;
    let o = 0;
    const vs = this.vSkillStart[v]!;
    for (let q = 0; q < this.vSkillLen[v]!; q++)
      if (held.has(this.vSkillPool.data[vs + q]!)) {
        if (q < nE) e++;
        else o++;
      }
    const c = this.closeness(this.vOcc[v]!, this.vIsco[v]!, this.pOcc[pSlot]!, this.pIsco[pSlot]!);
    if (e === 0 && o === 0 && c === 0) return null;
    const boost = this.pFlags[pSlot]! & 4 && this.vFlags[v]! & 4 ? W.boost : 0;
    return roundScore(
      (nE ? (W.essential * e) / nE : 0) + (nO ? (W.optional * o) / nO : 0) + c + dPart + boost,
    );
  }

  /** The same score with the vacancy -> people filters (consent, availability too): brute-force reference. */
  scorePersonForVacancy(pSlot: number, vSlot: number): number | null {
    if ((this.pFlags[pSlot]! & 3) !== 3) return null;
    return this.scorePair(pSlot, vSlot);
  }

  /** The parts of a (person, vacancy) score, for explanations. */
  explain(pSlot: number, vSlot: number) {
    const nE = this.vNE[vSlot]!;
    const nO = this.vNO[vSlot]!;
    const vs = this.vSkillStart[vSlot]!;
    const vl = this.vSkillLen[vSlot]!;
    const held = new Set<number>();
    const ps = this.pSkillStart[pSlot]!;
    for (let q = ps; q < ps + this.pSkillLen[pSlot]!; q++) held.add(this.pSkillPool.data[q]!);
    const matchedEssential: number[] = [];
    const missingEssential: number[] = [];
    const matchedOptional: number[] = [];
    for (let q = 0; q < vl; q++) {
      const sk = this.vSkillPool.data[vs + q]!;
      if (q < nE) (held.has(sk) ? matchedEssential : missingEssential).push(sk);
      else if (held.has(sk)) matchedOptional.push(sk);
    }
    const pm = this.pMuni[pSlot]!;
    const d = pm >= 0 ? this.geo.row(this.vMuni[vSlot]!)[pm]! : NaN;
    const r = this.pRadius[pSlot]!;
    const remote = (this.vFlags[vSlot]! & 1) === 1;
    const occupation = this.closeness(
      this.vOcc[vSlot]!,
      this.vIsco[vSlot]!,
      this.pOcc[pSlot]!,
      this.pIsco[pSlot]!,
    );
    const parts = {
      essentialSkills: nE ? (W.essential * matchedEssential.length) / nE : 0,
      optionalSkills: nO ? (W.optional * matchedOptional.length) / nO : 0,
      occupation,
      distance: remote ? W.distance : r > 0 ? W.distance * (1 - d / r) : W.distance,
      priorityBoost: this.vFlags[vSlot]! & 4 && this.pFlags[pSlot]! & 4 ? W.boost : 0,
    };
    return {
      parts,
      matchedEssential,
      missingEssential,
      matchedOptional,
      distanceKm: Number.isNaN(d) ? null : d,
      occupationCloseness:
        occupation === W.occupation
          ? ('same_occupation' as const)
          : occupation === W.unit
            ? ('same_unit_group' as const)
            : occupation === W.minor
              ? ('same_minor_group' as const)
              : ('none' as const),
    };
  }
}

/** Scores are rounded to 1e-9 so the engine and the SQL reference compare exactly. */
export const roundScore = (x: number) => Math.round(x * 1e9) / 1e9;
