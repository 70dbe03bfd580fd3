import { strict as assert } from 'node:assert';
import { CourseIndex } from '../../../src/core/index/courseIndex';
import type { Diagnostic } from '../../../src/core/index/diagnostic';
import type { Range } from '../../../src/core/model';
import { LineIndex } from '../../../src/core/parse/position';

/** The note under test, and a well-behaved neighbour that must keep working beside it. */
export const HOSTILE = 'file:///course/hostile.md';
export const NEIGHBOUR = 'file:///course/neighbour.md';
export const NEIGHBOUR_TEXT = '# Neighbour\n\n* **Inner misalignment**: the learned goal differs.\n\nInner misalignment again.\n';

/** An index holding the neighbour and, when given, the hostile note. */
export function indexWith(hostile?: string): CourseIndex {
  const index = new CourseIndex();
  index.setNote(NEIGHBOUR, NEIGHBOUR_TEXT);
  if (hostile !== undefined) index.setNote(HOSTILE, hostile);
  return index;
}

/** Asks every question a host asks of a note; none may throw. Returns the note's diagnostics. */
export function askEverything(index: CourseIndex, note: string): Diagnostic[] {
  index.concepts();
  index.graph();
  index.search('inner misalignment');
  index.occurrencesIn(note);
  index.citationsIn(note);
  index.headingsOf(note);
  index.conceptAt(note, { line: 0, character: 0 });
  index.inProse(note, { line: 0, character: 0 });
  return index.diagnostics(note);
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

/** The neighbour still answers: its concept, its occurrence and its hover position. */
export function assertNeighbourWorks(index: CourseIndex): void {
  const concept = index.conceptNamed('inner misalignment');
  assert.ok(concept, 'the neighbour note lost its concept');
  assert.equal(index.conceptAt(NEIGHBOUR, { line: 4, character: 3 })?.id, concept.id);
}
