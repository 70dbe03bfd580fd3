import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../../scripts/lib/browser';
import { installDir, installState, isInside } from '../../scripts/lib/offlineVsCode';
import { repoRoot } from '../../scripts/lib/paths';
import { assertPortFree, freePort } from '../../scripts/lib/ports';
import { assertNodeVersion, SetupError } from '../../scripts/lib/setupError';

/** The set-up checks of the test and demo scripts: each bad set-up gives one clear line. */
describe('set-up checks', () => {
  it('names the required Node.js major when another one runs', () => {
    assert.throws(() => assertNodeVersion('18.19.1'), (error: unknown) => {
      assert.ok(error instanceof SetupError);
      assert.equal(error.message, 'Node.js 20 is required (found v18.19.1): the offline VS Code, code-server 4.100.3, runs only on Node 20.');
      return true;
    });
    assert.doesNotThrow(() => assertNodeVersion('20.20.2'));
  });

  it('says which port is taken', async () => {
    const port = await freePort();
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      await assert.rejects(assertPortFree(port), new SetupError(`port ${port} on 127.0.0.1 is already in use; stop what uses it or set ALIGNMENT_NOTES_PORT to a free port.`));
    } finally {
      server.close();
    }
    await assertPortFree(port);
  });

  it('says how to install chromium when it is missing', () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      assert.throws(() => chromiumPath(), /Chromium not found at \/nonexistent\/chromium: run `bash scripts\/setup-system.sh`/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});

describe('offline VS Code cache', () => {
  it('tells a finished install from one an interruption left half-written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'offline-vscode-'));
    try {
      assert.equal(installState(join(dir, 'missing')), 'absent');
      const entry = join(dir, 'node_modules', 'code-server', 'out', 'node');
      mkdirSync(entry, { recursive: true });
      writeFileSync(join(entry, 'entry.js'), '');
      assert.equal(installState(dir), 'partial', 'no marker: npm was interrupted before the install finished');
      writeFileSync(join(dir, '.installed.json'), '{}');
      assert.equal(installState(dir), 'complete');
      rmSync(join(entry, 'entry.js'));
      assert.equal(installState(dir), 'partial', 'a marker without code-server is not an install');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lives outside the repository, which is the extension development path (inside it, VS Code never applies the settings\' colour theme)', () => {
    assert.equal(isInside(installDir(), repoRoot()), false, installDir());
    const saved = process.env.XDG_CACHE_HOME;
    try {
      process.env.XDG_CACHE_HOME = '/home/student/.cache-elsewhere';
      assert.equal(installDir(), '/home/student/.cache-elsewhere/alignment-notes/code-server-4.100.3');
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });

  it('tells a path inside a folder from one beside it', () => {
    assert.equal(isInside('/repo/.vscode-test/code-server', '/repo'), true);
    assert.equal(isInside('/repo', '/repo'), true);
    assert.equal(isInside('/repo-cache/code-server', '/repo'), false);
    assert.equal(isInside('/home/me/.cache/alignment-notes', '/repo'), false);
  });
});
