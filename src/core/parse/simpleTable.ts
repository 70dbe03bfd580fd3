import type { AlignType } from 'mdast';

/**
 * The line-level reading of GFM tables for the plain-subset parser (`simpleMarkdown.ts`): where a row's cells
 * and their contents are, and what a delimiter row aligns, as micromark-extension-gfm-table reads them. Only
 * rows written with a leading pipe are read; the cells' contents are left to the inline parser.
 */

/** One cell of a row, in offsets from the row's start. */
export interface RowCell {
  /** The cell's pipe: remark's cell starts there (the first cell at the leading pipe). */
  readonly start: number;
  /** The next cell's pipe, or the line's end for the last cell (its closing pipe included). */
  readonly end: number;
  /** The content, without the spaces around it; empty when `contentStart === contentEnd`. */
  readonly contentStart: number;
  readonly contentEnd: number;
}

const CODE_PIPE = 124;
const CODE_BACKSLASH = 92;
const CODE_SPACE = 32;
/** A delimiter cell's content: dashes, with a colon on the side it aligns to. */
const DELIMITER_CELL = /^(:?)-+(:?)$/;

/**
 * The cells of a row that starts with `|`: it is cut at each pipe that no backslash escapes (`\|` and `\\`
 * are read in pairs, as the table's tokenizer does before any inline parsing), and a closing pipe ends the
 * last cell rather than opening another. Undefined for a row without a leading pipe.
 */
export function rowCells(text: string): RowCell[] | undefined {
  if (text.charCodeAt(0) !== CODE_PIPE) return undefined;
  const pipes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === CODE_BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === CODE_BACKSLASH || next === CODE_PIPE) i++;
    } else if (code === CODE_PIPE) pipes.push(i);
  }
  const closed = pipes.length > 1 && pipes.at(-1) === text.length - 1;
  const starts = closed ? pipes.slice(0, -1) : pipes;
  return starts.map((start, k) => {
    const end = starts[k + 1] ?? text.length;
    const contentLimit = starts[k + 1] ?? (closed ? text.length - 1 : text.length);
    let contentStart = start + 1;
    let contentEnd = contentLimit;
    while (contentStart < contentEnd && text.charCodeAt(contentStart) === CODE_SPACE) contentStart++;
    while (contentEnd > contentStart && text.charCodeAt(contentEnd - 1) === CODE_SPACE) contentEnd--;
    return { start, end, contentStart, contentEnd };
  });
}

/**
 * The alignment of each column of a delimiter row (`| :-- | :-: | --: | --- |`), or undefined when the line
 * is not one with a leading pipe: every cell holds dashes with optional colons, and nothing else.
 */
export function delimiterAlign(text: string): AlignType[] | undefined {
  const cells = rowCells(text);
  if (!cells || cells.length === 0) return undefined;
  const align: AlignType[] = [];
  for (const cell of cells) {
    const marks = DELIMITER_CELL.exec(text.slice(cell.contentStart, cell.contentEnd));
    if (!marks) return undefined;
    const left = marks[1] === ':';
    const right = marks[2] === ':';
    align.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null);
  }
  return align;
}

/**
 * An inline code value as a table cell has it: mdast-util-gfm-table turns `\|` back into `|` there (and
 * only that: `\\` stays).
 */
export function cellCodeValue(value: string): string {
  return value.includes('\\') ? value.replace(/\\([\\|])/g, (escape: string, char: string) => (char === '|' ? char : escape)) : value;
}
