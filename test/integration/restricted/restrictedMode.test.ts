import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, hoversAt, hoverText, openNote, positionOf, SUMMARY, UNIT_1, UNIT_2 } from '../helpers';

/**
 * `capabilities.untrustedWorkspaces.supported: true` promises the whole extension in restricted mode. This
 * suite runs in a VS Code with workspace trust on and the sample course not trusted.
 */
describe('restricted mode (an untrusted workspace)', () => {
  it('runs in a workspace VS Code does not trust', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the suite must run in restricted mode, or it proves nothing');
  });

  it('activates and indexes the notes', async () => {
    const document = await openNote(SUMMARY);
    await vscode.window.showTextDocument(document);
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.index.concepts().length >= 25, `only ${api.index.concepts().length} concepts`);
    assert.deepEqual(api.log.since(0).filter((line) => line.startsWith('error:')), []);
  });

  it('shows hovers, goes to definitions and reports problems', async () => {
    await activateExtension();
    const document = await openNote(UNIT_2);
    assert.match(hoverText(await hoversAt(document, positionOf(document, 'inner misalignment', 8))), /\*\*Inner misalignment\*\*/);
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      positionOf(document, 'inner misalignment', 8),
    );
    assert.ok(found.length >= 1);
    const summary = await openNote(SUMMARY);
    await vscode.window.showTextDocument(summary);
    const deadline = Date.now() + 10_000;
    while (vscode.languages.getDiagnostics(summary.uri).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(vscode.languages.getDiagnostics(summary.uri).length > 0, 'no diagnostics in restricted mode');
  });

  it('opens the concept map and persists its cache, as in a trusted workspace', async () => {
    const api = await activateExtension();
    await openNote(UNIT_1);
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    assert.ok(api.conceptMap.panel, 'no concept map panel');
    await api.cache.save();
    const file = api.cache.file;
    assert.ok(file);
    await vscode.workspace.fs.stat(file);
  });
});
