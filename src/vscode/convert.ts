import * as vscode from 'vscode';
import type { Position, Range } from '../core/model';

/** Core ranges and positions to VS Code's, and back: the adapters' only conversions. */
export function toVsPosition(position: Position): vscode.Position {
  return new vscode.Position(position.line, position.character);
}

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function fromVsPosition(position: vscode.Position): Position {
  return { line: position.line, character: position.character };
}

/** A location in a note given by its URI string, as the core stores notes. */
export function toLocation(note: string, range: Range): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(note), toVsRange(range));
}

/** The key the core knows a document by. */
export function noteKey(document: vscode.TextDocument | vscode.Uri): string {
  return ('uri' in document ? document.uri : document).toString();
}
