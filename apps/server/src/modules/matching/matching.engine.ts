/**
 * The in-memory matching engine: exact top-k ranking of people for a vacancy and of vacancies for a
 * person, over compact typed arrays (no database access here; see matching.loader.ts).
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
 * Ties: higher score first, then the smaller id (string order), so the order is total and stable.
 *
 * Exactness with pruning (MaxScore, term-at-a-time): every skill/occupation posting list has a score
 * upper bound. Lists are processed in decreasing bound order; each new candidate is scored in full
 * (its own skill list against the query's weight table), so after a list is processed every candidate
 * it holds has its exact score. A candidate not met yet lives only in unprocessed lists, so its score is
 * at most the sum of their bounds (occupation lists: their max, a result has one occupation part) plus
 * the distance and boost bounds. When that is below the k-th best score, no unseen candidate can enter
 * the top k and the search stops: the result is exact.
 *
 * Two refinements keep it exact: a candidate first met in list i holds nothing from lists 0..i-1, so
 * its bound is the suffix bound with its own (known) distance part, and it is skipped unscored when
 * that is below the k-th score; people lists are split by grid cell and mobility-radius class, and a
 * list whose cell is farther from the vacancy than its largest radius is not read at all.
 *
 * Updates are append-only: a changed person or vacancy gets a new slot and the old one is marked dead
 * (posting lists keep dead slots, skipped at query time); `deadRatio` tells the owner when to rebuild.
 */

export const W = {
  essential: 0.5,
  optional: 0.15,
  occupation: 0.2,
  unit: 0.12,
  minor: 0.06,
  distance: 0.1,
  boost: 0.05,
};
export const DEFAULT_RADIUS_KM = 30;
export const CEFR_RANK: Record<string, number> = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, native: 7 };
const EPS = 1e-12;

/** Grow-only int list. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array | Float32Array>(
  a: T,
  need: number,
): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

const CELL_ROWS = 44;
const CELL_COLS = 40;
const NCELLS = CELL_ROWS * CELL_COLS + 1;
const NO_CELL = NCELLS - 1;
/** Mobility radius classes: people lists are split by them, so far cells skip the short-radius lists. */
const RADIUS_CLASSES = 3;
const radiusClass = (r: number) => (r <= 10 ? 0 : r <= 30 ? 1 : 2);

/** Municipalities: code -> compact index with coordinates; distance rows cached per origin. */
export class Geo {
  index = new Map<string, number>();
  lat = new Float64Array(256);
  lon = new Float64Array(256);
  has = new Uint8Array(256);
  /** Grid cell of each municipality (0.3 degrees of latitude x 0.4 of longitude, about 33 x 31 km). */
  cell = new Int32Array(256);
  private rows = new Map<number, Float64Array>();
  private cellMinScratch = new Float64Array(NCELLS);

  add(code: string, lat: number | null, lon: number | null): number {
    let i = this.index.get(code);
    if (i !== undefined) return i;
    i = this.index.size;
    this.index.set(code, i);
    this.lat = grow(this.lat, i + 1);
    this.lon = grow(this.lon, i + 1);
    this.has = grow(this.has, i + 1);
    this.cell = grow(this.cell, i + 1);
    this.cell[i] = NO_CELL;
    if (lat !== null && lon !== null) {
      this.lat[i] = lat;
      this.lon[i] = lon;
      this.has[i] = 1;
      const row = Math.min(CELL_ROWS - 1, Math.max(0, Math.floor((lat - 35) / 0.3)));
      const col = Math.min(CELL_COLS - 1, Math.max(0, Math.floor((lon - 5) / 0.4)));
      this.cell[i] = row * CELL_COLS + col;
    }
    return i;
  }

  /** Per grid cell: the smallest distance from municipality `from` to a municipality in the cell. */
  cellMin(from: number): Float64Array {
    const out = this.cellMinScratch;
    out.fill(Infinity);
    const row = this.row(from);
    for (let j = 0; j < row.length; j++) {
      const c = this.cell[j]!;
      if (c !== NO_CELL && row[j]! < out[c]!) out[c] = row[j]!;
    }
    return out;
  }

  /** Distances (km) from municipality `from` to every known one; NaN where a coordinate is missing. */
  row(from: number): Float64Array {
    const n = this.index.size;
    const cached = this.rows.get(from);
    if (cached && cached.length === n) return cached;
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++)
      out[j] =
        this.has[from] && this.has[j]
          ? haversineKm(this.lat[from]!, this.lon[from]!, this.lat[j]!, this.lon[j]!)
          : NaN;
    this.rows.set(from, out);
    return out;
  }
}

