import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found from the running bundle's folder (out/scripts, out/test/e2e, ...). */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'alignment-notes') {
      return dir;
    }
  }
  throw new Error(`no alignment-notes package.json above ${__dirname}`);
}

/** Where tests write screenshots, logs and results (gitignored). */
export function testOutputDir(...parts: string[]): string {
  return join(repoRoot(), 'test-output', ...parts);
}

/** The bundled sample course that the demo, the tests and the screenshots use. */
export function sampleCourseDir(): string {
  return join(repoRoot(), 'samples', 'alignment-course');
}

/** The sample vault: one page per concept, source and finding, Obsidian style. */
export function sampleVaultDir(): string {
  return join(repoRoot(), 'samples', 'alignment-vault');
}
