import type { PackedAnalysisJson } from '../core/index/analysisCache';

/** What a worker is started with. */
export interface WorkerData {
  /** Whether it analyses in the background, at the lowest priority the platform lets a thread ask for. */
  readonly background: boolean;
}

/** Whether a worker was started with `WorkerData` (a worker started otherwise runs at the caller's priority). */
export function isWorkerData(data: unknown): data is WorkerData {
  return typeof data === 'object' && data !== null && typeof (data as Record<string, unknown>).background === 'boolean';
}

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

/** Whether a worker's message is a reply of the expected shape (a worker is ours, but a wrong build or a bug must not pass silently). */
export function isAnalysisReply(message: unknown): message is AnalysisReply {
  if (typeof message !== 'object' || message === null) return false;
  const { id, analyses } = message as Record<string, unknown>;
  return typeof id === 'number' && Array.isArray(analyses) && analyses.every((analysis) => typeof analysis === 'string');
}
