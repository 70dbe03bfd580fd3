import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type StartWorker, WorkerPool } from '../core/notes/workerPool';
import type { WorkerData } from './workerData';

/** How a pool runs its workers. */
export interface PoolOptions {
  /** Idle time after which the workers stop (30 s by default). */
  readonly idleMs?: number;
  /**
   * Analysis is background work (the extension host's): the workers ask for the lowest priority (see
   * `analysisWorker.ts`), so that on a busy machine the threads that answer the user get a core first.
   */
  readonly background?: boolean;
}

/** Starts worker threads running `file` (`analysisWorker.js`). */
function workerThreads(file: string, background: boolean): StartWorker {
  return (events) => {
    const workerData: WorkerData = { background };
    const worker = new Worker(file, { workerData });
    worker.on('message', (message: unknown) => events.message(message));
    worker.on('error', (error) => events.error(error));
    worker.on('exit', (code) => events.exit(`exit code ${code}`));
    return { post: (request) => worker.postMessage(request), terminate: () => worker.terminate() };
  };
}

/** Analyses notes on worker threads (`analysisWorker.js`) for the CLI and the desktop extension host. */
export class AnalysisPool extends WorkerPool {
  /**
   * A pool for the bundle that holds this code (dist/cli.js, dist/extension.js): the worker is built beside it.
   * `size` by default leaves one core to the caller's own thread.
   */
  static besideBundle(options: PoolOptions & { readonly size?: number } = {}): AnalysisPool {
    return new AnalysisPool(join(__dirname, 'analysisWorker.js'), options.size ?? Math.max(1, availableParallelism() - 1), options);
  }

  /** `file` is the worker's script; `size` threads are started on the first request. */
  constructor(file: string, size: number, { idleMs, background = false }: PoolOptions = {}) {
    super(workerThreads(file, background), size, idleMs === undefined ? {} : { idleMs });
  }
}
