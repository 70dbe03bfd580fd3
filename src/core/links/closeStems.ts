import { editDistanceWithin } from './editDistance';

/**
 * The note stems within an edit distance of a broken link's target, without measuring every stem: a
 * workspace with thousands of broken links among 10,000 notes would otherwise take minutes to suggest names.
 * A bigram index keeps only the stems that share enough bigrams to be that close: each edit removes at most
 * two of the query's bigrams, so a stem within k edits shares at least |query| - 1 - 2k of them, counted with
 * multiplicity (the q-gram lemma). Stems that pass are measured exactly.
 */
export class CloseStems {
  readonly #stems: readonly string[];
  /** Bigram → pairs of (stem index, how many times the stem holds it), flat, stem indexes ascending. */
  readonly #postings = new Map<string, number[]>();
  /** Shared bigram counts per stem, zeroed again after each query. */
  readonly #shared: Int32Array;
  #measured = 0;

  constructor(stems: Iterable<string>) {
    this.#stems = [...stems];
    this.#shared = new Int32Array(this.#stems.length);
    this.#stems.forEach((stem, index) => {
      for (const [bigram, count] of bigramCounts(stem)) {
        let list = this.#postings.get(bigram);
        if (!list) this.#postings.set(bigram, (list = []));
        list.push(index, count);
      }
    });
  }

  /** Edit distances computed so far: what the tests hold the bigram filter's savings to. */
  get measured(): number {
    return this.#measured;
  }

  /** Each stem at most `max` edits from `query`, with its distance, in the order the stems were given. */
  within(query: string, max: number): { stem: string; distance: number }[] {
    const threshold = query.length - 1 - 2 * max;
    const candidates = threshold > 0 ? this.#sharing(query, threshold) : this.#stems.keys();
    const found: { stem: string; distance: number }[] = [];
    for (const index of candidates) {
      const stem = this.#stems[index] ?? '';
      if (Math.abs(stem.length - query.length) > max) continue;
      this.#measured++;
      const distance = editDistanceWithin(query, stem, max);
      if (distance <= max) found.push({ stem, distance });
    }
    return found;
  }

  /** Indexes of the stems sharing at least `threshold` of the query's bigrams, ascending. */
  #sharing(query: string, threshold: number): number[] {
    const shared = this.#shared;
    const touched: number[] = [];
    for (const [bigram, count] of bigramCounts(query)) {
      const list = this.#postings.get(bigram);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const index = list[i] ?? 0;
        if (shared[index] === 0) touched.push(index);
        shared[index] = (shared[index] ?? 0) + Math.min(count, list[i + 1] ?? 0);
      }
    }
    const passed = touched.filter((index) => (shared[index] ?? 0) >= threshold).sort((a, b) => a - b);
    for (const index of touched) shared[index] = 0;
    return passed;
  }
}

function bigramCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const bigram = text.slice(i, i + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return counts;
}
