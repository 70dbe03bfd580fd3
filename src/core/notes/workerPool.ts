import type { PackedAnalysisJson } from '../index/packedAnalysis';
import { type AnalysisRequest, isAnalysisReply, WORKER_READY } from './analysisMessages';
import type { NoteAnalyser, Urgency } from './noteAnalyser';

/** Characters of note text per message: large enough that a message's cost is small, small enough to share work evenly. */
const BATCH_CHARS = 256 * 1024;
/** Requests a worker holds at once: the next is waiting while the last reply crosses over. */
const IN_FLIGHT = 2;
/** Idle time after which the workers stop, giving their memory back; the next request starts them again. */
const IDLE_MS = 30_000;
/**
 * How long a new worker has to say it is ready (`WORKER_READY`). A browser's `Worker` reports no exit, and a host's
 * stand-in for one may report no error either: without this, a worker that never loads would keep every request,
 * and the first index, waiting forever instead of falling back to the caller's thread.
 */
const READY_MS = 20_000;

/** A pool's timings: how long idle workers live (`idleMs`) and how long a new one has to say it is ready (`readyMs`). */
export interface PoolTimes {
  readonly idleMs?: number;
  readonly readyMs?: number;
}

/** What a worker tells its pool. */
export interface WorkerEvents {
  message(message: unknown): void;
  /** The worker failed (its script threw, or could not be loaded). */
  error(error: Error): void;
  /** The worker stopped; an unexpected stop breaks the pool. */
  exit(reason: string): void;
}

/** One analysis worker, as the host starts it (`node:worker_threads` in Node, a `Worker` in the web worker host). */
export interface AnalysisWorker {
  post(request: AnalysisRequest): void;
  terminate(): Promise<unknown>;
}

/**
 * Starts one worker that says `WORKER_READY`, then answers `AnalysisRequest`s (`answerRequest`), and reports to
 * `events`. It may throw, or report an error at once; either breaks the pool.
 */
export type StartWorker = (events: WorkerEvents) => AnalysisWorker;

interface Job {
  readonly request: AnalysisRequest;
  readonly resolve: (analyses: readonly PackedAnalysisJson[]) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: AnalysisWorker;
  readonly jobs: Map<number, Job>;
  /** Set when the pool stops an idle worker, whose exit is then no failure. */
  retired: boolean;
  /** Breaks the pool unless the worker says it is ready first. */
  readonly late: ReturnType<typeof setTimeout>;
}

/**
 * Analyses notes on workers, a few hundred kilobytes of text per message, and hands back each note's packed
 * analysis. The same queue for every host; only starting a worker differs (`StartWorker`). Once a worker fails,
 * the pool is broken: every pending and later request rejects, and the caller analyses on its own thread instead.
 */
export class WorkerPool implements NoteAnalyser {
  readonly #threads: Thread[] = [];
  readonly #queue: Job[] = [];
  #nextId = 0;
  #broken: Error | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  readonly #idleMs: number;
  readonly #readyMs: number;

  /**
   * `size` workers are started on the first request; they stop after `idleMs` without one. A worker that has not
   * said it is ready after `readyMs` breaks the pool.
   */
  constructor(
    private readonly startWorker: StartWorker,
    private readonly size: number,
    { idleMs = IDLE_MS, readyMs = READY_MS }: PoolTimes = {},
  ) {
    this.#idleMs = idleMs;
    this.#readyMs = readyMs;
  }

  /** Workers running now: none before the first request and after an idle time. */
  get running(): number {
    return this.#threads.length;
  }