/** Great-circle distance in km (mean Earth radius 6371 km); the SQL reference uses the same formula. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

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

/** Top-k min-heap on (score asc, id desc): the root is the worst kept result. Preallocated. */
class TopK {
  scores: Float64Array;
  slots: Int32Array;
  size = 0;
  constructor(
    public k: number,
    private ids: string[],
  ) {
    this.scores = new Float64Array(k);
    this.slots = new Int32Array(k);
  }
  reset(k: number) {
    if (k > this.scores.length) {
      this.scores = new Float64Array(k);
      this.slots = new Int32Array(k);
    }
    this.k = k;
    this.size = 0;
  }
  /** a is worse than b */
  private worse(sa: number, ia: number, sb: number, ib: number) {
    return sa < sb || (sa === sb && this.ids[ia]! > this.ids[ib]!);
  }
  get threshold() {
    return this.size < this.k ? -1 : this.scores[0]!;
  }
  offer(score: number, slot: number) {
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(score, slot, this.scores[p]!, this.slots[p]!)) break;
        this.scores[i] = this.scores[p]!;
        this.slots[i] = this.slots[p]!;
        i = p;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    if (!this.worse(this.scores[0]!, this.slots[0]!, score, slot)) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.worse(this.scores[r]!, this.slots[r]!, this.scores[l]!, this.slots[l]!) ? r : l;
      if (!this.worse(this.scores[c]!, this.slots[c]!, score, slot)) break;
      this.scores[i] = this.scores[c]!;
      this.slots[i] = this.slots[c]!;
      i = c;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }
  /** Best first. */
  sorted(): { slot: number; score: number }[] {
    const out: { slot: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ slot: this.slots[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || (this.ids[a.slot]! < this.ids[b.slot]! ? -1 : 1));
  }
}

/** Posting lists keyed by a small integer (skill id, occupation id, ISCO code). */
class Postings {
  lists: (IntList | undefined)[] = [];
  get(key: number) {
    return key >= 0 ? this.lists[key] : undefined;
  }
  add(key: number, slot: number) {
    if (key < 0) return;
    let l = this.lists[key];
    if (!l) this.lists[key] = l = new IntList();
    l.push(slot);
  }
  bytes() {
    let b = 0;
    for (const l of this.lists) if (l) b += l.data.byteLength;
    return b;
  }
}

/**
 * People posting lists per key (skill, occupation, ISCO group), each split by grid cell and radius
 * class, with the largest mobility radius in each list: a list whose cell is farther from the vacancy
 * than that radius holds nobody within reach and is skipped whole (exact: the distance filter would
 * drop every entry).
 */
interface GeoPart {
  index: Map<number, number>;
  cells: number[];
  lists: IntList[];
  maxR: number[];
}
class GeoPostings {
  parts: (GeoPart | undefined)[] = [];
  add(key: number, cell: number, radius: number, slot: number) {
    if (key < 0) return;
    let part = this.parts[key];
    if (!part) this.parts[key] = part = { index: new Map(), cells: [], lists: [], maxR: [] };
    const ck = cell * RADIUS_CLASSES + radiusClass(radius);
    let i = part.index.get(ck);
    if (i === undefined) {
      i = part.lists.length;
      part.index.set(ck, i);
      part.cells.push(cell);
      part.lists.push(new IntList());
      part.maxR.push(radius);
    }
    part.lists[i]!.push(slot);
    if (radius > part.maxR[i]!) part.maxR[i] = radius;
  }
  /** The lists of `key` that may hold someone within reach (all of them for remote work). */
  reachable(key: number, cellMin: Float64Array | null): { lists: IntList[]; length: number } | null {
    const part = key >= 0 ? this.parts[key] : undefined;
    if (!part) return null;
    const lists: IntList[] = [];
    let length = 0;
    for (let i = 0; i < part.lists.length; i++) {
      if (cellMin && cellMin[part.cells[i]!]! > part.maxR[i]!) continue;
      lists.push(part.lists[i]!);
      length += part.lists[i]!.length;
    }
    return lists.length ? { lists, length } : null;
  }
  bytes() {
    let b = 0;
    for (const p of this.parts) if (p) for (const l of p.lists) b += l.data.byteLength + 16;
    return b;
  }
}

