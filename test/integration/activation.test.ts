import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, sampleNote } from './helpers';

describe('activation', () => {
  it('activates on a markdown note and indexes the sample course', async () => {
    const document = await vscode.workspace.openTextDocument(sampleNote('Course summary.md'));
    await vscode.window.showTextDocument(document);
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const terms = api.index.concepts().map((concept) => concept.term);
    assert.ok(terms.length >= 25, `only ${terms.length} concepts indexed`);
    for (const term of ['Inner misalignment', 'Schemer', 'Polysemanticity', 'Debate']) assert.ok(terms.includes(term), term);
    assert.ok(!terms.includes('NotAConcept'), 'a definition inside a code fence was indexed');
  });

  it('registers its commands under the Alignment Notes category', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('alignmentNotes.openConceptMap'));
    assert.ok(commands.includes('alignmentNotes.showLog'));
  });
});
