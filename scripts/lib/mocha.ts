import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { failureLine, type LayerResult } from './layers';

/** Runs every `*.test.js` in `dir` with mocha in this process and returns the counts. */
export async function runMochaLayer(
  layer: LayerResult['layer'],
  dir: string,
  options: Mocha.MochaOptions = {},
): Promise<LayerResult> {
  // ALIGNMENT_NOTES_GREP runs a subset, as it does in the integration and web layers.
  const grep = process.env.ALIGNMENT_NOTES_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: true, reporter: 'spec', ...(grep ? { grep } : {}), ...options });
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(join(dir, file));
  // In parallel mode the workers load the files.
  if (!options.parallel) await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const failures: string[] = [];
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolve({ layer, passed: stats?.passes ?? 0, failed: stats?.failures ?? 1, pending: stats?.pending ?? 0, failures });
    });
    runner.on('fail', (test: Mocha.Runnable, error: unknown) => failures.push(failureLine(test.fullTitle(), error)));
  });
}
