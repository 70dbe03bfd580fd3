import * as vscode from 'vscode';
import { isSafeExternalUrl } from '../../core/citations/resolveCitation';
import type { CitationResolution, Range } from '../../core/model';

/**
 * A URI that opens a note at a line: VS Code's opener reads a `#L<line>` fragment on file links, in hovers
 * and document links alike, so no `command:` link is ever needed.
 */
export function noteLineUri(note: string, range?: Range): vscode.Uri {
  const uri = vscode.Uri.parse(note);
  return range ? uri.with({ fragment: `L${range.start.line + 1}` }) : uri;
}

/** Where a citation opens: the local note at its heading, else its URL when that is a web page. */
export function citationTarget(resolution: CitationResolution): vscode.Uri | undefined {
  if (resolution.kind === 'local') return noteLineUri(resolution.note, resolution.heading?.range);
  return isSafeExternalUrl(resolution.url) ? vscode.Uri.parse(resolution.url, true) : undefined;
}

/** The note's path as shown to users: relative to its workspace folder. */
export function displayPath(note: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(note), false);
}

/** `[text](target)` with the text escaped, for hovers built from untrusted note text. */
export function markdownLink(text: string, target: vscode.Uri | string): string {
  const escaped = text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
  return `[${escaped}](${target.toString().replace(/\)/g, '%29').replace(/ /g, '%20')})`;
}
