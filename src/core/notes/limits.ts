/**
 * The guard between the index and the markdown parser. Notes come from anywhere: a binary file named `.md`,
 * a 10 MB export, a line of 10,000 `>`. remark's cost grows faster than linearly on some input (and deep
 * nesting can overflow the stack), and the extension host cannot interrupt a parse, so binary and
 * over-nested notes are not parsed at all and only the first `MAX_ANALYSED_LENGTH` characters of a long
 * note are. The index keeps the whole text and reports each case as a diagnostic.
 */
import { analyseNote, proseRuns } from './analyseNote';
import { inlineWork } from './inlineBudget';
import type { NoteAnalysis, NoteProblem } from './noteAnalysis';
import { lineBreakAt, lineBreakLength } from '../util/lineBreaks';

/**
 * How much of a note is analysed, in UTF-16 units: 60 times a typical note. A longer one is analysed up to the
 * last line break before this; a 1 MB note of alternating lists and paragraphs takes remark over 20 s.
 */
export const MAX_ANALYSED_LENGTH = 250_000;
/** Deepest nesting of quotes and lists at the start of a line; deeper ones make remark slow or overflow the stack. */
export const MAX_NESTING = 100;
/** How many characters are checked for NUL bytes, as git and the CLI do. */
const BINARY_PROBE = 8_000;

/** The analysis of a note that was not parsed: nothing in it, and the reason. */
function unanalysed(problem: NoteProblem): NoteAnalysis {
  return { definitions: [], headings: [], citations: [], wikiLinks: [], blocks: [], prose: [], problem };
}

/** The first line nested deeper than `MAX_NESTING`, counting `>` and every two columns of indentation or list markers. */
function tooDeep(text: string): { line: number; depth: number } | undefined {
  const carriageReturns = text.includes('\r');
  let line = 0;
  let i = 0;
  while (i < text.length) {
    let quotes = 0;
    let columns = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (c === 0x3e) quotes++;
      else if (c === 0x20) columns++;
      else if (c === 0x09) columns += 4;
      else if ((c === 0x2a || c === 0x2b || c === 0x2d) && (next === 0x20 || next === 0x09)) columns++;
      else break;
    }
    const depth = quotes + Math.floor(columns / 2);
    if (depth > MAX_NESTING) return { line, depth };
    // Jump to the next line with a native search, not character by character: this runs on every note.
    const end = lineBreakAt(text, i, carriageReturns);
    if (end < 0) break;
    i = end + lineBreakLength(text, end);
    line++;
  }
  return undefined;
}

/** Why a note must not be parsed at all: it is binary, or nested too deep where it would be parsed. */
function unparsable(text: string): NoteProblem | undefined {
  if (text.slice(0, BINARY_PROBE).includes('\u0000')) {
    return {
      code: 'note-binary',
      line: 0,
      message: 'This file is binary, not text, so Alignment Notes does not index it. Rename it, or leave it out with the alignmentNotes.exclude setting.',
    };
  }
  const deep = tooDeep(analysedPart(text));
  if (deep) {
    return {
      code: 'note-too-deeply-nested',
      line: deep.line,
      message: `This line nests quotes or lists ${deep.depth} levels deep; Alignment Notes analyses notes nested up to ${MAX_NESTING} levels, so this note's terms, headings and citations are not indexed.`,
    };
  }
  return undefined;
}

/** The part of a note that is parsed: all of it, or up to the last line break before `MAX_ANALYSED_LENGTH`. */
export function analysedPart(text: string): string {
  if (text.length <= MAX_ANALYSED_LENGTH) return text;
  const lastBreak = Math.max(text.lastIndexOf('\n', MAX_ANALYSED_LENGTH - 1), text.lastIndexOf('\r', MAX_ANALYSED_LENGTH - 1));
  return text.slice(0, lastBreak > 0 ? lastBreak + 1 : MAX_ANALYSED_LENGTH);
}

function tooLarge(text: string, part: string): NoteProblem {
  const lines = part.split(/\r\n|\r|\n/).length - (/[\r\n]$/.test(part) ? 1 : 0);
  return {
    code: 'note-too-large',
    line: 0,
    message: `This note is ${text.length.toLocaleString('en')} characters long; Alignment Notes analyses the first ${part.length.toLocaleString('en')} (${lines.toLocaleString('en')} lines), so terms, headings and citations after that are not indexed. Split it into smaller notes.`,
  };
}

/** Why a note is not analysed in full, or undefined when it is. Linear in the note's length. */
export function noteProblem(text: string): NoteProblem | undefined {
  const part = analysedPart(text);
  return unparsable(text) ?? (part.length < text.length ? tooLarge(text, part) : undefined);
}

/**
 * micromark skips a leading byte-order mark and counts offsets without it, which would shift every range of
 * the note by one; a space keeps the length (and reads the same to CommonMark on a first line).
 */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** Characters above which a note is costly to analyse (see `costlyToAnalyse`): tens of ms even on the fast path, cold. */
export const COSTLY_CHARS = 50_000;
/**
 * Inline work (see `inlineWork`) above which a note is costly to analyse: about 40 ms of remark's time on a busy
 * 2-core machine, a fifth of `PARAGRAPH_BUDGET`. The notes of the samples and of the bench's corpora below 50,000
 * characters take at most 0.13 M steps; a paragraph of 5,000 nested emphasis openers takes 9.7 M.
 */
export const COSTLY_STEPS = 2_000_000;

/**
 * Whether analysing a text could hold its thread for more than a few tens of ms: a host that has a thread to
 * spare analyses it there rather than on the thread that answers questions. Linear, about 2 ms at most.
 */
export function costlyToAnalyse(text: string): boolean {
  return text.length > COSTLY_CHARS || inlineWork(text, 0, text.length, 0).steps > COSTLY_STEPS;
}

/** `analyseNote` for the index: never throws, and never parses a note or a part of one past the limits. */
export function analyseNoteWithinLimits(text: string): NoteAnalysis {
  const problem = unparsable(text);
  if (problem) return unanalysed(problem);
  const part = analysedPart(text);
  try {
    const analysis = analyseNote(withoutBom(part));
    // Set on the analysis itself: a spread would read its wikilinks at once (see `extract`).
    return part.length < text.length ? Object.assign(analysis, { problem: tooLarge(text, part) }) : analysis;
  } catch (error) {
    return unanalysed({
      code: 'note-not-analysed',
      line: 0,
      message: `Alignment Notes could not analyse this note (${error instanceof Error ? error.message : String(error)}), so its terms, headings and citations are not indexed.`,
    });
  }
}

/** `proseRuns` for the index, over the analysed part: no prose (so no term occurrences) rather than a throw. */
export function proseRunsWithinLimits(text: string): number[] {
  if (unparsable(text)) return [];
  try {
    return proseRuns(withoutBom(analysedPart(text)));
  } catch {
    return [];
  }
}
