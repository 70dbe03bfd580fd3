import type { CourseIndex } from '../../core/index/courseIndex';
import { LIMITS, type MapGraph } from '../../shared/protocol';

const MAX_RESULTS = 50;

/**
 * The nodes a search box query finds, best first: concepts by the core's typo-tolerant search over terms
 * and aliases (so `RLHF` finds its heading concept), then unit nodes whose label contains the query.
 */
export function searchNodes(index: CourseIndex, graph: MapGraph | undefined, query: string): string[] {
  const trimmed = query.trim().slice(0, LIMITS.query);
  if (trimmed === '') return [];
  const ids = index.search(trimmed, MAX_RESULTS).map((result) => result.id);
  const lower = trimmed.toLowerCase();
  for (const node of graph?.nodes ?? []) {
    if (ids.length >= MAX_RESULTS) break;
    if (node.kind === 'unit' && node.label.toLowerCase().includes(lower)) ids.push(node.id);
  }
  return ids;
}
