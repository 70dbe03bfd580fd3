import * as vscode from 'vscode';
import { REVIEW_FLASHCARDS_COMMAND } from '../commands';
import { finishInSlices } from '../slices';
import type { StudyService } from './studyService';

/** Recounts after a burst of changes, and every few minutes, since cards fall due as time passes. */
const RECOUNT_DELAY_MS = 500;
const RECOUNT_EVERY_MS = 5 * 60_000;

/** A status bar entry with the flashcards due today; click to review. Hidden while the workspace has no cards. */
export class DueCardsStatus implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('alignmentNotes.dueCards', vscode.StatusBarAlignment.Right, 99);
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts the changes of the cards: a recount begun before the last one stops. */
  #updates = 0;
  readonly #interval = setInterval(() => void this.update(), RECOUNT_EVERY_MS);
  readonly #disposables: vscode.Disposable[] = [this.#item];

  constructor(private readonly study: StudyService) {
    this.#item.name = 'Alignment Notes: flashcards due';
    this.#item.command = REVIEW_FLASHCARDS_COMMAND;
    this.#disposables.push(
      study.onDidChange(() => {
        clearTimeout(this.#timer);
        this.#updates++;
        this.#timer = setTimeout(() => void this.update(), RECOUNT_DELAY_MS);
      }),
    );
  }

  /** The count shown now, for tests. */
  get text(): string {
    return this.#item.text;
  }

  /**
   * Recounts; the cards are made in slices first (after a warm start, every card is made again). Stops when the
   * cards change meanwhile: the recount scheduled then takes over.
   */
  async update(): Promise<void> {
    const updates = this.#updates;
    if (!(await finishInSlices(this.study.cardSteps(), () => this.#updates !== updates))) return;
    if (this.study.cards().length === 0) {
      this.#item.hide();
      return;
    }
    const due = this.study.dueToday().length;
    this.#item.text = `$(mortar-board) ${due} due`;
    this.#item.tooltip = `Alignment Notes: ${due} ${due === 1 ? 'flashcard' : 'flashcards'} due today. Click to review.`;
    this.#item.show();
  }

  dispose(): void {
    clearTimeout(this.#timer);
    clearInterval(this.#interval);
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
