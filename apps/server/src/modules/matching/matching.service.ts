/**
 * One matching engine per app instance, built from the database on first use and kept fresh by polling
 * watermarks every `pollMs` (500 ms): people.updated_at (every change to a record, its skills, languages
 * and work history bumps it), person_consents given/withdrawn times, vacancies.updated_at, and a company's
 * organizations.updated_at (archiving or restoring it reloads its vacancies). Each poll
 * re-reads the rows changed since the previous poll minus an overlap window (5 s), so a transaction
 * that started before a poll and committed after it is still seen; rows already applied with the same
 * stamp are skipped. A change committed through any instance therefore shows on every instance within
 * about pollMs + the poll's own duration.
 *
 * Full builds run off the event loop (matching.build.ts): a worker thread reads and indexes (on
 * PostgreSQL with its own connection; on PGlite from column data read here in chunks), and the engine
 * adopts the transferred buffers. A rebuild (a third of the slots dead, appended postings over 10% of
 * the bulk-built ones, or every `rebuildMs` = 15 min for deleted rows and transactions longer than the
 * overlap) runs in the background while queries and polls keep using the current engine; the next
 * poll brings the new engine up to date from its own watermark (taken before its read began), then
 * swaps it in, so no committed change is lost or hidden by the swap.
 */
import type { Database } from '../../platform/db';
import {
  IN_THREAD_MAX,
  personInput,
  readColumns,
  vacancyInput,
  type PersonRow,
  type VacancyRow,
} from './matching.build';
import { buildIndex, MatchingEngine } from './matching.engine';
import { MATCHABLE_VACANCY, peopleSource, vacanciesSource } from './matching.sql';
import { buildInWorker } from './matching.worker';

export { personInput, vacancyInput };

interface Snapshot {
  engine: MatchingEngine;
  /** Database time of the last poll applied to this engine (ISO). */
  watermark: string;
  applied: Map<string, string>;
  builtAt: number;
}

export interface MatchingServiceOptions {
  pollMs?: number;
  overlapMs?: number;
  rebuildMs?: number;
  /** Where full builds run: 'auto' (worker on PostgreSQL and for large PGlite data), 'worker', 'thread'. */
  build?: 'auto' | 'worker' | 'thread';
}

export class MatchingService {
  private snap: Snapshot | null = null;
  /** A rebuilt engine waiting for its catch-up poll before it is swapped in. */
  private pending: Snapshot | null = null;
  private building: Promise<MatchingEngine> | null = null;
  private rebuilding: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  readonly pollMs: number;
  readonly overlapMs: number;
  /** Full rebuild period: catches what watermarks cannot (deleted rows, transactions longer than the overlap). */
  readonly rebuildMs: number;
  readonly buildMode: 'auto' | 'worker' | 'thread';
  /** Last full build: wall time, where it ran, and the time the event loop spent adopting the index. */
  lastBuild = { ms: 0, where: 'thread' as 'thread' | 'worker', mainThreadMs: 0, people: 0, vacancies: 0 };
  lastRefreshMs = 0;
  builds = 0;

  constructor(
    private database: Database,
    opts: MatchingServiceOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 500;
    this.overlapMs = opts.overlapMs ?? 5000;
    this.rebuildMs = opts.rebuildMs ?? 15 * 60_000;
    this.buildMode = opts.build ?? 'auto';
  }

  /** Database time of the last poll applied to the engine in use (ISO). */
  get watermark() {
    return this.snap?.watermark ?? '';
  }

  /** The engine, built on first use. */
  async ready(): Promise<MatchingEngine> {
    if (this.snap) return this.snap.engine;
    this.building ??= this.build().then(
      (s) => {
        this.snap = s;
        this.building = null;
        this.startPolling();
        return s.engine;
      },
      (err: unknown) => {
        this.building = null;
        throw err;
      },
    );
    return this.building;
  }

