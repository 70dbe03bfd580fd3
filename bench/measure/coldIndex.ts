import { join } from 'node:path';
import { readNotes } from '../../src/cli/readNotes';
import { CourseIndex } from '../../src/core/index/courseIndex';
import type { NoteAnalysis } from '../../src/core/notes/noteAnalysis';
import { AnalysisPool } from '../../src/node/analysisPool';
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
  /** Starting the worker pool and analysing every note on it (0 without workers). */
  readonly workersMs: number;
  /** `setNote` of every note: hash and store (and parse and extract, without workers). */
  readonly analyseMs: number;
  /** Whether the notes were analysed on the worker pool (one worker per core), not on the main thread. */
  readonly pooled: boolean;
  /** The first `concepts()`: merging concepts and building the term matcher. */
  readonly buildMs: number;
  readonly index: CourseIndex;
  readonly notes: readonly Note[];
}


/** A cold run's timings alone, without the index it built. */
export type ColdTimes = Omit<ColdRun, 'index' | 'notes'>;

/** Every note under a folder, read from disk the way the CLI reads them. */
export function notesOnDisk(folder: string): Note[] {
  return readNotes(folder).flatMap((note) => (note.text === undefined ? [] : [{ uri: note.uri, text: note.text }]));
}

/** The analysis worker bundled beside the bench (bench/analysisWorker.ts), or a copy `useWorkerScript` set. */
let workerScript = join(__dirname, 'analysisWorker.js');

/** Runs the pool's workers from `path` (run.ts stages a copy, so a concurrent rebuild of out/ cannot remove it). */
export function useWorkerScript(path: string): void {
  workerScript = path;
}

/**
 * The cold index as a real start does it: load the notes (`notesOnDisk` reads them from disk, as the CLI
 * does), analyse them on the core's worker pool (`AnalysisPool`, one worker per core, as the extension and
 * the CLI do) unless `workers` is false, give each note and its analysis to a new `CourseIndex` and ask the
 * first question (`concepts()`), so lazily deferred work is counted. Starting the pool is timed; stopping it
 * is not (the extension keeps it). This is the one place that drives a full index.
 */
export async function coldIndex(load: () => readonly Note[], options: { workers: boolean }): Promise<ColdRun> {
  collectGarbage();
  const started = performance.now();
  const notes = load();
  const readDone = performance.now();
  const pool = options.workers ? AnalysisPool.create(workerScript) : undefined;
  let analyses: readonly NoteAnalysis[] = [];
  try {
    analyses = pool ? await pool.analyse(notes.map((note) => note.text)) : [];
    const analysed = performance.now();
    const index = new CourseIndex();
    notes.forEach((note, i) => index.setNote(note.uri, note.text, analyses[i]));
    const set = performance.now();
    index.concepts();
    const built = performance.now();
    return {
      totalMs: built - started,
      readMs: readDone - started,
      workersMs: analysed - readDone,
      analyseMs: set - analysed,
      buildMs: built - set,
      pooled: pool !== undefined,
      index,
      notes,
    };
  } finally {
    await pool?.dispose();
  }
}
