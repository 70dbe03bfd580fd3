import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import type { Settings } from '../settings';
import type { AnswerTimes } from './answerTimes';
import { WalkthroughProgress } from '../walkthrough/walkthroughProgress';
import type { WorkspaceNotes } from '../workspaceNotes';
import { ConceptCompletionProvider } from './completionProvider';
import { AnchorQuickFix, BrokenLinkQuickFix, NoteDiagnostics } from './diagnostics';
import { ConceptHoverProvider } from './hoverProvider';
import { BacklinkReferenceProvider, CitationLinkProvider, ConceptDefinitionProvider, ConceptReferenceProvider } from './navigationProviders';
import { ConceptDocumentSymbolProvider, ConceptWorkspaceSymbolProvider } from './symbolProviders';

/**
 * The notes the language features serve: markdown under any scheme, since a virtual workspace
 * (`virtualWorkspaces: true`) may keep notes on any file system provider's. Markdown that is no note (a git
 * diff, an output channel) is never indexed, so the providers find nothing there.
 */
export const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** Registers every language feature over the index; one disposable releases them all. */
export function registerLanguageFeatures(index: CourseIndex, notes: WorkspaceNotes, settings: () => Settings, times: AnswerTimes): vscode.Disposable {
  const walkthrough = new WalkthroughProgress();
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(MARKDOWN, new ConceptHoverProvider(index, notes, settings, walkthrough, times)),
    vscode.languages.registerDefinitionProvider(MARKDOWN, new ConceptDefinitionProvider(index, notes, walkthrough, times)),
    vscode.languages.registerReferenceProvider(MARKDOWN, new ConceptReferenceProvider(index, notes)),
    vscode.languages.registerReferenceProvider(MARKDOWN, new BacklinkReferenceProvider(index, notes)),
    vscode.languages.registerDocumentLinkProvider(MARKDOWN, new CitationLinkProvider(index, notes)),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new AnchorQuickFix(index), { providedCodeActionKinds: AnchorQuickFix.kinds }),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new BrokenLinkQuickFix(index), { providedCodeActionKinds: BrokenLinkQuickFix.kinds }),
    new NoteDiagnostics(index, notes.onDidChange, settings),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new ConceptCompletionProvider(index, notes, settings, times), '[', '#', '^'),
    vscode.languages.registerDocumentSymbolProvider(MARKDOWN, new ConceptDocumentSymbolProvider(index, notes), { label: 'Alignment Notes' }),
    vscode.languages.registerWorkspaceSymbolProvider(new ConceptWorkspaceSymbolProvider(index)),
  );
}
