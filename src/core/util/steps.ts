/**
 * A long build done in steps, so that a host can turn its event loop between them: each `next()` does a bounded
 * amount of work, counted in units (notes, definitions, entries), never timed, so that the result and where the
 * steps fall never depend on the machine. The build's result is the generator's return value.
 */
export type Steps<T> = Generator<void, T, void>;

/** Units of work a step does at most: each unit is a note, a definition or an entry, a few µs to tens of µs. */
export const STEP_WORK = 500;

/** Runs a build to its end at once, for a caller that needs the result now. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Counts a build's work; `spend` says when a step's worth is done, and the build then yields. */
export class WorkBudget {
  #left = STEP_WORK;

  /** Adds `units` to the current step's work; true when the step is full (and a new one starts). */
  spend(units = 1): boolean {
    this.#left -= units;
    if (this.#left > 0) return false;
    this.#left = STEP_WORK;
    return true;
  }
}

/**
 * `list` sorted by `compare` in steps: a stable merge sort, so the order `Array.prototype.sort` gives (stable too)
 * for any consistent `compare`; a comparison costs `cost` units (a `localeCompare` is a few µs).
 */
export function* sortInSteps<T>(list: readonly T[], compare: (a: T, b: T) => number, budget: WorkBudget, cost = 0.05): Steps<T[]> {
  let from = [...list];
  let to = new Array<T>(from.length);
  for (let width = 1; width < from.length; width *= 2) {
    for (let start = 0; start < from.length; start += 2 * width) {
      const middle = Math.min(start + width, from.length);
      const end = Math.min(start + 2 * width, from.length);
      let i = start;
      let j = middle;
      let k = start;
      while (i < middle && j < end) {
        const a = from[i] as T;
        const b = from[j] as T;
        // The left one first on a tie: what keeps the sort stable.
        if (compare(b, a) < 0) {
          to[k++] = b;
          j++;
        } else {
          to[k++] = a;
          i++;
        }
        if (budget.spend(cost)) yield;
      }
      while (i < middle) to[k++] = from[i++] as T;
      while (j < end) to[k++] = from[j++] as T;
    }
    [from, to] = [to, from];
  }
  return from;
}
