/** Full garbage collection between phases; the bench runs under `node --expose-gc`. */
export function collectGarbage(): void {
  const gc = globalThis.gc;
  if (gc) {
    gc();
    gc();
  }
}

export function hasGc(): boolean {
  return typeof globalThis.gc === 'function';
}

/** Milliseconds `work` takes, with its result. */
export function timed<T>(work: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}
