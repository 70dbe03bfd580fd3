import { readFolder } from '../../src/cli/readNotes';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { collectGarbage } from '../lib/timing';

/** A note as the index receives it. */
export interface Note {
  readonly uri: string;
  readonly text: string;
}

/** One cold start, phase by phase: what a real start does before the first answer. */
export interface ColdRun {
  readonly totalMs: number;
  readonly readMs: number;
  /** `setNote` of every note: hash, parse, extract and store. */
  readonly analyseMs: number;
  /** The first `concepts()`: merging concepts and building the term matcher. */
  readonly buildMs: number;
  readonly index: CourseIndex;
  readonly notes: readonly Note[];
}


/** A cold run's timings alone, without the index it built. */
export type ColdTimes = Omit<ColdRun, 'index' | 'notes'>;

/** Every note under a folder, read from disk the way the CLI reads them. */
export function notesOnDisk(folder: string): Note[] {
  return readFolder(folder).notes.flatMap((note) => (note.text === undefined ? [] : [{ uri: note.uri, text: note.text }]));
}

/**
 * The cold index as a real start does it: load the notes (`notesOnDisk` reads them from disk, as the CLI
 * does), give each to a new `CourseIndex` (which analyses it on this thread, as the extension and the CLI
 * do) and ask the first question (`concepts()`), so lazily deferred work is counted. This is the one place
 * that drives a full index.
 */
export function coldIndex(load: () => readonly Note[]): ColdRun {
  collectGarbage();
  const started = performance.now();
  const notes = load();
  const readDone = performance.now();
  const index = new CourseIndex();
  for (const note of notes) index.setNote(note.uri, note.text);
  const set = performance.now();
  index.concepts();
  const built = performance.now();
  return { totalMs: built - started, readMs: readDone - started, analyseMs: set - readDone, buildMs: built - set, index, notes };
}
