import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, sourceFiles } from './helpers/sourceFiles';

/** .vscodeignore is an allow-list: `**` ignores everything, each `!path` lets files in. */
function allowList(): string[] {
  return readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).trim());
}

describe('packaging', () => {
  it('ships in the .vsix every bundle the extension loads: both entry points and the analysis workers each starts', () => {
    const allowed = allowList();
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; browser: string };
    const desktop = readFileSync(join(REPO_ROOT, manifest.main), 'utf8');
    assert.ok(desktop.includes('analysisWorker.js'), 'the desktop bundle starts dist/analysisWorker.js');
    const web = readFileSync(join(REPO_ROOT, manifest.browser), 'utf8');
    assert.ok(web.includes('analysisWorker.js'), 'the web bundle starts dist/web/analysisWorker.js');
    for (const bundle of [manifest.main, manifest.browser, './dist/analysisWorker.js', './dist/web/analysisWorker.js']) assert.ok(allowed.includes(bundle.replace(/^\.\//, '')), `${bundle} is not in .vscodeignore's allow-list`);
  });

  it('ships the samples that Open Sample Notes copies, all but the vault’s expected results for our tests', () => {
    const patterns = allowList()
      .filter((pattern) => pattern.startsWith('samples/'))
      .map((pattern) => globToRegExp(pattern));
    const walk = (dir: string): string[] =>
      readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
    const files = walk('samples');
    const shipped = files.filter((file) => patterns.some((pattern) => pattern.test(file)));
    assert.deepEqual(files.filter((file) => !shipped.includes(file)), ['samples/alignment-vault/EXPECTED.json']);
    const source = readFileSync(join(REPO_ROOT, 'src', 'vscode', 'sampleNotes.ts'), 'utf8');
    assert.match(source, /joinPath\(extensionUri, 'samples'\)/, 'the command copies the folder the manifest ships');
  });

  it('ships every file a webview page loads from media/ (scripts and styles of the concept map and the flashcards)', () => {
    const allowed = allowList();
    const loaded = sourceFiles(join(REPO_ROOT, 'src/vscode')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/joinPath\(\s*(?:this\.)?extensionUri,\s*((?:'[^']+'\s*,?\s*)+)\)/g)].map((match) =>
        [...(match[1] ?? '').matchAll(/'([^']+)'/g)].map((part) => part[1]).join('/'),
      ),
    );
    const files = loaded.filter((path) => /\.(js|css|png)$/.test(path));
    assert.ok(files.includes('media/dist/review.js') && files.includes('media/review.css') && files.includes('media/dist/conceptMap.js'), files.join(', '));
    for (const file of files) assert.ok(allowed.includes(file), `${file} is loaded by a webview but not in .vscodeignore's allow-list`);
  });

  it('ships the walkthrough’s pictures', () => {
    const allowed = allowList();
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { walkthroughs?: { steps: { media: { image: string } }[] }[] } };
    const images = (manifest.contributes.walkthroughs ?? []).flatMap((walkthrough) => walkthrough.steps.map((step) => step.media.image));
    assert.ok(images.length > 0);
    for (const image of images) assert.ok(allowed.includes(image), `${image} is shown by the walkthrough but not in .vscodeignore's allow-list`);
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
