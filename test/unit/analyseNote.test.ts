import { strict as assert } from 'node:assert';
import { analyseNote, proseRuns } from '../../src/core/notes/analyseNote';

const UNIT_1 =
  'https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%201%3A%20Losing%20control%20to%20AI.md#what-is-ai-alignment';
const UNIT_3 = 'https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%203%3A%20Using%20AI%20to%20align%20AI.md#debate';

function definitions(...lines: string[]) {
  return analyseNote(lines.join('\n')).definitions;
}

describe('analyseNote: definitions', () => {
  it('reads a bold glossary bullet with its plain text, markdown and the range of the term', () => {
    const [definition, ...rest] = definitions(
      '#### Key definitions',
      '',
      `* **Governance**: rules that stop *harmful* AI from being built [[Unit 1]](${UNIT_1}).`,
    );
    assert.equal(rest.length, 0);
    assert.equal(definition?.term, 'Governance');
    assert.equal(definition?.style, 'bold');
    assert.equal(definition?.text, 'rules that stop harmful AI from being built [Unit 1].');
    assert.equal(definition?.markdown, `rules that stop *harmful* AI from being built [[Unit 1]](${UNIT_1}).`);
    assert.deepEqual(definition?.termRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 14 } });
    assert.deepEqual(definition?.headingTrail, ['Key definitions']);
    assert.deepEqual(definition?.citations.map((citation) => citation.label), ['[Unit 1]']);
  });

  it('reads aliases from parentheses, including an acronym', () => {
    const [outer, sae] = definitions(
      '* **Outer misalignment** (reward misspecification, specification gaming): the proxy goal misses the real one.',
      '* **Sparse autoencoders** (SAE): networks trained to rewrite activations as a few active features.',
    );
    assert.deepEqual(outer?.aliases, ['reward misspecification', 'specification gaming']);
    assert.equal(outer?.text, 'the proxy goal misses the real one.');
    assert.deepEqual(sae?.aliases, ['SAE']);
  });

  it('reads a term with a citation before the colon, and keeps the citation', () => {
    const [definition] = definitions(`* **Debate** [[Unit 3]](${UNIT_3}): two models argue and a judge picks the winner.`);
    assert.equal(definition?.term, 'Debate');
    assert.equal(definition?.text, 'two models argue and a judge picks the winner.');
    assert.equal(definition?.citations[0]?.url, UNIT_3);
  });

  it('reads "**Term** are ..." at the start of a bullet as a definition of the whole sentence', () => {
    const [definition] = definitions('* **Features** are the basic units a network represents, like directions in activation space.');
    assert.equal(definition?.term, 'Features');
    assert.equal(definition?.text, 'Features are the basic units a network represents, like directions in activation space.');
  });

  it('reads a colon written inside the bold term', () => {
    assert.equal(definitions('* **Saint:** does what we hoped, for the reasons we hoped.')[0]?.term, 'Saint');
  });

  it('records nesting: children under a bold parent concept, and siblings grouped by a plain parent bullet', () => {
    const found = definitions(
      '* Given good test scores, a model could still turn out to be a:',
      '  * **Saint**: really has the goals we wanted.',
      '  * **Schemer**: hides a misaligned goal until deployment.',
      '* **Polysemantic circuits**: circuits whose neurons mix several features.',
      '  * **Polysemanticity**: one neuron responding to several unrelated features.',
    );
    assert.deepEqual(found.map((d) => d.term), ['Saint', 'Schemer', 'Polysemantic circuits', 'Polysemanticity']);
    assert.equal(found[0]?.parent, undefined);
    assert.equal(found[0]?.group, 'Given good test scores, a model could still turn out to be a:');
    assert.equal(found[3]?.parent, 2);
  });

  it('reads italic sub-terms in both styles under a parent concept, and not elsewhere', () => {
    const found = definitions(
      '* **Curve detectors**: neurons that respond to curves, checked several ways:',
      '  * *Feature visualisation:* optimise an input to excite the neuron.',
      '  * *Dataset examples*: find the inputs that excite it most.',
      '',
      'Some text.',
      '',
      '* *Not a sub-term*: no parent concept here.',
    );
    assert.deepEqual(found.map((d) => [d.term, d.style, d.parent]), [
      ['Curve detectors', 'bold', undefined],
      ['Feature visualisation', 'italic', 0],
      ['Dataset examples', 'italic', 0],
    ]);
  });

  it('reads a heading that names a concept with an acronym, and nests the bullets under it', () => {
    const found = definitions(
      '#### Reinforcement Learning from Human Feedback (RLHF)',
      '',
      '* **Reward model**: a model trained to predict which answer raters prefer.',
      '',
      '#### Scalable oversight',
      '',
      '* **Debate**: two models argue.',
    );
    assert.deepEqual(found.map((d) => [d.term, d.aliases, d.style, d.parent]), [
      ['Reinforcement Learning from Human Feedback', ['RLHF'], 'heading', undefined],
      ['Reward model', [], 'bold', 0],
      ['Debate', [], 'bold', undefined],
    ]);
    assert.equal(found[0]?.text, 'Reward model: a model trained to predict which answer raters prefer.');
    assert.deepEqual(found[0]?.termRange, { start: { line: 0, character: 5 }, end: { line: 0, character: 47 } });
  });

  it('takes nothing from code blocks, inline code, HTML, link text or URLs', () => {
    const found = definitions(
      '* Given **good** training scores, a model could still be a schemer.',
      '* **Emphasis** without a colon is not a definition',
      '```markdown',
      '* **NotAConcept**: inside a fence',
      '```',
      '    * **IndentedNotAConcept**: indented code',
      '',
      '* `**InlineNotAConcept**: inside code`',
      '* <b>**HtmlNotAConcept**</b>: inside HTML',
      '* [**LinkNotAConcept**: in link text](https://example.org/**UrlNotAConcept**:)',
    );
    assert.deepEqual(found, []);
  });
});

