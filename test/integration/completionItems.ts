import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { eventually } from './helpers';

/** Our items only: VS Code's markdown extension completes paths and links in the same notes. */
export async function ourItemsAt(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger);
  return list.items.filter((item) => item.detail?.startsWith('Alignment Notes') === true);
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Which kind of link an item inserts, as its label says beside the name: `wikilink` or `citation`. */
export function kindOf(item: vscode.CompletionItem): string | undefined {
  return typeof item.label === 'string' ? undefined : item.label.description;
}

/** The item with this label (and, when given, this kind), failing with the labels there are. */
export function itemLabelled(items: readonly vscode.CompletionItem[], label: string, kind?: string): vscode.CompletionItem {
  const item = items.find((candidate) => labelOf(candidate) === label && (kind === undefined || kindOf(candidate) === kind));
  assert.ok(item, `no ${kind ?? 'item'} "${label}" among ${items.map((candidate) => `${labelOf(candidate)} (${kindOf(candidate) ?? '-'})`).join(', ')}`);
  return item;
}

export function rangeOf(item: vscode.CompletionItem): vscode.Range {
  assert.ok(item.range instanceof vscode.Range, `"${labelOf(item)}" has no single replace range`);
  return item.range;
}

/** Asserts that items of both kinds are offered and that every item of `first` sorts before every other. */
export function assertRankedFirst(items: readonly vscode.CompletionItem[], first: 'wikilink' | 'citation'): void {
  const sortOf = (item: vscode.CompletionItem): string => item.sortText ?? labelOf(item);
  const leading = items.filter((item) => kindOf(item) === first).map(sortOf).sort();
  const trailing = items.filter((item) => kindOf(item) !== first).map(sortOf).sort();
  assert.ok(leading.length > 0 && trailing.length > 0, `expected both kinds, got ${leading.length} ${first} and ${trailing.length} others`);
  assert.ok((leading.at(-1) ?? '') < (trailing[0] ?? ''), `a ${first} item sorts after another kind: ${leading.at(-1)} vs ${trailing[0]}`);
}

/**
 * Types `text` at `at` in a saved note, as the editor would (auto-closed brackets included), runs `body`, and
 * reverts the note so the other tests read it as it was.
 */
export async function withTyped(document: vscode.TextDocument, at: vscode.Position, text: string, body: () => Promise<void>): Promise<void> {
  await vscode.window.showTextDocument(document);
  try {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, at, text);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await body();
  } finally {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await eventually(`${vscode.workspace.asRelativePath(document.uri)} to be reverted`, () => (document.isDirty ? undefined : true));
}
