import { assert as chai, config } from 'chai';

// Failure messages show the whole of what was compared, as Node's do, not its first 40 characters.
config.truncateThreshold = 0;

/**
 * `node:assert`'s `strict` for the web worker extension host, which has no Node: the web test bundles
 * alias `node:assert` to this file, so the integration tests run unchanged. Each assertion is chai's
 * strict one; only the names (and `doesNotThrow`'s message argument) differ.
 */
function ok(value: unknown, message?: string | Error): asserts value {
  chai.ok(value, text(message));
}

/** Node accepts an Error as the message; chai wants text. */
function text(message: string | Error | undefined): string | undefined {
  return message instanceof Error ? message.message : message;
}

export const strict = Object.assign((value: unknown, message?: string | Error): void => ok(value, message), {
  ok,
  equal: (actual: unknown, expected: unknown, message?: string | Error): void => chai.strictEqual(actual, expected, text(message)),
  notEqual: (actual: unknown, expected: unknown, message?: string | Error): void => chai.notStrictEqual(actual, expected, text(message)),
  deepEqual: (actual: unknown, expected: unknown, message?: string | Error): void => chai.deepStrictEqual(actual, expected, text(message)),
  notDeepEqual: (actual: unknown, expected: unknown, message?: string | Error): void => chai.notDeepStrictEqual(actual, expected, text(message)),
  match: (value: string, pattern: RegExp, message?: string | Error): void => chai.match(value, pattern, text(message)),
  doesNotMatch: (value: string, pattern: RegExp, message?: string | Error): void => chai.notMatch(value, pattern, text(message)),
  fail: (message?: string | Error): never => chai.fail(text(message)),
  // chai reads a string second argument as a pattern for the error's message; Node, as the failure message.
  doesNotThrow: (fn: () => unknown, message?: string | Error): void => chai.doesNotThrow(fn, undefined, undefined, text(message)),
});
