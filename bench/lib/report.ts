import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Fact } from '../corpus/corpora';
import type { FileSizes } from '../corpus/files';
import { count, num, speed, withUnit } from './format';
import type { MachineFacts } from './machine';
import { baseId, type Ratio, type Row, type TargetCheck } from './results';
import { markdownTable, textTable } from './table';

export interface CorpusLine {
  readonly name: string;
  readonly sizes: FileSizes;
  readonly facts: readonly Fact[];
  /** Issue 13's minimum size, scaled to this corpus, and whether it is met. */
  readonly minimum?: string;
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
  'cold.', 'coldOneThread.', 'coldFresh.', 'coldMemory.', 'warm.', 'edit.setNote.', 'edit.query.', 'rename.setNote.', 'rename.query.', 'conceptAt.', 'conceptAtRepeat.',
  'occurrences.', 'search.', 'graph.', 'peakMemory.', 'activation', 'vscode.', 'conceptMap', 'vsix',
];

function rank(row: Row): number {
  const id = baseId(row);
  const at = ORDER.findIndex((prefix) => id.startsWith(prefix));
  return at < 0 ? ORDER.length : at;
}

interface Table {
  readonly title: string;
  readonly header: string[];
  readonly rows: string[][];
}

/** `links 23,770, path links 9,493, ...`: a corpus's facts in one cell. */
export function factsLine(facts: readonly Fact[]): string {
  return facts.map((fact) => `${fact.label} ${count(fact.value)}`).join(', ');
}

/** The results, one table per corpus (in the order measured), then the rows of no one corpus. */
function resultTables(report: Report): Table[] {
  const shown = report.rows.filter((row) => !baseId(row).startsWith('baseline.'));
  const sections = [...new Set(shown.map((row) => row.corpus))].sort((a, b) => (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0));
  return sections.map((corpus) => ({
    title: corpus === undefined ? 'Results: packaging and VS Code' : `Results: ${corpus} corpus`,
    header: ['Measurement', 'Result', 'How'],
    rows: shown
      .filter((row) => row.corpus === corpus)
      .map((row, i) => ({ row, i }))
      .sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i)
      .map(({ row }) => [row.label, result(row), row.notMeasured ?? row.detail]),
  }));
}

function tables(report: Report): Table[] {
  return [
    ...resultTables(report),
    {
      title: 'Baselines, same run and corpus',
      header: ['Corpus', 'Notes', 'Ours (cold index in process; the whole `index` process against a process)', 'Baseline', 'Baseline time', 'Ours vs baseline'],
      rows: report.ratios.map((ratio) => [ratio.corpus ?? '', count(ratio.size), withUnit(ratio.oursMs, 'ms'), ratio.baseline, withUnit(ratio.baselineMs, 'ms'), speed(ratio.speedup)]),
    },
    {
      title: 'Targets',
      header: ['Target (issue 6 on the course notes; 13 on every corpus; 14 the extension host; 16 the concept map)', 'Measured', '', 'Margin'],
      rows: report.targets.map((check) => [check.target, check.measured, check.pass === undefined ? '–' : check.pass ? '✔' : '✘', check.gap]),
    },
    {
      title: 'Corpora',
      header: ['Corpus', 'Files', 'MB', 'File KB min/p50/max', 'Concepts indexed', 'Look-alikes leaked', 'Minimum (issue 13)', 'What it holds'],
      rows: report.corpora.map(({ name, sizes, facts, minimum, concepts, leaks }) => [
        name,
        count(sizes.files),
        num(sizes.bytes / 1e6),
        [sizes.fileBytes.min, sizes.fileBytes.p50, sizes.fileBytes.max].map((bytes) => num(bytes / 1000)).join('/'),
        concepts === undefined ? '–' : count(concepts),
        leaks === undefined ? '–' : count(leaks),
        minimum ?? '–',
        factsLine(facts),
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
  console.log(`\nMachine: ${machineLine(report)}`);
  for (const table of tables(report)) {
    if (table.rows.length > 0) console.log(`\n${table.title}\n${textTable(table.header, table.rows)}`);
  }
  console.log(`\nTotal run time: ${num(report.totalSeconds)} s`);
}

/** Writes the JSON, and the same tables in Markdown beside it for docs/PERFORMANCE.md. */
export function writeReport(report: Report, jsonPath: string): string {
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  const markdownPath = jsonPath.replace(/\.json$/, '') + '.md';
  const sections = [
    `Run of ${report.startedAt}, ${num(report.totalSeconds)} s in all.`,
    `Machine: ${machineLine(report)}.`,
    `Versions: ${Object.entries(report.machine.versions).map(([name, version]) => `${name} ${version}`).join(', ')}.`,
    ...tables(report).flatMap((table) => (table.rows.length > 0 ? [`**${table.title}**\n\n${markdownTable(table.header, table.rows)}`] : [])),
  ];
  writeFileSync(markdownPath, `${sections.join('\n\n')}\n`);
  return markdownPath;
}
