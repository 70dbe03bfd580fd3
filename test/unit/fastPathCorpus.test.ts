import { strict as assert } from 'node:assert';
import { generateCorpus } from '../../bench/corpus/generate';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { analyseNoteWhole } from '../../src/core/notes/analyseNote';

/**
 * The performance issue's correctness guard: on the benchmark's generated 1,000-note corpus, the fast path
 * (chunked parsing, prose parsed on demand) gives exactly what a plain remark parse of every note gives.
 */
describe('the fast path on the 1,000-note benchmark corpus', function () {
  this.timeout(120_000);

  it('yields exactly the concepts, citations, occurrences and hover answers of a plain remark parse of every note', () => {
    const corpus = generateCorpus({ files: 1_000, vocab: 3_000, seed: 42 });
    const fast = new CourseIndex();
    const plain = new CourseIndex();
    for (const file of corpus.files) {
      const uri = `file:///corpus/${encodeURI(file.path)}`;
      fast.setNote(uri, file.text);
      plain.setNote(uri, file.text, analyseNoteWhole(file.text));
    }
    assert.equal(fast.noteCount, 1_000);
    assert.ok(fast.concepts().length > 1_000, `${fast.concepts().length} concepts`);
    assert.deepEqual(fast.concepts(), plain.concepts());
    let citations = 0;
    let occurrences = 0;
    for (const note of plain.notes()) {
      const expected = plain.citationsIn(note);
      citations += expected.length;
      assert.deepEqual(fast.citationsIn(note), expected, note);
      const found = plain.occurrencesIn(note);
      occurrences += found.length;
      assert.deepEqual(fast.occurrencesIn(note), found, note);
    }
    assert.ok(citations > 1_000 && occurrences > 1_000, `${citations} citations, ${occurrences} occurrences`);

    // A hover parses only the chunk under the cursor: it must answer as the whole note's prose does.
    const hovers = new CourseIndex();
    for (const note of plain.notes()) hovers.setNote(note, plain.textOf(note) ?? '');
    let named = 0;
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const notes = plain.notes();
    for (let i = 0; i < 3_000; i++) {
      const note = notes[next(notes.length)] ?? '';
      const lines = (plain.textOf(note) ?? '').split('\n');
      const line = next(lines.length);
      const position = { line, character: next((lines[line]?.length ?? 0) + 1) };
      const expected = plain.conceptAt(note, position);
      if (expected) named++;
      assert.deepEqual(hovers.conceptAt(note, position), expected, `${note} ${JSON.stringify(position)}`);
      assert.equal(hovers.inProse(note, position), plain.inProse(note, position));
    }
    assert.ok(named > 100, `${named} positions named a concept`);
  });
});
