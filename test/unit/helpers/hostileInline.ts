import fc from 'fast-check';

/**
 * Hostile inline text for the fuzzer of the inline budget: a short pattern of delimiters, autolink-literal
 * shapes and words, repeated into one paragraph of up to 40,000 characters (superlinear costs only show at
 * size), sometimes broken by a line end, a blank line, a list bullet or a quote. Every line starts with a word
 * (or a bullet or `>` and a word), so no fence or HTML block takes in the definition after it: it must survive.
 */
const TOKENS = [
  '*', '**', '_', '__', '~', '~~', '[', ']', '[[', ']]', '(', ')', '](', '![', '!', '<', '>', '<a ', '</', '<!--', '`', '``', '```',
  '$', '$$', '\\', '&', '&amp;', '#', '|', ':', '"', "'", ' ', ' ', ' ', 'a', 'x', 'word', 'www.', 'http://', 'https://a.b/', 'a@b.co',
  '[^1]', '\nx ', '\n\nx ', '\n- x ', '\n> x ', 'Alignment', 'reward hacking', 'x'.repeat(200),
];

const pattern = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }).map((tokens) => tokens.join(''));

/** What the fuzzer generates: a pattern repeated into one paragraph of up to 40,000 characters, after a prefix. */
export interface HostileParts {
  readonly prefix: string;
  readonly pattern: string;
  readonly times: number;
}

export const hostileParts: fc.Arbitrary<HostileParts> = fc
  .record({ pattern, repeat: fc.integer({ min: 50, max: 20_000 }), prefix: fc.constantFrom('', '[', '*a ', '[a](', '`') })
  .map(({ pattern: body, repeat, prefix }) => ({ prefix, pattern: body, times: Math.max(1, Math.min(repeat, Math.floor(40_000 / body.length))) }));

/** The note of generated parts: a heading, the hostile paragraph, and a definition after it that must survive. */
export function hostileNote({ prefix, pattern: body, times }: HostileParts): string {
  return `# Fuzzed\n\nHostile ${prefix}${body.repeat(times)}\n\n* **Survivor**: defined after the hostile text.\n`;
}

/** The fuzzer's seed and run count: fixed, so a failure reproduces. */
export const FUZZ = { seed: 1_402, numRuns: 60 } as const;
