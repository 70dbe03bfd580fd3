import { chance, pick, type Random } from './prng';
import { ADJECTIVES, ADVERBS, CONJUNCTIONS, NOUNS, OPENERS, PREPOSITIONS, VERBS } from './proseWords';
import { capitalise } from './text';

/** Fills a noun-phrase slot with a link or a mention, or leaves it to plain words (undefined). */
export type Fill = () => string | undefined;

/** Sentence shapes: `{np}` is a noun phrase (or what `fill` gives), the rest single words of proseWords.ts. */
const TEMPLATES = [
  '{adv}, {np} {verb} {np}.',
  '{np} {verb} {np} {pp}.',
  '{opener}, {np} {verb} {np} {conj} {np} {verb} {np}.',
  '{np} is {adj} {conj} {np} {verb} {np} {pp}.',
  'The {noun} {pp} {verb} {np}, and {np} {verb} {np}.',
  '{np} {adv} {verb} {np}; {np} {verb} {np} {pp}.',
  'Read {np} next to {np}: {np} {verb} {np}.',
];

/**
 * Pseudo-English for vault pages and linked prose: sentences from templates over the prose word banks, with
 * some noun phrases filled by the caller (a wikilink, a term). Grammatical enough to read as prose to a
 * parser; it never spells a term by accident (the banks are disjoint from the term words).
 */
export class Prose {
  constructor(private readonly random: Random) {}

  sentence(fill: Fill): string {
    const template = pick(this.random, TEMPLATES);
    const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => this.#slot(slot, fill));
    return capitalise(text);
  }

  /** `count` sentences in one paragraph. */
  paragraph(count: number, fill: Fill): string {
    return Array.from({ length: count }, () => this.sentence(fill)).join(' ');
  }

  /** A plain noun phrase: `the subtle result`. */
  nounPhrase(): string {
    const random = this.random;
    const determiner = pick(random, ['the', 'the', 'a', 'this', 'that', 'each', 'our']);
    const adjective = chance(random, 0.4) ? `${pick(random, ADJECTIVES)} ` : '';
    const noun = pick(random, NOUNS);
    return `${determiner === 'a' && /^[aeio]/.test(adjective || noun) ? 'an' : determiner} ${adjective}${noun}`;
  }

  #slot(slot: string, fill: Fill): string {
    const random = this.random;
    switch (slot) {
      case 'np':
        return fill() ?? this.nounPhrase();
      case 'pp':
        return `${pick(random, PREPOSITIONS)} ${fill() ?? this.nounPhrase()}`;
      case 'verb':
        return pick(random, VERBS);
      case 'adj':
        return pick(random, ADJECTIVES);
      case 'adv':
        return pick(random, ADVERBS);
      case 'conj':
        return pick(random, CONJUNCTIONS);
      case 'opener':
        return pick(random, OPENERS);
      case 'noun':
        return pick(random, NOUNS);
      default:
        throw new Error(`unknown slot {${slot}}`);
    }
  }
}
