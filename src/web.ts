import type * as vscode from 'vscode';
import { type AlignmentNotesApi, activateWith } from './extension';

export { deactivate } from './extension';

/** The entry point in VS Code's web worker extension host, which has no worker threads: notes are analysed in slices. */
export function activate(context: vscode.ExtensionContext): AlignmentNotesApi {
  return activateWith(context, { name: 'web worker extension host' });
}
