import * as vscode from 'vscode';
import type { CourseIndex } from '../core/index/courseIndex';
import { toVsRange } from './convert';
import type { Settings } from './settings';
import type { WorkspaceNotes } from './workspaceNotes';

/** How the changes are listed in the Refactor Preview; `needsConfirmation` is what makes VS Code ask. */
const METADATA: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: true, label: 'Update wikilinks to the moved notes' };

/**
 * Offers to update the wikilinks that lead to a note when it, or its folder, is renamed or moved in VS Code.
 * The edits go to VS Code as a file-operation participant's (`onWillRenameFiles`), each marked
 * `needsConfirmation`: VS Code asks, then lists them unticked in the Refactor Preview and writes only what the
 * user ticks and applies there; it shows the preview even where it skips the question ("do not ask again",
 * extension tests). They apply before the move, to the notes where they are then, in the move's undo group,
 * and are left unsaved like any participant's. The move goes ahead whatever the answer.
 */
export class LinkUpdatesOnRename implements vscode.Disposable {
  readonly #subscription: vscode.Disposable;

  constructor(index: CourseIndex, notes: WorkspaceNotes, log: vscode.LogOutputChannel, settings: () => Settings) {
    this.#subscription = vscode.workspace.onWillRenameFiles((event) => {
      if (settings().links.updateOnRename === 'never') return;
      // An open note may have edits not indexed yet: the ranges must be those of the text the edits apply to.
      for (const document of vscode.workspace.textDocuments) notes.syncExactly(document);
      const edits = index.linkEditsForMoves(event.files.map(({ oldUri, newUri }) => ({ from: oldUri.toString(), to: newUri.toString() })));
      if (edits.length === 0) return;
      const edit = new vscode.WorkspaceEdit();
      for (const { note, range, newText } of edits) edit.replace(vscode.Uri.parse(note), toVsRange(range), newText, METADATA);
      const moved = event.files.map(({ oldUri }) => vscode.workspace.asRelativePath(oldUri, false)).join(', ');
      log.info(`Offering ${edits.length} wikilink update(s) in ${edit.size} note(s) for the move of ${moved}.`);
      event.waitUntil(Promise.resolve(edit));
    });
  }

  dispose(): void {
    this.#subscription.dispose();
  }
}
