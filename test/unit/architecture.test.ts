import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT as root, sourceFiles } from './helpers/sourceFiles';

/** Every module specifier a file imports, re-exports, requires or loads dynamically. */
export function importsOf(source: string): string[] {
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*${}\s,]+\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[\w*${}\s,]+\s+from\s+['"]([^'"]+)['"]/g,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

function isForbidden(specifier: string): boolean {
  if (specifier === 'vscode' || specifier.startsWith('node:')) return true;
  return builtinModules.includes(specifier.split('/')[0] ?? specifier);
}

describe('architecture', () => {
  it('finds every kind of import statement it is meant to police', () => {
    const sample = [
      "import * as vscode from 'vscode';",
      "import type { Stats } from 'fs';",
      "export { join } from 'node:path';",
      "const os = require('os');",
      "const cp = await import('child_process');",
      "import 'path';",
    ].join('\n');
    assert.deepEqual(importsOf(sample).filter(isForbidden), ['vscode', 'fs', 'path', 'node:path', 'os', 'child_process']);
  });

  for (const folder of ['src/core', 'src/shared', 'src/webview']) {
    it(`${folder} imports neither vscode nor Node built-ins`, () => {
      const files = sourceFiles(join(root, folder));
      assert.ok(files.length > 0, `no sources found in ${folder}`);
      const offending = files.flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter(isForbidden)
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      );
      assert.deepEqual(offending, []);
    });
  }

  it('src/vscode and the composition root reach files only through workspace.fs, so virtual workspaces work', () => {
    const files = [...sourceFiles(join(root, 'src/vscode')), ...['extension.ts', 'desktop.ts', 'web.ts'].map((file) => join(root, 'src', file))];
    const offending = files.flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const imports = importsOf(source)
        .filter((specifier) => specifier !== 'vscode' && isForbidden(specifier))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`);
      // A path on disk exists only for the file scheme: nothing may assume one.
      const paths = source.split('\n').filter((line) => line.includes('.fsPath'));
      return [...imports, ...paths.map((line) => `${relative(root, file)} uses fsPath: ${line.trim()}`)];
    });
    assert.deepEqual(offending, []);
  });

  it('only src/vscode and the composition root import vscode', () => {
    const offending = sourceFiles(join(root, 'src'))
      .filter((file) => importsOf(readFileSync(file, 'utf8')).includes('vscode'))
      .map((file) => relative(root, file))
      .filter((file) => !file.startsWith('src/vscode/') && !['src/extension.ts', 'src/desktop.ts', 'src/web.ts'].includes(file));
    assert.deepEqual(offending, []);
  });
});
