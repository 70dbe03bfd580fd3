import { unitLabel } from '../citations/unitLabel';
import type { Citation, CitationResolution, Concept } from '../model';
import { fileNameOf } from '../util/fileName';
import { sortInSteps, type Steps, type WorkBudget } from '../util/steps';

export type GraphEdgeKind =
  /** A definition mentions another concept. */
  | 'mentions'
  /** A concept is nested under another (source is the parent). */
  | 'parent'
  /** A definition cites a unit heading (target is a `unit` node). */
  | 'cites'
  /** A page links to another by a wikilink or a note link (a concept page is its concept's node). */
  | 'links';

export interface GraphNode {
  readonly id: string;
  /** `page`: a note that is no concept page and links or is linked to (vaults' sources, findings, indexes). */
  readonly kind: 'concept' | 'unit' | 'page';
  readonly label: string;
  /** The unit a concept's definitions cite most, else the section it is defined in; a unit node's own unit. */
  readonly cluster: string;
  /** Number of edges touching the node. */
  readonly degree: number;
}

export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  readonly kind: GraphEdgeKind;
}

export interface ConceptGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface GraphSources {
  readonly concepts: Iterable<Concept>;
  /** Concept ids mentioned in a piece of plain text. */
  mentionsIn(text: string): Iterable<string>;
  resolve(citation: Citation, note: string): CitationResolution;
  /** Links between notes (wikilinks and note links, each pair once or more), by note URI. */
  readonly pageLinks?: Iterable<{ readonly from: string; readonly to: string }>;
  /** The concept a note is the concept page of: links to and from it join that concept's node. */
  conceptOfPage?(note: string): string | undefined;
  /** A page node's label (its title) and cluster (its folder). */
  pageOf?(note: string): { readonly label: string; readonly cluster: string };
}

/** The node a citation points at: one per local heading (or note), or per external URL. */
function unitNode(citation: Citation, resolution: CitationResolution): { id: string; label: string; unit: string } {
  const unit = unitLabel(citation) || citation.url;
  if (resolution.kind === 'external') {
    return { id: `unit:${resolution.url.split('#')[0] ?? resolution.url}`, label: unit, unit };
  }
  const heading = resolution.heading;
  const id = `unit:${resolution.note}${heading ? `#${heading.slug}` : ''}`;
  return { id, label: heading ? `${unit} › ${heading.text}` : unit || fileNameOf(resolution.note).replace(/\.md$/i, ''), unit };
}

/**
 * The concept map's data: concepts, the unit headings they cite and the pages that link as nodes; mentions,
 * nesting, citations and page links as typed edges. Sorted throughout, so the same notes always give the same graph.
 * Built in steps (see `steps.ts`): a definition, a citation or a page link is a unit of work.
 */
export function* buildConceptGraph(sources: GraphSources, budget: WorkBudget): Steps<ConceptGraph> {
  const concepts = yield* sortInSteps([...sources.concepts], (a, b) => a.id.localeCompare(b.id), budget);
  const edges = new Map<string, GraphEdge>();
  const units = new Map<string, { label: string; unit: string }>();
  const clusters = new Map<string, string>();
  const addEdge = (source: string, target: string, kind: GraphEdgeKind): void => {
    if (source !== target) edges.set(`${kind}\u0000${source}\u0000${target}`, { source, target, kind });
  };
  const ids = new Set(concepts.map((concept) => concept.id));
  for (const concept of concepts) {
    if (concept.parent !== undefined && ids.has(concept.parent)) addEdge(concept.parent, concept.id, 'parent');
    const citedUnits = new Map<string, number>();
    for (const definition of concept.definitions) {
      if (budget.spend(1 + definition.citations.length)) yield;
      for (const mentioned of sources.mentionsIn(definition.text)) if (ids.has(mentioned)) addEdge(concept.id, mentioned, 'mentions');
      for (const citation of definition.citations) {
        const node = unitNode(citation, sources.resolve(citation, definition.note));
        units.set(node.id, { label: node.label, unit: node.unit });
        addEdge(concept.id, node.id, 'cites');
        citedUnits.set(node.unit, (citedUnits.get(node.unit) ?? 0) + 1);
      }
    }
    const topUnit = [...citedUnits.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    const first = concept.definitions[0];
    clusters.set(concept.id, topUnit ?? first?.headingTrail.at(-1) ?? (first ? fileNameOf(first.note).replace(/\.md$/i, '') : ''));
  }
  const pages = new Map<string, { label: string; cluster: string }>();
  const nodeOfNote = (note: string): string => {
    const concept = sources.conceptOfPage?.(note);
    if (concept !== undefined && ids.has(concept)) return concept;
    const id = `page:${note}`;
    if (!pages.has(id)) pages.set(id, sources.pageOf?.(note) ?? { label: fileNameOf(note).replace(/\.(md|markdown)$/i, ''), cluster: '' });
    return id;
  };
  for (const { from, to } of sources.pageLinks ?? []) {
    if (from !== to) addEdge(nodeOfNote(from), nodeOfNote(to), 'links');
    if (budget.spend()) yield;
  }
  const sortedEdges = yield* sortInSteps(
    [...edges.values()],
    (a, b) => a.kind.localeCompare(b.kind) || a.source.localeCompare(b.source) || a.target.localeCompare(b.target),
    budget,
  );
  const degree = new Map<string, number>();
  for (const edge of sortedEdges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
    if (budget.spend(0.2)) yield;
  }
  const byId = (a: [string, unknown], b: [string, unknown]): number => a[0].localeCompare(b[0]);
  const sortedUnits = yield* sortInSteps([...units.entries()], byId, budget);
  const sortedPages = yield* sortInSteps([...pages.entries()], byId, budget);
  const nodes: GraphNode[] = [];
  for (const concept of concepts) {
    nodes.push({ id: concept.id, kind: 'concept', label: concept.term, cluster: clusters.get(concept.id) ?? '', degree: degree.get(concept.id) ?? 0 });
    if (budget.spend(0.2)) yield;
  }
  for (const [id, unit] of sortedUnits) {
    nodes.push({ id, kind: 'unit', label: unit.label, cluster: unit.unit, degree: degree.get(id) ?? 0 });
    if (budget.spend(0.2)) yield;
  }
  for (const [id, page] of sortedPages) {
    nodes.push({ id, kind: 'page', label: page.label, cluster: page.cluster, degree: degree.get(id) ?? 0 });
    if (budget.spend(0.2)) yield;
  }
  return { nodes, edges: sortedEdges };
}
