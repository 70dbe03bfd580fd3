import * as vscode from 'vscode';
import { WALKTHROUGH_CONTEXT } from '../commands';

export type WalkthroughAction = keyof typeof WALKTHROUGH_CONTEXT;

/**
 * Tells the walkthrough that a provider answered in an editor, by setting the step's context key (its
 * `onContext:` completion event). Each key is set once per window, so the providers' hot path costs a set
 * lookup. VS Code does not say who asked a provider: another extension's `vscode.executeHoverProvider`, or
 * Ctrl+hovering a link (which asks the definition provider), ticks a step too.
 */
export class WalkthroughProgress {
  readonly #done = new Set<WalkthroughAction>();

  /** Records `action`, answered for `document`, if that document is shown in an editor. */
  answered(action: WalkthroughAction, document: vscode.TextDocument): void {
    if (this.#done.has(action) || !vscode.window.visibleTextEditors.some((editor) => editor.document === document)) return;
    this.#done.add(action);
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT[action], true);
  }
}
