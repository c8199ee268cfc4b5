/**
 * The matching index worker thread: builds the engine's index off the event loop and posts it back as
 * transferable buffers. Messages in: { kind: 'pg', url } (read the database itself on its own
 * connection) or { kind: 'raw', raw } (column data read by the main thread, on PGlite). Out:
 * { ok: true, index, readMs, buildMs } or { ok: false, error }.
 */
import { parentPort } from 'node:worker_threads';
import pg from 'pg';
import { readColumns } from './matching.build';
import { buildIndex, transferables, type RawData } from './matching.engine';
import type { WorkerRequest } from './matching.worker';

parentPort!.once('message', (msg: WorkerRequest) => {
  void (async () => {
    try {
      const t0 = performance.now();
      let raw: RawData;
      if (msg.kind === 'pg') {
        const client = new pg.Client({ connectionString: msg.url });
        await client.connect();
        try {
          raw = await readColumns(
            async (text, params) => (await client.query(text, params as unknown[])).rows,
            {
              ...(msg.peopleSource ? { peopleSource: msg.peopleSource } : {}),
              ...(msg.vacancies === false ? { vacancies: false } : {}),
            },
          );
        } finally {
          await client.end();
        }
      } else raw = msg.raw;
      const t1 = performance.now();
      const index = buildIndex(raw);
      const t2 = performance.now();
      parentPort!.postMessage({ ok: true, index, readMs: t1 - t0, buildMs: t2 - t1 }, transferables(index));
    } catch (err) {
      parentPort!.postMessage({
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
    }
  })();
});
