import { setImmediate as yieldToMessages } from 'node:timers/promises';
import type { PackedAnalysisJson } from '../core/index/packedAnalysis';
import type { CourseIndex } from '../core/index/courseIndex';
import type { NoteAnalysis } from '../core/notes/noteAnalysis';
import { analyseNoteWithinLimits } from '../core/notes/limits';
import { AnalysisPool } from '../node/analysisPool';

/** Characters of notes taken at a time by a thread: small enough to share the work evenly to the end. */
const CHUNK_CHARS = 128 * 1024;

interface Note {
  readonly uri: string;
  readonly text: string;
}

/**
 * Stores every note in the index, analysed on this thread and on `workers` worker threads at once: whichever is
 * free takes the next chunk of notes, so no thread waits for another. Notes are stored in their order whatever
 * thread finished first, so the output never depends on timing. If the workers fail, this thread analyses what
 * they did not answer for, after one warning. Returns how many notes the workers analysed.
 */
export async function analyseNotes(index: CourseIndex, notes: readonly Note[], workers: number): Promise<number> {
  const chunks = chunksOf(notes);
  const here: (NoteAnalysis | undefined)[] = [];
  const there: (PackedAnalysisJson | undefined)[] = [];
  let next = 0;
  let stored = 0;
  let onWorkers = 0;
  /** Stores the notes analysed so far that every earlier note was stored before. */
  const store = (): void => {
    for (; stored < notes.length; stored++) {
      const note = notes[stored];
      const analysis = here[stored];
      const packed = there[stored];
      if (!note || (!analysis && !packed)) return;
      if (packed) index.setPackedNote(note.uri, note.text, packed);
      else index.setNote(note.uri, note.text, analysis);
      here[stored] = undefined;
      there[stored] = undefined;
    }
  };
  const onThisThread = async (): Promise<void> => {
    for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) {
      for (let i = chunk.start; i < chunk.end; i++) here[i] = analyseNoteWithinLimits(notes[i]?.text ?? '');
      store();
      await yieldToMessages(); // the workers' answers are taken in here
    }
  };
  const pool = workers > 0 ? AnalysisPool.besideBundle({ size: workers }) : undefined;
  let failed = false;
  const onWorkerThreads = async (): Promise<void> => {
    if (!pool) return;
    for (let chunk = chunks[next++]; chunk && !failed; chunk = chunks[next++]) {
      const { start, end } = chunk;
      try {
        await pool.analyse(
          notes.slice(start, end).map((note) => note.text),
          (i, packed) => {
            there[start + i] = packed;
            onWorkers++;
          },
        );
      } catch (error) {
        if (!failed) console.error(`alignment-notes: warning: analysing on worker threads failed (${error instanceof Error ? error.message : String(error)}); going on without them`);
        failed = true;
      }
      store();
    }
  };
  try {
    // Two chunks per worker, so that each has the next while its last answer crosses over.
    await Promise.all([onThisThread(), ...Array.from({ length: 2 * workers }, onWorkerThreads)]);
  } finally {
    await pool?.dispose();
  }
  // What failed workers took and did not answer for.
  for (let i = stored; i < notes.length; i++) if (!here[i] && !there[i]) here[i] = analyseNoteWithinLimits(notes[i]?.text ?? '');
  store();
  return onWorkers;
}

/** Consecutive ranges of notes, about `CHUNK_CHARS` each (a longer note alone). */
function chunksOf(notes: readonly Note[]): { start: number; end: number }[] {
  const chunks: { start: number; end: number }[] = [];
  let chars = CHUNK_CHARS;
  notes.forEach((note, i) => {
    if (chars + note.text.length > CHUNK_CHARS) {
      chunks.push({ start: i, end: i });
      chars = 0;
    }
    const last = chunks.at(-1);
    if (last) last.end = i + 1;
    chars += note.text.length;
  });
  return chunks;
}
