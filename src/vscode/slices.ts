/** Longest stretch of our work on the extension host's thread before it yields, so that typing is never blocked. */
const SLICE_MS = 20;

/**
 * Cuts a long loop on the host's thread into slices: `pause()` after each step yields to the event loop once
 * the current slice has run `SLICE_MS`, and otherwise returns at once.
 */
export class Slices {
  #started = performance.now();

  /** Whether the current slice has run its time: a loop that cannot await between steps stops there, then pauses. */
  due(): boolean {
    return performance.now() - this.#started > SLICE_MS;
  }

  async pause(): Promise<void> {
    if (!this.due()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.#started = performance.now();
  }
}

/**
 * Runs a build done in steps (`core/util/steps.ts`) to its end on the host's thread, a slice at a time. Returns
 * its result, or undefined when `stop` says so between two slices (a newer update then takes over).
 */
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
