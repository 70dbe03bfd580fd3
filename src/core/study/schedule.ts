import { type Card, type FSRS, fsrs, generatorParameters, type Grade, Rating, State, createEmptyCard } from 'ts-fsrs';

/** The four answers a review takes, as the buttons and keys 1-4 name them. */
export type StudyGrade = 'again' | 'hard' | 'good' | 'easy';

const RATINGS: Record<StudyGrade, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

export type MemoryState = 'learning' | 'review' | 'relearning';
const STATES: Record<MemoryState, State> = { learning: State.Learning, review: State.Review, relearning: State.Relearning };

/** What is kept of one card after its reviews: FSRS's memory state, as plain JSON, and the definitions it was reviewed on. */
export interface CardState {
  /** The card's `definitionsHash` when it was last reviewed. */
  readonly hash: string;
  /** When it is next due (ISO 8601). */
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  /** Reviews so far: the length of its history. */
  readonly reps: number;
  readonly lapses: number;
  readonly state: MemoryState;
  /** ISO 8601. */
  readonly lastReview: string;
}

function toFsrs(state: CardState | undefined, now: Date): Card {
  if (!state) return createEmptyCard(now);
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: STATES[state.state],
    last_review: new Date(state.lastReview),
  };
}

function fromFsrs(card: Card, hash: string, now: Date): CardState {
  const state = card.state === State.Review ? 'review' : card.state === State.Relearning ? 'relearning' : 'learning';
  return {
    hash,
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state,
    lastReview: (card.last_review ?? now).toISOString(),
  };
}

/**
 * FSRS scheduling (ts-fsrs, its default parameters: 90% retention, learning steps 1 and 10 minutes). Fuzz
 * spreads cards reviewed together over nearby days, as Anki does; tests turn it off to pin intervals.
 */
export class Scheduler {
  readonly #fsrs: FSRS;

  constructor(options: { readonly fuzz: boolean } = { fuzz: true }) {
    this.#fsrs = fsrs(generatorParameters({ enable_fuzz: options.fuzz }));
  }

  /** The card's state after a review with this grade at `now`, for definitions with `hash`. */
  next(state: CardState | undefined, grade: StudyGrade, now: Date, hash: string): CardState {
    return fromFsrs(this.#fsrs.next(toFsrs(state, now), now, RATINGS[grade]).card, hash, now);
  }

  /** For each grade, how long until the card would be due again: shown on the grade buttons. */
  preview(state: CardState | undefined, now: Date): Record<StudyGrade, number> {
    const card = toFsrs(state, now);
    const after = (grade: StudyGrade): number => this.#fsrs.next(card, now, RATINGS[grade]).card.due.getTime() - now.getTime();
    return { again: after('again'), hard: after('hard'), good: after('good'), easy: after('easy') };
  }
}

/** A duration as the grade buttons show it: `1m`, `10m`, `3h`, `4d`, `2.5mo`, `1.2y`. */
export function shortDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(ms / 86_400_000);
  if (days < 31) return `${days}d`;
  if (days < 365) return `${(days / 30.4).toFixed(1).replace(/\.0$/, '')}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, '')}y`;
}
