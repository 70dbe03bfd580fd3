import * as vscode from 'vscode';
import { cacheEntryTexts, cacheFileParts, cacheJson } from '../core/index/analysisCache';
import type { CourseIndex } from '../core/index/courseIndex';
import { utf8Parts } from '../core/util/utf8Parts';
import { finishInSlices, Slices } from './slices';

const FILE = 'analysis-cache.json';
/** Quiet time after a change before the cache is written: one write per burst of edits, not one per keystroke. */
const SAVE_DELAY_MS = 3_000;

/**
 * Writes a file at once, synchronously, through a temporary file `<file>.<random>.tmp` renamed over it; false when
 * the file is not on this machine's disk. The Node host's entry point passes one (src/node/writeFileNow.ts).
 */
export type WriteFileNow = (file: vscode.Uri, bytes: Uint8Array) => boolean;

/** What `restore` found: a cache it used, none, or one it threw away (corrupted or of another version). */
export type CacheRestore = 'restored' | 'absent' | 'rejected';

/**
 * Persists the index's analyses in the workspace's storage, so that a reload parses only the notes that
 * changed. Each write goes to a temporary file renamed over the old cache, so a crash never leaves half a
 * cache, and the next start deletes what such a crash left. Without workspace storage (no folder open)
 * nothing is persisted. It never writes anywhere else.
 */
export class CacheStore implements vscode.Disposable {
  readonly file: vscode.Uri | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The write in progress, so that two writes never interleave. */
  #writing: Promise<void> = Promise.resolve();
  /** How long the last save took: a large cache (10,000 notes: about 32 MB of JSON) is saved less often. */
  #lastSaveMs = 0;
  /** Changes to the index so far, and how many of them the cache on disk holds: the exit save writes only if they differ. */
  #changes = 0;
  #saved = 0;
  /** Set on deactivation: a write still in flight then fails quietly (the log channel is closed by then). */
  #exited = false;
  /**
   * The cache file's size and time as the last `restore` read it, while it is that file, not written since: a save
   * finds by them that nothing else replaced or removed it since.
   */
  #restored: { readonly size: number; readonly mtime: number } | undefined;

  constructor(
    private readonly index: CourseIndex,
    private readonly dir: vscode.Uri | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly writeNow: WriteFileNow | undefined,
  ) {
    this.file = dir && vscode.Uri.joinPath(dir, FILE);
  }

