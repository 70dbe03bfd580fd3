import { type Steps, WorkBudget } from '../util/steps';
import { acronymOf, canonicalToken, isWordUnit, WordCursor } from './tokens';

/** A phrase to find — a term or one of its aliases — and the id a match reports. */
export interface TermEntry {
  readonly id: string;
  readonly phrase: string;
}

/** Where a phrase was found: `text.slice(start, end)` is the matched text. */
export interface TermMatch {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

/** One step of the word trie; `Map`s, so a term named `__proto__` or `constructor` is just a key. */
interface TrieNode {
  children: Map<string, TrieNode> | undefined;
  /** The entry whose phrase ends here: the smallest of `ids`. */
  id: string | undefined;
  /** The ids of the entries whose phrase ends here, sorted, once per entry: what `update` removes from. */
  ids: string[] | undefined;
  /** Entries whose phrase ends here and then needs punctuation (`C++` → `++`), by that punctuation: the smallest id. */
  trails: Map<string, string> | undefined;
  /** Every id of each trail, as `ids`. */
  trailIds: Map<string, string[]> | undefined;
}

/** Where a phrase sits in the trie: the punctuation before its first word, each word's key after its gap, and the punctuation after its last. */
interface PhrasePath {
  readonly lead: string;
  readonly keys: readonly string[];
  /** The key of each word, without its gap: what `WordKeys.known` looks for. */
  readonly words: readonly string[];
  /** The length of each gap between two words. */
  readonly gaps: readonly number[];
  readonly trail: string;
}

/** The keys of one word of a note, cached by its exact text. */
interface WordKeys {
  /** Matches term words that are not acronyms. */
  readonly folded: string;
  /** Set when the word spells an acronym (`RLHF's` → `RLHF`): matches acronym term words. */
  readonly exact: string | undefined;
  /** Whether any phrase has a word with one of these keys; when not, no match can include the word. */
  readonly known: boolean;
  /** The trie steps for phrases that start with this word, by `folded` and by `exact`. */
  readonly first: TrieNode | undefined;
  readonly firstExact: TrieNode | undefined;
}

const UNKNOWN_WORD: WordKeys = { folded: '', exact: undefined, known: false, first: undefined, firstExact: undefined };

const newNode = (): TrieNode => ({ children: undefined, id: undefined, ids: undefined, trails: undefined, trailIds: undefined });

/** Slots of the word cache when it starts and at most; when full it starts again, so memory stays bounded. */
const CACHE_FIRST_BITS = 10;
const CACHE_MAX_BITS = 17;

/** `matchAt` looks back this far first, doubling until it finds a word no phrase contains. */
const FIRST_LOOK_BACK = 256;

/**
 * Whether a UTF-16 unit may separate the words of a phrase: whitespace, hyphens (`-`, soft, U+2010, U+2011,
 * figure and en dashes: `Bradley–Terry`) and zero-width spaces. Em dashes and other punctuation must be
 * written in the phrase to match.
 */
function isSoft(c: number): boolean {
  if (c <= 0x20 || c === 0x2d) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0xad || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) ||
    (c >= 0x2010 && c <= 0x2013) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f ||
    c === 0x3000 || c === 0xfeff
  );
}

/**
 * What separates two words, less whitespace and hyphens: `''` for `influence-seeking\n  behaviour`, `(` for
 * `k-NN (approx.)`, `.` for `inner. Misalignment`. For note text, pass `maxLength` (the longest gap of any
 * phrase): a blank line (two line breaks), so that no phrase runs across paragraphs, or a longer gap give null.
 */
function gapKey(text: string, from: number, to: number, maxLength = Infinity): string | null {
  if (to - from === 1 && text.charCodeAt(from) === 0x20) return '';
  const note = maxLength !== Infinity;
  let key = '';
  let lineBreaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const lineBreak = c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) || c === 0x2028 || c === 0x2029;
    if (lineBreak && note && ++lineBreaks >= 2) return null;
    if (isSoft(c)) continue;
    if (key.length >= maxLength) return null;
    key += text.charAt(i);
  }
  return key;
}

