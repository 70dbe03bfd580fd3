import { strict as assert } from 'node:assert';
import { ConceptIndex } from '../../src/core/conceptIndex';

const SUMMARY = 'file:///course/Course%20summary.md';
const UNIT_1 = 'file:///course/units/Unit%201.md';

const summaryText = [
  '#### Key definitions',
  '',
  '* **Inner misalignment** (goal misgeneralisation): the model learns a goal that differs from the one we trained for.',
  '* **Misalignment**: any gap between what a system pursues and what we intended.',
  '* **Schemer**: a model that hides a misaligned goal while it is being evaluated.',
].join('\n');

function indexWith(notes: Record<string, string>): ConceptIndex {
  const index = new ConceptIndex();
  for (const [note, text] of Object.entries(notes)) index.setNote(note, text);
  return index;
}

describe('ConceptIndex', () => {
  it('lists concepts from every note, sorted by term', () => {
    const index = indexWith({ [SUMMARY]: summaryText });
    assert.deepEqual(
      index.concepts().map((concept) => concept.term),
      ['Inner misalignment', 'Misalignment', 'Schemer'],
    );
  });

  it('merges the same term defined in two notes into one concept with both definitions', () => {
    const index = indexWith({
      [SUMMARY]: summaryText,
      [UNIT_1]: '* **Inner Misalignment**: the learned objective generalises differently outside training.',
    });
    const concept = index.conceptById('inner misalignment');
    assert.deepEqual(concept?.definitions.map((definition) => definition.note), [SUMMARY, UNIT_1]);
  });

  it('finds the longest concept under the cursor, in any case', () => {
    const index = indexWith({ [SUMMARY]: summaryText });
    const line = 'Unit 2 argues that inner misalignment is hard to detect.';
    const hit = index.conceptAt(line, { line: 7, character: line.indexOf('misalignment') + 3 });
    assert.equal(hit?.concept.id, 'inner misalignment');
    assert.deepEqual(hit?.range, {
      start: { line: 7, character: line.indexOf('inner') },
      end: { line: 7, character: line.indexOf(' is hard') },
    });
  });

  it('finds a concept by its alias, its plural and its possessive', () => {
    const index = indexWith({ [SUMMARY]: summaryText });
    const at = (line: string, word: string) => index.conceptAt(line, { line: 0, character: line.indexOf(word) + 1 })?.concept.id;
    assert.equal(at('This is goal misgeneralisation again.', 'goal'), 'inner misalignment');
    assert.equal(at('Debate may not catch schemers.', 'schemers'), 'schemer');
    assert.equal(at("A schemer's goal stays hidden.", 'schemer'), 'schemer');
  });

  it('matches whole words only', () => {
    const index = indexWith({ [SUMMARY]: '* **Alignment**: making systems pursue what we intend.' });
    const line = 'A misalignment story.';
    assert.equal(index.conceptAt(line, { line: 0, character: line.indexOf('alignment') + 2 }), undefined);
  });

  it('forgets a removed note and updates a changed one', () => {
    const index = indexWith({ [SUMMARY]: summaryText, [UNIT_1]: '* **Saint**: does what we hoped.' });
    index.removeNote(SUMMARY);
    assert.deepEqual(index.concepts().map((concept) => concept.term), ['Saint']);
    index.setNote(UNIT_1, '* **Sycophant**: tells evaluators what they want to hear.');
    assert.deepEqual(index.concepts().map((concept) => concept.term), ['Sycophant']);
  });

  it('keeps terms named like Object.prototype members apart from the prototype', () => {
    const index = indexWith({ [SUMMARY]: '* **constructor**: odd but allowed.\n* **\\_\\_proto\\_\\_**: also allowed.' });
    assert.deepEqual(index.concepts().map((concept) => concept.id).sort(), ['__proto__', 'constructor']);
    assert.equal(index.conceptById('toString'), undefined);
  });
});
