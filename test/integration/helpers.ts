import * as vscode from 'vscode';
import type { AlignmentNotesApi } from '../../src/extension';

export const EXTENSION_ID = 'alignment-notes.alignment-notes';

/** Activates the extension under test and waits for its first index of the workspace. */
export async function activateExtension(): Promise<AlignmentNotesApi> {
  const extension = vscode.extensions.getExtension<AlignmentNotesApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** A note of the sample course opened as the workspace. */
export function sampleNote(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the sample course open as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

/** The position of the first occurrence of `text` in a document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  if (at < 0) throw new Error(`"${text}" not found in ${document.uri.toString(true)}`);
  return document.positionAt(at + offset);
}

/**
 * Concatenates the markdown of every hover content, for assertions; `appendText` writes spaces as
 * `&nbsp;`, which is turned back into spaces here.
 */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ');
}