  /**
   * Analyses `texts`, calling `onAnalysed` for each in their order as soon as it and every earlier one are
   * done, so the caller can store results while the workers go on. Urgent texts go before any queued. Rejects
   * when a worker fails; the texts already handed over stay handed over. Once `signal` aborts (a newer text
   * overtook these), the texts no worker has yet are dropped and this resolves without the rest.
   */
  async analyse(
    texts: readonly string[],
    onAnalysed: (index: number, analysis: PackedAnalysisJson) => void,
    urgency: Urgency = 'later',
    signal?: AbortSignal,
  ): Promise<void> {
    if (signal?.aborted) return;
    const batches = batchesOf(texts);
    const jobs: Job[] = [];
    const replies = (urgency === 'now' ? [...batches].reverse() : batches).map(({ texts: batch }) => this.#request(batch, urgency, jobs));
    if (urgency === 'now') replies.reverse();
    // When one reply fails, the later ones fail with it, unawaited: they must not count as unhandled.
    for (const reply of replies) reply.catch(() => undefined);
    let stop: () => void = () => undefined;
    const aborted = new Promise<undefined>((resolve) => {
      stop = () => {
        this.#drop(jobs);
        resolve(undefined);
      };
    });
    signal?.addEventListener('abort', stop, { once: true });
    try {
      let first = 0;
      for (const [i, reply] of replies.entries()) {
        const analyses = signal ? await Promise.race([reply, aborted]) : await reply;
        if (!analyses) return;
        analyses.forEach((analysis, j) => onAnalysed(first + j, analysis));
        first += batches[i]?.texts.length ?? 0;
      }
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /** Takes `jobs` out of the queue: those a worker holds already are answered, and their answers ignored. */
  #drop(jobs: readonly Job[]): void {
    const dropped = new Set(jobs);
    const kept = this.#queue.filter((job) => !dropped.has(job));
    this.#queue.splice(0, this.#queue.length, ...kept);
    for (const job of jobs) job.resolve([]);
    if (this.#queue.length === 0 && this.#threads.every((t) => t.jobs.size === 0)) this.#retireWhenIdle();
  }

  #request(texts: readonly string[], urgency: Urgency, jobs: Job[]): Promise<readonly PackedAnalysisJson[]> {
    return new Promise((resolve, reject) => {
      if (this.#broken) return reject(this.#broken);
      clearTimeout(this.#idle);
      const job = { request: { id: this.#nextId++, texts }, resolve, reject };
      jobs.push(job);
      if (urgency === 'now') this.#queue.unshift(job);
      else this.#queue.push(job);
      this.#start();
      this.#dispatch();
    });
  }

  #start(): void {
    while (this.#threads.length < this.size && !this.#broken) {
      const jobs = new Map<number, Job>();
      let thread: Thread | undefined;
      const late = setTimeout(() => this.#fail(new Error(`an analysis worker did not start within ${this.#readyMs / 1000} s`)), this.#readyMs);
      unref(late);
      let worker: AnalysisWorker;
      try {
        worker = this.startWorker({
          message: (message) => {
            clearTimeout(late);
            if (message === WORKER_READY) return;
            if (!isAnalysisReply(message)) return this.#fail(new Error('an analysis worker sent a malformed message'));
            const job = jobs.get(message.id);
            if (!job || message.analyses.length !== job.request.texts.length) return this.#fail(new Error('an analysis worker answered the wrong request'));
            jobs.delete(message.id);
            job.resolve(message.analyses);
            this.#dispatch();
            if (this.#queue.length === 0 && this.#threads.every((t) => t.jobs.size === 0)) this.#retireWhenIdle();
          },
          error: (error) => {
            clearTimeout(late);
            this.#fail(error);
          },
          exit: (reason) => {
            clearTimeout(late);
            if (!this.#broken && !thread?.retired) this.#fail(new Error(`an analysis worker stopped (${reason})`));
          },
        });
      } catch (error) {
        clearTimeout(late);
        return this.#fail(error instanceof Error ? error : new Error(String(error)));
      }
      if (this.#broken) {
        // It reported an error while starting: the pool's disposal has run already, without it.
        clearTimeout(late);
        void worker.terminate();
        return;
      }
      thread = { worker, jobs, retired: false, late };
      this.#threads.push(thread);
    }
  }

  /** Gives queued requests to the least busy workers. */
  #dispatch(): void {
    while (this.#queue.length > 0) {
      const thread = this.#threads.reduce<Thread | undefined>((best, t) => (t.jobs.size < IN_FLIGHT && (!best || t.jobs.size < best.jobs.size) ? t : best), undefined);
      const job = thread && this.#queue.shift();
      if (!thread || !job) return;
      thread.jobs.set(job.request.id, job);
      thread.worker.post(job.request);
    }
  }

  #retireWhenIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      for (const thread of this.#threads.splice(0)) {
        thread.retired = true;
        clearTimeout(thread.late);
        void thread.worker.terminate();
      }
    }, this.#idleMs);
    unref(this.#idle);
  }

  #fail(error: Error): void {
    this.#broken ??= error;
    void this.dispose();
  }

  /** Stops the workers; pending and later requests reject. */
  async dispose(): Promise<void> {
    this.#broken ??= new Error('the analysis pool was disposed');
    clearTimeout(this.#idle);
    const threads = this.#threads.splice(0);
    const pending = [...this.#queue.splice(0), ...threads.flatMap((t) => [...t.jobs.values()])];
    for (const thread of threads) {
      thread.jobs.clear();
      clearTimeout(thread.late);
    }
    for (const job of pending) job.reject(this.#broken);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}

/** An idle timer is never what keeps a Node process alive; a browser's timers are numbers, with nothing to do. */
function unref(timer: unknown): void {
  if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') timer.unref();
}

/** Consecutive texts, about `BATCH_CHARS` of them per batch (a longer note alone). */
function batchesOf(texts: readonly string[]): { texts: readonly string[] }[] {
  const batches: { texts: string[] }[] = [];
  let chars = BATCH_CHARS;
  for (const text of texts) {
    if (chars + text.length > BATCH_CHARS) {
      batches.push({ texts: [] });
      chars = 0;
    }
    batches.at(-1)?.texts.push(text);
    chars += text.length;
  }
  return batches;
}
