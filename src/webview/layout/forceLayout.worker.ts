import { ForceRun } from './forceSimulation';
import { isToLayoutWorker, type LayoutProgress } from './workerProtocol';

/**
 * The layout worker: runs the force layout off the page's thread and posts positions a few times a
 * second until it settles, then stops. A new `layout` message replaces the running job.
 */

/** The part of the worker's global scope this file uses (the webview's TypeScript project has the DOM types). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: LayoutProgress, options: { transfer: Transferable[] }): void;
}

const scope = self as unknown as WorkerScope;
/** Ticks between yields, so a new message is read within a frame or two. */
const SLICE_MS = 30;
/** How often the page gets positions while the layout moves. */
const POST_EVERY_MS = 500;

let current: { run: number; layout: ForceRun } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function post(run: number, layout: ForceRun): void {
  const { x, y } = layout.positions();
  scope.postMessage({ type: 'positions', run, x, y, settled: layout.settled }, { transfer: [x.buffer, y.buffer] });
}

function work(lastPost: number): void {
  const job = current;
  if (!job) return;
  job.layout.step(SLICE_MS, () => performance.now());
  if (job.layout.settled) {
    post(job.run, job.layout);
    current = undefined;
    return;
  }
  const now = performance.now();
  if (now - lastPost >= POST_EVERY_MS) post(job.run, job.layout);
  timer = setTimeout(() => work(now - lastPost >= POST_EVERY_MS ? now : lastPost), 0);
}

scope.onmessage = (event) => {
  const message = event.data;
  if (!isToLayoutWorker(message)) return;
  clearTimeout(timer);
  current = message.type === 'layout' ? { run: message.run, layout: new ForceRun(message) } : undefined;
  work(performance.now());
};
