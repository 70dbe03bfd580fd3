import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { EdgeKind, MapGraph, MapNode, RenderReport, SavedPosition } from '../shared/protocol';
import { diffGraphs, edgeId } from './graphDiff';
import { runFcose } from './layout/fcoseLayout';
import { forceInputOf } from './layout/forceInput';
import { ForceLayoutClient } from './layout/forceLayoutClient';
import { clusterDiscs, type PlacedNode, placeNear, type Point } from './layout/seedLayout';
import { mapStyles, type RenderMode } from './mapStyles';
import { neighbourhood } from './neighbourhood';
import { sceneToSvg } from './svgExport';
import { sceneOf } from './svgScene';
import type { Theme } from './theme';
import { ViewportLabels } from './viewportLabels';

cytoscape.use(fcose);

/** Up to this many nodes the map is `detailed` (all labels, unit boxes, fCoSE on this thread, in well under a second). */
export const DETAILED_MAX_NODES = 300;
/** Links added per frame to a large map, so that adding them never blocks input for long. */
const EDGE_CHUNK = 2_000;
const GROUP_PREFIX = 'group\u0000';

export interface MapViewEvents {
  /** A node was clicked. */
  open(id: string): void;
  /** The pointer entered a node (with its position in the map's box), or left it. */
  hover(node: MapNode | undefined, at?: Point): void;
  /** Zoom, pan or positions changed: time to save state. */
  changed(): void;
  /** The nodes now shown (after filters and local mode), for the accessible list. */
  shown(nodes: readonly MapNode[]): void;
  /** A new graph's nodes are on screen; the layout may still be settling and links still coming. */
  firstPicture(): void;
}

export interface Visibility {
  readonly hiddenClusters: ReadonlySet<string>;
  readonly hiddenEdgeKinds: ReadonlySet<EdgeKind>;
  /** 0 for the whole map, else the number of links around `centre` to show. */
  readonly depth: number;
  readonly centre: string | undefined;
}

