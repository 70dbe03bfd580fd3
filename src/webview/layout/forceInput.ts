import type { MapEdge } from '../../shared/protocol';
import type { ForceInput } from './forceSimulation';

/** Steps until a first layout counts as settled; an update moves only new nodes and needs fewer. */
const FIRST_TICKS = 150;
const UPDATE_TICKS = 80;

/**
 * A force-layout job for the worker in transferable arrays: nodes by index with their positions, units
 * as small integers, links as index pairs, and every node not in `movable` fixed where it is.
 */
export function forceInputOf(
  nodes: readonly { id: string; x: number; y: number; radius: number; cluster: string }[],
  edges: readonly MapEdge[],
  movable: ReadonlySet<string>,
): ForceInput {
  const index = new Map<string, number>();
  const clusters = new Map<string, number>();
  const x = new Float32Array(nodes.length);
  const y = new Float32Array(nodes.length);
  const fixed = new Uint8Array(nodes.length);
  const cluster = new Int32Array(nodes.length);
  const radius = new Float32Array(nodes.length);
  nodes.forEach((node, i) => {
    index.set(node.id, i);
    x[i] = node.x;
    y[i] = node.y;
    radius[i] = node.radius;
    fixed[i] = movable.has(node.id) ? 0 : 1;
    if (!clusters.has(node.cluster)) clusters.set(node.cluster, clusters.size);
    cluster[i] = clusters.get(node.cluster) ?? 0;
  });
  const pairs: number[] = [];
  for (const edge of edges) {
    const source = index.get(edge.source);
    const target = index.get(edge.target);
    if (source !== undefined && target !== undefined) pairs.push(source, target);
  }
  const ticks = nodes.every((node) => movable.has(node.id)) ? FIRST_TICKS : UPDATE_TICKS;
  return { x, y, fixed, radius, cluster, links: Uint32Array.from(pairs), ticks };
}
