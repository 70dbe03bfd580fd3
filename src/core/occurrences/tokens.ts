/**
 * Words of note text and the keys they are matched by.
 *
 * A word is a run of letters and digits (`\p{L}\p{N}`, followed by any combining marks `\p{M}`); an
 * apostrophe, straight `'` or curly `’`, belongs to the word when a letter or digit follows it (`don't`,
 * `RLHF's`) or when it ends the word (`models'`). Everything else — whitespace, newlines, hyphens and
 * other punctuation — separates words. Offsets are UTF-16 code units, as editors and `String#slice` count.
 */

/** A word of a text and where it is: `text === source.slice(start, end)`. */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const OTHER = 1;
/** A letter or digit: starts or continues a word. */
const WORD = 2;
/** A combining mark: continues a word, never starts one. */
const MARK = 3;
const APOSTROPHE = 4;

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const MARK_CHAR = /^\p{M}$/u;
const RIGHT_SINGLE_QUOTE = 0x2019;

/** Classes of the Basic Multilingual Plane, filled on first sight of each character (0: not yet seen). */
const bmpClasses = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const isWord = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  bmpClasses[c] = isWord ? WORD : c === 0x27 ? APOSTROPHE : OTHER;
}
bmpClasses[RIGHT_SINGLE_QUOTE] = APOSTROPHE;
/** Classes of characters beyond the BMP (mathematical letters, historic scripts), by code point. */
const astralClasses = new Map<number, number>();

function classOfString(char: string): number {
  if (WORD_CHAR.test(char)) return WORD;
  return MARK_CHAR.test(char) ? MARK : OTHER;
}

/**
 * The class of the character at `i`, and how many code units it takes (2 for a surrogate pair), packed
 * as `class * 2 + (width - 1)` so the hot loop allocates nothing.
 */
function classAt(text: string, i: number, limit: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < limit) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const codePoint = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let cls = astralClasses.get(codePoint);
      if (cls === undefined) {
        cls = classOfString(String.fromCodePoint(codePoint));
        astralClasses.set(codePoint, cls);
      }
      return cls * 2 + 1;
    }
  }
  let cls = bmpClasses[c] ?? OTHER;
  if (cls === 0) {
    // Lone surrogates test as neither letters nor marks, so they separate words.
    cls = classOfString(String.fromCharCode(c));
    bmpClasses[c] = cls;
  }
  return cls * 2;
}

/** Folds one UTF-16 unit into a word's hash. */
const hashStep = (hash: number, unit: number): number => (Math.imul(hash, 31) + unit) | 0;

/**
 * Steps through the words of `text` between `from` and `to` without allocating: after `next()` returns
 * true, `start` and `end` hold the current word and `hash` a 32-bit hash of its UTF-16 units, so a caller
 * can look a word up without slicing it out. The range is treated as the whole text, so a word cut by
 * `from` or `to` is read as the part inside.
 */
export class WordCursor {
  start = 0;
  end = 0;
  hash = 0;
  readonly #text: string;
  readonly #limit: number;
  #position: number;

  /** Out-of-range or non-numeric bounds are clamped, and a non-string reads as empty, so it never throws. */
  constructor(text: string, from = 0, to?: number) {
    this.#text = typeof text === 'string' ? text : '';
    const length = this.#text.length;
    this.#limit = typeof to === 'number' && !Number.isNaN(to) ? Math.max(0, Math.min(Math.floor(to), length)) : length;
    this.#position = typeof from === 'number' && !Number.isNaN(from) ? Math.max(0, Math.min(Math.floor(from), this.#limit)) : 0;
  }

