// `npm run bench`: the performance suite of issues 6 and 13, on four generated corpora (`--corpus` picks some).
// Prints the tables and writes bench/results/latest.json (and latest.md). Run under `node --expose-gc`; see
// docs/PERFORMANCE.md for the method.
import { loadavg } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../scripts/lib/paths';
import { runMain } from '../scripts/lib/setupError';
import { type BenchCorpus, checkMinimum, type CorpusKind, courseCorpus, generateBenchCorpus } from './corpus/corpora';
import { corpusName, corpusRoot, writeCorpus } from './corpus/disk';
import { generateCorpus } from './corpus/generate';
import { type BenchOptions, parseArgs, USAGE, UsageError } from './lib/args';
import { stageBundles } from './lib/bundles';
import { count, num } from './lib/format';
import { machineFacts } from './lib/machine';
import { type CorpusLine, factsLine, printReport, writeReport } from './lib/report';
import { COURSE, notMeasured, ofCorpus, type Ratio, type Row } from './lib/results';
import { checkTargets } from './lib/targets';
import { collectGarbage, hasGc } from './lib/timing';
import { type ColdRun, coldIndex } from './measure/coldIndex';
import { coldRounds } from './measure/coldRounds';
import { conceptAtRows } from './measure/conceptAt';
import { editRows } from './measure/edits';
import { peakMemoryRows } from './measure/peakMemory';
import { processRows } from './measure/processes';
import { measureSearch, searchRow } from './measure/search';
import { packageVsix } from './measure/vsix';
import { persistedCache, warmStartRows } from './measure/warmStart';
import { measureInVsCode } from './vscode/extensionRows';
import { hostRows } from './vscode/hostRows';
import { mapScaleRows } from './vscode/mapScale';

const SEARCH_VOCAB = 30_000;
const MAP_NODES = 5000;

/**
 * Time budgets of one corpus, from the start of its phase: whole-process rounds and the 10,000-note cold rounds
 * stop early (after at least one) rather than end past theirs; occurrence scans and graph builds after the
 * first are skipped past the last.
 */
const BUDGETS_MS: Readonly<Record<CorpusKind, { readonly processes: number; readonly coldRounds: number; readonly scans: number }>> = {
  course: { processes: 150_000, coldRounds: 330_000, scans: 400_000 },
  'many-courses': { processes: 150_000, coldRounds: 240_000, scans: 300_000 },
  vault: { processes: 150_000, coldRounds: 240_000, scans: 300_000 },
  'linked-prose': { processes: 150_000, coldRounds: 240_000, scans: 300_000 },
};

interface Collected {
  readonly rows: Row[];
  readonly ratios: Ratio[];
  readonly corpora: CorpusLine[];
}

/** A corpus written to disk, where the cold rows read it. */
interface Prepared {
  readonly corpus: BenchCorpus;
  readonly dir: string;
}

function log(line: string): void {
  console.log(line);
}

const lookalikeLeaks = (run: ColdRun): number => run.index.concepts().filter((concept) => /lookalike/i.test(concept.term)).length;

function corpusLine(corpus: BenchCorpus, name: string, concepts?: number, leaks?: number): CorpusLine {
  const minimum = checkMinimum(corpus)?.text;
  return { name, sizes: corpus.sizes, facts: corpus.facts, ...(minimum ? { minimum } : {}), ...(concepts === undefined ? {} : { concepts, leaks }) };
}

/** Adds one corpus's rows and ratios to the results, tagged with it. */
function collect(out: Collected, kind: CorpusKind, measured: { readonly rows?: readonly Row[]; readonly ratios?: readonly Ratio[] }): void {
  const tagged = ofCorpus(kind, measured);
  out.rows.push(...tagged.rows);
  out.ratios.push(...tagged.ratios);
}

