import type { Nodes } from 'mdast';
import type { Point } from 'unist';

/**
 * The line-level reading of block quotes for the plain-subset parser (`simpleMarkdown.ts`): a quote's content
 * is its lines without their `>` or `> ` prefix, parsed as markdown of its own, and the positions found there
 * are moved back past the prefixes, as remark reports them (columns after the `> `).
 */

/** A quote's content as text of its own, and how to map points in it back to the note. */
export interface QuoteContent {
  /** The lines without their prefixes, joined by `\n`: what remark reads inside the quote. */
  readonly text: string;
  /** The offset of each content line in `text`. */
  readonly starts: readonly number[];
  /** Each line's offset in the note, and its prefix's length (1 for `>`, 2 for `> `). */
  readonly lineStarts: readonly number[];
  readonly prefixes: readonly number[];
  /** The 1-based number of the quote's first line in the note. */
  readonly firstNumber: number;
}

/**
 * The content of quote lines given as `[start, end)` offsets in `source`, numbered from `firstNumber`, or
 * undefined unless every line starts with `>` and is plain: no tab, no space at its end (other than the one of
 * a blank `> ` line), no nested quote.
 */
export function quoteContent(source: string, lines: readonly { start: number; end: number }[], firstNumber: number): QuoteContent | undefined {
  const texts: string[] = [];
  const starts: number[] = [];
  const lineStarts: number[] = [];
  const prefixes: number[] = [];
  let at = 0;
  for (const line of lines) {
    const raw = source.slice(line.start, line.end);
    if (!raw.startsWith('>') || raw.includes('\t')) return undefined;
    const prefix = raw.charAt(1) === ' ' ? 2 : 1;
    const text = raw.slice(prefix);
    if (text.endsWith(' ') || text.startsWith('>')) return undefined;
    texts.push(text);
    starts.push(at);
    lineStarts.push(line.start);
    prefixes.push(prefix);
    at += text.length + 1;
  }
  return { text: texts.join('\n'), starts, lineStarts, prefixes, firstNumber };
}

/**
 * Moves the positions of nodes parsed from `quote.text` (numbered as the note numbers its lines) into the note:
 * past each line's prefix, except for an end at a line's very start (text ending in a line break, before a
 * link, say), which remark reports before the prefix.
 */
export function placeInNote(nodes: readonly Nodes[], quote: QuoteContent): void {
  const move = (point: Point, end: boolean): Point => {
    const k = point.line - quote.firstNumber;
    const prefix = end && point.column === 1 ? 0 : (quote.prefixes[k] ?? 0);
    return { line: point.line, column: point.column + prefix, offset: (quote.lineStarts[k] ?? 0) + prefix + point.column - 1 };
  };
  for (const node of nodes) {
    if (node.position) node.position = { start: move(node.position.start, false), end: move(node.position.end, true) };
    if ('children' in node) placeInNote(node.children, quote);
  }
}
