import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, num } from '../lib/format';
import { notMeasured, type Ratio, type Row } from '../lib/results';
import { median, summarize } from '../lib/stats';

/** The whole processes issue 13 compares: our CLI's two commands and the two baselines, each a fresh Node. */
type Contender = 'index' | 'check' | 'language service' | 'reference reading';

/** One whole process: wall time from spawn to exit, and what the preload saw at exit. */
interface ProcessRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMiB: number;
}

export interface ProcessOptions {
  readonly size: number;
  readonly folder: string;
  /** Where `stageBundles` put cli.js, processExit.js and the baselines' entry points. */
  readonly bundles: string;
  readonly runs: number;
  /** Further rounds start only while the next would end before this (performance.now()); one always runs, and the reference reading after them. */
  readonly deadline: number;
  /** Also run the reference reading, once (it is the slowest by far). */
  readonly reference: boolean;
}

/** A process still running after this is stopped and reported, rather than stalling the bench. */
const PROCESS_TIMEOUT_MS = 600_000;
/** The line `check` ends with: `82489 problems (0 errors) in 10000 notes`. */
const CHECK_SUMMARY = /^\d+ problems \(\d+ errors\) in \d+ notes$/m;

const ARGS: Readonly<Record<Contender, (bundles: string, folder: string) => string[]>> = {
  index: (bundles, folder) => [join(bundles, 'cli.js'), 'index', folder],
  check: (bundles, folder) => [join(bundles, 'cli.js'), 'check', folder],
  'language service': (bundles, folder) => [join(bundles, 'languageServiceProcess.js'), folder],
  'reference reading': (bundles, folder) => [join(bundles, 'referenceProcess.js'), folder],
};

const LABELS: Readonly<Record<Contender, string>> = {
  index: '`alignment-notes index`, whole process',
  check: '`alignment-notes check` (every problem of every note, written to /dev/null), whole process',
  'language service': 'Baseline: language service, whole process (read, load, first workspace-symbol query)',
  'reference reading': 'Baseline: reference reading, whole process (read, remark + GFM, math, front matter, wikilinks of every note)',
};

const IDS: Readonly<Record<Contender, string>> = {
  index: 'process.index',
  check: 'process.check',
  'language service': 'process.languageService',
  'reference reading': 'process.reference',
};

/** Runs one contender to its exit; undefined with the reason when it failed. */
function runProcess(contender: Contender, options: ProcessOptions, scratch: string): ProcessRun | string {
  const exitFile = join(scratch, 'exit.json');
  rmSync(exitFile, { force: true });
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--require', join(options.bundles, 'processExit.js'), ...ARGS[contender](options.bundles, options.folder)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ALIGNMENT_NOTES_BENCH_EXIT: exitFile },
    maxBuffer: 64 * 1024 * 1024,
    timeout: PROCESS_TIMEOUT_MS,
  });
  const ms = performance.now() - started;
  const stderr = String(child.stderr);
  // `check` exits 1 when it found an error in the notes: that is its answer, not a failure, when it got as far
  // as its summary line (a crash exits 1 too).
  const ok = child.status === 0 || (contender === 'check' && child.status === 1 && CHECK_SUMMARY.test(stderr));
  if (!ok) return `exit ${String(child.status ?? child.signal)}: ${stderr.trim().split('\n').slice(-2).join(' / ')}`;
  try {
    const exit = JSON.parse(readFileSync(exitFile, 'utf8')) as { maxRssMiB: number; cpuMs: number };
    return { ms, cpuMs: exit.cpuMs, maxRssMiB: exit.maxRssMiB };
  } catch {
    return 'the process left no exit record';
  }
}

/**
 * Issue 13's whole-process rows on one corpus: our CLI's `index` and `check` against the language service's
 * process and the reference reading's, each a fresh Node from spawn to exit, in rounds whose order rotates
 * so drift in the machine's speed hits all alike. The reference reading, when asked for (the slowest by far),
 * runs once after the rounds.
 */
export function processRows(options: ProcessOptions): { rows: Row[]; ratios: Ratio[] } {
  const scratch = mkdtempSync(join(tmpdir(), 'alignment-notes-process-'));
  const runs = new Map<Contender, ProcessRun[]>();
  const failures = new Map<Contender, string>();
  const order: Contender[] = ['index', 'language service', 'check'];
  try {
    const run = (contender: Contender): void => {
      if (failures.has(contender)) return;
      const result = runProcess(contender, options, scratch);
      if (typeof result === 'string') failures.set(contender, result);
      else runs.set(contender, [...(runs.get(contender) ?? []), result]);
    };
    for (let round = 0; round < options.runs; round++) {
      const roundStart = performance.now();
      for (let k = 0; k < order.length; k++) run(order[(k + round) % order.length] ?? 'index');
      const roundMs = performance.now() - roundStart;
      if (performance.now() + roundMs > options.deadline) break;
    }
    if (options.reference) run('reference reading');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const rows: Row[] = [];
  for (const contender of options.reference ? [...order, 'reference reading' as const] : order) {
    const id = `${IDS[contender]}.${options.size}`;
    const label = `${LABELS[contender]}, ${count(options.size)} notes`;
    const samples = runs.get(contender) ?? [];
    if (samples.length === 0) {
      rows.push(notMeasured(id, label, 'ms', failures.get(contender) ?? 'not run'));
      continue;
    }
    const wall = summarize(samples.map((run) => run.ms));
    const rss = median(samples.map((run) => run.maxRssMiB));
    rows.push({
      id,
      label,
      value: wall.median,
      unit: 'ms',
      samples: wall.n,
      detail: `${wall.n === 1 ? 'one run' : `median of ${wall.n} (${num(wall.min)}–${num(wall.max)})`}; CPU ${num(median(samples.map((run) => run.cpuMs)))} ms; peak RSS ${num(rss)} MiB (all threads)`,
      extra: { maxRssMiB: rss },
    });
  }
  const index = runs.get('index');
  if (index) {
    const ours = median(index.map((run) => run.ms));
    rows.push({
      id: `process.peakMemory.${options.size}`,
      label: `Peak memory of the whole \`index\` process (max RSS, all threads), ${count(options.size)} notes`,
      value: median(index.map((run) => run.maxRssMiB)),
      unit: 'MiB',
      samples: index.length,
      detail: `process.resourceUsage().maxRSS at exit; median of ${index.length}`,
    });
    const ratios: Ratio[] = [];
    for (const baseline of ['language service', 'reference reading'] as const) {
      const samples = runs.get(baseline);
      if (!samples) continue;
      const baselineMs = median(samples.map((run) => run.ms));
      ratios.push({ size: options.size, baseline: `${baseline} (process)`, baselineMs, oursMs: ours, speedup: baselineMs / ours });
    }
    return { rows, ratios };
  }
  return { rows, ratios: [] };
}
