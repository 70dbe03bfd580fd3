import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIntegrationLayer } from './lib/integration';
import { LARGE_SUITE, MAIN_SUITE, RESTRICTED_SUITE, VAULT_SUITE, WEB_SUITE, WEB_VAULT_SUITE } from './lib/integrationSuites';
import { failureLine, type LayerResult } from './lib/layers';
import { runMochaLayer } from './lib/mocha';
import { repoRoot } from './lib/paths';
import { installCleanupHandlers } from './lib/processes';
import { runMain, SetupError } from './lib/setupError';

/**
 * `npm test`: unit tests in plain Node, integration tests in a real VS Code extension host, the same tests
 * (those test/web/ names) in the offline VS Code's web worker extension host, end-to-end tests in a real
 * browser driving the real VS Code. `node out/scripts/test.js unit|integration|web|e2e|large` runs one layer.
 * `large` (a 50,000-file workspace, minutes) runs by itself or with ALIGNMENT_NOTES_LARGE=1.
 */
const LAYERS = ['unit', 'integration', 'web', 'e2e', 'large'] as const;
const DEFAULT_LAYERS: readonly Layer[] = process.env.ALIGNMENT_NOTES_LARGE === '1' ? LAYERS : ['unit', 'integration', 'web', 'e2e'];
type Layer = (typeof LAYERS)[number];

function packageVsix(): void {
  console.log('\ne2e: packaging the .vsix that the e2e tests install');
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot(), stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run package failed');
}

/** Prints the figures the large-workspace tests wrote (time, memory, cache size). */
function printMetrics(result: LayerResult): LayerResult {
  const file = join(repoRoot(), 'test-output', 'large-workspace', 'metrics.json');
  if (existsSync(file)) console.log(`large workspace figures (${file}):\n${readFileSync(file, 'utf8')}`);
  return result;
}

/** One layer's counts from several runs (the integration suites). */
function combine(results: readonly LayerResult[]): LayerResult {
  const [first] = results;
  if (!first) throw new Error('no results to combine');
  return {
    layer: first.layer,
    passed: results.reduce((sum, r) => sum + r.passed, 0),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    pending: results.reduce((sum, r) => sum + r.pending, 0),
    where: results.map((r) => r.where).filter((where) => where !== undefined).join('; '),
    failures: results.flatMap((r) => r.failures ?? []),
  };
}

/** The tests in Node that start, reload and kill a real extension host (code-server's) and check what it left on disk. */
async function runProcessTests(): Promise<LayerResult> {
  const result = await runMochaLayer('integration', join(repoRoot(), 'out', 'test', 'process'), { timeout: 300_000 });
  return { ...result, where: 'extension host processes of the offline VS Code' };
}

/** One suite's result with how long it took in its `where`, so the summary shows each VS Code session's share. */
async function timed(run: () => Promise<LayerResult>): Promise<LayerResult> {
  const started = Date.now();
  const result = await run();
  const took = minutesAndSeconds(Date.now() - started);
  return { ...result, where: result.where ? `${result.where}, ${took}` : took };
}

async function runLayer(layer: Layer): Promise<LayerResult> {
  console.log(`\n=== ${layer} tests ===`);
  switch (layer) {
    case 'unit':
      // Two workers, one per core: the corpus equality tests make the layer CPU-bound.
      return runMochaLayer('unit', join(repoRoot(), 'out', 'test', 'unit'), { timeout: 20_000, parallel: true, jobs: 2 });
    case 'integration':
      return combine([
        await timed(() => runIntegrationLayer(MAIN_SUITE)),
        await timed(() => runIntegrationLayer(RESTRICTED_SUITE)),
        await timed(() => runIntegrationLayer(VAULT_SUITE)),
        await timed(runProcessTests),
      ]);
    case 'web':
      return combine([await timed(() => runIntegrationLayer(WEB_SUITE)), await timed(() => runIntegrationLayer(WEB_VAULT_SUITE))]);
    case 'large':
      return printMetrics({ ...(await runIntegrationLayer(LARGE_SUITE)), layer: 'large' });
    case 'e2e':
      packageVsix();
      return runMochaLayer('e2e', join(repoRoot(), 'out', 'test', 'e2e'), { timeout: 120_000, bail: false });
  }
}

/** How long a layer took, for the summary: CI has a time budget, and this shows where it goes. */
function minutesAndSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

async function main(): Promise<number> {
  installCleanupHandlers();
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(LAYERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new SetupError(`unknown test layer ${unknown.join(', ')}; use ${LAYERS.join(', ')}.`);
  const layers = requested.length > 0 ? (requested as Layer[]) : [...DEFAULT_LAYERS];
  const results: LayerResult[] = [];
  const took: string[] = [];
  for (const layer of layers) {
    const started = Date.now();
    try {
      results.push(await runLayer(layer));
    } catch (error) {
      if (error instanceof SetupError) throw error;
      console.error(error instanceof Error ? error.message : error);
      results.push({ layer, passed: 0, failed: 1, pending: 0, where: 'did not complete', failures: [failureLine(`the ${layer} layer`, error)] });
    }
    took.push(minutesAndSeconds(Date.now() - started));
  }
  console.log('\n=== summary ===');
  results.forEach((r, i) => {
    const where = r.where ? ` (${r.where})` : '';
    console.log(`${r.layer}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending, in ${took[i]}${where}`);
    for (const failure of r.failures ?? []) console.log(`  ✘ ${failure}`);
  });
  const empty = results.filter((r) => r.passed + r.failed === 0).map((r) => r.layer);
  if (empty.length > 0) console.log(`no tests ran in: ${empty.join(', ')}`);
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0) + empty.length;
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

runMain(main);