  next(): boolean {
    const text = this.#text;
    const limit = this.#limit;
    let i = this.#position;
    let packed = 0;
    // ASCII is looked up inline; anything else goes through `classAt`.
    while (i < limit) {
      const c = text.charCodeAt(i);
      packed = c < 0x80 ? (bmpClasses[c] ?? OTHER) * 2 : classAt(text, i, limit);
      if (packed >> 1 === WORD) break;
      i += (packed & 1) + 1;
    }
    if (i >= limit) {
      this.#position = limit;
      return false;
    }
    this.start = i;
    let hash = 0;
    while (i < limit) {
      const c = text.charCodeAt(i);
      packed = c < 0x80 ? (bmpClasses[c] ?? OTHER) * 2 : classAt(text, i, limit);
      const cls = packed >> 1;
      if (cls === WORD || cls === MARK) {
        hash = hashStep(hash, c);
        if ((packed & 1) === 1) hash = hashStep(hash, text.charCodeAt(i + 1));
        i += (packed & 1) + 1;
      } else if (cls === APOSTROPHE) {
        // Inside the word when a letter or digit follows; otherwise it ends the word (`models'`).
        const inside = i + 1 < limit && classAt(text, i + 1, limit) >> 1 === WORD;
        hash = hashStep(hash, c);
        i += 1;
        if (!inside) break;
      } else {
        break;
      }
    }
    this.end = i;
    this.hash = hash;
    this.#position = i;
    return true;
  }
}

/** Every word of `text` between `start` and `end`, in order. Never throws; a non-string yields nothing. */
export function* words(text: string, start = 0, end?: number): Generator<Word> {
  if (typeof text !== 'string') return;
  const cursor = new WordCursor(text, start, end);
  while (cursor.next()) yield { text: text.slice(cursor.start, cursor.end), start: cursor.start, end: cursor.end };
}

/**
 * Whether the UTF-16 unit at `index` could belong to a word: a letter, digit, mark, apostrophe or half of a
 * surrogate pair. Tells whether a window that starts at `index + 1` may have cut a word in two.
 */
export function isWordUnit(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const cls = classAt(text, index, text.length) >> 1;
  // A low surrogate is the second half of a letter as often as not: treat it as inside a word.
  const code = text.charCodeAt(index);
  return cls === WORD || cls === MARK || cls === APOSTROPHE || (code >= 0xdc00 && code <= 0xdfff);
}

const ACRONYM = /^[\p{Lu}\p{N}]{2,}$/u;
/** Two capitals; linear even on a long word, unlike a count of every capital. */
const TWO_CAPITALS = /\p{Lu}\P{Lu}*\p{Lu}/u;
const NON_ASCII = /[^\u0000-\u007f]/;

/** Unicode-composed (`e` + U+0301 and `é` agree) with every apostrophe straight. */
function tidy(word: string): string {
  return NON_ASCII.test(word) ? word.normalize('NFC').replace(/\u2019/g, "'") : word;
}

/** `RLHF's` → `RLHF`, `models'` → `models`; the apostrophe must already be straight. */
function withoutPossessive(word: string): string {
  if (word.length > 2 && word.endsWith("'s")) return word.slice(0, -2);
  if (word.length > 1 && word.endsWith("'")) return word.slice(0, -1);
  return word;
}

function looksLikeAcronym(word: string): boolean {
  return ACRONYM.test(word) && TWO_CAPITALS.test(word);
}

/**
 * The acronym a word spells, less a possessive or a lower-case plural `s` (`RLHF's`, `RLHFs`, `LLMs'` →
 * `RLHF`, `RLHF`, `LLM`), or undefined when it is no acronym. An acronym is 2+ upper-case letters and
 * digits with at least two letters: `SAE`, `GPT4`; not `Rlhf`, `A1`, `2024`.
 */
export function acronymOf(word: string): string | undefined {
  if (typeof word !== 'string') return undefined;
  const base = withoutPossessive(tidy(word));
  if (looksLikeAcronym(base)) return base;
  if (base.endsWith('s')) {
    const singular = base.slice(0, -1);
    if (looksLikeAcronym(singular)) return singular;
  }
  return undefined;
}

/** Whether a term word is matched case-sensitively, as an acronym (see `acronymOf`). */
export function isAcronym(word: string): boolean {
  return acronymOf(word) !== undefined;
}

/**
 * Words whose final `s` is not a plural, so stripping it would make them collide with another word
 * (`news`/`new`, `means`/`mean`, `does`/`doe`) or split them from their plural (`bias`/`biases`).
 */
const KEPT_AS_WRITTEN = new Set([
  'news', 'means', 'lens', 'series', 'species', 'physics', 'mathematics', 'economics', 'politics',
  'does', 'goes', 'whereas', 'always', 'perhaps', 'bias', 'alias', 'atlas', 'canvas', 'pancreas',
  'chaos', 'cosmos', 'ethos', 'pathos', 'kudos',
]);

