import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';

// Placeholders being replaced by the symbols work in progress: offer nothing yet.
export class ConceptDocumentSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(readonly index: CourseIndex) {}

  provideDocumentSymbols(): vscode.DocumentSymbol[] {
    return [];
  }
}

export class ConceptWorkspaceSymbolProvider implements vscode.WorkspaceSymbolProvider {
  constructor(readonly index: CourseIndex) {}

  provideWorkspaceSymbols(): vscode.SymbolInformation[] {
    return [];
  }
}
