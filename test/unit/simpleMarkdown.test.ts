import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Nodes, RootContent } from 'mdast';
import { generateCorpus } from '../../bench/corpus/generate';
import { splitChunks } from '../../src/core/notes/chunks';
import { parseMarkdown } from '../../src/core/parse/processor';
import { SimpleMarkdown } from '../../src/core/parse/simpleMarkdown';
import { OBSIDIAN_PAGES } from './helpers/obsidianShapes';
import { sampleNotes } from './helpers/sampleCourse';

/**
 * What the analysis reads of a tree: node types, values, URLs, depths, a table's alignment, a list's order and
 * checks, a wikilink's parts, positions and children.
 */
function project(node: Nodes, line = 0, offset = 0): unknown {
  const point = (p: { line: number; column: number; offset?: number } | undefined): unknown =>
    p && { line: p.line + line, column: p.column, offset: (p.offset ?? 0) + offset };
  return {
    type: node.type,
    ...('value' in node ? { value: node.value } : {}),
    ...('url' in node ? { url: node.url } : {}),
    ...('depth' in node ? { depth: node.depth } : {}),
    ...('align' in node ? { align: node.align } : {}),
    ...(node.type === 'list' ? { ordered: node.ordered, start: node.start } : {}),
    ...(node.type === 'listItem' ? { checked: node.checked } : {}),
    ...(node.type === 'wikiLink' ? { target: node.target, heading: node.heading, block: node.block, label: node.label, embed: node.embed } : {}),
    ...('lang' in node ? { lang: node.lang, meta: node.meta } : {}),
    start: point(node.position?.start),
    end: point(node.position?.end),
    ...('children' in node ? { children: (node.children as Nodes[]).map((child) => project(child, line, offset)) } : {}),
  };
}

/** remark's blocks of `source.slice(start, end)`, projected into the note's coordinates. */
function remarkBlocks(source: string, start: number, end: number, line: number): unknown[] {
  return parseMarkdown(source.slice(start, end)).children.map((node) => project(node, line, start));
}

function simpleBlocks(blocks: RootContent[]): unknown[] {
  return blocks.map((node) => project(node));
}

/** Checks every chunk of a note the subset parser accepts against remark; returns [accepted, chunks]. */
function checkNote(source: string): [number, number] {
  const chunks = splitChunks(source) ?? [];
  let accepted = 0;
  for (const chunk of chunks) {
    const blocks = SimpleMarkdown.parse(source, chunk.start, chunk.end, chunk.line);
    if (!blocks) continue;
    accepted++;
    assert.deepEqual(simpleBlocks(blocks), remarkBlocks(source, chunk.start, chunk.end, chunk.line), JSON.stringify(source.slice(chunk.start, chunk.end)));
  }
  return [accepted, chunks.length];
}

/** Each text is inside the subset, and read exactly as remark reads it. */
function assertAccepted(texts: readonly string[]): void {
  for (const text of texts) {
    const blocks = SimpleMarkdown.parse(text, 0, text.length, 0);
    assert.ok(blocks, `accepts ${JSON.stringify(text)}`);
    assert.deepEqual(simpleBlocks(blocks), remarkBlocks(text, 0, text.length, 0), text);
  }
}

/** Each text is left to remark. */
function assertRefused(texts: readonly string[]): void {
  for (const text of texts) assert.equal(SimpleMarkdown.parse(text, 0, text.length, 0), undefined, text);
}

/** Each text is either left to remark or read exactly as remark reads it. */
function assertAgreesWhenAccepted(texts: readonly string[]): void {
  for (const text of texts) {
    const blocks = SimpleMarkdown.parse(text, 0, text.length, 0);
    if (blocks) assert.deepEqual(simpleBlocks(blocks), remarkBlocks(text, 0, text.length, 0), text);
  }
}

/**
 * One of `usual`, or once in `odds` times one of `odd`: random texts that the subset parser often accepts, not
 * always.
 */
