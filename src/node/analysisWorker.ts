/**
 * A worker thread that analyses notes for the CLI and the desktop extension host, so that parsing (remark
 * cannot be interrupted, and one large note takes longer than a frame) runs off the caller's thread and on
 * every core. It keeps nothing between requests: each analysis goes back packed, as the cache packs it.
 */
import { parentPort } from 'node:worker_threads';
import { packAnalysis } from '../core/index/analysisCache';
import { analyseNoteWithinLimits } from '../core/notes/limits';
import type { AnalysisReply, AnalysisRequest } from './analysisMessages';

const port = parentPort;
if (!port) throw new Error('analysisWorker.js runs only as a worker thread');
port.on('message', ({ id, texts }: AnalysisRequest) => {
  const reply: AnalysisReply = { id, analyses: texts.map((text) => packAnalysis(analyseNoteWithinLimits(text), text)) };
  port.postMessage(reply);
});
