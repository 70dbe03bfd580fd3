import { strict as assert } from 'node:assert';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { analyseNote, analyseNoteWhole } from '../../src/core/notes/analyseNote';
import { parseMarkdown } from '../../src/core/parse/processor';

const UNIT_1 = 'https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%201%3A%20Losing%20control%20to%20AI.md#what-is-ai-alignment';

function types(markdown: string): string[] {
  const found = new Set<string>();
  visit(parseMarkdown(markdown), (node: Nodes) => {
    found.add(node.type);
  });
  return [...found].sort();
}

describe('The reference reading of a note', () => {
  it('reads GFM: tables, task lists, footnotes, strikethrough and autolinked URLs', () => {
    const found = types('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] to read\n\nA claim[^1] ~~old~~ at www.example.com.\n\n[^1]: The note.\n');
    for (const type of ['table', 'tableCell', 'listItem', 'footnoteReference', 'footnoteDefinition', 'delete', 'link']) assert.ok(found.includes(type), type);
  });

  it('reads YAML front matter, `$math$` and `$$` blocks, and wikilinks', () => {
    const found = types('---\ntype: concept\n---\n\nThe policy $\\pi_\\theta$ and [[concepts/goal-drift|drift]].\n\n$$\nx^2\n$$\n');
    for (const type of ['yaml', 'inlineMath', 'math', 'wikiLink']) assert.ok(found.includes(type), type);
  });

  it('keeps `[[Unit 1]](url)` a citation, never a wikilink followed by text; `[[Unit 1]]` alone is a wikilink', () => {
    const analysis = analyseNote(`See [[Unit 1]](${UNIT_1}) and [[Unit 1]] and [[Unit 2|the next unit]].`);
    assert.deepEqual(analysis.citations.map((c) => [c.label, c.url]), [['[Unit 1]', UNIT_1]]);
    assert.deepEqual(types(`[[Unit 1]](${UNIT_1})`), ['link', 'paragraph', 'root', 'text']);
  });

  it('reads a citation written by reference, `[[Unit 2]][u2]`, `[Unit 2][]` or `[Unit 2]`, with its definition\'s URL, as the inline link it stands for', () => {
    const text = [
      '* **Sycophancy**: telling raters what they want to hear [[Unit 2]][u2], worse with scale [Unit 4][].',
      '* **Debate**: a judge picks between two arguing models [[Unit 3]][U3], see also [Unit 4].',
      '',
      'Not citations: [[Unit 9]][undefined] (a wikilink), [a blog][b].',
      '',
      '[u2]: https://github.com/org/course/blob/main/Unit%202.md#sycophancy',
      '[u3]: <../units/Unit%203.md#debate> "Unit 3"',
      '[Unit 4]: https://github.com/org/course/blob/main/Unit%204.md',
      '[u2]: https://github.com/org/course/blob/main/Unit%209.md#a-later-duplicate',
      '[b]: https://example.com/post',
    ].join('\n');
    const analysis = analyseNote(text);
    const at = (line: number, written: string): [number, number, number] => {
      const start = text.split('\n')[line]?.indexOf(written) ?? -1;
      return [line, start, start + written.length];
    };
    assert.deepEqual(analysis.citations.map((c) => [c.label, c.url, [c.range.start.line, c.range.start.character, c.range.end.character]]), [
      ['[Unit 2]', 'https://github.com/org/course/blob/main/Unit%202.md#sycophancy', at(0, '[[Unit 2]][u2]')],
      ['Unit 4', 'https://github.com/org/course/blob/main/Unit%204.md', at(0, '[Unit 4][]')],
      ['[Unit 3]', '../units/Unit%203.md#debate', at(1, '[[Unit 3]][U3]')],
      ['Unit 4', 'https://github.com/org/course/blob/main/Unit%204.md', at(1, '[Unit 4]')],
    ]);
    assert.deepEqual(analysis.definitions.map((d) => [d.term, d.citations.map((c) => c.label)]), [['Sycophancy', ['[Unit 2]', 'Unit 4']], ['Debate', ['[Unit 3]', 'Unit 4']]]);
    assert.deepEqual(analysis.wikiLinks.map((link) => link.target), ['Unit 9']);
  });

  it('reads a table cell wikilink `[[x\\|label]]` as one link', () => {
    const links: Nodes[] = [];
    visit(parseMarkdown('| Source | Framing |\n|---|---|\n| [[sources/smith-2024\\|Smith 2024]] | agent |\n'), 'wikiLink', (node: Nodes) => {
      links.push(node);
    });
    assert.deepEqual(links.map((node) => (node.type === 'wikiLink' ? [node.target, node.label] : [])), [['sources/smith-2024', 'Smith 2024']]);
  });

  it('never reads a term inside front matter, code, HTML, math or link destinations; prose, tables and callouts are read', () => {
    const index = new CourseIndex();
    index.setNote('file:///n/glossary.md', '* **Reward hacking**: gaming the reward signal.\n');
    const note = 'file:///n/page.md';
    const text = [
      '---',
      'title: reward hacking',
      '---',
      '',
      '`reward hacking` in code, $reward hacking$ in math, <span title="reward hacking">html</span>.',
      '',
      '```',
      'reward hacking',
      '```',
      '',
      '$$',
      'reward hacking',
      '$$',
      '',
      '[a link](https://example.org/reward-hacking) and [[notes/reward hacking]].',
      '',
      '| Kind | Example |',
      '|---|---|',
      '| reward hacking | boat race |',
      '',
      '> [!warning] Reward hacking',
      '> Prose in a callout.',
      '',
      'Plain prose about reward hacking.',
    ].join('\n');
    index.setNote(note, text);
    const lines = index.occurrencesIn(note).map((o) => o.range.start.line);
    assert.deepEqual(lines, [18, 20, 23]);
  });

  it('gives the same analysis chunk by chunk as whole on a vault page with every construct', () => {
    const text = [
      '---',
      'type: concept',
      'aliases: [Objective drift]',
      '---',
      '# Goal Drift',
      '',
      '## Definitions',
      '- **[[sources/smith-2024]]** (origin): "the goal changes" (§2).',
      '',
      '| Source | Framing |',
      '|---|---|',
      '| [[sources/smith-2024\\|Smith]] | agent |',
      '',
      '$$',
      'd = 1',
      '',
      '* **NotAConcept**: inside math',
      '$$',
      '',
      '* **Drift rate**: how fast it happens ~~roughly~~ per step.',
    ].join('\n');
    const { prose: _fast, ...fast } = analyseNote(text);
    const { prose: _whole, ...whole } = analyseNoteWhole(text);
    assert.deepEqual(fast, whole);
    assert.deepEqual(fast.definitions.map((d) => d.term), ['Drift rate']);
  });
});
