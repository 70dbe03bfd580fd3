/**
 * Every message between the extension and the concept-map webview, typed once and checked on arrival.
 * Bundled into both the extension and the webview (its only import is `checks.ts`), and neither side trusts
 * the other's messages (the webview shows note text; the extension writes files the webview sends).
 */

import { isCount, isRecord, isString } from './checks';

/** The view type of the concept-map panel; also its activation event `onWebviewPanel:<viewType>`. */
export const CONCEPT_MAP_VIEW_TYPE = 'alignmentNotes.conceptMap';

/** The kinds of link the map draws, in legend order. */
export const EDGE_KINDS = ['mentions', 'parent', 'cites', 'links'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
/** `page`: a note that links or is linked to and is no concept page (a vault's sources, findings, index). */
export type NodeKind = 'concept' | 'unit' | 'page';

export interface MapNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** The key of the group (its concept home, see `CourseIndex.homeOf`) the node is drawn in and coloured by. */
  readonly cluster: string;
  /** The group's short name, shown as its title and in the legend. */
  readonly clusterLabel: string;
  /** Number of links touching the node; sizes it. */
  readonly degree: number;
}

export interface MapEdge {
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
}

export interface MapGraph {
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
}

export type ExportFormat = 'png' | 'svg';

/** Extension → webview, as the webview acts on it (`readToWebviewMessage`). */
export type ToWebviewMessage =
  | { readonly type: 'graph'; readonly graph: MapGraph }
  /**
   * Short plain-text definitions, shown when hovering a node, by node id: sent after the graph, and then only
   * those that changed. They are most of a graph's bytes (0.5 of 0.9 MB at 4,900 nodes), and the map's first
   * picture waits for the graph, not for them.
   */
  | { readonly type: 'summaries'; readonly summaries: readonly (readonly [id: string, summary: string])[] }
  /** The answer to a `search`, best match first; `query` lets the webview drop answers to older queries. */
  | { readonly type: 'searchResults'; readonly query: string; readonly ids: readonly string[] }
  /** The concept at or nearest the cursor of the active note, for local mode; absent when there is none. */
  | { readonly type: 'focus'; readonly id?: string }
  /**
   * The answer to `ready` when the graph was sent while the page loaded, before it said `ready`: a page that has
   * no graph by now missed it (VS Code hands a loading page its messages at most 200 ms after writing its
   * document, ready or not) and says `ready` again.
   */
  | { readonly type: 'graphSentEarly' };

/** Extension → webview, as sent: the graph packed (see `WireGraph`), as JSON text. */
export type ToWebviewWire = Exclude<ToWebviewMessage, { readonly type: 'graph' }> | { readonly type: 'graph'; readonly graph: string };

/** A message in the form it is sent in. */
export function toWire(message: ToWebviewMessage): ToWebviewWire {
  return message.type === 'graph' ? { type: 'graph', graph: JSON.stringify(packMapGraph(message.graph)) } : message;
}

/** What the webview drew for one `graph` message; timings count from the message's arrival. */
export interface RenderReport {
  readonly concepts: number;
  readonly units: number;
  readonly edges: number;
  /** Until the nodes were first on screen. */
  readonly firstPictureMs: number;
  /** Until the layout settled and every link was drawn. */
  readonly completeMs: number;
}

/** Webview → extension. */
export type FromWebviewMessage =
  | { readonly type: 'ready' }
  | ({ readonly type: 'rendered' } & RenderReport)
  /** Open a concept's definition, or a unit node's heading, in the editor. */
  | { readonly type: 'openNode'; readonly id: string }
  | { readonly type: 'search'; readonly query: string }
  /** The current view as a `data:image/png;base64,` URL or as SVG text, to save where the user chooses. */
  | { readonly type: 'export'; readonly format: ExportFormat; readonly data: string };

/** A node's saved place on the map: `[x, y]` in model coordinates. */
export type SavedPosition = readonly [number, number];

/**
 * What the map shows: the graph (whole, or around the cursor by `depth`), the shortest chains of links
 * between two picked nodes, or the orphans (concepts nothing mentions or links to).
 */
export const MAP_MODES = ['graph', 'path', 'orphans'] as const;
export type MapMode = (typeof MAP_MODES)[number];