function nodeSize(node: MapNode, mode: RenderMode): number {
  const root = Math.sqrt(node.degree);
  return mode === 'detailed' ? Math.min(64, 16 + 7 * root) : Math.min(40, 6 + 3 * root);
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * The map itself: a cytoscape.js canvas kept in step with the graph messages. Live updates change only
 * what changed; nodes that stay keep their places and the zoom stays. Big maps are laid out by a force
 * layout in a web worker, so this thread only draws.
 */
export class MapView {
  readonly #cy: cytoscape.Core;
  readonly #layout = new ForceLayoutClient();
  #theme: Theme;
  #mode: RenderMode = 'detailed';
  #graph: MapGraph | undefined;
  #nodes = new Map<string, MapNode>();
  #colours = new Map<string, string>();
  #visibility: Visibility = { hiddenClusters: new Set(), hiddenEdgeKinds: new Set(), depth: 0, centre: undefined };
  #matches: readonly string[] = [];
  #active: string | undefined;
  readonly #labels: ViewportLabels;
  /** Bumped by every graph, so the steps of an older one stop when a newer one arrives. */
  #generation = 0;
  /** False while a large map's links are still being added after its first picture. */
  #edgesComplete = true;
  /** While a first layout settles, until the user pans or zooms, the view keeps the whole map in it. */
  #autoFit = true;

  constructor(
    private readonly container: HTMLElement,
    theme: Theme,
    private readonly events: MapViewEvents,
  ) {
    this.#theme = theme;
    this.#cy = cytoscape({
      container,
      style: mapStyles(theme, this.#mode),
      minZoom: 0.02,
      maxZoom: 6,
      boxSelectionEnabled: false,
      autounselectify: true,
      hideEdgesOnViewport: true,
      textureOnViewport: false,
      motionBlur: false,
    });
    this.#labels = new ViewportLabels(this.#cy);
    this.#cy.on('tap', 'node', (event) => {
      const id = (event.target as cytoscape.NodeSingular).id();
      if (this.#nodes.has(id)) this.events.open(id);
    });
    this.#cy.on('mouseover', 'node', (event) => {
      const target = event.target as cytoscape.NodeSingular;
      const node = this.#nodes.get(target.id());
      if (node) this.events.hover(node, target.renderedPosition());
    });
    this.#cy.on('mouseout', 'node', () => this.events.hover(undefined));
    this.#cy.on('dragpan scrollzoom pinchzoom', () => {
      this.#autoFit = false;
    });
    this.#cy.on('viewport', () => {
      this.events.hover(undefined);
      this.events.changed();
      this.#scheduleLabels();
    });
    this.#cy.on('dragfree', 'node', () => this.events.changed());
  }

  /**
   * Shows a graph, changing only what differs from the one shown. Resolves with what was drawn once the
   * layout settled and every link is on screen, or undefined when a newer graph replaced it first.
   */
  async setGraph(
    graph: MapGraph,
    saved: Readonly<Record<string, SavedPosition>>,
    viewport: { zoom: number; pan: Point } | undefined,
    receivedAt: number,
  ): Promise<RenderReport | undefined> {
    const generation = ++this.#generation;
    this.#layout.stop();
    const mode: RenderMode = graph.nodes.length <= DETAILED_MAX_NODES ? 'detailed' : 'fast';
    const fresh = this.#graph === undefined || mode !== this.#mode;
    // Switching between detailed and fast redraws everything, but nodes keep their places.
    const kept = fresh ? this.positions() : {};
    if (fresh) {
      this.#cy.elements().remove();
      this.#graph = undefined;
      this.#labels.clear();
      if (mode !== this.#mode) {
        this.#mode = mode;
        this.#cy.style(mapStyles(this.#theme, mode));
      }
    }
    const diff = diffGraphs(this.#graph, graph);
    this.#graph = graph;
    this.#nodes = new Map(graph.nodes.map((node) => [node.id, node]));
    this.#colours = this.#clusterColours(graph);

    const known = { ...saved, ...kept };
    const unplaced = diff.addedNodes.filter((node) => known[node.id] === undefined);
    const placed = new Map<string, PlacedNode>();
    for (const node of graph.nodes) {
      const at = this.#cy.getElementById(node.id);
      const remembered = known[node.id];
      const position = at.nonempty() ? at.position() : remembered ? { x: remembered[0], y: remembered[1] } : undefined;
      if (position) placed.set(node.id, { x: position.x, y: position.y, cluster: node.cluster });
    }
    const spacing = mode === 'detailed' ? 70 : 24;
    const seeds = placed.size === 0 ? clusterDiscs(unplaced, spacing) : placeNear(unplaced, placed, graph.edges, spacing);
    // A large map's links are added after its first picture (and its layout), a chunk per frame; also when
    // an update arrives before the links of the one before were all added.
    const deferEdges = mode === 'fast' && (fresh || !this.#edgesComplete);
    if (deferEdges) this.#edgesComplete = false;

    this.#cy.batch(() => {
      for (const id of [...diff.removedEdgeIds, ...diff.removedNodeIds]) this.#cy.getElementById(id).remove();
      for (const node of diff.changedNodes) this.#cy.getElementById(node.id).data(this.#nodeData(node));
      this.#recolour();
      if (mode === 'detailed') this.#syncGroups(graph);
      this.#cy.add(
        diff.addedNodes.map((node) => {
          const at = known[node.id];
          return {
            group: 'nodes' as const,
            data: { ...this.#nodeData(node), ...(mode === 'detailed' ? { parent: GROUP_PREFIX + node.cluster } : {}) },
            position: at ? { x: at[0], y: at[1] } : (seeds.get(node.id) ?? { x: 0, y: 0 }),
          };
        }),
      );
      if (mode === 'detailed') {
        for (const node of diff.changedNodes) {
          const element = this.#cy.getElementById(node.id);
          if (element.data('parent') !== GROUP_PREFIX + node.cluster) element.move({ parent: GROUP_PREFIX + node.cluster });
        }
        this.#removeEmptyGroups();
      }
      if (!deferEdges) this.#cy.add(diff.addedEdges.map((edge) => this.#edgeElement(edge)));
    });
    this.#applyVisibility();
    this.#applyMatches(false);
    if (fresh) {
      this.#autoFit = viewport === undefined;
      if (viewport) this.#cy.viewport({ zoom: viewport.zoom, pan: viewport.pan });
      else this.fit(false);
    }
    await this.#drawn();
    const firstPictureMs = performance.now() - receivedAt;
    if (generation !== this.#generation) return undefined;
    this.events.firstPicture();

    if (unplaced.length > 0) {
      const movable = new Set(unplaced.map((node) => node.id));
      if (mode === 'detailed') runFcose(this.#cy, movable, placed.size === 0);
      else if (!(await this.#runForce(generation, movable))) return undefined;
    }
    if (deferEdges) {
      if (!(await this.#addMissingEdges(generation))) return undefined;
      this.#edgesComplete = true;
    }
    if (this.#autoFit && fresh) this.fit(false);
    // Only a first layout follows the map with the view; after it, updates keep the zoom and pan.
    this.#autoFit = false;
    this.events.changed();
    await this.#drawn();
    if (generation !== this.#generation) return undefined;
    return {
      concepts: graph.nodes.filter((node) => node.kind === 'concept').length,
      units: graph.nodes.filter((node) => node.kind === 'unit').length,
      edges: graph.edges.length,
      firstPictureMs,
      completeMs: performance.now() - receivedAt,
    };
  }

  setTheme(theme: Theme): void {
    this.#theme = theme;
    if (this.#graph) this.#colours = this.#clusterColours(this.#graph);
    this.#cy.batch(() => this.#recolour());
    this.#cy.style(mapStyles(theme, this.#mode));
  }

  /** The colour a unit or section is drawn in, for the legend. */
  colourOf(cluster: string): string {
    return this.#colours.get(cluster) ?? this.#theme.muted;
  }

  setVisibility(visibility: Visibility): void {
    const changedScope = visibility.depth !== this.#visibility.depth || visibility.centre !== this.#visibility.centre;
    this.#visibility = visibility;
    this.#applyVisibility();
    if (changedScope) this.fit(true);
  }

  /** Highlights search matches (best first) and centres the best one that is shown. */
  setMatches(ids: readonly string[]): void {
    this.#matches = ids.filter((id) => this.#nodes.has(id));
    this.#applyMatches(true);
  }

  /** Marks the node keyboard navigation is on, and brings it into view. */
  setActive(id: string | undefined): void {
    if (this.#active) this.#cy.getElementById(this.#active).removeClass('active');
    this.#active = id && this.#nodes.has(id) ? id : undefined;
    if (!this.#active) return;
    const element = this.#cy.getElementById(this.#active).addClass('active');
    this.#centre(element);
  }

  zoomBy(factor: number): void {
    const level = this.#cy.zoom() * factor;
    this.#autoFit = false;
    this.#cy.zoom({ level, renderedPosition: { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 } });
  }

  /** Fits what is shown into the panel. */
  fit(animate: boolean): void {
    const shown = this.#cy.nodes(':visible');
    if (shown.empty()) return;
    if (animate && this.#mode === 'detailed') this.#cy.animate({ fit: { eles: shown, padding: 40 }, duration: 250 });
    else this.#cy.fit(shown, 40);
    if (this.#cy.zoom() > 1.6) this.#cy.zoom({ level: 1.6, renderedPosition: { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 } });
  }

  /** Every node's position, rounded, for the saved state. */
  positions(): Record<string, SavedPosition> {
    const positions: Record<string, SavedPosition> = {};
    this.#cy.nodes().forEach((node) => {
      if (!this.#nodes.has(node.id())) return;
      const { x, y } = node.position();
      positions[node.id()] = [Math.round(x), Math.round(y)];
    });
    return positions;
  }

  viewport(): { zoom: number; pan: Point } {
    return { zoom: this.#cy.zoom(), pan: { ...this.#cy.pan() } };
  }

  /** The current view as a PNG data URL, on the theme's background. */
  png(): string {
    return this.#cy.png({ output: 'base64uri', bg: this.#theme.background, full: false, scale: 2, maxWidth: 6000, maxHeight: 6000 });
  }

  /** The current view as SVG text: what is shown and on screen, labels escaped. */
  svg(): string {
    return sceneToSvg(sceneOf(this.#cy, this.#theme, { width: this.container.clientWidth, height: this.container.clientHeight }));
  }

  dispose(): void {
    this.#labels.dispose();
    this.#generation++;
    this.#layout.dispose();
    this.#cy.destroy();
  }

  #nodeData(node: MapNode): Record<string, unknown> {
    return {
      id: node.id,
      label: node.label,
      kind: node.kind,
      cluster: node.cluster,
      degree: node.degree,
      size: nodeSize(node, this.#mode),
      color: this.colourOf(node.cluster),
    };
  }

  #edgeElement(edge: { source: string; target: string; kind: EdgeKind }): cytoscape.ElementDefinition {
    const hidden = this.#visibility.hiddenEdgeKinds.has(edge.kind);
    return { group: 'edges', data: { id: edgeId(edge), source: edge.source, target: edge.target, kind: edge.kind }, classes: hidden ? 'hidden' : '' };
  }

  /** Units and sections in name order, each given the next colour of the theme's palette. */
  #clusterColours(graph: MapGraph): Map<string, string> {
    const clusters = [...new Set(graph.nodes.map((node) => node.cluster))].sort((a, b) => a.localeCompare(b));
    const palette = this.#theme.palette;
    return new Map(clusters.map((cluster, i) => [cluster, palette[i % palette.length] ?? this.#theme.muted]));
  }

  #recolour(): void {
    this.#cy.nodes().forEach((node) => {
      const colour = this.colourOf(String(node.data('cluster')));
      if (node.data('color') !== colour) node.data('color', colour);
    });
  }

  /** Compound nodes, one per unit or section, that fCoSE keeps each group's nodes inside. */
  #syncGroups(graph: MapGraph): void {
    for (const cluster of new Set(graph.nodes.map((node) => node.cluster))) {
      const id = GROUP_PREFIX + cluster;
      if (this.#cy.getElementById(id).empty()) {
        this.#cy.add({ group: 'nodes', data: { id, label: cluster, cluster, kind: 'group', color: this.colourOf(cluster) }, classes: 'group' });
      }
    }
  }

  #removeEmptyGroups(): void {
    this.#cy.remove(this.#cy.nodes('.group').filter((group) => group.children().empty()));
  }

  /** The worker's force layout for a large map; resolves true once settled, false when replaced. */
  #runForce(generation: number, movable: ReadonlySet<string>): Promise<boolean> {
    const graph = this.#graph;
    if (!graph) return Promise.resolve(false);
    const nodes = this.#cy.nodes().filter((node) => this.#nodes.has(node.id())).nodes();
    const input = forceInputOf(
      nodes.map((node) => ({ id: node.id(), ...node.position(), cluster: String(node.data('cluster')) })),
      graph.edges,
      movable,
    );
    const fixed = input.fixed.slice();
    return new Promise((resolve) => {
      const started = this.#layout.start(input, (progress) => {
        if (generation !== this.#generation) return resolve(false);
        this.#cy.batch(() => {
          nodes.forEach((node, i) => {
            if (fixed[i]) return;
            node.position({ x: progress.x[i] ?? 0, y: progress.y[i] ?? 0 });
          });
        });
        if (this.#autoFit) this.fit(false);
        if (progress.settled) resolve(true);
      });
      // Without a worker (a stricter host policy) the map keeps its seed layout, which is already grouped.
      if (!started) resolve(true);
    });
  }

  /** Adds the links a large map held back for its first picture, a chunk per frame. */
  async #addMissingEdges(generation: number): Promise<boolean> {
    const missing = (this.#graph?.edges ?? []).filter((edge) => this.#cy.getElementById(edgeId(edge)).empty());
    for (let start = 0; start < missing.length; start += EDGE_CHUNK) {
      if (generation !== this.#generation) return false;
      this.#cy.add(missing.slice(start, start + EDGE_CHUNK).map((edge) => this.#edgeElement(edge)));
      await nextFrame();
    }
    return generation === this.#generation;
  }

  /** Hides what the unit and link filters and local mode leave out, and reports what is shown. */
  #applyVisibility(): void {
    const graph = this.#graph;
    if (!graph) return;
    const { hiddenClusters, hiddenEdgeKinds, depth, centre } = this.#visibility;
    const edges = graph.edges.filter((edge) => !hiddenEdgeKinds.has(edge.kind));
    const around = depth > 0 && centre !== undefined && this.#nodes.has(centre) ? neighbourhood(centre, depth, edges) : undefined;
    const shown: MapNode[] = [];
    this.#cy.batch(() => {
      for (const node of graph.nodes) {
        const visible = !hiddenClusters.has(node.cluster) && (around === undefined || around.has(node.id));
        if (visible) shown.push(node);
        const element = this.#cy.getElementById(node.id);
        element.toggleClass('hidden', !visible);
        element.toggleClass('focus', around !== undefined && node.id === centre);
      }
      this.#cy.edges().forEach((edge) => {
        edge.toggleClass('hidden', hiddenEdgeKinds.has(edge.data('kind') as EdgeKind));
      });
      const shownClusters = new Set(shown.map((node) => node.cluster));
      this.#cy.nodes('.group').forEach((group) => {
        group.toggleClass('hidden', !shownClusters.has(String(group.data('cluster'))));
      });
    });
    this.events.shown(shown);
    this.#scheduleLabels();
  }

  #applyMatches(centre: boolean): void {
    const matches = new Set(this.#matches);
    const dim = matches.size > 0;
    this.#cy.batch(() => {
      this.#cy.nodes().forEach((node) => {
        if (node.isParent()) return;
        node.toggleClass('match', matches.has(node.id()));
        node.toggleClass('dimmed', dim && !matches.has(node.id()));
      });
      if (this.#mode === 'detailed') {
        this.#cy.edges().forEach((edge) => {
          edge.toggleClass('dimmed', dim && !matches.has(edge.source().id()) && !matches.has(edge.target().id()));
        });
      }
    });
    if (!centre) return;
    const best = this.#matches.map((id) => this.#cy.getElementById(id)).find((element) => element.visible());
    if (best) this.#centre(best);
  }

  /** Brings a node to the middle of the panel, zoomed in far enough to read it. */
  #centre(element: cytoscape.CollectionReturnValue): void {
    this.#autoFit = false;
    const zoom = Math.max(this.#cy.zoom(), 1);
    if (this.#mode === 'detailed') this.#cy.animate({ center: { eles: element }, zoom, duration: 200 });
    else {
      this.#cy.zoom(zoom);
      this.#cy.center(element);
    }
  }

  #scheduleLabels(): void {
    if (this.#mode === 'fast') this.#labels.schedule();
  }

  /** Resolves once the renderer has drawn the latest changes (or after a few frames with nothing to draw). */
  #drawn(): Promise<void> {
    return new Promise((resolve) => {
      let frames = 0;
      const done = (): void => {
        this.#cy.off('render', done);
        requestAnimationFrame(() => resolve());
      };
      this.#cy.one('render', done);
      const tick = (): void => {
        if (++frames >= 3) done();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }
}
