import { strict as assert } from 'node:assert';
import { finishInSlices } from '../../src/vscode/slices';

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

  it('stops between two slices when told, without the result', async () => {
    const done = { steps: 0 };
    assert.equal(await finishInSlices(busyBuild(12, 5, done), () => true), undefined);
    assert.ok(done.steps < 12, `${done.steps} steps ran`);
  });
});
