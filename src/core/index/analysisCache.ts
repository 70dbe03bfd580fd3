import type { PackedAnalysis } from './packedAnalysis';

/** Bumped whenever the packed form, `NoteAnalysis` or the extraction rules change, so an older cache is rebuilt. */
export const CACHE_VERSION = 8;

/**
 * The persisted analyses of a workspace, for a warm start: plain JSON, about a quarter of the size of the
 * analyses written out as objects, which is what a warm start spends its time parsing.
 */
export interface AnalysisCache {
  readonly version: number;
  readonly entries: readonly CacheEntry[];
}

/** One note's entry in the cache. */
export interface CacheEntry {
  readonly note: string;
  readonly hash: string;
  readonly analysis: PackedAnalysis;
}

/** The first line of a cache file; each entry follows on a line of its own (JSON escapes line breaks in strings). */
const CACHE_HEAD = `{"version":${CACHE_VERSION},"entries":[`;
const CACHE_TAIL = ']}';

/**
 * The cache file for entries turned to JSON one at a time: one JSON document (what `JSON.parse` reads, like any
 * older cache) with an entry per line, so that a host can read it back a line at a time (`cacheEntryTexts`).
 */
export function cacheJson(entries: Iterable<string>): string {
  return [...cacheFileParts(entries)].join('');
}

/**
 * The text of `cacheJson` in parts (its head, each entry's separator and line or the line's pieces, its tail), for a
 * host to encode and write in slices: 10,000 notes make 36 MB, which joined and encoded at once held the host's
 * thread for 0.1-0.5 s. An entry given in pieces (`cacheLinePieces`) is written piece by piece, so the analysis's
 * JSON text the index keeps is encoded as it is, never first copied into a line of its own.
 */
export function* cacheFileParts(entries: Iterable<string | CacheLinePieces>): Generator<string> {
  yield `${CACHE_HEAD}\n`;
  let first = true;
  for (const entry of entries) {
    if (!first) yield ',\n';
    if (typeof entry === 'string') yield entry;
    else yield* entry;
    first = false;
  }
  yield first ? CACHE_TAIL : `\n${CACHE_TAIL}`;
}

const NEWLINE = 0x0a;

/**
 * The entries' JSON texts of a cache file's bytes in the layout `cacheJson` writes for this version, each
 * decoded only when reached, so that a host decodes and parses a 36 MB cache a line at a time in slices.
 * Undefined when the file does not start with this version's head (another version or layout: read it whole);
 * when it breaks the layout further on (a file cut short), the texts end with an `undefined`.
 */
export function cacheEntryTexts(bytes: Uint8Array): Iterable<string | undefined> | undefined {
  const head = new TextEncoder().encode(`${CACHE_HEAD}\n`);
  if (bytes.length < head.length || head.some((byte, i) => bytes[i] !== byte)) return undefined;
  const decoder = new TextDecoder('utf-8');
  return (function* (): Generator<string | undefined> {
    // A line break byte is never part of another character in UTF-8, and JSON writes none inside a string.
    let start = head.length;
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end < 0) {
        if (decoder.decode(bytes.subarray(start)) !== CACHE_TAIL) yield undefined;
        return;
      }
      const line = decoder.decode(bytes.subarray(start, end));
      start = end + 1;
      if (line.endsWith(',')) {
        yield line.slice(0, -1);
        continue;
      }
      // The last entry has no comma and only the tail after it.
      yield decoder.decode(bytes.subarray(start)) === CACHE_TAIL ? line : undefined;
      return;
    }
  })();
}

/**
 * An entry of the cache as one line of JSON (`JSON.stringify` of a `CacheEntry`, its analysis packed as JSON already),
 * in pieces whose concatenation is the line: its head, the analysis's JSON text, its tail.
 */
export type CacheLinePieces = readonly [head: string, packedJson: string, tail: string];

export function cacheLinePieces(note: string, hash: string, packedJson: string): CacheLinePieces {
  return [`{"note":${JSON.stringify(note)},"hash":${JSON.stringify(hash)},"analysis":`, packedJson, '}'];
}

const CACHE_LINE = /^\{"note":("(?:[^"\\]|\\.)*"),"hash":"([^"\\]*)","analysis":(?=\[)/;

/**
 * The note, content hash and packed analysis's JSON of a line `cacheLine` wrote, without parsing the analysis (a
 * warm start parses each when its note comes); undefined for any other text.
 */
export function readCacheLine(line: string): { readonly note: string; readonly hash: string; readonly packedJson: string } | undefined {
  const found = CACHE_LINE.exec(line);
  if (!found?.[1] || !found[2] || !line.endsWith(']}')) return undefined;
  let note: unknown;
  try {
    note = JSON.parse(found[1]);
  } catch {
    return undefined;
  }
  return typeof note === 'string' ? { note, hash: found[2], packedJson: line.slice(found[0].length, -1) } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(entry: unknown): entry is AnalysisCache['entries'][number] {
  return isRecord(entry) && typeof entry.note === 'string' && typeof entry.hash === 'string' && Array.isArray(entry.analysis);
}

/**
 * Reads a persisted cache; `undefined` when it is of another version or of another shape, so the host can
 * say the cache was rebuilt. What is inside each packed analysis is checked when a note claims it
 * (`unpackAnalysis`): one bad entry then costs only its note's re-analysis.
 */
export function readAnalysisCache(data: unknown): AnalysisCache | undefined {
  if (!isRecord(data) || data.version !== CACHE_VERSION || !Array.isArray(data.entries)) return undefined;
  const entries: unknown[] = data.entries;
  return entries.every(isEntry) ? { version: CACHE_VERSION, entries } : undefined;
}
