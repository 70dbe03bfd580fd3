import type { CourseIndex } from '../../core/index/courseIndex';
import { LIMITS, type MapGraph, type MapNode } from '../../shared/protocol';

/** Hover text is a glimpse of the definition, not all of it: the editor shows the rest on click. */
const SUMMARY_LENGTH = 240;

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/** The core's concept graph as the webview draws it: each node with its short definition as a summary. */
export function mapGraphOf(index: CourseIndex): MapGraph {
  const graph = index.graph();
  const nodes: MapNode[] = graph.nodes.map((node) => ({
    id: node.id,
    kind: node.kind,
    label: clip(node.label, LIMITS.label),
    cluster: clip(node.cluster, LIMITS.label),
    degree: node.degree,
    summary: node.kind === 'concept' ? clip(index.concept(node.id)?.definitions[0]?.text ?? '', SUMMARY_LENGTH) : '',
  }));
  return { nodes, edges: graph.edges };
}
