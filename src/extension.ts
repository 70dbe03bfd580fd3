import * as vscode from 'vscode';
import { CourseIndex } from './core/index/courseIndex';
import { GO_TO_CITATION_COMMAND, OPEN_CONCEPT_MAP_COMMAND, SHOW_LOG_COMMAND } from './vscode/commands';
import { ConceptMapPanels } from './vscode/conceptMap/panel';
import { goToCitation } from './vscode/goToCitation';
import { registerLanguageFeatures } from './vscode/languageFeatures';
import { createLog } from './vscode/log';
import { readSettings } from './vscode/settings';
import { ConceptCountStatus } from './vscode/statusBar';
import { WorkspaceNotes } from './vscode/workspaceNotes';

/** What the extension exposes to its integration tests through `extension.exports`. */
export interface AlignmentNotesApi {
  readonly index: CourseIndex;
  readonly conceptMap: ConceptMapPanels;
  /** Resolves when the first index of the workspace is complete. */
  readonly ready: Promise<void>;
}

/** The composition root: builds the core index and wires each adapter to it. */
export function activate(context: vscode.ExtensionContext): AlignmentNotesApi {
  const started = performance.now();
  const log = createLog();
  const index = new CourseIndex();
  const notes = new WorkspaceNotes(index, log, readSettings);
  const conceptMap = new ConceptMapPanels(context.extensionUri, index, notes.onDidChange, log);
  context.subscriptions.push(
    log,
    notes,
    conceptMap,
    new ConceptCountStatus(index, notes.onDidChange),
    registerLanguageFeatures(index, notes, readSettings),
    vscode.commands.registerCommand(OPEN_CONCEPT_MAP_COMMAND, () => conceptMap.open()),
    vscode.commands.registerCommand(GO_TO_CITATION_COMMAND, () => goToCitation(index, notes)),
    vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show()),
  );
  const ready = notes.indexWorkspace().catch((error: unknown) => {
    log.error(`Indexing the workspace failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  });
  log.info(`Alignment Notes activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.env.appName} ${vscode.version}); indexing continues in the background.`);
  return { index, conceptMap, ready };
}