/** The key of a word of a phrase: acronyms keep their case, everything else is folded (see `canonicalToken`). */
function termWordKey(word: string): string {
  return acronymOf(word) ?? canonicalToken(word, false);
}

/** Where an entry's phrase sits in the trie, or undefined for a malformed entry or a phrase with no words. */
function pathOf(entry: unknown): PhrasePath | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { id, phrase } = entry as { id?: unknown; phrase?: unknown };
  if (typeof id !== 'string' || typeof phrase !== 'string') return undefined;
  const trimmed = phrase.trim();
  const cursor = new WordCursor(trimmed);
  const keys: string[] = [];
  const words: string[] = [];
  const gaps: number[] = [];
  let lead = '';
  let previousEnd = 0;
  while (cursor.next()) {
    const wordKey = termWordKey(trimmed.slice(cursor.start, cursor.end));
    words.push(wordKey);
    if (keys.length === 0) {
      lead = gapKey(trimmed, 0, cursor.start) ?? '';
      keys.push(wordKey);
    } else {
      const gap = gapKey(trimmed, previousEnd, cursor.start) ?? '';
      gaps.push(gap.length);
      keys.push(gap === '' ? wordKey : `${gap} ${wordKey}`);
    }
    previousEnd = cursor.end;
  }
  if (keys.length === 0) return undefined;
  return { lead, keys, words, gaps, trail: gapKey(trimmed, previousEnd, trimmed.length) ?? '' };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `ids` with `id` added in order (a sorted copy; ids are few per node). */
function withId(ids: readonly string[] | undefined, id: string): string[] {
  if (!ids) return [id];
  let at = 0;
  while (at < ids.length && (ids[at] ?? '') <= id) at++;
  return [...ids.slice(0, at), id, ...ids.slice(at)];
}

/** `ids` less one `id`: the same array when it holds none, undefined when it held only that one. */
function withoutId(ids: string[] | undefined, id: string): string[] | undefined {
  const at = ids?.indexOf(id) ?? -1;
  if (!ids || at < 0) return ids;
  return ids.length === 1 ? undefined : [...ids.slice(0, at), ...ids.slice(at + 1)];
}

function isEmpty(node: TrieNode | undefined): boolean {
  return node !== undefined && node.children === undefined && node.ids === undefined && node.trails === undefined;
}

/** How many times each value was added less removed; a value at zero is gone. */
class Tally<T> {
  readonly #counts = new Map<T, number>();

  add(value: T): void {
    this.#counts.set(value, (this.#counts.get(value) ?? 0) + 1);
  }

