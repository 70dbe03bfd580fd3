import type { Home } from '../../core/concepts/conceptHome';
import type { CourseIndex } from '../../core/index/courseIndex';
import { type Steps, WorkBudget } from '../../core/util/steps';
import { LIMITS, type MapGraph, type MapNode } from '../../shared/protocol';

/** Hover text is a glimpse of the definition, not all of it: the editor shows the rest on click. */
const SUMMARY_LENGTH = 240;

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/** Where a unit node's group is: the home most of the concepts citing it have (ties: the first). */
function* unitHomes(graph: ReturnType<CourseIndex['graph']>, homes: ReadonlyMap<string, Home>, budget: WorkBudget): Steps<Map<string, Home>> {
  const votes = new Map<string, Map<string, { home: Home; count: number }>>();
  for (const edge of graph.edges) {
    if (budget.spend(0.2)) yield;
    if (edge.kind !== 'cites') continue;
    const home = homes.get(edge.source);
    if (!home) continue;
    let tally = votes.get(edge.target);
    if (!tally) votes.set(edge.target, (tally = new Map()));
    const entry = tally.get(home.key);
    if (entry) entry.count++;
    else tally.set(home.key, { home, count: 1 });
  }
  const found = new Map<string, Home>();
  for (const [id, tally] of votes) {
    let best: { home: Home; count: number } | undefined;
    for (const entry of tally.values()) if (!best || entry.count > best.count) best = entry;
    if (best) found.set(id, best.home);
    if (budget.spend(0.1 * tally.size)) yield;
  }
  return found;
}

/** The map's graph as the extension builds it, with each concept's summary by node id (sent apart: `changedSummaries`). */
export interface BuiltMapGraph extends MapGraph {
  readonly summaries: ReadonlyMap<string, string>;
}

/**
 * The summaries of `graph` that differ from those a page was sent (none counts as empty), recorded in `sent`:
 * every one for a new page, afterwards only those an update changed. `sent` keeps only the graph's concepts, as the
 * page keeps only its graph's nodes: a concept that goes and comes back is sent again.
 */
export function changedSummaries(graph: BuiltMapGraph, sent: Map<string, string>): [id: string, summary: string][] {
  for (const id of sent.keys()) if (!graph.summaries.has(id)) sent.delete(id);
  const changed: [string, string][] = [];
  for (const [id, summary] of graph.summaries) {
    if ((sent.get(id) ?? '') === summary) continue;
    sent.set(id, summary);
    changed.push([id, summary]);
  }
  return changed;
}

/**
 * The core's concept graph as the webview draws it: each node in its concept home (the unit, front-matter
 * type, folder or note it belongs to; never a heading), and each concept's short definition. Built in steps
 * (see `steps.ts`: on 10,000 notes the graph and the homes take seconds), so that the panel can yield between
 * them and stop when it closes.
 */
export function* mapGraphSteps(index: CourseIndex): Steps<BuiltMapGraph> {
  let homes = yield* index.homesSteps();
  let graph = yield* index.graphSteps();
  // The notes may change while either is built (each then starts again): until both are of the same notes.
  for (let again = yield* index.homesSteps(); again !== homes; again = yield* index.homesSteps()) {
    homes = again;
    graph = yield* index.graphSteps();
  }
  yield; // the step that finished the graph has done its share
  const budget = new WorkBudget();
  const ofUnits = yield* unitHomes(graph, homes, budget);
  const nodes: MapNode[] = [];
  const summaries = new Map<string, string>();
  for (const node of graph.nodes) {
    // The notes changed since: asking for a concept now would rebuild everything in one piece. Again, in steps.
    if (index.rebuildPending) return yield* mapGraphSteps(index);
    const home = node.kind === 'concept' ? homes.get(node.id) : node.kind === 'page' ? index.pageHomeOf(node.id.slice('page:'.length)) : ofUnits.get(node.id);
    const key = home?.key ?? `unit:${node.cluster}`;
    nodes.push({
      id: node.id,
      kind: node.kind,
      label: clip(node.label, LIMITS.label),
      cluster: clip(key, LIMITS.label),
      clusterLabel: clip(home?.label ?? node.cluster, LIMITS.label),
      degree: node.degree,
    });
    if (node.kind === 'concept') summaries.set(node.id, clip(index.concept(node.id)?.definitions[0]?.text ?? '', SUMMARY_LENGTH));
    if (budget.spend(0.25)) yield;
  }
  return { nodes, edges: graph.edges, summaries };
}
