import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoversAt, hoverText, positionOf } from './helpers';

const SCHEME = 'alignment-notes-virtual';
const encoder = new TextEncoder();

/**
 * An in-memory file system under a scheme of its own, like a virtual workspace's (github.dev, a remote
 * repository): nothing under it exists on disk, so anything that went through Node's `fs` or `fsPath` fails.
 */
class MemoryFileSystem implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>();
  readonly reads: string[] = [];
  readonly #changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.#changed.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: file.byteLength };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    this.reads.push(uri.path);
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.#changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('read-only in this test');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('read-only in this test');
  }
}

describe('virtual file systems', () => {
  const memory = new MemoryFileSystem();
  let registration: vscode.Disposable | undefined;
  const glossary = vscode.Uri.from({ scheme: SCHEME, path: '/course/Glossary.md' });
  const reading = vscode.Uri.from({ scheme: SCHEME, path: '/course/Reading.md' });

  before(async () => {
    await activateExtension();
    memory.files.set(glossary.path, encoder.encode('# Glossary\n\n* **Virtual sandbagging**: underperforming on purpose during an evaluation.\n'));
    memory.files.set(reading.path, encoder.encode('# Reading\n\nThe model may try virtual sandbagging when tested.\n'));
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, memory, { isCaseSensitive: true });
  });
  after(() => registration?.dispose());

  it('indexes notes opened from a file system that is not on disk, and hovers and navigates across them', async () => {
    await vscode.workspace.openTextDocument(glossary);
    const document = await vscode.workspace.openTextDocument(reading);
    const at = positionOf(document, 'virtual sandbagging', 3);
    const text = await eventually('the hover', async () => {
      const hover = hoverText(await hoversAt(document, at));
      return hover.includes('underperforming on purpose') ? hover : undefined;
    }, 10_000);
    assert.match(text, new RegExp(`${SCHEME}:/course/Glossary\\.md`), 'the definition links to its virtual note');
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', reading, at);
    const target = found[0] && ('targetUri' in found[0] ? found[0].targetUri : found[0].uri);
    assert.equal(target?.toString(), glossary.toString());
  });

  it('follows a change the file system reports, and reads the note back through workspace.fs when its editor closes', async () => {
    const api = await activateExtension();
    const document = await vscode.workspace.openTextDocument(reading);
    await vscode.workspace.fs.writeFile(glossary, encoder.encode('# Glossary\n\n* **Virtual sandbagging**: hiding a capability from the evaluators.\n'));
    await eventually('the changed definition', async () => {
      const hover = hoverText(await hoversAt(document, positionOf(document, 'virtual sandbagging', 3)));
      return hover.includes('hiding a capability') ? true : undefined;
    }, 10_000);
    const editor = await vscode.window.showTextDocument(glossary);
    const readsBefore = memory.reads.filter((path) => path === glossary.path).length;
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor', editor);
    // A closed note's text comes from its file again: the extension reads it through the provider.
    await eventually('a read through the provider', () => (memory.reads.filter((path) => path === glossary.path).length > readsBefore ? true : undefined), 10_000);
    assert.ok(api.index.textOf(glossary.toString())?.includes('hiding a capability'));
  });
});
