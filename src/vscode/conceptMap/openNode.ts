import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import { toVsRange } from '../convert';

/** The prefix the core gives unit nodes: `unit:<note URI>#<heading slug>`, or `unit:<external URL>`. */
const UNIT_PREFIX = 'unit:';
/** The prefix of page nodes: `page:<note URI>`. */
const PAGE_PREFIX = 'page:';

/**
 * Opens what a map node stands for in the first editor column, beside the map: a concept's first
 * definition with its term selected, a unit's local heading, a page at its title, or an external unit in
 * the browser.
 */
export async function openNode(index: CourseIndex, id: string): Promise<void> {
  const definition = index.concept(id)?.definitions[0];
  if (definition) {
    await vscode.window.showTextDocument(vscode.Uri.parse(definition.note), {
      viewColumn: vscode.ViewColumn.One,
      selection: toVsRange(definition.termRange),
    });
    return;
  }
  if (id.startsWith(PAGE_PREFIX)) {
    const note = id.slice(PAGE_PREFIX.length);
    if (!index.hasNote(note)) return;
    const start = new vscode.Position(index.pageStart(note), 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(note), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(start, start) });
    return;
  }
  if (!id.startsWith(UNIT_PREFIX)) return;
  const target = id.slice(UNIT_PREFIX.length);
  const hash = target.indexOf('#');
  const note = hash < 0 ? target : target.slice(0, hash);
  if (index.hasNote(note)) {
    const slug = hash < 0 ? undefined : target.slice(hash + 1);
    const heading = index.headingsOf(note).find((candidate) => candidate.slug === slug);
    await vscode.window.showTextDocument(vscode.Uri.parse(note), {
      viewColumn: vscode.ViewColumn.One,
      ...(heading ? { selection: toVsRange(heading.range) } : {}),
    });
    return;
  }
  const url = vscode.Uri.parse(target);
  if (url.scheme === 'https' || url.scheme === 'http') await vscode.env.openExternal(url);
}
