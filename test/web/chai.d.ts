/** The part of chai's `assert` (chai 6 ships no types) that `assert.ts` maps Node's strict assertions onto. */
declare module 'chai' {
  export const config: { truncateThreshold: number };
  export const assert: {
    ok(value: unknown, message?: string): void;
    strictEqual(actual: unknown, expected: unknown, message?: string): void;
    notStrictEqual(actual: unknown, expected: unknown, message?: string): void;
    deepStrictEqual(actual: unknown, expected: unknown, message?: string): void;
    notDeepStrictEqual(actual: unknown, expected: unknown, message?: string): void;
    match(value: string, pattern: RegExp, message?: string): void;
    notMatch(value: string, pattern: RegExp, message?: string): void;
    fail(message?: string): never;
    doesNotThrow(fn: () => unknown, errorLike: undefined, matcher: undefined, message?: string): void;
  };
}
