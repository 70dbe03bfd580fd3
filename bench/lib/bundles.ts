import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths';

/**
 * Copies the bundles this run loads later (the peak-memory and warm-start children, the whole processes and
 * the CLI as shipped, dist/cli.js with its analysis worker) to a private folder: other engineers' `node esbuild.mjs` empties out/ and
 * dist/ whenever it runs. Removed when the run exits.
 */
export function stageBundles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-bench-'));
  for (const name of ['peakMemory.js', 'warmStart.js', 'processExit.js', 'languageServiceProcess.js', 'referenceProcess.js']) copyFileSync(join(__dirname, name), join(dir, name));
  // The CLI starts its analysis workers from the file beside it.
  for (const name of ['cli.js', 'analysisWorker.js']) copyFileSync(join(repoRoot(), 'dist', name), join(dir, name));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
