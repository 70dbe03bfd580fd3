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

/** A failure as the summary lists it: the title, then the error's first line (mocha's parallel workers send errors as plain objects). */
export function failureLine(title: string, error: unknown): string {
  const message = typeof error === 'string' ? error : typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  const first = message.split('\n').find((line) => line.trim() !== '')?.trim();
  return first ? `${title}: ${first}` : title;
}
