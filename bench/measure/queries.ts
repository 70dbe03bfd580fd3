import { chance, int, pick, type Random, seeded } from '../corpus/prng';

export type QueryKind = 'exact' | 'prefix' | 'misspelled';

export interface Query {
  readonly text: string;
  readonly kind: QueryKind;
  /** The term the query was made from. */
  readonly term: string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One substitution, insertion, deletion or transposition of a letter, never at the first letter. */
function misspell(random: Random, word: string): string {
  if (word.length < 4) return `${word}${pick(random, [...LETTERS])}`;
  const at = int(random, 1, word.length - 2);
  const letter = pick(random, [...LETTERS]);
  switch (int(random, 0, 3)) {
    case 0:
      return word.slice(0, at) + (letter === word[at] ? 'x' : letter) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2:
      return word.slice(0, at) + word.slice(at + 1);
    default:
      return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
  }
}

/**
 * `count` seeded queries over `terms`, in the proportions of performance-baseline.md §5: 37.7% exact (half as
 * written, half lower case), 30.3% prefixes of 3-8 characters, 32% single-edit misspellings. The first
 * query is always `resiliance`, the course's own typo of `Resilience`.
 */
export function makeQueries(terms: readonly string[], count: number, seed: number): Query[] {
  const random = seeded(seed, 'queries', terms.length, count);
  const queries: Query[] = [];
  if (terms.some((term) => term === 'Resilience')) queries.push({ text: 'resiliance', kind: 'misspelled', term: 'Resilience' });
  while (queries.length < count) {
    const term = pick(random, terms);
    const roll = random();
    if (roll < 0.377) queries.push({ text: chance(random, 0.5) ? term : term.toLowerCase(), kind: 'exact', term });
    else if (roll < 0.68) queries.push({ text: term.toLowerCase().slice(0, int(random, 3, 8)), kind: 'prefix', term });
    else {
      const words = term.toLowerCase().split(' ');
      const which = int(random, 0, words.length - 1);
      words[which] = misspell(random, words[which] ?? '');
      queries.push({ text: words.join(' '), kind: 'misspelled', term });
    }
  }
  return queries;
}
