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
