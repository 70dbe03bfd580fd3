import type { MapEdge } from '../shared/protocol';

/** Each node's neighbours, following links either way: what local mode, path mode and placement walk. */
export function adjacency(edges: readonly MapEdge[]): Map<string, string[]> {
  const adjacent = new Map<string, string[]>();
  const link = (from: string, to: string): void => {
    const list = adjacent.get(from);
    if (list) list.push(to);
    else adjacent.set(from, [to]);
  };
  for (const edge of edges) {
    link(edge.source, edge.target);
    link(edge.target, edge.source);
  }
  return adjacent;
}
