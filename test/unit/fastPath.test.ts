import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyseNote, analyseNoteWhole, proseRuns } from '../../src/core/notes/analyseNote';
import { splitChunks } from '../../src/core/notes/chunks';
import { OBSIDIAN_PAGES } from './helpers/obsidianShapes';
import { FOAM_VAULT, SAMPLE_VAULT, sampleNotes } from './helpers/sampleCourse';

const UNIT = 'https://github.com/o/course/blob/main/Course/Unit%201%3A%20X.md';

/** What the index keeps of a note, without the prose runs that the fast path leaves for later. */
function indexed(analysis: ReturnType<typeof analyseNote>): unknown {
  const { definitions, headings, citations, page, wikiLinks, blocks } = analysis;
  return { definitions, headings, citations, page, wikiLinks, blocks };
}

/** Blocks students write, including the ones the pre-scan must be careful with. */
const BLOCKS = [
  '# Unit 1: Losing control',
  '## What is AI alignment?',
  '#### Reinforcement Learning from Human Feedback (RLHF)',
  'RLHF trains a reward model from human preferences.',
  'Setext heading\n==============',
  'Another one\n---',
  '* **Inner misalignment** (goal misgeneralisation): the learned goal differs [[Unit 1]](' + UNIT + '#what-is-ai-alignment).',
  '* **Debate** [[Unit 3]](./Unit%203.md#debate): models argue.',
  '* Given good scores a model may be a:\n  * **Saint**: good.\n  * **Schemer**: hides goals.',
  '* **Polysemantic circuits**: mix features.\n\n  * **Polysemanticity**: one neuron, many features.\n\n  continued paragraph of the item',
  '  * *Feature visualisation:* optimise an input.',
  '1. **Ordered**: term in an ordered list.',
  '> * **Quoted**: a definition in a quote.\n> ## Quoted heading',
  '**Features** are directions.',
  'Prose mentioning schemers, [a paper](https://example.org/x) and <https://github.com/o/r/blob/main/a.md>.',
  'Lazy\ncontinuation of a paragraph',
  '```\n* **NotAConcept**: code\n\n# not a heading\n```',
  '~~~~markdown\n```\n* **AlsoNot**: x\n```\n~~~~',
  '    * **Indented**: code block',
  '<div>\n# inside html\n</div>',
  '<!-- a comment\n\n* **Commented**: out -->',
  '[ref]: https://github.com/o/r/blob/main/ref.md',
  'See [the ref][ref] and [[Unit 2]](units/Unit%202.md).',
  '* **Reward hacking**: gaming the proxy [[Unit 2]][ref], also [Unit 3][] and [[Unit 4]][nowhere].',
  '[Unit 3]: <units/Unit%203.md#debate> "Unit 3"',
  '* item\n# heading right after a list',
  '* prose bullet\n* **Next**: a definition right after it\n- another list\n+ and another',
  'Paragraph\n* bullet interrupting it\n2. not a list item here\n* * *',
  '* item\n-\n* after a lone dash',
  '---',
  '',
  // Vault pages: concept pages, attributed definitions, relations, callouts, tables, math, GFM.
  '# Goal Drift',
  '## Definitions',
  '## Summary\n\nThe goal an agent pursues changes over a long episode.',
  '- **[[sources/smith-2024]]** (origin): "the goal an agent pursues changes" (§2).\n- **[[sources/lee-et-al-2025|Lee et al.]]**: drift measured as a rate.',
  '- Related to: [[concepts/goal-misgeneralisation]] (both concern goals)\n- Distinct from: [[concepts/reward-hacking]]',
  '**Related to**: [[a]], [[b]]',
  '> [!warning] Classification nuance\n> Smith treats it as a property of the agent.',
  '| Source | Framing |\n|---|---|\n| [[sources/smith-2024\\|Smith 2024]] | agent property |',
  '> [!note]- Foldable, with a call[^1]\n> * **Quoted term**: a definition [[Unit 1]](' + UNIT + '#quoted).\n>   * **Nested**: under it',
  '> The goal changes as the episode runs.\n> — Someone, *A book* (2024)\n>\n> ## Heading in a quote',
  '| Term | Source |\n|:--|--:|\n| **RLHF** | [[sources/x\\|X]] and a call[^1] |\n| uneven |',
  'The policy $\\pi_\\theta$ drifts; see ~~old~~ notes at www.example.com and ![[findings/drift]].',
  '$$\nR = r - \\beta\n\n* **NotMath**: inside\n$$',
  '- [ ] read [[sources/smith-2024#^abc123]]\n- [x] done',
  'A claim with a footnote[^1] and ^block-id',
  '* **RLHF:**\n  * Raters compare answers.\n  * **Reward model:** predicts their choice.',
  '* **Amplified oversight:**\n  * How do we judge one output?\n  * **Critiques:**\n    * A second model points out flaws.',
  '* **Term with nothing:**',
  '**[[sources/x]]**',
  // GFM footnotes: a call is one only where the note defines its label, in any chunk.
  '[^1]: The footnote, defined at the end.',
  '* **Footnoted**: a definition whose source is a call[^1], and one to nothing[^9].',
  'Prose with a call[^note] in it.\n[^note]: defined right under it',
  // Shapes of other people's tables and quotes: no leading pipe, right after a paragraph, no space after `>`,
  // a quote right after a paragraph or a list, code and a table inside a callout, a lazy line.
  'Term | Meaning\n--- | ---\n**Proxy** | the measured thing\n[[goodhart]] | see note',
  'Intro line before a table\n| x | y |\n|---|---|\n| 1 | 2 |',
  '>No space after the marker\n>and [[link]] here',
  'Text\n> quote right after a paragraph',
  '- item\n> quote right after a list',
  '> ```\n> code in a quote\n>\n> still code\n> ```',
  '> [!tip]+ Open\n> | a | b |\n> |---|---|\n> | 1 | [[x\\|y]] |',
  '> [!warning]- Folded\n> Lazy continuation follows\nthis line has no marker',
  '1. First step with [[a|label]]\n2. Second step\n   > quoted inside a list',
  '- [ ] [[read-later]] the paper\n- [x] **done** with notes\n- [ ] `code` first',
];

