import { strict as assert } from 'node:assert';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { answerUnlessCancelled, type Pacing, type Rebuild } from '../../src/vscode/languageFeatures/cancellable';

const ROOT = 'file:///course/';

/** A token VS Code would cancel when the mouse moves on or the user types on. */
function token(): { isCancellationRequested: boolean } {
  return { isCancellationRequested: false };
}

/** An index of `count` notes that cite each other, as a full index leaves it before its first question. */
function indexOf(count: number): CourseIndex {
  const index = new CourseIndex();
  for (let n = 0; n < count; n++) {
    index.setNote(`${ROOT}week-${n}.md`, `# Week ${n}\n\n* **Drift ${n}**: how run ${n} moved away ([Week ${(n + 1) % count}](./week-${(n + 1) % count}.md)).\n`, undefined, 'load');
  }
  return index;
}

/** The index as a `Rebuild`, with each step counted and the event-loop turns seen before it. */
function counted(index: CourseIndex): { rebuild: Rebuild; steps: number[] } {
  const steps: number[] = [];
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  ticker.unref(); // a failing run must not keep the process alive
  return {
    steps,
    rebuild: {
      get answersWait() {
        return index.answersWait;
      },
      rebuildStep() {
        steps.push(turns);
        const more = index.rebuildStep();
        if (!more) clearInterval(ticker);
        return more;
      },
    },
  };
}

