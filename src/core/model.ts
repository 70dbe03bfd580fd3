/** A place in a note: 0-based line and UTF-16 character, as editors count. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A span of a note; `end` is exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** One definition of a concept, where it was written. */
export interface Definition {
  /** The note that holds it, as the host's URI string. */
  readonly note: string;
  /** The definition text after the term, as plain text: for `* **Saint**: performs as we expect.` this is `performs as we expect.` */
  readonly text: string;
  /** The range of the term itself (`Saint` above). */
  readonly termRange: Range;
}

/** A term the course defines, with every place that defines it. */
export interface Concept {
  /** Stable key: the normalised term (see `normaliseTerm`). */
  readonly id: string;
  /** The term as first written: `Inner misalignment`. */
  readonly term: string;
  /** Other names from parentheses: `(goal misgeneralisation)` gives `goal misgeneralisation`. */
  readonly aliases: readonly string[];
  readonly definitions: readonly Definition[];
}
