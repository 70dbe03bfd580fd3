import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { analyseNoteWithinLimits } from '../../src/core/notes/limits';
import type { WikiLinkRef } from '../../src/core/notes/noteAnalysis';
import { withWikiLinks } from '../../src/core/notes/wikiLinkRefs';
import { parseMarkdown } from '../../src/core/parse/processor';
import type { WikiLink } from '../../src/core/parse/wikiLink';

/** What the parse says of each wikilink of `text`: remark's reading of the whole note, as the analysis gives it. */
function parsed(text: string): WikiLinkRef[] {
  const found: WikiLinkRef[] = [];
  visit(parseMarkdown(text) as Root, 'wikiLink', (node: WikiLink) => {
    const at = node.position;
    if (!at) return;
    found.push({
      target: node.target,
      embed: node.embed,
      range: { start: { line: at.start.line - 1, character: at.start.column - 1 }, end: { line: at.end.line - 1, character: at.end.column - 1 } },
      ...(node.heading === undefined ? {} : { heading: node.heading }),
      ...(node.block === undefined ? {} : { block: node.block }),
      ...(node.label === undefined ? {} : { label: node.label }),
    });
  });
  return found;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

/** A vault page with a link of every shape, after a tab, on lines and at columns past the shared positions, with CRLF endings. */
const PAGE = [
  '---',
  'type: concept',
  '---',
  '# Goal drift',
  '',
  '* **Goal drift** — a model\'s goal moves: see [[concepts/goal-misgeneralisation]], [[rlhf#Why the KL term|the KL term]]',
  '  and ![[diagram.png]], [[findings/probe-result#^result-1]] and [[#Examples]].',
  '',
  '| page | why |',
  '| --- | --- |',
  '| [[concepts/corrigibility\\|Corrigibility]] | related |',
  '',
  `A tab\there, then ${'x'.repeat(300)} [[Far along the line]]`,
  ...Array.from({ length: 1100 }, (_, i) => `Line ${i} mentions [[Page ${i % 7}]].`),
].join('\r\n');

describe('wikilinks kept as their places in the text until asked for', () => {
  it('gives every link of a vault page as the parse reads it, with its range, until and after it is asked for', () => {
    const analysis = analyseNoteWithinLimits(PAGE);
    assert.equal(typeof Object.getOwnPropertyDescriptor(analysis, 'wikiLinks')?.get, 'function', 'the links are objects before anything asked for them');
    const links = analysis.wikiLinks;
    assert.deepEqual(links, parsed(PAGE));
    assert.equal(links.length, 1107);
    assert.equal(analysis.wikiLinks, links, 'read once, then kept');
  });

  it('gives the links of every note of both samples and of the Foam-shaped fixture vault as the parse reads them, most kept compact', () => {
    let compact = 0;
    for (const path of [...markdownFiles('samples/alignment-course'), ...markdownFiles('samples/alignment-vault'), ...markdownFiles('test/fixtures/foam-vault')]) {
      const text = readFileSync(path, 'utf8');
      const analysis = analyseNoteWithinLimits(text);
      if (typeof Object.getOwnPropertyDescriptor(analysis, 'wikiLinks')?.get === 'function') compact++;
      assert.deepEqual(analysis.wikiLinks, parsed(text), path);
    }
    assert.ok(compact >= 20, `${compact} notes kept their links compact`);
  });

  it('keeps the objects when the text at a link\'s place does not read back as that link', () => {
    const source = 'See [[Real page]].';
    const node: WikiLink = {
      type: 'wikiLink',
      target: 'Another page',
      embed: false,
      value: 'Another page',
      position: { start: { line: 1, column: 5, offset: 4 }, end: { line: 1, column: 18, offset: 17 } },
    };
    const analysis = withWikiLinks({}, source, [node]);
    assert.equal(Object.getOwnPropertyDescriptor(analysis, 'wikiLinks')?.get, undefined);
    assert.deepEqual(analysis.wikiLinks, [{ target: 'Another page', embed: false, range: { start: { line: 0, character: 4 }, end: { line: 0, character: 17 } } }]);
  });
});