/** Cold index of every size, with the baselines in the same rounds; returns the last index of the largest size. */
async function coldPhase(kind: CorpusKind, options: BenchOptions, folders: Map<number, Prepared>, started: number, out: Collected): Promise<ColdRun> {
  const smallest = folders.get(options.sizes[0] ?? 100);
  if (smallest) {
    log(`${kind}: warm-up ...`);
    // Two rounds, or one when a round takes over 30 s: a slow corpus is warm after one.
    await coldRounds({ size: 0, folder: smallest.dir, runs: 2, minRuns: 1, deadline: performance.now() + 60_000, baselines: true });
  }
  let last: ColdRun | undefined;
  for (const size of options.sizes) {
    const folder = folders.get(size);
    if (!folder) continue;
    log(`${kind}: cold index, ${count(size)} notes${size >= 1000 && kind === COURSE ? ', with remark-parse and the language service' : ''} ...`);
    last = undefined;
    collectGarbage();
    const result = await coldRounds({
      size,
      folder: folder.dir,
      runs: size >= 10_000 ? 3 : size >= 1000 ? 5 : 7,
      minRuns: size >= 10_000 ? 1 : 3,
      deadline: started + BUDGETS_MS[kind].coldRounds,
      // The other corpora are held against the baselines' whole processes (see processRows).
      baselines: size >= 1000 && kind === COURSE,
    });
    collect(out, kind, result);
    out.corpora.push(corpusLine(folder.corpus, folder.corpus.name, result.concepts, result.leaks));
    last = result.last;
  }
  if (!last) throw new Error('no cold index');
  return last;
}

/** The rows measured on the largest cold index: warm start, scans, graph, conceptAt, search (course notes only), edits. */
function indexPhase(kind: CorpusKind, size: number, last: ColdRun, folder: Prepared, bundles: string, options: BenchOptions, started: number, out: Collected): void {
  const { corpus } = folder;
  log(`${kind}: warm start, occurrences, graph, conceptAt${corpus.searchTerms ? ', search' : ''} and edits on ${count(size)} notes ...`);
  const { index, notes } = last;
  const rows: Row[] = [];
  // Persisted right after the cold index, as a host would: fresh indexes restored from it are in the state a
  // cold index leaves, so the occurrence scans and graph builds on them are "after a cold index".
  rows.push(...warmStartRows(size, persistedCache(index), notes, folder.dir, bundles, corpus.sizes.bytes, started + BUDGETS_MS[kind].scans));
  collectGarbage();
  rows.push(...conceptAtRows(size, index, notes, options.seed));
  if (corpus.searchTerms) rows.push(searchRow(size >= 1000 ? 'search.3k' : `search.${size}`, measureSearch(index, corpus.searchTerms, 1000, options.seed)));
  collectGarbage();
  rows.push(...editRows(size, index, notes, options.seed));
  collect(out, kind, { rows });
}

/** Every row of one corpus at every size: generated and written, peak memory, cold rounds, then the index rows. */
async function corpusPhase(kind: CorpusKind, options: BenchOptions, bundles: string, out: Collected): Promise<void> {
  const started = performance.now();
  // Generated in memory (deterministic), written to bench/.corpus/ once, read back by the cold rows.
  const folders = new Map<number, Prepared>();
  for (const size of options.sizes) {
    const corpus = generateBenchCorpus(kind, size, options.seed);
    const { dir, written } = writeCorpus(corpus.name, corpus.files);
    folders.set(size, { corpus, dir });
    const minimum = checkMinimum(corpus);
    log(
      `corpus ${corpus.name}: ${count(size)} notes, ${num(corpus.sizes.bytes / 1e6)} MB${written ? ', written' : ', on disk already'}` +
        `${minimum ? `; minimum ${minimum.text}` : ''}\n  ${factsLine(corpus.facts)}`,
    );
  }
  const largest = options.sizes.at(-1) ?? 100;
  const largestFolder = folders.get(largest);
  if (!largestFolder) throw new Error('no corpus');

  log(`${kind}: peak memory, a fresh process indexes ${count(largest)} notes ...`);
  collect(out, kind, { rows: peakMemoryRows(largest, largestFolder.dir, bundles) });
  for (const size of options.sizes.filter((candidate) => candidate >= 1000)) {
    const folder = folders.get(size);
    if (!folder) continue;
    log(`${kind}: whole processes on ${count(size)} notes: index, check, the language service${size >= 10_000 ? ', the reference reading' : ''} ...`);
    collect(out, kind, processRows({ size, folder: folder.dir, bundles, runs: 3, deadline: started + BUDGETS_MS[kind].processes, reference: size >= 10_000 }));
  }
  indexPhase(kind, largest, await coldPhase(kind, options, folders, started, out), largestFolder, bundles, options, started, out);
  collectGarbage();
}

