import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseCourseUrl, safeDecode, uriParts } from '../../src/core/citations/courseUrl';
import { CitationResolver, isSafeExternalUrl } from '../../src/core/citations/resolveCitation';
import { CourseIndex } from '../../src/core/index/courseIndex';
import type { Heading } from '../../src/core/model';
import { analyseNoteWithinLimits } from '../../src/core/notes/limits';
import { TermMatcher } from '../../src/core/occurrences/termMatcher';
import { LineIndex } from '../../src/core/parse/position';
import { parseMarkdown } from '../../src/core/parse/processor';
import { safeMarkdown } from '../../src/core/render/safeMarkdown';

const NOTE = 'file:///course/units/Unit%201.md';
const SCHEME = /^\s*[a-z][a-z0-9+.-]*:/i;
const SAFE_SCHEME = /^\s*(?:https?|mailto|file):/i;
const UNIT = 'https://github.com/o/course/blob/main/Course/Unit%201.md';

/** Markdown pieces that stress the parser and the extractors, joined at random with random text. */
const PIECES = [
  '# ', '## ', '#### ', '* ', '  * ', '- ', '1. ', '> ', '>> ', '    ', '\t', '```', '~~~', '---', '===', '***',
  '**', '*', '_', '__', '`', '[', ']', '(', ')', '[[', ']]', '<', '>', '</div>', '<script>', '<!--', '-->', '\\',
  '&amp;', '&#0;', '|', ':', '(RLHF)', ' is ', ' are ', '**Term**: ', '* **Inner misalignment** (goal misgeneralisation): ',
  `[[Unit 1]](${UNIT}#what-is-ai-alignment)`, '[x](javascript:alert(1))', '[y](%E0%A4%A)', '<https://github.com/o/r/blob/main/a.md>',
  '[ref]: https://github.com/o/r/blob/main/r.md', '![img](x.png)', '\n', '\n\n', '\r\n', '\r', '\u2028', '\ufeff', '\u200b',
  '\u202e', '\ud800', '\udc00', '😀', 'é', 'e\u0301', 'שלום', '__proto__', 'constructor',
];

const markdownNote = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) }), { maxLength: 120 })
  .map((parts) => parts.join(''));
/** Any UTF-16 string, lone surrogates included: what a decoder hands over from a damaged file. */
const anyText = fc.string({ unit: 'binary', maxLength: 400 });

/** Every question the hosts ask, at every line of the note; throws if any answer throws. */
function askAll(text: string): void {
  const index = new CourseIndex();
  index.setNote('file:///course/summary.md', `* **Inner misalignment**: defined [[Unit 1]](${UNIT}#a).\n\nSee [[Unit 1]](${UNIT}#what-is-ai-alignment).`);
  index.setNote(NOTE, text);
  index.concepts();
  index.graph();
  for (const note of index.notes()) {
    index.occurrencesIn(note);
    index.citationsIn(note);
    index.diagnostics(note);
  }
  const lines = text.split(/\r\n|\r|\n/).length;
  for (let line = 0; line < lines; line++) {
    for (const character of [0, 3, 17]) {
      index.conceptAt(NOTE, { line, character });
      index.citationAt(NOTE, { line, character });
      index.inProse(NOTE, { line, character });
    }
  }
  for (const concept of index.concepts()) {
    index.citedUnitsOf(concept.id);
    index.search(concept.term.slice(0, 6));
  }
}

/**
 * Costs are not asserted here: random notes are a few KB, and the shapes that make the core slow are held to
 * counted work, not time, in the hostile-note, wikilink and term-matcher tests. A hang still fails the run.
 */
