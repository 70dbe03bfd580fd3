/** Longest stretch of our work on the extension host's thread before it yields, so that typing is never blocked. */
const SLICE_MS = 20;

/**
 * Cuts a long loop on the host's thread into slices: `pause()` after each step yields to the event loop once
 * the current slice has run `SLICE_MS`, and otherwise returns at once.
 */
export class Slices {
  #started = performance.now();

  async pause(): Promise<void> {
    if (performance.now() - this.#started <= SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.#started = performance.now();
  }
}
