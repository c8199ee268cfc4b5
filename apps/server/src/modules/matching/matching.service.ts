/**
 * One matching engine per app instance, built from the database on first use and kept fresh by polling
 * watermarks every `pollMs` (500 ms): people.updated_at (every change to a record, its skills, languages
 * and work history bumps it), person_consents given/withdrawn times, vacancies.updated_at. Each poll
 * re-reads the rows changed since the previous poll minus an overlap window (5 s), so a transaction
 * that started before a poll and committed after it is still seen; rows already applied with the same
 * stamp are skipped. A change committed through any instance therefore shows on every instance within
 * about pollMs + the poll's own duration. When a third of the slots are dead (changed records), or
 * every `rebuildMs` (15 min: deleted rows, transactions longer than the overlap), the engine is rebuilt
 * and swapped in; queries keep using the current engine meanwhile.
 */
import type { Database } from '../../platform/db';
import { MatchingEngine, type PersonInput, type VacancyInput } from './matching.engine';
import { peopleSource, vacanciesSource } from './matching.sql';

interface PersonRow {
  id: string;
  municipality_code: string | null;
  lat: number | null;
  lon: number | null;
  radius_km: number;
  education: number;
  occupation_id: number | null;
  isco4: number | null;
  consent: boolean;
  available: boolean;
  priority: boolean;
  skills: number[];
  langs: string[];
}

interface VacancyRow {
  id: string;
  municipality_code: string;
  lat: number | null;
  lon: number | null;
  remote: boolean;
  education_level: number | null;
  education_mandatory: boolean;
  occupation_id: number;
  isco_group: string | null;
  pledged: boolean;
  status: string;
  essential: number[];
  optional: number[];
  mandatory_languages: { language: string; minLevel: string }[] | string;
}

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];

export function personInput(r: PersonRow): PersonInput {
  // langs are expanded ('it:1'..'it:7'): keep the highest level per language.
  const best = new Map<string, number>();
  for (const l of r.langs) {
    const [lang, g] = l.split(':');
    best.set(lang!, Math.max(best.get(lang!) ?? 0, Number(g)));
  }
  return {
    id: r.id,
    municipalityCode: r.municipality_code,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    radiusKm: Number(r.radius_km),
    educationLevel: r.education || null,
    occupationId: r.occupation_id,
    iscoGroup: r.isco4 === null ? null : String(r.isco4),
    consent: r.consent,
    available: r.available,
    priority: r.priority,
    skills: r.skills.map(Number),
    languages: [...best].map(([language, g]) => ({ language, level: LEVELS[g - 1]! })),
  };
}

export function vacancyInput(r: VacancyRow): VacancyInput {
  const langs =
    typeof r.mandatory_languages === 'string'
      ? (JSON.parse(r.mandatory_languages) as { language: string; minLevel: string }[])
      : r.mandatory_languages;
  return {
    id: r.id,
    municipalityCode: r.municipality_code,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    remote: r.remote,
    educationLevel: r.education_level,
    educationMandatory: r.education_mandatory,
    occupationId: r.occupation_id,
    iscoGroup: r.isco_group,
    pledged: r.pledged,
    essential: r.essential.map(Number),
    optional: r.optional.map(Number),
    mandatoryLanguages: langs,
  };
}

const BATCH = 20_000;

async function loadAll(database: Database, engine: MatchingEngine) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await database.query<PersonRow>(
      `${peopleSource('p.id > $1::uuid')} order by p.id limit ${BATCH}`,
      [after],
    );
    for (const r of rows) engine.upsertPerson(r.id, personInput(r));
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  const vs = await database.query<VacancyRow>(vacanciesSource(`v.status = 'open'`));
  for (const r of vs) engine.upsertVacancy(r.id, vacancyInput(r));
}

export interface MatchingServiceOptions {
  pollMs?: number;
  overlapMs?: number;
  rebuildMs?: number;
}

export class MatchingService {
  private engine: MatchingEngine | null = null;
  private building: Promise<MatchingEngine> | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Database time of the last poll (ISO). */
  watermark = '';
  private applied = new Map<string, string>();
  readonly pollMs: number;
  readonly overlapMs: number;
  lastBuildMs = 0;
  private builtAt = 0;
  /** Full rebuild period: catches what watermarks cannot (deleted rows, transactions longer than the overlap). */
  readonly rebuildMs: number;
  lastRefreshMs = 0;

