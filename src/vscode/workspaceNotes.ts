import * as vscode from 'vscode';
import type { CourseIndex } from '../core/index/courseIndex';

const MARKDOWN_GLOB = '**/*.md';
const EXCLUDE_GLOB = '**/{node_modules,.git,.vscode-test}/**';

/**
 * Keeps the core's index in step with the workspace: every markdown file on disk, and the unsaved text
 * of open editors. Reads through `workspace.fs` so it also works in virtual and web workspaces.
 */
export class WorkspaceNotes implements vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  /** Fires after the index changed. */
  readonly onDidChange = this.#changed.event;
  readonly #disposables: vscode.Disposable[] = [this.#changed];
  readonly #decoder = new TextDecoder('utf-8');

  constructor(
    private readonly index: CourseIndex,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(MARKDOWN_GLOB);
    this.#disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.#readFromDisk(uri)),
      watcher.onDidChange((uri) => void this.#readFromDisk(uri)),
      watcher.onDidDelete((uri) => this.#remove(uri)),
      vscode.workspace.onDidChangeTextDocument((event) => this.#readFromEditor(event.document)),
      vscode.workspace.onDidOpenTextDocument((document) => this.#readFromEditor(document)),
    );
  }

  /** Indexes every note of the workspace once; open editors win over disk. */
  async indexWorkspace(): Promise<void> {
    const started = Date.now();
    const uris = await vscode.workspace.findFiles(MARKDOWN_GLOB, EXCLUDE_GLOB);
    await Promise.all(uris.map((uri) => this.#readFromDisk(uri, false)));
    for (const document of vscode.workspace.textDocuments) this.#readFromEditor(document, false);
    this.log.info(`Indexed ${this.index.noteCount} notes, ${this.index.concepts().length} concepts in ${Date.now() - started} ms.`);
    this.#changed.fire();
  }

  #readFromEditor(document: vscode.TextDocument, notify = true): void {
    if (document.languageId !== 'markdown' || document.uri.scheme === 'git') return;
    this.index.setNote(document.uri.toString(), document.getText());
    if (notify) this.#changed.fire();
  }

  async #readFromDisk(uri: vscode.Uri, notify = true): Promise<void> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open?.isDirty) return; // the editor's unsaved text is newer than the file
    try {
      this.index.setNote(uri.toString(), this.#decoder.decode(await vscode.workspace.fs.readFile(uri)));
      if (notify) this.#changed.fire();
    } catch (error) {
      this.log.warn(`Could not read ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #remove(uri: vscode.Uri): void {
    this.index.removeNote(uri.toString());
    this.#changed.fire();
  }

  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