/** British `-ise`/`-yse` forms, with the endings they take, spelled `-ize`/`-yze`. */
const BRITISH_ISE = /^(\p{L}{2,}[iy])s(e|es|ed|ing|er|ers|ation|ations|able|ability)$/u;
/** British `-our` (`behaviour`, `colourful`): two or more letters first keeps `four`, `hour`, `your`, `tour`. */
const BRITISH_OUR = /^(\p{L}{2,})our(s|ed|ing|al|ally|able|ably|ite|ites|ful|less|ism|ist|ists|er|ers)?$/u;

/**
 * American spelling: `misgeneralisation` → `misgeneralization`, `analysed` → `analyzed`, `behaviours` →
 * `behaviors`. Applied to every word, so a `-ise` word that never takes `-ize` (`promise` → `promize`)
 * still agrees with itself; the one known clash is `prise`/`prize`.
 */
function americanSpelling(word: string): string {
  if (word.length < 5) return word;
  if (word.includes('is') || word.includes('ys')) {
    const spelled = word.replace(BRITISH_ISE, '$1z$2');
    if (spelled !== word) return spelled;
  }
  return word.includes('our') ? word.replace(BRITISH_OUR, '$1or$2') : word;
}

const SIBILANT_END = /(?:s|x|z|ch|sh)$/;
const NOT_PLURAL_S = /(?:ss|us|is)$/;
const SILENT_E_AFTER_SIBILANT = /(?:s|z|x|ch)e$/;

/**
 * A stem shared by a noun's singular and plural. It need not be a word: `cases` and `case` both give `cas`,
 * `caches` and `cache` both give `cach`, `movies` and `movie` both give `movy`. Words ending in `ss`, `us`
 * or `is` (`class`, `bus`, `analysis`) are kept; stems shorter than three letters are not cut (`its`, `has`,
 * `uses` → `use`).
 */
function singularStem(word: string): string {
  const n = word.length;
  let stem = word;
  if (n >= 6 && word.endsWith('theses')) stem = `${word.slice(0, -2)}is`; // hypotheses → hypothesis
  else if (n >= 5 && word.endsWith('ies')) stem = `${word.slice(0, -3)}y`; // policies → policy
  else if (n >= 5 && word.endsWith('es') && SIBILANT_END.test(word.slice(0, -2))) stem = word.slice(0, -2); // boxes, watches
  else if (n >= 4 && word.endsWith('s') && !NOT_PLURAL_S.test(word)) stem = word.slice(0, -1); // schemers
  if (stem.length >= 4 && SILENT_E_AFTER_SIBILANT.test(stem)) return stem.slice(0, -1); // cache → cach, like caches
  if (stem.length >= 5 && stem.endsWith('ie')) return `${stem.slice(0, -2)}y`; // movie → movy, like movies
  return stem;
}

/**
 * The key a word is matched by; two words match when their keys are equal. Applied alike to the words of
 * terms and of notes, so the rules need only agree with themselves, not produce real words.
 *
 * - `caseSensitive` (used for acronyms): the case is kept and only a possessive, or a plural `s` after an
 *   acronym, is dropped: `RLHF's`, `RLHFs` → `RLHF`; `Rlhf` → `Rlhf`.
 * - Otherwise: lower case, then
 *   - possessive dropped: `RLHF's` → `rlhf`, `models'` → `model`;
 *   - American spelling: `-ise`/`-isation`/`-yse` → `-ize`/`-ization`/`-yze`, `-our` → `-or` after two or
 *     more letters (`behaviours` → `behavior`; `four`, `hour`, `your`, `our` untouched);
 *   - plural stem: `schemers` → `schemer`, `policies` → `policy`, `boxes`/`watches`/`wishes`/`glasses` drop
 *     `es`; `analysis`, `bus`, `class`, `news`, `its` are kept.
 *
 * Never throws: a non-string gives `''`.
 */
export function canonicalToken(word: string, caseSensitive: boolean): string {
  if (typeof word !== 'string') return '';
  if (caseSensitive) return acronymOf(word) ?? withoutPossessive(tidy(word));
  const lower = withoutPossessive(tidy(word).toLowerCase());
  if (KEPT_AS_WRITTEN.has(lower)) return lower;
  return singularStem(americanSpelling(lower));
}
