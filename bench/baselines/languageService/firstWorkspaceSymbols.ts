import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type ILogger, type IMdLanguageService, LogLevel } from 'vscode-markdown-languageservice';
import { URI } from 'vscode-uri';
import { collectGarbage } from '../../lib/timing';
import type { Note } from '../../measure/coldIndex';
import { markdownItParser } from './parser';
import { InMemoryWorkspace, noEvent } from './workspace';

type CancellationToken = Parameters<IMdLanguageService['getWorkspaceSymbols']>[1];

const never: CancellationToken = { isCancellationRequested: false, onCancellationRequested: noEvent };
const silent: ILogger = { level: LogLevel.Off, log: () => undefined };

/** The notes as the language service's documents; made once per corpus, outside the timing. */
export function languageServiceDocuments(notes: readonly Note[]): TextDocument[] {
  return notes.map((note) => TextDocument.create(note.uri, 'markdown', 1, note.text));
}

/**
 * VS Code's markdown language service (vscode-markdown-languageservice) answering its first workspace-symbol
 * query: a fresh service over an in-memory workspace, so it tokenizes every document. Timed from creating the
 * service to the answer; making the documents is not timed.
 */
export async function firstWorkspaceSymbols(root: string, documents: readonly TextDocument[]): Promise<{ ms: number; symbols: number }> {
  const workspace = new InMemoryWorkspace(URI.parse(root), documents);
  collectGarbage();
  const started = performance.now();
  const service = createLanguageService({ workspace, parser: markdownItParser(), logger: silent });
  const symbols = await service.getWorkspaceSymbols('alignment', never);
  const ms = performance.now() - started;
  service.dispose();
  return { ms, symbols: symbols.length };
}
