import * as vscode from 'vscode';
import { insideAny } from '../core/util/uriPaths';

/** Most paths asked about at once, so that a build writing thousands of files does not queue thousands of stats. */
const STATS_AT_ONCE = 64;

/**
 * Folders that appear in the workspace, told apart from the files that do, a batch at a time. A watcher reports a
 * folder moved in by another program, or made and filled at once (an unzip, a checkout, `mkdir -p` and a write),
 * but not always the files in it: inotify says nothing of a moved folder's contents, and a file written before the
 * watch on its new folder is set is never reported (parcel-bundler/watcher#243). The owner lists them instead.
 */
export class NewFolders implements vscode.Disposable {
  readonly #created = new Map<string, vscode.Uri>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Whether a batch is being asked about or listed: the next waits for it, so listings never overlap. (A stat or
   * a search that never ended would hold back every later batch; VS Code's end or fail.)
   */
  #busy = false;
  #disposed = false;

  /** `found` gets each batch's outermost new folders; `delayMs` gathers the events of one move or checkout into one batch. */
  constructor(
    private readonly found: (folders: readonly vscode.Uri[]) => Promise<void>,
    private readonly delayMs = 100,
  ) {}

  /** Something was created at `uri`: a file, most often, which this drops once it has asked. */
  add(uri: vscode.Uri): void {
    if (this.#disposed) return;
    this.#created.set(uri.toString(), uri);
    this.#schedule();
  }

  #schedule(): void {
    if (!this.#busy && this.#timer === undefined && this.#created.size > 0) this.#timer = setTimeout(() => void this.#flush(), this.delayMs);
  }

  async #flush(): Promise<void> {
    this.#timer = undefined;
    this.#busy = true;
    try {
      // What is inside another created path is listed with it, if that is a folder, and needs no question of its own.
      const keys = new Set(this.#created.keys());
      const created = [...this.#created.values()].filter((uri) => !insideAny(uri.toString(), keys));
      this.#created.clear();
      const found: vscode.Uri[] = [];
      for (let i = 0; i < created.length && !this.#disposed; i += STATS_AT_ONCE) {
        const folders = await Promise.all(created.slice(i, i + STATS_AT_ONCE).map(folderOrUndefined));
        found.push(...folders.filter((uri): uri is vscode.Uri => uri !== undefined));
      }
      if (found.length > 0 && !this.#disposed) await this.found(found);
    } finally {
      this.#busy = false;
      this.#schedule();
    }
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#created.clear();
  }
}

/** `uri` when it is a folder; undefined for a file, or a path gone again already (its deletion has its own event). */
function folderOrUndefined(uri: vscode.Uri): Thenable<vscode.Uri | undefined> {
  return vscode.workspace.fs.stat(uri).then(
    (stat) => ((stat.type & vscode.FileType.Directory) !== 0 ? uri : undefined),
    () => undefined,
  );
}
