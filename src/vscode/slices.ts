/**
 * Longest stretch of our work on the extension host's thread before it yields, so that typing is never blocked.
 * A question (a hover) that arrives during a slice waits for its end, once on its way in and once for each
 * other round trip VS Code makes through the host: with 20 ms slices, half the hovers during a first index of
 * 10,000 notes took over 100 ms; with 8 ms, 70-85 ms (large suite, `docs/RELIABILITY.md`).
 */
const SLICE_MS = 8;
/**
 * A question someone waits for (a hover during a first index) works longer before it yields: every yield costs it
 * a turn of the host's loop, which on a busy host is the other work queued there (a worker's answer, VS Code's
 * messages); still well under the 50 ms that would make anyone else wait noticeably.
 */
const QUESTION_SLICE_MS = 20;
/**
 * After a background slice the host's thread rests before the next, a third of the time: on a busy machine the
 * window's thread and VS Code's other processes then get a core too, and every message between the window and
 * the host (a hover makes a few) crosses sooner. During a first index of 10,000 notes, the hovers' waits until
 * our provider was asked fell from up to 100-200 ms to under 100 ms, for a tenth more time to index.
 */
const REST_MS = 4;

/**
 * How a turn is run as a task of its own, after the I/O that is waiting. A zero-delay timer by default (the unit
 * tests); each host sets its best (`useTaskScheduler`): `setImmediate` in Node, where a timer sleeps a
 * millisecond when nothing else waits, and in a web worker a message to itself, since nested zero-delay
 * timers wait at least 4 ms there (half a slice).
 */
const byTimer = (turn: () => void): void => void setTimeout(turn, 0);
let nextTask: (turn: () => void) => void = byTimer;

/** Sets how the turns of our sliced loops are scheduled (see `nextTask`); without one, by a zero-delay timer again. */
export function useTaskScheduler(schedule: (turn: () => void) => void = byTimer): void {
  nextTask = schedule;
}

/**
 * The loops of ours that yield (`Slices.pause`) take turns: each event-loop turn resumes one of them, the one
 * that has waited longest (a question's before the background's), and the others wait for later turns. So however
 * many loops run at once (an index storing a batch, a rebuild, the first problems, a hover's wait), at most one
 * slice of ours runs between two turns; with a timer each, all of them ran one after another in the same turn, a
 * block of several slices.
 */
const waiting: { readonly resume: () => void; readonly question: boolean }[] = [];
let turnScheduled = false;
/** The rest before a background loop's turn (`REST_MS`), which a question arriving meanwhile does not wait out. */
let rest: ReturnType<typeof setTimeout> | undefined;
/** When the slice that is running now began: the loop resumed by the last turn works until `SLICE_MS` from here. */
let sliceStarted = performance.now();

/** Waits for a turn of its own; a question someone waits for goes after the questions already waiting, before the rest. */
function nextTurn(question: boolean): Promise<void> {
  return new Promise((resume) => {
    const at = question ? waiting.findIndex((other) => !other.question) : -1;
    waiting.splice(at < 0 ? waiting.length : at, 0, { resume, question });
    scheduleTurn();
  });
}

function scheduleTurn(): void {
  const question = waiting[0]?.question;
  if (question === undefined || (turnScheduled && !(question && rest))) return;
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
  if (question) nextTask(turn);
  else rest = setTimeout(turn, REST_MS);
}

/**
 * Cuts a long loop on the host's thread into slices: `pause()` after each step yields to the event loop once
 * the current slice has run `SLICE_MS`, and otherwise returns at once. The slice is shared by every loop (see
 * `nextTurn`): a loop that begins within another's slice works on in it, and yields when it ends.
 */
export class Slices {
  /**
   * When a question's own first slice began: it arrives in a task of its own (VS Code's message), so no slice of
   * ours is running, and it starts working at once rather than wait for a turn behind the host's queued work.
   */
  readonly #arrived: number;

  /** `question`: the loop answers a question someone waits for (a hover), and goes before background work. */
  constructor(private readonly question = false) {
    this.#arrived = question ? performance.now() : -Infinity;
  }

  /** Whether the current slice has run its time: a loop that cannot await between steps stops there, then pauses. */
  due(): boolean {
    return performance.now() - Math.max(sliceStarted, this.#arrived) > (this.question ? QUESTION_SLICE_MS : SLICE_MS);
  }

  async pause(): Promise<void> {
    if (!this.due()) return;
    await nextTurn(this.question);
  }
}

/**
 * Runs a build done in steps (`core/util/steps.ts`) to its end on the host's thread, a slice at a time. Returns
 * its result, or undefined when `stop` says so between two slices (a newer update then takes over).
 */
export async function finishInSlices<T>(steps: Generator<void, T, void>): Promise<{ readonly value: T }>;
export async function finishInSlices<T>(steps: Generator<void, T, void>, stop: () => boolean): Promise<{ readonly value: T } | undefined>;
export async function finishInSlices<T>(steps: Generator<void, T, void>, stop: () => boolean = () => false): Promise<{ readonly value: T } | undefined> {
  const slices = new Slices();
  for (;;) {
    const next = steps.next();
    if (next.done) return { value: next.value };
    if (!slices.due()) continue;
    await slices.pause();
    if (stop()) return undefined;
  }
}
