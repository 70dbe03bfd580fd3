import * as vscode from 'vscode';
import type { CourseIndex } from '../core/index/courseIndex';
import { OPEN_CONCEPT_MAP_COMMAND } from './commands';

/** A status bar entry with the number of concepts indexed; shown while a markdown editor is active. */
export class ConceptCountStatus implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('alignmentNotes.conceptCount', vscode.StatusBarAlignment.Right, 100);
  readonly #disposables: vscode.Disposable[] = [this.#item];

  constructor(private readonly index: CourseIndex, onIndexChange: vscode.Event<readonly string[]>) {
    this.#item.name = 'Alignment Notes';
    this.#item.command = OPEN_CONCEPT_MAP_COMMAND;
    this.#item.tooltip = 'Alignment Notes: open the concept map';
    this.#disposables.push(
      onIndexChange(() => this.#update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.#update()),
    );
    this.#update();
  }

  #update(): void {
    const count = this.index.concepts().length;
    this.#item.text = `$(book) ${count} ${count === 1 ? 'concept' : 'concepts'}`;
    if (vscode.window.activeTextEditor?.document.languageId === 'markdown') this.#item.show();
    else this.#item.hide();
  }

  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
