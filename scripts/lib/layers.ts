/** Counts of one test layer, printed in the summary and checked for "ran nothing". */
export interface LayerResult {
  readonly layer: 'unit' | 'integration' | 'web' | 'e2e' | 'large';
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  /** Where it ran, e.g. `code-server 1.100.3 (offline VS Code)`. */
  readonly where?: string;
}
