import * as vscode from 'vscode';

/**
 * Folders that appear in the workspace, told apart from the files that do, a batch at a time. A watcher reports a
 * folder moved in by another program, or made and filled at once (an unzip, a checkout, `mkdir -p` and a write),
 * but not always the files in it: inotify says nothing of a moved folder's contents, and a file written before the
 * watch on its new folder is set is never reported (parcel-bundler/watcher#243). The owner lists them instead.
 */
export class NewFolders implements vscode.Disposable {
  readonly #created = new Map<string, vscode.Uri>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  /** `found` gets each batch's folders; `delayMs` gathers the events of one move or checkout into one batch. */
  constructor(
    private readonly found: (folders: readonly vscode.Uri[]) => void,
    private readonly delayMs = 100,
  ) {}

  /** Something was created at `uri`: a file, most often, which this drops once it has asked. */
  add(uri: vscode.Uri): void {
    if (this.#disposed) return;
    this.#created.set(uri.toString(), uri);
    this.#timer ??= setTimeout(() => void this.#flush(), this.delayMs);
  }

  async #flush(): Promise<void> {
    this.#timer = undefined;
    const created = [...this.#created.values()];
    this.#created.clear();
    const folders = await Promise.all(
      created.map((uri) =>
        vscode.workspace.fs.stat(uri).then(
          (stat) => ((stat.type & vscode.FileType.Directory) !== 0 ? uri : undefined),
          () => undefined, // gone again already: its deletion has its own event
        ),
      ),
    );
    const found = folders.filter((uri): uri is vscode.Uri => uri !== undefined);
    if (found.length > 0 && !this.#disposed) this.found(found);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#created.clear();
  }
}
