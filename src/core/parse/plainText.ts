import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** A node's start or end offset in its note. */
export function offsetOf(node: Nodes, edge: 'start' | 'end'): number {
  return node.position?.[edge].offset ?? 0;
}

/** Text with each run of white space made one space, trimmed: how terms and definitions are compared and shown. */
export function collapse(text: string): string {
  // Most texts have single spaces only: testing is cheaper than replacing.
  return (NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

const NEEDS_COLLAPSE = /[^\S ]| {2}/;

/**
 * The plain text of a block, its paragraphs and list items joined by spaces (mdast-util-to-string joins
 * them with nothing: `Overview:RLHF` from two bullets), made one line.
 */
export function blockText(node: Nodes): string {
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || !('children' in node)) return collapse(toString(node));
  return collapse(node.children.map((child) => blockText(child)).join(' '));
}
