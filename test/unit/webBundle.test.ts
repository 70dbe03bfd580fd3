import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/sourceFiles';
import { workerMisfits } from './helpers/workerGlobals';

/** Reading a 1 MB bundle with TypeScript's checker takes several seconds on a busy machine. */
const READ_TIMEOUT_MS = 120_000;

describe('web bundle (dist/web/extension.js, the manifest\'s "browser" entry)', () => {
  it('finds what a web worker lacks: DOM and Node globals and required modules, in code but not in comments or properties', function () {
    this.timeout(READ_TIMEOUT_MS);
    const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-bundle-'));
    try {
      const file = join(dir, 'sample.js');
      writeFileSync(
        file,
        [
          'const vscode = require("vscode"); const fs = require("node:fs");',
          '/** @param {Node} node the document to read */ function read(node) { return node; }',
          'const element = document.createElement("i"); const cwd = process.cwd(); Buffer.from(""); setImmediate(read);',
          'const fine = { document: 1, window: 2 }; fine.document = self.navigator; new TextDecoder(); fetch("x"); setTimeout(read, 0);',
          'module.exports = { read, element, cwd, vscode, fs };',
        ].join('\n'),
      );
      assert.deepEqual(workerMisfits(file), {
        globals: { document: 1, process: 1, Buffer: 1, setImmediate: 1 },
        modules: { vscode: 1, 'node:fs': 1 },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('needs nothing a web worker extension host lacks: no DOM, no Node globals, no module but vscode', function () {
    this.timeout(READ_TIMEOUT_MS);
    const misfits = workerMisfits(join(REPO_ROOT, 'dist', 'web', 'extension.js'));
    assert.deepEqual(misfits.globals, {}, 'globals a web worker does not have (a package\'s browser build that uses the DOM? see esbuild.mjs)');
    assert.deepEqual(Object.keys(misfits.modules), ['vscode']);
  });

  it('has an analysis worker (dist/web/analysisWorker.js) that needs nothing a nested web worker lacks: no DOM, no Node, no module at all', function () {
    this.timeout(READ_TIMEOUT_MS);
    const misfits = workerMisfits(join(REPO_ROOT, 'dist', 'web', 'analysisWorker.js'));
    assert.deepEqual(misfits.globals, {}, 'globals a web worker does not have');
    assert.deepEqual(misfits.modules, {}, 'a worker started from a blob: URL has no loader');
  });
});
