import * as vscode from 'vscode';
import { CourseIndex } from './core/index/courseIndex';
import type { NoteAnalyser } from './core/notes/noteAnalyser';
import { GO_TO_CITATION_COMMAND, OPEN_CONCEPT_MAP_COMMAND, OPEN_SAMPLE_NOTES_COMMAND, SHOW_LOG_COMMAND } from './vscode/commands';
import { openMapOnStartup } from './vscode/conceptMap/openOnStartup';
import { ConceptMapPanels } from './vscode/conceptMap/panel';
import { ConceptsView } from './vscode/conceptsView/conceptsView';
import { goToCitation } from './vscode/goToCitation';
import { CacheStore, type WriteFileNow } from './vscode/cacheStore';
import { registerLanguageFeatures } from './vscode/languageFeatures';
import { AnswerTimes } from './vscode/languageFeatures/answerTimes';
import { LinkUpdatesOnRename } from './vscode/linkUpdatesOnRename';
import { MarkdownPreview } from './vscode/preview/markdownPreview';
import { createLog, type LogRecord } from './vscode/log';
import { readSettings } from './vscode/settings';
import { openSampleNotes } from './vscode/sampleNotes';
import { ConceptCountStatus } from './vscode/statusBar';
import { createStudy, type Study } from './vscode/study/study';
import { WorkspaceNotes } from './vscode/workspaceNotes';

/** What the extension exposes to its integration tests through `extension.exports`. */
export interface AlignmentNotesApi {
  readonly index: CourseIndex;
  readonly conceptMap: ConceptMapPanels;
  /** The side bar's Concepts view and notes-with-problems view. */
  readonly conceptsView: ConceptsView;
  readonly notes: WorkspaceNotes;
  readonly cache: CacheStore;
  /** Resolves when the first index of the workspace is complete. */
  readonly ready: Promise<void>;
  /** For tests of the warm start: forgets every note, then starts as on activation (cache, full index, save). */
  restart(): Promise<void>;
  /** The log's recent lines, for tests that check what it said. */
  readonly log: LogRecord;
  /** Flashcards and glossary export. */
  readonly study: Study;
  /** The Markdown preview's refreshes when the index changes (for tests). */
  readonly preview: MarkdownPreview;
  /** When hovers, definitions and completions were asked and answered (for the large-workspace suite's figures). */
  readonly answerTimes: Pick<AnswerTimes, 'listen'>;
  /** Called by VS Code's Markdown extension (`contributes.markdown.markdownItPlugins`): terms, citations and wikilinks in the preview. */
  readonly extendMarkdownIt: MarkdownPreview['extendMarkdownIt'];
}

/** Set while active, so that deactivation can save the cache's changes before the host goes. */
let saveCacheOnExit: (() => void) | undefined;

/** What only the extension host's own entry point (`desktop.ts`, `web.ts`) can provide. */
export interface Host {
  /** Named in the log: `Node.js extension host`, `web worker extension host`. */
  readonly name: string;
  /** Analyses notes off the host's thread (worker threads in Node, `Worker`s on the web); absent where none can start. */
  readonly analyser?: NoteAnalyser;
  /** Writes a file at once, for the cache's save on deactivation (when `workspace.fs` is cancelled); absent on the web. */
  readonly writeNow?: WriteFileNow;
}

/** The composition root: builds the core index and wires each adapter to it. */
export function activateWith(context: vscode.ExtensionContext, { name, analyser, writeNow }: Host): AlignmentNotesApi {
  const started = performance.now();
  const { log, record } = createLog();
  const index = new CourseIndex();
  if (analyser) context.subscriptions.push({ dispose: () => void analyser.dispose() });
  else log.info('Notes are analysed on the extension host\'s thread, in slices: this host cannot start workers.');
  const notes = new WorkspaceNotes(index, log, readSettings, analyser);
  const cache = new CacheStore(index, context.storageUri, log, writeNow);
  const conceptMap = new ConceptMapPanels(context.extensionUri, index, notes.onDidChange, log);
  // Review state goes to the workspace's storage, or the global one when no folder is open: never into the notes.
  const study = createStudy(context.extensionUri, context.storageUri ?? context.globalStorageUri, index, notes.onDidChange, log);
  const preview = new MarkdownPreview(index, readSettings, log);
  const conceptsView = new ConceptsView(index, notes, conceptMap);
  const answerTimes = new AnswerTimes();
  context.subscriptions.push(
    log,
    notes,
    cache,
    notes.onDidChange(() => cache.schedule()),
    conceptMap,
    conceptsView,
    new ConceptCountStatus(index, notes),
    registerLanguageFeatures(index, notes, readSettings, answerTimes),
    new LinkUpdatesOnRename(index, notes, log, readSettings),
    vscode.commands.registerCommand(OPEN_CONCEPT_MAP_COMMAND, () => conceptMap.open()),
    vscode.commands.registerCommand(GO_TO_CITATION_COMMAND, () => goToCitation(index, notes)),
    vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show()),
    vscode.commands.registerCommand(OPEN_SAMPLE_NOTES_COMMAND, () => openSampleNotes(context.extensionUri, log)),
    study,
    preview,
  );
  // The cache is read before the first index, so that unchanged notes skip parsing; saved after it, in the background.
  const start = (): Promise<void> =>
    cache
      .restore()
      .catch((error: unknown) => {
        log.warn(`Reading the analysis cache failed; every note is read instead: ${error instanceof Error ? error.message : String(error)}`);
      })
      .then(() => notes.indexWorkspace())
      .catch((error: unknown) => {
        log.error(`Indexing the workspace failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      });
  const ready = start();
  void ready.then(() => cache.save());
  openMapOnStartup(ready, readSettings, conceptMap).catch((error: unknown) => {
    log.error(`Opening the concept map at start failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  saveCacheOnExit = () => cache.saveOnExit();
  log.info(`Alignment Notes activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.env.appName} ${vscode.version}, ${name}); indexing continues in the background.`);
  const restart = async (): Promise<void> => {
    for (const note of index.notes()) index.removeNote(note);
    await start();
    await cache.save();
  };
  return { index, conceptMap, conceptsView, notes, cache, ready, restart, log: record, study, preview, answerTimes, extendMarkdownIt: preview.extendMarkdownIt };
}

/** Saves the cache's changes not saved yet, at once: VS Code disposes the extension's subscriptions right after this returns. */
export function deactivate(): void {
  saveCacheOnExit?.();
  saveCacheOnExit = undefined;
}
