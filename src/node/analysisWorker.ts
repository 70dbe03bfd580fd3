import { parentPort } from 'node:worker_threads';
import { analyseNoteWithinLimits } from '../core/notes/limits';
import type { AnalysisRequest, AnalysisResponse } from './analysisPool';

/** A worker thread of the analysis pool: analyses the notes it is sent with the core's `analyseNote`, within the index's limits. */
parentPort?.on('message', (request: AnalysisRequest) => {
  const response: AnalysisResponse = { id: request.id, analyses: request.texts.map((text) => analyseNoteWithinLimits(text)) };
  parentPort?.postMessage(response);
});
