/** Something that can be released, like `vscode.Disposable`, without depending on vscode. */
export interface Disposable {
  dispose(): void;
}

/** A subscription function, shaped like `vscode.Event`. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** A minimal event emitter for the core; a listener that throws does not stop the others. */
export class Emitter<T> implements Disposable {
  readonly #listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch {
        // One faulty listener must not starve the rest.
      }
    }
  }

  dispose(): void {
    this.#listeners.clear();
  }
}
