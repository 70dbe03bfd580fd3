import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CourseIndex } from '../../src/core/index/courseIndex';

const SUMMARY = 'file:///course/Course%20summary.md';
const UNIT_2 = 'file:///course/units/Unit%202.md';

function indexOf(notes: Record<string, string>): CourseIndex {
  const index = new CourseIndex();
  index.setRoots(['file:///course/']);
  for (const [uri, text] of Object.entries(notes)) index.setNote(uri, text);
  return index;
}

/** Each concept as `term [aliases] (definition count)`, in id order: what hover, F12 and search see. */
function table(index: CourseIndex): string[] {
  return [...index.concepts()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((concept) => `${concept.term} [${concept.aliases.join(', ')}] (${concept.definitions.length})`);
}

const HEADING = '#### Reinforcement Learning with Human Feedback (RLHF)\n\nHumans rank outputs and a reward model learns the ranking.\n';
const NESTED = '* **RLHF:**\n  * Raters compare answers.\n  * The policy is trained against the learned reward.\n';

describe('One concept however it is named', () => {
  it('joins `RLHF` in one note with `Reinforcement Learning with Human Feedback (RLHF)` in another, under the fuller name', () => {
    const index = indexOf({ [SUMMARY]: HEADING, [UNIT_2]: NESTED });
    assert.deepEqual(table(index), ['Reinforcement Learning with Human Feedback [RLHF] (2)']);
    for (const name of ['RLHF', "RLHF's", 'reinforcement learning with human feedback']) {
      const concept = index.conceptNamed(name);
      assert.equal(concept?.term, 'Reinforcement Learning with Human Feedback', name);
      assert.deepEqual(concept?.definitions.map((d) => [d.note, d.style]), [[SUMMARY, 'heading'], [UNIT_2, 'bold']]);
    }
  });

  it('finds the joined concept at a mention of either name in prose', () => {
    const index = indexOf({ [SUMMARY]: HEADING, [UNIT_2]: `${NESTED}\nWe discussed RLHF in class.\n` });
    const at = index.conceptAt(UNIT_2, { line: 4, character: 16 });
    assert.equal(at && index.concept(at.id)?.term, 'Reinforcement Learning with Human Feedback');
  });

  it('joins a glossary term with a concept page that lists it as a front-matter alias, and chains joins', () => {
    const index = indexOf({
      'file:///course/concepts/goal-drift.md': '---\naliases: [Objective drift]\n---\n# Goal Drift\n\nThe goal changes over a long episode.\n',
      'file:///course/notes/week-2.md': '* **Objective drift** (OD): my own words for goal drift.\n* **OD**: an abbreviation I use.\n',
    });
    // The fullest name names the concept: "Objective drift" has as many words as "Goal Drift" and more letters.
    assert.deepEqual(table(index), ['Objective drift [OD, Goal Drift] (3)']);
    assert.equal(index.conceptNamed('OD')?.term, 'Objective drift');
    assert.equal(index.conceptNamed('goal drift')?.term, 'Objective drift');
  });

  it('does not join through an alias that two concepts give (an ambiguous acronym)', () => {
    const index = indexOf({
      [SUMMARY]: '* **Reward modelling** (RM): learning a reward from comparisons.\n* **Risk management** (RM): a practice of labs.\n',
      [UNIT_2]: '* **RM**: whatever I meant by it in this note.\n',
    });
    assert.deepEqual(table(index), ['RM [] (1)', 'Reward modelling [RM] (1)', 'Risk management [RM] (1)']);
  });

  it('does not join two concepts that only share an alias', () => {
    const index = indexOf({
      [SUMMARY]: '* **Inner alignment** (inner misalignment): the learned goal matches the intended one.\n',
      [UNIT_2]: '* **Goal misgeneralisation** (inner misalignment): capabilities generalise, the goal does not.\n',
    });
    assert.deepEqual(table(index), ['Goal misgeneralisation [inner misalignment] (1)', 'Inner alignment [inner misalignment] (1)']);
  });

  it('does not join a concept with its own child or with a term that merely contains its name', () => {
    const index = indexOf({
      [SUMMARY]: '* **Reward model** (RM): a network that predicts ratings.\n  * **Reward model overoptimisation**: pushing too hard against it.\n',
    });
    assert.deepEqual(table(index), ['Reward model [RM] (1)', 'Reward model overoptimisation [] (1)']);
  });

  it('splits a joined concept again when the note that joined them changes', () => {
    const index = indexOf({ [SUMMARY]: HEADING, [UNIT_2]: NESTED });
    assert.equal(index.concepts().length, 1);
    index.setNote(SUMMARY, '* **Reinforcement Learning with Human Feedback**: no acronym any more.\n');
    assert.deepEqual(table(index), ['RLHF [] (1)', 'Reinforcement Learning with Human Feedback [] (1)']);
    index.setNote(SUMMARY, HEADING);
    assert.deepEqual(table(index), ['Reinforcement Learning with Human Feedback [RLHF] (2)']);
  });

  it('gives the same concepts whatever order the notes are read in (shuffled input, same table)', () => {
    const notes: [string, string][] = [
      [SUMMARY, HEADING],
      [UNIT_2, NESTED],
      ['file:///course/concepts/rlhf.md', '---\ntype: concept\naliases: [RL from human feedback]\n---\n# RLHF\n\nFine-tuning against a learned reward.\n'],
      ['file:///course/notes/a.md', '* **RL from human feedback**: the same thing, spelt out.\n* **Reward modelling** (RM): learning a reward.\n'],
      ['file:///course/notes/b.md', '* **Risk management** (RM): lab practice.\n* **RM**: ambiguous on purpose.\n'],
      ['file:///course/notes/c.md', '* **Goal drift** (objective drift): the goal changes.\n* **Objective drift**: joins goal drift.\n'],
      ['file:///course/notes/d.md', '* **Objective drifts**: a plural spelling of the same.\n  * **Drift rate**: how fast it happens.\n'],
    ];
    const expected = indexOf(Object.fromEntries(notes)).concepts();
    fc.assert(
      fc.property(fc.shuffledSubarray(notes, { minLength: notes.length, maxLength: notes.length }), (order) => {
        const index = new CourseIndex();
        index.setRoots(['file:///course/']);
        for (const [uri, text] of order) index.setNote(uri, text);
        assert.deepEqual(index.concepts(), expected);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('gives the same concepts when notes are added one by one as when they are indexed together', () => {
    const index = indexOf({});
    index.setNote(UNIT_2, NESTED);
    assert.deepEqual(table(index), ['RLHF [] (1)']);
    index.setNote(SUMMARY, HEADING);
    assert.deepEqual(index.concepts(), indexOf({ [SUMMARY]: HEADING, [UNIT_2]: NESTED }).concepts());
    index.removeNote(SUMMARY);
    assert.deepEqual(table(index), ['RLHF [] (1)']);
  });
});
