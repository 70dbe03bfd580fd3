import { parentPort } from 'node:worker_threads';
import { analyseNote } from '../core/notes/analyseNote';
import type { AnalysisRequest, AnalysisResponse } from './analysisPool';

/** A worker thread of the analysis pool: analyses the notes it is sent with the core's `analyseNote`. */
parentPort?.on('message', (request: AnalysisRequest) => {
  const response: AnalysisResponse = { id: request.id, analyses: request.texts.map((text) => analyseNote(text)) };
  parentPort?.postMessage(response);
});
