/** Counts of one test layer, printed in the summary and checked for "ran nothing". */
export interface LayerResult {
  readonly layer: 'unit' | 'integration' | 'web' | 'e2e' | 'large';
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  /** Where it ran, e.g. `code-server 1.100.3 (offline VS Code)`. */
  readonly where?: string;
  /** Each failure's title and the first line of its error, repeated in the summary: a CI log cut short still names them. */
  readonly failures?: readonly string[];
}

/**
 * A failure as the summary lists it: the title, then the error's first line (mocha's parallel workers send errors
 * as plain objects). A first line that ends in a colon (`assert.ok`'s "evaluated to a falsy value:") says nothing
 * alone, so the line after it (the failed expression, or the actual value of an equality) joins it.
 */
export function failureLine(title: string, error: unknown): string {
  const message = typeof error === 'string' ? error : typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '' && line !== '+ actual - expected');
  const [first, second] = lines;
  if (first === undefined) return title;
  return first.endsWith(':') && second !== undefined ? `${title}: ${first} ${second}` : `${title}: ${first}`;
}
