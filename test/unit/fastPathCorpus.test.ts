import { strict as assert } from 'node:assert';
import { CORPUS_KINDS, generateBenchCorpus } from '../../bench/corpus/corpora';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { analyseNoteWhole } from '../../src/core/notes/analyseNote';

/**
 * The performance issue's correctness guard: on each of the bench's generated corpora at 1,000 notes (course
 * notes, many courses, a vault, linked prose), the fast path (chunked parsing, prose parsed on demand) gives
 * exactly what a plain remark parse of every note gives.
 */
for (const kind of CORPUS_KINDS) {
  describe(`the fast path on the bench's 1,000-note ${kind} corpus`, function () {
    this.timeout(600_000);

    it('yields exactly the concepts, citations, wikilinks, problems, occurrences and hover answers of a plain remark parse of every note', () => {
      const corpus = generateBenchCorpus(kind, 1_000, 42);
      const fast = new CourseIndex();
      const plain = new CourseIndex();
      for (const index of [fast, plain]) index.setRoots(['file:///corpus/']);
      for (const file of corpus.files) {
        const uri = `file:///corpus/${encodeURI(file.path)}`;
        fast.setNote(uri, file.text);
        plain.setNote(uri, file.text, analyseNoteWhole(file.text));
      }
      assert.equal(fast.noteCount, 1_000);
      assert.deepEqual(fast.concepts(), plain.concepts());
      let citations = 0;
      let links = 0;
      let occurrences = 0;
      for (const note of plain.notes()) {
        const expected = plain.citationsIn(note);
        citations += expected.length;
        assert.deepEqual(fast.citationsIn(note), expected, note);
        const linked = plain.wikiLinksIn(note);
        links += linked.length;
        assert.deepEqual(fast.wikiLinksIn(note), linked, note);
        assert.deepEqual(fast.diagnostics(note), plain.diagnostics(note), note);
        const found = plain.occurrencesIn(note);
        occurrences += found.length;
        assert.deepEqual(fast.occurrencesIn(note), found, note);
      }
      // Each corpus must exercise what it is for, or the equalities above prove little.
      const concepts = plain.concepts().length;
      if (kind === 'course' || kind === 'many-courses') assert.ok(concepts > 1_000 && citations > 1_000 && occurrences > 1_000, `${concepts} concepts, ${citations} citations, ${occurrences} occurrences`);
      else assert.ok(links > 5_000, `${links} wikilinks`);

      // A hover parses only the chunk under the cursor: it must answer as the whole note's prose does.
      const hovers = new CourseIndex();
      hovers.setRoots(['file:///corpus/']);
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
      if (concepts > 0) assert.ok(named > 100, `${named} positions named a concept`);
    });
  });
}
