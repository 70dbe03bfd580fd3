import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
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
});
