import type { CourseIndex } from '../../src/core/index/courseIndex';
import { collectGarbage } from '../lib/timing';

export interface OccurrenceScan {
  readonly ms: number;
  readonly occurrences: number;
}

/** `occurrencesIn` over every note of an index whose occurrences were never asked for. */
export function scanOccurrences(index: CourseIndex): OccurrenceScan {
  index.concepts();
  collectGarbage();
  const started = performance.now();
  let occurrences = 0;
  for (const note of index.notes()) occurrences += index.occurrencesIn(note).length;
  return { ms: performance.now() - started, occurrences };
}

export interface GraphBuild {
  readonly ms: number;
  readonly nodes: number;
  readonly edges: number;
}

/** The first `graph()` of an index (concepts already built). */
export function buildGraph(index: CourseIndex): GraphBuild {
  index.concepts();
  collectGarbage();
  const started = performance.now();
  const graph = index.graph();
  const ms = performance.now() - started;
  return { ms, nodes: graph.nodes.length, edges: graph.edges.length };
}
