import type { Position as UnistPosition } from 'unist';
import type { Range } from '../model';

/** Converts unist's 1-based line/column to our 0-based range: the only place that does the ±1. */
export function toRange(position: UnistPosition): Range {
  return {
    start: { line: position.start.line - 1, character: position.start.column - 1 },
    end: { line: position.end.line - 1, character: position.end.column - 1 },
  };
}
