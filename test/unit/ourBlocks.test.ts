import { strict as assert } from 'node:assert';
import { type CpuProfile, ourBlocks, threadCpuMs, Ticks } from '../integration/large/ourBlocks';

const OURS = 'file:///ext/dist/extension.js';
const THEIRS = 'file:///vscode/extensions/markdown/dist/extension.js';

/** A profile of root → (idle | gc | program | ours: store → setNote | theirs: parse), one sample a millisecond, the first at 1 ms. */
function profile(order: readonly string[]): CpuProfile {
  const nodes = [
    { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 3, 4, 5, 7] },
    { id: 2, callFrame: { functionName: '(idle)', url: '' } },
    { id: 3, callFrame: { functionName: '(garbage collector)', url: '' } },
    { id: 4, callFrame: { functionName: '(program)', url: '' } },
    { id: 5, callFrame: { functionName: 'store', url: OURS }, children: [6] },
    { id: 6, callFrame: { functionName: 'setNote', url: OURS } },
    { id: 7, callFrame: { functionName: 'parse', url: THEIRS } },
  ];
  const ids: Record<string, number> = { idle: 2, gc: 3, program: 4, store: 5, setNote: 6, theirs: 7 };
  return { nodes, samples: order.map((name) => ids[name] ?? 2), timeDeltas: order.map(() => 1000) };
}

const isOurs = (url: string): boolean => url === OURS;

describe('Our blocks of the extension host, from its event loop\'s gaps and a CPU profile', () => {
  // Samples at 1..12 ms.
  const samples = profile(['idle', 'store', 'setNote', 'gc', 'gc', 'setNote', 'idle', 'theirs', 'theirs', 'setNote', 'gc', 'idle', 'idle', 'store', 'setNote']);

  it('keeps the gaps in which most samples that ran code were ours, timed by the stretches their samples of ours and of garbage collection stand for, the longest first, named by our busiest function', () => {
    // Each sample stands for the millisecond before it, cut to the gap. The last gap is long, but the host ran for
    // two samples of it: the machine's other processes held the core.
    const blocks = ourBlocks(samples, [{ start: 1.5, end: 6.5 }, { start: 9.5, end: 11.5 }, { start: 13.5, end: 40 }], isOurs);
    assert.deepEqual(blocks, [
      { start: 1.5, end: 6.5, ms: 4.5, top: 'setNote', gc: 2 },
      { start: 9.5, end: 11.5, ms: 1.5, top: 'setNote', gc: 1 },
      { start: 13.5, end: 40, ms: 1.5, top: 'store', gc: 0 },
    ]);
  });

  it('leaves out the gaps in which other code ran most, or nothing but idle time and garbage collection', () => {
    assert.deepEqual(ourBlocks(samples, [{ start: 7.5, end: 10.5 }, { start: 10.5, end: 12.5 }, { start: 3.5, end: 5.5 }], isOurs), []);
  });

  it("is no longer than the host's thread was on a core during the gap: a sample taken when the thread got the core back stands for the wait", () => {
    const blocks = ourBlocks(samples, [{ start: 1.5, end: 6.5, cpu: 2 }, { start: 9.5, end: 11.5, cpu: 30 }], isOurs);
    assert.deepEqual(
      blocks.map(({ ms, cpu }) => [ms, cpu]),
      [
        [2, 2],
        [1.5, 30],
      ],
    );
  });
});

/** Holds this thread for `ms`, as a step of real work would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // held
  }
}

describe('The ticker that finds the gaps of the event loop', () => {
  it("notes each gap with the thread's time on a core meanwhile, as the given clock tells it", async () => {
    let cpu = 0;
    const ticks = new Ticks(performance.now(), 5, 20, () => (cpu += 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    busy(60);
    await new Promise((resolve) => setTimeout(resolve, 20));
    ticks.stop();
    const gap = ticks.gaps.find(({ start, end }) => end - start >= 55);
    assert.ok(gap, `a gap of the busy 60 ms among ${JSON.stringify(ticks.gaps)}`);
    assert.equal(gap.cpu, 1, 'one tick of the given clock between the ticks around it');
  });

  it("reads this thread's time on a core on Linux, where it grows while the thread works, not while it sleeps; elsewhere none", () => {
    const before = threadCpuMs();
    if (process.platform !== 'linux') {
      assert.equal(before, undefined, 'no schedstat: the blocks are then timed by the samples alone');
      return;
    }
    assert.ok(before !== undefined, 'Linux keeps the statistics');
    busy(30);
    const worked = (threadCpuMs() ?? Number.NaN) - before;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
    const slept = (threadCpuMs() ?? Number.NaN) - before - worked;
    // A reading may lag by a scheduler tick (up to 10 ms at 100 Hz).
    assert.ok(worked > 0 && worked < 45, `${worked} ms on a core while busy for 30 ms`);
    assert.ok(slept < 12, `${slept} ms on a core while asleep for 30 ms`);
  });
});
