/**
 * The budget on remark's work within a paragraph. Some inline input makes micromark's work grow with the square
 * of a paragraph's length: each closing emphasis run walks back to its opener and re-reads what lies between,
 * each `]` walks back to its `[`, each `](` reads a link destination up to the next white space, each code span
 * opener looks ahead for a closer of its length, each word after an unclosed `[` walks back to it (GFM's
 * autolink literals), and every construct splices micromark's event list. `paragraphSteps` adds up a bound on
 * those walks in one linear pass, counted in characters, so the decision to read a paragraph plainly depends on
 * the note's text alone, never on the machine: an index built note by note equals one rebuilt from scratch.
 */
import type { ParagraphProblem } from './noteAnalysis';
import { lineBreakAt, lineBreakLength } from '../util/lineBreaks';

/**
 * Steps above which a paragraph is read plainly: at most about 0.2 s of remark's time on a busy 2-core machine,
 * five times the most any paragraph of the samples or the bench's corpora takes (docs/RELIABILITY.md).
 */
export const PARAGRAPH_BUDGET = 10_000_000;
/** Steps above which a note's further paragraphs are read plainly, whatever each one costs alone: ten times the most any note of those takes. */
export const NOTE_BUDGET = 20_000_000;

/**
 * Weight of a character between an emphasis opener and its closer: matching them re-runs the resolvers on
 * everything between, so nested emphasis costs far more per character than a walk.
 */
const SPAN_WEIGHT = 64;
/** Weight of a character walked back over: micromark walks its events, about two for every three characters. */
const WALK_WEIGHT = 4;
/** Weight of a delimiter: each is a few events, each event an object and a step of every resolver. */
const DELIMITER_WEIGHT = 64;
/** Each construct splices the paragraph's event list, moving what follows it; this divides that count. */
const SPLICE_DIVISOR = 4;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;
const BACKTICK = 0x60;
const DOLLAR = 0x24;
const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;
const BACKSLASH = 0x5c;
const GREATER_THAN = 0x3e;
const HASH = 0x23;
const DASH = 0x2d;
const PLUS = 0x2b;

