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
      const slices = new Slices(true);
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

  it("rests between a background loop's slices, and a question does not wait out the rest", async () => {
    const starts: number[] = [];
    const background = (function* (): Generator<void, string, void> {
      for (let i = 0; i < 5; i++) {
        starts.push(performance.now());
        yield* busyBuild(1, 9, { steps: 0 }); // longer than a slice: it yields after each
      }
      return 'built';
    })();
    await finishInSlices(background);
    const rests = starts.slice(1).map((start, i) => start - (starts[i] ?? 0) - 9);
    assert.ok(
      rests.every((rest) => rest >= 3.5),
      `rests of ${rests.map((rest) => rest.toFixed(1)).join(', ')} ms between slices`,
    );
    // A question that yields while a background loop rests gets its turn from the host's scheduler at once.
    const scheduled: string[] = [];
    useTaskScheduler((turn) => {
      scheduled.push('turn');
      setTimeout(turn, 0);
    });
    try {
      const resting = finishInSlices(busyBuild(3, 9, { steps: 0 }));
      await new Promise((resolve) => setImmediate(resolve)); // its first slice has run: it rests now
      assert.deepEqual(scheduled, [], 'a background turn waits for the rest, not for the scheduler');
      const question = new Slices(true);
      busyBuild(1, 25, { steps: 0 }).next(); // the question's own slice is over
      await question.pause();
      assert.deepEqual(scheduled, ['turn'], "the question's turn came from the scheduler");
      await resting;
    } finally {
      useTaskScheduler();
    }
  });

  it("starts a question's slice when it arrives, and ends it later than a background loop's", async () => {
    await new Promise((resolve) => setTimeout(resolve, 30)); // no slice of ours has begun for longer than one lasts
    assert.equal(new Slices().due(), true, 'a background loop yields before its first step');
    const question = new Slices(true);
    assert.equal(question.due(), false, 'a question works at once, in its own task');
    const done = { steps: 0 };
    const build = busyBuild(40, 1, done);
    while (!question.due()) build.next();
    assert.ok(done.steps > 10, `${done.steps} steps of 1 ms before it yields: longer than a background slice`);
    assert.ok(done.steps < 40, `${done.steps} steps: it yields before the work is done`);
  });
});
