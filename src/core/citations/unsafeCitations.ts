import type { Range } from '../model';

/** A citation-shaped link whose target has a scheme other than http(s): never a citation, never opened. */
export interface UnsafeCitation {
  readonly range: Range;
  /** The scheme as written, lower-cased: `javascript`, `command`, `data`, `file`… */
  readonly scheme: string;
}

/**
 * `[[Label]](scheme:…`, with the target optionally in `<…>`; the label may not span lines. Every repetition is
 * bounded, so a line of 30,000 `[[` costs a linear scan, not a quadratic one (exported for the test that holds
 * it so: no count sees a regular expression backtrack).
 */
export const CITATION_LINK = /\[\[[^\]\r\n]{0,200}\]\]\(\s{0,20}<?\s{0,20}([A-Za-z][A-Za-z0-9+.-]{0,31}):/g;
const WEB = /^https?$/i;
/** Longest link target searched for its closing `)`; beyond it the range ends after the scheme. */
const MAX_TARGET = 2_000;

/**
 * The links written as citations (`[[Unit 1]](javascript:alert(1))`) whose scheme is not http(s), outside code.
 * The index never treats them as citations, so they are inert; this finds them so the user can be told.
 * `prose` (offsets as in `NoteAnalysis.prose`) is asked for only when the text has a candidate, since it
 * needs a parse; a candidate whose label is not prose sits in code and is skipped.
 */
export function unsafeCitations(
  text: string,
  prose: () => readonly number[],
  rangeOf: (start: number, end: number) => Range,
): UnsafeCitation[] {
  const found: UnsafeCitation[] = [];
  let runs: readonly number[] | undefined;
  for (const match of text.matchAll(CITATION_LINK)) {
    const scheme = match[1] ?? '';
    if (WEB.test(scheme)) continue;
    const start = match.index;
    runs ??= prose();
    if (!inRuns(runs, start + 2)) continue;
    // The link ends at its `)` on the same line; the search is bounded, so many such links on one long line
    // cost a linear scan, not one to the line's end each.
    const from = start + match[0].length;
    const target = text.slice(from, from + MAX_TARGET).search(/[)\r\n]/);
    const end = target >= 0 && text.charAt(from + target) === ')' ? from + target + 1 : from;
    found.push({ range: rangeOf(start, end), scheme: scheme.toLowerCase() });
  }
  return found;
}

/** Whether `offset` lies in one of the sorted runs `[start0, end0, start1, end1, …]`: a binary search, as a note may hold thousands. */
function inRuns(runs: readonly number[], offset: number): boolean {
  let low = 0;
  let high = runs.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (offset < (runs[mid * 2] ?? 0)) high = mid - 1;
    else if (offset >= (runs[mid * 2 + 1] ?? 0)) low = mid + 1;
    else return true;
  }
  return false;
}
