import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheEntryTexts, cacheJson } from '../../src/core/index/analysisCache';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { count, num } from '../lib/format';
import { notMeasured, type Row } from '../lib/results';
import { median, summarize } from '../lib/stats';
import { collectGarbage } from '../lib/timing';
import type { Note } from './coldIndex';
import { buildGraph, scanOccurrences } from './workspaceScans';

export interface WarmRun {
  /** The persisted cache's lines decoded, `importCacheLines`, `setNote` of every note (each parses its analysis) and the first `concepts()`. */
  readonly totalMs: number;
  readonly parseMs: number;
  readonly importMs: number;
  readonly setNoteMs: number;
  readonly buildMs: number;
  readonly imported: boolean;
  readonly index: CourseIndex;
}

/** The persisted form of an index's cache, as the extension writes it to disk. */
export function persistedCache(index: CourseIndex): string {
  return cacheJson(index.cacheLines());
}

/** A warm start as the extension makes one: the cache file's lines decoded and imported, then the same texts given to a fresh index. */
export function warmStart(cache: string, notes: readonly Note[]): WarmRun {
  const bytes = new TextEncoder().encode(cache);
  collectGarbage();
  const started = performance.now();
  const texts = cacheEntryTexts(bytes);
  const lines = texts === undefined ? undefined : [...texts];
  const parsed = performance.now();
  const index = new CourseIndex();
  // The extension's path for a file `cacheJson` wrote, which it refuses whole when a line is cut short. Any other
  // file (the extension would parse it whole) is reported as refused, never timed as a warm start of what was left.
  const imported = lines !== undefined && lines.every((line): line is string => line !== undefined) && index.importCacheLines(lines);
  const importDone = performance.now();
  for (const note of notes) index.setNote(note.uri, note.text);
  const set = performance.now();
  index.concepts();
  const built = performance.now();
  return {
    totalMs: built - started,
    parseMs: parsed - started,
    importMs: importDone - parsed,
    setNoteMs: set - importDone,
    buildMs: built - set,
    imported,
    index,
  };
}

/**
 * Warm starts from the persisted cache; each fresh index then times one occurrence scan and one graph build.
 * After the first, scans and builds run only while the run is within `deadline` and the first scan took
 * under 5 s: one scan of every note is already an aggregate over the whole corpus.
 */
/** The times of a warm start, without its index. */
type WarmTimes = Omit<WarmRun, 'index'>;

/**
 * Three warm starts in a fresh child process (`bench/warmStart.ts`), as a warm start happens in a new
 * extension host: beside this process's own indexes, garbage collection would cost it several times over.
 */
function warmStartsInChild(cache: string, folder: string, bundles: string): WarmTimes[] | string {
  const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-cache-'));
  try {
    const file = join(dir, 'cache.json');
    writeFileSync(file, cache);
    const child = spawnSync(process.execPath, ['--expose-gc', join(bundles, 'warmStart.js'), folder, file], { encoding: 'utf8', maxBuffer: 2 ** 24 });
    try {
      return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as WarmTimes[];
    } catch {
      return `the child process failed (exit ${String(child.status)}): ${child.stderr.trim().split('\n').slice(-2).join(' / ')}`;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Warm starts (in a child process), then occurrence scans and graph builds on fresh indexes restored from the cache. */
export function warmStartRows(size: number, cache: string, notes: readonly Note[], folder: string, bundles: string, bytes: number, deadline: number): Row[] {
  const children = warmStartsInChild(cache, folder, bundles);
  const scans: number[] = [];
  const graphs: number[] = [];
  let occurrences = 0;
  let graph = { nodes: 0, edges: 0 };
  for (let run = 0; run < 3; run++) {
    if (run > 0 && (performance.now() > deadline || (scans[0] ?? 0) > 5000)) break;
    const result = warmStart(cache, notes);
    const scan = scanOccurrences(result.index);
    scans.push(scan.ms);
    occurrences = scan.occurrences;
    const built = buildGraph(result.index);
    graphs.push(built.ms);
    graph = built;
  }
  const s = summarize(scans);
  const g = summarize(graphs);
  const mb = bytes / 1e6;
  const warmRow: Row =
    typeof children === 'string'
      ? notMeasured(`warm.${size}`, `Warm start from the persisted cache, ${count(size)} notes`, 'ms', children)
      : warmRowOf(size, children, cache);
  return [
    warmRow,
    {
      id: `occurrences.${size}`,
      label: `Occurrence scan (occurrencesIn over every note), ${count(size)} notes`,
      value: s.median / mb,
      unit: 'ms/MB',
      samples: s.n,
      detail: `${s.n === 1 ? 'one scan' : `median of ${s.n} scans`} of a fresh index: ${num(s.median)} ms for ${num(mb)} MB, ${count(occurrences)} occurrences`,
    },
    {
      id: `graph.${size}`,
      label: `Concept graph build (first graph()), ${count(size)} notes`,
      value: g.median,
      unit: 'ms',
      samples: g.n,
      detail: `${g.n === 1 ? 'one build' : `median of ${g.n} builds`} on a fresh index; ${count(graph.nodes)} nodes, ${count(graph.edges)} edges`,
    },
  ];
}

function warmRowOf(size: number, runs: readonly WarmTimes[], cache: string): Row {
  const w = summarize(runs.map((run) => run.totalMs));
  const part = (pick: (run: WarmTimes) => number): string => num(median(runs.map(pick)));
  return {
    id: `warm.${size}`,
    label: `Warm start from the persisted cache, ${count(size)} notes`,
    value: w.median,
    unit: 'ms',
    samples: w.n,
    detail:
      `median of ${w.n} in a fresh process (${runs.map((run) => num(run.totalMs)).join(', ')} ms): lines decoded + importCacheLines ${part((run) => run.parseMs + run.importMs)}, ` +
      `setNote (each parses its analysis) ${part((run) => run.setNoteMs)}, first concepts() ${part((run) => run.buildMs)} ms; cache ${num(cache.length / 2 ** 20)} MiB of JSON` +
      (runs.every((run) => run.imported) ? '' : '; importCacheLines REJECTED the cache'),
  };
}
