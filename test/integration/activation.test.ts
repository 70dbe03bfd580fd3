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

  it('reports notes read of notes found while the workspace is indexed, and no progress once the index ends', async () => {
    const api = await activateExtension();
    assert.equal(api.notes.indexing, undefined, 'no index runs once the first has ended');
    const reports: (string | undefined)[] = [];
    const listening = api.notes.onDidProgress((progress) => reports.push(progress && `${progress.read} of ${progress.found}`));
    try {
      await api.restart();
    } finally {
      listening.dispose();
    }
    const notes = api.index.noteCount;
    assert.ok(notes >= 5, `${notes} notes`);
    // Listing first (nothing found yet), then found; read only grows, up to every note; then the end.
    assert.deepEqual(reports, ['0 of 0', `0 of ${notes}`, `${notes} of ${notes}`, undefined]);
    assert.equal(api.notes.indexing, undefined);
  });

  it('registers its commands under the Alignment Notes category', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('alignmentNotes.openConceptMap'));
    assert.ok(commands.includes('alignmentNotes.showLog'));
  });
});
