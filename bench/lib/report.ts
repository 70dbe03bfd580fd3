import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CorpusStats } from '../corpus/generate';
import { count, num, speed, withUnit } from './format';
import type { MachineFacts } from './machine';
import type { Ratio, Row, TargetCheck } from './results';
import { markdownTable, textTable } from './table';

export interface CorpusLine {
  readonly name: string;
  readonly stats: CorpusStats;
  /** Concepts the index found, and look-alikes from code that became concepts (must be 0). */
  readonly concepts?: number;
  readonly leaks?: number;
}

export interface Report {
  readonly startedAt: string;
  readonly totalSeconds: number;
  readonly loadAverageAtEnd: readonly number[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly machine: MachineFacts;
  readonly corpora: readonly CorpusLine[];
  readonly rows: readonly Row[];
  readonly ratios: readonly Ratio[];
  readonly targets: readonly TargetCheck[];
}

function result(row: Row): string {
  if (row.value === undefined) return 'not measured';
  return withUnit(row.value, row.unit) + (row.p99 === undefined ? '' : ` (p99 ${withUnit(row.p99, row.unit)})`);
}

/** The order of the results table, by row id prefix (issue 6 §2's order). */
const ORDER = [
  'cold.', 'coldOneThread.', 'coldFresh.', 'coldMemory.', 'warm.', 'edit.setNote.', 'edit.query.', 'conceptAt.', 'conceptAtRepeat.',
  'occurrences.', 'search.', 'graph.', 'peakMemory.', 'activation', 'vscode.', 'conceptMap', 'vsix',
];

function rank(row: Row): number {
  const at = ORDER.findIndex((prefix) => row.id.startsWith(prefix));
  return at < 0 ? ORDER.length : at;
}

function tables(report: Report): { header: string[]; rows: string[][] }[] {
  const mb = (bytes: number): string => num(bytes / 1e6);
  return [
    {
      header: ['Measurement', 'Result', 'How'],
      rows: report.rows
        .filter((row) => !row.id.startsWith('baseline.'))
        .map((row, i) => ({ row, i }))
        .sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i)
        .map(({ row }) => row)
        .map((row) => [row.label, result(row), row.notMeasured ?? row.detail]),
    },
    {
      header: ['Notes', 'Ours, cold (incl. disk read)', 'Baseline', 'Baseline time', 'Ours vs baseline'],
      rows: report.ratios.map((ratio) => [count(ratio.size), withUnit(ratio.oursMs, 'ms'), ratio.baseline, withUnit(ratio.baselineMs, 'ms'), speed(ratio.speedup)]),
    },
    {
      header: ['Target (issue 6)', 'Measured', '', 'Margin'],
      rows: report.targets.map((check) => [check.target, check.measured, check.pass === undefined ? '–' : check.pass ? '✔' : '✘', check.gap]),
    },
    {
      header: ['Corpus', 'Files', 'MB', 'File KB min/p50/max', 'Definitions', 'Distinct terms', 'Concepts indexed', 'Defs with alias', 'Citations (relative)', 'Mentions', 'Look-alikes in code (leaked)'],
      rows: report.corpora.map(({ name, stats, concepts, leaks }) => [
        name,
        count(stats.files),
        mb(stats.bytes),
        [stats.fileBytes.min, stats.fileBytes.p50, stats.fileBytes.max].map((bytes) => num(bytes / 1000)).join('/'),
        count(stats.definitions),
        count(stats.distinctTerms),
        concepts === undefined ? '–' : count(concepts),
        count(stats.definitionsWithAlias),
        `${count(stats.citations)} (${count(stats.relativeCitations)})`,
        count(stats.termMentions),
        `${count(stats.lookalikes)} (${leaks === undefined ? '–' : count(leaks)})`,
      ]),
    },
  ];
}

function machineLine(report: Report): string {
  const m = report.machine;
  const load = (values: readonly number[]): string => values.map((v) => v.toFixed(2)).join(' ');
  return (
    `${m.nproc} CPUs (${m.cpuModel}), ${num(m.memoryGiB)} GiB RAM, Linux ${m.kernel}, Node ${m.node}; ` +
    `load average ${load(m.loadAverageAtStart)} at start, ${load(report.loadAverageAtEnd)} at end; code at ${m.git}`
  );
}

export function printReport(report: Report): void {
  const [results, ratios, targets, corpora] = tables(report);
  console.log(`\nMachine: ${machineLine(report)}`);
  for (const [title, table] of [
    ['Results', results],
    ['Baselines, same run and corpus', ratios],
    ['Targets', targets],
    ['Corpora', corpora],
  ] as const) {
    if (!table || table.rows.length === 0) continue;
    console.log(`\n${title}\n${textTable(table.header, table.rows)}`);
  }
  console.log(`\nTotal run time: ${num(report.totalSeconds)} s`);
}

/** Writes the JSON, and the same tables in Markdown beside it for docs/PERFORMANCE.md. */
export function writeReport(report: Report, jsonPath: string): string {
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  const markdownPath = jsonPath.replace(/\.json$/, '') + '.md';
  const [results, ratios, targets, corpora] = tables(report);
  const sections = [
    `Run of ${report.startedAt}, ${num(report.totalSeconds)} s in all.`,
    `Machine: ${machineLine(report)}.`,
    `Versions: ${Object.entries(report.machine.versions).map(([name, version]) => `${name} ${version}`).join(', ')}.`,
    ...[results, ratios, targets, corpora].flatMap((table) => (table && table.rows.length > 0 ? [markdownTable(table.header, table.rows)] : [])),
  ];
  writeFileSync(markdownPath, `${sections.join('\n\n')}\n`);
  return markdownPath;
}
