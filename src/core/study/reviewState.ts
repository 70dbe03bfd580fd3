import { CARD_DIRECTIONS, type CardDirection, type StudyCard } from './cards';
import type { CardState, MemoryState } from './schedule';

export const REVIEW_STATE_VERSION = 1;

/** One concept's reviews: each card's state, by direction. */
export type ConceptReviews = Partial<Record<CardDirection, CardState>>;

/**
 * The review state file: cards' FSRS states keyed by concept identity (the concept's id), never written into
 * the notes. `{"version":1,"concepts":{"<concept id>":{"term":{...},"definitions":{...}}}}`.
 */
export interface ReviewStateFile {
  readonly version: typeof REVIEW_STATE_VERSION;
  readonly concepts: Readonly<Record<string, ConceptReviews>>;
}

const MEMORY_STATES: readonly MemoryState[] = ['learning', 'review', 'relearning'];

/** Sets an own property, even one named `__proto__` (concept ids are whatever people wrote). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function isCardState(value: unknown): value is CardState {
  return (
    isRecord(value) &&
    typeof value.hash === 'string' &&
    isDate(value.due) &&
    isDate(value.lastReview) &&
    isNumber(value.stability) &&
    isNumber(value.difficulty) &&
    isNumber(value.scheduledDays) &&
    isNumber(value.learningSteps) &&
    Number.isInteger(value.reps) &&
    isNumber(value.reps) &&
    Number.isInteger(value.lapses) &&
    isNumber(value.lapses) &&
    (MEMORY_STATES as readonly unknown[]).includes(value.state)
  );
}

/** Reads a review state file; undefined when it is not one (not JSON, another shape, or a card state that is not well formed). */
export function parseReviewState(text: string): ReviewStateFile | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.version !== REVIEW_STATE_VERSION || !isRecord(data.concepts)) return undefined;
  const concepts: Record<string, ConceptReviews> = {};
  for (const [id, reviews] of Object.entries(data.concepts)) {
    if (!isRecord(reviews)) return undefined;
    const entry: { -readonly [K in CardDirection]?: CardState } = {};
    for (const [direction, state] of Object.entries(reviews)) {
      if (!(CARD_DIRECTIONS as readonly string[]).includes(direction) || !isCardState(state)) return undefined;
      entry[direction as CardDirection] = state;
    }
    setOwn(concepts, id, entry);
  }
  return { version: REVIEW_STATE_VERSION, concepts };
}

/** The file's text: one concept per line, in id order, so that a diff of two states is readable. */
export function reviewStateJson(state: ReviewStateFile): string {
  const ids = Object.keys(state.concepts).sort();
  const lines = ids.map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(state.concepts[id])}`);
  return `{\n  "version": ${REVIEW_STATE_VERSION},\n  "concepts": {\n${lines.join(',\n')}\n  }\n}\n`;
}

/** How many reviews a concept's cards have had: the length of its history. */
export function historyLength(reviews: ConceptReviews | undefined): number {
  if (!reviews) return 0;
  return CARD_DIRECTIONS.reduce((sum, direction) => sum + (reviews[direction]?.reps ?? 0), 0);
}

/** What a concept is known by: its id, and the keys of its term and aliases (the ids its parts had before they merged). */
export interface ConceptNames {
  readonly id: string;
  readonly term: string;
  readonly aliases: readonly string[];
}

/**
 * The state a concept's reviews are kept under in `concepts`. Its own id first; when two concepts merged
 * (an alias joined them), each brought its reviews under its former id, which is now a key of one of its names:
 * the longest history is kept (ties: its own id's). A key that is still another concept's id is that concept's.
 */
export function reviewsOf(
  concept: ConceptNames,
  concepts: Readonly<Record<string, ConceptReviews>>,
  keyOf: (name: string) => string,
  isOtherConcept: (id: string) => boolean,
): { readonly from: string; readonly reviews: ConceptReviews } | undefined {
  const candidates = [concept.id, ...[concept.term, ...concept.aliases].map(keyOf)].filter(
    (key, at, all) => all.indexOf(key) === at && (key === concept.id || !isOtherConcept(key)),
  );
  let best: { from: string; reviews: ConceptReviews } | undefined;
  for (const key of candidates) {
    const reviews = Object.hasOwn(concepts, key) ? concepts[key] : undefined;
    if (reviews && (!best || historyLength(reviews) > historyLength(best.reviews))) best = { from: key, reviews };
  }
  return best;
}

/** Where a card stands today. `new`: never reviewed; `changed`: its definitions changed since its last review (due now). */
export type CardStatusKind = 'new' | 'changed' | 'scheduled';

export interface CardStatus {
  readonly card: StudyCard;
  readonly state: CardState | undefined;
  readonly kind: CardStatusKind;
  /** When it is due: now for a new or changed card. */
  readonly due: Date;
}

export function cardStatus(card: StudyCard, state: CardState | undefined, now: Date): CardStatus {
  if (!state) return { card, state, kind: 'new', due: now };
  if (state.hash !== card.hash) return { card, state, kind: 'changed', due: now };
  return { card, state, kind: 'scheduled', due: new Date(state.due) };
}

/** The end of the local day of `now`: "due today" means due before it. */
export function endOfDay(now: Date): Date {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return end;
}
