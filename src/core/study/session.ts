import type { StudyCard } from './cards';
import type { ReviewBook } from './reviewBook';
import type { CardState, StudyGrade } from './schedule';

/** A card due again within this time (a learning step: 1 or 10 minutes) comes back later in the same session, as in Anki. */
export const LEARN_AHEAD_MS = 20 * 60_000;

/**
 * One sitting: the cards due today (of a filter) in order; each grade records the review in the book and puts
 * a card that is due again within the learn-ahead time back at the end of the queue. Done when the queue is empty.
 */
export class ReviewSession {
  readonly #queue: StudyCard[];
  #reviewed = 0;

  constructor(
    private readonly book: ReviewBook,
    cards: readonly StudyCard[],
  ) {
    this.#queue = [...cards];
  }

  get current(): StudyCard | undefined {
    return this.#queue[0];
  }

  get remaining(): number {
    return this.#queue.length;
  }

  get reviewed(): number {
    return this.#reviewed;
  }

  /** Grades the current card; returns its new state, or undefined when the session is done. */
  grade(grade: StudyGrade, now: Date): CardState | undefined {
    const card = this.#queue.shift();
    if (!card) return undefined;
    const state = this.book.grade(card, grade, now);
    this.#reviewed++;
    if (new Date(state.due).getTime() - now.getTime() <= LEARN_AHEAD_MS) this.#queue.push(card);
    return state;
  }

  /** Drops cards no longer in the deck (their concept was deleted while the session ran) and replaces the rest with their current version. */
  refresh(cards: ReadonlyMap<string, StudyCard>): void {
    for (let i = this.#queue.length - 1; i >= 0; i--) {
      const fresh = cards.get(this.#queue[i]?.key ?? '');
      if (fresh) this.#queue[i] = fresh;
      else this.#queue.splice(i, 1);
    }
  }
}
