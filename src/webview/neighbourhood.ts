import type { MapEdge } from '../shared/protocol';

/**
 * The nodes within `depth` links of `centre`, following links either way: local mode's view of the map.
 * Only the links given count, so edge-type filters apply before the walk.
 */
export function neighbourhood(centre: string, depth: number, edges: readonly MapEdge[]): Set<string> {
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
  const seen = new Set([centre]);
  let frontier = [centre];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const neighbour of adjacent.get(id) ?? []) {
        if (seen.has(neighbour)) continue;
        seen.add(neighbour);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return seen;
}
