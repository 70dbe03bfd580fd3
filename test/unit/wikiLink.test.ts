import { strict as assert } from 'node:assert';
import type { Link, LinkReference, Nodes, Root, Table } from 'mdast';
import fc from 'fast-check';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { remarkWikiLink, WIKI_LINK_MAX_INSIDE, type WikiLink, wikiLinkFromMarkdown, wikiLinkSyntax } from '../../src/core/parse/wikiLink';
import { measureWork } from './helpers/work';

const withGfm = unified().use(remarkParse).use(remarkGfm).use(remarkWikiLink);
const withoutGfm = unified().use(remarkParse).use(remarkWikiLink);

function parse(markdown: string, gfm = true): Root {
  return (gfm ? withGfm : withoutGfm).parse(markdown);
}

function wikiLinks(tree: Root): WikiLink[] {
  const found: WikiLink[] = [];
  visit(tree, 'wikiLink', (node: WikiLink) => {
    found.push(node);
  });
  return found;
}

/** The node's fields without its position, for comparing what was read. */
function fields(node: WikiLink): Omit<WikiLink, 'position'> {
  const { position: _position, ...rest } = node;
  return rest;
}

/** The one wikilink of `markdown` (asserted to be the only one), parsed with and without GFM alike. */
function only(markdown: string): Omit<WikiLink, 'position'> {
  const links = wikiLinks(parse(markdown));
  assert.equal(links.length, 1, `${JSON.stringify(markdown)} has ${links.length} wikilinks`);
  assert.deepEqual(wikiLinks(parse(markdown, false)).map(fields), links.map(fields), 'the same without remark-gfm');
  return fields(links[0] as WikiLink);
}

function offsets(node: Nodes): [number | undefined, number | undefined] {
  return [node.position?.start.offset, node.position?.end.offset];
}

/** The types of the nodes of a tree, depth first, for asserting its shape. */
function types(node: Nodes): string[] {
  return [node.type, ...('children' in node ? node.children.flatMap((child: Nodes) => types(child)) : [])];
}

function nodesOf<T extends Nodes['type']>(tree: Root, type: T): Extract<Nodes, { type: T }>[] {
  const found: Extract<Nodes, { type: T }>[] = [];
  visit(tree, (node: Nodes) => {
    if (node.type === type) found.push(node as Extract<Nodes, { type: T }>);
  });
  return found;
}

/**
 * Parses with GFM and asserts the parse did at most twice the work of parsing plain prose of the same length,
 * counted in characters micromark read and regular expressions it ran (see `measureWork`): linear, where a
 * scan from each `[[` to the end of the line would be quadratic.
 */
function parsesLinearly(markdown: string): Root {
  const prose = measureWork(() => parse('word '.repeat(Math.ceil(markdown.length / 5))));
  const { result, reads, regexRuns } = measureWork(() => parse(markdown));
  assert.ok(reads <= 2 * prose.reads, `${reads} characters read for ${markdown.length}, ${prose.reads} for as much prose`);
  assert.ok(regexRuns <= 2 * prose.regexRuns, `${regexRuns} regular expressions run for ${markdown.length} characters, ${prose.regexRuns} for as much prose`);
  return result;
}

