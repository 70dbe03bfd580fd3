import type { Home } from '../../core/concepts/conceptHome';
import type { CourseIndex } from '../../core/index/courseIndex';
import { LIMITS, type MapGraph, type MapNode } from '../../shared/protocol';

/** Hover text is a glimpse of the definition, not all of it: the editor shows the rest on click. */
const SUMMARY_LENGTH = 240;

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/** Where a unit node's group is: the home most of the concepts citing it have (ties: the first). */
function unitHomes(graph: ReturnType<CourseIndex['graph']>, homeOf: (id: string) => Home | undefined): Map<string, Home> {
  const votes = new Map<string, Map<string, { home: Home; count: number }>>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'cites') continue;
    const home = homeOf(edge.source);
    if (!home) continue;
    let tally = votes.get(edge.target);
    if (!tally) votes.set(edge.target, (tally = new Map()));
    const entry = tally.get(home.key);
    if (entry) entry.count++;
    else tally.set(home.key, { home, count: 1 });
  }
  const homes = new Map<string, Home>();
  for (const [id, tally] of votes) {
    let best: { home: Home; count: number } | undefined;
    for (const entry of tally.values()) if (!best || entry.count > best.count) best = entry;
    if (best) homes.set(id, best.home);
  }
  return homes;
}

/**
 * The core's concept graph as the webview draws it: each node in its concept home (the unit, front-matter
 * type, folder or note it belongs to; never a heading), with its short definition as a summary.
 */
export function mapGraphOf(index: CourseIndex): MapGraph {
  const graph = index.graph();
  const homeOf = (id: string): Home | undefined => index.homeOf(id);
  const ofUnits = unitHomes(graph, homeOf);
  const nodes: MapNode[] = graph.nodes.map((node) => {
    const home =
      node.kind === 'concept' ? homeOf(node.id) : node.kind === 'page' ? index.pageHomeOf(node.id.slice('page:'.length)) : ofUnits.get(node.id);
    const key = home?.key ?? `unit:${node.cluster}`;
    return {
      id: node.id,
      kind: node.kind,
      label: clip(node.label, LIMITS.label),
      cluster: clip(key, LIMITS.label),
      clusterLabel: clip(home?.label ?? node.cluster, LIMITS.label),
      degree: node.degree,
      summary: node.kind === 'concept' ? clip(index.concept(node.id)?.definitions[0]?.text ?? '', SUMMARY_LENGTH) : '',
    };
  });
  return { nodes, edges: graph.edges };
}
