/** Starts the index worker thread (matching.worker-boot.mjs -> matching.worker-main.ts) for one build. */
import { Worker } from 'node:worker_threads';
import { transferables, type EngineIndex, type RawData } from './matching.engine';

/** 'pg': the worker reads the database itself (peopleSource/vacancies: the benchmark's own tables). */
export type WorkerRequest =
  { kind: 'pg'; url: string; peopleSource?: string; vacancies?: boolean } | { kind: 'raw'; raw: RawData };

export interface WorkerResult {
  index: EngineIndex;
  readMs: number;
  buildMs: number;
}

export function buildInWorker(req: WorkerRequest): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./matching.worker-boot.mjs', import.meta.url));
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (m: ({ ok: true } & WorkerResult) | { ok: false; error: string }) =>
      finish(() => (m.ok ? resolve(m) : reject(new Error(`matching index worker: ${m.error}`)))),
    );
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`matching index worker exited (${code})`))));
    worker.postMessage(req, req.kind === 'raw' ? transferables(req.raw) : []);
  });
}
