import { strict as assert } from 'node:assert';
import { MAX_ANALYSED_LENGTH, MAX_NESTING, noteProblem } from '../../src/core/notes/limits';
import type { CourseIndex } from '../../src/core/index/courseIndex';
import type { Diagnostic } from '../../src/core/index/diagnostic';
import { askEverything, assertNeighbourWorks, HOSTILE, indexWith, textAt } from './helpers/hostile';
import { assertGrowsLinearly, measureWork, type Work } from './helpers/work';

/** Indexes `text` beside the neighbour and asks every question of it, counting the work (see `measureWork`). */
function indexAndAsk(text: string): Work<{ index: CourseIndex; diagnostics: Diagnostic[] }> {
  return measureWork(() => {
    const index = indexWith(text);
    return { index, diagnostics: askEverything(index, HOSTILE) };
  });
}

/**
 * Hostile notes, part 1: size, nesting, brackets, bytes and line endings. Each case states what the index
 * does with the note; docs/RELIABILITY.md lists them. Costs are counted, not timed (`helpers/work.ts`): the
 * work on a note ten times as large grows at most tenfold, or stays that of the analysed part.
 */
describe('Hostile notes: size, structure and encoding', () => {
  it('H1 a 10 MB note is kept whole, analysed up to 250,000 characters with work bounded by them, with a note-too-large diagnostic', function () {
    this.timeout(120_000);
    const block = 'Prose about the big term and [[Unit 1]](https://github.com/o/c/blob/main/U.md#x).\n\n* **Big term**: a definition\n\n';
    const text = `${block.repeat(Math.ceil(10_000_000 / block.length))}* **Tail term**: past the analysed part.\n\nThe tail term.`;
    const work = indexAndAsk(text);
    const { index, diagnostics } = work.result;
    assert.equal(index.textOf(HOSTILE), text, 'the text is kept as it is');
    // Past the analysed part the text is only read through (its hash, its lines): a few reads per character. The
    // parser's work, its regular expressions, is that of 250,000 characters (some 80 per character), not of 10 MB.
    assert.ok(work.reads <= 4 * text.length, `${work.reads} characters read for ${text.length}`);
    assert.ok(work.regexRuns <= 200 * MAX_ANALYSED_LENGTH, `${work.regexRuns} regular expressions run`);
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

  it('H2 a 100,000-line note is indexed in linear work, with right positions on its last line; one past the size limit in work bounded by the limit', function () {
    this.timeout(120_000);
    const note = (count: number): string => {
      const lines = Array.from({ length: count }, (_, i) => (i % 1_000 === 0 ? `## Part ${i}` : i % 7 === 0 ? 'x' : ''));
      lines[count - 2] = 'The last term is used here.';
      lines[count - 1] = '* **Last term**: defined on the last line.';
      return lines.join('\n');
    };
    const text = note(100_000);
    assert.ok(text.length < MAX_ANALYSED_LENGTH);
    /** The term on the next-to-last line of the `count`-line note indexed in `work`, found counting the work. */
    const termBeforeLast = (work: Work<{ index: CourseIndex }>, count: number) =>
      measureWork(() => work.result.index.conceptAt(HOSTILE, { line: count - 2, character: 6 }));
    const small = indexAndAsk(note(10_000));
    const large = indexAndAsk(text);
    assertGrowsLinearly('indexing and asking about 100,000 lines', small, large, 10);
    const found = termBeforeLast(large, 100_000);
    assertGrowsLinearly('finding a term on line 99,999', termBeforeLast(small, 10_000), found, 10);
    const { index } = large.result;
    const concept = index.conceptNamed('last term');
    assert.equal(concept?.definitions[0]?.termRange.start.line, 99_999);
    assert.equal(textAt(text, concept?.definitions[0]?.termRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), 'Last term');
    const hit = found.result;
    assert.equal(hit?.id, concept.id);
    assert.deepEqual(hit?.range, { start: { line: 99_998, character: 4 }, end: { line: 99_998, character: 13 } });
    assert.equal(index.headingsOf(HOSTILE).length, 100);
    assert.equal(index.headingsOf(HOSTILE)[99]?.range.start.line, 99_000);
    assert.deepEqual(large.result.diagnostics, []);
    // 100,000 lines of ordinary prose (4 MB): the first lines are indexed, the rest is reported, and read through only.
    const prose = Array.from({ length: 100_000 }, (_, i) => (i % 100 === 0 ? `* **Term ${i}**: defined on line ${i}.` : `Line ${i} mentions term ${i - (i % 100)} in passing.`)).join('\n');
    const long = indexAndAsk(prose);
    assert.equal(long.result.index.conceptNamed('term 100')?.definitions[0]?.termRange.start.line, 100);
    assert.equal(long.result.index.conceptNamed('term 99900'), undefined);
    assert.deepEqual(long.result.diagnostics.map((d) => d.code), ['note-too-large']);
    assert.ok(long.reads <= 4 * prose.length, `${long.reads} characters read for ${prose.length}`);
    assert.ok(long.regexRuns <= 200 * MAX_ANALYSED_LENGTH, `${long.regexRuns} regular expressions run`);
  });

  it('H3 block quotes nested 10,000 deep: no stack overflow, linear work, a note-too-deeply-nested diagnostic; 50 deep still works', function () {
    this.timeout(60_000);
    const quoted = (depth: number): string => `Intro.\n${'>'.repeat(depth)} * **Deep term**: inside ${depth} quotes.\n`;
    const large = indexAndAsk(quoted(10_000));
    assertGrowsLinearly('indexing and asking about 10,000 nested quotes', indexAndAsk(quoted(1_000)), large, 10);
    const { index, diagnostics } = large.result;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['note-too-deeply-nested', 1]]);
    assert.match(diagnostics[0]?.message ?? '', /10001 levels deep/);
    assertNeighbourWorks(index);
    const shallow = indexWith(`${'> '.repeat(50)}* **Quoted term**: inside fifty quotes.\n\nThe quoted term.`);
    assert.ok(shallow.conceptNamed('quoted term'), 'a note nested 50 deep is analysed');
  });

  it('H4 lists nested 500 deep: a note-too-deeply-nested diagnostic at the first line past the limit, work linear in the text; 50 deep keeps the chain of parents', function () {
    this.timeout(60_000);
    const nested = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}* **Level ${i}**: nested ${i} deep`).join('\n');
    const deep = indexAndAsk(nested(500));
    const fifty = indexAndAsk(nested(50));
    // The text grows with the square of the depth; the work may grow with the text, not faster.
    assertGrowsLinearly('indexing and asking about 500 nested lists', fifty, deep, nested(500).length / nested(50).length);
    assert.deepEqual(deep.result.diagnostics.map((d) => [d.code, d.range.start.line]), [['note-too-deeply-nested', MAX_NESTING]]);
    const shallow = fifty.result.index;
    const deepest = shallow.conceptNamed('level 49');
    assert.equal(deepest?.parent, shallow.conceptNamed('level 48')?.id);
    let steps = 0;
    for (let id = deepest?.parent; id !== undefined; id = shallow.concept(id)?.parent) steps++;
    assert.equal(steps, 49);
  });

  it('H5 10,000 unbalanced brackets and parentheses: parsed in linear work, the definition after them found', function () {
    this.timeout(120_000);
    for (const bracket of ['[', ']', '[[', '[a](', '(', '![x](']) {
      const note = (count: number): string => `${bracket.repeat(count)}\n\n* **After brackets**: still found.\n\nAfter brackets again.`;
      const large = indexAndAsk(note(10_000));
      assertGrowsLinearly(`indexing and asking about ${bracket} ×10,000`, indexAndAsk(note(1_000)), large, 10);
      const { index } = large.result;
      const concept = index.conceptNamed('after brackets');
      assert.ok(concept, `definition after ${bracket} ×10,000 lost`);
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
    const index = indexWith(text);
    // The zero-width term is the neighbour's term written another way: a conflict, and nothing else.
    assert.deepEqual(askEverything(index, HOSTILE).map((d) => d.code), ['definition-conflict']);
    // Invisible characters are part of the term as written: the override term matches only with its overrides.
    for (const phrase of ['inner misalignment', '\u202eevil\u202c', 'שלום עולם', 'ab\u200dcd']) assert.ok(index.conceptNamed(phrase), phrase);
    assert.equal(index.conceptNamed('evil'), undefined);
    const mentioned = index.occurrencesIn(HOSTILE).filter((o) => o.range.start.line === 5).map((o) => textAt(text, o.range));
    assert.deepEqual(mentioned, ['Inner misalignment', '\u202eevil\u202c', 'שלום עולם', 'ab\u200dcd']);
  });
});
