import type { PackedAnalysisJson } from '../index/packedAnalysis';

/** `now`: a note the user is looking at (an edit, an opened note), analysed before the notes of a full index. */
export type Urgency = 'now' | 'later';

/**
 * Analyses notes away from the caller's thread (worker threads in Node, `Worker`s on the web) and hands each
 * analysis back as the JSON text the cache holds, for `CourseIndex.setPackedNote`. Hosts that cannot start workers
 * have none and analyse in slices.
 */
export interface NoteAnalyser {
  /**
   * Calls `onAnalysed` for each text in order, as soon as it and every earlier one are done. Rejects when the
   * analyser breaks; the caller then analyses the rest itself. Once `signal` aborts, resolves without the texts
   * not yet analysed, and analyses none that it has not begun.
   */
  analyse(texts: readonly string[], onAnalysed: (index: number, analysis: PackedAnalysisJson) => void, urgency?: Urgency, signal?: AbortSignal): Promise<void>;
  dispose(): Promise<void>;
}
