import { type PoolTimes, type StartWorker, WorkerPool } from '../core/notes/workerPool';

/** The part of a dedicated `Worker` this uses (the project's types have no DOM). */
interface DedicatedWorker {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onerror: ((event: { readonly message?: string; preventDefault?(): void }) => void) | null;
  onmessageerror: (() => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

type WorkerConstructor = new (url: string, options?: { readonly name?: string }) => DedicatedWorker;

/** The analysis worker's script in the extension's folder, built beside the web bundle (esbuild.mjs). */
export const ANALYSIS_WORKER: readonly string[] = ['dist', 'web', 'analysisWorker.js'];

/**
 * Analyses notes on `Worker`s in the web worker extension host, whose own thread is then left to answer.
 * The extension's files are not always at a URL a worker can load (in code-server they are `vscode-remote:` URIs),
 * so the script is read by `readScript` (the host's `workspace.fs`, once, at the first request) and started from a
 * `blob:` URL, which code-server's host allows (a `data:` URL it refuses). Undefined where this host
 * has no `Worker`; if the script cannot be read or the worker cannot start, the pool breaks and the caller
 * analyses in slices.
 */
export function blobWorkerPool(readScript: () => PromiseLike<Uint8Array>, options: PoolTimes & { readonly size?: number } = {}): WorkerPool | undefined {
  const Worker = (globalThis as { Worker?: WorkerConstructor }).Worker;
  if (typeof Worker !== 'function') return undefined;
  let url: Promise<string> | undefined;
  const scriptUrl = (): Promise<string> =>
    (url ??= Promise.resolve(readScript()).then(
      (code) => URL.createObjectURL(new Blob([new Uint8Array(code)], { type: 'text/javascript' })),
      (error: unknown) => {
        throw new Error(`could not read the analysis worker's script (${error instanceof Error ? error.message : String(error)})`);
      },
    ));
  const start: StartWorker = (events) => {
    let stopped = false;
    const started = scriptUrl().then((href) => {
      if (stopped) return undefined;
      let worker: DedicatedWorker;
      try {
        worker = new Worker(href, { name: 'Alignment Notes analysis' });
      } catch (error) {
        throw new Error(`an analysis worker could not be started (${error instanceof Error ? error.message : String(error)})`);
      }
      worker.onmessage = (event) => events.message(event.data);
      worker.onerror = (event) => {
        event.preventDefault?.(); // reported here, not as the host's own uncaught error
        events.error(new Error(`an analysis worker failed (${event.message || 'its script could not be started'})`));
      };
      worker.onmessageerror = () => events.error(new Error('an analysis worker sent a message that could not be read'));
      return worker;
    });
    started.catch((error: unknown) => events.error(error instanceof Error ? error : new Error(String(error))));
    return {
      post: (request) => void started.then((worker) => worker?.postMessage(request), () => undefined),
      // Never waits for the script: a read that does not end must not hold up the extension's deactivation.
      terminate: () => {
        stopped = true;
        void started.then((worker) => worker?.terminate(), () => undefined);
        return Promise.resolve();
      },
    };
  };
  let released = false;
  return new BlobWorkerPool(start, options.size ?? defaultSize(), options, () => {
    if (released) return;
    released = true;
    void url?.then((href) => URL.revokeObjectURL(href), () => undefined);
  });
}

/** A pool that also lets go of its script's `blob:` URL when disposed. */
class BlobWorkerPool extends WorkerPool {
  constructor(
    start: StartWorker,
    size: number,
    options: PoolTimes,
    private readonly release: () => void,
  ) {
    super(start, size, options);
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    this.release();
  }
}

/** One core is left to the host's own thread, as in the desktop host. */
function defaultSize(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, cores - 1);
}
