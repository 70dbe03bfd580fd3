import { strict as assert } from 'node:assert';
import { getPriority } from 'node:os';
import * as vscode from 'vscode';
import { threadsByNice } from '../unit/helpers/threads';
import { activateExtension, eventually, sampleNote } from './helpers';

const encoder = new TextEncoder();

/** Whether the index holds a concept of that name. */
function defines(api: Awaited<ReturnType<typeof activateExtension>>, term: string): true | undefined {
  return api.index.concepts().some((concept) => concept.term === term) ? true : undefined;
}

describe('notes analysed on worker threads (the desktop extension host)', () => {
  it('stores an opened note, an edit and a note written to disk as analysed off the host thread, and answers from them', async () => {
    const api = await activateExtension();
    const before = api.notes.readStats.analysedElsewhere;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Draft\n\n* **Reward hacking**: gaming the reward.\n' });
    await eventually('the opened note to be indexed', () => defines(api, 'Reward hacking'), 10_000);
    // No hover or other question, which would analyse the note at once on the host thread: the edit waits for a worker.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(3, 0), '* **Specification gaming**: meeting the letter of the objective, not its intent.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually('the edited note to be indexed', () => defines(api, 'Specification gaming'), 10_000);
    const written = sampleNote('units', 'Unit 10 - Written by a worker.md');
    try {
      await vscode.workspace.fs.writeFile(written, encoder.encode('# Unit 10\n\n* **Goodhart\'s law**: a measure that becomes a target stops being a good measure.\n'));
      await eventually('the written note to be indexed', () => defines(api, "Goodhart's law"), 10_000);
    } finally {
      await vscode.workspace.fs.delete(written).then(undefined, () => undefined);
    }
    assert.ok(api.notes.readStats.analysedElsewhere >= before + 3, `${api.notes.readStats.analysedElsewhere - before} notes analysed on worker threads`);
    assert.deepEqual(api.log.since(0).filter((line) => line.includes('off the extension host')), []);
  });

  it('sends an edit too costly for the host thread to a worker at once when a question comes first, and answers once it is back', async () => {
    const api = await activateExtension();
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Pasted\n\n* **Inner alignment**: the learned objective matches the trained one.\n' });
    await eventually('the opened note to be indexed', () => defines(api, 'Inner alignment'), 10_000);
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
    assert.ok(defines(api, 'Mesa-optimiser'), 'the edit is indexed once the question has waited');
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

  it("analyses at the lowest priority on Linux (nice 19 on the workers' own threads), never lowering the extension host's thread", async () => {
    const api = await activateExtension();
    const host = getPriority();
    const before = api.notes.readStats.analysedElsewhere;
    // An opened note goes to a worker, which is started again if it stopped when idle.
    await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Priority\n\n* **Corrigibility**: accepting correction.\n' });
    await eventually('the opened note to be indexed', () => defines(api, 'Corrigibility'), 10_000);
    assert.ok(api.notes.readStats.analysedElsewhere > before, 'analysed on a worker thread');
    assert.equal(getPriority(), host, "the host's thread as it was: elsewhere than Linux a priority is the whole process's");
    const threads = threadsByNice();
    if (!threads) assert.notEqual(process.platform, 'linux', 'Linux lists the threads of a process');
    else assert.ok((threads.get(19) ?? 0) >= 1, `threads by nice value: ${JSON.stringify([...threads])}`);
  });
});
