import type { CourseIndex } from '../../src/core/index/courseIndex';
import { LineIndex } from '../../src/core/parse/position';
import { int, seeded } from '../corpus/prng';
import { count, num } from '../lib/format';
import type { Row } from '../lib/results';
import { type Summary, summarize } from '../lib/stats';
import { collectGarbage } from '../lib/timing';
import type { Note } from './coldIndex';

/** Edits timed per row: enough that p99 is the 3rd-slowest edit of 300, not simply the slowest of 50. */
const EDITS = 300;
/**
 * Edits made first and not counted: the first edits after the index's other rows run code V8 has not compiled
 * yet, or has dropped since. Their slowest is reported beside each row.
 */
const WARM_UP = 10;

export interface EditRun {
  readonly setNote: Summary;
  /** `setNote` then the first `concepts()`, so a lazy rebuild of what depends on all notes is counted. */
  readonly setNoteAndQuery: Summary;
  /** The slowest of the warm-up edits, `setNote` and query. */
  readonly warmUpMax: number;
}

/** One edit: the note, and its text after the edit. */
type Edit = (random: () => number) => { readonly uri: string; readonly text: string };

/** Types a word at the end of a random line that is not a heading or a code fence. */
function typed(text: string, random: () => number): string {
  const lines = text.split('\n');
  for (let attempt = 0; attempt < 20; attempt++) {
    const at = int(random, 0, lines.length - 1);
    const line = lines[at] ?? '';
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('```')) continue;
    lines[at] = `${line} revisit`;
    return lines.join('\n');
  }
  return `${text}\nrevisit\n`;
}

/** Times `count` edits after `WARM_UP` uncounted ones: `setNote` alone, and with the first `concepts()` after it. */
function timeEdits(index: CourseIndex, next: Edit, count: number, seed: number, name: string): EditRun {
  const random = seeded(seed, name, index.noteCount, count);
  const setNoteTimes: number[] = [];
  const totalTimes: number[] = [];
  let warmUpMax = 0;
  index.concepts();
  collectGarbage();
  for (let i = 0; i < WARM_UP + count; i++) {
    const { uri, text } = next(random);
    const started = performance.now();
    index.setNote(uri, text);
    const set = performance.now();
    index.concepts();
    const queried = performance.now();
    if (i < WARM_UP) {
      warmUpMax = Math.max(warmUpMax, queried - started);
      continue;
    }
    setNoteTimes.push(set - started);
    totalTimes.push(queried - started);
  }
  return { setNote: summarize(setNoteTimes), setNoteAndQuery: summarize(totalTimes), warmUpMax };
}

/** Re-index after editing one note, `count` times on random notes of an indexed workspace. Leaves the edits in. */
export function measureEdits(index: CourseIndex, notes: readonly Note[], count: number, seed: number): EditRun {
  const texts = new Map(notes.map((note) => [note.uri, note.text]));
  return timeEdits(
    index,
    (random) => {
      const uri = notes[int(random, 0, notes.length - 1)]?.uri ?? '';
      const text = typed(texts.get(uri) ?? '', random);
      texts.set(uri, text);
      return { uri, text };
    },
    count,
    seed,
    'edits',
  );
}

/**
 * Re-index after typing a letter at the end of a random concept's term where it is defined (`**Schemer**` →
 * `**Schemerx**`, a page's title): the edit that renames a concept, `count` times. Leaves the edits in.
 */
export function measureRenames(index: CourseIndex, count: number, seed: number): EditRun | undefined {
  if (index.concepts().length === 0) return undefined;
  return timeEdits(
    index,
    (random) => {
      const concepts = index.concepts();
      const definition = concepts[int(random, 0, concepts.length - 1)]?.definitions[0];
      const uri = definition?.note ?? '';
      const text = index.textOf(uri) ?? '';
      const at = definition ? new LineIndex(text).offsetAt(definition.termRange.end) : text.length;
      return { uri, text: `${text.slice(0, at)}x${text.slice(at)}` };
    },
    count,
    seed,
    'renames',
  );
}

/** The two rows of one kind of edit: `setNote` alone, and with the first query. */
function rows(id: string, what: string, size: number, edits: EditRun): Row[] {
  const method = `${count(EDITS)} edits after ${WARM_UP} not counted (slowest of those ${num(edits.warmUpMax)} ms)`;
  return [
    {
      id: `${id}.setNote.${size}`,
      label: `${what}: setNote alone, ${count(size)} notes`,
      value: edits.setNote.median,
      p99: edits.setNote.p99,
      unit: 'ms',
      samples: edits.setNote.n,
      detail: `${method}; max ${num(edits.setNote.max)} ms`,
    },
    {
      id: `${id}.query.${size}`,
      label: `${what}: setNote + first concepts(), ${count(size)} notes`,
      value: edits.setNoteAndQuery.median,
      p99: edits.setNoteAndQuery.p99,
      unit: 'ms',
      samples: edits.setNoteAndQuery.n,
      detail: `${method}; the query pays for the lazy rebuild of what depends on all notes; max ${num(edits.setNoteAndQuery.max)} ms`,
    },
  ];
}

/** Re-index after edits on an index of `size` notes: a word typed at the end of a random line, and a letter typed into a term. */
export function editRows(size: number, index: CourseIndex, notes: readonly Note[], seed: number): Row[] {
  const edited = rows('edit', 'Re-index one edited note (a word typed at the end of a random line of a random note)', size, measureEdits(index, notes, EDITS, seed));
  const renamed = measureRenames(index, EDITS, seed);
  const label = 'Re-index one renamed term (a letter typed at the end of a random concept\'s term)';
  if (renamed) return [...edited, ...rows('rename', label, size, renamed)];
  const none = (id: string, what: string): Row => ({ id: `rename.${id}.${size}`, label: `${label}: ${what}, ${count(size)} notes`, unit: 'ms', detail: '', notMeasured: 'no concepts in these notes, so no term to rename' });
  return [...edited, none('setNote', 'setNote alone'), none('query', 'setNote + first concepts()')];
}
