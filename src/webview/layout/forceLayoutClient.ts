import workerSource from './forceLayout.worker.ts?worker';
import type { ForceInput } from './forceSimulation';
import { isLayoutProgress, type LayoutProgress, type ToLayoutWorker } from './workerProtocol';

/**
 * Runs force layouts in a web worker so the map's thread only draws. The worker's bundle is inlined into
 * the page's script and started from a `blob:` URL: a webview cannot start a worker from its resource
 * origin, and this way there is no second file to fetch (the CSP allows `worker-src blob:` only).
 */
export class ForceLayoutClient {
  #worker: Worker | undefined;
  #url: string | undefined;
  #run = 0;
  #onProgress: ((progress: LayoutProgress) => void) | undefined;

  /**
   * Starts a layout, replacing any running one; `onProgress` gets positions until one says `settled`.
   * Returns false when no worker can be started.
   */
  start(input: ForceInput, onProgress: (progress: LayoutProgress) => void): boolean {
    const worker = this.#ensureWorker();
    if (!worker) return false;
    this.#run++;
    this.#onProgress = onProgress;
    const message: ToLayoutWorker = { type: 'layout', run: this.#run, ...input };
    worker.postMessage(message, [input.x.buffer, input.y.buffer, input.fixed.buffer, input.cluster.buffer, input.radius.buffer, input.links.buffer]);
    return true;
  }

  /** Stops the running layout; its later progress is ignored. */
  stop(): void {
    this.#run++;
    this.#onProgress = undefined;
    const message: ToLayoutWorker = { type: 'stop' };
    this.#worker?.postMessage(message);
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#onProgress = undefined;
  }

  #ensureWorker(): Worker | undefined {
    if (this.#worker) return this.#worker;
    this.#url ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    let worker: Worker;
    try {
      worker = new Worker(this.#url);
    } catch {
      return undefined;
    }
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const progress = event.data;
      if (!isLayoutProgress(progress) || progress.run !== this.#run) return;
      this.#onProgress?.(progress);
    };
    this.#worker = worker;
    return worker;
  }
}