/** Front matter a vault page may open with, including YAML that does not parse. */
const FRONT_MATTERS = [
  '',
  '---\ntype: concept\ntags: [failure-mode]\naliases: [Objective drift]\n---\n',
  '---\ntitle: Goal drift\n\naliases: drift, objective drift\n---\n',
  '---\ntype: [unclosed\n---\n',
  '---\n---\n',
  '---\nno closing fence\n',
  '---\nid: 7f3k2\ntitle: Reward hacking\ndesc: ""\nupdated: 1644322011\ncreated: 1644321000\n---\n',
];

describe('analyseNote fast path', () => {
  it('cuts a note at blank lines before unindented lines and at headings, never inside a fence', () => {
    const text = '# A\n\npara\n\n```\n\nx\n```\n\n* **T**: d\n## B';
    const chunks = splitChunks(text);
    assert.ok(chunks);
    assert.deepEqual(
      chunks.map((c) => [text.slice(c.start, c.end), c.interesting]),
      [
        ['# A\n\n', true],
        ['para\n\n', false],
        ['```\n\nx\n```\n\n', false],
        ['* **T**: d\n', true],
        ['## B', true],
      ],
    );
  });

  it('parses the whole note when reference definitions, HTML blocks or indented fences reach across chunks', () => {
    assert.equal(splitChunks('[ref]: https://x.org\n\ntext'), undefined);
    assert.equal(splitChunks('<!--\n\n* **A**: b\n-->'), undefined);
    assert.equal(splitChunks('* item\n\n  ```\n  code\n  ```'), undefined);
    // A definition in a quote or a list item: a callout's `[!note]` elsewhere may then be a link.
    assert.equal(splitChunks('> [!note]: https://x.org\n\n> [!note] Title'), undefined);
    assert.equal(splitChunks('- [ref]: https://x.org\n\n[ref]'), undefined);
    assert.equal(splitChunks('1. > [ref]: https://x.org\n\n[ref]'), undefined);
    assert.ok(splitChunks('> [!note] Title\n\n- [x] done\n- [link](u): text'));
  });

  it('finds exactly what a parse of the whole note finds, on the sample course and both sample vaults', () => {
    const notes = [...sampleNotes(), ...sampleNotes(SAMPLE_VAULT), ...sampleNotes(FOAM_VAULT)];
    assert.ok(notes.length > 60);
    for (const [uri, text] of notes) {
      const whole = analyseNoteWhole(text);
      assert.deepEqual(indexed(analyseNote(text)), indexed(whole), uri);
      assert.deepEqual(proseRuns(text), whole.prose, `${uri}: prose runs`);
    }
  });

  it('finds exactly what a parse of the whole note finds, on Obsidian-style pages of tables and callouts', () => {
    for (const text of OBSIDIAN_PAGES) {
      const whole = analyseNoteWhole(text);
      assert.deepEqual(indexed(analyseNote(text)), indexed(whole));
      assert.deepEqual(proseRuns(text), whole.prose, 'prose runs');
    }
  });

  it('finds exactly what a parse of the whole note finds, on random notes', function () {
    this.timeout(60_000); // 600 notes, each parsed twice, most chunks of them by remark
    fc.assert(
      fc.property(
        fc.constantFrom(...FRONT_MATTERS),
        fc.array(fc.constantFrom(...BLOCKS), { maxLength: 14 }),
        fc.array(fc.constantFrom('\n', '\n\n', '\n\n\n'), { minLength: 14, maxLength: 14 }),
        (matter, blocks, gaps) => {
        const text = matter + blocks.map((block, i) => block + (gaps[i] ?? '\n')).join('');
        const whole = analyseNoteWhole(text);
        assert.deepEqual(indexed(analyseNote(text)), indexed(whole));
        assert.deepEqual(proseRuns(text), whole.prose, 'prose runs');
      }),
      { numRuns: 600, seed: 42 },
    );
  });
});
