/**
 * Which blocks of the extension host's event loop our code held. The event-loop monitor sees every block,
 * VS Code's and other extensions' too, and issue 14 asks that ours stay under 50 ms; a CPU profile (V8's
 * `Profiler` format, as `inspector` gives it) says what ran, but not where the loop turned between two tasks of
 * ours. So the blocks come from a ticker (`Ticks`: the gaps between its turns), and each is ours when most of the
 * samples within it that ran code (not idle, not garbage collection) have a frame of ours on their stack. A gap
 * also grows while the machine's other processes hold the core, when nothing of the host runs: so a block of ours
 * is measured by the time its samples of our code and of garbage collection stand for (each the stretch since the
 * sample before it, cut to the gap), not by the gap's length. A sampler starved of the core stretches those too:
 * a thread taken off the core in the middle of our work is sampled when it gets it back, and that one sample
 * then stands for the whole wait. So where the system says how long the host's thread was on a core during the
 * gap (Linux: `/proc/thread-self/schedstat`), the block is no longer than that.
 */
import { readFileSync } from 'node:fs';

export interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string }; readonly children?: readonly number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A stretch in which the event loop did not turn, in ms from the profile's start. */
export interface Gap {
  readonly start: number;
  readonly end: number;
  /** How long the host's thread was on a core meanwhile, in ms, where the system says (`threadCpuMs`). */
  readonly cpu?: number;
}

export interface Block extends Gap {
  /**
   * The time its samples of our code and of garbage collection stand for, in ms, and no more than the thread was
   * on a core: what the block cost the host's thread.
   */
  readonly ms: number;
  /** Our function most sampled in the block: where to look. */
  readonly top: string;
  /** Of that, garbage collection. */
  readonly gc: number;
}

/** The gaps, longest first, in which our code ran most: each with the function of ours sampled most. */
export function ourBlocks(profile: CpuProfile, gaps: readonly Gap[], ours: (url: string) => boolean): Block[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  /** The innermost frame of ours on a node's stack, `null` for none. */
  const frames = new Map<number, string | null>();
  const frameOf = (id: number): string | null => {
    const known = frames.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const found = node && ours(node.callFrame.url) ? node.callFrame.functionName || '(anonymous)' : up === undefined ? null : frameOf(up);
    frames.set(id, found);
    return found;
  };
  const times: number[] = [];
  let at = 0;
  for (const delta of profile.timeDeltas) times.push((at += delta) / 1000);
  const blocks: Block[] = [];
  let i = 0;
  for (const gap of [...gaps].sort((a, b) => a.start - b.start)) {
    while (i < times.length && (times[i] ?? 0) < gap.start) i++;
    let ran = 0;
    let gc = 0;
    let spent = 0;
    const counts = new Map<string, number>();
    for (let j = i; j < times.length && (times[j] ?? 0) < gap.end; j++) {
      const name = byId.get(profile.samples[j] ?? -1)?.callFrame.functionName;
      const stands = Math.min(times[j] ?? 0, gap.end) - Math.max(times[j - 1] ?? 0, gap.start);
      if (name === '(garbage collector)') gc += stands;
      if (name === '(idle)' || name === '(garbage collector)') continue;
      ran++;
      const frame = frameOf(profile.samples[j] ?? -1);
      if (frame === null) continue;
      counts.set(frame, (counts.get(frame) ?? 0) + 1);
      spent += stands;
    }
    const mine = [...counts.values()].reduce((sum, count) => sum + count, 0);
    if (ran === 0 || mine * 2 < ran) continue;
    const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    blocks.push({ ...gap, ms: gap.cpu === undefined ? spent + gc : Math.min(spent + gc, gap.cpu), top, gc });
  }
  return blocks.sort((a, b) => b.ms - a.ms);
}

/**
 * The calling thread's time on a core so far, in ms: Linux's `schedstat` of the thread (nanoseconds on a core,
 * then waiting for one, then slices). The kernel brings a running thread's figure up to date at each scheduler
 * tick, so a reading may lag by one (4 ms at 250 Hz). Undefined where there is none, or where the kernel keeps
 * no such statistics (it then writes zeros, which would make every block 0 ms).
 */
export function threadCpuMs(): number | undefined {
  try {
    const ms = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
    return Number.isFinite(ms) && ms > 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A timer every few ms on the host's thread, noting each time it fired late: the gaps in which the loop did not
 * turn, each with the thread's time on a core meanwhile where `cpuMs` knows it.
 */
export class Ticks {
  readonly gaps: Gap[] = [];
  readonly #timer: ReturnType<typeof setInterval>;

  /** `origin`: the `performance.now()` the gaps are measured from (the profile's start). */
  constructor(origin: number, every = 5, late = 20, cpuMs: () => number | undefined = threadCpuMs) {
    let last = performance.now();
    let lastCpu = cpuMs();
    this.#timer = setInterval(() => {
      const now = performance.now();
      const cpu = cpuMs();
      if (now - last > every + late) {
        const gap = { start: last - origin, end: now - origin };
        this.gaps.push(cpu === undefined || lastCpu === undefined ? gap : { ...gap, cpu: cpu - lastCpu });
      }
      last = now;
      lastCpu = cpu;
    }, every);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
