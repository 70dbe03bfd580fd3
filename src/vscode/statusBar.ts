import * as vscode from 'vscode';
import type { CourseIndex } from '../core/index/courseIndex';
import { OPEN_CONCEPT_MAP_COMMAND, SHOW_LOG_COMMAND } from './commands';
import type { IndexProgress, WorkspaceNotes } from './workspaceNotes';

/**
 * A status bar entry shown while a markdown editor is active: notes read of notes found while the workspace is
 * indexed, then the number of concepts. Clicking it opens the concept map; its tooltip links to the log.
 * The count appears only once the first index ends, so a number there is never a partial one.
 */
export class ConceptCountStatus implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('alignmentNotes.conceptCount', vscode.StatusBarAlignment.Right, 100);
  readonly #disposables: vscode.Disposable[] = [this.#item];

  constructor(
    private readonly index: CourseIndex,
    private readonly notes: Pick<WorkspaceNotes, 'onDidChange' | 'onDidProgress' | 'indexing'>,
  ) {
    this.#item.name = 'Alignment Notes';
    this.#item.command = OPEN_CONCEPT_MAP_COMMAND;
    this.#disposables.push(
      notes.onDidChange(() => this.#update()),
      notes.onDidProgress(() => this.#update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.#update()),
    );
    this.#update();
  }

  #update(): void {
    const progress = this.notes.indexing;
    // While indexing, the count would cost a rebuild of every concept per batch and be out of date at once.
    if (progress) this.#show(indexingText(progress), `Alignment Notes is indexing the workspace's notes${progress.found > 0 ? ` (${progress.read} of ${progress.found} read)` : ''}.`);
    else {
      const count = this.index.concepts().length;
      this.#show(`$(book) ${count} ${count === 1 ? 'concept' : 'concepts'}`, `Alignment Notes: ${count} ${count === 1 ? 'concept' : 'concepts'} in ${this.index.noteCount} ${this.index.noteCount === 1 ? 'note' : 'notes'}. Click to open the concept map.`);
    }
  }

  #show(text: string, summary: string): void {
    this.#item.text = text;
    const tooltip = new vscode.MarkdownString(`${summary}\n\n[Show the log](command:${SHOW_LOG_COMMAND})`);
    // Our own words only, no note text: the one command the link runs is allowed.
    tooltip.isTrusted = { enabledCommands: [SHOW_LOG_COMMAND] };
    this.#item.tooltip = tooltip;
    if (vscode.window.activeTextEditor?.document.languageId === 'markdown') this.#item.show();
    else this.#item.hide();
  }

  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
  }
}

/** `Indexing notes` while they are listed, then `1,200 of 10,000 notes`. */
function indexingText(progress: IndexProgress): string {
  if (progress.found === 0) return '$(sync~spin) Indexing notes';
  return `$(sync~spin) ${progress.read.toLocaleString('en-US')} of ${progress.found.toLocaleString('en-US')} notes`;
}
