import type { StudyCard } from './cards';
import { cardStatus, type CardStatus, type ConceptNames, type ConceptReviews, REVIEW_STATE_VERSION, type ReviewStateFile, reviewsOf, endOfDay, setOwn } from './reviewState';
import type { CardState, Scheduler, StudyGrade } from './schedule';

/** What the book needs to know of the index: each concept's names, and whether a key is a concept's id. */
export interface ConceptLookup {
  names(id: string): ConceptNames | undefined;
  isConcept(id: string): boolean;
  keyOf(name: string): string;
}

/**
 * The reviews of every card, in memory: answers where each card stands and records grades. The host loads it
 * from the state file and saves `toFile()` after each grade.
 */
export class ReviewBook {
  #concepts: Record<string, ConceptReviews>;

  constructor(
    file: ReviewStateFile,
    private readonly lookup: ConceptLookup,
    private readonly scheduler: Scheduler,
  ) {
    this.#concepts = { ...file.concepts };
  }

  /** Whether some reviews are kept under a key that is no concept's id now: only then can a merge have happened. */
  #hasOrphans(): boolean {
    return Object.keys(this.#concepts).some((key) => !this.lookup.isConcept(key));
  }

  /**
   * A concept's reviews. Looking under its names' keys costs a `phraseKey` per name, so it is done only when
   * some reviews lie under a key that is no concept's id (what a merge leaves), which `orphans` may tell ahead.
   */
  #reviews(conceptId: string, orphans = this.#hasOrphans()): { from: string; reviews: ConceptReviews } | undefined {
    if (!orphans) {
      const reviews = Object.hasOwn(this.#concepts, conceptId) ? this.#concepts[conceptId] : undefined;
      return reviews && { from: conceptId, reviews };
    }
    const names = this.lookup.names(conceptId) ?? { id: conceptId, term: conceptId, aliases: [] };
    return reviewsOf(names, this.#concepts, (name) => this.lookup.keyOf(name), (id) => id !== conceptId && this.lookup.isConcept(id));
  }

  stateOf(card: StudyCard, orphans?: boolean): CardState | undefined {
    return this.#reviews(card.conceptId, orphans)?.reviews[card.direction];
  }

  status(card: StudyCard, now: Date, orphans?: boolean): CardStatus {
    return cardStatus(card, this.stateOf(card, orphans), now);
  }

  /**
   * The cards due today (before the end of the local day), in review order: reviews by due time, then cards
   * whose definitions changed, then new cards in the order given; among changed and new cards every
   * definitions → term card comes before the reverses, so a card's reverse does not follow it at once.
   */
  dueToday(cards: readonly StudyCard[], now: Date): CardStatus[] {
    const end = endOfDay(now).getTime();
    const rank = { scheduled: 0, changed: 1, new: 2 } as const;
    const side = (status: CardStatus): number => (status.kind === 'scheduled' || status.card.direction === 'term' ? 0 : 1);
    const orphans = this.#hasOrphans();
    return cards
      .map((card, order) => ({ status: this.status(card, now, orphans), order }))
      .filter(({ status }) => status.due.getTime() < end)
      .sort(
        (a, b) =>
          rank[a.status.kind] - rank[b.status.kind] ||
          a.status.due.getTime() - b.status.due.getTime() ||
          side(a.status) - side(b.status) ||
          a.order - b.order,
      )
      .map(({ status }) => status);
  }

  /**
   * Records a review. The state goes under the concept's own id; reviews it found under a merged concept's
   * former id move there with it (the longer history kept), and the shorter ones are dropped.
   */
  grade(card: StudyCard, grade: StudyGrade, now: Date): CardState {
    const found = this.#reviews(card.conceptId);
    const next = this.scheduler.next(found?.reviews[card.direction], grade, now, card.hash);
    const names = this.lookup.names(card.conceptId);
    if (names) {
      for (const key of [names.term, ...names.aliases].map((name) => this.lookup.keyOf(name))) {
        if (key !== card.conceptId && !this.lookup.isConcept(key)) delete this.#concepts[key];
      }
    }
    setOwn(this.#concepts, card.conceptId, { ...found?.reviews, [card.direction]: next });
    return next;
  }

  toFile(): ReviewStateFile {
    return { version: REVIEW_STATE_VERSION, concepts: { ...this.#concepts } };
  }
}
