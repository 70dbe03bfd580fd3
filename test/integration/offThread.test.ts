import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, definesTerm, eventually, sampleNote } from './helpers';

const encoder = new TextEncoder();

// In both hosts: worker threads in Node's, a `Worker` of our own in the web worker host.
describe('notes analysed off the extension host\'s thread (worker threads on the desktop, a Worker on the web)', () => {
  it('stores an opened note, an edit and a note written to disk as analysed off the host thread, and answers from them', async () => {
    const api = await activateExtension();
    const before = api.notes.readStats.analysedElsewhere;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Draft\n\n* **Reward hacking**: gaming the reward.\n' });
    await eventually('the opened note to be indexed', () => definesTerm(api, 'Reward hacking'), 10_000);
    // No hover or other question, which would analyse the note at once on the host thread: the edit waits for a worker.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(3, 0), '* **Specification gaming**: meeting the letter of the objective, not its intent.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually('the edited note to be indexed', () => definesTerm(api, 'Specification gaming'), 10_000);
    const written = sampleNote('units', 'Unit 10 - Written by a worker.md');
    try {
      await vscode.workspace.fs.writeFile(written, encoder.encode('# Unit 10\n\n* **Goodhart\'s law**: a measure that becomes a target stops being a good measure.\n'));
      await eventually('the written note to be indexed', () => definesTerm(api, "Goodhart's law"), 10_000);
    } finally {
      await vscode.workspace.fs.delete(written).then(undefined, () => undefined);
    }
    assert.ok(api.notes.readStats.analysedElsewhere >= before + 3, `${api.notes.readStats.analysedElsewhere - before} notes analysed off the host's thread`);
    assert.deepEqual(api.log.since(0).filter((line) => line.includes('off the extension host')), []);
  });

  it('sends an edit too costly for the host thread to a worker at once when a question comes first, and answers once it is back', async () => {
    const api = await activateExtension();
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Pasted\n\n* **Inner alignment**: the learned objective matches the trained one.\n' });
    await eventually('the opened note to be indexed', () => definesTerm(api, 'Inner alignment'), 10_000);
    const { analysedHere, analysedElsewhere } = api.notes.readStats;
    // 5,000 nested emphasis openers (RELIABILITY.md): read within the inline budget, still up to half a second of one thread.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(3, 0), `\nQuoted from a forum: ${'*a '.repeat(5_000)}\n\n* **Mesa-optimiser**: a learned model that is itself an optimiser.\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    // A question as the edit arrives, before its analysis (which waits for typing to pause), as providers ask.
    assert.equal(document.version, 2);
    const synced = api.notes.sync(document);
    assert.equal(api.notes.readStats.analysedHere, analysedHere, 'the costly text was analysed on the host thread for the question');
    assert.ok(synced instanceof Promise, 'the question is told to wait for the analysis on a worker');
    await synced;
    assert.ok(definesTerm(api, 'Mesa-optimiser'), 'the edit is indexed once the question has waited');
    assert.ok(api.notes.readStats.analysedElsewhere > analysedElsewhere);
    // Below the edit, a hover is answered from the text as it is, not from the positions of the text before the edit.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(6, 6));
    assert.match(hovers.map((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value)).join('')).join(''), /itself an optimiser/);
    assert.equal(api.notes.readStats.analysedHere, analysedHere);
    // An ordinary edit is still analysed here when a question comes first: the answer is about the text as it is now.
    const ordinary = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Ordinary\n' });
    await eventually('the ordinary note to be indexed', () => (api.index.hasNote(ordinary.uri.toString()) ? true : undefined), 10_000);
    const plain = new vscode.WorkspaceEdit();
    plain.insert(ordinary.uri, new vscode.Position(1, 0), '\n* **Outer alignment**: the trained objective matches what we want.\n');
    assert.ok(await vscode.workspace.applyEdit(plain));
    const now = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ordinary.uri, new vscode.Position(2, 6));
    assert.match(now.map((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value)).join('')).join(''), /trained objective matches what we want/);
  });
});