  remove(value: T): void {
    const count = (this.#counts.get(value) ?? 0) - 1;
    if (count > 0) this.#counts.set(value, count);
    else this.#counts.delete(value);
  }

  has(value: T): boolean {
    return this.#counts.has(value);
  }

  /** The largest value present, or 0. */
  largest(this: Tally<number>): number {
    let largest = 0;
    for (const value of this.#counts.keys()) largest = Math.max(largest, value);
    return largest;
  }
}

/** A clamped whole offset, or `fallback` for anything that is not a number. */
function offsetIn(value: number | undefined, fallback: number, length: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return fallback;
  return Math.min(length, Math.max(0, Math.floor(value)));
}

/** Whether `text` holds `word` at `start`; a plain loop beats `startsWith` on the short words of prose. */
function sameUnits(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * The keys of the note words seen so far, found by `WordCursor.hash` and compared in place, so a word seen
 * before is neither sliced out nor hashed again: most words of a note are. Open addressing with linear
 * probing, doubled when half full up to 2^17 slots, then emptied.
 */
class WordKeysCache {
  #bits = CACHE_FIRST_BITS;
  #hashes = new Int32Array(1 << CACHE_FIRST_BITS);
  #words: (string | undefined)[] = new Array<string | undefined>(1 << CACHE_FIRST_BITS).fill(undefined);
  #keys: (WordKeys | undefined)[] = new Array<WordKeys | undefined>(1 << CACHE_FIRST_BITS).fill(undefined);
  #count = 0;

  get(text: string, start: number, end: number, hash: number): WordKeys | undefined {
    const mask = (1 << this.#bits) - 1;
    for (let slot = this.#slotOf(hash); ; slot = (slot + 1) & mask) {
      const word = this.#words[slot];
      if (word === undefined) return undefined;
      if (this.#hashes[slot] === hash && word.length === end - start && sameUnits(text, start, word)) return this.#keys[slot];
    }
  }

  set(word: string, hash: number, keys: WordKeys): void {
    if (this.#count * 2 >= 1 << this.#bits) this.#resize(Math.min(this.#bits + 1, CACHE_MAX_BITS));
    this.#insert(word, hash, keys);
  }

  /** Fibonacci hashing: the top bits of the product spread words evenly whatever their hash's low bits. */
  #slotOf(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> (32 - this.#bits);
  }

  #insert(word: string, hash: number, keys: WordKeys): void {
    const mask = (1 << this.#bits) - 1;
    let slot = this.#slotOf(hash);
    while (this.#words[slot] !== undefined) slot = (slot + 1) & mask;
    this.#hashes[slot] = hash;
    this.#words[slot] = word;
    this.#keys[slot] = keys;
    this.#count++;
  }

  /** Moves to `bits` slots, keeping the entries if it grows and dropping them if it stays as large. */
  #resize(bits: number): void {
    const keep = bits > this.#bits;
    const [hashes, words, keys] = [this.#hashes, this.#words, this.#keys];
    this.#bits = bits;
    this.#hashes = new Int32Array(1 << bits);
    this.#words = new Array<string | undefined>(1 << bits).fill(undefined);
    this.#keys = new Array<WordKeys | undefined>(1 << bits).fill(undefined);
    this.#count = 0;
    if (!keep) return;
    for (let slot = 0; slot < words.length; slot++) {
      const word = words[slot];
      const wordKeys = keys[slot];
      if (word !== undefined && wordKeys !== undefined) this.#insert(word, hashes[slot] ?? 0, wordKeys);
    }
  }
}

/** Looks up the keys of the word `text.slice(start, end)` whose `WordCursor.hash` is `hash`. */
type KeysOf = (text: string, start: number, end: number, hash: number) => WordKeys;

/**
 * The words ahead of the scan with their keys, read lazily: a ring buffer one longer than the longest
 * phrase, so every word is read and keyed once however many phrases try it.
 */
class WordWindow {
  readonly #text: string;
  readonly #cursor: WordCursor;
  readonly #keysOf: KeysOf;
  readonly #mask: number;
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  readonly #keys: (WordKeys | undefined)[];
  /** The gap key before each word; undefined until asked for. */
  readonly #gaps: (string | null | undefined)[];
  readonly #maxGap: number;
  #head = 0;
  #count = 0;

  constructor(text: string, from: number, to: number, depth: number, maxGap: number, keysOf: KeysOf) {
    let size = 16;
    while (size < depth + 2) size *= 2;
    this.#text = text;
    this.#cursor = new WordCursor(text, from, to);
    this.#keysOf = keysOf;
    this.#maxGap = maxGap;
    this.#mask = size - 1;
    this.#starts = new Int32Array(size);
    this.#ends = new Int32Array(size);
    this.#keys = new Array<WordKeys | undefined>(size).fill(undefined);
    this.#gaps = new Array<string | null | undefined>(size).fill(undefined);
  }

  /** Whether word `k` (0 is the first not yet dropped) exists, reading ahead as needed. */
  has(k: number): boolean {
    while (this.#count <= k) {
      const cursor = this.#cursor;
      if (!cursor.next()) return false;
      const slot = (this.#head + this.#count) & this.#mask;
      this.#starts[slot] = cursor.start;
      this.#ends[slot] = cursor.end;
      this.#keys[slot] = this.#keysOf(this.#text, cursor.start, cursor.end, cursor.hash);
      this.#gaps[slot] = undefined;
      this.#count++;
    }
    return true;
  }

  start(k: number): number {
    return this.#starts[(this.#head + k) & this.#mask] ?? 0;
  }

  end(k: number): number {
    return this.#ends[(this.#head + k) & this.#mask] ?? 0;
  }

  keys(k: number): WordKeys {
    return this.#keys[(this.#head + k) & this.#mask] ?? UNKNOWN_WORD;
  }

  /** The gap key between word `k - 1` and word `k` (k ≥ 1); null across a blank line. */
  gapBefore(k: number): string | null {
    const slot = (this.#head + k) & this.#mask;
    let gap = this.#gaps[slot];
    if (gap === undefined) {
      gap = gapKey(this.#text, this.end(k - 1), this.start(k), this.#maxGap);
      this.#gaps[slot] = gap;
    }
    return gap;
  }

  drop(n: number): void {
    const dropped = Math.min(n, this.#count);
    this.#head = (this.#head + dropped) & this.#mask;
    this.#count -= dropped;
  }
}

/** The trie walk's pending steps, kept between words so the walk allocates nothing. */
class WalkStack {
  readonly nodes: (TrieNode | undefined)[] = [];
  readonly depths: number[] = [];
  readonly starts: number[] = [];
  size = 0;

  /** Adds a step; a missing node (the key was not in the trie) is skipped. */
  push(node: TrieNode | undefined, depth: number, start: number): void {
    if (node === undefined) return;
    this.nodes[this.size] = node;
    this.depths[this.size] = depth;
    this.starts[this.size] = start;
    this.size++;
  }
}

/** A match found at the front of the window, with how many words it spans. */
interface Found extends TermMatch {
  readonly words: number;
}

/**
 * Finds terms and aliases in note text in one linear pass: the text is read word by word and each word's
 * key is looked up in a trie of phrase words, never one regular expression per term.
 *
 * Matching rules:
 * - Whole words only (`alignment` never matches inside `misalignment`), compared by `canonicalToken`:
 *   case-insensitive, with plural, possessive and British/American variants; acronym words of a phrase
 *   (`RLHF`) match only the same capitals (`RLHF`, `RLHF's`, `RLHFs`, not `rlhf` or `Rlhf`). An all-capitals
 *   note word (`ALIGNMENT` in a shouted heading) still matches a phrase written in lower case.
 * - The words of a phrase may be separated in the note by any whitespace (one line break, not a blank line)
 *   and hyphens: `Influence-seeking behaviour` matches `influence seeking behaviours` and
 *   `influence-seeking\n  behavior`. Other punctuation must be as in the phrase: `inner. Misalignment` is no
 *   match for `Inner misalignment`, while `k-NN (approx.)` needs its `(` and `.)`, and `C++` its `++`.
 * - Leftmost-longest and non-overlapping: at each word the longest phrase wins (`polysemantic circuits`
 *   over `circuits`), and scanning resumes after it.
 * - Phrases with no letters or digits (empty, whitespace-only, `++`) are ignored. When two entries have the
 *   same phrase key (`Behaviour`, `behaviors`) with different ids, the smallest id (in code-unit order) wins,
 *   so the result depends on the set of entries only: `update` can change a matcher to what building it
 *   afresh from the new set would give, at the cost of the entries it changes.
 */
export class TermMatcher {
  readonly #root = newNode();
  /** Roots of the phrases that start with punctuation (`.NET`), by that punctuation. */
  readonly #leadRoots = new Map<string, TrieNode>();
  /** The same roots, grouped by the last UTF-16 unit of their punctuation, checked before each word. */
  readonly #leadsByLastUnit = new Map<number, [string, TrieNode][]>();
  /** Every word key of every phrase, for `WordKeys.known`, with how many phrase words have it. */
  readonly #knownKeys = new Tally<string>();
  /** Emptied whenever the trie changes (`update`), so it never goes stale. */
  #wordKeys = new WordKeysCache();
  readonly #stack = new WalkStack();
  /** How many phrases have each number of words, and each length of gap: their largest bound the scan. */
  readonly #wordCounts = new Tally<number>();
  readonly #gapLengths = new Tally<number>();
  #maxWords = 0;
  /** The longest punctuation between two words of a phrase, after whitespace and hyphens are dropped. */
  #maxGap = 0;
  #maxLead = 0;

  constructor(entries: readonly TermEntry[]) {
    if (!Array.isArray(entries)) return;
    for (const entry of entries as readonly unknown[]) this.#add(entry);
  }

  /** The same matcher built in steps (see `steps.ts`): 13,000 phrases take tens of ms in one piece. */
  static *build(entries: readonly TermEntry[]): Steps<TermMatcher> {
    const matcher = new TermMatcher([]);
    if (!Array.isArray(entries)) return matcher;
    const budget = new WorkBudget();
    for (const entry of entries as readonly unknown[]) {
      matcher.#add(entry);
      if (budget.spend()) yield;
    }
    return matcher;
  }

  /**
   * Every match in `text` between `start` and `end` (the whole text by default), in order, with offsets
   * into `text`. The range is read as if it were the whole text: a word cut by its edges is read as the
   * part inside, and no match reaches outside it. Never throws; bad input gives `[]`.
   */
  find(text: string, start?: number, end?: number): TermMatch[] {
    if (typeof text !== 'string' || this.#maxWords === 0) return [];
    const from = offsetIn(start, 0, text.length);
    const to = offsetIn(end, text.length, text.length);
    const matches: TermMatch[] = [];
    if (to <= from) return matches;
    this.#scan(text, from, to, Infinity, (match) => {
      matches.push({ id: match.id, start: match.start, end: match.end });
      return true;
    });
    return matches;
  }

  /**
   * The match of `find(text)` that covers `offset` — inside it or at its very end, as a hover or cursor
   * position is — or undefined.
   *
   * Only a window is read. It starts after the nearest word before `offset` that no phrase contains (no
   * match can span such a word, so `find` on the whole text is in step there too), found by looking back
   * 256 characters, then 512 and so on up to 2,048 + 64 × the longest phrase's word count. It ends once the
   * words read pass `offset`. Only if every word in that stretch belongs to some phrase can a different
   * split of overlapping phrases make the answer differ from `find`'s.
   */
  matchAt(text: string, offset: number): TermMatch | undefined {
    if (typeof text !== 'string' || typeof offset !== 'number' || !Number.isFinite(offset)) return undefined;
    if (this.#maxWords === 0 || offset < 0 || offset > text.length) return undefined;
    const at = Math.floor(offset);
    let covering: TermMatch | undefined;
    this.#scan(text, this.#syncPoint(text, at), text.length, at + this.#maxLead, (match) => {
      if (match.start > at) return false;
      if (match.end < at) return true;
      covering = { id: match.id, start: match.start, end: match.end };
      return false;
    });
    return covering;
  }

  /**
   * Changes the matcher in place to the one `new TermMatcher` would build from its entries less `removed`
   * plus `added` (an entry removed must have been added, by the constructor or an earlier update). Its cost is
   * that of the changed entries, not of all: an edit that renames one term need not rebuild 13,000 phrases.
   */
  update(removed: readonly TermEntry[], added: readonly TermEntry[]): void {
    for (const entry of removed) {
      const path = pathOf(entry);
      if (path) this.#remove(entry.id, path);
    }
    for (const entry of added) this.#add(entry);
    this.#maxWords = this.#wordCounts.largest();
    this.#maxGap = this.#gapLengths.largest();
    this.#maxLead = Math.max(0, ...[...this.#leadRoots.keys()].map((lead) => lead.length));
    this.#wordKeys = new WordKeysCache();
  }

  #add(entry: unknown): void {
    const path = pathOf(entry);
    if (!path) return;
    const { id } = entry as TermEntry;
    for (const word of path.words) this.#knownKeys.add(word);
    for (const gap of path.gaps) this.#gapLengths.add(gap);
    this.#wordCounts.add(path.keys.length);
    this.#maxWords = Math.max(this.#maxWords, path.keys.length);
    this.#maxGap = Math.max(this.#maxGap, ...path.gaps);
    let node = path.lead === '' ? this.#root : this.#leadRoot(path.lead);
    for (const key of path.keys) {
      node.children ??= new Map();
      let child = node.children.get(key);
      if (child === undefined) {
        child = newNode();
        node.children.set(key, child);
      }
      node = child;
    }
    if (path.trail === '') {
      node.ids = withId(node.ids, id);
      node.id = node.ids[0];
    } else {
      node.trails ??= new Map();
      node.trailIds ??= new Map();
      const ids = withId(node.trailIds.get(path.trail), id);
      node.trailIds.set(path.trail, ids);
      node.trails.set(path.trail, ids[0] ?? id);
    }
  }

  /** Takes one entry with this id and path out, and the nodes it alone needed. */
  #remove(id: string, path: PhrasePath): void {
    const root = path.lead === '' ? this.#root : this.#leadRoots.get(path.lead);
    const nodes: TrieNode[] = [];
    let node = root;
    for (const key of path.keys) {
      if (node === undefined) return;
      nodes.push(node);
      node = node.children?.get(key);
    }
    if (node === undefined) return;
    if (path.trail === '') {
      const ids = withoutId(node.ids, id);
      if (ids === node.ids) return;
      node.ids = ids;
      node.id = ids?.[0];
    } else {
      const before = node.trailIds?.get(path.trail);
      const ids = withoutId(before, id);
      if (ids === before) return;
      if (ids) {
        node.trailIds?.set(path.trail, ids);
        node.trails?.set(path.trail, ids[0] ?? id);
      } else {
        node.trailIds?.delete(path.trail);
        node.trails?.delete(path.trail);
        if (node.trails?.size === 0) node.trails = node.trailIds = undefined;
      }
    }
    for (const word of path.words) this.#knownKeys.remove(word);
    for (const gap of path.gaps) this.#gapLengths.remove(gap);
    this.#wordCounts.remove(path.keys.length);
    // Prunes the nodes left empty, deepest first, so the trie is the one a fresh build would make.
    for (let depth = path.keys.length - 1; depth >= 0 && isEmpty(node); depth--) {
      const parent = nodes[depth];
      parent?.children?.delete(path.keys[depth] ?? '');
      if (parent?.children?.size === 0) parent.children = undefined;
      node = parent;
    }
    if (root !== this.#root && root !== undefined && isEmpty(root)) this.#dropLeadRoot(path.lead);
  }

  #leadRoot(lead: string): TrieNode {
    let root = this.#leadRoots.get(lead);
    if (root === undefined) {
      root = newNode();
      this.#leadRoots.set(lead, root);
      const lastUnit = lead.charCodeAt(lead.length - 1);
      // Kept in lead order, so the order the phrases came in never matters.
      const group = [...(this.#leadsByLastUnit.get(lastUnit) ?? []), [lead, root] as [string, TrieNode]].sort(([a], [b]) => byCodeUnits(a, b));
      this.#leadsByLastUnit.set(lastUnit, group);
      this.#maxLead = Math.max(this.#maxLead, lead.length);
    }
    return root;
  }

  #dropLeadRoot(lead: string): void {
    this.#leadRoots.delete(lead);
    const lastUnit = lead.charCodeAt(lead.length - 1);
    const group = (this.#leadsByLastUnit.get(lastUnit) ?? []).filter(([other]) => other !== lead);
    if (group.length > 0) this.#leadsByLastUnit.set(lastUnit, group);
    else this.#leadsByLastUnit.delete(lastUnit);
  }

  #keysOf(text: string, start: number, end: number, hash: number): WordKeys {
    const cached = this.#wordKeys.get(text, start, end, hash);
    if (cached !== undefined) return cached;
    const word = text.slice(start, end);
    const folded = canonicalToken(word, false);
    const exact = acronymOf(word);
    const root = this.#root.children;
    const keys: WordKeys = {
      folded,
      exact,
      known: this.#knownKeys.has(folded) || (exact !== undefined && this.#knownKeys.has(exact)),
      first: root?.get(folded),
      firstExact: exact === undefined ? undefined : root?.get(exact),
    };
    this.#wordKeys.set(word, hash, keys);
    return keys;
  }

  /**
   * Where `matchAt` starts reading: the end of the last word before `at` that no phrase contains, else (if
   * the whole look-back holds none) the first whole word of the look-back, else the start of the text.
   */
  #syncPoint(text: string, at: number): number {
    const limit = 2048 + 64 * this.#maxWords;
    for (let back = FIRST_LOOK_BACK; ; back *= 2) {
      const from = Math.max(0, at - back);
      const cursor = new WordCursor(text, from, at);
      let sync: number | undefined;
      let firstWhole = from;
      let first = true;
      while (cursor.next()) {
        // The first word may be the tail of one cut by the window, the last the head of one running past
        // `at`: their keys say nothing.
        const cutAtStart = first && from > 0 && cursor.start === from && isWordUnit(text, from - 1);
        const cutAtEnd = cursor.end === at && isWordUnit(text, at);
        if (cutAtStart) firstWhole = cursor.end;
        else if (!cutAtEnd && !this.#keysOf(text, cursor.start, cursor.end, cursor.hash).known) sync = cursor.end;
        first = false;
      }
      if (sync !== undefined) return sync;
      if (from === 0) return 0;
      if (back >= limit) return firstWhole;
    }
  }

  /**
   * Reports matches between `from` and `to` in order to `visit` until it returns false or a word starts
   * after `stopAfter`.
   */
  #scan(text: string, from: number, to: number, stopAfter: number, visit: (match: Found) => boolean): void {
    const window = new WordWindow(text, from, to, this.#maxWords, this.#maxGap, (source, start, end, hash) =>
      this.#keysOf(source, start, end, hash),
    );
    let lastEnd = from;
    while (window.has(0)) {
      if (window.start(0) > stopAfter) return;
      const found = this.#longestAt(text, window, lastEnd, to);
      if (found === undefined) {
        window.drop(1);
        continue;
      }
      if (!visit(found)) return;
      window.drop(found.words);
      lastEnd = found.end;
    }
  }

  /**
   * The longest phrase starting at the window's first word (or at punctuation just before it), walking the
   * trie depth-first. A word spelling an acronym tries both its acronym key and its folded key; the acronym
   * branch is tried first and wins ties. Allocates nothing unless it finds a match.
   */
  #longestAt(text: string, window: WordWindow, lowest: number, to: number): Found | undefined {
    const keys = window.keys(0);
    if (!keys.known) return undefined;
    const wordStart = window.start(0);
    const stack = this.#stack;
    stack.size = 0;
    stack.push(keys.first, 0, wordStart);
    stack.push(keys.firstExact, 0, wordStart);
    if (this.#leadsByLastUnit.size > 0 && wordStart > lowest) {
      for (const [lead, leadRoot] of this.#leadsByLastUnit.get(text.charCodeAt(wordStart - 1)) ?? []) {
        const start = wordStart - lead.length;
        if (start < lowest || !text.startsWith(lead, start)) continue;
        stack.push(leadRoot.children?.get(keys.folded), 0, start);
        if (keys.exact !== undefined) stack.push(leadRoot.children?.get(keys.exact), 0, start);
      }
    }

    let bestId: string | undefined;
    let bestStart = 0;
    let bestEnd = 0;
    let bestWords = 0;
    while (stack.size > 0) {
      stack.size--;
      const node = stack.nodes[stack.size];
      const depth = stack.depths[stack.size] ?? 0;
      const start = stack.starts[stack.size] ?? wordStart;
      if (node === undefined) continue;
      const wordEnd = window.end(depth);
      if (node.id !== undefined && (bestId === undefined || wordEnd - start > bestEnd - bestStart)) {
        bestId = node.id;
        bestStart = start;
        bestEnd = wordEnd;
        bestWords = depth + 1;
      }
      if (node.trails !== undefined) {
        for (const [trail, id] of node.trails) {
          const end = wordEnd + trail.length;
          if (end > to || !text.startsWith(trail, wordEnd)) continue;
          if (bestId !== undefined && end - start <= bestEnd - bestStart) continue;
          bestId = id;
          bestStart = start;
          bestEnd = end;
          bestWords = depth + 1;
        }
      }
      const children = node.children;
      if (children === undefined || !window.has(depth + 1)) continue;
      const gap = window.gapBefore(depth + 1);
      if (gap === null) continue;
      const next = window.keys(depth + 1);
      stack.push(children.get(gap === '' ? next.folded : `${gap} ${next.folded}`), depth + 1, start);
      if (next.exact !== undefined) stack.push(children.get(gap === '' ? next.exact : `${gap} ${next.exact}`), depth + 1, start);
    }
    return bestId === undefined ? undefined : { id: bestId, start: bestStart, end: bestEnd, words: bestWords };
  }
}
