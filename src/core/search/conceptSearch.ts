import Fuse from 'fuse.js';
import type { Concept } from '../model';

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

function trigrams(text: string): Set<string> {
  const padded = `  ${text.toLowerCase()} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/**
 * Typo-tolerant search over concept names. A trigram index picks the candidates that share the most
 * trigrams with the query, and fuse.js ranks only those, so a query costs about the same with 3,000 or
 * 30,000 terms: "resilience" finds "Resiliance".
 */
export class ConceptSearch {
  readonly #names: Name[] = [];
  readonly #byTrigram = new Map<string, number[]>();

  constructor(concepts: Iterable<Concept>) {
    for (const concept of concepts) {
      for (const name of [concept.term, ...concept.aliases]) {
        const index = this.#names.push({ id: concept.id, name }) - 1;
        for (const gram of trigrams(name)) {
          const list = this.#byTrigram.get(gram);
          if (list) list.push(index);
          else this.#byTrigram.set(gram, [index]);
        }
      }
    }
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
    for (const gram of trigrams(query)) {
      for (const index of this.#byTrigram.get(gram) ?? []) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, CANDIDATES)
      .map(([index]) => this.#names[index])
      .filter((name): name is Name => name !== undefined);
  }
}
