import { strict as assert } from 'node:assert';
import { MAX_ANALYSED_LENGTH, MAX_NESTING, noteProblem } from '../../src/core/notes/limits';
import { askEverything, assertNeighbourWorks, HOSTILE, indexWith, textAt, within } from './helpers/hostile';

/**
 * Hostile notes, part 1: size, nesting, brackets, bytes and line endings. Each case states what the index
 * does with the note; docs/RELIABILITY.md lists them. Time bounds are generous: they catch a hang, not a
 * slowdown.
 */
describe('Hostile notes: size, structure and encoding', () => {
  it('H1 a 10 MB note is kept whole, analysed up to 250,000 characters in bounded time, with a note-too-large diagnostic', function () {
    this.timeout(120_000);
    const block = 'Prose about the big term and [[Unit 1]](https://github.com/o/c/blob/main/U.md#x).\n\n* **Big term**: a definition\n\n';
    const text = `${block.repeat(Math.ceil(10_000_000 / block.length))}* **Tail term**: past the analysed part.\n\nThe tail term.`;
    const index = within(30_000, 'indexing a 10 MB note', () => indexWith(text));
    assert.equal(index.textOf(HOSTILE), text, 'the text is kept as it is');
    const diagnostics = within(30_000, 'asking about a 10 MB note', () => askEverything(index, HOSTILE));
    const problems = diagnostics.filter((d) => d.code !== 'citation-no-local-copy'); // the analysed part's citations
    assert.deepEqual(
      problems.map((d) => [d.code, d.severity, d.range.start.line]),
      [['note-too-large', 'warning', 0]],
    );
    assert.match(problems[0]?.message ?? '', /^This note is 10,\d{3},\d{3} characters long; .* analyses the first 2\d\d,\d{3} \([\d,]+ lines\).*Split it/);
    assert.ok(index.conceptNamed('big term'), 'the analysed part is indexed');
    assert.equal(index.conceptNamed('tail term'), undefined, 'past the analysed part nothing is');
    const occurrences = index.occurrencesIn(HOSTILE);
    assert.ok(occurrences.length > 1_000);
    assert.ok(occurrences.every((o) => o.range.start.line < 10_000), 'occurrences only in the analysed part');
    assert.equal(index.conceptAt(HOSTILE, { line: text.split('\n').length - 1, character: 6 }), undefined);
    assertNeighbourWorks(index);
    index.setNote(HOSTILE, block);
    assert.ok(index.conceptNamed('big term'), 'a note edited below the limit is analysed');
    assert.deepEqual(index.diagnostics(HOSTILE).map((d) => d.code), ['citation-no-local-copy']);
  });

  it('H2 a 100,000-line note is indexed, with right positions on its last line; one past the size limit answers quickly', function () {
    this.timeout(120_000);
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 1_000 === 0 ? `## Part ${i}` : i % 7 === 0 ? 'x' : ''));
    lines[99_998] = 'The last term is used here.';
    lines[99_999] = '* **Last term**: defined on the last line.';
    const text = lines.join('\n');
    assert.ok(text.length < MAX_ANALYSED_LENGTH);
    const index = within(60_000, 'indexing a 100,000-line note', () => indexWith(text));
    const concept = index.conceptNamed('last term');
    assert.equal(concept?.definitions[0]?.termRange.start.line, 99_999);
    assert.equal(textAt(text, concept?.definitions[0]?.termRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), 'Last term');
    const hit = within(60_000, 'finding a term on line 99,999', () => index.conceptAt(HOSTILE, { line: 99_998, character: 6 }));
    assert.equal(hit?.id, concept.id);
    assert.deepEqual(hit?.range, { start: { line: 99_998, character: 4 }, end: { line: 99_998, character: 13 } });
    assert.equal(index.headingsOf(HOSTILE).length, 100);
    assert.equal(index.headingsOf(HOSTILE)[99]?.range.start.line, 99_000);
    assert.deepEqual(askEverything(index, HOSTILE), []);
    // 100,000 lines of ordinary prose (4 MB): the first lines are indexed, the rest is reported.
    const prose = Array.from({ length: 100_000 }, (_, i) => (i % 100 === 0 ? `* **Term ${i}**: defined on line ${i}.` : `Line ${i} mentions term ${i - (i % 100)} in passing.`)).join('\n');
    const large = within(60_000, 'indexing 100,000 lines of prose', () => indexWith(prose));
    assert.equal(large.conceptNamed('term 100')?.definitions[0]?.termRange.start.line, 100);
    assert.equal(large.conceptNamed('term 99900'), undefined);
    assert.deepEqual(within(60_000, 'asking about 100,000 lines of prose', () => askEverything(large, HOSTILE)).map((d) => d.code), ['note-too-large']);
  });

  it('H3 block quotes nested 10,000 deep: no stack overflow, a note-too-deeply-nested diagnostic; 50 deep still works', function () {
    this.timeout(60_000);
    const text = `Intro.\n${'>'.repeat(10_000)} * **Deep term**: inside ten thousand quotes.\n`;
    const index = within(20_000, 'indexing 10,000 nested quotes', () => indexWith(text));
    const diagnostics = within(20_000, 'asking about 10,000 nested quotes', () => askEverything(index, HOSTILE));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['note-too-deeply-nested', 1]]);
    assert.match(diagnostics[0]?.message ?? '', /10001 levels deep/);
    assertNeighbourWorks(index);
    const shallow = indexWith(`${'> '.repeat(50)}* **Quoted term**: inside fifty quotes.\n\nThe quoted term.`);
    assert.ok(shallow.conceptNamed('quoted term'), 'a note nested 50 deep is analysed');
  });

  it('H4 lists nested 500 deep: a note-too-deeply-nested diagnostic at the first line past the limit; 50 deep keeps the chain of parents', function () {
    this.timeout(60_000);
    const nested = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}* **Level ${i}**: nested ${i} deep`).join('\n');
    const index = within(20_000, 'indexing 500 nested lists', () => indexWith(nested(500)));
    const diagnostics = askEverything(index, HOSTILE);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['note-too-deeply-nested', MAX_NESTING]]);
    const shallow = within(20_000, 'indexing 50 nested lists', () => indexWith(nested(50)));
    const deepest = shallow.conceptNamed('level 49');
    assert.equal(deepest?.parent, shallow.conceptNamed('level 48')?.id);
    let steps = 0;
    for (let id = deepest?.parent; id !== undefined; id = shallow.concept(id)?.parent) steps++;
    assert.equal(steps, 49);
  });

  it('H5 10,000 unbalanced brackets and parentheses: parsed in bounded time, the definition after them found', function () {
    this.timeout(120_000);
    const runs = ['['.repeat(10_000), ']'.repeat(10_000), '[['.repeat(10_000), '[a]('.repeat(10_000), '('.repeat(10_000), '![x]('.repeat(10_000)];
    for (const run of runs) {
      const text = `${run}\n\n* **After brackets**: still found.\n\nAfter brackets again.`;
      const index = within(20_000, `indexing ${run.slice(0, 5)}… ×10,000`, () => indexWith(text));
      within(20_000, `asking about ${run.slice(0, 5)}…`, () => askEverything(index, HOSTILE));
      const concept = index.conceptNamed('after brackets');
      assert.ok(concept, `definition after ${run.slice(0, 5)}… lost`);
      assert.equal(index.occurrencesOf(concept.id).length, 2);
    }
  });

  it('H6 a binary file named .md gives no concepts and a note-binary diagnostic', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 4_000 }, (_, i) => (i * 7919) % 256)]);
    const text = new TextDecoder('utf-8').decode(png);
    const index = indexWith(text);
    assert.equal(index.concepts().length, 1, 'only the neighbour concept');
    assert.deepEqual(askEverything(index, HOSTILE).map((d) => [d.code, d.severity]), [['note-binary', 'warning']]);
    assert.equal(noteProblem(`* **Term**: text${'\u0000'}`)?.code, 'note-binary');
    assertNeighbourWorks(index);
  });

  it('H7 invalid UTF-8 decodes to U+FFFD and the note is still indexed, with right positions', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('# Caf'), 0xc3, 0x0a, 0x0a, ...new TextEncoder().encode('* **Term**: '), 0xff, 0xfe, 0xed, 0xa0, 0x80, ...new TextEncoder().encode(' defined.\n\nThe term.')]);
    const text = new TextDecoder('utf-8').decode(bytes);
    assert.ok(text.includes('\ufffd'));
    const index = indexWith(text);
    assert.equal(index.headingsOf(HOSTILE)[0]?.text, 'Caf\ufffd');
    const concept = index.conceptNamed('term');
    assert.ok(concept);
    assert.match(concept.definitions[0]?.text ?? '', /^\ufffd+ defined\.$/);
    assert.equal(index.conceptAt(HOSTILE, { line: 4, character: 5 })?.id, concept.id);
    assert.deepEqual(askEverything(index, HOSTILE), []);
  });

  it('H8 a byte-order mark: the first-line heading is found and every range counts the mark as the editor does', () => {
    const text = '\ufeff# Heading with BOM\n\n* **Term**: defined.\n\nThe term, [[Unit 1]](other.md#heading-with-bom).';
    const index = indexWith(text);
    const [heading] = index.headingsOf(HOSTILE);
    assert.equal(heading?.slug, 'heading-with-bom');
    assert.deepEqual(heading?.range.start, { line: 0, character: 1 });
    const concept = index.conceptNamed('term');
    assert.equal(textAt(text, concept?.definitions[0]?.termRange ?? heading.range), 'Term');
    const occurrences = index.occurrencesIn(HOSTILE);
    assert.deepEqual(occurrences.map((o) => textAt(text, o.range)), ['Term', 'term']);
    assert.deepEqual(index.citationsIn(HOSTILE).map((c) => textAt(text, c.citation.range)), ['[[Unit 1]](other.md#heading-with-bom)']);
  });

  it('H9 CRLF and lone CR line endings give the same lines and characters as LF', () => {
    const lf = '# Title\n\n* **Inner alignment**: a definition [[Unit 1]](u.md#a).\n  * *Sub term*: nested.\n\nInner alignment and the sub term.\n## Second';
    const answers = (text: string): unknown => {
      const index = indexWith(text);
      return {
        headings: index.headingsOf(HOSTILE),
        definitions: index.concepts().flatMap((c) => c.definitions.filter((d) => d.note === HOSTILE).map((d) => [c.id, c.parent, d.termRange, d.range])),
        occurrences: index.occurrencesIn(HOSTILE),
        citations: index.citationsIn(HOSTILE).map((c) => c.citation.range),
        hover: index.conceptAt(HOSTILE, { line: 5, character: 2 }),
      };
    };
    const expected = answers(lf);
    assert.equal((expected as { occurrences: unknown[] }).occurrences.length, 4);
    assert.deepEqual(answers(lf.replace(/\n/g, '\r\n')), expected, 'CRLF');
    assert.deepEqual(answers(lf.replace(/\n/g, '\r')), expected, 'lone CR');
    assert.deepEqual(answers(lf.replace(/\n/g, (_, i: number) => ['\n', '\r\n', '\r'][i % 3] ?? '\n')), expected, 'mixed');
  });

  it('H10 zero-width and right-to-left characters: terms with them are concepts, prose matches across a zero-width space', () => {
    const text = [
      '* **Inner\u200bmisalignment**: written with a zero-width space.',
      '* **\u202eevil\u202c**: a right-to-left override around the term.',
      '* **שלום עולם**: a Hebrew term.',
      '* **ab\u200dcd**: a zero-width joiner inside.',
      '',
      'Inner misalignment, \u202eevil\u202c, שלום עולם and ab\u200dcd in prose.\u2028Line separator.\u2029Paragraph separator.',
    ].join('\n');
    const index = within(5_000, 'indexing zero-width and RTL text', () => indexWith(text));
    // The zero-width term is the neighbour's term written another way: a conflict, and nothing else.
    assert.deepEqual(askEverything(index, HOSTILE).map((d) => d.code), ['definition-conflict']);
    // Invisible characters are part of the term as written: the override term matches only with its overrides.
    for (const phrase of ['inner misalignment', '\u202eevil\u202c', 'שלום עולם', 'ab\u200dcd']) assert.ok(index.conceptNamed(phrase), phrase);
    assert.equal(index.conceptNamed('evil'), undefined);
    const mentioned = index.occurrencesIn(HOSTILE).filter((o) => o.range.start.line === 5).map((o) => textAt(text, o.range));
    assert.deepEqual(mentioned, ['Inner misalignment', '\u202eevil\u202c', 'שלום עולם', 'ab\u200dcd']);
  });
});
