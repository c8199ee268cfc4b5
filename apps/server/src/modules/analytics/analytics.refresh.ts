import type { Database } from '../../platform/db';
import {
  lockRefresh,
  markChanged,
  refreshState,
  replaceSummary,
  type RefreshState,
} from './analytics.repository';

/**
 * The skills-gap summary refresh job. Nothing in a process holds the truth: the summary, its snapshot time
 * (refreshed_at) and the time of the last write that matters (changed_at) are in the database, and the
 * rebuild runs under a transaction-scoped advisory lock, so with several app instances exactly one rebuilds
 * and the others skip. Every instance:
 * - notes a successful write to the modules that feed the analysis (`noteWrite`, from an onResponse hook),
 *   and records it in the database at most once per MARK_EVERY_MS, always after the write committed;
 * - checks every CHECK_EVERY_MS and rebuilds when a change is QUIET_MS old (debounce), or has waited
 *   MAX_WAIT_MS under continuous writes (never sooner than MIN_GAP_MS after the previous rebuild), or the
 *   summary is older than PERIOD_MS (catches writes that bypass the API: CLI imports, the demo seed, SQL).
 */
export const REFRESH_TIMING = {
  MARK_EVERY_MS: 1_000,
  CHECK_EVERY_MS: 5_000,
  QUIET_MS: 5_000,
  MAX_WAIT_MS: 60_000,
  /** Never rebuild sooner than this (or 3 times the last rebuild's duration) after the previous rebuild. */
  MIN_GAP_MS: 30_000,
  PERIOD_MS: 15 * 60_000,
};

/** API paths whose successful writes change supply or demand. */
const FEEDING_PATHS = [
  '/api/people',
  '/api/pathways',
  '/api/vacancies',
  '/api/companies',
  '/api/candidatures',
];
export const feedsSkillsGap = (method: string, url: string) =>
  method !== 'GET' && method !== 'HEAD' && FEEDING_PATHS.some((p) => url.startsWith(p));

export type RefreshOutcome = { refreshed: boolean; ms: number };

/**
 * Rebuilds the summary in one transaction (delete + one INSERT ... SELECT): readers keep seeing the previous
 * summary until it commits. `wait` blocks on the lock (first use), otherwise a busy lock means another
 * instance is rebuilding and this one skips. `due` is re-checked under the lock, so an instance that was
 * waiting does not rebuild again right after another one did.
 */
export async function refreshSkillsGapSummary(
  database: Database,
  opts: { wait?: boolean; due?: (s: RefreshState | null) => boolean } = {},
): Promise<RefreshOutcome> {
  const started = performance.now();
  const refreshed = await database.db.transaction(async (tx) => {
    if (!(await lockRefresh(tx, opts.wait ?? false))) return false;
    if (opts.due && !opts.due(await refreshState(tx))) return false;
    await replaceSummary(tx, started);
    return true;
  });
  return { refreshed, ms: performance.now() - started };
}

/** Whether the summary should be rebuilt now (see REFRESH_TIMING). */
export function refreshDue(s: RefreshState | null, t = REFRESH_TIMING): boolean {
  const refreshed = s?.refreshed_at ?? null;
  if (!s || refreshed === null) return true;
  if (s.now - refreshed >= t.PERIOD_MS) return true;
  if (s.changed_at === null || s.changed_at <= refreshed) return false;
  // A rebuild takes a while at regional scale (about 90 s at 1M people): keep the job to at most a third of
  // the time, so the database is not rebuilding all the time under continuous writes.
  if (s.now - refreshed < Math.max(t.MIN_GAP_MS, 3 * (s.refresh_ms ?? 0))) return false;
  return s.now - s.changed_at >= t.QUIET_MS || s.now - refreshed >= t.MAX_WAIT_MS;
}

/** The per-instance scheduler: marks writes and triggers refreshes. Timers are unref'd; stop() awaits. */
export function startRefreshScheduler(
  database: Database,
  log: { error: (obj: unknown, msg: string) => void; info: (obj: unknown, msg: string) => void },
  timing = REFRESH_TIMING,
) {
  let wrote = false;
  let busy: Promise<unknown> | null = null;
  let stopped = false;
  const run = (work: () => Promise<unknown>) => {
    if (busy || stopped) return;
    busy = work()
      .catch((err: unknown) => log.error({ err }, 'skills-gap summary job failed'))
      .finally(() => (busy = null));
  };
  let marking: Promise<unknown> | null = null;
  const mark = setInterval(() => {
    if (!wrote || marking || stopped) return;
    wrote = false;
    marking = markChanged(database.db)
      .catch((err: unknown) => {
        wrote = true; // try again on the next tick
        log.error({ err }, 'skills-gap change mark failed');
      })
      .finally(() => (marking = null));
  }, timing.MARK_EVERY_MS);
  const check = setInterval(() => {
    run(async () => {
      if (!refreshDue(await refreshState(database.db), timing)) return;
      const out = await refreshSkillsGapSummary(database, { due: (s) => refreshDue(s, timing) });
      if (out.refreshed) log.info({ ms: Math.round(out.ms) }, 'skills-gap summary refreshed');
    });
  }, timing.CHECK_EVERY_MS);
  mark.unref();
  check.unref();
  return {
    noteWrite: () => {
      wrote = true;
    },
    stop: async () => {
      stopped = true;
      clearInterval(mark);
      clearInterval(check);
      await Promise.all([busy, marking]);
    },
  };
}
