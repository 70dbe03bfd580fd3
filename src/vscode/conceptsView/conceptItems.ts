import * as vscode from 'vscode';
import type { ConceptTreeNode, GroupNode } from '../../core/concepts/conceptTree';
import type { CourseIndex } from '../../core/index/courseIndex';
import type { Concept } from '../../core/model';
import { aliasList } from '../../core/render/aliasList';
import { safeMarkdown } from '../../core/render/safeMarkdown';
import { OPEN_CONCEPT_COMMAND } from '../commands';
import { displayPath, markdownLink, noteLineUri } from '../languageFeatures/links';

/** The scheme of the URI each concept row carries, so that `ConceptDecorations` can mark the ones with problems. */
export const CONCEPT_SCHEME = 'alignment-notes-concept';

/** Longest definition shown in a row's tooltip, in characters. */
const TOOLTIP_LENGTH = 600;

export function conceptUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CONCEPT_SCHEME, path: `/${encodeURIComponent(id)}` });
}

/** The concept id a row's URI stands for. */
export function conceptIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== CONCEPT_SCHEME) return undefined;
  try {
    return decodeURIComponent(uri.path.slice(1));
  } catch {
    return undefined;
  }
}

const GROUP_ICONS: Record<GroupNode['home']['kind'], string> = { unit: 'book', type: 'symbol-class', folder: 'folder', note: 'file' };

function count(shown: number, total: number): string {
  return shown === total ? `${total}` : `${shown} of ${total}`;
}

function definitions(count: number): string {
  return count === 1 ? '1 definition' : `${count} definitions`;
}

/** A row of the Concepts view. Labels are plain text (never markdown), so a name made of HTML shows as written. */
export function conceptTreeItem(node: ConceptTreeNode, index: CourseIndex): vscode.TreeItem {
  if (node.kind === 'group') {
    const item = new vscode.TreeItem(node.home.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `group:${node.key}`;
    item.description = count(node.shown, node.total);
    item.tooltip = node.home.title === node.home.label ? `${node.home.label} (${node.home.kind})` : `${node.home.title} (${node.home.kind})`;
    item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.home.kind]);
    item.contextValue = 'conceptGroup';
    return item;
  }
  if (node.kind === 'bucket') {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `bucket:${node.key}`;
    item.description = `${node.shown}`;
    item.contextValue = 'conceptBucket';
    return item;
  }
  const concept = index.concept(node.id) ?? node.concept;
  const item = new vscode.TreeItem({ label: concept.term }, vscode.TreeItemCollapsibleState.None);
  item.id = `concept:${node.id}`;
  item.description = definitions(concept.definitions.length);
  item.resourceUri = conceptUri(node.id);
  item.iconPath = new vscode.ThemeIcon('symbol-key');
  item.contextValue = 'concept';
  item.accessibilityInformation = { label: `${concept.term}, ${definitions(concept.definitions.length)}` };
  item.command = { command: OPEN_CONCEPT_COMMAND, title: 'Open Definition', arguments: [node.id] };
  return item;
}

/** Note text written into markdown as text: its punctuation escaped and `<` as an entity, so a name made of HTML shows as written. */
function asText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~>]/g, '\\$&').replace(/</g, '&lt;');
}

/**
 * A concept row's tooltip: its name, aliases and first definition, made when the row is hovered. Untrusted
 * markdown: names are appended as text and the definition through `safeMarkdown`, as hovers do.
 */
export function conceptTooltip(concept: Concept): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  markdown.appendMarkdown(`**${asText(concept.term)}**`);
  if (concept.aliases.length > 0) markdown.appendMarkdown(` · _${asText(aliasList(concept.aliases))}_`);
  const first = concept.definitions.find((definition) => definition.text !== '') ?? concept.definitions[0];
  if (!first) return markdown;
  markdown.appendMarkdown('\n\n');
  if (first.text === '') markdown.appendMarkdown('_No definition written yet_');
  else if (first.markdown.length > TOOLTIP_LENGTH) markdown.appendMarkdown(asText(`${first.text.slice(0, TOOLTIP_LENGTH).replace(/\s+\S*$/, '')} …`));
  else markdown.appendMarkdown(safeMarkdown(first.markdown));
  const where = markdownLink(`${displayPath(first.note)}:${first.termRange.start.line + 1}`, noteLineUri(first.note, first.termRange));
  const more = concept.definitions.length - 1;
  markdown.appendMarkdown(`\n\n_Defined in ${where}${more > 0 ? ` and ${more} more ${more === 1 ? 'place' : 'places'}` : ''}_`);
  return markdown;
}
