import * as vscode from 'vscode';
import { CACHE_VERSION, cacheEntryLines, cacheJson } from '../core/index/analysisCache';
import type { CourseIndex } from '../core/index/courseIndex';
import { Slices } from './slices';

const FILE = 'analysis-cache.json';
/** Quiet time after a change before the cache is written: one write per burst of edits, not one per keystroke. */
const SAVE_DELAY_MS = 3_000;

/** What `restore` found: a cache it used, none, or one it threw away (corrupted or of another version). */
export type CacheRestore = 'restored' | 'absent' | 'rejected';

/**
 * Persists the index's analyses in the workspace's storage, so that a reload parses only the notes that
 * changed. Each write goes to a temporary file renamed over the old cache, so a crash never leaves half a
 * cache. Without workspace storage (no folder open) nothing is persisted. It never writes anywhere else.
 */
export class CacheStore implements vscode.Disposable {
  readonly file: vscode.Uri | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The write in progress, so that two writes never interleave. */
  #writing: Promise<void> = Promise.resolve();
  /** How long the last save took: a large cache (10,000 notes: about 32 MB of JSON) is saved less often. */
  #lastSaveMs = 0;

  constructor(
    private readonly index: CourseIndex,
    private readonly dir: vscode.Uri | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly delayMs = SAVE_DELAY_MS,
  ) {
    this.file = dir && vscode.Uri.joinPath(dir, FILE);
  }

  /** Gives the index the persisted analyses; a bad cache is ignored (and rebuilt by the next save) with one log line. */
  async restore(): Promise<CacheRestore> {
    if (!this.file) {
      this.log.info('No workspace storage (no folder open): analyses are not kept between sessions; each start reads every note.');
      return 'absent';
    }
    const started = Date.now();
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(this.file);
    } catch {
      return 'absent';
    }
    const data = await parseInSlices(new TextDecoder('utf-8').decode(bytes));
    if (data !== undefined && this.index.importCache(data)) {
      this.log.info(`Read the analysis cache (${megabytes(bytes.byteLength)} MB) in ${Date.now() - started} ms.`);
      return 'restored';
    }
    this.log.warn(`The analysis cache was corrupted or of another version; ignored, it will be rebuilt (${this.file.toString(true)}).`);
    return 'rejected';
  }

  /** Saves after a quiet moment, at least ten times as long as the last save took, so saving costs at most a tenth of the host's time. */
  schedule(): void {
    if (!this.file) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), Math.max(this.delayMs, 10 * this.#lastSaveMs));
  }

  /** Saves now, after any write in progress. */
  save(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writing = this.#writing.then(() => this.#write());
    return this.#writing;
  }

  /** Writes a pending save at once: on deactivation. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) await this.save();
    else await this.#writing;
  }

  async #write(): Promise<void> {
    if (!this.dir || !this.file) return;
    const temp = vscode.Uri.joinPath(this.dir, `${FILE}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
    const started = Date.now();
    try {
      const bytes = new TextEncoder().encode(await this.#json());
      await vscode.workspace.fs.createDirectory(this.dir);
      await vscode.workspace.fs.writeFile(temp, bytes);
      await vscode.workspace.fs.rename(temp, this.file, { overwrite: true });
      this.#lastSaveMs = Date.now() - started;
      this.log.info(`Saved the analysis cache of ${this.index.noteCount} notes (${megabytes(bytes.byteLength)} MB) in ${this.#lastSaveMs} ms.`);
    } catch (error) {
      this.log.warn(`Could not save the analysis cache: ${error instanceof Error ? error.message : String(error)}`);
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    }
  }

  /** The cache as JSON, packed and written out one note at a time in slices: 10,000 notes take seconds. */
  async #json(): Promise<string> {
    const entries: string[] = [];
    const slices = new Slices();
    for (const entry of this.index.cacheEntries()) {
      entries.push(JSON.stringify(entry));
      await slices.pause();
    }
    return cacheJson(entries);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * A cache file as JSON, read an entry at a time in slices when it has the layout `cacheJson` writes (a 36 MB
 * cache takes a second or more to parse); whole otherwise. Undefined when it is not JSON.
 */
async function parseInSlices(file: string): Promise<unknown> {
  try {
    const lines = cacheEntryLines(file);
    if (!lines) return JSON.parse(file);
    const entries: unknown[] = [];
    const slices = new Slices();
    for (const line of lines) {
      entries.push(JSON.parse(line));
      await slices.pause();
    }
    return { version: CACHE_VERSION, entries };
  } catch {
    return undefined;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
