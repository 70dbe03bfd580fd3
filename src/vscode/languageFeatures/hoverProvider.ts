import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import type { Concept } from '../../core/model';
import type { Settings } from '../settings';

/** Shows a concept's definitions when hovering its term or an alias in a markdown note. */
export class ConceptHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly index: CourseIndex,
    private readonly settings: () => Settings,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { enabled, maxDefinitionLength } = this.settings().hover;
    if (!enabled) return undefined;
    const hit = this.index.conceptAt(document.uri.toString(), position);
    const concept = hit && this.index.concept(hit.id);
    if (!hit || !concept) return undefined;
    const { start, end } = hit.range;
    return new vscode.Hover(
      renderConcept(concept, maxDefinitionLength),
      new vscode.Range(start.line, start.character, end.line, end.character),
    );
  }
}

/**
 * Renders a concept as an untrusted MarkdownString: note text goes through `appendText`, which escapes
 * markdown, so nothing a note says can become a link, an image or a `command:` URI.
 */
export function renderConcept(concept: Concept, maxLength: number): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  markdown.appendMarkdown('**').appendText(concept.term).appendMarkdown('**');
  if (concept.aliases.length > 0) markdown.appendMarkdown(' _(').appendText(concept.aliases.join(', ')).appendMarkdown(')_');
  for (const definition of concept.definitions) {
    const text = definition.text.length > maxLength ? `${definition.text.slice(0, maxLength - 1)}…` : definition.text;
    markdown.appendMarkdown('\n\n').appendText(text);
    const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(definition.note))}:${definition.termRange.start.line + 1}`;
    markdown.appendMarkdown('\n\n_Defined in ').appendText(where).appendMarkdown('_');
  }
  return markdown;
}
