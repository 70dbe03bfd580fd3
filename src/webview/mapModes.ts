import type { MapEdge, MapNode } from '../shared/protocol';
import { adjacency } from './adjacency';

/** Links from `from` to each node it reaches within `maxDepth` links. */
function distances(from: string, adjacent: ReadonlyMap<string, readonly string[]>, maxDepth = Infinity): Map<string, number> {
  const distance = new Map([[from, 0]]);
  let frontier = [from];
  for (let step = 1; step <= maxDepth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const neighbour of adjacent.get(id) ?? []) {
        if (distance.has(neighbour)) continue;
        distance.set(neighbour, step);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return distance;
}

/**
 * The nodes within `depth` links of `centre`, following links either way: local mode's view of the map.
 * Only the links given count, so edge-type filters apply before the walk.
 */
export function neighbourhood(centre: string, depth: number, edges: readonly MapEdge[]): Set<string> {
  return new Set(distances(centre, adjacency(edges), depth).keys());
}

export interface Paths {
  /** Links between the two ends on the shortest chains; 0 when they are one node, undefined when unconnected. */
  readonly length: number | undefined;
  /** Every node on some shortest chain, the ends included. */
  readonly nodes: ReadonlySet<string>;
  /** Every link on some shortest chain. */
  readonly edges: readonly MapEdge[];
}

/**
 * All the shortest chains of links between two nodes, following links either way: a node lies on one when
 * its distances from both ends add up to theirs, and a link when it joins two such nodes one step apart.
 */
export function shortestPaths(from: string, to: string, edges: readonly MapEdge[]): Paths {
  const adjacent = adjacency(edges);
  const fromStart = distances(from, adjacent);
  const length = fromStart.get(to);
  if (length === undefined) return { length: undefined, nodes: new Set([from, to]), edges: [] };
  const fromEnd = distances(to, adjacent);
  const on = (id: string): number | undefined => {
    const a = fromStart.get(id);
    const b = fromEnd.get(id);
    return a !== undefined && b !== undefined && a + b === length ? a : undefined;
  };
  const nodes = new Set<string>();
  for (const id of fromStart.keys()) if (on(id) !== undefined) nodes.add(id);
  const onPath = edges.filter((edge) => {
    const a = on(edge.source);
    const b = on(edge.target);
    return a !== undefined && b !== undefined && Math.abs(a - b) === 1;
  });
  return { length, nodes, edges: onPath };
}

/** Concepts that no other node mentions, nests or links to: nothing in the notes leads to them. */
export function orphans(nodes: readonly MapNode[], edges: readonly MapEdge[]): Set<string> {
  const reached = new Set<string>();
  for (const edge of edges) if (edge.kind !== 'cites') reached.add(edge.target);
  return new Set(nodes.filter((node) => node.kind === 'concept' && !reached.has(node.id)).map((node) => node.id));
}
