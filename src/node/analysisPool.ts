import type { Worker as NodeWorker } from 'node:worker_threads';
import type { NoteAnalysis } from '../core/notes/noteAnalysis';

export interface AnalysisRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

export interface AnalysisResponse {
  readonly id: number;
  readonly analyses: readonly NoteAnalysis[];
}

/** Notes sent to a worker per message: big enough to amortise messaging, small enough to share out evenly. */
const BATCH = 32;

/**
 * Analyses notes on worker threads, one per core, so a cold index of a large workspace uses every core.
 * `node:worker_threads` is loaded lazily: where it does not exist (a web extension host) `create` returns
 * undefined and callers analyse on their own thread.
 */
export class AnalysisPool {
  readonly #workers: NodeWorker[];
  readonly #pending = new Map<number, { resolve: (analyses: readonly NoteAnalysis[]) => void; reject: (error: Error) => void }>();
  #next = 0;
  #turn = 0;

  private constructor(workers: NodeWorker[]) {
    this.#workers = workers;
    for (const worker of workers) {
      worker.on('message', (response: AnalysisResponse) => {
        this.#pending.get(response.id)?.resolve(response.analyses);
        this.#pending.delete(response.id);
      });
      worker.on('error', (error) => this.#failAll(error));
    }
  }

  /** A pool running `workerScript` (the bundled `analysisWorker.js`), or undefined without worker threads. Dispose it. */
  static create(workerScript: string, size?: number): AnalysisPool | undefined {
    try {
      // Required lazily: these modules are absent in web extension hosts, where this file is bundled too.
      const threads = require('node:worker_threads') as typeof import('node:worker_threads');
      const os = require('node:os') as typeof import('node:os');
      const count = Math.max(1, size ?? os.availableParallelism());
      return new AnalysisPool(Array.from({ length: count }, () => new threads.Worker(workerScript)));
    } catch {
      return undefined;
    }
  }

  /** Analyses the texts, in order, spread over the workers. */
  async analyse(texts: readonly string[]): Promise<NoteAnalysis[]> {
    const batches: Promise<readonly NoteAnalysis[]>[] = [];
    for (let i = 0; i < texts.length; i += BATCH) batches.push(this.#send(texts.slice(i, i + BATCH)));
    return (await Promise.all(batches)).flat();
  }

  #send(texts: readonly string[]): Promise<readonly NoteAnalysis[]> {
    const id = this.#next++;
    const worker = this.#workers[this.#turn++ % this.#workers.length];
    return new Promise((resolve, reject) => {
      if (!worker) return reject(new Error('the analysis pool has no workers'));
      this.#pending.set(id, { resolve, reject });
      const request: AnalysisRequest = { id, texts };
      worker.postMessage(request);
    });
  }

  #failAll(error: Error): void {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }

  async dispose(): Promise<void> {
    this.#failAll(new Error('the analysis pool was disposed'));
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
