import { frontMatterEnd } from '../parse/frontMatterFence';
import { InlineBudget } from './inlineBudget';
import { lineBreakAt, lineBreakLength } from '../util/lineBreaks';
import type { ParagraphProblem } from './noteAnalysis';

/**
 * The cheap block-level pre-scan of the fast path. A note is cut into top-level chunks at lines where no
 * block can be open in CommonMark, outside fenced code: a line with no indentation after a blank line, and an
 * unindented ATX heading or bullet item (so each top-level list item is a chunk of its own). Parsing each
 * chunk alone then gives the same blocks as parsing the whole note. Only the chunks that can hold a
 * definition, a heading or a citation need parsing to index a note.
 */

/** A slice of a note: `[start, end)` in UTF-16 offsets, starting at line `line` (0-based). */
export interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  /** Whether the chunk can hold a definition, a heading, a citation, a wikilink or a block id (outside fenced code), so it must be parsed. */
  readonly interesting: boolean;
  /** Whether the chunk is the note's YAML front matter (always the first chunk, always interesting). */
  readonly frontMatter?: true;
  /**
   * For a chunk that may call a footnote (`[^1]`) of a note that defines some: the labels the note defines,
   * since a call is one only where its label is defined (see `parseChunk`).
   */
  readonly footnotes?: readonly string[];
  /** Why the chunk is read as plain text (see `InlineBudget`), when it is: by both readings, remark and the plain subset. */
  readonly plain?: ParagraphProblem;
}

/**
 * Constructs whose meaning reaches across chunks, so a note with any of them is parsed whole: link reference
 * definitions, also in a quote or a list item (any `[text][ref]` may use them, and so may a bare `[!note]`,
 * which the fast path reads as text), HTML blocks (some run past blank lines, others swallow a following
 * heading line) and fences inside containers, whose end the line scan cannot tell. One pattern, as each pass
 * over the note costs.
 */
const WHOLE_NOTE_ONLY = /^(?:(?:[ \t]*(?:>|[*+-][ \t]|\d{1,9}[.)][ \t]))*[ \t]{0,3}\[(?!\^)[^\]\n]+\]:| {0,3}<[A-Za-z/!?]|[ \t]+(?:`{3,}|~{3,}|\${2,}))/;
/**
 * A GFM footnote definition. Like a link reference definition it reaches across chunks (a call `[^1]` is one
 * only where the note defines `1`), but only calls need it: see `Chunk.footnotes`.
 */
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\n]+)\]:/;
/** The first characters of a line `WHOLE_NOTE_ONLY` can match: most lines are ruled out by one comparison. */
const WHOLE_NOTE_ONLY_START = new Set([' ', '\t', '[', '<']);
/** The first characters of a quote or list line, which `WHOLE_NOTE_ONLY` can match only where a `]:` is. */
const CONTAINER_START = new Set(['>', '*', '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

/** A code fence, or a `$$` math fence: both hold lines that are not markdown, blank lines included. */
const FENCE = /^(`{3,}|~{3,}|\${2,})(.*)$/;
/**
 * An unindented bullet item with content: it can interrupt a paragraph and ends any open item, so it starts
 * a block at the top level (a thematic break such as `* * *` does too).
 */
