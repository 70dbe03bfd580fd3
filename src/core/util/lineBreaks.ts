/**
 * Line breaks as editors and CommonMark count them: `\n`, `\r\n` and a lone `\r`. The analysis walks every line of
 * every note several times; most notes hold no `\r` at all, and for them the next break is a native search for
 * `\n`, where a regular expression's `exec` made an array for each line (garbage as much as time).
 */

/**
 * Where the first line break at or after `from` starts in `text`, or -1 when there is none. `carriageReturns`:
 * whether `text` holds any `\r` (`text.includes('\r')`, asked once per text, not per line).
 */
export function lineBreakAt(text: string, from: number, carriageReturns: boolean): number {
  if (!carriageReturns) return text.indexOf('\n', from);
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return i;
  }
  return -1;
}

/** The length of the line break that starts at `at`: 2 for `\r\n`, else 1. */
export function lineBreakLength(text: string, at: number): number {
  return text.charCodeAt(at) === 0x0d && text.charCodeAt(at + 1) === 0x0a ? 2 : 1;
}
