import { strict as assert } from 'node:assert';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { LinkResolver } from '../../src/core/links/linkResolver';
import { countCalls } from './helpers/work';

const ROOT = 'file:///course/';
const BATCH = 200;
/** The fewest notes a load holds back (`HOLD_MIN` in courseIndex.ts). */
const HOLD_MIN = 400;

/** A reading note of a long course: two terms of its own, and a mention of the first note's term. */
function note(n: number): [string, string] {
  return [
    `${ROOT}week-${n}.md`,
    `# Week ${n}\n\n* **Zeta${n} effect**: what run ${n} showed; compare the zeta0 effect.\n* **Zeta${n} drift**: how run ${n} moved away from its goal.\n`,
  ];
}

/** Loads `count` notes in host-sized batches, asking for the concepts after each batch; returns what each question saw. */
function loadAsking(index: CourseIndex, count: number, arrival: 'load' | 'edit'): { notes: number; concepts: readonly unknown[] }[] {
  const seen: { notes: number; concepts: readonly unknown[] }[] = [];
  for (let start = 0; start < count; start += BATCH) {
    for (let n = start; n < Math.min(count, start + BATCH); n++) index.setNote(...note(n), undefined, arrival);
    seen.push({ notes: index.noteCount, concepts: index.concepts() });
  }
  return seen;
}

const builds = (seen: readonly { concepts: readonly unknown[] }[]): number => new Set(seen.map((question) => question.concepts)).size;

