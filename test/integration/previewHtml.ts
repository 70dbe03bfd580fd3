import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

/** HTML as VS Code's Markdown preview renders it (its own markdown-it, with the plugins extensions contribute). */
export async function renderPreview(input: vscode.TextDocument | string): Promise<string> {
  return vscode.commands.executeCommand<string>('markdown.api.render', input);
}

/** The tooltip a term's `aria-describedby` names, from rendered HTML. */
export function tooltipOf(html: string, term: string): string {
  const id = new RegExp(`aria-describedby="([^"]+)">${term}</span>`).exec(html)?.[1];
  assert.ok(id, `"${term}" is not marked as a term`);
  const tip = new RegExp(`<div class="an-tooltip" role="tooltip" id="${id}" hidden>.*?</div>`, 's').exec(html)?.[0];
  assert.ok(tip, `no tooltip ${id}`);
  return tip;
}

/** The parsed `data-vscode-context` of the first link of a class in rendered HTML (the preview's context menu gets it). */
export function linkContextOf(html: string, className: string): Record<string, unknown> {
  const value = new RegExp(`<a [^>]*class="${className}"[^>]*data-vscode-context="([^"]*)"`).exec(html)?.[1];
  assert.ok(value, `no ${className} link with a context`);
  return JSON.parse(value.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Record<string, unknown>;
}
