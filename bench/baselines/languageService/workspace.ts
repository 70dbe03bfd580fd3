import type { FileStat, ITextDocument, IWorkspace } from 'vscode-markdown-languageservice';
import { URI, Utils } from 'vscode-uri';

type Disposable = { dispose(): void };

/** An event that never fires: nothing changes in a benchmark workspace. */
export const noEvent = (): Disposable => ({ dispose: () => undefined });

/**
 * An in-memory `IWorkspace` for the language service, modelled on its own test workspace: documents keyed by
 * fsPath, folders derived from their paths for `stat` and `readDirectory`, and change events that never fire.
 */
export class InMemoryWorkspace implements IWorkspace {
  readonly #documents = new Map<string, ITextDocument>();
  /** Folder fsPath → entry name → whether it is a folder. */
  readonly #folders = new Map<string, Map<string, boolean>>();
  readonly onDidChangeMarkdownDocument: IWorkspace['onDidChangeMarkdownDocument'] = noEvent;
  readonly onDidCreateMarkdownDocument: IWorkspace['onDidCreateMarkdownDocument'] = noEvent;
  readonly onDidDeleteMarkdownDocument: IWorkspace['onDidDeleteMarkdownDocument'] = noEvent;

  constructor(
    private readonly root: URI,
    documents: Iterable<ITextDocument>,
  ) {
    for (const document of documents) {
      let uri = URI.parse(document.uri);
      this.#documents.set(uri.fsPath, document);
      let isFolder = false;
      while (uri.path !== '/' && uri.fsPath !== root.fsPath) {
        const parent = Utils.dirname(uri);
        const entries = this.#folders.get(parent.fsPath) ?? new Map<string, boolean>();
        entries.set(Utils.basename(uri), isFolder);
        this.#folders.set(parent.fsPath, entries);
        uri = parent;
        isFolder = true;
      }
    }
  }

  get workspaceFolders(): readonly URI[] {
    return [this.root];
  }

  async getAllMarkdownDocuments(): Promise<Iterable<ITextDocument>> {
    return this.#documents.values();
  }

  hasMarkdownDocument(resource: URI): boolean {
    return this.#documents.has(resource.fsPath);
  }

  async openMarkdownDocument(resource: URI): Promise<ITextDocument | undefined> {
    return this.#documents.get(resource.fsPath);
  }

  async stat(resource: URI): Promise<FileStat | undefined> {
    if (this.#documents.has(resource.fsPath)) return { isDirectory: false };
    return this.#folders.has(resource.fsPath) || resource.fsPath === this.root.fsPath ? { isDirectory: true } : undefined;
  }

  async readDirectory(resource: URI): Promise<Iterable<readonly [string, FileStat]>> {
    const entries = this.#folders.get(resource.fsPath) ?? new Map<string, boolean>();
    return [...entries].map(([name, isDirectory]) => [name, { isDirectory }] as const);
  }
}