const BULLET = /^[*+-][ \t]+\S/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** A heading anywhere, also inside a quote or list item: it takes part in GitHub's slug numbering. */
const ANY_HEADING = /^[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)*#{1,6}(?:[ \t]|$)/;
/** A setext underline (or a thematic break, which is harmless to parse). */
const UNDERLINE = /^[ \t>]{0,3}(?:=+|-+)[ \t]*$/;
/** A list item opening with emphasis (a definition or a sub-term), or an empty one whose text follows. */
const DEFINITION_OPENER = /^[ \t>]*(?:[*+-]|\d{1,9}[.)])(?:[ \t]+[*_]|[ \t]*$)/;
/** The target of an inline link, after `](`. */
const LINK_TARGET = /\]\(\s*<?\s*([^\s)>]*)/g;
const AUTOLINK = /<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi;
const COURSE_HOST = /^https?:\/\/(?:www\.)?(?:github\.com|raw\.githubusercontent\.com)(?:[/:?#]|$)/i;

/** Whether a link target could be a citation: a course host, a relative path, an anchor, or anything odd. */
function couldCite(target: string): boolean {
  return !/^https?:\/\//i.test(target) || COURSE_HOST.test(target);
}

function hasCitationLink(text: string): boolean {
  if (text.includes('[[')) return true; // `[[Label]](url)` is a citation whatever its URL
  if (!text.includes('](') && !text.includes('<')) return false;
  for (const match of text.matchAll(LINK_TARGET)) if (couldCite(match[1] ?? '')) return true;
  for (const match of text.matchAll(AUTOLINK)) if (couldCite(match[1] ?? '')) return true;
  return false;
}

/** A line ending in what may be an Obsidian block id, `... ^abc123` (the analysis decides), which links may name. */
const BLOCK_ID_END = /\^[A-Za-z0-9-]+\s*$/;

/** Whether a line outside fenced code can hold a definition, a heading or a block id. */
function opensSomething(line: string): boolean {
  return ANY_HEADING.test(line) || UNDERLINE.test(line) || DEFINITION_OPENER.test(line) || BLOCK_ID_END.test(line);
}

/**
 * Splits a note into chunks, or returns undefined when only a parse of the whole note is reliable. `regardless`
 * cuts such a note all the same, for a note too complex to parse whole (see `analyseNote`): its reference links
 * and HTML blocks may then be read differently than remark would read the whole note.
 */
export function splitChunks(source: string, regardless = false): Chunk[] | undefined {
  // Parallel arrays rather than an object per line: this runs on every note, and garbage is its main cost.
  const texts: string[] = [];
  const starts: number[] = [];
  const carriageReturns = source.includes('\r');
  let at = 0;
  for (let end = lineBreakAt(source, 0, carriageReturns); end >= 0; end = lineBreakAt(source, at, carriageReturns)) {
    texts.push(source.slice(at, end));
    starts.push(at);
    at = end + lineBreakLength(source, end);
  }
  texts.push(source.slice(at));
  starts.push(at);
  const labels: string[] = [];
  for (const text of texts) {
    const first = text.charAt(0);
    if (!WHOLE_NOTE_ONLY_START.has(first) && !(CONTAINER_START.has(first) && text.includes(']:'))) continue;
    if (WHOLE_NOTE_ONLY.test(text) && !regardless) return undefined;
    const label = FOOTNOTE_DEFINITION.exec(text)?.[1];
    if (label !== undefined) labels.push(label);
  }
  const footnotes = labels.length === 0 ? undefined : labels;
  /** A chunk with footnote calls and fenced code, which the stubs after it could fall into: parse the note whole. */
  let unsafeFootnotes = false;

  /** Whether each line is fenced code (its fences included). */
  const code = new Uint8Array(texts.length);
  const budget = new InlineBudget();
  const chunks: Chunk[] = [];
  let first = 0;
  let fence: { char: string; length: number } | undefined;
  let previousBlank = true;
  const close = (end: number, frontMatter = false): void => {
    if (end <= first) return;
    const start = starts[first] ?? 0;
    const stop = end < texts.length ? (starts[end] ?? source.length) : source.length;
    let interesting = false;
    let hasCode = false;
    for (let i = first; i < end && !interesting; i++) {
      if (code[i]) hasCode = true;
      else interesting = opensSomething(texts[i] ?? '');
    }
    if (!interesting) {
      const outside = hasCode ? texts.slice(first, end).filter((_, i) => !code[first + i]).join('\n') : source.slice(start, stop);
      interesting = hasCitationLink(outside);
    }
    const calls = footnotes !== undefined && !frontMatter && source.slice(start, stop).includes('[^');
    if (calls && hasCode) unsafeFootnotes = true;
    const plain = frontMatter ? undefined : budget.check(source, start, stop, first);
    chunks.push(
      frontMatter
        ? { start, end: stop, line: first, interesting: true, frontMatter: true }
        : plain
          ? { start, end: stop, line: first, interesting, plain }
          : calls
            ? { start, end: stop, line: first, interesting, footnotes }
            : { start, end: stop, line: first, interesting },
    );
    first = end;
  };
  const matterEnd = frontMatterEnd(texts);
  if (matterEnd !== undefined) {
    code.fill(1, 0, matterEnd);
    close(matterEnd, true);
  }
  for (let index = matterEnd ?? 0; index < texts.length; index++) {
    const text = texts[index] ?? '';
    if (fence) {
      code[index] = 1;
      const closing = FENCE.exec(text);
      if (closing && closing[1]?.[0] === fence.char && (closing[1]?.length ?? 0) >= fence.length && /^[ \t]*$/.test(closing[2] ?? '')) {
        fence = undefined;
      }
      previousBlank = false;
      continue;
    }
    const blank = /^[ \t]*$/.test(text); // as CommonMark means it: other Unicode spaces are text
    const unindented = !blank && !/^[ \t]/.test(text);
    if (index > 0 && unindented && (previousBlank || ATX_HEADING.test(text) || BULLET.test(text))) close(index);
    const opening = FENCE.exec(text);
    if (opening && !((opening[1]?.startsWith('`') || opening[1]?.startsWith('$')) && (opening[2] ?? '').includes(opening[1]?.charAt(0) ?? '`'))) {
      code[index] = 1;
      fence = { char: opening[1]?.[0] ?? '`', length: opening[1]?.length ?? 3 };
    }
    previousBlank = blank;
  }
  close(texts.length);
  return unsafeFootnotes && !regardless ? undefined : chunks;
}

