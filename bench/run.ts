// `npm run bench`: the performance suite of issue 6. Prints a table and writes bench/results/latest.json
// (and latest.md). Run under `node --expose-gc`; see docs/PERFORMANCE.md for the method.
import { loadavg } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../scripts/lib/paths';
import { runMain } from '../scripts/lib/setupError';
import { corpusName, corpusRoot, writeCorpus } from './corpus/disk';
import { type Corpus, generateCorpus } from './corpus/generate';
import { type BenchOptions, parseArgs, USAGE, UsageError } from './lib/args';
import { stageBundles } from './lib/bundles';
import { count, num } from './lib/format';
import { machineFacts } from './lib/machine';
import { type CorpusLine, printReport, writeReport } from './lib/report';
import { notMeasured, type Ratio, type Row } from './lib/results';
import { checkTargets } from './lib/targets';
import { collectGarbage, hasGc } from './lib/timing';
import { type ColdRun, coldIndex } from './measure/coldIndex';
import { coldRounds } from './measure/coldRounds';
import { conceptAtRows } from './measure/conceptAt';
import { editRows } from './measure/edits';
import { peakMemoryRows } from './measure/peakMemory';
import { measureSearch, searchRow } from './measure/search';
import { packageVsix } from './measure/vsix';
import { persistedCache, warmStartRows } from './measure/warmStart';
import { measureInVsCode } from './vscode/extensionRows';

const VOCAB = 3000;
const SEARCH_VOCAB = 30_000;
const MAP_NODES = 5000;
/** The 10,000-note rounds stop early (after at least one) rather than end after this point of the run. */
const COLD_ROUNDS_DEADLINE_MS = 330_000;
/** Occurrence scans and graph builds after the first are skipped past this point of the run. */
const SCANS_DEADLINE_MS = 400_000;

interface Collected {
  readonly rows: Row[];
  readonly ratios: Ratio[];
  readonly corpora: CorpusLine[];
}

function log(line: string): void {
  console.log(line);
}

const lookalikeLeaks = (run: ColdRun): number => run.index.concepts().filter((concept) => /lookalike/i.test(concept.term)).length;

/** Cold index of every size, with the baselines in the same rounds; returns the last index of the largest size. */
async function coldPhase(options: BenchOptions, folders: Map<number, { corpus: Corpus; dir: string }>, started: number, out: Collected): Promise<ColdRun> {
  const smallest = folders.get(options.sizes[0] ?? 100);
  if (smallest) {
    log('warm-up ...');
    await coldRounds({ size: 0, folder: smallest.dir, runs: 2, minRuns: 2, deadline: Infinity, baselines: true });
  }
  let last: ColdRun | undefined;
  for (const size of options.sizes) {
    const folder = folders.get(size);
    if (!folder) continue;
    log(`cold index, ${count(size)} notes${size >= 1000 ? ', with remark-parse and the language service' : ''} ...`);
    last = undefined;
    collectGarbage();
    const result = await coldRounds({
      size,
      folder: folder.dir,
      runs: size >= 10_000 ? 3 : size >= 1000 ? 5 : 7,
      minRuns: size >= 10_000 ? 1 : 3,
      deadline: started + COLD_ROUNDS_DEADLINE_MS,
      baselines: size >= 1000,
    });
    out.rows.push(...result.rows);
    out.ratios.push(...result.ratios);
    out.corpora.push({ name: corpusName(folder.corpus.options), stats: folder.corpus.stats, concepts: result.concepts, leaks: result.leaks });
    last = result.last;
  }
  if (!last) throw new Error('no cold index');
  return last;
}

/** The rows measured on the largest cold index: warm start, scans, graph, conceptAt, search at 3k terms, edits. */
function indexPhase(size: number, last: ColdRun, folder: { corpus: Corpus; dir: string }, bundles: string, options: BenchOptions, started: number, rows: Row[]): void {
  const { corpus } = folder;
  log(`warm start, occurrences, graph, conceptAt, search and edits on ${count(size)} notes ...`);
  const { index, notes } = last;
  // Persisted right after the cold index, as a host would: fresh indexes restored from it are in the state a
  // cold index leaves, so the occurrence scans and graph builds on them are "after a cold index".
  rows.push(...warmStartRows(size, persistedCache(index), notes, folder.dir, bundles, corpus.stats.bytes, started + SCANS_DEADLINE_MS));
  collectGarbage();
  rows.push(...conceptAtRows(size, index, notes, options.seed));
  rows.push(searchRow(size >= 1000 ? 'search.3k' : `search.${size}`, measureSearch(index, corpus.vocabulary, 1000, options.seed)));
  collectGarbage();
  rows.push(...editRows(size, index, notes, options.seed));
}

