import { strict as assert } from 'node:assert';
import { getPriority } from 'node:os';
import * as vscode from 'vscode';
import { threadsByNice } from '../unit/helpers/threads';
import { activateExtension, definesTerm, eventually } from './helpers';

describe('notes analysed on worker threads (the desktop extension host)', () => {
  it("analyses at the lowest priority on Linux (nice 19 on the workers' own threads), never lowering the extension host's thread", async () => {
    const api = await activateExtension();
    const host = getPriority();
    const before = api.notes.readStats.analysedElsewhere;
    // An opened note goes to a worker, which is started again if it stopped when idle.
    await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Priority\n\n* **Corrigibility**: accepting correction.\n' });
    await eventually('the opened note to be indexed', () => definesTerm(api, 'Corrigibility'), 10_000);
    assert.ok(api.notes.readStats.analysedElsewhere > before, 'analysed on a worker thread');
    assert.equal(getPriority(), host, "the host's thread as it was: elsewhere than Linux a priority is the whole process's");
    const threads = threadsByNice();
    if (!threads) assert.notEqual(process.platform, 'linux', 'Linux lists the threads of a process');
    else assert.ok((threads.get(19) ?? 0) >= 1, `threads by nice value: ${JSON.stringify([...threads])}`);
  });
});
