import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { demoUrl, desktopArgs, OPEN_MAP_ON_STARTUP, writeDemo } from '../../scripts/lib/demo';
import { repoRoot, sampleCourseDir, sampleVaultDir } from '../../scripts/lib/paths';

/** Every file under `dir`, relative, sorted: to see that writing the demo leaves the samples as they were. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** What `npm start` opens (scripts/lib/demo.ts): the end-to-end test opens the same in the browser. */
describe('the npm start demo', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'alignment-notes-demo-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a workspace of both samples, named by paths relative to the workspace file, with the map on at start; the samples are left as they were', () => {
    const before = listing(join(repoRoot(), 'samples'));
    const demo = writeDemo(join(dir, 'demo'));
    assert.equal(demo.workspaceFile, join(dir, 'demo', 'alignment-notes-demo.code-workspace'));
    const workspace = JSON.parse(readFileSync(demo.workspaceFile, 'utf8')) as { folders: { name: string; path: string }[]; settings: Record<string, unknown> };
    assert.deepEqual(
      workspace.folders.map((folder) => [folder.name, resolve(dir, 'demo', folder.path)]),
      [
        ['Sample course', sampleCourseDir()],
        ['Sample vault', sampleVaultDir()],
      ],
    );
    for (const folder of workspace.folders) assert.ok(!folder.path.startsWith('/') && !folder.path.includes('\\'), folder.path);
    assert.deepEqual(workspace.settings, { [OPEN_MAP_ON_STARTUP]: true });
    assert.equal(demo.summary, join(sampleCourseDir(), 'Course summary.md'));
    assert.ok(existsSync(demo.summary));
    assert.deepEqual(listing(join(repoRoot(), 'samples')), before);
  });

  it('turns on a setting the extension contributes, off by default for users', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { type: string; default: unknown }> } };
    };
    const setting = manifest.contributes.configuration.properties[OPEN_MAP_ON_STARTUP];
    assert.deepEqual(setting && { type: setting.type, default: setting.default }, { type: 'boolean', default: false });
  });

  it('opens in the offline VS Code the workspace, the summary in the editor and the extension under development', () => {
    const demo = writeDemo(dir);
    const url = new URL(demoUrl('http://127.0.0.1:8123', demo, '/repo'));
    assert.equal(url.searchParams.get('workspace'), demo.workspaceFile);
    assert.equal(url.searchParams.get('folder'), null);
    const payload = new Map(JSON.parse(url.searchParams.get('payload') ?? '[]') as [string, string][]);
    // A URI, the space in "Course summary.md" escaped, that VS Code reads back as the summary's path.
    const openFile = payload.get('openFile') ?? '';
    assert.equal(openFile, `vscode-remote://127.0.0.1:8123${demo.summary.replace(/ /g, '%20')}`);
    assert.equal(decodeURIComponent(new URL(openFile).pathname), demo.summary);
    assert.equal(payload.get('extensionDevelopmentPath'), 'vscode-remote://127.0.0.1:8123/repo');
  });

  it('opens in desktop VS Code the workspace with the summary in it, the extension under development', () => {
    const demo = writeDemo(dir);
    assert.deepEqual(desktopArgs(demo, '/repo'), ['--extensionDevelopmentPath=/repo', demo.workspaceFile, demo.summary]);
  });
});
