import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import { type StudyCard, studyCardSteps } from '../../core/study/cards';
import { finish, type Steps, WorkBudget } from '../../core/util/steps';
import { type ConceptPlaces, countByFilter, filterCards, type StudyFilter, studyFilters } from '../../core/study/filters';
import { conceptLookup, conceptPlaces } from '../../core/study/fromIndex';
import { ReviewBook } from '../../core/study/reviewBook';
import { type CardStatus, REVIEW_STATE_VERSION, type ReviewStateFile } from '../../core/study/reviewState';
import { Scheduler, type StudyGrade } from '../../core/study/schedule';
import { ReviewSession } from '../../core/study/session';
import { finishInSlices } from '../slices';
import type { ReviewStore } from './reviewStore';

/** A session with what it was narrowed to. */
export interface ActiveSession {
  readonly session: ReviewSession;
  /** The filter's key, or undefined for every card. */
  readonly filterKey: string | undefined;
  readonly filterLabel: string;
}

export const ALL_CARDS = 'All cards';

/**
 * The flashcards of the workspace: cards made from the index's concepts, the review book loaded from the store,
 * and the current session. Fires `onDidChange` when the cards or their reviews change (the status bar and the
 * panel listen). Each grade is saved at once.
 */
export class StudyService implements vscode.Disposable {
  #book: ReviewBook;
  #cards: { readonly from: readonly unknown[]; readonly list: readonly StudyCard[]; readonly byKey: ReadonlyMap<string, StudyCard> } | undefined;
  #active: ActiveSession | undefined;
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#changed.event;
  /** Resolves when the review state has been read. */
  readonly ready: Promise<void>;
  readonly #disposables: vscode.Disposable[];

  constructor(
    private readonly index: CourseIndex,
    private readonly store: ReviewStore,
    onIndexChange: vscode.Event<readonly string[]>,
    private readonly scheduler = new Scheduler(),
  ) {
    this.#book = this.#newBook({ version: REVIEW_STATE_VERSION, concepts: {} });
    this.ready = this.reload();
    this.#disposables = [this.#changed, onIndexChange(() => this.#indexChanged())];
  }

  /** Reads the state file again (as on activation). */
  async reload(): Promise<void> {
    this.#book = this.#newBook(await this.store.load());
    this.#changed.fire();
  }

  get file(): vscode.Uri {
    return this.store.file;
  }

  get active(): ActiveSession | undefined {
    return this.#active;
  }

  #newBook(file: ReviewStateFile): ReviewBook {
    return new ReviewBook(file, conceptLookup(this.index), this.scheduler);
  }

  /** Every card, rebuilt when the index's concepts change. */
  cards(): readonly StudyCard[] {
    return finish(this.cardSteps());
  }

  /** `cards()` in steps (see `steps.ts`): after a warm start every card is made again, seconds of work on 10,000 notes. */
  *cardSteps(): Steps<readonly StudyCard[]> {
    // Until the cards are of the concepts as they are: they may change while the cards are made (then only the
    // changed concepts' cards are made again).
    for (;;) {
      while (this.index.rebuildPending) {
        this.index.rebuildStep();
        yield;
      }
      const concepts = this.index.concepts();
      if (this.#cards?.from === concepts) return this.#cards.list;
      const list = yield* studyCardSteps(concepts, new WorkBudget());
      this.#cards = { from: concepts, list, byKey: new Map(list.map((card) => [card.key, card])) };
    }
  }

  card(key: string): StudyCard | undefined {
    this.cards();
    return this.#cards?.byKey.get(key);
  }

  #places(): (id: string) => ConceptPlaces {
    return conceptPlaces(this.index, (note) => {
      const path = vscode.workspace.asRelativePath(vscode.Uri.parse(note), false);
      return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    });
  }

  /**
   * Builds every concept's home in slices, so that the filters that read them (`filters`, `dueByFilter`, a
   * filter's `dueToday`) do not build them in one block: over a second of work for 10,000 notes.
   */
  async homesReady(): Promise<void> {
    await finishInSlices(this.index.homesSteps());
  }

  filters(): StudyFilter[] {
    return studyFilters(this.cards(), this.#places());
  }

  /** Today's due cards per filter key. */
  dueByFilter(now = new Date()): Map<string, number> {
    return countByFilter(this.dueToday(undefined, now).map((status) => status.card), this.#places());
  }

  /** The cards due today, of a filter's concepts or of all. */
  dueToday(filterKey?: string, now = new Date()): CardStatus[] {
    return this.#book.dueToday(filterCards(this.cards(), filterKey, this.#places()), now);
  }

  status(card: StudyCard, now = new Date()): CardStatus {
    return this.#book.status(card, now);
  }

  preview(card: StudyCard, now = new Date()): Record<StudyGrade, number> {
    return this.scheduler.preview(this.#book.stateOf(card), now);
  }

  /** Starts a session over today's due cards of a filter (every card without one), replacing any session. */
  start(filterKey?: string, filterLabel = ALL_CARDS): ActiveSession {
    this.#active = { session: new ReviewSession(this.#book, this.dueToday(filterKey).map((status) => status.card)), filterKey, filterLabel };
    this.#changed.fire();
    return this.#active;
  }

  /** Grades the session's current card and saves the state; false when `key` is not the current card (a stale click). */
  async grade(key: string, grade: StudyGrade, now = new Date()): Promise<boolean> {
    const session = this.#active?.session;
    if (!session || session.current?.key !== key) return false;
    session.grade(grade, now);
    this.#changed.fire();
    await this.store.save(this.#book.toFile());
    return true;
  }

  #indexChanged(): void {
    if (this.#active) {
      this.cards();
      if (this.#cards) this.#active.session.refresh(this.#cards.byKey);
    }
    this.#changed.fire();
  }

  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
