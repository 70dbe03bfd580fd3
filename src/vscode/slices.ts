/**
 * Longest stretch of background work of ours on the extension host's thread before it yields, so that typing is
 * never blocked. A question (a hover) that arrives during a slice waits for its end, once on its way in and once
 * for each other round trip VS Code makes through the host: with 20 ms slices, half the hovers during a first
 * index of 10,000 notes took over 100 ms; with 8 ms, 70-85 ms (large suite, `docs/RELIABILITY.md`).
 */
const SLICE_MS = 8;
/**
 * A question someone waits for (a hover during a first index) works longer before it yields: every yield costs it
 * a turn of the host's loop, which on a busy host is the other work queued there (a worker's answer, VS Code's
 * messages); still well under the 50 ms that would make anyone else wait noticeably.
 */
const QUESTION_SLICE_MS = 20;

/**
 * What a sliced loop is, which decides how long its slices are and when its turns come: a `question` someone waits
 * for (20 ms slices, its turns before any other's), `work` someone may wait for (the concept map's graph, an
 * export: 8 ms slices, a turn as soon as the loop turns), or the full `index`, which runs for seconds while the
 * user works (8 ms slices, and the host's rest before each turn: see `useTaskScheduler`).
 */
export type SliceKind = 'question' | 'work' | 'index';

/**
 * How a turn is run as a task of its own, after the I/O that is waiting. A zero-delay timer by default (the unit
 * tests); each host sets its best (`useTaskScheduler`): `setImmediate` in Node, where a timer sleeps a
 * millisecond when nothing else waits, and in a web worker a message to itself, since nested zero-delay
 * timers wait at least 4 ms there (half a slice).
 */
const byTimer = (turn: () => void): void => void setTimeout(turn, 0);
let nextTask: (turn: () => void) => void = byTimer;
/** How long the host's thread rests before an `index` loop's turn (see `useTaskScheduler`). */
let indexRestMs = 0;

/**
 * Sets how the turns of our sliced loops are scheduled (see `nextTask`); without one, by a zero-delay timer again.
 * `indexRestMs`: a rest before each turn of the full index's loops, leaving part of the thread's time to others.
 * The Node host rests (its notes are parsed on worker threads, so a rest costs the index little): on a busy
 * machine the window's thread and VS Code's other processes then get a core, and the messages between the
 * window and the host, a few for each hover, cross sooner. The web worker host, which parses every note in those
 * slices, does not.
 */
export function useTaskScheduler(schedule: (turn: () => void) => void = byTimer, restMs = 0): void {
  nextTask = schedule;
  indexRestMs = restMs;
}

/**
 * The loops of ours that yield (`Slices.pause`) take turns: each event-loop turn resumes one of them, the one
 * that has waited longest (a question's before the others'), and the others wait for later turns. So however
 * many loops run at once (an index storing a batch, a rebuild, the first problems, a hover's wait), at most one
 * slice of ours runs between two turns; with a timer each, all of them ran one after another in the same turn, a
 * block of several slices.
 */
const waiting: { readonly resume: () => void; readonly kind: SliceKind }[] = [];
let turnScheduled = false;
/** The rest before an `index` loop's turn, which any other loop coming meanwhile does not wait out. */
let rest: ReturnType<typeof setTimeout> | undefined;
/** When the slice that is running now began: the loop resumed by the last turn works until its slice's end from here. */
let sliceStarted = performance.now();
/** A question began a slice of its own, and the loop has not turned since (see `Slices`). */
let questionSliceBegun = false;

/** Waits for a turn of its own; a question someone waits for goes after the questions already waiting, before the rest. */
function nextTurn(kind: SliceKind): Promise<void> {
  return new Promise((resume) => {
    const at = kind === 'question' ? waiting.findIndex((other) => other.kind !== 'question') : -1;
    waiting.splice(at < 0 ? waiting.length : at, 0, { resume, kind });
    scheduleTurn();
  });
}

function scheduleTurn(): void {
  const next = waiting[0]?.kind;
  const resting = next === 'index' && indexRestMs > 0;
  if (next === undefined || (turnScheduled && (resting || rest === undefined))) return;
  clearTimeout(rest);
  rest = undefined;
  turnScheduled = true;
  const turn = (): void => {
    turnScheduled = false;
    rest = undefined;
    sliceStarted = performance.now();
    waiting.shift()?.resume();
    scheduleTurn();
  };
  if (resting) rest = setTimeout(turn, indexRestMs);
  else nextTask(turn);
}

/**
 * Cuts a long loop on the host's thread into slices: `pause()` after each step yields to the event loop once
 * the current slice has run its time, and otherwise returns at once. The slice is shared by every loop (see
 * `nextTurn`): a loop that begins within another's slice works on in it, and yields when it ends.
 */
export class Slices {
  /**
   * A question begins a slice of its own when none of ours has begun lately: it came in a task of its own (VS
   * Code's message), so it works at once rather than wait for a turn behind the host's queued work. Not twice
   * before the loop turns: VS Code may hand the host several messages in one task (a hover, its cancellation,
   * the next hover), and those share one slice. Made before the question parses its note
   * (`WorkspaceNotes.sync`), so that the parse counts in its slice.
   */
  constructor(private readonly kind: SliceKind = 'work') {
    if (kind !== 'question' || questionSliceBegun || performance.now() - sliceStarted <= QUESTION_SLICE_MS) return;
    sliceStarted = performance.now();
    questionSliceBegun = true;
    setTimeout(() => (questionSliceBegun = false), 0); // after every message of this task and their microtasks
  }

  /** Whether the current slice has run its time: a loop that cannot await between steps stops there, then pauses. */
  due(): boolean {
    return performance.now() - sliceStarted > (this.kind === 'question' ? QUESTION_SLICE_MS : SLICE_MS);
  }

  async pause(): Promise<void> {
    if (!this.due()) return;
    await nextTurn(this.kind);
  }
}

/**
 * Runs a build done in steps (`core/util/steps.ts`) to its end on the host's thread, a slice at a time. Returns
 * its result, or undefined when `stop` says so between two slices (a newer update then takes over, or the question
 * was cancelled). `slices`: a question's own, to build in its slices; background work's by default.
 */
export async function finishInSlices<T>(steps: Generator<void, T, void>): Promise<{ readonly value: T }>;
export async function finishInSlices<T>(steps: Generator<void, T, void>, stop: () => boolean, slices?: Pick<Slices, 'due' | 'pause'>): Promise<{ readonly value: T } | undefined>;
export async function finishInSlices<T>(
  steps: Generator<void, T, void>,
  stop: () => boolean = () => false,
  slices: Pick<Slices, 'due' | 'pause'> = new Slices('work'),
): Promise<{ readonly value: T } | undefined> {
  for (;;) {
    const next = steps.next();
    if (next.done) return { value: next.value };
    if (!slices.due()) continue;
    await slices.pause();
    if (stop()) return undefined;
  }
}
