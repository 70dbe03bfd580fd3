import type { Nodes } from 'mdast';

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
