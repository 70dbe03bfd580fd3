import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { indexed, REJECTED } from '../integration/cacheLog';
import { HostSession, hasExited, waitFor } from './hostSession';

/** Long enough that only the test's kill or reload ends the wait: a save paused, a scheduled save never due. */
const FOREVER_MS = 600_000;
const UNIT_1 = ['units', 'Unit 1 - Losing control to AI.md'];

/** The temporary files of cache saves in the cache's folder. */
function temporaryFiles(cacheFile: string): string[] {
  const dir = dirname(cacheFile);
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.tmp')).map((name) => join(dir, name)) : [];
}

/**
 * Waits until a save is in the middle of its write (it then pauses: `cacheWritePauseMs`): part of a temporary
 * file not in `before` is written, or the cache file itself is torn (a save that writes in place).
 */
function writeInProgress(cacheFile: string, before: readonly string[]): Promise<string | undefined> {
  const written = (): { temporary: string | undefined } | undefined => {
    const temporary = temporaryFiles(cacheFile).find((file) => !before.includes(file) && sizeOf(file) > 0);
    if (temporary) return { temporary };
    return existsSync(cacheFile) && !parses(readFileSync(cacheFile)) ? { temporary: undefined } : undefined;
  };
  return waitFor('a cache save to be in the middle of its write', written, 120_000).then(({ temporary }) => temporary);
}

/** A file's size; 0 once it is gone (a start deletes the files of unfinished saves). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Whether the bytes are a whole JSON document. */
function parses(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/**
 * The extension host as a real process (code-server's, started by the test): killed with SIGKILL in the middle
 * of a cache write, and stopped by a window reload, which deactivates the extension. The tests run in order
 * on one VS Code, each start of the host continuing from the disk the previous one left.
 */
describe('the analysis cache across extension host processes', function () {
  this.timeout(300_000);
  let session: HostSession;
  /** Where the hosts keep the cache: the same for every start, as the workspace is. */
  let cacheFile = '';
  before(async () => {
    session = await HostSession.open('cache');
  });
  after(async () => session?.close());

  it('a host killed during its first cache save leaves no cache and no half one; the next start indexes every note afresh', async () => {
    const first = await session.report(await session.startHost({ settings: { cacheWritePauseMs: FOREVER_MS } }));
    cacheFile = first.cacheFile;
    const temporary = await writeInProgress(first.cacheFile, []);
    await session.killHost(first.pid);
    assert.ok(!existsSync(first.cacheFile), 'no cache file was left, not even half of one');
    // The save never got to its rename: the kill landed in the middle of the write.
    assert.ok(temporary && existsSync(temporary), 'the temporary file of the interrupted save is still there');
    assert.ok(!parses(readFileSync(temporary)), 'the temporary file holds part of a cache');

    const second = await session.report(await session.startHost({ settings: {}, awaitSave: true }));
    assert.notEqual(second.pid, first.pid);
    assert.deepEqual(second.log.filter((line) => /Read the analysis cache/.test(line) || REJECTED.test(line)), [], 'there was no cache to read');
    const { notes, fromCache } = indexed(second.log);
    assert.ok(notes >= 5, `only ${notes} notes`);
    assert.equal(fromCache, 0);
    assert.deepEqual(temporaryFiles(second.cacheFile), [], 'the interrupted save left nothing behind after the next start');
    assert.ok(parses(readFileSync(second.cacheFile)), 'the next start saved a whole cache');
  });

  it('a host killed in the middle of a later cache save leaves the previous cache, which the next start uses whole', async () => {
    const before = temporaryFiles(cacheFile);
    const previous = readFileSync(cacheFile);
    // A note changed since the last save, so that the next start has a save to make: one that finds every note as
    // the cache holds it writes nothing.
    const changed = join(session.workspace, ...UNIT_1);
    writeFileSync(changed, `${readFileSync(changed, 'utf8').trimEnd()}\n\nChanged between two sessions.\n`);
    const start = await session.report(await session.startHost({ settings: { cacheWritePauseMs: FOREVER_MS } }));
    const temporary = await writeInProgress(start.cacheFile, before);
    await session.killHost(start.pid);
    assert.ok(readFileSync(start.cacheFile).equals(previous), 'the cache file is the previous one, byte for byte, not half of a new one');
    assert.ok(temporary && existsSync(temporary), 'the temporary file of the interrupted save is still there');
    assert.ok(!parses(readFileSync(temporary)), 'the temporary file holds part of a cache');

    const next = await session.report(await session.startHost({ settings: {}, awaitSave: true }));
    assert.equal(next.log.filter((line) => REJECTED.test(line)).length, 0, next.log.join('\n'));
    assert.equal(next.log.filter((line) => /Read the analysis cache/.test(line)).length, 1, next.log.join('\n'));
    const { notes, fromCache } = indexed(next.log);
    assert.equal(fromCache, notes - 1, 'every note but the changed one came from the previous cache');
    assert.deepEqual(temporaryFiles(next.cacheFile), []);
  });

  it('on deactivation, saves the analyses not saved yet; the next start takes every note, the one just edited too, from the cache', async () => {
    const term = 'Deactivation sentinel';
    const settings = { cacheSaveDelayMs: FOREVER_MS };
    const start = await session.startHost(
      { settings, awaitSave: true, editThenReload: { note: UNIT_1, definition: `* **${term}**: a term written just before the window closed.`, term } },
      { settings, lookFor: [term] },
    );
    const edited = await session.report(start);
    assert.equal(edited.concepts[term], true, 'the edited note was indexed');
    assert.equal(edited.cacheHeldTermBeforeReload, false, 'its save was still pending when the window reloaded');

    const next = await session.report(start + 1);
    assert.notEqual(next.pid, edited.pid);
    assert.ok(hasExited(edited.pid), 'the reload stopped the previous extension host');
    assert.equal(next.log.filter((line) => REJECTED.test(line)).length, 0, next.log.join('\n'));
    const { notes, fromCache } = indexed(next.log);
    assert.equal(fromCache, notes, `every note came from the cache saved on deactivation:\n${next.log.join('\n')}`);
    assert.equal(next.concepts[term], true);
  });
});
