import { markdownSpace, unicodeWhitespace } from 'micromark-util-character';
import { WIKI_LINK_MAX_INSIDE } from './syntax';

/** A wikilink read from a string: the fields of a `wikiLink` node (see `node.ts`) and where its `]]` ends. */
export interface ScannedWikiLink {
  readonly target: string;
  readonly heading?: string;
  readonly block?: string;
  readonly label?: string;
  readonly embed: boolean;
  /** Offset just after the closing `]]`. */
  readonly end: number;
}

/** CommonMark's cap on a reference label, as in `syntax.ts`. */
const REFERENCE_LABEL_MAX = 999;

function isWhitespace(code: number): boolean {
  return markdownSpace(code) || unicodeWhitespace(code);
}

function isLineEnding(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/**
 * The wikilink (or `![[embed]]`) starting at `at`, read by the rules of the micromark construct in `syntax.ts`,
 * for parsers other than micromark (the Markdown preview's markdown-it): one line, at most
 * {@link WIKI_LINK_MAX_INSIDE} characters inside, no `[` and no lone `]` inside, a target or anchor that is not
 * blank, and no `(` or defined `[label]` right after `]]` (then CommonMark's link wins: `[[Unit 1]](url)` is a
 * citation). `end` bounds the text read; `isDefined` says whether a reference label is defined in the document.
 * The tests hold it to remark's reading on fixtures and generated text.
 */
export function scanWikiLink(source: string, at: number, end: number, isDefined: (label: string) => boolean): ScannedWikiLink | undefined {
  let i = at;
  const embed = source.charCodeAt(i) === 0x21;
  if (embed) i++;
  if (source.charCodeAt(i) !== 0x5b || source.charCodeAt(i + 1) !== 0x5b) return undefined;
  i += 2;
  const parts = { target: '', heading: '', block: '', label: '' };
  let part: keyof typeof parts = 'target';
  let size = 0;
  let hasDestination = false;
  for (;;) {
    if (i >= end) return undefined;
    const code = source.charCodeAt(i);
    if (isLineEnding(code) || code === 0x5b) return undefined;
    if (code === 0x5d) {
      if (!hasDestination || i + 1 >= end || source.charCodeAt(i + 1) !== 0x5d) return undefined;
      i += 2;
      break;
    }
    if (size >= WIKI_LINK_MAX_INSIDE) return undefined;
    if (part !== 'label') {
      if (code === 0x7c) {
        size++;
        i++;
        part = 'label';
        continue;
      }
      if (code === 0x5c && i + 1 < end && source.charCodeAt(i + 1) === 0x7c) {
        if (size + 1 >= WIKI_LINK_MAX_INSIDE) return undefined;
        size += 2;
        i += 2;
        part = 'label';
        continue;
      }
      if (code === 0x23 && part === 'target') {
        size++;
        i++;
        part = 'heading';
        if (i < end && source.charCodeAt(i) === 0x5e && size < WIKI_LINK_MAX_INSIDE) {
          size++;
          i++;
          part = 'block';
        }
        continue;
      }
    }
    if (part !== 'label' && !isWhitespace(code)) hasDestination = true;
    parts[part] += source.charAt(i);
    size++;
    i++;
  }
  if (i < end && source.charCodeAt(i) === 0x28) return undefined;
  if (i < end && source.charCodeAt(i) === 0x5b && definedReferenceAt(source, i, end, isDefined)) return undefined;
  const heading = parts.heading.trim();
  const block = parts.block.trim();
  const label = parts.label.replaceAll('\\|', '|').trim();
  return {
    target: parts.target.trim(),
    ...(heading ? { heading } : {}),
    ...(block ? { block } : {}),
    ...(label ? { label } : {}),
    embed,
    end: i,
  };
}

/** Whether `[label]` at `at` names a defined reference, by CommonMark's label rules (as `syntax.ts` checks it). */
function definedReferenceAt(source: string, at: number, end: number, isDefined: (label: string) => boolean): boolean {
  let size = 0;
  let seen = false;
  for (let i = at + 1; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code === 0x5b || (code === 0x5d && !seen) || size > REFERENCE_LABEL_MAX) return false;
    if (code === 0x5d) return isDefined(source.slice(at + 1, i));
    if (isLineEnding(code)) continue;
    if (!markdownSpace(code)) seen = true;
    size++;
    if (code === 0x5c) {
      const next = source.charCodeAt(i + 1);
      if (next === 0x5b || next === 0x5c || next === 0x5d) {
        i++;
        size++;
      }
    }
  }
  return false;
}
