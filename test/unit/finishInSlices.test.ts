import { strict as assert } from 'node:assert';
import { finishInSlices, Slices, useTaskScheduler } from '../../src/vscode/slices';

/** A build of `steps` steps, each busy for about `ms` (the host's thread held, as a real step holds it). */
function* busyBuild(steps: number, ms: number, done: { steps: number }): Generator<void, string, void> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // held, as a step of real work holds the thread
    }
    done.steps++;
    yield;
  }
  return 'built';
}

describe('finishInSlices', () => {
  it('runs a build in steps to its end, letting the event loop turn between slices', async () => {
    const done = { steps: 0 };
    let stepsWhenATimerRan: number | undefined;
    setTimeout(() => (stepsWhenATimerRan = done.steps), 0);
    assert.deepEqual(await finishInSlices(busyBuild(12, 5, done)), { value: 'built' });
    assert.equal(done.steps, 12);
    assert.ok(stepsWhenATimerRan !== undefined && stepsWhenATimerRan < 12, `a timer ran only after ${String(stepsWhenATimerRan)} of 12 steps`);
  });

  it('lets loops running at once take turns: the work of one loop only between two turns of the event loop', async () => {
    let turn = 0;
    let ticking = true;
    const tick = (): void => {
      turn++;
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    /** For each turn of the event loop, which builds did steps in it. */
    const seen = new Map<number, Set<string>>();
    function* build(name: string): Generator<void, string, void> {
      for (let i = 0; i < 12; i++) {
        const until = performance.now() + 5;
        while (performance.now() < until) {
          // held, as a step of real work holds the thread
        }
        const builds = seen.get(turn) ?? new Set<string>();
        seen.set(turn, builds.add(name));
        yield;
      }
      return name;
    }
    const results = await Promise.all([finishInSlices(build('a')), finishInSlices(build('b')), finishInSlices(build('c'))]);
    ticking = false;
    assert.deepEqual(results, [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const shared = [...seen].filter(([, builds]) => builds.size > 1).map(([at, builds]) => `${at}: ${[...builds].join('')}`);
    // The first steps of all three run as they begin, in the turn that starts them; after that, one build a turn.
    assert.ok(shared.length <= 1, `turns with the steps of several builds: ${shared.join(', ')}`);
    assert.ok(seen.size >= 6, `${seen.size} turns`);
  });

  it('gives a question someone waits for every turn until it is answered, before the background loops', async () => {
    const finished: string[] = [];
    const background = ['a', 'b'].map(async (name) => {
      await finishInSlices(busyBuild(12, 5, { steps: 0 }));
      finished.push(name);
    });
    await new Promise((resolve) => setTimeout(resolve, 0)); // both have begun and are waiting for their turns
    const question = (async () => {
      const slices = new Slices('question');
      const build = busyBuild(12, 5, { steps: 0 });
      while (build.next().done !== true) await slices.pause();
      finished.push('question');
    })();
    await Promise.all([...background, question]);
    assert.equal(finished[0], 'question', `finished in the order ${finished.join(', ')}`);
  });

  it('stops between two slices when told, without the result', async () => {
    const done = { steps: 0 };
    assert.equal(await finishInSlices(busyBuild(12, 5, done), () => true), undefined);
    assert.ok(done.steps < 12, `${done.steps} steps ran`);
  });

  it("rests before each turn of the full index's loops where the host asks, and no other loop waits the rest out", async () => {
    const scheduled: string[] = [];
    useTaskScheduler((turn) => {
      scheduled.push('turn');
      setTimeout(turn, 0);
    }, 4);
    try {
      const starts: number[] = [];
      const indexing = new Slices('index');
      for (let i = 0; i < 5; i++) {
        starts.push(performance.now());
        busyBuild(1, 9, { steps: 0 }).next(); // longer than a slice: it yields after each
        await indexing.pause();
      }
      const rests = starts.slice(1).map((start, i) => start - (starts[i] ?? 0) - 9);
      assert.ok(
        rests.every((rest) => rest >= 2.5),
        `rests of ${rests.map((rest) => rest.toFixed(1)).join(', ')} ms between slices`,
      );
      assert.deepEqual(scheduled, [], "the index's turns came after the rest, not from the scheduler");
      await finishInSlices(busyBuild(3, 9, { steps: 0 }));
      assert.ok(scheduled.length >= 2, `${scheduled.length} turns: other work does not rest`);
      scheduled.length = 0;
      // A question that yields while an index loop rests gets its turn from the scheduler at once.
      const resting = (async () => {
        for (let i = 0; i < 3; i++) {
          busyBuild(1, 9, { steps: 0 }).next();
          await indexing.pause();
        }
      })();
      await new Promise((resolve) => setImmediate(resolve)); // its first slice has run: it rests now
      assert.deepEqual(scheduled, [], 'the index waits for the rest');
      const question = new Slices('question');
      busyBuild(1, 25, { steps: 0 }).next(); // the question's slice is over
      await question.pause();
      assert.deepEqual(scheduled, ['turn'], "the question's turn came from the scheduler");
      await resting;
    } finally {
      useTaskScheduler();
    }
  });

  it("starts a question's slice as it arrives when none of ours began lately, once a task, and ends it later than another loop's", async () => {
    // The slices read the clock; a clock of the test's own makes the durations exact whatever the machine's load.
    const realNow = performance.now.bind(performance);
    let now = realNow();
    performance.now = () => now;
    try {
      now += 30; // no slice of ours has begun for longer than one lasts
      assert.equal(new Slices().due(), true, 'other work yields before its first step');
      const question = new Slices('question');
      assert.equal(question.due(), false, 'a question works at once, in its own task');
      now += 15;
      assert.equal(question.due(), false, 'still in its slice after 15 ms: longer than a slice of other work');
      now += 6;
      assert.equal(question.due(), true, 'its slice is over after 21 ms');
      assert.equal(new Slices('question').due(), true, 'another question in the same task shares that slice');
      await new Promise((resolve) => setTimeout(resolve, 0)); // the loop turns
      assert.equal(new Slices('question').due(), false, 'the next question, in a task of its own, begins its own');
    } finally {
      performance.now = realNow;
    }
  });
});