/** Search at 30,000 terms: the 30,000-term variant of the course corpus, indexed from memory. */
async function searchPhase(size: number, options: BenchOptions, out: Collected): Promise<void> {
  if (size < 10_000) {
    collect(out, COURSE, { rows: [notMeasured('search.30k', 'Fuzzy search, 30,000 concepts', 'ms', 'needs --sizes with 10000 (the 30,000-term corpus has 10,000 notes)')] });
    return;
  }
  log(`search at ${count(SEARCH_VOCAB)} terms: indexing ${count(size)} notes of the ${count(SEARCH_VOCAB)}-term corpus in memory ...`);
  const corpus = generateCorpus({ files: size, vocab: SEARCH_VOCAB, seed: options.seed });
  const root = join(corpusRoot(), corpusName(corpus.options));
  const notes = corpus.files.map((file) => ({ uri: pathToFileURL(join(root, file.path)).href, text: file.text }));
  const run = coldIndex(() => notes);
  out.corpora.push(corpusLine(courseCorpus(corpus), `${corpusName(corpus.options)} (in memory)`, run.index.concepts().length, lookalikeLeaks(run)));
  const rows: Row[] = [
    {
      id: `coldMemory.${size}.v${SEARCH_VOCAB}`,
      label: `Index, ${count(size)} notes with ${count(SEARCH_VOCAB)} terms, texts in memory (one run)`,
      value: run.totalMs,
      unit: 'ms',
      samples: 1,
      detail: `setNote ${num(run.analyseMs)}, first concepts() ${num(run.buildMs)} ms`,
    },
    searchRow('search.30k', measureSearch(run.index, corpus.vocabulary, 1000, options.seed)),
  ];
  collect(out, COURSE, { rows });
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
  const { dir } = writeCorpus(corpusName(corpus.options), corpus.files);
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
  if (!options.skipBrowser) await mapPhase(vsix, options.mapSizes, rows);
}

/** The concept map at 500 and 5,000 nodes (issue 16): first picture, longest task after it, frame rate. */
async function mapPhase(vsix: string | undefined, sizes: readonly number[], rows: Row[]): Promise<void> {
  try {
    rows.push(...(await mapScaleRows(vsix, sizes, log)));
  } catch (error) {
    rows.push(notMeasured('conceptMap.firstPicture.500', 'Concept map at 500 and 5,000 nodes', 'ms', `VS Code run failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`));
  }
}

async function bench(options: BenchOptions): Promise<number> {
  if (!hasGc()) log('warning: run under node --expose-gc (npm run bench does) so that phases start from a collected heap');
  const bundles = stageBundles();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineFacts();
  log(
    `Alignment Notes bench: ${options.mapOnly ? 'the concept map only' : options.hostOnly ? 'the extension host only' : `corpora ${options.corpora.join(', ')}; sizes ${options.sizes.map(count).join(', ')}, seed ${options.seed}`}; ` +
      `${machine.nproc} CPUs, ${machine.cpuModel}, Node ${machine.node}`,
  );
  const out: Collected = { rows: [], ratios: [], corpora: [] };
  const only = options.mapOnly || options.hostOnly;
  if (options.mapOnly) await mapPhase(undefined, options.mapSizes, out.rows);
  for (const kind of only ? [] : options.corpora) await corpusPhase(kind, options, bundles, out);
  const withCourse = !only && options.corpora.includes(COURSE);
  if (withCourse) {
    await searchPhase(options.sizes.at(-1) ?? 100, options, out);
    collectGarbage();
    await extensionPhase(options, out.rows);
  }
  // Issue 14: the extension host's loop and the hovers during a first index, in VS Code (the large-workspace suite).
  if (options.hostOnly || (withCourse && !options.skipVsCode)) out.rows.push(...hostRows(options.sizes.filter((size) => size >= 1000), log));

  const report = {
    startedAt,
    totalSeconds: (performance.now() - started) / 1000,
    loadAverageAtEnd: loadavg(),
    options: { ...options },
    machine,
    ...out,
    targets: checkTargets(out.rows, out.ratios, only ? [] : options.corpora),
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
