import type { Heading, Paragraph, Text } from 'mdast';
import type { Point } from 'unist';

/**
 * The plain reading, for text over the inline budget (see `notes/inlineBudget.ts`): one linear pass with no
 * inline syntax at all. An ATX heading line (`## Title`) is a heading holding its text; every other run of
 * non-blank lines is a paragraph holding its text as written, brackets, stars and backticks included. Lists,
 * quotes, tables and code are not told apart: their lines are paragraph text, so no definitions, links or
 * citations come out of it, and all of it is prose for term occurrences. micromark with its inline constructs
 * turned off would keep those blocks, but still spends about as long as remark does on such text.
 */

const ATX_HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const BLANK = /^[ \t]*$/;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Where a heading's text ends: before trailing spaces and a closing sequence of `#` (`## Title ##`). */
function headingContentEnd(text: string, contentStart: number): number {
  let end = text.length;
  while (end > contentStart && isSpace(text.charCodeAt(end - 1))) end--;
  let hashes = end;
  while (hashes > contentStart && text.charCodeAt(hashes - 1) === 0x23) hashes--;
  if (hashes < end && (hashes === contentStart || isSpace(text.charCodeAt(hashes - 1)))) {
    end = hashes;
    while (end > contentStart && isSpace(text.charCodeAt(end - 1))) end--;
  }
  return end;
}

/** The headings and paragraphs of `source.slice(start, end)`, which begins line `line` (0-based), positioned in the note. */
export function plainBlocks(source: string, start: number, end: number, line: number): (Heading | Paragraph)[] {
  const blocks: (Heading | Paragraph)[] = [];
  const point = (offset: number, number: number, lineStart: number): Point => ({ line: number + 1, column: offset - lineStart + 1, offset });
  let paragraph: { start: Point; end: Point } | undefined;
  const close = (): void => {
    if (!paragraph) return;
    const position = { start: paragraph.start, end: paragraph.end };
    const text: Text = { type: 'text', value: source.slice(paragraph.start.offset, paragraph.end.offset), position };
    blocks.push({ type: 'paragraph', children: [text], position });
    paragraph = undefined;
  };
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = start;
  let at = start;
  let number = line;
  while (at < end) {
    const found = lineBreak.exec(source);
    const stop = found && found.index < end ? found.index : end;
    const text = source.slice(at, stop);
    const heading = ATX_HEADING.exec(text);
    if (BLANK.test(text)) close();
    else if (heading) {
      close();
      const marker = text.indexOf('#');
      let contentStart = marker + (heading[1]?.length ?? 1);
      while (isSpace(text.charCodeAt(contentStart))) contentStart++;
      const contentEnd = headingContentEnd(text, contentStart);
      const children: Text[] =
        contentEnd > contentStart
          ? [{ type: 'text', value: text.slice(contentStart, contentEnd), position: { start: point(at + contentStart, number, at), end: point(at + contentEnd, number, at) } }]
          : [];
      const depth = (heading[1]?.length ?? 1) as Heading['depth'];
      blocks.push({ type: 'heading', depth, children, position: { start: point(at + marker, number, at), end: point(stop, number, at) } });
    } else {
      let first = 0;
      while (isSpace(text.charCodeAt(first))) first++;
      let last = text.length;
      while (isSpace(text.charCodeAt(last - 1))) last--;
      const endPoint = point(at + last, number, at);
      if (paragraph) paragraph.end = endPoint;
      else paragraph = { start: point(at + first, number, at), end: endPoint };
    }
    if (!found || found.index >= end) break;
    at = found.index + found[0].length;
    number++;
  }
  close();
  return blocks;
}