function mostly(usual: readonly string[], odd: readonly string[], odds = 12): fc.Arbitrary<string> {
  return fc.oneof({ weight: odds - 1, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
}

/**
 * Random texts are left to remark or read exactly as remark reads them; and at least `minimum` of 5,000 are
 * read, as the property means little unless many random texts get through the subset parser.
 */
function assertAgreesOnRandom(texts: fc.Arbitrary<string>, minimum: number): void {
  let accepted = 0;
  fc.assert(
    fc.property(texts, (text) => {
      const blocks = SimpleMarkdown.parse(text, 0, text.length, 0);
      if (!blocks) return;
      accepted++;
      assert.deepEqual(simpleBlocks(blocks), remarkBlocks(text, 0, text.length, 0), JSON.stringify(text));
    }),
    { numRuns: 5_000 },
  );
  assert.ok(accepted >= minimum, `accepted ${accepted} of 5,000`);
}

describe('the plain-subset markdown parser', function () {
  this.timeout(120_000);

  it('builds the same tree as remark for every chunk of the 1,000-note benchmark corpus it accepts, and accepts most', () => {
    const corpus = generateCorpus({ files: 1_000, vocab: 3_000, seed: 42 });
    let accepted = 0;
    let total = 0;
    for (const file of corpus.files) {
      const [a, t] = checkNote(file.text);
      accepted += a;
      total += t;
    }
    assert.ok(accepted / total > 0.8, `accepted ${accepted} of ${total} chunks`);
  });

  it('builds the same tree as remark for the sample course', () => {
    let accepted = 0;
    for (const [, text] of sampleNotes()) accepted += checkNote(text)[0];
    assert.ok(accepted > 20, `accepted ${accepted} chunks`);
  });

  it('agrees with remark on glossary shapes and refuses what it does not build', () => {
    const accept = [
      '* **Inner misalignment** (goal misgeneralisation): the learned goal differs [[Unit 1]](https://github.com/o/c/blob/main/U%201.md#what-is-ai-alignment).',
      '* Given good scores a model may be a:\n  * **Saint**: good.\n  * *Schemer*: hides *its* goals.\n    * **Deeper**: yes.\n  * **Back**: up.',
      '## Unit 2: Catastrophic misuse\nA paragraph right under it, with [a link](https://example.org/x) and **bold**.',
      'Prose on two lines\nmentions (*schemers*) and "**RLHF**".',
      '- **Dash** item: text\n  - nested *x*',
      '#### Reinforcement Learning from Human Feedback (RLHF)\n\n',
      '* **Term:** text — with ünïcödé and 😀 emoji.',
    ];
    const refuse = [
      '* item\ncontinued lazily',
      '* item\n\n  more',
      '* **T**: `code`',
      '* **T**: a_b',
      '* **T**: x <b>y</b>',
      '* **T**: see [ref][r]',
      '* **T**: ![img](a.png)',
      '* **T**: [x](url "title")',
      '* **T** *: broken',
      '* * *',
      '1. **Ordered**: item',
      'Setext\n===',
      '    indented code',
      '* **T**: trailing space ',
      '* a\n   * misaligned nesting',
      '* a\n  + other marker\n  * mixed',
      '# Closed heading #',
      // Found by review: a closing fence followed by a tab, Unicode spaces that are not blank, fence info.
      '```\na\n```\t\nb\n```',
      '~~~\na\n~~~\t\n~~~',
      '\u00a0',
      'a\n\u00a0',
      '# a\n\u3000',
      '* a\n\u3000',
      '* **Saint**: good\n\u00a0\n',
      '```\u00a0js\nx\n```',
      '```js\u00a0x\nx\n```',
      '```js  meta  words\nx\n```',
    ];
    assertAccepted(accept);
    assertAgreesWhenAccepted(refuse);
  });

  it('reads ordered lists and task items (whatever their text opens with), alone and nested with bullets, exactly as remark, and leaves those that cannot interrupt a paragraph to remark', () => {
    const accept = ['- [x] Read [[a]] now\n- [ ] todo\n  - [X] nested', '1. [ ] ordered task', '- [ ] **[[a]]**: b', '- [x] *a* b', '- [x] [a](u) b', '- [x] [[a]] done\n- [ ] `code` then', '- [ ] ![[a]]', '1. First\n2. Second\n   - nested\n3. Third', '* a\n  1. one\n  2. two', '# Heading\n2. starts at two', '1) a\n2) b', 'Para\n1. interrupts it', '3. **Term**: text [[x]]'];
    const refuse = ['- [x]', '- [ ]  two spaces', 'Para\n2. continues it', '- a\n  2. b', '1. a\n- b', '9. a\n10. b'];
    assertAccepted(accept);
    assertRefused(refuse);
  });

  it('reads wikilinks and embeds exactly as remark with the wikilink extension, and leaves odd ones to remark', () => {
    const accept = [
      'See [[concepts/goal-drift]] and [[Goal Drift#Definitions|drift]].',
      '* **Term**: text [[a#^block-1]] then ![[diagram.png]] and ![[b| label ]].',
      '![[findings/drift]]',
      '# Heading with [[link]]',
      'A [[ spaced name ]] and [[#Local heading]] and [[x#]].',
      '- Related to: [[concepts/y]] (both) and [[z|Z]]',
      '- **[[sources/smith-2024]]** (origin): "the goal changes" and *[[x|X]]*.',
      '* **[Unit 1](https://example.org/u1.md)**: text',
      '- **"Concrete Problems in AI Safety" (Amodei et al., 2016)**: a paper',
    ];
    const refuse = ['[[a\nb]]', 'x [[a\nb]] y', '[[a]][b]', '[[a\\|b]]', '[[a#b#c]]', '[[a|b|c]]', '\\![[a]]', '[[ ]]', '[[a]]]', '[[a [[b]] c]]', '![image](x.png)', `[[${'x'.repeat(501)}]]`];
    assertAccepted(accept);
    assertAgreesWhenAccepted(refuse);
  });

  it('never disagrees with remark on random vault lines: wikilinks in every form, emphasised or not, in bullets and headings', () => {
    const name = fc.constantFrom('goal-drift', 'concepts/goal drift', ' x ', 'a.b', 'RLHF', '', 'é', 'a*b', 'a_b', '`c`', 'a]b', '[a', 'a(b)');
    const link = fc
      .tuple(fc.constantFrom('', '!'), name, fc.constantFrom('', '#', '#^', '#h '), fc.constantFrom('', 'Heading', 'blk-1', ' '), fc.constantFrom('', '|', '\\|'), fc.constantFrom('', 'label', ' L ', '*x*'))
      .map(([bang, target, mark, anchor, bar, label]) => `${bang}[[${target}${mark === '' ? '' : mark + anchor}${bar === '' ? '' : bar + label}]]`);
    const around = fc.constantFrom('', '*', '**', '***', '_');
    const piece = fc.oneof(
      fc.tuple(around, link, fc.constantFrom('', '*', '**'), fc.constantFrom('', ':', ' ', '(', ')', '.', 'x', ']', '[', '(u)')).map(([a, l, b, c]) => `${a}${l}${b}${c}`),
      fc.constantFrom(' ', 'word ', '- ', '* ', '# ', '\n', '\n- ', '\n  - ', '"q"', ': ', '(note) ', '**"', '"**', "*'", "'*", '**(', ')**', ')**:', '"*.'),
    );
    assertAgreesOnRandom(fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')), 500);
  });

  it('never disagrees with remark on random mixes of markers, brackets, stars and indentation', () => {
    const piece = fc.constantFrom(
      '* ', '  * ', '    * ', '- ', '  - ', '# ', '#### ', '**', '*', '[', ']', '[[', ']]', '(', ')', '](', '](./U%201.md#a)', ':',
      ' ', '\n', 'Term', 'word', 'RLHF', '(alias)', '"', '.', '1. ', 'é', '😀', '#', '!', '---', '\n\n', 'x*', '*x', '(*', '*)',
      '`', '``', '```', '\n```\n', '~~~', '_', 'a_b', '_x', '\\', '\\*', '\\_', '\\[', '> ', '<b>', '&amp;', '&', '\t', '    ',
      '\u00a0', '\u3000', '\f', '```js', '```\t', '~~~ x', '![[', '|', '#^', '\\|', 'a b', ']] ', '**[[', ']]**', '*[[',
      '2. ', '1) ', '10. ', '   - ', '   1. ', '[ ] ', '[x] ', '[X]', '- [ ] ', '\n- [x] ', '\n1. ', '\n2. ', '\n   - ', '\n   1. ', '\n  1. ',
    );
    assertAgreesOnRandom(fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')), 500);
  });

  it('reads GFM tables as remark-gfm does: alignment, cells split at unescaped pipes, `[[a\|b]]` wikilinks, uneven rows', () => {
    const accept = [
      '| Source | Framing | Measured? |\n| --- | --- | --- |\n| [[sources/smith-2024\\|Smith (2024) — Drift]] | a property of the agent | yes |\n| [[sources/lee-2025\\|Lee]] | a rate | no |',
      '| Field | Value |\n|---|---|\n| Author | Smith et al. |\n| Year | 2024 |',
      '| Left | Centre | Right | None |\n|:--|:-:|--:|---|\n| *a* | **b** | `c` | $d$ |',
      '| a | b |\n|---|---|\n| only one |\n| one | two | three |\n|  | empty first |\n| x || y |',
      '| Code | Escaped |\n| - | - |\n| `a\\|b` | a \\| b and \\\\ |\n| `x\\\\y` | [[a#Heading\\|label]] |',
      '| No closing pipe | b\n| --- | ---\n| c | d',
      '|a|\n|-|\n|b|\n||\n|',
      '## Sources\n| Page | Note |\n| --- | --- |\n| [[concepts/goal-drift]] | see [the paper](https://example.org/p) |',
      'A paragraph the table interrupts.\n| a |\n| :-: |\n| b |',
      '| Term | Meaning |\n| --- | --- |\n| [!note] | a callout mark in a cell is text |',
    ];
    const refuse = [
      '| a | b |\n| --- |\n| c | d |', // the delimiter row has fewer cells than the header
      '| a |\n| b |', // no delimiter row
      '| a |\n|---|\nplain row', // a row without a pipe
      '| a |\n|---|\n> quote', // a quote after the rows
      '| [[a|b]] |\n|---|', // the pipe splits the wikilink
      '| a |\n| --- | \n| b |', // a space after the delimiter row
      '| a |\n|---|\n| b | ', // a space after a row
      '| a |\n|-x-|',
      '| a |\n|:|',
      '|\n|-|',
      ' | indented |\n |---|',
      'a | b\n--|--',
      '| ~~struck~~ |\n|---|',
      '| <b>html</b> |\n|---|',
      '| a\\ |\n|---|',
    ];
    assertAccepted(accept);
    assertRefused(refuse);
  });

  it('reads block quotes and Obsidian callouts as remark does, with columns after the `> `, and leaves lazy lines and nesting to remark', () => {
    const accept = [
      '> [!warning] Classification nuance\n> Smith treats it as a property of the agent, [[sources/lee-2025|Lee]] as one of training.',
      '> [!note]- Foldable, closed\n> Body with *emphasis*, **strong** and `code`.\n>\n> A second paragraph.',
      '> [!tip]+ Open by default\n> Text.',
      '> A line that ends in *emphasis*\n> [[concepts/x]] opens the next one, so a text of just the line break ends before its `> `.',
      '> [!QUESTION]\n> Does drift grow with the horizon?',
      '> The goal an agent pursues changes over a long episode.\n> — A. Writer, *On drift* (2024)',
      '>No space after the marker\n>on either line',
      '> # Heading in a quote\n> text under it',
      '> - a list in a quote\n> - **Term**: a definition\n>   - nested under it',
      '> 1. first\n> 2. second',
      '> | a | b |\n> |---|:-:|\n> | [[x\\|y]] | z |',
      '> a paragraph\n>\n>\n> after two blank lines\n>',
      '> trailing blank line with a space\n> ',
      'A paragraph the quote interrupts.\n> quoted',
      '> ```js\n> let x = 1;\n> ```',
    ];
    const refuse = [
      '> a\nlazy continuation',
      '> - item\nlazy',
      '> - a list\n>\n> then a paragraph', // the list takes in the blank line
      '> - a list\n>', // and a trailing one
      '> outer\n> > nested quote',
      '>> nested',
      ' > indented marker',
      '> two spaces at the end  ',
      '>\ttab',
      '> [^1]: a definition in a quote',
      '> [!note]: a reference definition',
      '- > a quote in a list item',
      'Para\n> 2. an ordered list cannot interrupt the paragraph, even in a quote',
    ];
    assertAccepted(accept);
    assertRefused(refuse);
  });

  it('accepts the tables and callouts of Obsidian-style pages, footnote calls in them included, and reads them as remark does', () => {
    let read = 0;
    for (const page of OBSIDIAN_PAGES) {
      checkNote(page);
      for (const chunk of splitChunks(page) ?? []) {
        const text = page.slice(chunk.start, chunk.end);
        if (!/^[|>]/m.test(text)) continue; // a table or a quote, maybe under a heading
        assert.ok(SimpleMarkdown.parse(page, chunk.start, chunk.end, chunk.line, chunk.footnotes), `accepts ${JSON.stringify(text)}`);
        read++;
      }
    }
    assert.equal(read, 9);
  });

  it('never disagrees with remark on random tables: wikilinks, escaped pipes, alignment rows, code spans, escapes and uneven rows', () => {
    const content = mostly(
      [
        'word', 'two words', '[[a\\|b]]', '[[concepts/x\\|X (2024) — Y]]', '[[a#h\\|b]]', '[[a]]', '**bold**', '*em*', '**[[a\\|b]]**',
        '`code`', '`a\\|b`', '\\|', 'a\\-b', '$x$', '[!note]', '[l](u)', '', 'é', '1.', '#', '-', '---', ':-:', '>', '"q"', '(x)',
      ],
      ['[[a|b]]', '`a|b`', '` \\\\| `', '\\\\', '\\', '$a\\|b$', '_u_', ' ', '|', '||', '<b>', '~~s~~', '[^1]', '`x\\\\y`'],
      30,
    );
    const cells = fc.array(fc.array(content, { maxLength: 3 }).map((parts) => parts.join(' ')), { minLength: 1, maxLength: 4 });
    const edge = mostly(['|', '|', '| '], [' |', '', '\\|', '|  ']);
    const between = mostly([' | ', '|', ' |', '| ', '  |  '], [' \\| ', '||']);
    const row = fc.tuple(edge, cells, between, mostly(['|', ''], ['| ', '\\|', ' |'])).map(([open, parts, bar, close]) => `${open}${parts.join(bar)}${close}`);
    const delimiterCell = fc.constantFrom('---', ':--', '--:', ':-:', '-', ' --- ', ':', '', 'x', '- -', '::');
    const delimiter = fc
      .tuple(
        mostly(['|', '| '], ['', ' |']),
        fc.array(fc.constantFrom('---', ':--', '--:', ':-:', '-', ' :---: ', '--'), { minLength: 1, maxLength: 4 }),
        delimiterCell,
        mostly(['|', '', ' |'], ['| ']),
        fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      )
      .map(([open, parts, odd, close, broken]) => `${open}${(broken ? [...parts, odd] : parts).join('|')}${close}`);
    // Mostly a header with as many cells as its delimiter row, so that many tables are tables.
    const table = fc
      .tuple(mostly(['', 'Para\n', '# H\n'], ['- item\n', '> q\n']), cells, mostly(['|', '| ', ''], ['|\\']), delimiter, fc.array(row, { maxLength: 4 }), mostly(['', '\n', '\n\n'], ['\nplain', '\n> q', '\n|']))
      .map(([before, header, close, delimiterRow, rows, after]) => {
        const align = delimiterRow.split('|').filter((cell) => cell.trim() !== '').length;
        const head = `| ${Array.from({ length: align }, (_, k) => header[k] ?? '').join(' | ')} ${close}`.replace(/ $/, '');
        return `${before}${[head, delimiterRow, ...rows].join('\n')}${after}`;
      });
    assertAgreesOnRandom(table, 1_000);
  });

  it('never disagrees with remark on random block quotes: callout headers, lists in quotes, blank, lazy and nested lines', () => {
    const prefix = mostly(['> ', '> ', '>'], ['>  ', '> > ', '>> ', '', ' > ', '>   ']);
    const content = mostly(
      [
        'text [[x]] and *em*', '[!note] Title', '[!warning]- Foldable title', '[!tip]+ Open', '[!NOTE]', '[!info] **Bold** title', '— Author, *Book*',
        '- item', '- **Term**: a definition [[a|b]]', '  - nested', '* star', '1. first', '2. second', '# Heading', '## H2',
        '| a | b |', '|---|---|', '| [[a\\|b]] | c |', '```', 'code', '', '', '**strong** end', 'a call[^1]', '[!x](u)', 'a_b', '$x$', '[[a\\|b]]',
      ],
      ['   - misaligned', '~~~', '[^1]: x', '---', '***', '[!note]: x', 'a\\', 'trailing ', '    indented', '<div>', '> nested'],
    );
    const line = fc.tuple(prefix, content).map(([marker, text]) => `${marker}${text}`);
    const quote = fc
      .tuple(mostly(['', 'Para\n', '# H\n'], ['- item\n', '| a |\n|---|\n']), fc.array(line, { minLength: 1, maxLength: 6 }), mostly(['', '\n', '\n\n'], ['\nlazy', '\n- item']))
      .map(([before, lines, after]) => `${before}${lines.join('\n')}${after}`);
    assertAgreesOnRandom(quote, 500);
  });
});
