import Fuse from 'fuse.js';
import type { Concept } from '../model';
import { finish, type Steps, WorkBudget } from '../util/steps';

/** One name a concept can be found by: its term or an alias. */
interface Name {
  readonly id: string;
  readonly name: string;
}

export interface SearchResult {
  readonly id: string;
  /** The term or alias that matched. */
  readonly matched: string;
  /** 0 is a perfect match, 1 no match at all (fuse.js's score). */
  readonly score: number;
}

/** How many names, sharing the most trigrams with the query, fuse.js gets to rank. */
const CANDIDATES = 200;

/** A trigram of characters below this code is a small integer key (three times 10 bits): no string made for it. */
const SMALL_CHAR = 1024;

/**
 * Calls `each` with every trigram of `text`, lower-cased and padded as `  text `, as a number when its three
 * characters are below `SMALL_CHAR` and as a string otherwise (the two never collide: they go to different maps).
 * A trigram that occurs twice is given twice.
 */
function forEachTrigram(text: string, each: (small: number | undefined, gram: string | undefined) => void): void {
  const padded = `  ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const a = padded.charCodeAt(i);
    const b = padded.charCodeAt(i + 1);
    const c = padded.charCodeAt(i + 2);
    if (a < SMALL_CHAR && b < SMALL_CHAR && c < SMALL_CHAR) each((a << 20) | (b << 10) | c, undefined);
    else each(undefined, padded.slice(i, i + 3));
  }
}

/**
 * Typo-tolerant search over concept names. A trigram index picks the candidates that share the most
 * trigrams with the query, and fuse.js ranks only those, so a query costs about the same with 3,000 or
 * 30,000 terms: "resilience" finds "Resiliance".
 */
export class ConceptSearch {
  readonly #names: Name[] = [];
  /** Each trigram's names, by index in `#names`, each once and in order. */
  readonly #bySmallTrigram = new Map<number, number[]>();
  readonly #byTrigram = new Map<string, number[]>();

  /** The search over `concepts`' terms and aliases, built at once. */
  static of(concepts: Iterable<Concept>): ConceptSearch {
    return finish(ConceptSearch.build(concepts, new WorkBudget()));
  }

  /**
   * The search built in steps, a name a unit of work: made again whenever a note's terms or aliases change (about
   * 13,000 names for 3,000 concepts, 20-60 ms at once here), so a host builds it between other work.
   */
  static *build(concepts: Iterable<Concept>, budget: WorkBudget): Steps<ConceptSearch> {
    const search = new ConceptSearch();
    for (const concept of concepts) {
      for (const name of [concept.term, ...concept.aliases]) {
        search.#add(concept.id, name);
        if (budget.spend()) yield;
      }
    }
    return search;
  }

  private constructor() {}

  #add(id: string, name: string): void {
    const index = this.#names.push({ id, name }) - 1;
    forEachTrigram(name, (small, gram) => {
      const list = small === undefined ? this.#byTrigram.get(gram ?? '') : this.#bySmallTrigram.get(small);
      // Names are added in order, so a trigram this name gave already ends its list.
      if (list) {
        if (list[list.length - 1] !== index) list.push(index);
      } else if (small === undefined) this.#byTrigram.set(gram ?? '', [index]);
      else this.#bySmallTrigram.set(small, [index]);
    });
  }

  search(query: string, limit = 20): SearchResult[] {
    const trimmed = query.trim().slice(0, 200);
    if (trimmed === '' || limit <= 0) return [];
    const fuse = new Fuse(this.#candidates(trimmed), { keys: ['name'], includeScore: true, threshold: 0.45, ignoreLocation: true });
    const best = new Map<string, SearchResult>();
    for (const hit of fuse.search(trimmed)) {
      const score = hit.score ?? 1;
      const previous = best.get(hit.item.id);
      if (!previous || score < previous.score) best.set(hit.item.id, { id: hit.item.id, matched: hit.item.name, score });
    }
    return [...best.values()].sort((a, b) => a.score - b.score || a.matched.localeCompare(b.matched)).slice(0, limit);
  }

  /** The names sharing the most trigrams with the query (ties in index order, so results are stable). */
  #candidates(query: string): Name[] {
    const counts = new Map<number, number>();
    const seenSmall = new Set<number>();
    const seen = new Set<string>();
    forEachTrigram(query, (small, gram) => {
      const fresh = small === undefined ? !seen.has(gram ?? '') && seen.add(gram ?? '') : !seenSmall.has(small) && seenSmall.add(small);
      if (!fresh) return;
      for (const index of (small === undefined ? this.#byTrigram.get(gram ?? '') : this.#bySmallTrigram.get(small)) ?? []) counts.set(index, (counts.get(index) ?? 0) + 1);
    });
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, CANDIDATES)
      .map(([index]) => this.#names[index])
      .filter((name): name is Name => name !== undefined);
  }
}
