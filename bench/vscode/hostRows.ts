import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths';
import { count } from '../lib/format';
import { notMeasured, type Row } from '../lib/results';

/** The phases whose blocks the large suite measures, by the prefix of its metrics. */
const PHASES: readonly { readonly key: string; readonly id: string; readonly label: string }[] = [
  { key: 'cold index', id: 'cold', label: 'first index' },
  { key: 'cache save', id: 'save', label: 'cache save' },
  { key: 'warm start and save', id: 'warm', label: 'warm start and any save it needs' },
];
const RUN_TIMEOUT_MS = 30 * 60_000;

export type Metrics = Readonly<Record<string, number | string>>;

/**
 * Issue 14's figures in the real VS Code: the large-workspace suite (`node out/scripts/test.js large`, a
 * workspace of `size` notes among four times as many other files) at each size, and the figures it writes to
 * `test-output/large-workspace/metrics.json`: how long a hover waits for our provider while the first index
 * runs (and a go to definition's and a completion's), and the longest block of the extension host's loop held by our code in each phase (read from a CPU
 * profile of the host; see docs/RELIABILITY.md). One run each: the suite takes about a minute at 10,000 notes.
 */
export function hostRows(sizes: readonly number[], log: (line: string) => void): Row[] {
  const rows: Row[] = [];
  for (const size of sizes) {
    log(`host: the large-workspace suite on ${count(size)} notes and ${count(4 * size)} other files, in VS Code ...`);
    const file = join(repoRoot(), 'test-output', 'large-workspace', 'metrics.json');
    rmSync(file, { force: true });
    const run = spawnSync(process.execPath, [join(repoRoot(), 'out', 'scripts', 'test.js'), 'large'], {
      env: { ...process.env, ALIGNMENT_NOTES_LARGE_NOTES: String(size) },
      encoding: 'utf8',
      timeout: RUN_TIMEOUT_MS,
      // Its whole output is kept: the default 1 MB would fail a run that printed more.
      maxBuffer: 64 * 2 ** 20,
    });
    const failed = run.status !== 0 || !existsSync(file);
    const metrics = failed ? undefined : (JSON.parse(readFileSync(file, 'utf8')) as Metrics);
    const reason = `the large suite failed: ${(run.stdout ?? '').split('\n').find((line) => line.includes('✘'))?.trim() ?? `exit ${String(run.status ?? run.signal)}`}`;
    rows.push(...hostRowsOf(size, metrics, reason));
  }
  return rows;
}

/** The rows of one size from the suite's metrics; each not measured, for `reason`, without them. */
export function hostRowsOf(size: number, metrics: Metrics | undefined, reason: string): Row[] {
  return [...questionRows(size, metrics, reason), ...PHASES.map((phase) => blockRow(size, phase, metrics, reason))];
}

function figure(metrics: Metrics, key: string): number | undefined {
  const value = metrics[key];
  return typeof value === 'number' ? value : undefined;
}

/** The questions the large suite times, by the word its metrics use, and how a row names them. */
const QUESTIONS: readonly { readonly feature: 'hover' | 'definition' | 'completion'; readonly name: string }[] = [
  { feature: 'hover', name: 'Hover' },
  { feature: 'definition', name: 'Go to definition' },
  { feature: 'completion', name: 'Completion' },
];

/**
 * The questions of one kind the large suite timed in one phase (`prefix` of its metrics): until our provider
 * answered, median and p99, with our provider's own p99 and VS Code's round trip in the detail.
 */
function questionRow(id: string, label: string, feature: string, prefix: string, what: string, metrics: Metrics | undefined, reason: string): Row {
  if (!metrics) return notMeasured(id, label, 'ms', reason);
  return {
    id,
    label,
    unit: 'ms',
    value: figure(metrics, `${prefix}, until our provider answered: median ms`),
    p99: figure(metrics, `${prefix}, until our provider answered: p99 ms`),
    samples: figure(metrics, `${feature}s ${prefix.slice(feature.length + 1)}`),
    detail:
      `${what}p99 after the first ${String(metrics[`${prefix}, until our provider answered, after the first: p99 ms`])} ms; ` +
      `our provider alone p99 ${String(metrics[`${prefix}, our provider alone: p99 ms`])} ms; ` +
      `the round trip VS Code's command makes (every extension's provider): median ${String(metrics[`${prefix}: median ms`])}, p99 ${String(metrics[`${prefix}: p99 ms`])} ms`,
  };
}

/** Each kind of question during the first index, then the same once indexed and saved: the baseline, when VS Code's round trip is all they wait for. */
function questionRows(size: number, metrics: Metrics | undefined, reason: string): Row[] {
  const what = 'as many, at the same place, after the warm start and any save it needs: nothing of ours at work; ';
  return QUESTIONS.flatMap(({ feature, name }) => [
    questionRow(`host.${feature}.${size}`, `${name} in an open note during the first index of ${count(size)} notes, until our provider answered`, feature, `${feature} during the first index`, '', metrics, reason),
    questionRow(
      `host.${feature}Idle.${size}`,
      `The same ${feature === 'hover' ? 'hovers' : `${name.toLowerCase()} questions`} once ${count(size)} notes are indexed and saved (the baseline), until our provider answered`,
      feature,
      `${feature} once indexed`,
      what,
      metrics,
      reason,
    ),
  ]);
}

function blockRow(size: number, phase: (typeof PHASES)[number], metrics: Metrics | undefined, reason: string): Row {
  const id = `host.block.${phase.id}.${size}`;
  const label = `Longest block of the extension host's loop by our code, ${phase.label}, ${count(size)} notes (one run)`;
  if (!metrics) return notMeasured(id, label, 'ms', reason);
  return {
    id,
    label,
    unit: 'ms',
    value: figure(metrics, `${phase.key}: longest block by our code ms`),
    samples: 1,
    detail: `${String(metrics[`${phase.key}: our longest blocks`] || 'no gap of the loop over 20 ms that our code held most')}; any code's: ${String(metrics[`${phase.key}: longest event-loop block ms`])} ms`,
  };
}
