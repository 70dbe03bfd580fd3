import { strict as assert } from 'node:assert';
import type { Position, Range } from '../../src/core/model';
import { packAnalysisJson, unpackAnalysisJson } from '../../src/core/index/packedAnalysis';
import { analyseNote } from '../../src/core/notes/analyseNote';
import { LineIndex, positionOf, toRange } from '../../src/core/parse/position';

/** Every position a range of the analysis holds, for checking that equal ones are one object. */
function positionsIn(value: unknown, found: Position[] = []): Position[] {
  if (typeof value !== 'object' || value === null) return found;
  const range = value as Partial<Range>;
  if (range.start && range.end && typeof range.start.line === 'number') found.push(range.start, range.end);
  for (const child of Object.values(value)) positionsIn(child, found);
  return found;
}

/** Positions are shared objects: an index holds hundreds of thousands, most equal to another note's. */
describe('shared positions', () => {
  it('gives one object for each line and character, from unist positions and from offsets alike', () => {
    const fromUnist = toRange({ start: { line: 3, column: 5 }, end: { line: 4, column: 1 } });
    const lines = new LineIndex('first\nsecond\nthird\n  fourth\nfifth');
    assert.equal(fromUnist.start, lines.positionAt(17));
    assert.deepEqual(fromUnist.start, { line: 2, character: 4 });
    assert.equal(fromUnist.end, positionOf(3, 0));
    assert.equal(lines.rangeOf(0, 5).start, positionOf(0, 0));
  });

  it('makes a fresh position past the shared table, equal in value', () => {
    const far = positionOf(5_000, 3);
    assert.deepEqual(far, { line: 5_000, character: 3 });
    assert.notEqual(far, positionOf(5_000, 3));
    assert.deepEqual(positionOf(2, 10_000), { line: 2, character: 10_000 });
  });

  it('shares the positions of two notes that define terms in the same places, the second read from the cache', () => {
    const note = (term: string): string => `# Notes\n\n* **${term}**: a definition long enough to matter.\n`;
    const first = positionsIn(analyseNote(note('Mesa-optimiser')).definitions);
    const text = note('Reward hacking');
    const cached = unpackAnalysisJson(packAnalysisJson(analyseNote(text), text), text, () => analyseNote(text));
    assert.ok(cached);
    const second = positionsIn(cached.definitions);
    assert.ok(first.length > 0);
    const starts = (positions: Position[]): Position[] => positions.filter((position) => position.line === 2 && position.character === 2);
    assert.ok(starts(first).length > 0, 'no definition starts at line 2, character 2');
    assert.equal(starts(first)[0], starts(second)[0]);
  });
});