/** What the webview keeps across reloads and while hidden, through `getState`/`setState`. */
export interface ConceptMapState {
  readonly query: string;
  /** 0 shows the whole map; 1 to 3 show that many links around the concept at the editor's cursor. */
  readonly depth: number;
  readonly mode: MapMode;
  /** Path mode's picked ends, in the order picked (at most two). */
  readonly pathEnds: readonly string[];
  readonly hiddenClusters: readonly string[];
  readonly hiddenEdgeKinds: readonly EdgeKind[];
  readonly viewport?: { readonly zoom: number; readonly pan: { readonly x: number; readonly y: number } };
  readonly positions: Readonly<Record<string, SavedPosition>>;
}

export const LIMITS = {
  nodes: 100_000,
  edges: 400_000,
  id: 4_096,
  label: 1_000,
  summary: 2_000,
  query: 200,
  searchResults: 1_000,
  maxDepth: 3,
  /** Exported images and drawings: a full-screen PNG at twice the pixel ratio is a few MB. */
  exportBytes: 32 * 1024 * 1024,
  /** A graph's JSON text (`WireGraph`): about 0.4 MB for 4,900 nodes and 19,600 links. */
  graphChars: 64 * 1024 * 1024,
} as const;

const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';
const SVG_PREFIX = '<svg xmlns="http://www.w3.org/2000/svg"';
/** The only elements an exported drawing may contain: what `svgExport` writes. */
const SVG_ELEMENTS = new Set(['svg', 'g', 'rect', 'circle', 'line', 'text', 'title']);



function isId(value: unknown): value is string {
  return isString(value, LIMITS.id) && value.length > 0;
}


function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isEdgeKind(value: unknown): value is EdgeKind {
  return typeof value === 'string' && (EDGE_KINDS as readonly string[]).includes(value);
}

/** A node as sent: `[id, kind, label, index of its group in `groups`, degree]`. */
type WireNode = readonly [id: string, kind: NodeKind, label: string, group: number, degree: number];

/**
 * A graph as sent. VS Code carries a webview message as JSON through the extension host's connection, the
 * window and two frames, and in the offline VS Code its time grew with its size: about 0.4 s for the 2.6 MB of
 * a 4,900-node, 19,600-link graph written as objects, 0.2 s in this form (0.9 MB with the summaries, which now
 * go apart: 0.4 MB). It goes as one JSON text: each frame on the way copies a string as it is, where it walked an
 * array of 24,500 small arrays item by item (in code-server on the thread the map's page shares with the window).
 */
export interface WireGraph {
  /** Each group once, as `[key, title]`. */
  readonly groups: readonly (readonly [key: string, title: string])[];
  readonly nodes: readonly WireNode[];
  /** Three numbers a link: its source's and its target's index in `nodes`, and its kind's in `EDGE_KINDS`. */
  readonly edges: readonly number[];
}

/** The graph in the form it is sent in: each group's key and title once, nodes as tuples, links as numbers. */
function packMapGraph(graph: MapGraph): WireGraph {
  const groups: [string, string][] = [];
  const groupIndex = new Map<string, number>();
  const nodeIndex = new Map<string, number>();
  const nodes = graph.nodes.map((node, i): WireNode => {
    nodeIndex.set(node.id, i);
    // Keyed by title too: two groups whose keys were clipped to the same length keep their own titles.
    const groupKey = `${node.cluster}\u0000${node.clusterLabel}`;
    let group = groupIndex.get(groupKey);
    if (group === undefined) {
      group = groups.length;
      groupIndex.set(groupKey, group);
      groups.push([node.cluster, node.clusterLabel]);
    }
    return [node.id, node.kind, node.label, group, node.degree];
  });
  const edges: number[] = [];
  for (const edge of graph.edges) edges.push(nodeIndex.get(edge.source) ?? -1, nodeIndex.get(edge.target) ?? -1, EDGE_KINDS.indexOf(edge.kind));
  return { groups, nodes, edges };
}

function isNodeKind(value: unknown): value is NodeKind {
  return value === 'concept' || value === 'unit' || value === 'page';
}

function readGroup(value: unknown): readonly [string, string] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const key: unknown = value[0];
  const title: unknown = value[1];
  return isString(key, LIMITS.label) && isString(title, LIMITS.label) ? [key, title] : undefined;
}

