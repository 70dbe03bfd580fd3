import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import type { Settings } from '../settings';
import { ConceptCompletionProvider } from './completionProvider';
import { ConceptHoverProvider } from './hoverProvider';
import { ConceptDocumentSymbolProvider, ConceptWorkspaceSymbolProvider } from './symbolProviders';

/** The notes the language features serve: markdown files, saved or not. */
export const MARKDOWN: vscode.DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
  { language: 'markdown', scheme: 'vscode-vfs' },
  { language: 'markdown', scheme: 'vscode-remote' },
];

/** Registers every language feature over the index; one disposable releases them all. */
export function registerLanguageFeatures(index: CourseIndex, settings: () => Settings): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(MARKDOWN, new ConceptHoverProvider(index, settings)),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new ConceptCompletionProvider(index, settings), '['),
    vscode.languages.registerDocumentSymbolProvider(MARKDOWN, new ConceptDocumentSymbolProvider(index), { label: 'Alignment Notes' }),
    vscode.languages.registerWorkspaceSymbolProvider(new ConceptWorkspaceSymbolProvider(index)),
  );
}
