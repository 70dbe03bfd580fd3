import { strict as assert } from 'node:assert';
import type { Link, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { isSafeExternalUrl } from '../../src/core/citations/resolveCitation';
import { CITATION_LINK } from '../../src/core/citations/unsafeCitations';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { parseMarkdown } from '../../src/core/parse/processor';
import { aliasList } from '../../src/core/render/aliasList';
import { safeMarkdown } from '../../src/core/render/safeMarkdown';
import { askEverything, assertNeighbourWorks, HOSTILE, indexWith, textAt } from './helpers/hostile';
import { assertGrowsLinearly, measureWork } from './helpers/work';

const UNIT = 'https://github.com/o/course/blob/main/Course/';

/** What VS Code would render from a hover's markdown: its links' targets and any raw HTML. */
function rendered(markdown: string): { links: string[]; html: string[] } {
  const links: string[] = [];
  const html: string[] = [];
  visit(parseMarkdown(markdown), (node: Nodes) => {
    if (node.type === 'link' || node.type === 'definition') links.push((node as Link).url);
    if (node.type === 'html') html.push(node.value);
  });
  return { links, html };
}

/**
 * The repetitions of a pattern that have no upper bound (`*`, `+`, `{n,}`), outside escapes and character
 * classes: where a backtracking engine may try every length, from every start.
 */
function unboundedRepetitions(pattern: RegExp): string[] {
  const found: string[] = [];
  const source = pattern.source;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '*' || c === '+') found.push(`${c} after ${source.slice(Math.max(0, i - 8), i)}`);
    else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) found.push(`{n,} after ${source.slice(Math.max(0, i - 8), i)}`);
  }
  return found;
}

/**
 * Hostile notes, part 2: what notes are named and what they link to. Terms that are JavaScript's own
 * property names, regular-expression syntax, markup and scripts are ordinary text; links with schemes that
 * run or open things are never made openable.
 */
