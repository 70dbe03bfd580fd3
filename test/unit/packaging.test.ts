import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/sourceFiles';

describe('packaging', () => {
  it('ships in the .vsix every bundle the extension loads: both entry points and the analysis worker the desktop one starts', () => {
    // .vscodeignore is an allow-list: `**` ignores everything, each `!path` lets one file in.
    const allowed = readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).trim());
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; browser: string };
    const desktop = readFileSync(join(REPO_ROOT, manifest.main), 'utf8');
    assert.ok(desktop.includes('analysisWorker.js'), 'the desktop bundle starts dist/analysisWorker.js');
    for (const bundle of [manifest.main, manifest.browser, './dist/analysisWorker.js']) assert.ok(allowed.includes(bundle.replace(/^\.\//, '')), `${bundle} is not in .vscodeignore's allow-list`);
  });

  it('ships the samples that Open Sample Notes copies, all but the vault’s expected results for our tests', () => {
    const allowed = readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!samples/'))
      .map((line) => line.slice(1).trim());
    const patterns = allowed.map((pattern) => globToRegExp(pattern));
    const walk = (dir: string): string[] =>
      readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
    const files = walk('samples');
    const shipped = files.filter((file) => patterns.some((pattern) => pattern.test(file)));
    assert.deepEqual(files.filter((file) => !shipped.includes(file)), ['samples/alignment-vault/EXPECTED.json']);
    const source = readFileSync(join(REPO_ROOT, 'src', 'vscode', 'sampleNotes.ts'), 'utf8');
    assert.match(source, /joinPath\(extensionUri, 'samples'\)/, 'the command copies the folder the manifest ships');
  });
});

/** vsce's globs as the allow-list writes them: `**` any depth, `*` within one folder. */
function globToRegExp(glob: string): RegExp {
  const parts = glob.split(/(\*\*\/|\*\*|\*)/).map((part) => {
    if (part === '**/') return '(?:.*/)?';
    if (part === '**') return '.*';
    if (part === '*') return '[^/]*';
    return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}
