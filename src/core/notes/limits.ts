/**
 * The guard between the index and the markdown parser. Notes come from anywhere: a binary file named `.md`,
 * a 10 MB export, a line of 10,000 `>`. remark's cost grows faster than linearly on such input (and deep
 * nesting can overflow the stack), and the extension host cannot interrupt a parse, so notes past these
 * limits are not parsed at all: the index keeps their text and reports why as a diagnostic.
 */
import { analyseNote, proseRuns } from './analyseNote';
import type { NoteAnalysis, NoteProblem } from './noteAnalysis';

/** Longest note analysed, in UTF-16 units (about 1 MB of English); larger notes take seconds to minutes to parse. */
export const MAX_NOTE_LENGTH = 1_000_000;
/** Deepest nesting of quotes and lists at the start of a line; deeper ones make remark slow or overflow the stack. */
export const MAX_NESTING = 100;
/** How many characters are checked for NUL bytes, as git and the CLI do. */
const BINARY_PROBE = 8_000;

/** The analysis of a note that was not parsed: nothing in it, and the reason. */
function unanalysed(problem: NoteProblem): NoteAnalysis {
  return { definitions: [], headings: [], citations: [], prose: [], problem };
}

/** The first line nested deeper than `MAX_NESTING`, counting `>` and every two columns of indentation or list markers. */
function tooDeep(text: string): { line: number; depth: number } | undefined {
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
    while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    if (text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    i++;
    line++;
  }
  return undefined;
}

/** Why a note must not be parsed, or undefined when it may be. Linear in the note's length. */
export function noteProblem(text: string): NoteProblem | undefined {
  if (text.slice(0, BINARY_PROBE).includes('\u0000')) {
    return {
      code: 'note-binary',
      line: 0,
      message: 'This file is binary, not text, so Alignment Notes does not index it. Rename it, or leave it out with the alignmentNotes.exclude setting.',
    };
  }
  if (text.length > MAX_NOTE_LENGTH) {
    const megabytes = (text.length / 1_000_000).toFixed(1);
    return {
      code: 'note-too-large',
      line: 0,
      message: `This note is ${megabytes} million characters long; Alignment Notes analyses notes up to 1 million, so its terms, headings and citations are not indexed. Split it into smaller notes.`,
    };
  }
  const deep = tooDeep(text);
  if (deep) {
    return {
      code: 'note-too-deeply-nested',
      line: deep.line,
      message: `This line nests quotes or lists ${deep.depth} levels deep; Alignment Notes analyses notes nested up to ${MAX_NESTING} levels, so this note's terms, headings and citations are not indexed.`,
    };
  }
  return undefined;
}

/**
 * micromark skips a leading byte-order mark and counts offsets without it, which would shift every range of
 * the note by one; a space keeps the length (and reads the same to CommonMark on a first line).
 */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** `analyseNote` for the index: never throws, and never parses a note past the limits. */
export function analyseNoteWithinLimits(text: string): NoteAnalysis {
  const problem = noteProblem(text);
  if (problem) return unanalysed(problem);
  try {
    return analyseNote(withoutBom(text));
  } catch (error) {
    return unanalysed({
      code: 'note-not-analysed',
      line: 0,
      message: `Alignment Notes could not analyse this note (${error instanceof Error ? error.message : String(error)}), so its terms, headings and citations are not indexed.`,
    });
  }
}

/** `proseRuns` for the index: no prose (so no term occurrences) rather than a throw or a parse past the limits. */
export function proseRunsWithinLimits(text: string): number[] {
  if (noteProblem(text)) return [];
  try {
    return proseRuns(withoutBom(text));
  } catch {
    return [];
  }
}
