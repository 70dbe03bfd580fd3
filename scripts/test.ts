import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIntegrationLayer } from './lib/integration';
import { LARGE_SUITE, MAIN_SUITE, RESTRICTED_SUITE, VAULT_SUITE, WEB_SUITE, WEB_VAULT_SUITE } from './lib/integrationSuites';
import type { LayerResult } from './lib/layers';
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
  };
}

/** The tests in Node that start, reload and kill a real extension host (code-server's) and check what it left on disk. */
async function runProcessTests(): Promise<LayerResult> {
  const result = await runMochaLayer('integration', join(repoRoot(), 'out', 'test', 'process'), { timeout: 300_000 });
  return { ...result, where: 'extension host processes of the offline VS Code' };
}

async function runLayer(layer: Layer): Promise<LayerResult> {
  console.log(`\n=== ${layer} tests ===`);
  switch (layer) {
    case 'unit':
      return runMochaLayer('unit', join(repoRoot(), 'out', 'test', 'unit'), { timeout: 10_000 });
    case 'integration':
      return combine([
        await runIntegrationLayer(MAIN_SUITE),
        await runIntegrationLayer(RESTRICTED_SUITE),
        await runIntegrationLayer(VAULT_SUITE),
        await runProcessTests(),
      ]);
    case 'web':
      return combine([await runIntegrationLayer(WEB_SUITE), await runIntegrationLayer(WEB_VAULT_SUITE)]);
    case 'large':
      return printMetrics({ ...(await runIntegrationLayer(LARGE_SUITE)), layer: 'large' });
    case 'e2e':
      packageVsix();
      return runMochaLayer('e2e', join(repoRoot(), 'out', 'test', 'e2e'), { timeout: 120_000, bail: false });
  }
}

async function main(): Promise<number> {
  installCleanupHandlers();
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(LAYERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new SetupError(`unknown test layer ${unknown.join(', ')}; use ${LAYERS.join(', ')}.`);
  const layers = requested.length > 0 ? (requested as Layer[]) : [...DEFAULT_LAYERS];
  const results: LayerResult[] = [];
  for (const layer of layers) {
    try {
      results.push(await runLayer(layer));
    } catch (error) {
      if (error instanceof SetupError) throw error;
      console.error(error instanceof Error ? error.message : error);
      results.push({ layer, passed: 0, failed: 1, pending: 0, where: 'did not complete' });
    }
  }
  console.log('\n=== summary ===');
  for (const r of results) {
    const where = r.where ? ` (${r.where})` : '';
    console.log(`${r.layer}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending${where}`);
  }
  const empty = results.filter((r) => r.passed + r.failed === 0).map((r) => r.layer);
  if (empty.length > 0) console.log(`no tests ran in: ${empty.join(', ')}`);
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0) + empty.length;
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

runMain(main);