interface Term {
  lists: IntList[];
  length: number;
  ub: number;
  occ: boolean;
}

export interface Hit {
  id: string;
  slot: number;
  score: number;
}

export class MatchingEngine {
  readonly geo = new Geo();
  /** Work counters of the last query (benchmark diagnostics): entries scanned, candidates scored, lists. */
  stats = { scanned: 0, scored: 0, lists: 0, listsUsed: 0 };

  // ---- people (slots) ----
  personIds: string[] = [];
  personSlot = new Map<string, number>();
  pAlive = new Uint8Array(1024);
  pFlags = new Uint8Array(1024); // 1 consent, 2 available, 4 priority
  pMuni = new Int32Array(1024);
  pRadius = new Float32Array(1024);
  pEdu = new Uint8Array(1024);
  pOcc = new Int32Array(1024);
  pIsco = new Int32Array(1024);
  pSkillStart = new Int32Array(1024);
  pSkillLen = new Uint16Array(1024);
  pSkillPool = new IntList(4096);
  pLang = new Map<string, Uint8Array>();
  pSeen = new Uint32Array(1024);
  private pEpoch = 0;
  personBySkill = new GeoPostings();
  personByOcc = new GeoPostings();
  personByIsco4 = new GeoPostings();
  personByIsco3 = new GeoPostings();
  peopleAlive = 0;

  // ---- vacancies (slots) ----
  vacancyIds: string[] = [];
  vacancySlot = new Map<string, number>();
  vAlive = new Uint8Array(1024);
  vMuni = new Int32Array(1024);
  vRemote = new Uint8Array(1024);
  vEdu = new Uint8Array(1024);
  vEduMandatory = new Uint8Array(1024);
  vOcc = new Int32Array(1024);
  vIsco = new Int32Array(1024);
  vPledged = new Uint8Array(1024);
  vNE = new Uint16Array(1024);
  vNO = new Uint16Array(1024);
  vSkillStart = new Int32Array(1024);
  vSkillLen = new Uint16Array(1024); // essential first, then optional
  vSkillPool = new IntList(4096);
  vLangs: ({ language: string; rank: number }[] | undefined)[] = [];
  vSeen = new Uint32Array(1024);
  private vEpoch = 0;
  vacancyByEssential = new Postings();
  vacancyByOptional = new Postings();
  /** Per (skill, band of the vacancy's skill count): max 1/|E| (1/|O|) over the list: its score bound. */
  maxInvE = new Float64Array(1024);
  maxInvO = new Float64Array(1024);
  vacancyByOcc = new Postings();
  vacancyByIsco4 = new Postings();
  vacancyByIsco3 = new Postings();
  vacanciesAlive = 0;

  // per-query scratch (weights per skill id), reset after each query
  private qWeight = new Float64Array(1024);
  private qKind = new Uint8Array(1024); // 1 essential, 2 optional
  private peopleTop = new TopK(50, this.personIds);
  private vacancyTop = new TopK(50, this.vacancyIds);

  // ------------------------------------------------------------------------------------------
  // Writes
  // ------------------------------------------------------------------------------------------

  private ensureSkill(id: number) {
    if (id >= this.qWeight.length) {
      this.qWeight = grow(this.qWeight, id + 1);
      this.qKind = grow(this.qKind, id + 1);
    }
  }

  /** Adds or replaces a person (a removal when `p` is null). */
  upsertPerson(id: string, p: PersonInput | null) {
    const old = this.personSlot.get(id);
    if (old !== undefined && this.pAlive[old]) {
      this.pAlive[old] = 0;
      this.peopleAlive--;
    }
    if (!p) {
      this.personSlot.delete(id);
      return;
    }
    const s = this.personIds.length;
    this.personIds.push(id);
    this.personSlot.set(id, s);
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
      this.pSeen = grow(this.pSeen, n);
      for (const [k, v] of this.pLang) this.pLang.set(k, grow(v, n));
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
    const skills = [...new Set(p.skills)].sort((a, b) => a - b);
    this.pSkillStart[s] = this.pSkillPool.length;
    this.pSkillLen[s] = skills.length;
    // Only people who may be proposed (consent and available) enter the vacancy-side posting lists:
    // the others can never be a vacancy's candidate, and their own ranking reads their slot directly.
    const eligible = p.consent && p.available;
    const cell = this.pMuni[s]! >= 0 ? this.geo.cell[this.pMuni[s]!]! : NO_CELL;
    const radius = this.pRadius[s]!;
    for (const k of skills) {
      this.ensureSkill(k);
      this.pSkillPool.push(k);
      if (eligible) this.personBySkill.add(k, cell, radius, s);
    }
    if (eligible) {
      this.personByOcc.add(this.pOcc[s]!, cell, radius, s);
      this.personByIsco4.add(isco, cell, radius, s);
      this.personByIsco3.add(isco >= 0 ? Math.floor(isco / 10) : -1, cell, radius, s);
    }
    for (const l of p.languages) {
      let arr = this.pLang.get(l.language);
      if (!arr) this.pLang.set(l.language, (arr = new Uint8Array(this.pAlive.length)));
      arr[s] = CEFR_RANK[l.level] ?? 0;
    }
  }

