import type { Steps } from './steps';

/**
 * `parts` joined and encoded as UTF-8, a part a step, into one buffer of the exact size, counted first. Encoding
 * each part into an array of its own and joining them allocated the file's size twice over in small arrays: for a
 * 36 MB cache, V8 answered with collections of the whole heap of 100 ms and more on the extension host's thread.
 * A buffer guessed from the characters' count had to grow, and copy, in one step, when a cache held more than a
 * few characters past ASCII (dashes, quotes, arrows).
 */
export function* utf8Parts(parts: readonly string[]): Steps<Uint8Array> {
  const lengths: number[] = [];
  let total = 0;
  for (const part of parts) {
    const length = utf8Length(part);
    lengths.push(length);
    total += length;
    yield;
  }
  const bytes = new Uint8Array(total);
  const encoder = new TextEncoder();
  let at = 0;
  for (const [i, part] of parts.entries()) {
    const length = lengths[i] ?? 0;
    const { written } = encoder.encodeInto(part, bytes.subarray(at, at + length));
    if (written !== length) throw new Error(`UTF-8 of a cache part: ${written} bytes written, ${length} counted`);
    at += length;
    yield;
  }
  return bytes;
}

/** A code unit past ASCII: what takes more than one byte in UTF-8. */
const PAST_ASCII = /[\u0080-\uffff]/;

/**
 * The bytes of `text` in UTF-8, as `TextEncoder` writes it: a lone surrogate becomes U+FFFD, three bytes. The ASCII
 * before the first character past it is skipped by a native search: most of a cache is ASCII, and counting its
 * 36 MB a character at a time took a tenth of a second and more of the extension host's thread.
 */
export function utf8Length(text: string): number {
  const first = text.search(PAST_ASCII);
  if (first < 0) return text.length;
  let bytes = text.length;
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code < 0xdc00 && ((text.charCodeAt(i + 1) || 0) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: two units, four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}
