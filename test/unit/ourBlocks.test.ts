import { strict as assert } from 'node:assert';
import { type CpuProfile, ourBlocks } from '../integration/large/ourBlocks';

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
});
