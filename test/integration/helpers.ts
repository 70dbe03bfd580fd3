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

/** Whether the index holds a concept of that name (`true` or undefined, for `eventually`). */
export function definesTerm(api: AlignmentNotesApi, term: string): true | undefined {
  return api.index.concepts().some((concept) => concept.term === term) ? true : undefined;
}

/** A note of the sample course opened as the workspace (a fresh copy per run). */
export function sampleNote(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the sample course open as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

/**
 * A pattern for text that links into the workspace, `<folder>` standing for the workspace folder's URI:
 * `file:///…` in a Node extension host, `vscode-remote://…` in the offline VS Code's web worker host.
 */
export function inWorkspace(pattern: string): RegExp {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
  if (!folder) throw new Error('the integration tests need a workspace folder');
  return new RegExp(pattern.replaceAll('<folder>', folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

export const SUMMARY = ['Course summary.md'];
export const UNIT_1 = ['units', 'Unit 1 - Losing control to AI.md'];
export const UNIT_2 = ['units', 'Unit 2 - What makes aligning AI difficult.md'];

export async function openNote(path: readonly string[]): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(sampleNote(...path));
}

/** The position of the first occurrence of `text` in a document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  if (at < 0) throw new Error(`"${text}" not found in ${document.uri.toString(true)}`);
  return document.positionAt(at + offset);
}

/**
 * Concatenates the markdown of every hover content, for assertions; the escapes `appendText` adds
 * (`&nbsp;` for spaces, a backslash before markdown punctuation) are undone here.
 */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
}

export async function hoversAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The location of a definition or link as `relative/path.md:line` (1-based), for readable assertions. */
export function where(uri: vscode.Uri, line: number): string {
  return `${vscode.workspace.asRelativePath(uri, false)}:${line + 1}`;
}

/** What F12 and Shift+F12 answer. */
export type Target = vscode.Location | vscode.LocationLink;

/** Each target as `relative/path.md:line` (1-based), at its selection when it has one. */
export function targets(found: readonly Target[]): string[] {
  return found.map((t) => ('targetUri' in t ? where(t.targetUri, (t.targetSelectionRange ?? t.targetRange).start.line) : where(t.uri, t.range.start.line)));
}

/** Runs `body` with a setting changed, restoring it afterwards. */
export async function withSetting(key: string, value: unknown, body: () => Promise<void>): Promise<void> {
  const config = vscode.workspace.getConfiguration('alignmentNotes');
  const before = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    await body();
  } finally {
    await vscode.workspace.getConfiguration('alignmentNotes').update(key, before, vscode.ConfigurationTarget.Global);
  }
}
