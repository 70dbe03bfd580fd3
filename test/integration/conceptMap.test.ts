import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

describe('concept map', () => {
  it('opens from its command and receives every concept of the index', async () => {
    const api = await activateExtension();
    const rendered = new Promise<number>((resolve) => {
      const listener = api.conceptMap.onDidRender((count) => {
        listener.dispose();
        resolve(count);
      });
    });
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    assert.ok(api.conceptMap.panel, 'no panel after the command');
    assert.equal(await rendered, api.index.concepts().length);
  });

  it('reuses the open panel instead of opening a second one', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    const first = api.conceptMap.panel;
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    assert.equal(api.conceptMap.panel, first);
    const mapTabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('alignmentNotes.conceptMap'));
    assert.equal(mapTabs.length, 1);
  });
});