/** A node of a packed graph, with its group's key and title; undefined when any part is malformed. */
function readNode(value: unknown, groups: readonly (readonly [string, string])[]): MapNode | undefined {
  if (!Array.isArray(value) || value.length !== 5) return undefined;
  const id: unknown = value[0];
  const kind: unknown = value[1];
  const label: unknown = value[2];
  const groupAt: unknown = value[3];
  const degree: unknown = value[4];
  const group = isCount(groupAt) ? groups[groupAt] : undefined;
  if (!isId(id) || !isNodeKind(kind) || !isString(label, LIMITS.label) || !group || !isCount(degree)) return undefined;
  return { id, kind, label, cluster: group[0], clusterLabel: group[1], degree };
}

/**
 * The graph a message holds, or undefined unless it is a well-formed `WireGraph`: within the limits, ids unique,
 * every group, node and kind index in range, no link from a node to itself (the renderer throws on those).
 */
function readWireGraph(value: unknown): MapGraph | undefined {
  if (!isRecord(value) || !Array.isArray(value.groups) || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return undefined;
  const wire: { groups: unknown[]; nodes: unknown[]; edges: unknown[] } = { groups: value.groups, nodes: value.nodes, edges: value.edges };
  if (wire.nodes.length > LIMITS.nodes || wire.groups.length > wire.nodes.length || wire.edges.length > 3 * LIMITS.edges || wire.edges.length % 3 !== 0) return undefined;
  const groups: (readonly [string, string])[] = [];
  for (const entry of wire.groups) {
    const group = readGroup(entry);
    if (!group) return undefined;
    groups.push(group);
  }
  const ids = new Set<string>();
  const nodes: MapNode[] = [];
  for (const entry of wire.nodes) {
    const node = readNode(entry, groups);
    if (!node || ids.has(node.id)) return undefined;
    ids.add(node.id);
    nodes.push(node);
  }
  const edges: MapEdge[] = [];
  for (let at = 0; at < wire.edges.length; at += 3) {
    const sourceAt = wire.edges[at];
    const targetAt = wire.edges[at + 1];
    const kindAt = wire.edges[at + 2];
    const source = isCount(sourceAt) ? nodes[sourceAt] : undefined;
    const target = isCount(targetAt) ? nodes[targetAt] : undefined;
    const kind = isCount(kindAt) ? EDGE_KINDS[kindAt] : undefined;
    if (!source || !target || source === target || kind === undefined) return undefined;
    edges.push({ source: source.id, target: target.id, kind });
  }
  return { nodes, edges };
}

/** The value of a graph's JSON text within the limit, or undefined for anything else. */
function parsedGraphText(text: unknown): unknown {
  if (!isString(text, LIMITS.graphChars)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A PNG as a base64 data URL, within the size limit. */
export function isPngDataUrl(data: string): boolean {
  if (data.length > LIMITS.exportBytes || !data.startsWith(PNG_DATA_URL_PREFIX)) return false;
  const body = data.slice(PNG_DATA_URL_PREFIX.length);
  return body.length > 0 && body.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(body);
}

/**
 * A drawing made of the few plain elements the exporter writes: no scripts, no event-handler attributes,
 * no links, no embedded HTML. Note text in it is escaped, so `<` never appears outside a tag.
 */
export function isSafeSvg(data: string): boolean {
  if (data.length > LIMITS.exportBytes || !data.startsWith(SVG_PREFIX) || !data.trimEnd().endsWith('</svg>')) return false;
  for (const tag of data.matchAll(/<([^>]*)>?/g)) {
    const body = tag[1] ?? '';
    const name = /^\/?([A-Za-z][\w:-]*)/.exec(body)?.[1];
    if (name === undefined || !SVG_ELEMENTS.has(name)) return false;
    if (/\s(?:on[a-z]+|href|xlink:href|style)\s*=/i.test(body)) return false;
  }
  return true;
}

function isExport(value: Record<string, unknown>): boolean {
  if (!isString(value.data, LIMITS.exportBytes)) return false;
  if (value.format === 'png') return isPngDataUrl(value.data);
  if (value.format === 'svg') return isSafeSvg(value.data);
  return false;
}

/** Checks a message from the webview; anything else is dropped by the caller. */
export function isFromWebviewMessage(value: unknown): value is FromWebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'rendered':
      return (
        isCount(value.concepts) &&
        isCount(value.units) &&
        isCount(value.edges) &&
        isFiniteNumber(value.firstPictureMs) &&
        isFiniteNumber(value.completeMs)
      );
    case 'openNode':
      return isId(value.id);
    case 'search':
      return isString(value.query, LIMITS.query);
    case 'export':
      return isExport(value);
    default:
      return false;
  }
}

/** Checks a message from the extension before the webview acts on it, unpacking its graph; undefined for anything else. */
export function readToWebviewMessage(value: unknown): ToWebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'graph': {
      const graph = readWireGraph(parsedGraphText(value.graph));
      return graph && { type: 'graph', graph };
    }
    case 'searchResults': {
      const { query, ids } = value;
      const valid = isString(query, LIMITS.query) && Array.isArray(ids) && ids.length <= LIMITS.searchResults && ids.every(isId);
      return valid ? { type: 'searchResults', query, ids: ids as string[] } : undefined;
    }
    case 'graphSentEarly':
      return { type: 'graphSentEarly' };
    case 'focus':
      if (value.id === undefined) return { type: 'focus' };
      return isId(value.id) ? { type: 'focus', id: value.id } : undefined;
    case 'summaries': {
      const summaries = readSummaries(value.summaries);
      return summaries && { type: 'summaries', summaries };
    }
    default:
      return undefined;
  }
}