  private async build(): Promise<Snapshot> {
    const t0 = performance.now();
    // Taken before the read begins: the first poll re-reads everything committed since (minus the overlap).
    const [{ now }] = (await this.database.query<{ now: string }>(
      `select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`,
    )) as [{ now: string }];
    const url = this.database.kind === 'postgres' ? this.connectionString() : null;
    let engine: MatchingEngine | null = null;
    let where: 'thread' | 'worker' = 'thread';
    let mainThreadMs = 0;
    if (url && this.buildMode !== 'thread') {
      try {
        const r = await buildInWorker({ kind: 'pg', url });
        const a0 = performance.now();
        engine = MatchingEngine.fromIndex(r.index);
        mainThreadMs = performance.now() - a0;
        where = 'worker';
      } catch (err) {
        console.error(`matching: worker build failed, building in the main thread: ${String(err)}`);
      }
    }
    if (!engine) {
      const raw = await readColumns(this.database.query.bind(this.database), { yieldBetweenChunks: true });
      const useWorker =
        this.buildMode === 'worker' || (this.buildMode === 'auto' && raw.people.n >= IN_THREAD_MAX);
      if (useWorker) {
        try {
          const r = await buildInWorker({ kind: 'raw', raw });
          const a0 = performance.now();
          engine = MatchingEngine.fromIndex(r.index);
          mainThreadMs = performance.now() - a0;
          where = 'worker';
        } catch (err) {
          console.error(`matching: worker build failed, building in the main thread: ${String(err)}`);
          // The column buffers went to the worker: read again.
          const again = await readColumns(this.database.query.bind(this.database), {
            yieldBetweenChunks: true,
          });
          engine = MatchingEngine.fromIndex(buildIndex(again));
        }
      } else engine = MatchingEngine.fromIndex(buildIndex(raw));
    }
    this.builds++;
    this.lastBuild = {
      ms: performance.now() - t0,
      where,
      mainThreadMs,
      people: engine.peopleAlive,
      vacancies: engine.vacanciesAlive,
    };
    return { engine, watermark: now, applied: new Map(), builtAt: Date.now() };
  }

  private connectionString(): string | null {
    const opts = (this.database.pool as unknown as { options?: { connectionString?: string } } | undefined)
      ?.options;
    return opts?.connectionString ?? null;
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
    if (!this.snap || this.closed) return Promise.resolve();
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh() {
    const t0 = performance.now();
    const pending = this.pending;
    if (pending) {
      // Catch the rebuilt engine up from its own watermark, then swap it in.
      await this.applyChanges(pending);
      this.pending = null;
      if (!this.closed) this.snap = pending;
    } else await this.applyChanges(this.snap!);
    this.lastRefreshMs = performance.now() - t0;
    const engine = this.snap!.engine;
    const stale = Date.now() - this.snap!.builtAt > this.rebuildMs;
    const worn =
      engine.personSlots + engine.vacancySlots > 10_000 &&
      (engine.deadRatio() > 1 / 3 || engine.deltaRatio() > 0.1);
    if ((stale || worn) && !this.rebuilding && !this.pending && !this.closed) {
      this.rebuilding = this.build()
        .then((s) => {
          if (!this.closed) this.pending = s;
        })
        .catch((err: unknown) => console.error(`matching: rebuild failed: ${String(err)}`))
        .finally(() => {
          this.rebuilding = null;
        });
    }
  }

  private async applyChanges(snap: Snapshot) {
    const engine = snap.engine;
    const since = snap.watermark;
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
       select 'v', v.id::text, o.updated_at::text from organizations o
         join vacancies v on v.organization_id = o.id and v.status = 'open', w
         where o.updated_at > w.since and o.type = 'company'
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
      if (snap.applied.has(key)) continue;
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
      // Closed, deleted or of a company archived since: not found, so out of the engine.
      const rows = await this.database.query<VacancyRow>(
        vacanciesSource(`v.id = any($1::uuid[]) and ${MATCHABLE_VACANCY}`),
        [ids],
      );
      const found = new Map(rows.map((r) => [r.id, r]));
      for (const id of ids) {
        const r = found.get(id);
        engine.upsertVacancy(id, r && r.status === 'open' ? vacancyInput(r) : null);
      }
    }
    // Keep only the stamps still inside the overlap window.
    snap.applied = seenNow;
    snap.watermark = now;
  }

  /** The engine now, refreshed first when the caller knows of a change newer than the watermark. */
  async current(changedAt?: Date | null): Promise<MatchingEngine> {
    const engine = await this.ready();
    if (changedAt && this.watermark && changedAt.getTime() > Date.parse(this.watermark) - this.overlapMs) {
      // Read your writes: a poll already running may have started before the change committed.
      if (this.refreshing) await this.refreshing;
      await this.refresh();
      return this.snap!.engine;
    }
    return engine;
  }

  /** Builds a fresh engine now and swaps it in after catching it up (tests, operations). */
  async rebuild(): Promise<void> {
    await this.ready();
    const s = await this.build();
    if (this.closed) return;
    this.pending = s;
    if (this.refreshing) await this.refreshing;
    await this.refresh();
  }

  close() {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
