import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { firstWorkspaceSymbols, languageServiceDocuments } from '../baselines/languageService/firstWorkspaceSymbols';
import { remarkParseAll } from '../baselines/remarkParse';
import { count, num } from '../lib/format';
import type { Ratio, Row } from '../lib/results';
import { median, summarize } from '../lib/stats';
import { type ColdRun, type ColdTimes, coldIndex, type Note, notesOnDisk } from './coldIndex';

type Contender = 'ours' | 'remark-parse' | 'language service';

export interface ColdRoundsResult {
  readonly rows: Row[];
  readonly ratios: Ratio[];
  /** The last cold run, whose index the later rows reuse. */
  readonly last: ColdRun;
  readonly concepts: number;
  /** Concepts whose term is a look-alike from inside code: must be 0. */
  readonly leaks: number;
}

export interface RoundOptions {
  readonly size: number;
  readonly folder: string;
  readonly runs: number;
  /** Fewer runs than `runs` are made only when the next round would end after `deadline` (performance.now()). */
  readonly minRuns: number;
  readonly deadline: number;
  /** Also run the baselines. */
  readonly baselines: boolean;
}

function coldRow(id: string, label: string, runs: readonly ColdTimes[], concepts: number): Row {
  const total = summarize(runs.map((run) => run.totalMs));
  const part = (pick: (run: ColdTimes) => number): string => num(median(runs.map(pick)));
  return {
    id,
    label,
    value: total.median,
    unit: 'ms',
    samples: total.n,
    detail:
      `${total.n === 1 ? 'one run' : `median of ${total.n} (${num(total.min)}–${num(total.max)})`}; read ${part((run) => run.readMs)}` +
      `, setNote ${part((run) => run.analyseMs)}, first concepts() ${part((run) => run.buildMs)} ms; ${count(concepts)} concepts`,
    extra: {
      readMs: median(runs.map((run) => run.readMs)),
      setNoteMs: median(runs.map((run) => run.analyseMs)),
      firstConceptsMs: median(runs.map((run) => run.buildMs)),
      concepts,
    },
  };
}

/**
 * Cold index of one corpus, with the baselines in the same rounds: each round runs every contender once, in
 * an order that rotates per round, so drift in the machine's speed hits all of them alike.
 */
export async function coldRounds(options: RoundOptions): Promise<ColdRoundsResult> {
  const { size, folder } = options;
  const runs: ColdTimes[] = [];
  const baselineTimes: Record<'remark-parse' | 'language service', number[]> = { 'remark-parse': [], 'language service': [] };
  let last: ColdRun | undefined;
  let notes: readonly Note[] = [];
  let documents: TextDocument[] | undefined;
  let symbols = 0;
  const order: Contender[] = options.baselines ? ['ours', 'remark-parse', 'language service'] : ['ours'];
  for (let round = 0; round < options.runs; round++) {
    const roundStart = performance.now();
    for (let k = 0; k < order.length; k++) {
      const contender = order[(k + round) % order.length] ?? 'ours';
      if (contender === 'ours') {
        last = undefined; // let the previous index go before building the next
        const run = coldIndex(() => notesOnDisk(folder));
        const { index: _index, notes: read, ...times } = run;
        notes = read;
        runs.push(times);
        last = run;
      } else if (contender === 'remark-parse') {
        if (notes.length === 0) notes = notesOnDisk(folder);
        baselineTimes['remark-parse'].push(remarkParseAll(notes).ms);
      } else {
        if (notes.length === 0) notes = notesOnDisk(folder);
        documents ??= languageServiceDocuments(notes);
        const result = await firstWorkspaceSymbols(pathToFileURL(folder).href, documents);
        baselineTimes['language service'].push(result.ms);
        symbols = result.symbols;
      }
    }
    const roundMs = performance.now() - roundStart;
    if (round + 1 >= options.minRuns && performance.now() + roundMs > options.deadline) break;
  }
  if (!last) throw new Error('no cold run');
  const concepts = last.index.concepts();
  const leaks = concepts.filter((concept) => /lookalike/i.test(concept.term)).length;
  const oursMedian = median(runs.map((run) => run.totalMs));
  const rows: Row[] = [coldRow(`cold.${size}`, `Cold index, ${count(size)} notes (read + parse + extract + index)`, runs, concepts.length)];
  const ratios: Ratio[] = [];
  for (const baseline of ['remark-parse', 'language service'] as const) {
    const samples = baselineTimes[baseline];
    if (samples.length === 0) continue;
    const summary = summarize(samples);
    rows.push({
      id: `baseline.${baseline === 'remark-parse' ? 'remark' : 'languageService'}.${size}`,
      label:
        baseline === 'remark-parse'
          ? `Baseline: remark-parse of every note, ${count(size)} notes (in memory)`
          : `Baseline: language service, first workspace-symbol query, ${count(size)} notes`,
      value: summary.median,
      unit: 'ms',
      samples: summary.n,
      detail:
        `median of ${summary.n} (${num(summary.min)}–${num(summary.max)})` +
        (baseline === 'language service' ? `; fresh service each run, in-memory workspace, ${count(symbols)} symbols match "alignment"` : ''),
    });
    ratios.push({ size, baseline, baselineMs: summary.median, oursMs: oursMedian, speedup: summary.median / oursMedian });
  }
  return { rows, ratios, last, concepts: concepts.length, leaks };
}
