import { type PackedAnalysisJson, packAnalysisJson } from '../index/packedAnalysis';
import { analyseNoteWithinLimits } from './limits';

/** Notes for a worker to analyse: their texts, in order. */
export interface AnalysisRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

/** A worker's answer to one request: each note's analysis as the JSON text the cache holds (`PackedAnalysisJson`), in the request's order. */
export interface AnalysisReply {
  readonly id: number;
  readonly analyses: readonly PackedAnalysisJson[];
}

/** What a worker posts once its script has loaded, before any request: a worker that never says it is lost. */
export const WORKER_READY = 'alignment-notes-analysis-worker-ready';

/** Whether a message is a request of the expected shape (a worker answers nothing else). */
export function isAnalysisRequest(message: unknown): message is AnalysisRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { id, texts } = message as Record<string, unknown>;
  return typeof id === 'number' && Array.isArray(texts) && texts.every((text) => typeof text === 'string');
}

/** Whether a worker's message is a reply of the expected shape (a worker is ours, but a wrong build or a bug must not pass silently). */
export function isAnalysisReply(message: unknown): message is AnalysisReply {
  if (typeof message !== 'object' || message === null) return false;
  const { id, analyses } = message as Record<string, unknown>;
  return typeof id === 'number' && Array.isArray(analyses) && analyses.every((analysis) => typeof analysis === 'string');
}

/**
 * What every analysis worker does with a request (worker threads in Node, a `Worker` in the web host): each note
 * analysed and packed as the cache's JSON text, made on the worker rather than on the caller's thread, which keeps
 * it for the next cache save.
 */
export function answerRequest({ id, texts }: AnalysisRequest): AnalysisReply {
  return { id, analyses: texts.map((text) => packAnalysisJson(analyseNoteWithinLimits(text), text)) };
}
