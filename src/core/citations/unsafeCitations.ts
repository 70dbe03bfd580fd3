import type { Range } from '../model';

/** A citation-shaped link whose target has a scheme other than http(s): never a citation, never opened. */
export interface UnsafeCitation {
  readonly range: Range;
  /** The scheme as written, lower-cased: `javascript`, `command`, `data`, `file`… */
  readonly scheme: string;
}

/**
 * `[[Label]](scheme:…`, with the target optionally in `<…>`; the label may not span lines. Every repetition is
 * bounded, so a line of 30,000 `[[` costs a linear scan, not a quadratic one.
 */
const CITATION_LINK = /\[\[[^\]\r\n]{0,200}\]\]\(\s{0,20}<?\s{0,20}([A-Za-z][A-Za-z0-9+.-]{0,31}):/g;
const WEB = /^https?$/i;

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
    const close = text.indexOf(')', start + match[0].length);
    const lineEnd = text.slice(start).search(/[\r\n]/);
    const end = close >= 0 && (lineEnd < 0 || close < start + lineEnd) ? close + 1 : start + match[0].length;
    found.push({ range: rangeOf(start, end), scheme: scheme.toLowerCase() });
  }
  return found;
}

/** Whether `offset` lies in one of the runs `[start0, end0, start1, end1, …]`. */
function inRuns(runs: readonly number[], offset: number): boolean {
  for (let i = 0; i + 1 < runs.length; i += 2) if (offset >= (runs[i] ?? 0) && offset < (runs[i + 1] ?? 0)) return true;
  return false;
}
