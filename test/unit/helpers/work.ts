import { strict as assert } from 'node:assert';

/**
 * Deterministic measures of work, for tests that a cost stays linear, or constant, as the input grows. A
 * timing depends on the machine and on whatever else runs on it; these counts depend only on the code and
 * its input, so a bound on them fails when the property breaks and never because the machine is busy.
 */

/** What `body` returned, and the work counted while it ran. */
export interface Work<T> {
  readonly result: T;
  /**
   * Characters read one at a time with `String.prototype.charCodeAt`. micromark's tokenizer reads each character
   * it steps over so, again after backtracking; so do the word cursor of the term matcher, the content hash and
   * the line scanners. Native string methods and regular expressions read without it: see `regexRuns`.
   */
  readonly reads: number;
  /** Regular-expression executions: `exec`, and `test`, `replace`, `match`, `matchAll`, `split` and `search`, which run through it. */
  readonly regexRuns: number;
}

/** Runs `body` synchronously, counting its character reads and regular-expression runs (see `Work`). */
export function measureWork<T>(body: () => T): Work<T> {
  const charCodeAt = Object.getOwnPropertyDescriptor(String.prototype, 'charCodeAt');
  const exec = Object.getOwnPropertyDescriptor(RegExp.prototype, 'exec');
  const readChar = String.prototype.charCodeAt;
  const runRegex = RegExp.prototype.exec;
  let reads = 0;
  let regexRuns = 0;
  Object.defineProperty(String.prototype, 'charCodeAt', {
    value: function counted(this: string, index: number): number {
      reads++;
      return readChar.call(this, index);
    },
  });
  Object.defineProperty(RegExp.prototype, 'exec', {
    value: function counted(this: RegExp, text: string): RegExpExecArray | null {
      regexRuns++;
      return runRegex.call(this, text);
    },
  });
  try {
    const result = body();
    return { result, reads, regexRuns };
  } finally {
    if (charCodeAt) Object.defineProperty(String.prototype, 'charCodeAt', charCodeAt);
    if (exec) Object.defineProperty(RegExp.prototype, 'exec', exec);
  }
}

/** What `body` returned, how many times each spied method was called, and on which objects. */
export interface Calls<T, P, K extends string> {
  readonly result: T;
  readonly calls: Readonly<Record<K, number>>;
  readonly receivers: ReadonlySet<P>;
}

/**
 * Runs `body` with the methods `names` of `prototype` counted: every call, from the test or from the code
 * under test (calls through `this` included), and the objects called on. The methods still run as before.
 */
export function countCalls<P extends object, K extends string & keyof P, T>(prototype: P, names: readonly K[], body: () => T): Calls<T, P, K> {
  const calls = Object.fromEntries(names.map((name) => [name, 0])) as Record<K, number>;
  const receivers = new Set<P>();
  const saved = names.map((name) => {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    const original: unknown = descriptor?.value;
    if (descriptor === undefined || typeof original !== 'function') throw new Error(`${name} is no method of this prototype`);
    Object.defineProperty(prototype, name, {
      value: function counted(this: P, ...args: unknown[]): unknown {
        calls[name]++;
        receivers.add(this);
        return Reflect.apply(original, this, args);
      },
    });
    return [name, descriptor] as const;
  });
  try {
    const result = body();
    return { result, calls, receivers };
  } finally {
    for (const [name, descriptor] of saved) Object.defineProperty(prototype, name, descriptor);
  }
}

/**
 * Fails unless the work on an input `times` as large grew at most in proportion (20% slack for what does not
 * grow with the input evenly): the characters read and the regular expressions run. A quadratic cost grows
 * `times` times faster than that.
 */
export function assertGrowsLinearly(what: string, small: Work<unknown>, large: Work<unknown>, times: number): void {
  for (const measure of ['reads', 'regexRuns'] as const) {
    const bound = 1.2 * times * Math.max(small[measure], 1);
    assert.ok(large[measure] <= bound, `${what}: ${large[measure]} ${measure} at ${times}× the size, ${small[measure]} at 1×`);
  }
}
