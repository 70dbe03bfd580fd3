import { strict as assert } from 'node:assert';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { analyseNote } from '../../src/core/notes/analyseNote';

const UNIT_3 = 'https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%203%3A%20Using%20AI%20to%20align%20AI.md#debate';

function definitions(...lines: string[]) {
  return analyseNote(lines.join('\n')).definitions;
}

describe('Definitions written as nested bullets', () => {
  it('takes the nested bullets under `* **RLHF:**` as its definition, as a list', () => {
    const [rlhf, ...rest] = definitions(
      '## Part 2',
      '',
      '* **RLHF:**',
      '  * Raters compare pairs of answers.',
      '  * A reward model learns their choice.',
    );
    assert.equal(rest.length, 0);
    assert.equal(rlhf?.term, 'RLHF');
    assert.equal(rlhf?.text, 'Raters compare pairs of answers. A reward model learns their choice.');
    assert.equal(rlhf?.markdown, '* Raters compare pairs of answers.\n* A reward model learns their choice.');
  });

  it('reads `* **Term**:` (colon after the bold) and `* **Term** [[Unit 3]](url):` with nested bodies, keeping the citation', () => {
    const [polysemantic, debate] = definitions(
      '* **Polysemantic circuits**:',
      '  - Circuits whose neurons each respond to several unrelated features.',
      `* **Debate** [[Unit 3]](${UNIT_3}):`,
      '  - Two models argue; a human judges.',
      '    - Deeper detail of the argument.',
    );
    assert.equal(polysemantic?.text, 'Circuits whose neurons each respond to several unrelated features.');
    assert.equal(debate?.term, 'Debate');
    assert.equal(debate?.markdown, '- Two models argue; a human judges.\n  - Deeper detail of the argument.');
    assert.deepEqual(debate?.citations.map((citation) => citation.label), ['[Unit 3]']);
  });

  it('keeps nested bold-term definitions as child concepts, listed as children and not repeated in the body', () => {
    const text = [
      '* **Amplified oversight:**',
      '  * How do we judge a single output?',
      '  * **Reward modelling:**',
      '    * Learn a model of human preferences from comparisons.',
      '    * Unlikely to scale past human expertise.',
      '  * **Critiques:**',
      '    * A second model points out flaws in the first model\'s answer.',
    ].join('\n');
    assert.deepEqual(
      analyseNote(text).definitions.map((d) => [d.term, d.text, d.parent]),
      [
        ['Amplified oversight', 'How do we judge a single output?', undefined],
        ['Reward modelling', 'Learn a model of human preferences from comparisons. Unlikely to scale past human expertise.', 0],
        ['Critiques', "A second model points out flaws in the first model's answer.", 0],
      ],
    );
    const index = new CourseIndex();
    index.setNote('file:///notes/unit.md', text);
    const concept = index.conceptNamed('Amplified oversight');
    assert.deepEqual(concept?.children.map((id) => index.concept(id)?.term), ['Critiques', 'Reward modelling']);
    assert.equal(concept?.definitions[0]?.markdown, '* How do we judge a single output?');
  });

  it('treats a term followed by nothing as a mention, never as an empty definition', () => {
    assert.deepEqual(definitions('* **RLHF:**', '* **Term**:', '* **Alone**', 'Prose after.'), []);
  });

  it('keeps a term whose only nested bullets are its child concepts, with no text of its own', () => {
    const [parent, child] = definitions('* **Oversight methods:**', '  * **Debate:** two models argue.');
    assert.equal(parent?.term, 'Oversight methods');
    assert.equal(parent?.text, '');
    assert.equal(child?.parent, 0);
  });

  it('finds the same nested definitions in a note parsed whole and chunk by chunk', () => {
    const text = ['# Unit', '', '* **RLHF:**', '  * Raters compare answers.', '', '* **Debate**:', '  * Two models argue.'].join('\n');
    assert.deepEqual(analyseNote(text).definitions.map((d) => d.text), ['Raters compare answers.', 'Two models argue.']);
  });
});

describe('Structure is not a concept', () => {
  it('ignores relation labels whose body is only links, or nothing', () => {
    assert.deepEqual(
      definitions('* **Related to**: [[concepts/a]], [[concepts/b]]', '* **Builds on**:', '* **See also**: [[c]]', '* **Prerequisites**: [[a]], [[b]]').map((d) => d.term),
      [],
    );
  });

  it('ignores labels ending in a preposition and section labels even with text after them', () => {
    assert.deepEqual(
      definitions('- **Distinct from**: reward hacking, which games the reward.', '- **Key claims**: drift grows with episode length.', '- **Contrasts with**: x').map((d) => d.term),
      [],
    );
  });

  it('ignores bold links: `**[[sources/x]]**` and `**[Smith](sources/smith.md)**`', () => {
    assert.deepEqual(definitions('- **[[sources/smith-2024]]**: a summary of the paper.', '- **[Smith](sources/smith.md)**: more.').map((d) => d.term), []);
  });

  it('keeps a glossary term whose text starts with a citation and goes on in words', () => {
    assert.deepEqual(definitions(`* **Debate**: [[Unit 3]](${UNIT_3}) two models argue.`).map((d) => d.term), ['Debate']);
  });

  it('ignores a nested list of links under a label', () => {
    assert.deepEqual(definitions('* **Reading:**', '  * [[sources/a]]', '  * [[sources/b]]').map((d) => d.term), []);
  });
});
