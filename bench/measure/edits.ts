import type { CourseIndex } from '../../src/core/index/courseIndex';
import { int, seeded } from '../corpus/prng';
import { count, num } from '../lib/format';
import type { Row } from '../lib/results';
import { type Summary, summarize } from '../lib/stats';
import { collectGarbage } from '../lib/timing';
import type { Note } from './coldIndex';

export interface EditRun {
  readonly setNote: Summary;
  /** `setNote` then the first `concepts()`, so a lazy rebuild of what depends on all notes is counted. */
  readonly setNoteAndQuery: Summary;
}

/** Types a word at the end of a random line that is not a heading or a code fence. */
function edit(text: string, random: () => number): string {
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

/** Re-index after editing one note, `count` times on random notes of an indexed workspace. Leaves the edits in. */
export function measureEdits(index: CourseIndex, notes: readonly Note[], count: number, seed: number): EditRun {
  const random = seeded(seed, 'edits', notes.length, count);
  const texts = new Map(notes.map((note) => [note.uri, note.text]));
  const setNoteTimes: number[] = [];
  const totalTimes: number[] = [];
  index.concepts();
  collectGarbage();
  for (let i = 0; i < count; i++) {
    const uri = notes[int(random, 0, notes.length - 1)]?.uri ?? '';
    const text = edit(texts.get(uri) ?? '', random);
    texts.set(uri, text);
    const started = performance.now();
    index.setNote(uri, text);
    const set = performance.now();
    index.concepts();
    const queried = performance.now();
    setNoteTimes.push(set - started);
    totalTimes.push(queried - started);
  }
  return { setNote: summarize(setNoteTimes), setNoteAndQuery: summarize(totalTimes) };
}

/** Re-index after 50 edits on an index of `size` notes: `setNote` alone, and with the first query. */
export function editRows(size: number, index: CourseIndex, notes: readonly Note[], seed: number): Row[] {
  const edits = measureEdits(index, notes, 50, seed);
  return [
    {
      id: `edit.setNote.${size}`,
      label: `Re-index one edited note: setNote alone, ${count(size)} notes`,
      value: edits.setNote.median,
      p99: edits.setNote.p99,
      unit: 'ms',
      samples: edits.setNote.n,
      detail: `50 edits (a word typed at the end of a random line of a random note); max ${num(edits.setNote.max)} ms`,
    },
    {
      id: `edit.query.${size}`,
      label: `Re-index one edited note: setNote + first concepts(), ${count(size)} notes`,
      value: edits.setNoteAndQuery.median,
      p99: edits.setNoteAndQuery.p99,
      unit: 'ms',
      samples: edits.setNoteAndQuery.n,
      detail: `the same 50 edits; the query pays for the lazy rebuild of what depends on all notes; max ${num(edits.setNoteAndQuery.max)} ms`,
    },
  ];
}
