import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoversAt, openNote, positionOf, sampleNote, SUMMARY, UNIT_1, UNIT_2 } from './helpers';

/** Every file under the workspace folder with its bytes and modification time. */
function snapshot(): Map<string, string> {
  const root = sampleNote().fsPath;
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else files.set(path, `${stat.mtimeMs} ${readFileSync(path).toString('base64')}`);
    }
  };
  walk(root);
  return files;
}

describe('never writes to a note', () => {
  it('leaves every file of the workspace as it was through indexing, hovers, navigation, the concept map, a flashcard review and a restart', async () => {
    const api = await activateExtension();
    const before = snapshot();
    assert.ok(before.size >= 5);
    await api.restart();
    for (const path of [SUMMARY, UNIT_1, UNIT_2]) {
      const document = await openNote(path);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 3));
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', document.uri);
      await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
      await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, new vscode.Position(3, 3));
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0));
    }
    const unit2 = await openNote(UNIT_2);
    await hoversAt(unit2, positionOf(unit2, 'inner misalignment', 8));
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    await eventually('the concept map', () => api.conceptMap.panel, 10_000);
    // A flashcard reviewed: its state goes to the extension's storage, not beside the notes.
    await api.study.service.ready;
    const unit = api.study.service.filters().find((filter) => filter.kind === 'unit');
    await vscode.commands.executeCommand('alignmentNotes.reviewFlashcards', unit?.key);
    const card = api.study.service.active?.session.current;
    assert.ok(card && (await api.study.service.grade(card.key, 'good')), 'a card was reviewed');
    await api.cache.save();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const after = snapshot();
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path));
    assert.deepEqual(changed, []);
  });

  it('offers its quick fix as an edit that changes nothing until the user applies it', async () => {
    await activateExtension();
    const document = await openNote(SUMMARY);
    const before = snapshot();
    const anchorAt = positionOf(document, '#what-failure-look-like', 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(anchorAt, anchorAt));
    const fix = actions.find((action) => action.edit !== undefined);
    assert.ok(fix?.edit, 'a quick fix with an edit');
    assert.equal(fix.command, undefined, 'a quick fix runs no command of its own');
    assert.ok(!document.isDirty);
    assert.deepEqual([...snapshot()].filter(([path, state]) => before.get(path) !== state), []);
  });
});
