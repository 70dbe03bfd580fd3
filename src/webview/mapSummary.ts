import type { MapGraph, NodeKind } from '../shared/protocol';

const NAMES: Readonly<Record<NodeKind, readonly [string, string]>> = {
  concept: ['concept', 'concepts'],
  unit: ['unit', 'units'],
  page: ['page', 'pages'],
};

/**
 * The whole map's status line: its nodes counted by kind (a vault's pages are pages, not course units) and its
 * links, leaving out kinds it has none of: `80 concepts, 20 units, 29 pages, 289 links`.
 */
export function wholeMapSummary(graph: Pick<MapGraph, 'nodes' | 'edges'>): string {
  const counts = new Map<NodeKind, number>();
  for (const node of graph.nodes) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  const named = (count: number, [one, many]: readonly [string, string]): string => `${count} ${count === 1 ? one : many}`;
  const kinds = (Object.keys(NAMES) as NodeKind[]).filter((kind) => kind === 'concept' || (counts.get(kind) ?? 0) > 0);
  return [...kinds.map((kind) => named(counts.get(kind) ?? 0, NAMES[kind])), named(graph.edges.length, ['link', 'links'])].join(', ');
}
