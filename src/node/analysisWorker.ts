/**
 * A worker thread that analyses notes for the CLI and the desktop extension host, so that parsing (remark
 * cannot be interrupted, and one large note takes longer than a frame) runs off the caller's thread and on
 * every core. It keeps nothing between requests (`answerRequest`).
 */
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequest, isAnalysisRequest, WORKER_READY } from '../core/notes/analysisMessages';
import { isWorkerData } from './workerData';

const port = parentPort;
if (!port) throw new Error('analysisWorker.js runs only as a worker thread');

/**
 * A background worker (the extension host's) asks for the lowest priority, so that on a busy machine the host's
 * own thread and the window's, which answer the user, get a core before it: on two cores, a first index's worker
 * otherwise delays every message between them. Only on Linux, where a nice value belongs to a thread; elsewhere it
 * would lower the whole extension host's process. Where the system refuses, the worker runs as it is.
 */
if (isWorkerData(workerData) && workerData.background && process.platform === 'linux') {
  try {
    setPriority(constants.priority.PRIORITY_LOW);
  } catch {
    // Lowering one's own priority is always allowed on Linux; a sandbox that refuses costs only the speed-up.
  }
}
port.on('message', (message: unknown) => {
  if (isAnalysisRequest(message)) port.postMessage(answerRequest(message));
});
port.postMessage(WORKER_READY);
