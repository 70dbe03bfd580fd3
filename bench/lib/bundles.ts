import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Copies the bundle this run loads later (the peak-memory child) to a private folder:
 * other engineers' `node esbuild.mjs` empties out/ whenever it runs. Removed when the run exits.
 */
export function stageBundles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-bench-'));
  copyFileSync(join(__dirname, 'peakMemory.js'), join(dir, 'peakMemory.js'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
