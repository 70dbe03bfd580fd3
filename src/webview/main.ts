import {
  type ConceptMapState,
  type FromWebviewMessage,
  LIMITS,
  type MapGraph,
  type MapMode,
  type MapNode,
  readConceptMapState,
  readToWebviewMessage,
  type ToWebviewMessage,
} from '../shared/protocol';
import { Filters } from './filters';
import { MapView, type Shown } from './mapView';
import { wholeMapSummary } from './mapSummary';
import { NodeList } from './nodeList';
import { readTheme, watchTheme } from './theme';
import { Tooltip } from './tooltip';

/**
 * The concept-map page: wires the toolbar, filters, accessible list and tooltip to the map, and the map
 * to the extension's messages. Note text reaches the DOM only through `textContent` and attributes.
 */

const SEARCH_DELAY_MS = 150;
const SAVE_DELAY_MS = 400;
const ZOOM_STEP = 1.25;

const vscode = acquireVsCodeApi<ConceptMapState>();

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no #${id}`);
  return found;
}

const search = element('search', HTMLInputElement);
const scope = element('scope', HTMLSelectElement);
const status = element('status', HTMLSpanElement);
const container = element('map', HTMLDivElement);
const drawer = element('drawer', HTMLElement);
const drawerToggle = element('drawer-toggle', HTMLButtonElement);
const saved = readConceptMapState(vscode.getState());

let graph: MapGraph | undefined;
let nodesById = new Map<string, MapNode>();
let centre: string | undefined;
let matches: readonly string[] = [];
let shown: Shown = { nodes: 0 };
let pathEnds: readonly string[] = saved.pathEnds;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
/** Positions and zoom from the saved state apply to the first graph only; after that the map keeps its own. */
let restore: Pick<ConceptMapState, 'positions' | 'viewport'> | undefined = saved;

function post(message: FromWebviewMessage): void {
  vscode.postMessage(message);
}

function saveSoon(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const { hiddenClusters, hiddenEdgeKinds } = filters.state;
    vscode.setState({
      query: search.value.slice(0, LIMITS.query),
      depth: depth(),
      mode: mode(),
      pathEnds,
      hiddenClusters: [...hiddenClusters],
      hiddenEdgeKinds: [...hiddenEdgeKinds],
      viewport: map.viewport(),
      positions: map.positions(),
    });
  }, SAVE_DELAY_MS);
}

/** The scope box's choice: graph (whole or around the cursor), path or orphans. */
function mode(): MapMode {
  return scope.value === 'path' || scope.value === 'orphans' ? scope.value : 'graph';
}

/** In graph mode, the links around the cursor to show (0: the whole map). */
function depth(): number {
  return mode() === 'graph' ? Number(scope.value) : 0;
}

function nameOf(id: string | undefined): string {
  return (id === undefined ? undefined : nodesById.get(id)?.label) ?? '?';
}

function pathStatus(): string {
  const [from, to] = pathEnds;
  if (from === undefined) return 'Path: click a concept (or search and press Enter) to start';
  if (to === undefined) return `Path from “${nameOf(from)}”: now pick the other end`;
  if (shown.pathLength === null) return `No chain of links joins “${nameOf(from)}” and “${nameOf(to)}”`;
  const links = shown.pathLength ?? 0;
  return `Path “${nameOf(from)}” → “${nameOf(to)}”: ${links} link${links === 1 ? '' : 's'}, ${shown.nodes} nodes on the shortest chains`;
}

function updateStatus(): void {
  if (!graph) {
    status.textContent = 'Loading the concept map…';
    return;
  }
  const parts: string[] = [];
  if (mode() === 'path') parts.push(pathStatus());
  else if (mode() === 'orphans') parts.push(`${shown.nodes} orphan${shown.nodes === 1 ? '' : 's'}: concepts nothing mentions or links to`);
  else if (depth() > 0) {
    const focus = centre === undefined ? undefined : nodesById.get(centre);
    parts.push(focus ? `Around “${focus.label}”: ${shown.nodes} nodes` : 'Put the cursor on a concept in a note to see its neighbourhood');
  } else {
    parts.push(wholeMapSummary(graph));
  }
  if (search.value.trim() !== '') parts.push(`${matches.length} match${matches.length === 1 ? '' : 'es'}`);
  status.textContent = parts.join(' · ');
  status.title = status.textContent;
}

/** Path mode: a click, Enter in the list or Enter in the search box picks an end instead of opening. */
function pickEnd(id: string): void {
  pathEnds = pathEnds.length >= 2 ? [id] : pathEnds[0] === id ? pathEnds : [...pathEnds, id];
  applyVisibility();
  updateStatus();
  saveSoon();
}

function openOrPick(id: string): void {
  if (mode() === 'path') pickEnd(id);
  else post({ type: 'openNode', id });
}

/**
 * Each node's summary as received (see the `summaries` message): sent after the graph, then only those that change.
 * Kept for the nodes of the last graph only, as the extension keeps what it sent (`changedSummaries`).
 */
const summaries = new Map<string, string>();
const summaryOf = (id: string): string => summaries.get(id) ?? '';
function forgetSummariesOutside(graph: MapGraph): void {
  const ids = new Set(graph.nodes.map((node) => node.id));
  for (const id of summaries.keys()) if (!ids.has(id)) summaries.delete(id);
}
const tooltip = new Tooltip(element('tooltip', HTMLDivElement), container, summaryOf);