/** Search at 30,000 terms: the 30,000-term variant of the corpus, indexed from memory. */
async function searchPhase(size: number, options: BenchOptions, out: Collected): Promise<void> {
  if (size < 10_000) {
    out.rows.push(notMeasured('search.30k', 'Fuzzy search, 30,000 concepts', 'ms', 'needs --sizes with 10000 (the 30,000-term corpus has 10,000 notes)'));
    return;
  }
  log(`search at ${count(SEARCH_VOCAB)} terms: indexing ${count(size)} notes of the ${count(SEARCH_VOCAB)}-term corpus in memory ...`);
  const corpus = generateCorpus({ files: size, vocab: SEARCH_VOCAB, seed: options.seed });
  const root = join(corpusRoot(), corpusName(corpus.options));
  const notes = corpus.files.map((file) => ({ uri: pathToFileURL(join(root, file.path)).href, text: file.text }));
  const run = coldIndex(() => notes);
  out.corpora.push({ name: `${corpusName(corpus.options)} (in memory)`, stats: corpus.stats, concepts: run.index.concepts().length, leaks: lookalikeLeaks(run) });
  out.rows.push({
    id: `coldMemory.${size}.v${SEARCH_VOCAB}`,
    label: `Index, ${count(size)} notes with ${count(SEARCH_VOCAB)} terms, texts in memory (one run)`,
    value: run.totalMs,
    unit: 'ms',
    samples: 1,
    detail: `setNote ${num(run.analyseMs)}, first concepts() ${num(run.buildMs)} ms`,
  });
  out.rows.push(searchRow('search.30k', measureSearch(run.index, corpus.vocabulary, 1000, options.seed)));
}

/** The .vsix size, then activation and the concept map in the real VS Code. */
async function extensionPhase(options: BenchOptions, rows: Row[]): Promise<void> {
  let vsix: string | undefined;
  if (options.skipVsix) rows.push(notMeasured('vsix', '.vsix size', 'KiB', 'skipped (--skip-vsix)'));
  else {
    log('npm run package ...');
    const packaged = packageVsix();
    rows.push(packaged.row);
    vsix = packaged.vsix;
  }
  const skipped = (reason: string): void => {
    rows.push(notMeasured('activation', 'Extension activation, activate() (its own log line)', 'ms', reason));
    rows.push(notMeasured('conceptMap', `Concept map, first picture (${count(MAP_NODES)} concepts)`, 'ms', reason));
  };
  if (options.skipVsCode) return skipped('skipped (--skip-vscode)');
  const corpus = generateCorpus({ files: 1000, vocab: MAP_NODES, seed: options.seed });
  const { dir } = writeCorpus(corpus);
  log(`VS Code: activation and concept map on ${corpusName(corpus.options)} (${count(corpus.stats.distinctTerms)} terms) ...`);
  try {
    rows.push(
      ...(await measureInVsCode({
        folder: dir,
        noteFileName: corpus.files[0]?.path.split('/').at(-1) ?? '',
        ...(vsix ? { vsix } : {}),
        measureConceptMap: !options.skipBrowser,
        mapNodes: MAP_NODES,
        screenshot: join(repoRoot(), 'bench', 'results', `concept-map-${MAP_NODES}.png`),
      })),
    );
  } catch (error) {
    skipped(`VS Code run failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

async function bench(options: BenchOptions): Promise<number> {
  if (!hasGc()) log('warning: run under node --expose-gc (npm run bench does) so that phases start from a collected heap');
  const bundles = stageBundles();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineFacts();
  log(`Alignment Notes bench: sizes ${options.sizes.map(count).join(', ')}, seed ${options.seed}; ${machine.nproc} CPUs, ${machine.cpuModel}, Node ${machine.node}`);
  const out: Collected = { rows: [], ratios: [], corpora: [] };
  const largest = options.sizes.at(-1) ?? 100;

  // Corpora: generated in memory (deterministic), written to bench/.corpus/ once, read back by the cold rows.
  const folders = new Map<number, { corpus: Corpus; dir: string }>();
  for (const size of options.sizes) {
    const corpus = generateCorpus({ files: size, vocab: VOCAB, seed: options.seed });
    const { dir, written } = writeCorpus(corpus);
    folders.set(size, { corpus, dir });
    log(`corpus ${corpusName(corpus.options)}: ${count(size)} notes, ${num(corpus.stats.bytes / 1e6)} MB${written ? ', written' : ', on disk already'}`);
  }
  const largestFolder = folders.get(largest);
  if (!largestFolder) throw new Error('no corpus');

  log(`peak memory: a fresh process indexes ${count(largest)} notes ...`);
  out.rows.push(...peakMemoryRows(largest, largestFolder.dir, bundles));
  indexPhase(largest, await coldPhase(options, folders, started, out), largestFolder, bundles, options, started, out.rows);
  collectGarbage();
  await searchPhase(largest, options, out);
  collectGarbage();
  await extensionPhase(options, out.rows);

  const report = {
    startedAt,
    totalSeconds: (performance.now() - started) / 1000,
    loadAverageAtEnd: loadavg(),
    options: { ...options },
    machine,
    ...out,
    targets: checkTargets(out.rows, out.ratios),
  };
  printReport(report);
  const file = isAbsolute(options.out) ? options.out : join(repoRoot(), options.out);
  log(`\nWrote ${file} and ${writeReport(report, file)}`);
  return 0;
}

runMain(async () => {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options !== 'help') return await bench(options);
    console.log(USAGE);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`alignment-notes bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
});