describe('Questions while many notes load', function () {
  // 10,000 notes take seconds; on a busy shared machine more than mocha's default bound. A bound on a hang only.
  this.timeout(120_000);
  it('are answered from concepts built at most half as many notes ago: about ten builds for 10,000 notes, not one per batch', () => {
    const index = new CourseIndex();
    const seen = loadAsking(index, 10_000, 'load');
    for (const { notes, concepts } of seen) {
      const built = concepts.length / 2;
      assert.ok(notes - built <= Math.max(HOLD_MIN, built / 2), `${notes} notes answered from ${built}`);
    }
    assert.ok(builds(seen) <= 12, `${builds(seen)} builds for ${seen.length} questions`);
    const edits = new CourseIndex();
    assert.equal(builds(loadAsking(edits, 2_000, 'edit')), 10, 'notes that arrive as edits are seen by the next question');
  });

  it('resolve links with the link resolver of the last concept build: about ten resolvers for 10,000 notes, not one per question', () => {
    const index = new CourseIndex();
    const cite = (n: number): string => `${ROOT}week-${n}.md`;
    // A question that follows links after each batch, as a hover on a definition with a citation does.
    const { result: answers, receivers } = countCalls(LinkResolver.prototype, ['noteAt', 'tailOf'], () => {
      const found = [];
      for (let start = 0; start < 10_000; start += BATCH) {
        for (let n = start; n < start + BATCH; n++) index.setNote(...note(n), undefined, 'load');
        index.concepts();
        found.push(index.resolve(`./week-${start + BATCH - 1}.md`, cite(0)));
      }
      return found;
    });
    assert.equal(answers.length, 50);
    // Each resolver answers for the notes of its build: a note loaded since is not found yet, then found after settle.
    assert.ok(receivers.size <= 12, `${receivers.size} link resolvers built for ${answers.length} questions`);
    assert.ok(answers.some((answer) => answer.kind !== 'local'), 'some answers came from a resolver built before the note');
    index.settle();
    assert.deepEqual(index.resolve('./week-9999.md', cite(0)), { kind: 'local', note: cite(9999), via: 'relative', approximate: false });
  });

  it('with workspace folders, file the attachments once ahead of any note, then add each load\'s notes to that one resolver in place', () => {
    const index = new CourseIndex();
    index.setRoots([ROOT]);
    index.setFiles(Array.from({ length: 2_000 }, (_, i) => `${ROOT}assets/figure-${i}.png`));
    const cite = (n: number): string => `${ROOT}week-${n}.md`;
    const { result, calls, receivers } = countCalls(LinkResolver.prototype, ['noteAt', 'tailOf', 'addNotes'], () => {
      let steps = 1;
      while (index.prepareLinksStep()) steps++;
      const found = [];
      for (let start = 0; start < 3_000; start += BATCH) {
        for (let n = start; n < start + BATCH; n++) index.setNote(...note(n), undefined, 'load');
        index.concepts();
        found.push(index.resolve(`./week-${start + BATCH - 1}.md`, cite(0)));
      }
      index.settle();
      found.push(index.resolve('./week-2999.md', cite(0)));
      return { steps, found };
    });
    assert.ok(result.steps > 1, 'the attachments are filed in steps of bounded work');
    // One resolver for the whole load: each build of the concepts adds the notes loaded since to it.
    assert.equal(receivers.size, 1, `${receivers.size} link resolvers built`);
    assert.ok(calls.addNotes >= 5 && calls.addNotes <= 12, `${calls.addNotes} additions`);
    assert.deepEqual(result.found.at(-1), { kind: 'local', note: cite(2999), via: 'relative', approximate: false });
    assert.deepEqual(index.resolveWikiTarget('figure-1999.png', cite(0)), { kind: 'file', uri: `${ROOT}assets/figure-1999.png`, via: 'suffix' });
  });

  it('after settle, answers as an index given the same notes at once: concepts, and mentions of terms loaded late', () => {
    const loaded = new CourseIndex();
    loadAsking(loaded, 3_000, 'load');
    // Built by a question other than the list of concepts, then more notes load, then the list is asked for.
    loaded.setNote(`${ROOT}open.md`, '# Open\n');
    loaded.occurrencesIn(`${ROOT}week-0.md`);
    for (let n = 3_000; n < 3_100; n++) loaded.setNote(...note(n), undefined, 'load');
    loaded.concepts();
    loaded.occurrencesIn(`${ROOT}week-3099.md`);
    loaded.settle();
    const whole = new CourseIndex();
    for (let n = 0; n < 3_100; n++) whole.setNote(...note(n));
    whole.setNote(`${ROOT}open.md`, '# Open\n');
    assert.deepEqual(loaded.concepts(), whole.concepts());
    for (const n of [0, 1_500, 3_099]) assert.deepEqual(loaded.occurrencesIn(`${ROOT}week-${n}.md`), whole.occurrencesIn(`${ROOT}week-${n}.md`));
    // The last notes' terms came while the concepts were held: after settle their mentions are found.
    loaded.setNote(`${ROOT}review.md`, '# Review\n\nThe zeta3099 drift was the largest.\n');
    assert.deepEqual(
      loaded.occurrencesIn(`${ROOT}review.md`).map((found) => found.id),
      [loaded.conceptNamed('Zeta3099 drift')?.id],
    );
  });

  it('sees a note that arrives as an edit during a load at once, with every note loaded before it', () => {
    const index = new CourseIndex();
    loadAsking(index, 1_000, 'load');
    index.concepts();
    index.setNote(`${ROOT}open.md`, '# Open note\n\n* **Sandbagging**: underperforming on purpose.\n* **Sabotage**: acting against the task.\n');
    assert.ok(index.conceptNamed('sandbagging'), 'the edited note’s term');
    assert.equal(index.concepts().length, 2 * 1_000 + 2, 'and every loaded note’s terms');
  });

  it('sees a note held back by the load at once when an editor opens it with the same text', () => {
    const index = new CourseIndex();
    loadAsking(index, 1_000, 'load');
    const [uri, text] = note(1_000);
    index.setNote(uri, text, undefined, 'load');
    assert.equal(index.conceptNamed('Zeta1000 effect'), undefined, 'held back by the load, as the test of holding expects');
    assert.equal(index.setNote(uri, text), false, 'the text did not change');
    assert.ok(index.conceptNamed('Zeta1000 effect'), 'the open note’s own term');
    assert.equal(index.concepts().length, 2 * 1_001);
  });

  describe('in a host that finishes the rebuilds itself (answerFromLastBuild)', () => {
    /** 1,000 notes loaded and built, then 600 more: past the hold, so the load drops the build. */
    function fallenBehind(): CourseIndex {
      const index = new CourseIndex();
      loadAsking(index, 1_000, 'load');
      index.settle();
      index.concepts();
      index.resolve('./week-1.md', `${ROOT}week-0.md`); // the link resolver too, as a hover on a citation builds it
      index.answerFromLastBuild = true;
      for (let n = 1_000; n < 1_600; n++) index.setNote(...note(n), undefined, 'load');
      return index;
    }

    it('answer from the last complete build at once while the rebuild is pending, and ask the host to finish it', () => {
      const index = fallenBehind();
      assert.equal(index.rebuildPending, true, 'the load dropped the build');
      assert.equal(index.answersWait, false, 'a question need not wait');
      assert.equal(index.rebuildWanted, false, 'nobody asked yet');
      assert.equal(index.concepts().length, 2 * 1_000, 'the concepts of the last build');
      assert.equal(index.conceptNamed('Zeta1500 effect'), undefined, 'a term loaded since is not there yet');
      assert.ok(index.occurrencesIn(`${ROOT}week-1500.md`).length > 0, 'a note loaded since: its mentions of terms built before');
      assert.notEqual(index.resolve('./week-1500.md', `${ROOT}week-0.md`).kind, 'local', 'links from the last link resolver');
      assert.equal(index.resolve('./week-999.md', `${ROOT}week-0.md`).kind, 'local');
      assert.equal(index.rebuildPending, true, 'answering built nothing');
      assert.equal(index.rebuildWanted, true, 'the host is asked to rebuild');
      while (index.rebuildStep());
      assert.equal(index.rebuildWanted, false);
      assert.equal(index.concepts().length, 2 * 1_600, 'every note once rebuilt');
      assert.equal(index.resolve('./week-1500.md', `${ROOT}week-0.md`).kind, 'local');
    });

    it('answer from the last build after settle too, until the host has rebuilt', () => {
      const index = fallenBehind();
      index.settle();
      assert.equal(index.answersWait, false);
      assert.equal(index.concepts().length, 2 * 1_000);
      while (index.rebuildStep());
      assert.equal(index.concepts().length, 2 * 1_600);
    });

    it('wait for the rebuild after an edit: the edited note is seen, and every note loaded before it', () => {
      const index = fallenBehind();
      index.setNote(`${ROOT}open.md`, '# Open note\n\n* **Sandbagging**: underperforming on purpose.\n');
      assert.equal(index.answersWait, true, 'an edit is never answered from an earlier build');
      assert.ok(index.conceptNamed('sandbagging'));
      assert.equal(index.concepts().length, 2 * 1_600 + 1);
    });

    it('wait for the rebuild when an editor opens a note loaded since the last build', () => {
      const index = fallenBehind();
      index.concepts();
      const [uri, text] = note(1_500);
      index.setNote(uri, text);
      assert.equal(index.answersWait, true);
      assert.ok(index.conceptNamed('Zeta1500 effect'), 'the open note’s own term');
    });

    it('and without it, a question after settle sees every note at once (the CLI, the tests)', () => {
      const index = fallenBehind();
      index.answerFromLastBuild = false;
      index.concepts();
      index.settle();
      assert.equal(index.answersWait, true);
      assert.equal(index.concepts().length, 2 * 1_600);
    });
  });

  it('finds the mentions of a note loaded again during the load in its new text', () => {
    const index = new CourseIndex();
    loadAsking(index, 400, 'load');
    const [uri, text] = note(5);
    const before = index.occurrencesIn(uri).find((found) => found.id === index.conceptNamed('zeta0 effect')?.id);
    index.setNote(uri, `Moved down.\n\n${text}`, undefined, 'load');
    const after = index.occurrencesIn(uri).find((found) => found.id === index.conceptNamed('zeta0 effect')?.id);
    assert.ok(before && after, 'the mention is found both times');
    assert.equal(after.range.start.line, before.range.start.line + 2);
  });
});
