import type { NoteAnalysis } from '../notes/noteAnalysis';

/** Bumped whenever `NoteAnalysis` or the extraction rules change, so an older cache is rebuilt, not misread. */
export const CACHE_VERSION = 2;

/** The persisted analyses of a workspace, for a warm start. Plain JSON. */
export interface AnalysisCache {
  readonly version: number;
  readonly entries: readonly { readonly note: string; readonly hash: string; readonly analysis: NoteAnalysis }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAnalysis(value: unknown): value is NoteAnalysis {
  return (
    isRecord(value) &&
    Array.isArray(value.definitions) &&
    value.definitions.every((definition) => isRecord(definition) && typeof definition.term === 'string' && Array.isArray(definition.aliases)) &&
    Array.isArray(value.headings) &&
    Array.isArray(value.citations) &&
    (value.prose === undefined || (Array.isArray(value.prose) && value.prose.every((offset) => typeof offset === 'number')))
  );
}

/** Reads a persisted cache; `undefined` when it is of another version or corrupted in any entry. */
export function readAnalysisCache(data: unknown): AnalysisCache | undefined {
  if (!isRecord(data) || data.version !== CACHE_VERSION || !Array.isArray(data.entries)) return undefined;
  const entries = data.entries;
  const valid = entries.every(
    (entry) => isRecord(entry) && typeof entry.note === 'string' && typeof entry.hash === 'string' && isAnalysis(entry.analysis),
  );
  return valid ? { version: CACHE_VERSION, entries: entries as AnalysisCache['entries'] } : undefined;
}
