import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CacheStore } from '../../src/vscode/cacheStore';
import { createLog } from '../../src/vscode/log';
import { indexed, REJECTED, SAVED } from './cacheLog';
import { activateExtension, eventually, hoversAt, hoverText, openNote, positionOf, UNIT_2 } from './helpers';

type Api = Awaited<ReturnType<typeof activateExtension>>;

/** Runs `body` and returns the log lines it added. */
async function logOf(api: Api, body: () => Promise<void>): Promise<string[]> {
  const before = api.log.count();
  await body();
  return api.log.since(before);
}

/** The cache's own version field, so that only the shape is wrong. */
function versionOf(valid: Uint8Array): { version: unknown } {
  const data: unknown = JSON.parse(new TextDecoder().decode(valid));
  return { version: typeof data === 'object' && data !== null && 'version' in data ? data.version : undefined };
}

async function hoverStillWorks(): Promise<void> {
  const document = await openNote(UNIT_2);
  const text = hoverText(await hoversAt(document, positionOf(document, 'inner misalignment', 8)));
  assert.match(text, /\*\*Inner misalignment\*\*/);
}

async function cacheFile(api: Api): Promise<vscode.Uri> {
  const file = api.cache.file;
  assert.ok(file, 'the test workspace has workspace storage');
  await api.cache.flush(); // no save of the extension's own may land between the test's write and the restart
  return file;
}

describe('analysis cache', () => {
  it('is written after the first index, in workspace storage and never beside the notes, leaving no temporary file', async () => {
    const api = await activateExtension();
    const file = await cacheFile(api);
    await eventually('the cache file', async () => vscode.workspace.fs.stat(file).then(() => true, () => undefined), 10_000);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '';
    assert.ok(!file.toString().startsWith(folder), `${file.toString()} is inside the workspace`);
    const data: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    assert.ok(api.index.importCache(data), 'the written cache reads back');
    const dir = vscode.Uri.joinPath(file, '..');
    const names = (await vscode.workspace.fs.readDirectory(dir)).map(([name]) => name);
    assert.deepEqual(names.filter((name) => name.endsWith('.tmp')), []);
  });

  it('is used on the next start: every unchanged note comes from it, none is parsed', async () => {
    const api = await activateExtension();
    await api.cache.save();
    const lines = await logOf(api, () => api.restart());
    const { notes, fromCache } = indexed(lines);
    assert.ok(notes >= 5, `only ${notes} notes`);
    assert.equal(fromCache, notes);
    assert.deepEqual(lines.filter((line) => REJECTED.test(line)), []);
    await hoverStillWorks();
  });

  it('is not written again by a start that found every note as the cache holds it, and is after the next change', async () => {
    const api = await activateExtension();
    const file = await cacheFile(api);
    await api.cache.save();
    const written = await vscode.workspace.fs.readFile(file);
    const { mtime } = await vscode.workspace.fs.stat(file);
    const lines = await logOf(api, async () => {
      await api.restart();
      await api.cache.flush();
    });
    assert.equal(indexed(lines).fromCache, indexed(lines).notes);
    assert.deepEqual(lines.filter((line) => SAVED.test(line)), [], lines.join('\n'));
    assert.equal(lines.filter((line) => /analysis cache holds the \d+ notes as they are; not written again/.test(line)).length, 1, lines.join('\n'));
    assert.equal((await vscode.workspace.fs.stat(file)).mtime, mtime, 'the file was written');
    assert.deepEqual(await vscode.workspace.fs.readFile(file), written);
    // A note the cache does not hold: the next save writes it.
    const since = api.log.count();
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Extra terms\n\n* **Honeypot**: a tempting chance to misbehave.\n' });
    await vscode.window.showTextDocument(document);
    const saves = async (from: number, what: string): Promise<void> => {
      await eventually(what, async () => {
        await api.cache.flush();
        return api.log.since(from).some((line) => SAVED.test(line)) ? true : undefined;
      }, 10_000);
    };
    try {
      await saves(since, 'a save after the new note');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // The notes are those of the start again, but the file now holds the new note: it is written once more.
    await saves(api.log.count(), 'a save after the new note was closed');
    assert.equal(api.index.noteCount, indexed(lines).notes);
  });

  it('is written again when its file was removed after a start that found every note as it held them', async () => {
    const api = await activateExtension();
    const file = await cacheFile(api);
    await api.cache.save();
    const restarted = await logOf(api, async () => {
      await api.restart();
      await api.cache.flush();
    });
    assert.equal(restarted.filter((line) => SAVED.test(line)).length, 0, restarted.join('\n'));
    await vscode.workspace.fs.delete(file);
    const lines = await logOf(api, () => api.cache.save());
    assert.equal(lines.filter((line) => SAVED.test(line)).length, 1, lines.join('\n'));
    const data: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    assert.ok(api.index.importCache(data), 'the written cache reads back');
  });

  it('without workspace storage (no folder open) keeps nothing and says so in one log line', async () => {
    const api = await activateExtension();
    const { log, record } = createLog();
    try {
      const store = new CacheStore(api.index, undefined, log, undefined);
      assert.equal(store.file, undefined);
      assert.equal(await store.restore(), 'absent');
      await store.save();
      assert.deepEqual(record.since(0), ['info: No workspace storage (no folder open): analyses are not kept between sessions; each start reads every note.']);
    } finally {
      log.dispose();
    }
  });

  const bad: [string, (valid: Uint8Array) => Uint8Array][] = [
    ['garbage bytes', () => new Uint8Array([0xff, 0x00, 0x7b, 0x22, 0xfe, 0x0a])],
    ['a file cut in half, as a crash mid-write would leave it', (valid) => valid.slice(0, Math.floor(valid.length / 2))],
    ['a cache of another version', () => new TextEncoder().encode(JSON.stringify({ version: 999_999, entries: [] }))],
    ['valid JSON of the wrong shape', (valid) => new TextEncoder().encode(JSON.stringify({ ...versionOf(valid), entries: [{ note: 1 }] }))],
  ];
  for (const [what, corrupt] of bad) {
    it(`holding ${what} is ignored with one log line, rebuilt, and hovers still work`, async () => {
      const api = await activateExtension();
      const file = await cacheFile(api);
      await api.cache.save();
      await vscode.workspace.fs.writeFile(file, corrupt(await vscode.workspace.fs.readFile(file)));
      const lines = await logOf(api, () => api.restart());
      assert.equal(lines.filter((line) => REJECTED.test(line)).length, 1, lines.join('\n'));
      assert.equal(lines.filter((line) => line.startsWith('error:')).length, 0, lines.join('\n'));
      const { notes, fromCache } = indexed(lines);
      assert.ok(notes >= 5);
      assert.equal(fromCache, 0, 'nothing came from the bad cache');
      await hoverStillWorks();
      // Rebuilt: the start wrote a good cache again, which the next start uses.
      const again = await logOf(api, () => api.restart());
      assert.deepEqual(again.filter((line) => REJECTED.test(line)), []);
      assert.equal(indexed(again).fromCache, indexed(again).notes);
    });
  }
});