/** Pacing that yields after every step, where `Slices` would yield after 20 ms of them; its slice begins as it is made, as a question's does. */
function everyStep(): Pacing {
  let begun = true;
  return {
    due: () => {
      const over = !begun;
      begun = false;
      return over;
    },
    pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}

describe('Questions during a full index (hover, go to definition, completion)', () => {
  it('answer at once, synchronously, when the index need not rebuild first', () => {
    const index = indexOf(3);
    index.citedUnitsOf(index.concepts()[0]?.id ?? '');
    assert.equal(index.rebuildPending, false);
    let asked = 0;
    assert.equal(answerUnlessCancelled(token(), index, () => ++asked), 1);
  });

  it("answer in a slice of their own when parsing their note used up the question's slice, and not at all when cancelled meanwhile", async () => {
    const index = indexOf(3);
    index.citedUnitsOf(index.concepts()[0]?.id ?? '');
    assert.equal(index.answersWait, false);
    const events: string[] = [];
    const spent: Pacing = { due: () => true, pause: async () => void events.push('yielded') };
    const answer = answerUnlessCancelled(token(), index, () => events.push('answered'), spent);
    assert.ok(answer instanceof Promise, 'not at once');
    await answer;
    assert.deepEqual(events, ['yielded', 'answered']);
    const question = token();
    const cancelled = answerUnlessCancelled(question, index, () => events.push('answered again'), { due: () => true, pause: async () => void (question.isCancellationRequested = true) });
    assert.equal(await cancelled, undefined);
    assert.equal(events.length, 2, 'no second answer');
  });

  it('cost nothing once cancelled', () => {
    let asked = 0;
    const cancelled = { isCancellationRequested: true };
    const index = indexOf(3);
    assert.equal(answerUnlessCancelled(cancelled, index, () => ++asked), undefined);
    assert.equal(asked, 0);
    assert.equal(index.rebuildPending, true, 'nothing rebuilt');
  });

  it("rebuild step by step from the question's arrival, the event loop turning between steps: the concepts, the term matcher, what is built from them, the link resolver", async () => {
    const index = indexOf(200);
    const { rebuild, steps } = counted(index);
    const answer = await answerUnlessCancelled(token(), rebuild, () => index.resolve('./week-7.md', `${ROOT}week-6.md`), everyStep());
    assert.deepEqual(answer, { kind: 'local', note: `${ROOT}week-7.md`, via: 'relative', approximate: false });
    assert.ok(steps.length >= 4, `${steps.length} steps: at least one for each piece`);
    assert.equal(steps[0], 0, 'the first step at once, before any turn of the loop');
    assert.ok(steps.every((turns, i) => i === 0 || turns > (steps[i - 1] ?? 0)), `event-loop turns between steps: ${steps.join(', ')}`);
    assert.equal(index.rebuildPending, false);
    const whole = indexOf(200);
    assert.deepEqual(index.concepts(), whole.concepts(), 'the same concepts as a rebuild in one piece');
  });

  it('build what the answer reads (completion\'s search and names by prefix) in the same slices once nothing is left to rebuild, and stop when cancelled', async () => {
    const index = indexOf(400);
    index.concepts(); // rebuilt: what is left is completion's own
    const prepared = index.completionSteps();
    assert.ok(prepared, 'nothing to build');
    const question = token();
    let pauses = 0;
    const cancelling: Pacing = { due: () => true, pause: async () => void (++pauses === 2 && (question.isCancellationRequested = true)) };
    assert.equal(await answerUnlessCancelled(question, index, () => 'answered', cancelling, () => index.completionSteps()), undefined);
    assert.ok(index.completionSteps(), 'left unbuilt for a question still wanted');
    let yields = 0;
    const counting: Pacing = { due: () => true, pause: async () => void yields++ };
    const names = await answerUnlessCancelled(token(), index, () => index.namesStartingWith(['drift 12'], 20), counting, () => index.completionSteps());
    assert.deepEqual(names?.flat().map(({ name }) => name), ['Drift 12', 'Drift 120', 'Drift 121', 'Drift 122', 'Drift 123', 'Drift 124', 'Drift 125', 'Drift 126', 'Drift 127', 'Drift 128', 'Drift 129']);
    assert.ok(yields > 2, `${yields} slices: the search's and the names' steps each yield`);
    assert.equal(index.completionSteps(), undefined);
    let asked = 0;
    assert.equal(answerUnlessCancelled(token(), index, () => ++asked, { due: () => false, pause: async () => undefined }, () => index.completionSteps()), 1, 'at once once built');
  });

  it('rebuild and prepare again in steps when the notes change while what the answer reads is being built, so the answer builds nothing in one block', async () => {
    const index = indexOf(400);
    index.citedUnitsOf(index.concepts()[0]?.id ?? ''); // all rebuilt: what is left is completion's own
    assert.equal(index.answersWait, false);
    const { rebuild, steps } = counted(index);
    let pauses = 0;
    const editing: Pacing = {
      due: () => true,
      pause: async () => {
        // During the second pause, a note gains a term: the concepts and what completion reads are stale again.
        if (++pauses === 2) index.setNote(`${ROOT}week-3.md`, '# Week 3\n\n* **Drift three**: a new name.\n');
      },
    };
    const state = await answerUnlessCancelled(token(), rebuild, () => ({ rebuildPending: index.rebuildPending, unprepared: index.completionSteps() !== undefined, names: index.namesStartingWith(['drift th'], 5) }), editing, () => index.completionSteps());
    assert.ok(steps.length > 0, 'the change was rebuilt step by step');
    assert.deepEqual(state?.rebuildPending, false, 'nothing left to rebuild when it answered');
    assert.deepEqual(state?.unprepared, false, 'nothing left to prepare when it answered');
    assert.deepEqual(state?.names.flat().map(({ name }) => name), ['Drift three']);
  });

  it('leave the rest of a rebuild undone when the question is cancelled between steps', async () => {
    const index = indexOf(200);
    const question = token();
    let asked = 0;
    const rebuild: Rebuild = {
      get answersWait() {
        return index.answersWait;
      },
      rebuildStep() {
        question.isCancellationRequested = true; // the mouse moved on after the first step
        return index.rebuildStep();
      },
    };
    assert.equal(await answerUnlessCancelled(question, rebuild, () => ++asked), undefined);
    assert.equal(asked, 0);
    assert.equal(index.rebuildPending, true, 'the other steps are left to a question still wanted');
  });
});
