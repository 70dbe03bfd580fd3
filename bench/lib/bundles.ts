import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Copies the bundles this run loads later (the peak-memory and warm-start children) to a private folder:
 * other engineers' `node esbuild.mjs` empties out/ whenever it runs. Removed when the run exits.
 */
export function stageBundles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-bench-'));
  for (const name of ['peakMemory.js', 'warmStart.js']) copyFileSync(join(__dirname, name), join(dir, name));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
