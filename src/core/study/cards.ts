import type { Concept, Definition } from '../model';
import { contentHash } from '../util/hash';
import { finish, type Steps, WorkBudget } from '../util/steps';

/**
 * Which side a card asks for. `term`: the card shows the definitions (their sources hidden, the term masked)
 * and asks for the term. `definitions`: the reverse, it shows the term and asks for its definitions.
 */
export type CardDirection = 'term' | 'definitions';
export const CARD_DIRECTIONS: readonly CardDirection[] = ['term', 'definitions'];

/** One definition as a card shows it: plain text, and where it was written (the answer's source link). */
export interface CardDefinition {
  readonly text: string;
  readonly note: string;
  /** 0-based line of the definition. */
  readonly line: number;
  /** Whose words an attributed definition reports (`Smith 2024`), shown beside it. */
  readonly attribution?: string;
}

/** A flashcard made from a concept's definitions: no card syntax, the definitions people already wrote. */
export interface StudyCard {
  /** `<direction>:<concept id>`, unique per card. */
  readonly key: string;
  readonly conceptId: string;
  readonly direction: CardDirection;
  readonly term: string;
  readonly aliases: readonly string[];
  readonly definitions: readonly CardDefinition[];
  /** Hash of the definitions' text: a card whose definitions changed since its last review is due again. */
  readonly hash: string;
}

export const MASK = '…';

export function cardKey(direction: CardDirection, conceptId: string): string {
  return `${direction}:${conceptId}`;
}

/** The definitions worth asking about: those with words (a concept page without a definition yet gives an empty one). */
export function cardDefinitions(definitions: readonly Definition[]): CardDefinition[] {
  return definitions
    .filter((definition) => definition.text.trim() !== '')
    .map((definition) => {
      const attribution = definition.source?.label ?? definition.source?.target;
      return {
        text: definition.text.trim(),
        note: definition.note,
        line: definition.range.start.line,
        ...(attribution ? { attribution } : {}),
      };
    });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text with every whole-word mention of a name (any case) replaced by `…`: longer names first, so `RLHF` inside a full name is not left behind. */
export function maskNames(text: string, names: readonly string[]): string {
  const words = [...new Set(names.map((name) => name.trim()).filter((name) => name !== ''))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, MASK);
}

/** The hash of what a card asks about: its definitions' words, in order. Moving a definition to another note does not change it. */
export function definitionsHash(definitions: readonly CardDefinition[]): string {
  return contentHash(definitions.map((definition) => definition.text).join('\u0000'));
}

/**
 * The question side of a `term` card: its definitions with the term and its aliases masked, so that they do not
 * give the answer away. Made when the card is shown, not for every card of the workspace.
 */
export function promptOf(card: Pick<StudyCard, 'term' | 'aliases' | 'definitions'>): string[] {
  return card.definitions.map((definition) => maskNames(definition.text, [card.term, ...card.aliases]));
}

/** Each concept's cards, kept while the concept object lives: the index replaces a concept only when it changed. */
const cardsOf = new WeakMap<Concept, readonly StudyCard[]>();

function conceptCards(concept: Concept): readonly StudyCard[] {
  const definitions = cardDefinitions(concept.definitions);
  if (definitions.length === 0) return [];
  let hash: string | undefined;
  return CARD_DIRECTIONS.map((direction) => ({
    key: cardKey(direction, concept.id),
    conceptId: concept.id,
    direction,
    term: concept.term,
    aliases: concept.aliases,
    definitions,
    // Hashed when first asked (a reviewed card's status, a grade), not for every card of the workspace.
    get hash(): string {
      return (hash ??= definitionsHash(definitions));
    },
  }));
}

/**
 * Two cards per concept that has a definition with words: definitions → term and term → definitions. In
 * concept order (the index's, by term), the `term` card first. Only changed concepts' cards are made again.
 * `studyCardSteps` makes them in steps (see `steps.ts`), a definition a unit of work: a warm start makes every
 * card again, and 10,000 notes' definitions took 0.1-0.6 s in one block.
 */
export function studyCards(concepts: Iterable<Concept>): StudyCard[] {
  return finish(studyCardSteps(concepts, new WorkBudget()));
}

/** `studyCards` in steps. */
export function* studyCardSteps(concepts: Iterable<Concept>, budget: WorkBudget): Steps<StudyCard[]> {
  const cards: StudyCard[] = [];
  for (const concept of concepts) {
    let made = cardsOf.get(concept);
    if (!made) {
      cardsOf.set(concept, (made = conceptCards(concept)));
      if (budget.spend(concept.definitions.length)) yield;
    }
    cards.push(...made);
  }
  return cards;
}