describe('Core properties: random notes never crash the core', () => {
  it('random markdown: parsing, extraction, matching, citations, diagnostics and search never throw', function () {
    this.timeout(300_000);
    fc.assert(
      fc.property(markdownNote, (text) => {
        analyseNoteWithinLimits(text);
        askAll(text);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('random unicode, lone surrogates and control characters included: the same', function () {
    this.timeout(300_000);
    fc.assert(
      fc.property(anyText, (text) => askAll(text)),
      { numRuns: 300, seed: 11 },
    );
  });

  it('every range the index reports lies inside the note', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(markdownNote, (text) => {
        const index = new CourseIndex();
        index.setNote(NOTE, text);
        const lines = new LineIndex(text);
        const inside = (range: { start: { line: number; character: number }; end: { line: number; character: number } }): void => {
          const start = lines.offsetAt(range.start);
          const end = lines.offsetAt(range.end);
          assert.deepEqual(lines.positionAt(start), range.start, 'a range starts at a real position');
          assert.ok(start <= end && end <= text.length);
        };
        for (const occurrence of index.occurrencesIn(NOTE)) inside(occurrence.range);
        for (const { citation } of index.citationsIn(NOTE)) inside(citation.range);
        for (const heading of index.headingsOf(NOTE)) inside(heading.range);
        for (const concept of index.concepts()) for (const definition of concept.definitions) inside(definition.termRange);
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it('term matching: random terms full of pattern syntax never throw, and every match is a whole phrase inside the text', () => {
    const termText = fc.array(fc.constantFrom('a', 'b', 'C++', '.*', '(', ')', '|', '$', '^', '\\d', '[x]', '?', '+', ' ', '-', '__proto__', 'é', '😀', '\u200b'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(termText, { maxLength: 8 }), fc.array(fc.oneof(termText, fc.string({ maxLength: 5 })), { maxLength: 30 }), fc.integer({ min: -5, max: 400 }), (terms, words, offset) => {
        const matcher = new TermMatcher(terms.map((phrase, i) => ({ id: `t${i}`, phrase })));
        const text = words.join(' ');
        let last = -1;
        for (const match of matcher.find(text)) {
          assert.ok(match.start >= 0 && match.start < match.end && match.end <= text.length);
          assert.ok(match.start >= last, 'matches are in order and do not overlap');
          last = match.end;
        }
        const at = matcher.matchAt(text, offset);
        if (at) assert.ok(at.start <= offset && offset <= at.end);
      }),
      { numRuns: 500, seed: 17 },
    );
  });

  it('citation resolution: random URLs never throw; only local notes or the URL as written come back; only http(s) is safe to open', () => {
    const headings: Heading[] = [{ text: 'What is AI alignment?', depth: 2, slug: 'what-is-ai-alignment', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 24 } } }];
    const notes = [NOTE, 'file:///course/units/Unit%202.md', 'untitled:Untitled-1'];
    const resolver = new CitationResolver({ notes, headingsOf: () => headings }, [{ urlPrefix: 'https://example.org/course/', folder: 'file:///course/units/' }]);
    const url = fc.oneof(
      fc.webUrl({ withFragments: true, withQueryParameters: true }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.array(fc.constantFrom('https://github.com/o/c/blob/main/', 'https://example.org/course/', 'javascript:', 'command:', 'data:', 'file:///', '../', './', '#', '%', '%E0', '%ZZ', '%20', 'Unit', ' 1', '.md', '?', '\u0000', '//'), { maxLength: 8 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(url, fc.constantFrom(...notes), (written, from) => {
        safeDecode(written);
        uriParts(written);
        parseCourseUrl(written, from);
        const resolution = resolver.resolve(written, from);
        if (resolution.kind === 'local') assert.ok(notes.includes(resolution.note) || resolution.note === from);
        else assert.equal(resolution.url, written);
        // URL parsers drop leading controls and spaces (`\0https://x`); what is left must be a web URL.
        if (isSafeExternalUrl(written)) assert.match(written.replace(/^[\u0000-\u0020]+/, ''), /^https?:/i);
      }),
      { numRuns: 1_000, seed: 19 },
    );
  });

  it('safe markdown: whatever a definition says, the hover gets no raw HTML and no link that is not web, mail, file or anchor', () => {
    const payload = fc
      .array(fc.constantFrom('[a](', '](', 'javascript:', 'command:x', 'data:', 'vscode:', 'https://x.org', ')', '<', '>', '<script>', '<img src=x>', '![i](', '"t"', ' ', '[', ']', '\\', '<a href="command:x">', '&lt;', '`', '\n'), { maxLength: 20 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(payload, (markdown) => {
        const safe = safeMarkdown(markdown);
        visit(parseMarkdown(safe), (node: Nodes) => {
          assert.notEqual(node.type, 'html', safe);
          assert.notEqual(node.type, 'image', safe);
          // A link may be relative (no scheme); one with a scheme must be web, mail or file.
          if (node.type === 'link' || node.type === 'definition') assert.ok(!SCHEME.test(node.url) || SAFE_SCHEME.test(node.url), safe);
        });
      }),
      { numRuns: 1_000, seed: 23 },
    );
  });

  it('search: random queries never throw and return at most the limit', () => {
    const index = new CourseIndex();
    index.setNote(NOTE, '* **Inner misalignment** (goal misgeneralisation): x\n* **__proto__**: y\n* **C++**: z');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: -1, max: 30 }), (query, limit) => {
        assert.ok(index.search(query, limit).length <= Math.max(0, limit));
      }),
      { numRuns: 500, seed: 29 },
    );
  });

  it('positions: offsets and positions round-trip over any mix of line endings', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r'), fc.string({ maxLength: 6 })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const lines = new LineIndex(text);
        for (let offset = 0; offset <= text.length; offset++) {
          // Between \r and \n is no position an editor can show; every other offset round-trips.
          if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
          assert.equal(lines.offsetAt(lines.positionAt(offset)), offset);
        }
      }),
      { numRuns: 300, seed: 31 },
    );
  });
});
