import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { CourseIndex } from '../../src/core/index/courseIndex';
import { analyseNote, analyseNoteWhole } from '../../src/core/notes/analyseNote';
import { ROOT, vault } from './helpers/vaultIndex';
import { assertGrowsLinearly, measureWork } from './helpers/work';


const table = (index: CourseIndex): string[] => index.concepts().map((c) => `${c.term} [${[...c.aliases].sort().join(', ')}] ${c.definitions.map((d) => d.note.slice(ROOT.length)).join(' ')}`);

describe('Edits keep links, concepts and page definitions as a fresh index has them', () => {
  it('moves a broken link warning and its fix with the link when text is typed before it on its line', () => {
    const index = vault({ 'goal-drift.md': '# Goal drift', 'n.md': 'See [[goal drft]] now.' });
    index.diagnostics(`${ROOT}n.md`);
    index.setNote(`${ROOT}n.md`, 'Please see [[goal drft]] now.');
    const [problem] = index.diagnostics(`${ROOT}n.md`);
    assert.deepEqual([problem?.range.start.character, problem?.range.end.character], [11, 24]);
    assert.deepEqual(index.wikiLinkAt(`${ROOT}n.md`, { line: 0, character: 5 }), undefined);
  });

  it('follows a heading that moves in the linked note', () => {
    const index = vault({ 'b.md': '# B\n\n## Sec\n', 'a.md': 'See [[b#Sec]].' });
    assert.equal(index.wikiLinksIn(`${ROOT}a.md`)[0]?.heading?.range.start.line, 2);
    index.setNote(`${ROOT}b.md`, '# B\n\nNew lines.\n\nMore.\n\n## Sec\n');
    assert.equal(index.wikiLinksIn(`${ROOT}a.md`)[0]?.heading?.range.start.line, 6);
  });

  it('splits a joined concept when a new note makes its alias ambiguous, as a fresh index does', () => {
    const notes: Record<string, string> = { 'a.md': '* **Reward modelling (RM)**: learning a reward.', 'b.md': '* **RM**: my shorthand.' };
    const index = vault(notes);
    assert.equal(index.concepts().length, 1);
    notes['c.md'] = '* **Risk management (RM)**: a lab practice.';
    index.setNote(`${ROOT}c.md`, notes['c.md']);
    assert.deepEqual(table(index), table(vault(notes)));
  });

  it('breaks a cycle of nesting that an edit closes at the concept with the smallest id, as a fresh index does', () => {
    const nesting = (index: CourseIndex): [string, string | undefined, readonly string[]][] => index.concepts().map((c) => [c.id, c.parent, c.children]);
    const notes: Record<string, string> = {
      'a.md': '* **Mesa-optimizer**: a learned optimiser.\n  * **Deceptive alignment**: nested under it.',
      'b.md': '* **Schemer**: plays along.\n  * **Mesa-optimizer**: nested under it.',
    };
    const index = vault(notes);
    assert.deepEqual(nesting(index), nesting(vault(notes)));
    // Deceptive alignment → mesa-optimizer → schemer → deceptive alignment: the link of `deceptive alignment` goes.
    notes['c.md'] = '* **Deceptive alignment**: pretends.\n  * **Schemer**: nested under it, which closes the cycle.';
    index.setNote(`${ROOT}c.md`, notes['c.md']);
    assert.deepEqual(nesting(index), [
      ['deceptive alignment', undefined, ['schemer']],
      ['mesa optimizer', 'schemer', []],
      ['schemer', 'deceptive alignment', ['mesa optimizer']],
    ]);
    assert.deepEqual(nesting(index), nesting(vault(notes)));
    // Opening the cycle again gives the link back.
    delete notes['c.md'];
    index.removeNote(`${ROOT}c.md`);
    assert.deepEqual(nesting(index), nesting(vault(notes)));
  });

  it('answers from the last build with its own names while a load holds it, and sorts a rename after it as a fresh index does', () => {
    const notes: Record<string, string> = { 'a.md': '* **Colour**: a hue.', 'c.md': '* **Colosseum**: an arena.' };
    const index = vault(notes);
    index.occurrencesIn(`${ROOT}a.md`);
    // The same concept renamed (`Color` has the key of `Colour`) by a note that a load holds back.
    index.setNote(`${ROOT}a.md`, '* **Color**: a hue.', undefined, 'load');
    index.settle();
    index.answerFromLastBuild = true;
    index.rebuildStep();
    assert.deepEqual(index.concepts().map((c) => c.term), ['Colosseum', 'Colour']);
    index.answerFromLastBuild = false;
    index.setNote(`${ROOT}a.md`, notes['a.md'] ?? '');
    assert.deepEqual(table(index), table(vault(notes)));
  });

  it('orders terms that sort as equal by their ids\' code units, whatever came first', () => {
    const notes: Record<string, string> = { 'a.md': '* **Abcd**: x.', 'b.md': '* **Zed**: y.' };
    const index = vault(notes);
    index.concepts();
    // A variation selector survives the term key, and `localeCompare` finds the two equal.
    notes['b.md'] = '* **Ab\uFE0Fcd**: y.';
    index.setNote(`${ROOT}b.md`, notes['b.md']);
    assert.deepEqual(index.concepts().map((c) => c.id), ['abcd', 'ab\uFE0Fcd']);
    assert.deepEqual(index.concepts().map((c) => c.id), vault(notes).concepts().map((c) => c.id));
  });

  it('joins concepts through aliases the same way whatever order the notes come in', () => {
    const notes: [string, string][] = [
      ['a.md', '* **Reward modelling** (Preference model, RM): learning a reward.'],
      ['b.md', '* **Preference model** (RM): the same model.'],
      ['c.md', '* **RM**: shorthand.'],
    ];
    const expected = table(vault(Object.fromEntries(notes)));
    fc.assert(
      fc.property(fc.shuffledSubarray(notes, { minLength: 3, maxLength: 3 }), (order) => {
        assert.deepEqual(table(vault(Object.fromEntries(order))), expected);
      }),
      { numRuns: 12, seed: 3 },
    );
  });
});

