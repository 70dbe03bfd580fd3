import type { Concept } from '../model';
import { finish, sortInSteps, type Steps, WorkBudget } from '../util/steps';

/** A term or alias as completion offers it. */
export interface NamedConcept {
  readonly concept: Concept;
  readonly name: string;
}

/** A name, by its concept's id: the index outlives the concept objects, which an edit replaces. */
interface Entry {
  readonly id: string;
  readonly name: string;
  readonly lower: string;
  /** Its place among every concept's names, concepts in term order and each concept's term before its aliases. */
  readonly order: number;
}

/**
 * Every concept's names, lower-cased and sorted, so that completion finds the names starting with what is typed by a
 * binary search instead of lower-casing and comparing all of them (about 13,000 for 3,000 concepts) at every key.
 * It holds names and ids only, so it stays valid while no note's terms or aliases change (`CourseIndex` carries it).
 */
export class TermPrefixes {
  readonly #entries: readonly Entry[];

  private constructor(entries: readonly Entry[]) {
    this.#entries = entries;
  }

  /** The names of `concepts` (in term order), built at once. */
  static of(concepts: readonly Concept[]): TermPrefixes {
    return finish(TermPrefixes.build(concepts, new WorkBudget()));
  }

  /** The same in steps (a name a unit, a comparison a twentieth), as the concepts change: a host builds it between other work. */
  static *build(concepts: readonly Concept[], budget: WorkBudget): Steps<TermPrefixes> {
    const entries: Entry[] = [];
    for (const concept of concepts) {
      for (const name of [concept.term, ...concept.aliases]) {
        entries.push({ id: concept.id, name, lower: name.toLowerCase(), order: entries.length });
        if (budget.spend()) yield;
      }
    }
    return new TermPrefixes(yield* sortInSteps(entries, (a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : a.order - b.order), budget));
  }

  /**
   * For each phrase (lower-cased, longest first), the names that start with it and with no phrase before it, in term
   * order, at most `limit`: a name goes to the first phrase it starts with, even when that one is full. `conceptOf`
   * gives the concepts as they are now.
   */
  startingWith(phrases: readonly string[], limit: number, conceptOf: (id: string) => Concept | undefined): NamedConcept[][] {
    return phrases.map((phrase, p) => {
      const found: Entry[] = [];
      for (let i = this.#first(phrase); i < this.#entries.length; i++) {
        const entry = this.#entries[i];
        if (!entry?.lower.startsWith(phrase)) break;
        if (!phrases.slice(0, p).some((longer) => entry.lower.startsWith(longer))) found.push(entry);
      }
      return found
        .sort((a, b) => a.order - b.order)
        .slice(0, limit)
        .flatMap(({ id, name }) => {
          const concept = conceptOf(id);
          return concept ? [{ concept, name }] : [];
        });
    });
  }

  /** The first entry not below `phrase`. */
  #first(phrase: string): number {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#entries[middle]?.lower ?? '') < phrase) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
