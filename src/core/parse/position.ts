import type { Position as UnistPosition } from 'unist';
import type { Position, Range } from '../model';

/** Converts unist's 1-based line/column to our 0-based range: the only place that does the ±1. */
export function toRange(position: UnistPosition): Range {
  return {
    start: positionOf(position.start.line - 1, position.start.column - 1),
    end: positionOf(position.end.line - 1, position.end.column - 1),
  };
}

/**
 * Positions are shared up to this line and character: a table of at most 1,024 × 256 small objects (about 10 MB
 * if every one were used; 10,000 vault pages use 65,000), kept for the life of the thread.
 */
const SHARED_LINES = 1024;
const SHARED_CHARACTERS = 256;
const shared: Position[][] = [];

/**
 * The position at a line and character, one object for each (positions never change): an index of 10,000 notes
 * holds hundreds of thousands, most equal to another note's, and each costs 40 bytes and the collector's time.
 */
export function positionOf(line: number, character: number): Position {
  if (line < 0 || character < 0 || line >= SHARED_LINES || character >= SHARED_CHARACTERS) return { line, character };
  const row = (shared[line] ??= []);
  return (row[character] ??= { line, character });
}

/**
 * Converts between string offsets and 0-based positions of one text. Line breaks are `\n`, `\r\n` and a lone
 * `\r`, as in editors. Built once per text in O(n); each lookup is a binary search.
 */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.#starts.push(i + 1);
      else if (code === 13 && text.charCodeAt(i + 1) !== 10) this.#starts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return positionOf(low, clamped - (this.#starts[low] ?? 0));
  }

  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.#starts.length - 1));
    const start = this.#starts[line] ?? 0;
    const next = this.#starts[line + 1] ?? this.text.length + 1;
    return Math.min(start + Math.max(0, position.character), next - 1, this.text.length);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