/** `[node id, summary]` pairs within the limits, copied; undefined if any is not (a hole in the array too). */
function readSummaries(value: unknown): [string, string][] | undefined {
  if (!Array.isArray(value) || value.length > LIMITS.nodes) return undefined;
  const summaries: [string, string][] = [];
  for (let i = 0; i < value.length; i++) {
    const pair: unknown = value[i];
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [id, summary]: unknown[] = pair;
    if (!isId(id) || !isString(summary, LIMITS.summary)) return undefined;
    summaries.push([id, summary]);
  }
  return summaries;
}

/** With no prototype: a node id such as `constructor` or `__proto__` is a key like any other. */
function readPositions(value: unknown): Record<string, SavedPosition> {
  const positions = Object.create(null) as Record<string, SavedPosition>;
  if (!isRecord(value)) return positions;
  let count = 0;
  for (const [id, position] of Object.entries(value)) {
    if (++count > LIMITS.nodes) break;
    if (id.length <= LIMITS.id && Array.isArray(position) && position.length === 2 && position.every(isFiniteNumber)) {
      positions[id] = [position[0] as number, position[1] as number];
    }
  }
  return positions;
}

function readViewport(value: unknown): ConceptMapState['viewport'] {
  if (!isRecord(value) || !isRecord(value.pan)) return undefined;
  const { zoom } = value;
  const { x, y } = value.pan;
  return isFiniteNumber(zoom) && zoom > 0 && isFiniteNumber(x) && isFiniteNumber(y) ? { zoom, pan: { x, y } } : undefined;
}

/** Reads saved webview state, keeping what is well formed and defaulting the rest. */
export function readConceptMapState(value: unknown): ConceptMapState {
  const state = isRecord(value) ? value : {};
  const depth = state.depth;
  const clusters = Array.isArray(state.hiddenClusters) ? state.hiddenClusters : [];
  const kinds = Array.isArray(state.hiddenEdgeKinds) ? state.hiddenEdgeKinds : [];
  const ends = Array.isArray(state.pathEnds) ? state.pathEnds : [];
  return {
    query: isString(state.query, LIMITS.query) ? state.query : '',
    depth: isCount(depth) && depth <= LIMITS.maxDepth ? depth : 0,
    mode: (MAP_MODES as readonly unknown[]).includes(state.mode) ? (state.mode as MapMode) : 'graph',
    pathEnds: ends.filter(isId).slice(0, 2),
    hiddenClusters: clusters.filter((cluster): cluster is string => isString(cluster, LIMITS.label)).slice(0, LIMITS.nodes),
    hiddenEdgeKinds: kinds.filter(isEdgeKind),
    viewport: readViewport(state.viewport),
    positions: readPositions(state.positions),
  };
}