  constructor(
    private database: Database,
    opts: MatchingServiceOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 500;
    this.overlapMs = opts.overlapMs ?? 5000;
    this.rebuildMs = opts.rebuildMs ?? 15 * 60_000;
  }

  /** The engine, built on first use. */
  async ready(): Promise<MatchingEngine> {
    if (this.engine) return this.engine;
    this.building ??= this.build().then((e) => {
      this.engine = e;
      this.building = null;
      this.startPolling();
      return e;
    });
    return this.building;
  }

  private async build(): Promise<MatchingEngine> {
    const t0 = performance.now();
    const [{ now }] = (await this.database.query<{ now: string }>(
      `select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`,
    )) as [{ now: string }];
    const engine = new MatchingEngine();
    await loadAll(this.database, engine);
    this.watermark = now;
    this.applied.clear();
    this.lastBuildMs = performance.now() - t0;
    this.builtAt = Date.now();
    return engine;
  }

  private startPolling() {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      this.refresh().catch(() => undefined); // a failed poll is retried on the next tick
    }, this.pollMs);
    this.timer.unref();
  }

  /** Applies the changes committed since the last poll (one at a time; callers may await it). */
  refresh(): Promise<void> {
    if (!this.engine || this.closed) return Promise.resolve();
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh() {
    const engine = this.engine!;
    const t0 = performance.now();
    const since = this.watermark;
    const overlap = `${this.overlapMs} milliseconds`;
    const changes = await this.database.query<{ kind: string; id: string; stamp: string; now: string }>(
      `with w as (select $1::timestamptz - $2::interval as since)
       select 'p' as kind, p.id::text as id, p.updated_at::text as stamp from people p, w where p.updated_at > w.since
       union all
       select 'c', c.person_id::text, greatest(c.given_at, coalesce(c.withdrawn_at, c.given_at))::text
         from person_consents c, w where c.given_at > w.since or c.withdrawn_at > w.since
       union all
       select 'v', v.id::text, v.updated_at::text from vacancies v, w where v.updated_at > w.since
       union all
       select 'now', '', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      [since, overlap],
    );
    const people = new Set<string>();
    const vacancies = new Set<string>();
    let now = since;
    const seenNow = new Map<string, string>();
    for (const c of changes) {
      if (c.kind === 'now') {
        now = c.stamp;
        continue;
      }
      const key = `${c.kind}:${c.id}:${c.stamp}`;
      seenNow.set(key, c.stamp);
      if (this.applied.has(key)) continue;
      (c.kind === 'v' ? vacancies : people).add(c.id);
    }
    if (people.size) {
      const ids = [...people];
      const rows = await this.database.query<PersonRow>(peopleSource('p.id = any($1::uuid[])'), [ids]);
      const found = new Map(rows.map((r) => [r.id, r]));
      for (const id of ids) {
        const r = found.get(id);
        engine.upsertPerson(id, r ? personInput(r) : null);
      }
    }
    if (vacancies.size) {
      const ids = [...vacancies];
      const rows = await this.database.query<VacancyRow>(vacanciesSource('v.id = any($1::uuid[])'), [ids]);
      const found = new Map(rows.map((r) => [r.id, r]));
      for (const id of ids) {
        const r = found.get(id);
        engine.upsertVacancy(id, r && r.status === 'open' ? vacancyInput(r) : null);
      }
    }
    // Keep only the stamps still inside the overlap window.
    this.applied = seenNow;
    this.watermark = now;
    this.lastRefreshMs = performance.now() - t0;
    const stale = Date.now() - this.builtAt > this.rebuildMs;
    if (
      stale ||
      (engine.deadRatio() > 1 / 3 && engine.personIds.length + engine.vacancyIds.length > 10_000)
    ) {
      const fresh = await this.build();
      if (!this.closed) this.engine = fresh;
    }
  }

  /** The engine now, refreshed first when the caller knows of a change newer than the watermark. */
  async current(changedAt?: Date | null): Promise<MatchingEngine> {
    const engine = await this.ready();
    if (changedAt && this.watermark && changedAt.getTime() > Date.parse(this.watermark) - this.overlapMs) {
      // Read your writes: a poll already running may have started before the change committed.
      if (this.refreshing) await this.refreshing;
      await this.refresh();
      return this.engine!;
    }
    return engine;
  }

  close() {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
