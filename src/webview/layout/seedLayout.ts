import type { MapEdge, MapNode } from '../../shared/protocol';
import { adjacency } from '../adjacency';

export interface Point {
  x: number;
  y: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** The k-th point of a sunflower spiral: evenly spread points filling a disc, densest first. */
function sunflower(k: number, spacing: number): Point {
  const radius = spacing * Math.sqrt(k + 0.5);
  return { x: radius * Math.cos(k * GOLDEN_ANGLE), y: radius * Math.sin(k * GOLDEN_ANGLE) };
}

function byDegree(a: MapNode, b: MapNode): number {
  return b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A first picture in O(n), before any force layout: each group is a disc of its nodes (the most connected
 * in the middle), and the discs are packed in rows, biggest first, into a shape of the panel's `aspect`
 * (width / height) so that the fitted map fills it. Deterministic, so the same notes always start from
 * the same picture.
 */
export function clusterDiscs(nodes: readonly MapNode[], spacing: number, aspect = 1.3): Map<string, Point> {
  const clusters = new Map<string, MapNode[]>();
  for (const node of nodes) {
    const members = clusters.get(node.cluster);
    if (members) members.push(node);
    else clusters.set(node.cluster, [node]);
  }
  const discs = [...clusters.entries()]
    .map(([name, members]) => ({ name, members: members.sort(byDegree), radius: spacing * Math.sqrt(members.length + 0.5) + spacing }))
    .sort((a, b) => b.members.length - a.members.length || (a.name < b.name ? -1 : 1));
  const area = discs.reduce((sum, disc) => sum + 4 * disc.radius * disc.radius, 0);
  const rowWidth = Math.max(...discs.map((disc) => 2 * disc.radius), Math.sqrt(area * Math.min(4, Math.max(0.25, aspect))));
  const positions = new Map<string, Point>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const disc of discs) {
    const size = 2 * disc.radius;
    if (x > 0 && x + size > rowWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const centre = { x: x + disc.radius, y: y + disc.radius };
    disc.members.forEach((node, k) => {
      const offset = sunflower(k, spacing);
      positions.set(node.id, { x: centre.x + offset.x, y: centre.y + offset.y });
    });
    x += size;
    rowHeight = Math.max(rowHeight, size);
  }
  return positions;
}

/** A node already on the map: where it is and which unit it belongs to. */
export interface PlacedNode extends Point {
  readonly cluster: string;
}

function mean(points: readonly Point[]): Point {
  return {
    x: points.reduce((sum, point) => sum + point.x, 0) / points.length,
    y: points.reduce((sum, point) => sum + point.y, 0) / points.length,
  };
}

/**
 * Places nodes new to a map that already has positions: beside the nodes they link to, else among their
 * unit's nodes, else in a row below everything. The nodes already placed do not move.
 */
export function placeNear(
  added: readonly MapNode[],
  placed: ReadonlyMap<string, PlacedNode>,
  edges: readonly MapEdge[],
  spacing: number,
): Map<string, Point> {
  const neighbours = adjacency(edges);
  const byCluster = new Map<string, PlacedNode[]>();
  let left = Infinity;
  let bottom = -Infinity;
  for (const point of placed.values()) {
    const members = byCluster.get(point.cluster);
    if (members) members.push(point);
    else byCluster.set(point.cluster, [point]);
    left = Math.min(left, point.x);
    bottom = Math.max(bottom, point.y);
  }
  const positions = new Map<string, Point>();
  added.forEach((node, k) => {
    const jitter = sunflower(k + 1, spacing * 0.6);
    const anchors = (neighbours.get(node.id) ?? []).flatMap((id) => {
      const point = placed.get(id);
      return point ? [point] : [];
    });
    const members = byCluster.get(node.cluster);
    const anchor = anchors.length > 0 ? mean(anchors) : members ? mean(members) : undefined;
    positions.set(
      node.id,
      anchor
        ? { x: anchor.x + jitter.x, y: anchor.y + jitter.y }
        : { x: (Number.isFinite(left) ? left : 0) + k * spacing, y: (Number.isFinite(bottom) ? bottom : 0) + 2 * spacing },
    );
  });
  return positions;
}
