import type { ListItem, Paragraph, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Range } from '../model';
import { toRange } from '../parse/position';

/** A definition found in one note, before it is merged with the same term from other notes. */
export interface ExtractedDefinition {
  readonly term: string;
  readonly aliases: readonly string[];
  readonly text: string;
  readonly termRange: Range;
}

/**
 * Finds glossary bullets: a list item whose paragraph opens with a bold term followed by a colon,
 * optionally with aliases in parentheses or a citation link before the colon:
 * `* **Outer misalignment** (reward misspecification): the true goal ...`.
 * Code, HTML and link text are never read, because only `strong` nodes at the start of a list item count.
 */
export function extractDefinitions(tree: Root): ExtractedDefinition[] {
  const found: ExtractedDefinition[] = [];
  visit(tree, 'listItem', (item: ListItem) => {
    const paragraph = item.children[0];
    if (paragraph?.type !== 'paragraph') return;
    const definition = readDefinition(paragraph);
    if (definition) found.push(definition);
  });
  return found;
}

function readDefinition(paragraph: Paragraph): ExtractedDefinition | undefined {
  const [first, ...rest] = paragraph.children;
  if (first?.type !== 'strong' || !first.position) return undefined;
  let term = toString(first).trim();
  let colonSeen = term.endsWith(':');
  if (colonSeen) term = term.slice(0, -1).trim();
  if (term.length === 0) return undefined;

  const aliases: string[] = [];
  const after: PhrasingContent[] = [];
  for (const node of rest) {
    if (colonSeen) {
      after.push(node);
      continue;
    }
    if (node.type === 'link') continue; // a citation between the term and the colon
    if (node.type !== 'text') return undefined;
    const colon = node.value.indexOf(':');
    const head = /^\s*(?:\(([^)]*)\))?\s*$/.exec(colon < 0 ? node.value : node.value.slice(0, colon));
    if (!head) return undefined;
    aliases.push(...(head[1] ?? '').split(/[,;/]/).map((alias) => alias.trim()).filter(Boolean));
    if (colon < 0) continue;
    colonSeen = true;
    after.push({ ...node, value: node.value.slice(colon + 1) });
  }
  if (!colonSeen) return undefined;
  const text = after.map((node) => toString(node)).join('').replace(/\s+/g, ' ').trim();
  const inner = { start: first.children[0]?.position?.start, end: first.children.at(-1)?.position?.end };
  const termRange = toRange(inner.start && inner.end ? { start: inner.start, end: inner.end } : first.position);
  return { term, aliases, text, termRange };
}
