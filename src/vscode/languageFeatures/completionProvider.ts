import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import type { Settings } from '../settings';

// Placeholder being replaced by the completion work in progress: offers nothing yet.
export class ConceptCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    readonly index: CourseIndex,
    readonly settings: () => Settings,
  ) {}

  provideCompletionItems(): vscode.CompletionItem[] {
    return [];
  }
}