describe('Hostile notes: names, links and payloads', () => {
  it('H11 terms named __proto__, constructor and toString are ordinary concepts and pollute nothing', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const text = `${names.map((name) => `* **${name}**: the ${name} concept.`).join('\n')}\n\nProse: ${names.join(', ')}.`;
    const index = indexWith(text);
    const ids = ['proto', 'constructor', 'tostring', 'hasownproperty', 'valueof'];
    for (const id of ids) assert.equal(index.concept(id)?.definitions[0]?.note, HOSTILE, id);
    names.forEach((name, i) => assert.equal(index.conceptNamed(name)?.id, ids[i], name));
    const prose = index.occurrencesIn(HOSTILE).filter((o) => o.range.start.line === names.length + 1);
    assert.deepEqual(prose.map((o) => o.id), ids);
    assert.equal(index.conceptAt(HOSTILE, prose[0]?.range.start ?? { line: 0, character: 0 })?.id, 'proto');
    assert.equal(index.search('constructor')[0]?.id, 'constructor');
    assert.equal(index.concept('__proto__'), undefined);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
    assert.equal(typeof {}.toString, 'function');
    assert.equal(typeof {}.hasOwnProperty, 'function');
    assert.equal(Object.keys(Object.prototype).length, 0);
    const graphIds = index.graph().nodes.map((node) => node.id);
    for (const id of ids) assert.ok(graphIds.includes(id), id);
    // The analyses survive the persisted cache, where JSON.parse meets the same keys.
    const warm = new CourseIndex();
    assert.ok(warm.importCache(JSON.parse(JSON.stringify(index.exportCache()))));
    warm.setNote(HOSTILE, text);
    assert.deepEqual(warm.concepts().map((c) => c.id).sort(), [...ids].sort());
  });

  it('H12 regular-expression metacharacters in terms are matched as text', () => {
    const text = [
      '* **C++**: a language.',
      '* **.NET**: a platform.',
      '* **a|b**: alternatives.',
      '* **$^\\d+?**: looks like a pattern.',
      '* **[x]**: a bracketed name.',
      '* **k-NN (approx.)**: nearest neighbours.',
      '* **(.*)**: no letters, so no term.',
      '',
      'We use C++ and .NET, a|b, $^\\d+?, [x] and k-NN (approx.) here. Plain a, b, d and x match nothing.',
    ].join('\n');
    const index = indexWith(text);
    const line = index.occurrencesIn(HOSTILE).filter((o) => o.range.start.line === 8);
    assert.deepEqual(line.map((o) => textAt(text, o.range)), ['C++', '.NET', 'a|b', '$^\\d+?', '[x]', 'k-NN (approx.)']);
    assert.equal(index.conceptNamed('(.*)'), undefined);
    assert.equal(index.concepts().length, 7, 'six terms and the neighbour');
    assertNeighbourWorks(index);
  });

  it('H13 a term with 1,000 aliases is one concept in linear work, each alias names it, and what is shown of them is bounded', () => {
    const named = (count: number): string => {
      const aliases = Array.from({ length: count }, (_, i) => `alias number ${i}`);
      return `* **Many names** (${aliases.join(', ')}): a term with a thousand aliases.\n\nAlias number ${count - 1} and alias number 0.`;
    };
    const indexed = (count: number) => measureWork(() => {
      const index = indexWith(named(count));
      askEverything(index, HOSTILE);
      return index;
    });
    const large = indexed(1_000);
    assertGrowsLinearly('indexing and asking about 1,000 aliases', indexed(100), large, 10);
    const index = large.result;
    const concept = index.conceptNamed('many names');
    assert.equal(concept?.aliases.length, 1_000);
    assert.equal(index.conceptNamed('alias number 999')?.id, concept.id);
    assert.deepEqual(index.occurrencesIn(HOSTILE).filter((o) => o.range.start.line === 2).map((o) => o.id), [concept.id, concept.id]);
    assert.equal(index.search('alias number 5')[0]?.id, concept.id);
    const shown = aliasList(concept.aliases);
    assert.ok(shown.length < 300, `${shown.length} characters of aliases`);
    assert.match(shown, /^alias number 0, .* and 988 more$/);
    assert.equal(aliasList(['a', 'b']), 'a, b');
  });

  it('H14 definitions citing each other in a cycle, and nesting cycles across notes, terminate', function () {
    this.timeout(20_000);
    const a = 'file:///course/A.md';
    const b = 'file:///course/B.md';
    const index = new CourseIndex();
    index.setNote(a, '# Alpha\n\n* **Alpha term** [[B]](B.md#beta): see beta.\n  * **Beta term**: nested under alpha here.');
    index.setNote(b, '# Beta\n\n* **Beta term** [[A]](A.md#alpha): see alpha.\n  * **Alpha term**: nested under beta here.');
    const alpha = index.conceptNamed('alpha term');
    const beta = index.conceptNamed('beta term');
    assert.ok(alpha && beta);
    // One link of the cycle is dropped: exactly one is the parent of the other.
    assert.equal([alpha.parent, beta.parent].filter((parent) => parent !== undefined).length, 1);
    for (const concept of index.concepts()) {
      const seen = new Set<string>();
      for (let id: string | undefined = concept.id; id !== undefined; id = index.concept(id)?.parent) {
        assert.ok(!seen.has(id), `parent cycle through ${id}`);
        seen.add(id);
      }
    }
    assert.deepEqual(index.citedUnitsOf(alpha.id).map((unit) => unit.resolution.kind === 'local' && unit.resolution.note), [b]);
    assert.deepEqual(index.citedUnitsOf(beta.id).map((unit) => unit.resolution.kind === 'local' && unit.resolution.note), [a]);
    const graph = index.graph();
    assert.equal(graph.nodes.filter((node) => node.kind === 'concept').length, 2);
    for (const note of [a, b]) askEverything(index, note);
  });

  it('H15 duplicate headings get GitHub suffixes, and citations of each resolve to the right one', () => {
    const target = 'file:///course/units/Unit%201.md';
    const index = new CourseIndex();
    index.setNote(target, '# Unit 1\n\n## Open questions\n\none\n\n## Open questions\n\ntwo\n\n## Open questions\n\nthree');
    index.setNote(HOSTILE, ['-1', '-2', '-3'].map((suffix) => `See [[Unit 1]](${UNIT}Unit%201.md#open-questions${suffix}).`).join('\n\n'));
    assert.deepEqual(index.headingsOf(target).map((h) => h.slug), ['unit-1', 'open-questions', 'open-questions-1', 'open-questions-2']);
    const resolved = index.citationsIn(HOSTILE).map(({ resolution }) => resolution.kind === 'local' && [resolution.heading?.range.start.line, resolution.approximate]);
    // `-3` names no heading: the closest wins, ties going to the earlier heading, and the user is told.
    assert.deepEqual(resolved, [[6, false], [10, false], [6, true]]);
    assert.deepEqual(index.diagnostics(HOSTILE).map((d) => [d.code, d.range.start.line, d.replacement]), [['citation-anchor-not-found', 4, 'open-questions-1']]);
  });

  it('H16 invalid percent-encoding in citations is kept as written, never thrown on', () => {
    const target = 'file:///course/units/Unit%201.md';
    const urls = [
      `${UNIT}Unit%201.md#a%ZZb`,
      `${UNIT}Unit%201.md#%E0%A4%A`,
      `${UNIT}Unit%ZZ1.md`,
      `${UNIT}Unit%201.md#100%`,
      'units/Unit%201%.md',
      `${UNIT}%`,
      `${UNIT}Unit%201.md#%C0%AF`,
    ];
    const index = new CourseIndex();
    index.setNote(target, '# Unit 1\n\n## Open questions');
    index.setNote(HOSTILE, urls.map((url) => `See [[Unit 1]](${url}).`).join('\n\n'));
    askEverything(index, HOSTILE);
    const resolutions = index.citationsIn(HOSTILE).map(({ resolution }) => resolution);
    assert.equal(resolutions.length, urls.length);
    const anchors = resolutions.map((r) => (r.kind === 'local' ? `${r.note}#${r.anchor ?? ''}` : `external ${r.url}`));
    assert.deepEqual(anchors, [
      `${target}#a%ZZb`,
      `${target}#%E0%A4%A`,
      `external ${UNIT}Unit%ZZ1.md`,
      `${target}#100%`,
      `${target}#`, // the bad escape stays as written; the file-name rule still finds `Unit 1.md`
      `external ${UNIT}%`,
      `${target}#%C0%AF`,
    ]);
  });

  it('H17 javascript:, command:, data:, file: and other schemes in citations never resolve to something openable, and are reported', () => {
    const schemes = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'command:workbench.action.terminal.new',
      'command:_workbench.downloadResource?%5B%22x%22%5D',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'file:///etc/passwd',
      'vscode://vscode.git/clone?url=x',
      'vbscript:msgbox(1)',
    ];
    const text = schemes.map((url, i) => `* **Scheme term ${i}** [[Unit 1]](<${url}>): links [[Unit 1]](${url}) and [here](${url}).`).join('\n');
    const index = indexWith(text);
    askEverything(index, HOSTILE);
    for (const url of schemes) {
      assert.equal(isSafeExternalUrl(url), false, url);
      const resolution = index.resolve(url, HOSTILE);
      assert.equal(resolution.kind, 'external', url);
    }
    // Hosts open an external citation only when `isSafeExternalUrl` allows it: none of these may pass.
    const cited = [...index.citationsIn(HOSTILE).map((c) => c.resolution), ...index.concepts().flatMap((c) => index.citedUnitsOf(c.id).map((u) => u.resolution))];
    for (const resolution of cited) assert.ok(resolution.kind === 'external' && !isSafeExternalUrl(resolution.url), JSON.stringify(resolution));
    // The hover's markdown of each definition keeps no link that runs or loads anything.
    for (const concept of index.concepts().filter((c) => c.term.startsWith('Scheme term'))) {
      const markdown = safeMarkdown(concept.definitions[0]?.markdown ?? '');
      for (const link of rendered(markdown).links) assert.match(link, /^(?:https?:|mailto:|file:|#)/i, `${concept.term}: ${link}`);
      assert.doesNotMatch(markdown, /\]\(\s*<?\s*(?:javascript|command|data|vscode|vbscript):/i, markdown);
    }
    assert.equal(index.concepts().filter((c) => c.term.startsWith('Scheme term')).length, schemes.length);
    // The user is told, at each citation-shaped link, except the tab-broken one that is no link at all.
    const unsafe = index.diagnostics(HOSTILE).filter((d) => d.code === 'citation-unsafe-link');
    assert.equal(unsafe.length, 2 * (schemes.length - 1));
    assert.ok(unsafe.every((d) => d.severity === 'warning' && textAt(text, d.range).startsWith('[[Unit 1]](') && textAt(text, d.range).endsWith(')')));
    assert.deepEqual([...new Set(unsafe.map((d) => /a (\S+): URL/.exec(d.message)?.[1]))].sort(), ['command', 'data', 'file', 'javascript', 'vbscript', 'vscode']);
    // The tab-broken one reads as a relative citation with no local note: the user is told it opens nothing.
    const broken = index.diagnostics(HOSTILE).filter((d) => d.code === 'citation-no-local-copy');
    assert.deepEqual(broken.map((d) => d.message), ['No local copy of [Unit 1] in the workspace, and java\tscript:alert(1) is no web link, so it opens nothing.']);
    // Looking for them stays linear on a line of 60,000 unclosed `[[`: the pattern repeats nothing without a bound
    // (`[^\]]*` backtracked to the line's end from each `[[`, 20 s), and the work counted grows with the line.
    assert.deepEqual(unboundedRepetitions(/\[\[[^\]*+]*\]\]\(\s{2,}x+/).map((found) => found[0]), ['*', '{', '+'], 'the check finds them');
    assert.deepEqual(unboundedRepetitions(CITATION_LINK), []);
    const diagnosed = (count: number) => {
      const brackets = indexWith('[[ '.repeat(count));
      return measureWork(() => brackets.diagnostics(HOSTILE));
    };
    assertGrowsLinearly('looking for unsafe citations in 60,000 [[', diagnosed(6_000), diagnosed(60_000), 10);
    // In code they are examples, not links.
    const code = indexWith('Inline `[[Unit 1]](javascript:alert(1))` code.\n\n```\n[[Unit 1]](command:x)\n```\n\n    [[Unit 1]](data:x)');
    assert.deepEqual(code.diagnostics(HOSTILE), []);
  });

  it('H18 HTML and script payloads in terms and definitions stay text', () => {
    const text = [
      '* **<script>alert(1)</script>**: a term that is a script.',
      '* **<img src=x onerror=alert(1)>**: an image that runs code.',
      '* **Payload**: <script>alert(document.cookie)</script> <img src="x" onerror="alert(1)"> <iframe src="javascript:alert(1)"></iframe> ![x](https://evil.example/track.png) [x](javascript:alert(1)) <a href="command:x">y</a>',
      '',
      'Payload and <b>bold</b>.',
    ].join('\n');
    const index = indexWith(text);
    askEverything(index, HOSTILE);
    assert.equal(index.conceptNamed('<script>alert(1)</script>')?.term, '<script>alert(1)</script>');
    const payload = index.conceptNamed('payload');
    assert.ok(payload);
    const markdown = safeMarkdown(payload.definitions[0]?.markdown ?? '');
    const { links, html } = rendered(markdown);
    assert.deepEqual(html, [], 'no raw HTML reaches the hover');
    assert.deepEqual(links, [], 'no links: the image, the javascript: link and the HTML anchor are text');
    assert.ok(!markdown.includes('<'), markdown);
    assert.ok(!markdown.includes('!['), 'images are dropped: no remote load from a hover');
    const labels = index.graph().nodes.map((node) => node.label);
    assert.ok(labels.includes('<script>alert(1)</script>'), 'the graph carries the term as plain text; the webview writes it with textContent');
  });
});
