import { strict as assert } from 'node:assert';
import { extractDefinitions } from '../../src/core/concepts/extractDefinitions';
import { parseMarkdown } from '../../src/core/parse/processor';

const UNIT_1 =
  'https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%201%3A%20Losing%20control%20to%20AI.md#what-is-ai-alignment';

function extract(...lines: string[]) {
  return extractDefinitions(parseMarkdown(lines.join('\n')));
}

describe('extractDefinitions', () => {
  it('reads a bold glossary bullet with its definition text and the range of the term', () => {
    const [definition, ...rest] = extract(
      '#### Key definitions',
      '',
      `* **Governance**: rules and institutions that stop harmful AI from being built or used [[Unit 1]](${UNIT_1}).`,
    );
    assert.equal(rest.length, 0);
    assert.equal(definition?.term, 'Governance');
    assert.equal(definition?.text, 'rules and institutions that stop harmful AI from being built or used [Unit 1].');
    assert.deepEqual(definition?.termRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 14 } });
  });

  it('reads aliases from parentheses before the colon', () => {
    const [definition] = extract('* **Outer misalignment** (reward misspecification, specification gaming): the proxy goal misses the real one.');
    assert.deepEqual(definition?.aliases, ['reward misspecification', 'specification gaming']);
    assert.equal(definition?.text, 'the proxy goal misses the real one.');
  });

  it('reads a term followed by a citation before the colon', () => {
    const [definition] = extract(`* **Debate** [[Unit 3]](${UNIT_1}): two models argue and a judge picks the winner.`);
    assert.equal(definition?.term, 'Debate');
    assert.equal(definition?.text, 'two models argue and a judge picks the winner.');
  });

  it('reads a colon written inside the bold term', () => {
    const [definition] = extract('* **Saint:** does what we hoped, for the reasons we hoped.');
    assert.equal(definition?.term, 'Saint');
  });

  it('ignores bold text that is not a definition, code blocks and inline code', () => {
    const found = extract(
      '* Given **good** training scores, a model could still be a schemer.',
      '* **Emphasis** without a colon is not a definition',
      '```markdown',
      '* **NotAConcept**: inside a fence',
      '```',
      '* `**InlineNotAConcept**: inside code`',
      '<b>**HtmlNotAConcept**: inside HTML</b>',
    );
    assert.deepEqual(found, []);
  });
});
