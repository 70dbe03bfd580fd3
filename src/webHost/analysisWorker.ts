/**
 * The web worker extension host's analysis worker: a `Worker` of its own, started from a `blob:` URL of this
 * bundle (`blobWorkers.ts`), so that parsing runs off the host's thread there too. Like the Node worker, it keeps
 * nothing between requests (`answerRequest`).
 */
import { answerRequest, isAnalysisRequest, WORKER_READY } from '../core/notes/analysisMessages';

/** The part of a dedicated worker's global scope this uses (the project's types have no DOM). */
interface WorkerScope {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  if (isAnalysisRequest(event.data)) scope.postMessage(answerRequest(event.data));
};
scope.postMessage(WORKER_READY);