  /** Gives the index the persisted analyses; a bad cache is ignored (and rebuilt by the next save) with one log line. */
  async restore(): Promise<CacheRestore> {
    this.#restored = undefined;
    if (!this.file) {
      this.log.info('No workspace storage (no folder open): analyses are not kept between sessions; each start reads every note.');
      return 'absent';
    }
    await this.#removeUnfinishedSaves();
    const started = Date.now();
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(this.file);
    } catch {
      return 'absent';
    }
    const cache = await readInSlices(bytes);
    if (cache !== undefined && ('lines' in cache ? this.index.importCacheLines(cache.lines) : this.index.importCache(cache.data))) {
      // A file of another layout (read whole, in one block) is written again in lines, even if it holds every note.
      if ('lines' in cache) this.#restored = await this.#stat();
      this.log.info(`Read the analysis cache (${megabytes(bytes.byteLength)} MB) in ${Date.now() - started} ms.`);
      return 'restored';
    }
    this.log.warn(`The analysis cache was corrupted or of another version; ignored, it will be rebuilt (${this.file.toString(true)}).`);
    return 'rejected';
  }

  /** Saves after a quiet moment, at least ten times as long as the last save took, so saving costs at most a tenth of the host's time. */
  schedule(): void {
    if (!this.file) return;
    this.#changes++;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), Math.max(testSetting('cacheSaveDelayMs') ?? SAVE_DELAY_MS, 10 * this.#lastSaveMs));
  }

  /** Saves now, after any write in progress. */
  save(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writing = this.#writing.then(() => this.#write());
    return this.#writing;
  }

  /** Writes a pending save at once, and waits for any write in progress. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) await this.save();
    else await this.#writing;
  }

  /**
   * On deactivation: writes the changes not saved yet before the host exits. By then VS Code has cut the host's
   * connection to the window, so every `workspace.fs` call is cancelled; `writeNow` (Node's fs, in desktop and
   * remote hosts) still writes. Synchronous, so the cache is on disk when `deactivate` returns. A web host has
   * no `writeNow`: there the cache keeps its last save.
   */
  saveOnExit(): void {
    this.dispose();
    this.#exited = true;
    if (!this.file || !this.writeNow) return;
    // Restored and not written since, the file is stale as soon as the index no longer holds it, saves skipped or not:
    // an entry found malformed when its wikilinks were first read is packed afresh now, though nothing scheduled a save.
    if (this.#restored ? this.#holdsIndex() : this.#saved === this.#changes) return;
    const started = Date.now();
    try {
      const bytes = new TextEncoder().encode(cacheJson(this.index.cacheLines()));
      if (!this.writeNow(this.file, bytes)) return;
      this.#restored = undefined;
      this.#saved = this.#changes;
      this.#tryLog('info', `Saved the analysis cache of ${this.index.noteCount} notes on deactivation (${megabytes(bytes.byteLength)} MB) in ${Date.now() - started} ms.`);
    } catch (error) {
      this.#tryLog('warn', `Could not save the analysis cache on deactivation: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async #write(): Promise<void> {
    if (!this.dir || !this.file) return;
    const temp = vscode.Uri.joinPath(this.dir, `${FILE}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
    const started = Date.now();
    const changes = this.#changes;
    if (this.#holdsIndex() && (await this.#unchangedOnDisk())) {
      // A warm start that found every note as the cache has it: writing 30 MB again would change nothing.
      if (this.#saved !== changes) this.log.info(`The analysis cache holds the ${this.index.noteCount} notes as they are; not written again.`);
      this.#saved = Math.max(this.#saved, changes);
      return;
    }
    try {
      const bytes = await this.#bytes();
      await vscode.workspace.fs.createDirectory(this.dir);
      const pauseMs = testSetting('cacheWritePauseMs');
      if (pauseMs !== undefined) {
        // A slow disk, for the tests that kill the host in the middle of a write: half the bytes are written.
        await vscode.workspace.fs.writeFile(temp, bytes.subarray(0, bytes.byteLength >> 1));
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
      await vscode.workspace.fs.writeFile(temp, bytes);
      await vscode.workspace.fs.rename(temp, this.file, { overwrite: true });
      this.#restored = undefined;
      this.#saved = Math.max(this.#saved, changes);
      this.#lastSaveMs = Date.now() - started;
      this.log.info(`Saved the analysis cache of ${this.index.noteCount} notes (${megabytes(bytes.byteLength)} MB) in ${this.#lastSaveMs} ms.`);
    } catch (error) {
      if (this.#exited) return; // cancelled by the host's shutdown: the exit save wrote the cache, or the next start deletes the temporary file
      this.log.warn(`Could not save the analysis cache: ${error instanceof Error ? error.message : String(error)}`);
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    }
  }

  /** Whether the cache file holds the index as it is: the index was restored from it, and has every note as it was there. */
  #holdsIndex(): boolean {
    return this.#restored !== undefined && this.index.holdsImportedCache();
  }

  /** Whether the cache file is still the one restored: the same size and time (not removed or replaced since). */
  async #unchangedOnDisk(): Promise<boolean> {
    const now = await this.#stat();
    return now !== undefined && now.size === this.#restored?.size && now.mtime === this.#restored.mtime;
  }

  async #stat(): Promise<{ readonly size: number; readonly mtime: number } | undefined> {
    if (!this.file) return undefined;
    try {
      const { size, mtime } = await vscode.workspace.fs.stat(this.file);
      return { size, mtime };
    } catch {
      return undefined;
    }
  }

  /**
   * The cache file's bytes, each entry packed, turned to JSON and encoded in its own step, in slices: 10,000 notes
   * take seconds, and a 36 MB string joined and encoded in one piece held the host's thread for a tenth of a second
   * or more. Encoded into one buffer (`utf8Parts`): arrays of their own made V8 collect the whole heap at once.
   */
  async #bytes(): Promise<Uint8Array> {
    const slices = new Slices();
    const parts: string[] = [];
    for (const part of cacheFileParts(this.index.cacheLinePieces())) {
      parts.push(part);
      await slices.pause();
    }
    return (await finishInSlices(utf8Parts(parts))).value;
  }

  /** Deletes the temporary files of saves that never finished (their host was killed mid-write): nothing reads them. */
  async #removeUnfinishedSaves(): Promise<void> {
    const dir = this.dir;
    if (!dir) return;
    const names = await vscode.workspace.fs.readDirectory(dir).then(
      (entries) => entries.map(([name]) => name).filter((name) => name.startsWith(`${FILE}.`) && name.endsWith('.tmp')),
      () => [],
    );
    if (names.length === 0) return;
    await Promise.all(names.map((name) => vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, name)).then(undefined, () => undefined)));
    this.log.info(`Deleted ${names.length} unfinished save(s) of the analysis cache, left by an extension host that stopped in the middle of one.`);
  }

  /** Logs unless the channel is already closed (VS Code closes it while it deactivates the extension). */
  #tryLog(level: 'info' | 'warn', message: string): void {
    try {
      this.log[level](message);
    } catch {
      // Nothing to tell it to.
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * A cache file's entry lines, decoded a line at a time in slices, when it has the layout `cacheJson` writes (a 36 MB
 * cache takes a tenth of a second to decode; each entry is parsed when its note comes); else the file parsed whole.
 * Undefined when it is not JSON or is cut short.
 */
async function readInSlices(bytes: Uint8Array): Promise<{ readonly lines: readonly string[] } | { readonly data: unknown } | undefined> {
  try {
    const texts = cacheEntryTexts(bytes);
    if (!texts) return { data: JSON.parse(new TextDecoder('utf-8').decode(bytes)) as unknown };
    const lines: string[] = [];
    const slices = new Slices();
    for (const text of texts) {
      if (text === undefined) return undefined;
      lines.push(text);
      await slices.pause();
    }
    return { lines };
  } catch {
    return undefined;
  }
}

/**
 * A hidden setting for the tests that run the extension host as a process (test/process): not in package.json,
 * so never set for users. `cacheSaveDelayMs` replaces the quiet time before a save; `cacheWritePauseMs` pauses
 * each save after half of its temporary file is written.
 */
function testSetting(name: 'cacheSaveDelayMs' | 'cacheWritePauseMs'): number | undefined {
  const value = vscode.workspace.getConfiguration('alignmentNotes.testing').get<unknown>(name);
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
