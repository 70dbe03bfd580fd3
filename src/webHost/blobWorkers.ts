import { type StartWorker, WorkerPool } from '../core/notes/workerPool';

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
 * A worker there cannot load a script from the extension's origin, so the script is read by `readScript` (the
 * host's `workspace.fs`, once, at the first request) and started from a `blob:` URL. Undefined where this host
 * has no `Worker`; if the script cannot be read or the worker cannot start, the pool breaks and the caller
 * analyses in slices.
 */
export function blobWorkerPool(readScript: () => PromiseLike<Uint8Array>, options: { readonly size?: number; readonly idleMs?: number } = {}): WorkerPool | undefined {
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
      const worker = new Worker(href, { name: 'Alignment Notes analysis' });
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
      terminate: async () => {
        stopped = true;
        (await started.catch(() => undefined))?.terminate();
      },
    };
  };
  return new BlobWorkerPool(start, options.size ?? defaultSize(), options.idleMs === undefined ? {} : { idleMs: options.idleMs }, async () => {
    const href = await url?.catch(() => undefined);
    if (href) URL.revokeObjectURL(href);
  });
}

/** A pool that also lets go of its script's `blob:` URL when disposed. */
class BlobWorkerPool extends WorkerPool {
  constructor(
    start: StartWorker,
    size: number,
    options: { readonly idleMs?: number },
    private readonly release: () => Promise<void>,
  ) {
    super(start, size, options);
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await this.release();
  }
}

/** One core is left to the host's own thread, as in the desktop host. */
function defaultSize(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, cores - 1);
}