const list = new NodeList(element('nodes', HTMLUListElement), {
  activate: (node) => {
    // The map centres the active node, so its definition goes beside the middle of the map.
    map.setActive(node.id);
    tooltip.show(node, { x: container.clientWidth / 2, y: container.clientHeight / 2 });
  },
  open: (node) => openOrPick(node.id),
}, summaryOf);

const map = new MapView(container, readTheme(), {
  open: openOrPick,
  hover: (node, at) => {
    if (node && at) tooltip.show(node, at);
    else tooltip.hide();
  },
  changed: saveSoon,
  firstPicture: () => {
    container.dataset.state = 'drawn';
    // For the bench, which reads it from the page's performance timeline.
    performance.mark('conceptMap:firstPicture');
  },
  shown: (nodes) => list.show(nodes),
});

element('nodes', HTMLUListElement).addEventListener('focusout', () => {
  map.releaseActive();
  tooltip.hide();
});

const filters = new Filters(element('edge-filter', HTMLFieldSetElement), element('node-kinds', HTMLFieldSetElement), element('cluster-filter', HTMLFieldSetElement), {
  hiddenClusters: new Set(saved.hiddenClusters),
  hiddenEdgeKinds: new Set(saved.hiddenEdgeKinds),
}, () => {
  applyVisibility();
  saveSoon();
});

function applyVisibility(): void {
  shown = map.setVisibility({ ...filters.state, mode: mode(), depth: depth(), centre, pathEnds });
}

async function showGraph(next: MapGraph, receivedAt: number): Promise<void> {
  graph = next;
  nodesById = new Map(next.nodes.map((node) => [node.id, node]));
  container.dataset.state = 'drawing';
  const from = restore;
  restore = undefined;
  const drawn = map.setGraph(next, from?.positions ?? {}, from?.viewport, receivedAt);
  // The map has assigned the groups their colours by now; the legend need not wait for the layout.
  filters.setClusters(map.groups());
  updateStatus();
  const report = await drawn;
  if (!report) return;
  container.dataset.state = 'settled';
  post({ type: 'rendered', ...report });
  saveSoon();
  if (search.value.trim() !== '') post({ type: 'search', query: search.value.slice(0, LIMITS.query) });
}

function receive(message: ToWebviewMessage): void {
  switch (message.type) {
    case 'graph':
      // The bench splits the time to the first picture at these marks: page ready, graph arrived, drawn.
      performance.mark('conceptMap:graph');
      forgetSummariesOutside(message.graph);
      void showGraph(message.graph, performance.now());
      return;
    case 'searchResults':
      if (message.query !== search.value.slice(0, LIMITS.query)) return;
      matches = message.ids;
      map.setMatches(matches);
      if (matches[0] !== undefined) list.select(matches[0]);
      updateStatus();
      return;
    case 'summaries':
      for (const [id, summary] of message.summaries) summaries.set(id, summary);
      list.describeAgain();
      return;
    case 'graphSentEarly':
      // The graph came before this page's script ran, and was lost: ask for it again.
      if (!graph) post({ type: 'ready' });
      return;
    case 'focus':
      centre = message.id;
      if (depth() > 0) applyVisibility();
      updateStatus();
      return;
  }
}

search.value = saved.query;
scope.value = saved.mode === 'graph' ? String(saved.depth) : saved.mode;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    if (search.value.trim() === '') {
      matches = [];
      map.setMatches([]);
      updateStatus();
    } else post({ type: 'search', query: search.value.slice(0, LIMITS.query) });
  }, SEARCH_DELAY_MS);
  saveSoon();
});
search.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || matches[0] === undefined) return;
  openOrPick(matches[0]);
});
scope.addEventListener('change', () => {
  applyVisibility();
  updateStatus();
  saveSoon();
});
element('zoom-in', HTMLButtonElement).addEventListener('click', () => map.zoomBy(ZOOM_STEP));
element('zoom-out', HTMLButtonElement).addEventListener('click', () => map.zoomBy(1 / ZOOM_STEP));
element('fit', HTMLButtonElement).addEventListener('click', () => map.fit(true));
element('export-png', HTMLButtonElement).addEventListener('click', () => void map.png().then((data) => post({ type: 'export', format: 'png', data })));
element('export-svg', HTMLButtonElement).addEventListener('click', () => post({ type: 'export', format: 'svg', data: map.svg() }));
drawerToggle.addEventListener('click', () => {
  drawer.hidden = !drawer.hidden;
  drawerToggle.setAttribute('aria-expanded', String(!drawer.hidden));
});
document.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '+' || event.key === '=') map.zoomBy(ZOOM_STEP);
  else if (event.key === '-') map.zoomBy(1 / ZOOM_STEP);
  else if (event.key === '0') map.fit(true);
});
const stopWatchingTheme = watchTheme(() => {
  map.setTheme(readTheme());
  filters.recolour(map.groups());
});
// The page goes when the panel is closed or the window reloads (a hidden panel keeps it): stop the workers with it.
window.addEventListener('pagehide', () => {
  stopWatchingTheme();
  list.dispose();
  map.dispose();
});
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = readToWebviewMessage(event.data);
  if (message) receive(message);
});
// The end-to-end tests read what the renderer drew (label and node boxes, groups) through this.
Object.defineProperty(window, 'conceptMapRenderState', { value: () => map.renderState() });
updateStatus();
applyVisibility();
performance.mark('conceptMap:ready');
post({ type: 'ready' });
