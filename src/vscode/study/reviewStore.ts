import * as vscode from 'vscode';
import { parseReviewState, REVIEW_STATE_VERSION, type ReviewStateFile, reviewStateJson } from '../../core/study/reviewState';

const FILE = 'review-state.json';

/**
 * The review state file in the extension's storage: the workspace's (`context.storageUri`), or the global one
 * when no folder is open. Never in the notes. Each save writes a temporary file renamed over the old one, so a
 * crash leaves the old state or the new one; saves never overlap. A file that is not a review state is renamed
 * aside (never deleted), reported once, and reviews go on from an empty state.
 */
export class ReviewStore {
  readonly file: vscode.Uri;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.file = vscode.Uri.joinPath(dir, FILE);
  }

  async load(): Promise<ReviewStateFile> {
    await this.#removeUnfinishedSaves();
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(this.file);
    } catch {
      return { version: REVIEW_STATE_VERSION, concepts: {} };
    }
    const state = parseReviewState(new TextDecoder('utf-8').decode(bytes));
    if (state) {
      this.log.info(`Flashcards: read the review state of ${Object.keys(state.concepts).length} concepts.`);
      return state;
    }
    const aside = vscode.Uri.joinPath(this.dir, `review-state.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    let where = `it was left in place (${this.file.toString(true)})`;
    try {
      await vscode.workspace.fs.rename(this.file, aside, { overwrite: false });
      where = `it was kept as ${aside.toString(true)}`;
    } catch (error) {
      this.log.warn(`Flashcards: could not set the unreadable review state aside: ${error instanceof Error ? error.message : String(error)}`);
    }
    const message = `Alignment Notes: the flashcard review state could not be read, so reviews start afresh; ${where}.`;
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
    return { version: REVIEW_STATE_VERSION, concepts: {} };
  }

  /** Saves after any save in progress; resolves when this one is on disk (or failed, with a log line). */
  save(state: ReviewStateFile): Promise<void> {
    const text = reviewStateJson(state);
    this.#writing = this.#writing.then(() => this.#write(text));
    return this.#writing;
  }

  async #write(text: string): Promise<void> {
    const temp = vscode.Uri.joinPath(this.dir, `${FILE}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
    try {
      await vscode.workspace.fs.createDirectory(this.dir);
      await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(temp, this.file, { overwrite: true });
    } catch (error) {
      this.log.warn(`Flashcards: could not save the review state: ${error instanceof Error ? error.message : String(error)}`);
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    }
  }

  /** Deletes the temporary files of saves a stopped extension host never finished. */
  async #removeUnfinishedSaves(): Promise<void> {
    const names = await vscode.workspace.fs.readDirectory(this.dir).then(
      (entries) => entries.map(([name]) => name).filter((name) => name.startsWith(`${FILE}.`) && name.endsWith('.tmp')),
      () => [],
    );
    await Promise.all(names.map((name) => vscode.workspace.fs.delete(vscode.Uri.joinPath(this.dir, name)).then(undefined, () => undefined)));
  }
}
