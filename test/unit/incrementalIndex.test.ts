import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CourseIndex } from '../../src/core/index/courseIndex';

const NOTES = ['file:///c/summary.md', 'file:///c/units/Unit%201.md', 'file:///c/units/Unit%202.md', 'file:///c/other/Unit%201.md'];
const UNIT_1 = 'https://github.com/o/course/blob/main/Course/Unit%201.md';

/** Lines students write, mixed at random into notes. */
const LINES = [
  '# Unit 1',
  '## What is AI alignment?',
  '### Open questions',
  '#### Reinforcement Learning from Human Feedback (RLHF)',
  '* **Inner misalignment** (goal misgeneralisation): the learned goal differs from the trained one.',
  '* **Inner Misalignment**: a different wording of the same idea.',
  '* **Schemer**: hides a misaligned goal.',
  '* **Resiliance**: coping with harm.',
  '* **Resilience**: coping with harm, spelt right.',
  '* **Debate** [[Unit 1]](' + UNIT_1 + '#debate): models argue.',
  '* **Polysemantic circuits**: circuits that mix features.',
  '  * **Polysemanticity**: one neuron, many features.',
  '  * *Dataset examples*: inputs that excite a neuron most.',
  '* Given good scores a model may be a:',
  '**Features** are directions in activation space.',
  'Schemers and RLHF\'s reward model; inner misalignment again.',
  'See [[Unit 1]](' + UNIT_1 + '#what-is-ai-alignment) and [[Unit 1]](' + UNIT_1 + '#what-is-alignment).',
  '```\n* **NotAConcept**: code\n```',
  '',
];

const noteText = fc.array(fc.constantFrom(...LINES), { maxLength: 12 }).map((lines) => lines.join('\n'));
const operation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), note: fc.constantFrom(...NOTES), text: noteText }),
  fc.record({ kind: fc.constant('remove' as const), note: fc.constantFrom(...NOTES) }),
  fc.record({ kind: fc.constant('rename' as const), note: fc.constantFrom(...NOTES), to: fc.constantFrom(...NOTES) }),
);

/** Everything the index answers, for comparing two indexes. */
function snapshot(index: CourseIndex): unknown {
  const notes = index.notes();
  return {
    notes,
    concepts: index.concepts(),
    graph: index.graph(),
    occurrences: notes.map((note) => index.occurrencesIn(note)),
    citations: notes.map((note) => index.citationsIn(note)),
    diagnostics: notes.map((note) => index.diagnostics(note)),
    search: index.search('resilience'),
  };
}

describe('CourseIndex: incremental equals from scratch', () => {
  it('after any sequence of adds, edits, renames and removes, answers like an index built from the final notes', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), fc.boolean(), (operations, queryBetween) => {
        const index = new CourseIndex();
        const files = new Map<string, string>();
        for (const op of operations) {
          if (op.kind === 'set') {
            index.setNote(op.note, op.text);
            files.set(op.note, op.text);
          } else if (op.kind === 'remove') {
            index.removeNote(op.note);
            files.delete(op.note);
          } else {
            const text = files.get(op.note);
            if (text === undefined || op.note === op.to) continue;
            index.renameNote(op.note, op.to);
            files.delete(op.note);
            files.set(op.to, text);
          }
          if (queryBetween) snapshot(index); // answering in between must not leave stale state behind
        }
        const scratch = new CourseIndex();
        for (const [note, text] of files) scratch.setNote(note, text);
        assert.deepEqual(snapshot(index), snapshot(scratch));
      }),
      { numRuns: 60, seed: 20261129 },
    );
  });
});