  /** Adds or replaces a vacancy; `v` null (or not open) removes it. */
  upsertVacancy(id: string, v: VacancyInput | null) {
    const old = this.vacancySlot.get(id);
    if (old !== undefined && this.vAlive[old]) {
      this.vAlive[old] = 0;
      this.vacanciesAlive--;
    }
    if (!v) {
      this.vacancySlot.delete(id);
      return;
    }
    const s = this.vacancyIds.length;
    this.vacancyIds.push(id);
    this.vacancySlot.set(id, s);
    const n = s + 1;
    if (n > this.vAlive.length) {
      this.vAlive = grow(this.vAlive, n);
      this.vMuni = grow(this.vMuni, n);
      this.vRemote = grow(this.vRemote, n);
      this.vEdu = grow(this.vEdu, n);
      this.vEduMandatory = grow(this.vEduMandatory, n);
      this.vOcc = grow(this.vOcc, n);
      this.vIsco = grow(this.vIsco, n);
      this.vPledged = grow(this.vPledged, n);
      this.vNE = grow(this.vNE, n);
      this.vNO = grow(this.vNO, n);
      this.vSkillStart = grow(this.vSkillStart, n);
      this.vSkillLen = grow(this.vSkillLen, n);
      this.vSeen = grow(this.vSeen, n);
    }
    this.vAlive[s] = 1;
    this.vacanciesAlive++;
    this.vMuni[s] = this.geo.add(v.municipalityCode, v.lat, v.lon);
    this.vRemote[s] = v.remote ? 1 : 0;
    this.vEdu[s] = v.educationLevel ?? 0;
    this.vEduMandatory[s] = v.educationMandatory && v.educationLevel ? 1 : 0;
    this.vOcc[s] = v.occupationId;
    const isco = iscoNum(v.iscoGroup);
    this.vIsco[s] = isco;
    this.vPledged[s] = v.pledged ? 1 : 0;
    const ess = [...new Set(v.essential)].sort((a, b) => a - b);
    const essSet = new Set(ess);
    const opt = [...new Set(v.optional)].filter((k) => !essSet.has(k)).sort((a, b) => a - b);
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
      this.vacancyByEssential.add(key, s);
      this.maxInvE = grow(this.maxInvE, key + 1);
      this.maxInvE[key] = Math.max(this.maxInvE[key]!, 1 / ess.length);
    }
    for (const k of opt) {
      this.ensureSkill(k);
      this.vSkillPool.push(k);
      const key = k * BANDS + bO;
      this.vacancyByOptional.add(key, s);
      this.maxInvO = grow(this.maxInvO, key + 1);
      this.maxInvO[key] = Math.max(this.maxInvO[key]!, 1 / opt.length);
    }
    this.vacancyByOcc.add(v.occupationId, s);
    this.vacancyByIsco4.add(isco, s);
    this.vacancyByIsco3.add(isco >= 0 ? Math.floor(isco / 10) : -1, s);
    this.vLangs[s] = v.mandatoryLanguages.length
      ? v.mandatoryLanguages.map((l) => ({ language: l.language, rank: CEFR_RANK[l.minLevel] ?? 0 }))
      : undefined;
  }

  /** Share of dead slots (changed or removed records): rebuild when it grows large. */
  deadRatio() {
    const total = this.personIds.length + this.vacancyIds.length;
    return total === 0 ? 0 : 1 - (this.peopleAlive + this.vacanciesAlive) / total;
  }

  memoryBytes() {
    const arrays = [
      this.pAlive,
      this.pFlags,
      this.pMuni,
      this.pRadius,
      this.pEdu,
      this.pOcc,
      this.pIsco,
      this.pSkillStart,
      this.pSkillLen,
      this.pSeen,
      this.pSkillPool.data,
      this.vAlive,
      this.vMuni,
      this.vRemote,
      this.vEdu,
      this.vEduMandatory,
      this.vOcc,
      this.vIsco,
      this.vPledged,
      this.vNE,
      this.vNO,
      this.vSkillStart,
      this.vSkillLen,
      this.vSkillPool.data,
      this.vSeen,
      this.maxInvE,
      this.maxInvO,
      this.qWeight,
      this.qKind,
    ];
    let b = arrays.reduce((s, a) => s + a.byteLength, 0);
    for (const a of this.pLang.values()) b += a.byteLength;
    for (const p of [
      this.personBySkill,
      this.personByOcc,
      this.personByIsco4,
      this.personByIsco3,
      this.vacancyByEssential,
      this.vacancyByOptional,
      this.vacancyByOcc,
      this.vacancyByIsco4,
      this.vacancyByIsco3,
    ])
      b += p.bytes();
    return b;
  }

  // ------------------------------------------------------------------------------------------
  // Queries
  // ------------------------------------------------------------------------------------------

  private closeness(occA: number, iscoA: number, occB: number, iscoB: number) {
    if (occA >= 0 && occA === occB) return W.occupation;
    if (iscoA >= 0 && iscoA === iscoB) return W.unit;
    if (iscoA >= 0 && iscoB >= 0 && Math.floor(iscoA / 10) === Math.floor(iscoB / 10)) return W.minor;
    return 0;
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
    const remote = this.vRemote[vSlot] === 1;
    const vm = this.vMuni[vSlot]!;
    const cellMin = remote ? null : this.geo.cellMin(vm);
    const terms: Term[] = [];
    for (let i = 0; i < len; i++) {
      const sk = pool[start + i]!;
      const w = i < nE ? wE : wO;
      this.qWeight[sk] = w;
      this.qKind[sk] = i < nE ? 1 : 2;
      const r = this.personBySkill.reachable(sk, cellMin);
      if (r) terms.push({ ...r, ub: w, occ: false });
    }
    const occ = this.vOcc[vSlot]!;
    const isco = this.vIsco[vSlot]!;
    const l1 = this.personByOcc.reachable(occ, cellMin);
    if (l1) terms.push({ ...l1, ub: W.occupation, occ: true });
    const l2 = this.personByIsco4.reachable(isco, cellMin);
    if (l2) terms.push({ ...l2, ub: W.unit, occ: true });
    const l3 = this.personByIsco3.reachable(isco >= 0 ? Math.floor(isco / 10) : -1, cellMin);
    if (l3) terms.push({ ...l3, ub: W.minor, occ: true });
    terms.sort((a, b) => b.ub - a.ub || a.length - b.length);

    // Suffix bounds: skills sum, occupation max.
    const nT = terms.length;
    const sufSkill = new Float64Array(nT + 1);
    const sufOcc = new Float64Array(nT + 1);
    for (let i = nT - 1; i >= 0; i--) {
      const t = terms[i]!;
      sufSkill[i] = sufSkill[i + 1]! + (t.occ ? 0 : t.ub);
      sufOcc[i] = Math.max(sufOcc[i + 1]!, t.occ ? t.ub : 0);
    }
    const pledged = this.vPledged[vSlot] === 1;
    const extra = W.distance + (pledged ? W.boost : 0);

    const dist = this.geo.row(vm);
    const eduReq = this.vEduMandatory[vSlot] ? this.vEdu[vSlot]! : 0;
    const langs = this.vLangs[vSlot];
    const langArrays = langs?.map((l) => ({ arr: this.pLang.get(l.language), rank: l.rank }));

    const top = this.peopleTop;
    top.reset(k);
    if (++this.pEpoch === 0xffffffff) {
      this.pSeen.fill(0);
      this.pEpoch = 1;
    }
    const epoch = this.pEpoch;
    const seen = this.pSeen;
    const ppool = this.pSkillPool.data;

    let scanned = 0;
    let scored = 0;
    let used = 0;
    for (let ti = 0; ti < nT; ti++) {
      const bound = sufSkill[ti]! + sufOcc[ti]! + extra;
      if (top.size === k && bound < top.threshold - EPS) break;
      used++;
      scanned += terms[ti]!.length;
      for (const list of terms[ti]!.lists) {
        const data = list.data;
        for (let j = 0, n = list.length; j < n; j++) {
          const p = data[j]!;
          if (seen[p] === epoch) continue;
          seen[p] = epoch;
          if (!this.pAlive[p] || (this.pFlags[p]! & 3) !== 3) continue;
          if (eduReq && this.pEdu[p]! < eduReq) continue;
          if (langArrays) {
            let ok = true;
            for (const l of langArrays) if (!l.arr || l.arr[p]! < l.rank) ok = false;
            if (!ok) continue;
          }
          const pm = this.pMuni[p]!;
          const r = this.pRadius[p]!;
          let dPart: number;
          if (remote) dPart = W.distance;
          else {
            if (pm < 0) continue;
            const d = dist[pm]!;
            if (!(d <= r)) continue; // NaN (no coordinates) fails too
            dPart = r > 0 ? W.distance * (1 - d / r) : W.distance;
          }
          // First met in this list: its skills and occupation are all in this list or later ones.
          if (
            top.size === k &&
            sufSkill[ti]! + sufOcc[ti]! + dPart + (pledged ? W.boost : 0) < top.threshold - EPS
          )
            continue;
          let e = 0;
          let o = 0;
          const ps = this.pSkillStart[p]!;
          const pl = this.pSkillLen[p]!;
          for (let q = ps; q < ps + pl; q++) {
            const kind = this.qKind[ppool[q]!]!;
            if (kind === 1) e++;
            else if (kind === 2) o++;
          }
          scored++;
          const c = this.closeness(occ, isco, this.pOcc[p]!, this.pIsco[p]!);
          if (e === 0 && o === 0 && c === 0) continue;
          const boost = pledged && this.pFlags[p]! & 4 ? W.boost : 0;
          const score = roundScore(
            (nE ? (W.essential * e) / nE : 0) + (nO ? (W.optional * o) / nO : 0) + c + dPart + boost,
          );
          top.offer(score, p);
        }
      }
    }
    this.stats = { scanned, scored, lists: nT, listsUsed: used };
    for (let i = 0; i < len; i++) {
      const sk = pool[start + i]!;
      this.qWeight[sk] = 0;
      this.qKind[sk] = 0;
    }
    return top.sorted().map((h) => ({ id: this.personIds[h.slot]!, slot: h.slot, score: h.score }));
  }

  /** Exact top k open vacancies for a person slot. */
  topVacancies(pSlot: number, k: number): Hit[] {
    const ps = this.pSkillStart[pSlot]!;
    const pl = this.pSkillLen[pSlot]!;
    const ppool = this.pSkillPool.data;
    const terms: Term[] = [];
    for (let q = ps; q < ps + pl; q++) {
      const sk = ppool[q]!;
      this.qKind[sk] = 1; // the person holds it
      for (let b = 0; b < BANDS; b++) {
        const key = sk * BANDS + b;
        const le = this.vacancyByEssential.get(key);
        if (le)
          terms.push({ lists: [le], length: le.length, ub: W.essential * this.maxInvE[key]!, occ: false });
        const lo = this.vacancyByOptional.get(key);
        if (lo)
          terms.push({ lists: [lo], length: lo.length, ub: W.optional * this.maxInvO[key]!, occ: false });
      }
    }
    const occ = this.pOcc[pSlot]!;
    const isco = this.pIsco[pSlot]!;
    const l1 = this.vacancyByOcc.get(occ);
    if (l1) terms.push({ lists: [l1], length: l1.length, ub: W.occupation, occ: true });
    const l2 = this.vacancyByIsco4.get(isco);
    if (l2) terms.push({ lists: [l2], length: l2.length, ub: W.unit, occ: true });
    const l3 = this.vacancyByIsco3.get(isco >= 0 ? Math.floor(isco / 10) : -1);
    if (l3) terms.push({ lists: [l3], length: l3.length, ub: W.minor, occ: true });
    terms.sort((a, b) => b.ub - a.ub || a.length - b.length);
    const nT = terms.length;
    const sufSkill = new Float64Array(nT + 1);
    const sufOcc = new Float64Array(nT + 1);
    for (let i = nT - 1; i >= 0; i--) {
      const t = terms[i]!;
      sufSkill[i] = sufSkill[i + 1]! + (t.occ ? 0 : t.ub);
      sufOcc[i] = Math.max(sufOcc[i + 1]!, t.occ ? t.ub : 0);
    }
    const priority = (this.pFlags[pSlot]! & 4) !== 0;
    const extra = W.distance + (priority ? W.boost : 0);
    const pm = this.pMuni[pSlot]!;
    const dist = pm >= 0 ? this.geo.row(pm) : null;
    const r = this.pRadius[pSlot]!;
    const edu = this.pEdu[pSlot]!;

    const top = this.vacancyTop;
    top.reset(k);
    if (++this.vEpoch === 0xffffffff) {
      this.vSeen.fill(0);
      this.vEpoch = 1;
    }
    const epoch = this.vEpoch;
    const seen = this.vSeen;
    const vpool = this.vSkillPool.data;
    for (let ti = 0; ti < nT; ti++) {
      const bound = sufSkill[ti]! + sufOcc[ti]! + extra;
      if (top.size === k && bound < top.threshold - EPS) break;
      const list = terms[ti]!.lists[0]!;
      const data = list.data;
      for (let j = 0, n = list.length; j < n; j++) {
        const v = data[j]!;
        if (seen[v] === epoch) continue;
        seen[v] = epoch;
        if (!this.vAlive[v]) continue;
        if (this.vEduMandatory[v] && edu < this.vEdu[v]!) continue;
        const langs = this.vLangs[v];
        if (langs) {
          let ok = true;
          for (const l of langs) {
            const arr = this.pLang.get(l.language);
            if (!arr || arr[pSlot]! < l.rank) ok = false;
          }
          if (!ok) continue;
        }
        let dPart: number;
        if (this.vRemote[v]) dPart = W.distance;
        else {
          if (!dist) continue;
          const d = dist[this.vMuni[v]!]!;
          if (!(d <= r)) continue;
          dPart = r > 0 ? W.distance * (1 - d / r) : W.distance;
        }
        if (
          top.size === k &&
          sufSkill[ti]! + sufOcc[ti]! + dPart + (priority ? W.boost : 0) < top.threshold - EPS
        )
          continue;
        const nE = this.vNE[v]!;
        const nO = this.vNO[v]!;
        let e = 0;
        let o = 0;
        const vs = this.vSkillStart[v]!;
        for (let q = 0, n2 = this.vSkillLen[v]!; q < n2; q++) {
          if (this.qKind[vpool[vs + q]!] === 1) {
            if (q < nE) e++;
            else o++;
          }
        }
        const c = this.closeness(this.vOcc[v]!, this.vIsco[v]!, occ, isco);
        if (e === 0 && o === 0 && c === 0) continue;
        const boost = priority && this.vPledged[v] ? W.boost : 0;
        const score = roundScore(
          (nE ? (W.essential * e) / nE : 0) + (nO ? (W.optional * o) / nO : 0) + c + dPart + boost,
        );
        top.offer(score, v);
      }
    }
    for (let q = ps; q < ps + pl; q++) this.qKind[ppool[q]!] = 0;
    return top.sorted().map((h) => ({ id: this.vacancyIds[h.slot]!, slot: h.slot, score: h.score }));
  }

  /**
   * One (person, vacancy) score with the person -> vacancies filters, or null when filtered out or not
   * relevant: the brute-force reference of `topVacancies` (benchmark and tests).
   */
  scorePair(pSlot: number, v: number): number | null {
    if (!this.vAlive[v] || !this.pAlive[pSlot]) return null;
    if (this.vEduMandatory[v] && this.pEdu[pSlot]! < this.vEdu[v]!) return null;
    for (const l of this.vLangs[v] ?? []) {
      const arr = this.pLang.get(l.language);
      if (!arr || arr[pSlot]! < l.rank) return null;
    }
    const pm = this.pMuni[pSlot]!;
    const r = this.pRadius[pSlot]!;
    let dPart: number;
    if (this.vRemote[v]) dPart = W.distance;
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
    const boost = this.pFlags[pSlot]! & 4 && this.vPledged[v] ? W.boost : 0;
    return roundScore(
      (nE ? (W.essential * e) / nE : 0) + (nO ? (W.optional * o) / nO : 0) + c + dPart + boost,
    );
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
    const remote = this.vRemote[vSlot] === 1;
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
      priorityBoost: this.vPledged[vSlot] && this.pFlags[pSlot]! & 4 ? W.boost : 0,
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
