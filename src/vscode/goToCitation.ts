import * as vscode from 'vscode';
import type { CourseIndex } from '../core/index/courseIndex';
import type { CitationResolution } from '../core/model';
import { isSafeExternalUrl } from '../core/citations/resolveCitation';
import { fromVsPosition, noteKey, toVsRange } from './convert';
import { displayPath } from './languageFeatures/links';
import type { WorkspaceNotes } from './workspaceNotes';

interface Choice extends vscode.QuickPickItem {
  readonly resolution: CitationResolution;
}

/** Opens where a citation leads: the local note at its heading, or the URL in the browser when there is no local copy. */
async function open(resolution: CitationResolution): Promise<void> {
  if (resolution.kind === 'local') {
    const range = resolution.heading ? toVsRange(resolution.heading.range) : new vscode.Range(0, 0, 0, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(resolution.note), { selection: new vscode.Range(range.start, range.start) });
  } else if (isSafeExternalUrl(resolution.url)) {
    await vscode.env.openExternal(vscode.Uri.parse(resolution.url, true));
  } else {
    void vscode.window.showWarningMessage(`Alignment Notes: not opening ${resolution.url}: only web links open outside VS Code.`);
  }
}

/**
 * "Alignment Notes: Go to Citation": from a citation, opens it; from a term, opens the unit its definitions
 * cite, with a quick pick when there are several.
 */
export async function goToCitation(index: CourseIndex, notes: WorkspaceNotes): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  await notes.sync(editor.document);
  const note = noteKey(editor.document);
  const position = fromVsPosition(editor.selection.active);
  const citation = index.citationAt(note, position);
  if (citation) return open(citation.resolution);
  const hit = index.conceptAt(note, position);
  const concept = hit && index.concept(hit.id);
  if (!concept) {
    void vscode.window.showInformationMessage('Alignment Notes: put the cursor on a citation or a defined term to go to its citation.');
    return;
  }
  const list: Choice[] = index.citedUnitsOf(concept.id).map(({ resolution, title }) => ({
    label: title,
    description: resolution.kind === 'local' ? displayPath(resolution.note) : `no local copy: ${resolution.url}`,
    resolution,
  }));
  if (list.length === 0) {
    void vscode.window.showInformationMessage(`Alignment Notes: "${concept.term}" cites no unit.`);
    return;
  }
  const picked = list.length === 1 ? list[0] : await vscode.window.showQuickPick(list, { placeHolder: `Units that "${concept.term}" cites` });
  if (picked) await open(picked.resolution);
}