describe('wikilinks (remarkWikiLink)', () => {
  describe('the forms Obsidian and Foam write', () => {
    const cases: Array<[string, string, Omit<WikiLink, 'position' | 'type'>]> = [
      ['a plain name', '[[name]]', { target: 'name', embed: false, value: 'name' }],
      ['a path with folders', '[[folder/name]]', { target: 'folder/name', embed: false, value: 'folder/name' }],
      ['a label after |', '[[name|label]]', { target: 'name', label: 'label', embed: false, value: 'label' }],
      ['a heading after #', '[[name#Heading]]', { target: 'name', heading: 'Heading', embed: false, value: 'name#Heading' }],
      ['a heading and a label', '[[name#Heading|label]]', { target: 'name', heading: 'Heading', label: 'label', embed: false, value: 'label' }],
      ['a block id after #^', '[[name#^block-id]]', { target: 'name', block: 'block-id', embed: false, value: 'name#^block-id' }],
      ['an embed', '![[embed]]', { target: 'embed', embed: true, value: 'embed' }],
      ['an embedded image, extension kept', '![[image.png]]', { target: 'image.png', embed: true, value: 'image.png' }],
      ['a target with .md, kept as written', '[[name.md]]', { target: 'name.md', embed: false, value: 'name.md' }],
      [
        'spaces and unicode in the name',
        '[[Goal Misgeneralisation (Überblick) — 日本語 🧠]]',
        { target: 'Goal Misgeneralisation (Überblick) — 日本語 🧠', embed: false, value: 'Goal Misgeneralisation (Überblick) — 日本語 🧠' },
      ],
      ['a heading of the same note (empty target)', '[[#Heading]]', { target: '', heading: 'Heading', embed: false, value: '#Heading' }],
      ['a block of the same note (empty target)', '[[#^abc123]]', { target: '', block: 'abc123', embed: false, value: '#^abc123' }],
      ['the case as written', '[[Concepts/Goal-Drift#Key IDEA]]', { target: 'Concepts/Goal-Drift', heading: 'Key IDEA', embed: false, value: 'Concepts/Goal-Drift#Key IDEA' }],
      ['target, heading and label trimmed', '[[  concepts/goal-drift  #  Definitions  |  Goal drift  ]]', { target: 'concepts/goal-drift', heading: 'Definitions', label: 'Goal drift', embed: false, value: 'Goal drift' }],
      ['the full example of the node documentation', '[[concepts/goal-drift#Definitions|Goal drift]]', { target: 'concepts/goal-drift', heading: 'Definitions', label: 'Goal drift', embed: false, value: 'Goal drift' }],
      ['an embed of a heading with a label', '![[note#Part 2|Part two]]', { target: 'note', heading: 'Part 2', label: 'Part two', embed: true, value: 'Part two' }],
      ['nested headings as one heading', '[[note#Chapter#Section]]', { target: 'note', heading: 'Chapter#Section', embed: false, value: 'note#Chapter#Section' }],
      ['only the first | as separator', '[[a|b|c]]', { target: 'a', label: 'b|c', embed: false, value: 'b|c' }],
      ['# and ^ in the label as text', '[[a|see #2 ^x]]', { target: 'a', label: 'see #2 ^x', embed: false, value: 'see #2 ^x' }],
      ['\\| as the label separator outside tables too', '[[a\\|b]]', { target: 'a', label: 'b', embed: false, value: 'b' }],
      ['an empty label as no label', '[[a|  ]]', { target: 'a', embed: false, value: 'a' }],
      ['an empty heading as no heading', '[[a#]]', { target: 'a', embed: false, value: 'a' }],
      ['^ not right after # as part of the heading', '[[a# ^b]]', { target: 'a', heading: '^b', embed: false, value: 'a#^b' }],
      ['^ in the target as text', '[[^a]]', { target: '^a', embed: false, value: '^a' }],
      ['a lone backslash as text', '[[a\\b]]', { target: 'a\\b', embed: false, value: 'a\\b' }],
      ['character references raw, not decoded', '[[R&amp;D]]', { target: 'R&amp;D', embed: false, value: 'R&amp;D' }],
      ['emphasis marks and backticks inside as raw text', '[[*a* `b`]]', { target: '*a* `b`', embed: false, value: '*a* `b`' }],
      ['a tab inside as whitespace', '[[a\t|\tb]]', { target: 'a', label: 'b', embed: false, value: 'b' }],
    ];
    for (const [description, markdown, expected] of cases) {
      it(`reads ${markdown} as ${description}`, () => {
        assert.deepEqual(only(markdown), { type: 'wikiLink', ...expected });
      });
    }

    it('reads several wikilinks among text on one line, and back to back', () => {
      const tree = parse('See [[a]], [[b|B]] and ![[c.png]][[d]].');
      assert.deepEqual(wikiLinks(tree).map((node) => node.target), ['a', 'b', 'c.png', 'd']);
      assert.deepEqual(types(tree), ['root', 'paragraph', 'text', 'wikiLink', 'text', 'wikiLink', 'text', 'wikiLink', 'wikiLink', 'text']);
    });

    it('keeps the text around a wikilink as text nodes', () => {
      const paragraph = parse('before [[a]] after').children[0];
      assert.ok(paragraph?.type === 'paragraph');
      assert.deepEqual(
        paragraph.children.map((node) => (node.type === 'text' ? node.value : node.type)),
        ['before ', 'wikiLink', ' after'],
      );
    });

    it('gives mdast-util-to-string the label, else target#heading', () => {
      assert.equal(toString(parse('See [[a|the A]], [[b#Part 1]], [[c#^x]] and ![[d]].')), 'See the A, b#Part 1, c#^x and d.');
    });
  });

  describe('positions', () => {
    it('start at [ and end after ]], in offsets, lines and columns', () => {
      const [a, b] = wikiLinks(parse('See [[a|A]] and\nthen [[b#H]].'));
      assert.deepEqual(a?.position, { start: { line: 1, column: 5, offset: 4 }, end: { line: 1, column: 12, offset: 11 } });
      assert.deepEqual(b?.position, { start: { line: 2, column: 6, offset: 21 }, end: { line: 2, column: 13, offset: 28 } });
    });

    it('of an embed start at !', () => {
      const source = 'x ![[img.png]] y';
      const [embed] = wikiLinks(parse(source));
      assert.deepEqual(offsets(embed as WikiLink), [2, 14]);
      assert.equal(source.slice(2, 14), '![[img.png]]');
    });

    it('are right inside emphasis, lists, block quotes, headings and table cells', () => {
      const source = [
        '# Title [[h]]',
        '',
        '> quote **[[q]]**',
        '',
        '- item [[l]]',
        '  - nested [[n|N]]',
        '',
        '| a | b |',
        '| --- | --- |',
        '| [[t\\|T]] | x |',
      ].join('\n');
      const links = wikiLinks(parse(source));
      assert.deepEqual(
        links.map((node) => source.slice(...(offsets(node) as [number, number]))),
        ['[[h]]', '[[q]]', '[[l]]', '[[n|N]]', '[[t\\|T]]'],
      );
    });
  });

  describe('inside other constructs', () => {
    it('is phrasing content of strong: **[[sources/x]]** gives strong > wikiLink', () => {
      const tree = parse('**[[sources/x]]**');
      assert.deepEqual(types(tree), ['root', 'paragraph', 'strong', 'wikiLink']);
      assert.equal(wikiLinks(tree)[0]?.target, 'sources/x');
    });

    it('works in emphasis, strikethrough and link text', () => {
      assert.deepEqual(types(parse('*[[a]]*')), ['root', 'paragraph', 'emphasis', 'wikiLink']);
      assert.deepEqual(types(parse('~~[[a]]~~')), ['root', 'paragraph', 'delete', 'wikiLink']);
      const tree = parse('[see [[a]]](https://example.com)');
      assert.deepEqual(types(tree), ['root', 'paragraph', 'link', 'text', 'wikiLink']);
      assert.equal(nodesOf(tree, 'link')[0]?.url, 'https://example.com');
    });

    it('works in a heading, a list item, a nested list item and a block quote', () => {
      assert.deepEqual(types(parse('## About [[a]]')), ['root', 'heading', 'text', 'wikiLink']);
      assert.deepEqual(types(parse('- [[a]]\n  - [[b]]')), ['root', 'list', 'listItem', 'paragraph', 'wikiLink', 'list', 'listItem', 'paragraph', 'wikiLink']);
      assert.deepEqual(types(parse('> [[a]]')), ['root', 'blockquote', 'paragraph', 'wikiLink']);
    });

    it('works in a task list item', () => {
      const tree = parse('- [ ] read [[sources/smith-2024]]');
      assert.equal(nodesOf(tree, 'listItem')[0]?.checked, false);
      assert.equal(wikiLinks(tree)[0]?.target, 'sources/smith-2024');
    });

    it('works between inline HTML tags, which are tokens of their own', () => {
      const tree = parse('<span>[[a]]</span>');
      assert.deepEqual(types(tree), ['root', 'paragraph', 'html', 'wikiLink', 'html']);
    });
  });

  describe('in GFM tables', () => {
    it('reads | [[sources/smith-2024\\|Smith 2024]] | x | as target sources/smith-2024, label Smith 2024', () => {
      const tree = parse('| Source | Note |\n| --- | --- |\n| [[sources/smith-2024\\|Smith 2024]] | x |');
      const table = tree.children[0] as Table;
      assert.equal(table.type, 'table');
      const cell = table.children[1]?.children[0];
      assert.deepEqual(cell?.children.map((node) => node.type), ['wikiLink']);
      assert.deepEqual(fields(cell?.children[0] as WikiLink), {
        type: 'wikiLink',
        target: 'sources/smith-2024',
        label: 'Smith 2024',
        embed: false,
        value: 'Smith 2024',
      });
      assert.equal(toString(table.children[1]?.children[1]), 'x');
    });

    it('reads a heading and an escaped label, and later \\| in the label as |', () => {
      const tree = parse('| a |\n| - |\n| [[n#H\\|x\\|y]] |');
      assert.deepEqual(fields(wikiLinks(tree)[0] as WikiLink), { type: 'wikiLink', target: 'n', heading: 'H', label: 'x|y', embed: false, value: 'x|y' });
    });

    it('splits a cell on an unescaped |, as GFM does, so [[a|b]] in a table is no wikilink', () => {
      const tree = parse('| a | b |\n| - | - |\n| [[x|y]] |');
      assert.deepEqual(wikiLinks(tree), []);
      const row = (tree.children[0] as Table).children[1];
      assert.deepEqual(row?.children.map((cell) => toString(cell)), ['[[x', 'y]]']);
    });

    it('reads [[a\\|b]] as text with | when the plugin is not used: the backslash was a table escape', () => {
      const tree = unified().use(remarkParse).use(remarkGfm).parse('| a |\n| - |\n| [[a\\|b]] |');
      assert.equal(toString(tree.children[0]), 'a[[a|b]]');
    });
  });

  describe('citations stay CommonMark links', () => {
    it('reads [[Unit 1]](url) as a link whose text is [Unit 1], with no wikilink', () => {
      const url = 'https://github.com/x/y/blob/main/Unit%201.md#a';
      const tree = parse(`See [[Unit 1]](${url}).`);
      assert.deepEqual(wikiLinks(tree), []);
      const [link] = nodesOf(tree, 'link');
      assert.equal((link as Link).url, url);
      assert.equal(toString(link), '[Unit 1]');
      assert.deepEqual(offsets(link as Link), [4, 14 + url.length + 2]);
    });

    it('reads the citation the same without remark-gfm', () => {
      const tree = parse('[[Unit 1]](https://example.com/u.md)', false);
      assert.deepEqual(wikiLinks(tree), []);
      assert.equal(toString(nodesOf(tree, 'link')[0]), '[Unit 1]');
    });

    it('reads ![[a]](image.png) as an image whose alt is [a]', () => {
      const tree = parse('![[a]](image.png)');
      assert.deepEqual(wikiLinks(tree), []);
      const [image] = nodesOf(tree, 'image');
      assert.equal(image?.url, 'image.png');
      assert.equal(image?.alt, '[a]');
    });

    it('reads [[a]][ref] as a full reference link when ref is defined, even after the use', () => {
      const tree = parse('[[a]][ref]\n\n[ref]: https://example.com');
      assert.deepEqual(wikiLinks(tree), []);
      const [reference] = nodesOf(tree, 'linkReference');
      assert.equal((reference as LinkReference).identifier, 'ref');
      assert.equal(toString(reference), '[a]');
    });

    it('matches the reference label as CommonMark does: case and whitespace folded', () => {
      const tree = parse('[[a]][The  REF]\n\n[the ref]: https://example.com');
      assert.deepEqual(wikiLinks(tree), []);
      assert.equal(nodesOf(tree, 'linkReference').length, 1);
    });

    it('reads [[a]][b] as a wikilink and text when b is not defined', () => {
      const tree = parse('[[a]][b]');
      assert.deepEqual(types(tree), ['root', 'paragraph', 'wikiLink', 'text']);
      assert.equal(toString(tree), 'a[b]');
    });

    it('reads [[a]][] as a wikilink and text (a collapsed reference to [a] cannot be defined)', () => {
      assert.deepEqual(types(parse('[[a]][]\n\n[a]: https://example.com')), ['root', 'paragraph', 'wikiLink', 'text', 'definition']);
    });

    it('reads [[a]] as a wikilink even when [a] is defined (CommonMark would link the inner [a])', () => {
      assert.deepEqual(types(parse('[[a]]\n\n[a]: https://example.com')), ['root', 'paragraph', 'wikiLink', 'definition']);
    });
  });

  describe('what is not a wikilink', () => {
    const literal: Array<[string, string]> = [
      ['[[]]', 'nothing inside'],
      ['[[ ]]', 'only whitespace inside'],
      ['[[|label]]', 'a label but no target or anchor'],
      ['[[#]]', 'an empty anchor and no target'],
      ['[[#^]]', 'an empty block id and no target'],
      ['[[a', 'no end'],
      ['[[a]', 'a single ] at the end'],
      ['[[a]b]]', 'a lone ] inside'],
      ['[[a\nb]]', 'a line ending inside'],
      ['[[a [b] c]]', 'a [ inside'],
      ['\\[[a]]', 'an escaped ['],
      ['!\\[[a]]', 'an escaped [ after !'],
      ['[\\[a]]', 'an escaped second ['],
    ];
    for (const [markdown, why] of literal) {
      it(`leaves ${JSON.stringify(markdown)} as text (${why})`, () => {
        for (const gfm of [true, false]) {
          const tree = parse(markdown, gfm);
          assert.deepEqual(wikiLinks(tree), [], gfm ? 'with GFM' : 'without GFM');
          assert.ok(!types(tree).includes('link'), 'no link either');
        }
      });
    }

    it('reads [[a]]] as the wikilink a followed by the text ]', () => {
      const tree = parse('[[a]]]');
      assert.deepEqual(types(tree), ['root', 'paragraph', 'wikiLink', 'text']);
      assert.equal(toString(tree), 'a]');
    });

    it('reads [[[a]] as the text [ followed by the wikilink a', () => {
      const tree = parse('[[[a]]');
      assert.deepEqual(types(tree), ['root', 'paragraph', 'text', 'wikiLink']);
      assert.deepEqual(offsets(wikiLinks(tree)[0] as WikiLink), [1, 6]);
    });

    it('reads nested [[a [[b]] c]] as Obsidian does: the inner [[b]] is the link, the rest text', () => {
      const tree = parse('[[a [[b]] c]]');
      assert.deepEqual(wikiLinks(tree).map(fields), [{ type: 'wikiLink', target: 'b', embed: false, value: 'b' }]);
      assert.deepEqual(offsets(wikiLinks(tree)[0] as WikiLink), [4, 9]);
      assert.equal(toString(tree), '[[a b c]]');
    });

    it('reads ![[a]] after an escaped ! as a link, not an embed', () => {
      assert.deepEqual(only('\\![[a]]'), { type: 'wikiLink', target: 'a', embed: false, value: 'a' });
    });

    it(`accepts up to ${WIKI_LINK_MAX_INSIDE} characters inside and no more`, () => {
      const longest = 'x'.repeat(WIKI_LINK_MAX_INSIDE - 2);
      assert.equal(only(`[[${longest}|y]]`).target, longest);
      assert.deepEqual(wikiLinks(parse(`[[${longest}|yz]]`)), []);
      assert.deepEqual(wikiLinks(parse(`[[${longest}\\|y]]`)), [], 'the two characters of \\| both count');
      assert.deepEqual(wikiLinks(parse(`[[${'x'.repeat(WIKI_LINK_MAX_INSIDE + 1)}]]`)), []);
    });

    it('is nothing in a code span', () => {
      const tree = parse('`[[a]]` and ``![[b]]``');
      assert.deepEqual(wikiLinks(tree), []);
      assert.deepEqual(nodesOf(tree, 'inlineCode').map((node) => node.value), ['[[a]]', '![[b]]']);
    });

    it('lets a code span that starts before a wikilink win: `[[a` ]] is code then text', () => {
      const tree = parse('`[[a` ]]');
      assert.deepEqual(wikiLinks(tree), []);
      assert.deepEqual(types(tree), ['root', 'paragraph', 'inlineCode', 'text']);
    });

    it('is nothing in fenced or indented code', () => {
      const tree = parse('```md\n[[a]]\n![[b]]\n```\n\n    [[c]]\n');
      assert.deepEqual(wikiLinks(tree), []);
      assert.deepEqual(nodesOf(tree, 'code').map((node) => node.value), ['[[a]]\n![[b]]', '[[c]]']);
    });

    it('is nothing in a link destination: [x](a[[b]]) links to a[[b]]', () => {
      const tree = parse('[x](a[[b]])');
      assert.deepEqual(wikiLinks(tree), []);
      assert.equal(nodesOf(tree, 'link')[0]?.url, 'a[[b]]');
    });

    it('is nothing in an autolink, an HTML attribute or an HTML block', () => {
      assert.deepEqual(wikiLinks(parse('<https://example.com/[[a]]>')), []);
      assert.equal(nodesOf(parse('<https://example.com/[[a]]>'), 'link')[0]?.url, 'https://example.com/[[a]]');
      assert.deepEqual(wikiLinks(parse('<a title="[[a]]">x</a>')), []);
      assert.deepEqual(wikiLinks(parse('<div>\n[[a]]\n</div>')), []);
    });

    it('is nothing in a link or footnote definition', () => {
      assert.deepEqual(wikiLinks(parse('[x]: https://example.com "[[a]]"\n\n[x]')), []);
      assert.deepEqual(types(parse('[^1]\n\n[^1]: see [[a]]')), ['root', 'paragraph', 'footnoteReference', 'footnoteDefinition', 'paragraph', 'text', 'wikiLink']);
    });
  });

  describe('on any input', function () {
    this.timeout(60_000);

    it('never throws, and every wikilink spans one line from [[ or ![[ to ]] with its target, anchor and label inside', () => {
      const piece = fc.constantFrom('[[', ']]', '[', ']', '!', '|', '\\|', '#', '^', '\\', '`', '(', ')', ' ', '\n', '\n\n', '| - |\n', 'a', 'b c', '*', '<i>', 'é');
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
          const source = pieces.join('');
          for (const gfm of [true, false]) {
            for (const node of wikiLinks(parse(source, gfm))) {
              const [start, end] = offsets(node) as [number, number];
              const text = source.slice(start, end);
              assert.match(text, /^!?\[\[[^[\]\n\r]+\]\]$/, JSON.stringify(source));
              assert.equal(node.embed, text.startsWith('!'));
              assert.ok(text.includes(node.target) && text.includes(node.heading ?? node.block ?? ''), 'target and anchor as written');
              assert.ok(text.replaceAll('\\|', '|').includes(node.label ?? ''), 'the label as written, \\| read as |');
              assert.ok(node.target !== '' || node.heading !== undefined || node.block !== undefined, 'a destination');
              assert.equal(node.value, node.label ?? node.target + (node.block ? `#^${node.block}` : node.heading ? `#${node.heading}` : ''));
            }
          }
        }),
        { numRuns: 500 },
      );
    });
  });

  // Counts, not timings, so inputs a tenth of the size that made a quadratic parse slow still show it: at 20 KB
  // one costs ten times the work of prose, and fails in seconds rather than minutes.
  describe('bounded cost', function () {
    this.timeout(120_000);

    it('parses a 20 KB line that opens [[ and never closes it in linear work', () => {
      const tree = parsesLinearly(`[[${'x'.repeat(20_000)}`);
      assert.deepEqual(wikiLinks(tree), []);
    });

    it('parses a 20 KB line of 100 unclosed [[ in linear work (an unbounded scan past [ is quadratic)', () => {
      const tree = parsesLinearly(`[[${'x'.repeat(198)}`.repeat(100));
      assert.deepEqual(wikiLinks(tree), []);
    });

    it('parses a line of 1,000 unclosed [[x in linear work (an unbounded scan past [ is quadratic)', () => {
      const tree = parsesLinearly('[[x '.repeat(1_000));
      assert.deepEqual(wikiLinks(tree), []);
    });

    it('parses a line with 5,000 [[a]] links in linear work, and finds them all', () => {
      const tree = parsesLinearly('[[a]] '.repeat(5_000));
      assert.equal(wikiLinks(tree).length, 5_000);
    });
  });

  describe('the plugin and its parts', () => {
    it('registers its extensions through this.data(), alongside remark-gfm', () => {
      const processor = unified().use(remarkParse).use(remarkGfm).use(remarkWikiLink).freeze();
      assert.equal(processor.data('micromarkExtensions')?.length, 2);
      assert.equal(processor.data('fromMarkdownExtensions')?.length, 2);
    });

    it('reads the same whether it is used before or after remark-gfm', () => {
      const source = '**[[a|A]]** ~~x~~ [[Unit 1]](https://example.com)\n\n| a |\n| - |\n| ![[b\\|B]] |';
      const before = unified().use(remarkParse).use(remarkWikiLink).use(remarkGfm).parse(source);
      assert.deepEqual(before, parse(source));
    });

    it('works from the micromark and from-markdown extensions directly, without unified', () => {
      const tree = fromMarkdown('x ![[a#^b|c]]', { extensions: [wikiLinkSyntax()], mdastExtensions: [wikiLinkFromMarkdown()] });
      assert.deepEqual(wikiLinks(tree).map((node) => [fields(node), offsets(node)]), [
        [{ type: 'wikiLink', target: 'a', block: 'b', label: 'c', embed: true, value: 'c' }, [2, 13]],
      ]);
    });

    it('leaves the text unchanged when the plugin is not used', () => {
      assert.equal(toString(unified().use(remarkParse).parse('[[a|b]]')), '[[a|b]]');
    });
  });
});
