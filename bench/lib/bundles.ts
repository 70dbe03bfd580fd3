import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useWorkerScript } from '../measure/coldIndex';

/**
 * Copies the bundles this run loads later (the analysis worker, the peak-memory child) to a private folder:
 * other engineers' `node esbuild.mjs` empties out/ whenever it runs. Removed when the run exits.
 */
export function stageBundles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-bench-'));
  for (const name of ['analysisWorker.js', 'peakMemory.js']) copyFileSync(join(__dirname, name), join(dir, name));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  useWorkerScript(join(dir, 'analysisWorker.js'));
  return dir;
}