function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR || Number.isNaN(code);
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Whether an email, `www.` or `http` autolink literal may start after this character (micromark's `previous` checks). */
function wordBoundary(previous: number): boolean {
  return !(isAsciiAlphanumeric(previous) || previous === PLUS || previous === DASH || previous === 0x2e || previous === UNDERSCORE || previous === 0x2f);
}

/** Whether `<` followed by this may open HTML or an autolink, which read on to their end. */
function opensTag(next: number): boolean {
  return (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x2f || next === 0x21 || next === 0x3f;
}

/**
 * A bound on micromark's steps over the inline content of `source.slice(from, to)`, read as one paragraph.
 * Linear in its length: every look-ahead goes through a pointer that only moves forward.
 */
export function paragraphSteps(source: string, from: number, to: number): number {
  let steps = to - from;
  let delimiters = 0;
  let splices = 0;
  const brackets: number[] = [];
  const openers: [number[], number[], number[]] = [[], [], []];
  /** Code and math runs, as position, length and marker, for the pass that finds their closers. */
  const runs: number[] = [];
  let whitespace = from;
  let previous = NaN;
  // Plain text between delimiters is skipped with the engine's search, within the paragraph only.
  const text = source.slice(from, to);
  const delimiter = /[*_~[\]`$<&\\]/g;
  for (let i = from; i < to; i++) {
    if (brackets.length === 0) {
      delimiter.lastIndex = i - from;
      const next = delimiter.exec(text)?.index ?? to - from;
      if (next + from > i) {
        previous = source.charCodeAt(next + from - 1);
        i = next + from - 1;
        continue;
      }
    }
    const code = source.charCodeAt(i);
    if (code === STAR || code === UNDERSCORE || code === TILDE) {
      let end = i + 1;
      while (end < to && source.charCodeAt(end) === code) end++;
      const next = end < to ? source.charCodeAt(end) : NaN;
      const stack = openers[code === STAR ? 0 : code === UNDERSCORE ? 1 : 2];
      if (!isWhitespace(previous)) {
        const opener = stack.pop();
        steps += opener === undefined ? WALK_WEIGHT * (i - from) : SPAN_WEIGHT * (i - opener);
      }
      if (!isWhitespace(next)) stack.push(i);
      delimiters++;
      splices += to - i;
      previous = code;
      i = end - 1;
      continue;
    }
    if (code === OPEN_BRACKET) {
      // A label start costs more events than other delimiters, but no splice until a `]` ends it.
      brackets.push(i);
      delimiters += 2;
    } else if (code === CLOSE_BRACKET) {
      const opener = brackets.pop();
      steps += WALK_WEIGHT * (i - (opener ?? from));
      if (source.charCodeAt(i + 1) === OPEN_PAREN) {
        // The destination runs to the next white space (a title stops at its own closing quote).
        if (whitespace < i + 2) whitespace = i + 2;
        while (whitespace < to && !isWhitespace(source.charCodeAt(whitespace))) whitespace++;
        steps += whitespace - i;
      }
      delimiters++;
      splices += to - i;
    } else if (code === BACKTICK || code === DOLLAR) {
      let end = i + 1;
      while (end < to && source.charCodeAt(end) === code) end++;
      runs.push(i, end - i, code);
      delimiters++;
      splices += to - i;
      previous = code;
      i = end - 1;
      continue;
    } else if (code === LESS_THAN) {
      if (opensTag(source.charCodeAt(i + 1))) steps += to - i;
      delimiters++;
      splices += to - i;
    } else if (code === AMPERSAND || code === BACKSLASH) {
      delimiters++;
      splices += to - i;
    } else if (brackets.length > 0 && isAsciiAlphanumeric(code) && wordBoundary(previous)) {
      steps += WALK_WEIGHT * (i - (brackets.at(-1) ?? from));
    }
    previous = code;
  }
  // A code or math opener reads ahead to the next run of its length and marker, or to the paragraph's end.
  const closers = new Map<number, number>();
  for (let k = runs.length - 3; k >= 0; k -= 3) {
    const at = runs[k] ?? 0;
    const key = (runs[k + 1] ?? 0) * 2 + (runs[k + 2] === DOLLAR ? 1 : 0);
    steps += (closers.get(key) ?? to) - at;
    closers.set(key, at);
  }
  return steps + DELIMITER_WEIGHT * delimiters + Math.floor(splices / SPLICE_DIVISOR);
}

/**
 * What the line at `at` is to a paragraph before it, read conservatively (cutting where remark does not would
 * underestimate): blank (also after `>`), a block that ends it (within three spaces of the start, after any
 * `>`: an ATX heading or a bullet item), or anything else, which may continue it.
 */
function lineKind(source: string, at: number, to: number): 'blank' | 'block' | 'other' {
  let i = at;
  for (;;) {
    let j = i;
    while (j - i < 3 && source.charCodeAt(j) === SPACE) j++;
    if (source.charCodeAt(j) !== GREATER_THAN) break;
    i = source.charCodeAt(j + 1) === SPACE ? j + 2 : j + 1;
  }
  let j = i;
  while (j < to && (source.charCodeAt(j) === SPACE || source.charCodeAt(j) === TAB)) j++;
  const code = j < to ? source.charCodeAt(j) : LF;
  if (code === LF || code === CR) return 'blank';
  if (j - i > 3 || source.slice(i, j).includes('\t')) return 'other';
  if (code === HASH) {
    let end = j;
    while (end < to && source.charCodeAt(end) === HASH) end++;
    return end - j <= 6 && (end === to || isWhitespace(source.charCodeAt(end))) ? 'block' : 'other';
  }
  const next = source.charCodeAt(j + 1);
  return (code === DASH || code === STAR || code === PLUS) && (next === SPACE || next === TAB) ? 'block' : 'other';
}

/** What reading a slice of a note's inline content costs, paragraph by paragraph. */
export interface InlineWork {
  /** Steps over all its paragraphs (see `paragraphSteps`). */
  readonly steps: number;
  /** The first paragraph over `PARAGRAPH_BUDGET`: its 0-based line and steps. */
  readonly over?: { readonly line: number; readonly steps: number };
}

/**
 * The steps of `source.slice(start, end)`, which begins line `line` (0-based), cut into paragraphs where a
 * block surely ends one (see `lineKind`); code and tables are counted as paragraphs, which only overestimates.
 */
export function inlineWork(source: string, start: number, end: number, line: number, carriageReturns = source.includes('\r')): InlineWork {
  let steps = 0;
  let over: InlineWork['over'];
  /** Where the open paragraph starts, or -1 between paragraphs. */
  let paragraph = -1;
  let paragraphLine = line;
  const close = (at: number): void => {
    if (paragraph < 0) return;
    const found = paragraphSteps(source, paragraph, at);
    steps += found;
    if (found > PARAGRAPH_BUDGET && !over) over = { line: paragraphLine, steps: found };
    paragraph = -1;
  };
  const open = (at: number, number: number): void => {
    const kind = lineKind(source, at, end);
    if (kind !== 'other') close(at);
    if (kind !== 'blank' && paragraph < 0) {
      paragraph = at;
      paragraphLine = number;
    }
  };
  open(start, line);
  let current = line;
  // Each search starts after the whole break: from the `\n` of a `\r\n` it would count that break twice.
  for (let at = lineBreakAt(source, start, carriageReturns); at >= 0 && at < end; ) {
    current++;
    const next = at + lineBreakLength(source, at);
    if (next < end) open(next, current);
    at = lineBreakAt(source, next, carriageReturns);
  }
  close(end);
  return over ? { steps, over } : { steps };
}

function tooComplex(line: number, message: string): ParagraphProblem {
  return { code: 'paragraph-too-complex', line, message };
}

/**
 * A note's budget, spent slice by slice in the note's order (its chunks, or the whole note), so which slices are
 * read plainly depends on the note alone.
 */
export class InlineBudget {
  #spent = 0;
  /** The note's text, and whether it holds a `\r`: asked once per note, not per slice. */
  #source: string | undefined;
  #carriageReturns = false;

  /** Why `source.slice(start, end)`, from line `line` (0-based), must be read plainly; undefined to read it in full. */
  check(source: string, start: number, end: number, line: number): ParagraphProblem | undefined {
    if (source !== this.#source) {
      this.#source = source;
      this.#carriageReturns = source.includes('\r');
    }
    const work = inlineWork(source, start, end, line, this.#carriageReturns);
    if (work.over) {
      return tooComplex(
        work.over.line,
        'This paragraph holds so many brackets, emphasis markers or other inline syntax that reading it in full would take too long, so Alignment Notes reads it as plain text: its links, citations, wikilinks and bold terms are not indexed. Split it with blank lines, or put code-like text in a code block.',
      );
    }
    if (this.#spent + work.steps > NOTE_BUDGET) {
      return tooComplex(
        line,
        'With the paragraphs above it, this paragraph makes the note too complex to read in full quickly, so Alignment Notes reads it as plain text: its links, citations, wikilinks and bold terms are not indexed. Split the note into smaller notes.',
      );
    }
    this.#spent += work.steps;
    return undefined;
  }
}
