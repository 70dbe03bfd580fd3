import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileNow } from '../../src/node/writeFileNow';

describe('writeFileNow (the cache save on deactivation)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'alignment-notes-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('writes the bytes over the old file, creating its folder, and leaves no temporary file', () => {
    const file = join(dir, 'storage', 'analysis-cache.json');
    assert.equal(writeFileNow({ scheme: 'file', fsPath: file }, bytes('{"old":true}')), true);
    assert.equal(writeFileNow({ scheme: 'file', fsPath: file }, bytes('{"new":true}')), true);
    assert.equal(readFileSync(file, 'utf8'), '{"new":true}');
    assert.deepEqual(readdirSync(join(dir, 'storage')), ['analysis-cache.json']);
  });

  it('writes nothing for a file that is not on disk', () => {
    const file = join(dir, 'analysis-cache.json');
    assert.equal(writeFileNow({ scheme: 'vscode-userdata', fsPath: file }, bytes('{}')), false);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('throws when the rename fails, leaving what was there and no temporary file', () => {
    const file = join(dir, 'analysis-cache.json');
    mkdirSync(file);
    writeFileSync(join(file, 'keep'), 'x');
    assert.throws(() => writeFileNow({ scheme: 'file', fsPath: file }, bytes('{}')));
    assert.deepEqual(readdirSync(dir), ['analysis-cache.json']);
    assert.ok(existsSync(join(file, 'keep')));
  });
});
