import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, hoverText, positionOf, sampleNote } from './helpers';

async function hoversAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
}

describe('hover', () => {
  before(activateExtension);

  it('shows the definition of a lower-case term in a unit note, with where it is defined', async () => {
    const document = await vscode.workspace.openTextDocument(sampleNote('units', 'Unit 2 - What makes aligning AI difficult.md'));
    const hovers = await hoversAt(document, positionOf(document, 'inner misalignment', 8));
    const text = hoverText(hovers);
    assert.match(text, /\*\*Inner misalignment\*\*/);
    assert.match(text, /goal misgeneralisation/);
    assert.match(text, /Defined in .*Course summary\.md:\d+/);
    assert.match(text, /Unit 1 \\?- Losing control to AI\.md:\d+/, 'the second definition, in Unit 1, is listed too');
  });

  it('shows nothing of ours on a word that names no concept', async () => {
    const document = await vscode.workspace.openTextDocument(sampleNote('Course summary.md'));
    const hovers = await hoversAt(document, positionOf(document, 'Key definitions', 1));
    assert.doesNotMatch(hoverText(hovers), /Defined in/);
  });

  it('keeps hovers untrusted so a command link written in a note cannot run', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: '* **Quitter**: click [here](command:workbench.action.quit) to learn more.\n\nA quitter appears.',
    });
    const hovers = await hoversAt(document, positionOf(document, 'quitter appears', 2));
    assert.ok(hovers.length > 0, 'no hover for a term defined in an unsaved note');
    for (const content of hovers.flatMap((hover) => hover.contents)) {
      if (typeof content === 'string' || !('isTrusted' in content)) continue;
      assert.notEqual(content.isTrusted, true);
    }
    const text = hoverText(hovers);
    assert.match(text, /Quitter/);
    assert.doesNotMatch(text, /\]\(command:/, 'the note text became a markdown link');
  });
});