describe('Shapes the first reading missed', () => {
  it('reads `**Name (ACR)** is ...` as a definition with the acronym as alias', () => {
    const [found] = analyseNote('* **Reinforcement Learning from Human Feedback (RLHF)** is a way to fine-tune a model.').definitions;
    assert.deepEqual([found?.term, found?.aliases], ['Reinforcement Learning from Human Feedback', ['RLHF']]);
  });

  it('finds block ids on their own line and after markup, chunk by chunk as whole', () => {
    for (const text of ['Some paragraph text\n^abc123\n', '- a\n- b\n\n^list-id\n', 'A paragraph with *emph* ^xyz\n']) {
      assert.deepEqual(analyseNote(text).blocks, analyseNoteWhole(text).blocks, text);
      assert.equal(analyseNote(text).blocks.length, 1, text);
    }
  });

  it('cuts a long definition section at the same item chunk by chunk as whole', () => {
    const text = `---\ntype: concept\n---\n# Term\n\n## Summary\n${Array.from({ length: 80 }, (_, i) => `- point number ${i} of a long summary, with words.`).join('\n')}\n`;
    const { prose: _fast, ...fast } = analyseNote(text);
    const { prose: _whole, ...whole } = analyseNoteWhole(text);
    assert.deepEqual(fast.page, whole.page);
  });

  it("reads a concept page's first paragraph after its top-level title, not after a heading in a quote", () => {
    const index = vault({ 'concepts/x.md': 'Para text.\n\n```\ncode\n```\n> # Q\n' });
    assert.equal(index.conceptNamed('x')?.definitions[0]?.text, 'Para text.');
  });

  it('titles a page with a very long H1 in linear work', () => {
    const titled = (words: number) => measureWork(() => {
      const index = vault({ 'concepts/long.md': `# ${'word '.repeat(words)}(qualifier)\n\ntext\n` });
      return index.concepts().map((concept) => concept.term);
    });
    // Counts grow with a quadratic cost at any size: 10 KB shows it in seconds.
    const small = titled(200);
    const large = titled(2_000);
    assertGrowsLinearly('titling the page', small, large, 10);
    assert.deepEqual(large.result, [`${'word '.repeat(2_000).trimEnd()}`], 'the qualifier left out of the name');
  });

  it('reports invalid front matter on the line of the error', () => {
    const index = vault({ 'concepts/x.md': '---\ntitle: ok\ntags: [a, b\nmore: x\n---\n# X\n\ntext\n' });
    const [problem] = index.diagnostics(`${ROOT}concepts/x.md`);
    assert.equal(problem?.code, 'front-matter-invalid');
    assert.ok((problem?.range.start.line ?? 0) >= 2, `line ${problem?.range.start.line}`);
  });

  it('reports links to images and PDFs the workspace lacks, but not links to kinds of file it does not list', () => {
    const index = vault({ 'n.md': 'An image ![[diagrams/flow.png]], a paper [[papers/smith.pdf]] and data [[tables/runs.xyz]].' });
    assert.deepEqual(
      index.diagnostics(`${ROOT}n.md`).map((d) => d.message),
      ['![[diagrams/flow.png]] leads to no note or file in the workspace.', '[[papers/smith.pdf]] leads to no note or file in the workspace.'],
    );
    index.setFiles([`${ROOT}papers/smith.pdf`, `${ROOT}diagrams/flow.png`]);
    assert.deepEqual(index.diagnostics(`${ROOT}n.md`), []);
  });
});
