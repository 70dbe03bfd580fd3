/**
 * The longest steps the extension host runs on its thread, without VS Code: drives `CourseIndex` as
 * `WorkspaceNotes` does on the large suite's corpus (10,000 notes, seed 42): a first index in batches of 200
 * with a hover after each batch (rebuilding in steps, as the providers do), its end, a cache save and a warm
 * start, each index followed by what the Problems panel and the flashcards' status bar then ask; after the first
 * index, the concept map's graph as its panel builds it. Each synchronous step is timed in CPU time, so that
 * other work on a shared machine does not count; on a quiet machine a step's CPU time is the block it puts on
 * the host's event loop (garbage collection aside).
 *
 *   node esbuild.mjs && node --max-old-space-size=4096 out/bench/hostBlocks.js
 *
 * It prints, for each kind of step, how many ran, the longest, the median and the sum, in ms. Analysing the
 * notes (worker threads in the host) is done first and not timed. A garbage collection lands in whichever step
 * ran then; `--trace-gc` lists them (a mark-compact's pause blocks the host's thread as a step does).
 */
import { cacheEntryTexts, cacheFileParts } from '../src/core/index/analysisCache';
import { packAnalysisJson } from '../src/core/index/packedAnalysis';
import { CourseIndex } from '../src/core/index/courseIndex';
import { studyCardSteps } from '../src/core/study/cards';
import { WorkBudget } from '../src/core/util/steps';
import { analyseNoteWithinLimits } from '../src/core/notes/limits';
import { mapGraphSteps } from '../src/vscode/conceptMap/mapGraph';
import { generateCorpus } from './corpus/generate';
import { utf8Parts } from '../src/core/util/utf8Parts';

const ROOT = 'file:///large/';
const BATCH = 200;

const steps = new Map<string, number[]>();

/** Runs one step, adding its CPU time (user and system) to its kind's list. */
function step<T>(kind: string, body: () => T): T {
  const before = process.cpuUsage();
  const result = body();
  const { user, system } = process.cpuUsage(before);
  let list = steps.get(kind);
  if (!list) steps.set(kind, (list = []));
  list.push((user + system) / 1000);
  return result;
}

function printSteps(): void {
  for (const [kind, list] of steps) {
    const sorted = [...list].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const sum = list.reduce((total, ms) => total + ms, 0);
    console.log(`${kind.padEnd(36)} ${String(list.length).padStart(6)} steps, longest ${(sorted.at(-1) ?? 0).toFixed(1).padStart(7)} ms, median ${median.toFixed(2)} ms, sum ${sum.toFixed(0)} ms`);
  }
  steps.clear();
}

const corpus = generateCorpus({ files: 10_000, vocab: 3000, seed: 42 });
/** The large suite's 8,000 images (`scripts/lib/largeWorkspace.ts`: one file in five of 40,000), as the host lists them. */
const attachments = Array.from({ length: 8_000 }, (_, i) => `${ROOT}assets/images/part-${Math.floor((5 * i) / 1000)}/figure-${5 * i}.png`);
const notes = corpus.files.map((file) => ({ key: ROOT + encodeURI(file.path), text: file.text }));
const packed = notes.map(({ text }) => packAnalysisJson(analyseNoteWithinLimits(text), text));
// The open note the large suite hovers in: a unit note, on its first definition's term.
const found = notes.find(({ key }) => key.includes('Unit'));
if (!found) throw new Error('no unit note in the corpus');
const open = found;
const line = open.text.split('\n').findIndex((text) => /^\* \*{1,2}[^*]{2,}\*{1,2}:/.test(text));

/** A hover as the provider answers it: the open note synced, the rebuild in pieces, then the answer. */
function hover(index: CourseIndex, phase: string): void {
  index.setNote(open.key, open.text);
  while (index.rebuildPending && step(`${phase}: rebuild piece`, () => index.rebuildStep()));
  step(`${phase}: hover answer`, () => {
    const hit = index.conceptAt(open.key, { line, character: 4 });
    if (hit) index.citedUnitsOf(hit.id);
  });
}

/** A full index from `analysed` (worker threads, or the cache), with a hover after each batch, and its end. */
function indexAll(index: CourseIndex, phase: string, analysed: boolean): void {
  index.setRoots([ROOT]);
  // As the host does once the files are listed: the attachments filed for links ahead of the notes.
  index.setFiles(attachments);
  while (step(`${phase}: attachments filed for links, a step`, () => index.prepareLinksStep()));
  for (let start = 0; start < notes.length; start += BATCH) {
    for (let i = start; i < Math.min(notes.length, start + BATCH); i++) {
      const note = notes[i];
      const analysis = packed[i];
      if (!note || !analysis) continue;
      step(`${phase}: store a note`, () => (analysed ? index.setPackedNote(note.key, note.text, analysis, 'load') : index.setNote(note.key, note.text, undefined, 'load')));
    }
    hover(index, phase);
  }
  index.settle();
  while (step(`${phase}: end, rebuild piece`, () => index.rebuildStep()));
  // As the Problems panel asks: what every note's problems read (the likely-duplicate terms) made in steps first.
  const ready = index.diagnosticsSteps();
  while (!step(`${phase}: problems, a step of what they read`, () => ready.next().done === true));
  step(`${phase}: problems of the open note`, () => index.diagnostics(open.key));
  // As the flashcards' status bar recounts after the index: every concept's cards, in steps.
  const cards = studyCardSteps(index.concepts(), new WorkBudget());
  while (!step(`${phase}: flashcards, a step`, () => cards.next().done === true));
}

const cold = new CourseIndex();
indexAll(cold, 'cold', true);
printSteps();

const map = mapGraphSteps(cold);
while (!step('map: a step of its graph', () => map.next().done === true));
printSteps();

// As the extension saves: each entry's JSON a step, then counted and encoded into one buffer (`utf8Parts`).
const parts: string[] = [];
const lineSteps = cacheFileParts(cold.cacheLinePieces());
while (!step('save: an entry\'s JSON', () => {
  const next = lineSteps.next();
  if (!next.done) parts.push(next.value);
  return next.done === true;
}));
const encoding = utf8Parts(parts);
let encoded: IteratorResult<void, Uint8Array> | undefined;
while (!(encoded = step('save: count or encode an entry', () => encoding.next())).done);
const bytes = encoded.value;
printSteps();

const texts = cacheEntryTexts(bytes);
if (!texts) throw new Error('the cache was not written as cacheJson writes it');
const entries: string[] = [];
const lines = texts[Symbol.iterator]();
// As the extension reads it: a line at a time; each entry is parsed when its note comes (in `indexAll`).
while (!step('warm: decode a line', () => {
  const next = lines.next();
  if (!next.done && next.value !== undefined) entries.push(next.value);
  return next.done;
}));
const warm = new CourseIndex();
step('warm: import the cache', () => warm.importCacheLines(entries));
indexAll(warm, 'warm', false);
printSteps();