describe('analyseNote: headings, citations and prose', () => {
  it('gives headings their GitHub slugs, with suffixes for duplicates', () => {
    const { headings } = analyseNote('# Unit 1: Losing control\n\n### Open questions\n\ntext\n\n### Open questions\n');
    assert.deepEqual(headings.map((h) => [h.text, h.depth, h.slug]), [
      ['Unit 1: Losing control', 1, 'unit-1-losing-control'],
      ['Open questions', 3, 'open-questions'],
      ['Open questions', 3, 'open-questions-1'],
    ]);
  });

  it('keeps [[Unit N]](url) a link whose label is [Unit N], and only course links as citations', () => {
    const { citations } = analyseNote(`See [[Unit 1]](${UNIT_1}), [the paper](https://arxiv.org/abs/2209.00626) and [Unit 2](units/Unit%202.md).`);
    assert.deepEqual(citations.map((c) => [c.label, c.url]), [
      ['[Unit 1]', UNIT_1],
      ['Unit 2', 'units/Unit%202.md'],
    ]);
    assert.deepEqual(citations[0]?.range.start, { line: 0, character: 4 });
  });

  it('marks prose runs that skip code, HTML and URLs, and join across emphasis markers', () => {
    const text = 'An inner *misalignment* case `inner misalignment` <i>x</i> [link](https://inner.example).';
    const prose = proseRuns(text);
    const runs: string[] = [];
    for (let i = 0; i < prose.length; i += 2) runs.push(text.slice(prose[i], prose[i + 1]));
    assert.deepEqual(runs, ['An inner *misalignment* case ', ' ', 'x', ' ', 'link', '.']);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\u0000', '*'.repeat(10_000), '[['.repeat(5_000), '> '.repeat(2_000) + 'x', '\r\n\r', '\uFEFF# BOM']) {
      assert.doesNotThrow(() => analyseNote(text));
    }
  });
});
