import type { CourseIndex } from '../../src/core/index/courseIndex';
import { int, seeded } from '../corpus/prng';
import { count, num } from '../lib/format';
import type { Row } from '../lib/results';
import { type Summary, summarize } from '../lib/stats';
import { collectGarbage } from '../lib/timing';
import type { Note } from './coldIndex';

export interface ConceptAtRun {
  /** The first pass over the positions: the first question on a note pays for what the index builds lazily per note. */
  readonly first: Summary;
  /** The same positions again. */
  readonly again: Summary;
  /** Positions that named a concept. */
  readonly found: number;
}

/**
 * `conceptAt` (what a hover asks) at `count` seeded random positions: a random note, line and character,
 * twice over. The index's workspace-wide lazy build is done before timing (its cost is in the cold and
 * re-index rows); each call is timed alone.
 */
export function measureConceptAt(index: CourseIndex, notes: readonly Note[], count: number, seed: number): ConceptAtRun {
  const random = seeded(seed, 'conceptAt', notes.length, count);
  const lines = notes.map((note) => note.text.split('\n'));
  const positions = Array.from({ length: count }, () => {
    const note = int(random, 0, notes.length - 1);
    const noteLines = lines[note] ?? [''];
    const line = int(random, 0, noteLines.length - 1);
    return { uri: notes[note]?.uri ?? '', position: { line, character: int(random, 0, (noteLines[line] ?? '').length) } };
  });
  index.concepts();
  let found = 0;
  const pass = (): number[] => {
    collectGarbage();
    found = 0;
    return positions.map(({ uri, position }) => {
      const started = performance.now();
      const occurrence = index.conceptAt(uri, position);
      const ms = performance.now() - started;
      if (occurrence) found++;
      return ms;
    });
  };
  const first = summarize(pass());
  return { first, again: summarize(pass()), found };
}

/** `conceptAt` at 10,000 random positions of an index of `size` notes: the first pass and the repeat. */
export function conceptAtRows(size: number, index: CourseIndex, notes: readonly Note[], seed: number): Row[] {
  const at = measureConceptAt(index, notes, 10_000, seed);
  return [
    {
      id: `conceptAt.${size}`,
      label: `conceptAt (hover), ${count(size)} notes indexed, first question on each note`,
      value: at.first.median,
      p99: at.first.p99,
      unit: 'ms',
      samples: at.first.n,
      detail: `10,000 random positions on a fresh cold index, each call timed; max ${num(at.first.max)} ms; ${count(at.found)} named a concept`,
    },
    {
      id: `conceptAtRepeat.${size}`,
      label: `conceptAt (hover), ${count(size)} notes indexed, the same positions again`,
      value: at.again.median,
      p99: at.again.p99,
      unit: 'ms',
      samples: at.again.n,
      detail: `what each note builds lazily on its first question is in place; max ${num(at.again.max)} ms`,
    },
  ];
}
