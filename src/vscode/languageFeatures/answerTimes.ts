/** One question of ours, and when it was asked and answered on the extension host's clock (`performance.now()`). */
export interface AnswerTime {
  readonly feature: 'hover' | 'definition' | 'completion';
  readonly asked: number;
  readonly answered: number;
}

/**
 * When our answers come, for whoever listens: the large-workspace suite, which tells our latency during an index
 * apart from the round trip it can time (`vscode.executeHoverProvider` waits for every extension's provider, and
 * VS Code's Markdown extension has one). Nobody listens in normal use; then it costs one clock read an answer.
 */
export class AnswerTimes {
  readonly #listeners = new Set<(time: AnswerTime) => void>();

  listen(listener: (time: AnswerTime) => void): { dispose(): void } {
    this.#listeners.add(listener);
    return { dispose: () => void this.#listeners.delete(listener) };
  }

  /** `answer()`, reported once it is given: at once, or when a promise settles (an answer that waited for a rebuild). */
  time<T>(feature: AnswerTime['feature'], answer: () => T | Promise<T>): T | Promise<T> {
    const asked = performance.now();
    const result = answer();
    if (this.#listeners.size === 0) return result;
    const report = (): void => {
      const time: AnswerTime = { feature, asked, answered: performance.now() };
      for (const listener of this.#listeners) listener(time);
    };
    if (result instanceof Promise) void result.then(report, report);
    else report();
    return result;
  }
}
