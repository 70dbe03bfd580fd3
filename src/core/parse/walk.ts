import type { Nodes } from 'mdast';

/**
 * Calls `fn` on every node of a tree in document order. A plain loop with its own stack, so a deeply nested
 * note cannot overflow the call stack; unist-util-visit's generality (ancestors, skipping, tests) cost about a
 * tenth of a note's analysis on the indexing path.
 */
export function walk(tree: Nodes, fn: (node: Nodes) => void): void {
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    fn(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}
