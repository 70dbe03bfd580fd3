import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { EdgeKind, MapEdge, MapGraph, MapMode, MapNode, RenderReport, SavedPosition } from '../shared/protocol';
import { setClasses } from './classes';
import { diffGraphs, edgeId } from './graphDiff';
import { type GroupStyle, groupStyles } from './groupColours';
import { type Box, type LabelCandidate, LABEL_SIDES, type LabelSide, placeLabels } from './labelPlacement';
import { runFcose } from './layout/fcoseLayout';
import { fitViewport } from './fitViewport';
import { forceInputOf } from './layout/forceInput';
import { ForceLayoutClient } from './layout/forceLayoutClient';
import type { LayoutProgress } from './layout/workerProtocol';
import { kindIndex, type LinkView } from './links/linkDrawing';
import { LinkLayer } from './links/linkLayer';
import { linkStyles, litLinkStyles } from './links/linkStyles';
import { FORCE_NODE_GAP, separate } from './layout/separate';
import { clusterDiscs, type PlacedNode, placeNear, type Point } from './layout/seedLayout';
import { neighbourhood, orphans, shortestPaths } from './mapModes';
import { mapStyles, type RenderMode } from './mapStyles';
import { NodePreview, type PreviewNode } from './nodePreview';
import type { RenderState } from './renderState';
import { sceneToSvg } from './svgExport';
import { sceneOf } from './svgScene';
import type { Theme } from './theme';
import { nodeBitmapsAcrossLevels, nodesDrawnAcrossLevels } from './nodeTextures';
import { viewportTextureAtCanvasSize, viewportTextureScale } from './viewportTexture';

cytoscape.use(fcose);

/** Up to this many nodes the map is `detailed` (all labels, unit boxes, fCoSE on this thread, in well under a second). */
export const DETAILED_MAX_NODES = 300;
/** Above this many nodes the force layout's progress is not drawn, only its settled result. */
const LIVE_LAYOUT_MAX_NODES = 2_000;
/**
 * Nodes moved per frame when a large map's settled layout is applied: each move makes the renderer
 * recompute the node's bounds, and 5,000 at once held the page for most of a second.
 */
const POSITION_CHUNK = 1_000;
/**
 * How long adding a chunk of a large new map's nodes to cytoscape may take, with the frame that styles and draws
 * them (after its first picture, `NodePreview`). A node's first drawing makes its bitmap, 0.05-0.5 ms a node on a
 * software canvas depending on the zoom, and every frame draws all the nodes added so far: the chunks are sized
 * by what the last one took, starting at `FIRST_ADD_CHUNK` nodes.
 */
const ADD_CHUNK_MS = 60;
const FIRST_ADD_CHUNK = 50;
const MIN_ADD_CHUNK = 20;
const GROUP_PREFIX = 'group\u0000';
const TITLE_PREFIX = 'title\u0000';
/** Labels keep these sizes on screen at any zoom: node names (hubs a little larger) and group titles. */
const LABEL_PX = 12;
const TITLE_PX = 14;
/** Room kept around each label, so that the renderer's own box (with its background) stays clear of the next. */
const LABEL_MARGIN_PX = 3;
/**
 * Most labels drawn at once; placement stops there. A large map names fewer at a time: each drawn label is a
 * text the renderer measures whenever the zoom changes and paints every frame (300 made placing them take
 * 0.6 s and halved the frame rate on a 500-node map); zooming in names the others.
 */
const MAX_LABELS: Readonly<Record<RenderMode, number>> = { detailed: 300, fast: 80 };
/** Longer names are cut on the map (the tooltip and the list give them whole). */
const SHORT_LABEL = 28;
const LABEL_DELAY_MS = 120;
/** Room around the fitted map, in pixels: enough for the group titles above the top boxes. */
const FIT_PADDING = 24;
/** The fit zooms in no further than this (a map of a few nodes stays at a readable size). */
const FIT_MAX_ZOOM = 1.6;
/** An update whose new nodes are more than this share of the map lays out the whole map again. */
const RELAYOUT_SHARE = 0.25;
/** Added to a node's radius when parting nodes: the widest border it may be drawn with (a neutral group's double outline). */
const BORDER_ALLOWANCE = 3;
/** Room between two nodes' discs after a detailed layout, in model units. */
const NODE_GAP = 4;

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
  readonly mode: MapMode;
  /** In graph mode: 0 for the whole map, else the number of links around `centre` to show. */
  readonly depth: number;
  readonly centre: string | undefined;
  /** In path mode: the picked ends (the path shows once there are two). */
  readonly pathEnds: readonly string[];
}

/** What a mode left on the map, for the status line. */
export interface Shown {
  readonly nodes: number;
  /** Path mode with two ends: links on the shortest chains between them, or null when none joins them. */
  readonly pathLength?: number | null;
}

function labelPx(node: MapNode): number {
  return LABEL_PX + Math.min(3, Math.floor(Math.sqrt(node.degree) / 2));
}

function shortLabel(label: string): string {
  return label.length <= SHORT_LABEL ? label : `${label.slice(0, SHORT_LABEL - 1).trimEnd()}…`;
}

/** Name order for ties in label priority: a collator compares thousands of names far faster than `localeCompare`. */
const BY_NAME = new Intl.Collator(undefined);

const measure = document.createElement('canvas').getContext('2d');
const widths = new Map<string, number>();
/** The font last given to `measure`. */
let measureFont = '';

/** A label's width on screen, measured once per text, size and font. */
function textWidth(text: string, px: number, font: string, bold = false): number {
  const key = `${bold ? 'b' : ''}${px}\u0000${font}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    if (!measure) return text.length * px * 0.6;
    // Setting a font parses it, even the same one again.
    const wanted = `${bold ? 'bold ' : ''}${px}px ${font}`;
    if (wanted !== measureFont) measure.font = measureFont = wanted;
    width = measure.measureText(text).width;
    if (widths.size > 50_000) widths.clear();
    widths.set(key, width);
  }
  return width;
}

/** `box` grown to hold a disc of radius `r` at (`x`, `y`); the disc's own box when there is none yet. */
function withDisc(box: Box | undefined, x: number, y: number, r: number): Box {
  return box ? { x1: Math.min(box.x1, x - r), y1: Math.min(box.y1, y - r), x2: Math.max(box.x2, x + r), y2: Math.max(box.y2, y + r) } : { x1: x - r, y1: y - r, x2: x + r, y2: y + r };
}

function grow(box: Box, by: number): Box {
  return { x1: box.x1 - by, y1: box.y1 - by, x2: box.x2 + by, y2: box.y2 + by };
}

function nodeSize(node: MapNode, mode: RenderMode): number {
  const root = Math.sqrt(node.degree);
  return mode === 'detailed' ? Math.min(64, 16 + 7 * root) : Math.min(40, 6 + 3 * root);
}

/** The nodes a mode leaves on the map (undefined: all), and for a path the links on it and its length. */
interface Scope {
  readonly nodes?: ReadonlySet<string>;
  readonly edges?: ReadonlySet<string>;
  readonly pathLength?: number | null;
}

/**
 * A force layout's run: its settled positions (null when no worker could start; undefined when a newer graph came
 * first while the run still reported; a run stopped for a newer graph never settles, and its caller is superseded
 * too), and which nodes it kept fixed, by index.
 */
interface ForceRun {
  readonly settled: Promise<LayoutProgress | null | undefined>;
  readonly fixed: Uint8Array;
}

/**
 * Resolves in a task of its own after the next frame is drawn: work done then is not added to the frame's
 * own task (a continuation straight from `requestAnimationFrame` would run before the renderer draws).
 */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * The map itself: a cytoscape.js canvas kept in step with the graph messages. Live updates change only
 * what changed; nodes that stay keep their places and the zoom stays. Big maps are laid out by a force
 * layout in a web worker, so this thread only draws. Labels keep one size on screen and are placed so
 * that none overlaps another or a group title, the most connected first.
 */
export class MapView {
  readonly #cy: cytoscape.Core;
  readonly #layout = new ForceLayoutClient();
  #theme: Theme;
  #mode: RenderMode = 'detailed';
  #graph: MapGraph | undefined;
  #nodes = new Map<string, MapNode>();
  #groups = new Map<string, GroupStyle>();
  /** Node ids, most connected first: the order labels are placed in. */
  #byDegree: readonly string[] = [];
  #visibility: Visibility = { hiddenClusters: new Set(), hiddenEdgeKinds: new Set(), mode: 'graph', depth: 0, centre: undefined, pathEnds: [] };
  #shown: Shown = { nodes: 0 };
  #matches: readonly string[] = [];
  #active: string | undefined;
  /** True while keyboard navigation is on the map: its active node stays lit. */
  #activeLit = false;
  /** The node hovered (or keyboard-active) whose neighbourhood is lit while the rest fades. */
  #lit: string | undefined;
  #labelled = new Map<string, LabelSide>();
  #labelTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every graph, so the steps of an older one stop when a newer one arrives. */
  #generation = 0;
  /**
   * A large map's links: drawn by the link layer under cytoscape's canvas, never added to cytoscape (which
   * draws every link in every frame). Indexed like `#graph.edges`; nodes by their index in `#graph.nodes`.
   */
  readonly #links: LinkLayer;
  #nodeIndex = new Map<string, number>();
  /** A large map's links by node index, for the lit neighbourhood. */
  #incident: number[][] = [];
  /** Which of a large map's links are shown (filters, mode, both ends shown): one byte a link. */
  #linkShown = new Uint8Array(0);
  /** The large map's links the lit node has, drawn in the focus colour. */
  #litLinks: ReadonlySet<number> = new Set();
  /** True while a large map's first layout settles: its links are drawn once it has (as its names are). */
  #linksHeld = false;
  #positionsFrame = 0;
  /** While a first layout settles, until the user pans or zooms, the view keeps the whole map in it. */
  #autoFit = true;
  /** Nodes a layout is moving; an update that comes before it ends lays them out on from where they are. */
  #unsettled: ReadonlySet<string> = new Set();
  /** The node last brought to the middle (a search match, the keyboard's), until the user pans, zooms or fits. */
  #centred: { id: string } | undefined;
  /**
   * True while a large map's first layout settles: its nodes are named once they stop moving (each label is
   * measured again whenever the zoom changes, and the view follows the layout with a new zoom each step).
   */
  #labelsHeld = false;
  /** A large map's first picture, until cytoscape has drawn its nodes. */
  readonly #preview: NodePreview;
  /** True while a large new map's nodes are given to cytoscape a chunk a task: a graph coming meanwhile starts afresh. */
  #adding = false;
  /** Meanwhile, where each of its nodes will be, for those cytoscape does not hold yet (`positions()`). */
  #pending = new Map<string, Point>();
  /**
   * At the first picture of the map last drawn afresh (not of a live update since): nodes on the page's own picture,
   * and nodes cytoscape held (`RenderState.firstPicture`).
   */
  #firstPicture: { preview: number; renderer: number } | undefined;

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
      // While panning and zooming, links are hidden and the rest is moved as one picture of the last frame
      // (redrawn sharp when the gesture stops): a frame of thousands of nodes drawn one by one on a software
      // canvas takes far longer than 1/15 s.
      hideEdgesOnViewport: true,
      textureOnViewport: true,
      motionBlur: false,
    });
    viewportTextureAtCanvasSize(this.#cy);
    nodeBitmapsAcrossLevels(this.#cy);
    this.#links = new LinkLayer(container);
    // Under the link layer, which is under cytoscape's canvases.
    this.#preview = new NodePreview(container);
    this.#links.setStyles(linkStyles(theme), litLinkStyles(theme));
    this.#cy.on('tap', 'node', (event) => {
      const id = (event.target as cytoscape.NodeSingular).id();
      if (this.#nodes.has(id)) this.events.open(id);
    });
    this.#cy.on('mouseover', 'node', (event) => {
      const target = event.target as cytoscape.NodeSingular;
      const node = this.#nodes.get(target.id());
      if (!node) return;
      this.events.hover(node, target.renderedPosition());
      this.highlight(node.id);
    });
    this.#cy.on('mouseout', 'node', () => {
      this.events.hover(undefined);
      this.highlight(this.#activeLit ? this.#active : undefined);
    });
    this.#cy.on('dragpan scrollzoom pinchzoom', () => {
      this.#autoFit = false;
      this.#centred = undefined;
    });
    this.#cy.on('viewport resize', () => {
      this.#links.setView(this.#linkView());
      this.#preview.follow(this.#linkView());
    });
    // A large map's links follow its nodes: positions are read once a frame, however many nodes moved.
    this.#cy.on('position', 'node', () => {
      if (!this.#links.enabled || this.#positionsFrame !== 0) return;
      this.#positionsFrame = requestAnimationFrame(() => {
        this.#positionsFrame = 0;
        this.#syncLinkPositions();
      });
    });
    this.#cy.on('viewport', () => {
      this.events.hover(undefined);
      this.events.changed();
      this.#scheduleLabels();
    });
    this.#cy.on('dragfree', 'node', () => {
      this.events.changed();
      this.#scheduleLabels();
    });
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
    const fresh = this.#graph === undefined || mode !== this.#mode || this.#adding;
    // Switching between detailed and fast redraws everything, but nodes keep their places.
    const kept = fresh ? this.positions() : {};
    if (fresh) {
      this.#adding = false;
      this.#pending.clear();
      this.#preview.clear();
      this.#cy.elements().remove();
      this.#graph = undefined;
      this.#labelled.clear();
      this.#lit = undefined;
      this.#litLinks = new Set();
      this.#links.setEnabled(false);
      if (mode !== this.#mode) {
        this.#mode = mode;
        this.#cy.style(mapStyles(this.#theme, mode));
      }
    }
    const diff = diffGraphs(this.#graph, graph);
    const before = this.#nodes;
    this.#graph = graph;
    this.#nodes = new Map(graph.nodes.map((node) => [node.id, node]));
    this.#groups = this.#groupStyles(graph);
    this.#byDegree = [...graph.nodes].sort((a, b) => b.degree - a.degree || BY_NAME.compare(a.label, b.label)).map((node) => node.id);

    // A map, not an object: a concept named `Constructor` has the id `constructor`, which every object has.
    const known = new Map<string, SavedPosition>([...Object.entries(saved), ...Object.entries(kept)]);
    let unplaced = diff.addedNodes.filter((node) => !known.has(node.id));
    // Nodes an earlier graph's layout was still moving when this one came: they go on from where they are.
    const unfinished = [...this.#unsettled].filter((id) => this.#nodes.has(id));
    // An update that brings many new nodes at once (the rest of a first index) gets a new layout of the whole
    // map: fitting a crowd in around the old picture would leave it cramped and its groups overlapping.
    const relayout = !fresh && unplaced.length > RELAYOUT_SHARE * graph.nodes.length;
    if (relayout) {
      unplaced = [...graph.nodes];
      known.clear();
      this.#autoFit = true;
    }
    // Set before the first picture: an update that comes while this one is still drawing (before its layout
    // starts) lays these out too.
    const movable = new Set([...unplaced.map((node) => node.id), ...(relayout ? [] : unfinished)]);
    this.#unsettled = movable;
    const placed = new Map<string, PlacedNode>();
    for (const node of relayout ? [] : graph.nodes) {
      const at = this.#cy.getElementById(node.id);
      const remembered = known.get(node.id);
      const position = at.nonempty() ? at.position() : remembered ? { x: remembered[0], y: remembered[1] } : undefined;
      if (position) placed.set(node.id, { x: position.x, y: position.y, cluster: node.cluster });
    }
    const spacing = mode === 'detailed' ? 70 : 24;
    const aspect = this.container.clientHeight > 0 ? this.container.clientWidth / this.container.clientHeight : undefined;
    const seeds = placed.size === 0 ? clusterDiscs(unplaced, spacing, aspect) : placeNear(unplaced, placed, graph.edges, spacing);
    // A large map's links are drawn once its first layout has settled; an update that comes before then
    // keeps them held.
    if (mode === 'fast' && fresh) this.#linksHeld = true;
    this.#labelsHeld = mode === 'fast' && (fresh || relayout) && movable.size > 0;
    const placeOf = (node: MapNode): Point => {
      const at = known.get(node.id);
      return at ? { x: at[0], y: at[1] } : (seeds.get(node.id) ?? { x: 0, y: 0 });
    };
    const nodeElement = (node: MapNode): cytoscape.ElementDefinition => ({
      group: 'nodes',
      data: { ...this.#nodeData(node), ...(mode === 'detailed' ? { parent: GROUP_PREFIX + node.cluster } : {}) },
      position: placeOf(node),
    });
    // A large new map is drawn by the page first (`NodePreview`), then given to cytoscape a chunk a task.
    const progressive = mode === 'fast' && fresh && diff.addedNodes.length > FIRST_ADD_CHUNK;

    this.#cy.batch(() => {
      for (const id of [...diff.removedEdgeIds, ...diff.removedNodeIds]) this.#cy.getElementById(id).remove();
      for (const node of diff.changedNodes) this.#cy.getElementById(node.id).data(this.#nodeData(node));
      if (relayout) this.#cy.nodes().forEach((node) => void (seeds.has(node.id()) && node.position(seeds.get(node.id()) ?? { x: 0, y: 0 })));
      this.#restyleNodes();
      this.#syncGroups();
      if (!progressive) this.#cy.add(diff.addedNodes.map(nodeElement));
      if (mode === 'detailed') {
        for (const node of diff.changedNodes) {
          const element = this.#cy.getElementById(node.id);
          if (element.data('parent') !== GROUP_PREFIX + node.cluster) element.move({ parent: GROUP_PREFIX + node.cluster });
        }
      }
      this.#removeEmptyGroups();
      if (mode === 'detailed') this.#cy.add(diff.addedEdges.map((edge) => this.#edgeElement(edge)));
    });
    // Before a large map's nodes are added a chunk a task: a node hovered meanwhile lights this graph's neighbours.
    this.#indexLinks(graph, mode);
    let firstPictureMs: number | undefined;
    let early: ForceRun | undefined;
    if (progressive) {
      // A very large map's layout (whose progress is not drawn) runs in its worker while cytoscape takes the
      // nodes in: it needs only their places.
      const startLayout = (): void => {
        if (movable.size === 0 || graph.nodes.length <= LIVE_LAYOUT_MAX_NODES) return;
        early = this.#startForce(generation, graph.nodes.map((node) => ({ id: node.id, ...placeOf(node), radius: nodeSize(node, mode) / 2 + BORDER_ALLOWANCE, cluster: node.cluster })), movable);
      };
      const previewed = await this.#previewFirst(graph, nodeElement, placeOf, viewport, receivedAt, generation, startLayout);
      if (previewed === undefined) return undefined;
      firstPictureMs = previewed ?? undefined;
    }
    this.#placeTitles();
    this.#applyVisibility();
    this.#applyMatches(false);
    if (fresh && firstPictureMs === undefined) {
      this.#autoFit = viewport === undefined;
      if (viewport) this.#cy.viewport({ zoom: viewport.zoom, pan: viewport.pan });
      else this.fit(false);
      // After a first picture of ours the view is fitted again only if the user has not moved it since.
    } else if (relayout || (fresh && this.#autoFit)) this.fit(false);
    // A large map's first picture is its nodes; naming them waits for its layout (`#labelsHeld`).
    this.#placeLabels();
    await this.#drawn();
    if (generation !== this.#generation) return undefined;
    this.#preview.clear();
    if (firstPictureMs === undefined) {
      firstPictureMs = performance.now() - receivedAt;
      if (fresh) this.#firstPicture = { preview: 0, renderer: this.#nodesHeld() };
      this.events.firstPicture();
    }

    // Nodes whose size changed with their links (an update) keep their places but may now touch a neighbour.
    const resized = diff.changedNodes.filter((node) => nodeSize(node, mode) !== nodeSize(before.get(node.id) ?? node, mode)).map((node) => node.id);
    const moved = movable.size > 0 || resized.length > 0;
    if (moved) {
      if (movable.size > 0 && mode === 'detailed') {
        runFcose(this.#cy, movable, placed.size === 0);
        if (placed.size === 0) this.#stretchToPanel();
      } else if (movable.size > 0 && !(await this.#runForce(generation, movable, early))) return undefined;
      // A last parting of the new and resized nodes: fCoSE leaves some overlaps, and the force layout's own
      // parting can stop with a few left in a dense map.
      this.#separate(new Set([...movable, ...resized]));
      this.#placeTitles();
    }
    // Settled now: an update from here on keeps these places.
    this.#unsettled = new Set();
    // A large map's last steps each take a task of their own (together about 0.2 s at 4,900 nodes).
    const nextStep = async (): Promise<boolean> => mode !== 'fast' || (await afterNextFrame(), generation === this.#generation);
    if (!(await nextStep())) return undefined;
    // Still true only while a first layout (or a whole new one) settles, also when an update took it over.
    if (this.#autoFit) this.fit(false);
    else if (this.#centred && moved) {
      // The layout moved nodes after a match was centred (or while it was): keep that node in the middle.
      const element = this.#cy.getElementById(this.#centred.id);
      if (element.nonempty() && element.visible()) this.#centre(element);
    }
    // Only a first layout follows the map with the view; after it, updates keep the zoom and pan.
    this.#autoFit = false;
    if (!(await nextStep())) return undefined;
    // Released only now: the fit's viewport event would otherwise name the nodes once more, in the frame between.
    this.#labelsHeld = false;
    this.#placeLabels();
    if (mode === 'fast') {
      if (!(await nextStep())) return undefined;
      this.#linksHeld = false;
      this.#showLinks();
    }
    this.events.changed();
    await Promise.all([this.#drawn(), this.#links.drawn()]);
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
    if (this.#graph) this.#groups = this.#groupStyles(this.#graph);
    this.#cy.batch(() => this.#restyleNodes());
    this.#cy.style(mapStyles(theme, this.#mode));
    this.#links.setStyles(linkStyles(theme), litLinkStyles(theme));
    this.#placeLabels();
  }

  /** The colour a group is drawn in, for the legend. */
  colourOf(cluster: string): string {
    return this.#groups.get(cluster)?.colour ?? this.#theme.neutral;
  }

  /** The groups biggest first, with their colours and outlines, for the legend. */
  groups(): readonly GroupStyle[] {
    return [...this.#groups.values()];
  }

  setVisibility(visibility: Visibility): Shown {
    const before = this.#visibility;
    const changedScope =
      visibility.mode !== before.mode ||
      visibility.depth !== before.depth ||
      visibility.centre !== before.centre ||
      visibility.pathEnds.join('\u0000') !== before.pathEnds.join('\u0000');
    this.#visibility = visibility;
    this.#applyVisibility();
    if (changedScope) this.fit(true);
    return this.#shown;
  }

  /** Highlights search matches (best first) and centres the best one that is shown. */
  setMatches(ids: readonly string[]): void {
    this.#matches = ids.filter((id) => this.#nodes.has(id));
    this.#applyMatches(true);
  }

  /** Marks the node keyboard navigation is on, lights up its neighbourhood and brings it into view. */
  setActive(id: string | undefined): void {
    if (this.#active) setClasses(this.#cy.getElementById(this.#active), 'active', false);
    this.#active = id && this.#nodes.has(id) ? id : undefined;
    this.#activeLit = this.#active !== undefined;
    this.highlight(this.#active);
    if (!this.#active) return;
    const element = this.#cy.getElementById(this.#active);
    setClasses(element, 'active', true);
    this.#centre(element);
  }

  /** Keyboard navigation left the map: its active node stays outlined but no longer lit. */
  releaseActive(): void {
    this.#activeLit = false;
    this.highlight(undefined);
  }

  /** Lights up a node with its neighbours and links, fading the rest; undefined lights nothing. */
  highlight(id: string | undefined): void {
    const next = id !== undefined && this.#nodes.has(id) ? id : undefined;
    if (next === this.#lit) return;
    this.#lit = next;
    this.#lightUp();
    this.#placeLabels();
  }

  /**
   * Sets the lit node's classes (and a large map's lit links) for `#lit`: again whenever the links shown
   * change, as a large map's lit links are among those shown.
   */
  #lightUp(): void {
    const next = this.#lit;
    const node = next === undefined ? this.#cy.collection() : this.#cy.getElementById(next);
    let hood = node.closedNeighborhood();
    if (this.#mode === 'fast') {
      // A large map fades only its nodes: its links are faint already, the lit ones are drawn over them in
      // the focus colour by the link layer, and cytoscape holds none of them.
      const lit = next === undefined ? { nodes: new Set<string>(), links: new Set<number>() } : this.#hoodOf(next);
      hood = this.#cy.nodes().filter((element) => lit.nodes.has(element.id()));
      this.#litLinks = lit.links;
      this.#links.setLit([...lit.links]);
    }
    const near = hood.not(node);
    const fading = this.#mode === 'fast' ? this.#cy.nodes() : this.#cy.elements();
    this.#cy.batch(() => {
      setClasses(this.#cy.elements('.near').not(near), 'near', false);
      setClasses(this.#cy.elements('.lit').not(node), 'lit', false);
      setClasses(this.#cy.elements('.faded').intersection(hood), 'faded', false);
      if (next === undefined) {
        setClasses(this.#cy.elements('.faded'), 'faded', false);
        return;
      }
      setClasses(near, 'near', true);
      setClasses(node, 'lit', true);
      setClasses(fading.not(hood).not('.group, .title'), 'faded', true);
    });
  }

  zoomBy(factor: number): void {
    const level = this.#cy.zoom() * factor;
    this.#autoFit = false;
    this.#centred = undefined;
    this.#cy.zoom({ level, renderedPosition: { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 } });
  }

  /**
   * Fits the nodes shown (their discs and group boxes, not their labels) into the panel. Labels are left
   * out: they keep their size on screen, so counting them would shrink the map by a label's width on each
   * side, and the names at the edges find a side that stays in view or wait for a zoom.
   */
  fit(animate: boolean): void {
    this.#centred = undefined;
    const box = this.#mode === 'detailed' ? this.#drawnBox() : this.#nodeBox();
    if (!box) return;
    const viewport = fitViewport(
      box,
      { width: this.container.clientWidth, height: this.container.clientHeight },
      FIT_PADDING,
      { min: this.#cy.minZoom(), max: FIT_MAX_ZOOM },
    );
    if (!viewport) return;
    if (animate && this.#mode === 'detailed') this.#cy.animate({ ...viewport, duration: 250 });
    else this.#cy.viewport(viewport);
  }

  /** The box of the shown nodes and group boxes, in model units, as cytoscape computes it (a detailed map). */
  #drawnBox(): Box | undefined {
    const shown = this.#cy.nodes().filter((node) => !node.hasClass('hidden') && !node.hasClass('title'));
    return shown.empty() ? undefined : shown.boundingBox({ includeLabels: false, includeOverlays: false } as cytoscape.BoundingBoxOptions);
  }

  /**
   * The box of the shown nodes' discs from their positions and sizes: a large map has no group boxes, and
   * this is a loop over numbers where cytoscape's bounding box (with its style checks) took seconds.
   */
  #nodeBox(): Box | undefined {
    let box: Box | undefined;
    this.#cy.nodes().forEach((node) => {
      if (!this.#nodes.has(node.id()) || node.hasClass('hidden')) return;
      const { x, y } = node.position();
      box = withDisc(box, x, y, Number(node.data('size')) / 2 + BORDER_ALLOWANCE);
    });
    return box;
  }

  /** Every node's position, rounded, for the saved state. */
  positions(): Record<string, SavedPosition> {
    const positions = Object.create(null) as Record<string, SavedPosition>;
    for (const [id, { x, y }] of this.#pending) positions[id] = [Math.round(x), Math.round(y)];
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

  /** The current view as a PNG data URL, on the theme's background; a large map's links drawn under its nodes. */
  async png(): Promise<string> {
    const scale = 2;
    const options = { output: 'base64uri', full: false, scale, maxWidth: 6000, maxHeight: 6000 } as const;
    if (!this.#links.enabled) return this.#cy.png({ ...options, bg: this.#theme.background });
    const nodes = new Image();
    nodes.src = this.#cy.png(options);
    await nodes.decode();
    const canvas = document.createElement('canvas');
    canvas.width = nodes.naturalWidth;
    canvas.height = nodes.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) return nodes.src;
    context.fillStyle = this.#theme.background;
    context.fillRect(0, 0, canvas.width, canvas.height);
    this.#links.drawOn(context, { ...this.#linkView(), ratio: canvas.width / Math.max(1, this.container.clientWidth) });
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.drawImage(nodes, 0, 0);
    return canvas.toDataURL('image/png');
  }

  /** The current view as SVG text: what is shown and on screen, labels escaped. */
  svg(): string {
    return sceneToSvg(sceneOf(this.#cy, this.#theme, { width: this.container.clientWidth, height: this.container.clientHeight }, this.#links.enabled ? this.#shownLinks() : undefined));
  }

  /** A large map's links on screen, in screen pixels, for the SVG export (cytoscape holds none of them). */
  #shownLinks(): { x1: number; y1: number; x2: number; y2: number; kind: EdgeKind }[] {
    const zoom = this.#cy.zoom();
    const pan = this.#cy.pan();
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const at = (id: string): Point => {
      const position = this.#cy.getElementById(id).position();
      return { x: position.x * zoom + pan.x, y: position.y * zoom + pan.y };
    };
    return (this.#graph?.edges ?? []).flatMap((edge, i) => {
      if (this.#linkShown[i] !== 1) return [];
      const a = at(edge.source);
      const b = at(edge.target);
      const outside = (a.x < 0 && b.x < 0) || (a.y < 0 && b.y < 0) || (a.x > width && b.x > width) || (a.y > height && b.y > height);
      return outside ? [] : [{ x1: a.x, y1: a.y, x2: b.x, y2: b.y, kind: edge.kind }];
    });
  }

  /** What the renderer shows, in screen pixels of the map's box: for the end-to-end tests. */
  renderState(): RenderState {
    const body = { includeNodes: true, includeLabels: false, includeOverlays: false, includeUnderlays: false } as cytoscape.BoundingBoxOptions;
    const labelOnly = { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false } as cytoscape.BoundingBoxOptions;
    const box = (b: cytoscape.BoundingBox12): Box => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
    const leaves = this.#cy.nodes(':visible').filter((node) => this.#nodes.has(node.id()));
    const drawn = this.#cy.nodes(':visible').not('.title');
    const rect = this.container.getBoundingClientRect();
    return {
      renderMode: this.#mode,
      mode: this.#visibility.mode,
      page: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      surface: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
      zoom: this.#cy.zoom(),
      viewportTextureScale: viewportTextureScale(this.#cy),
      nodesDrawnAcrossLevels: nodesDrawnAcrossLevels(this.#cy),
      graphBox: drawn.empty() ? undefined : box(drawn.renderedBoundingBox(body)),
      nodes: leaves.map((node) => ({
        id: node.id(),
        label: String(node.data('label')),
        kind: String(node.data('kind')),
        cluster: String(node.data('cluster')),
        degree: Number(node.data('degree')),
        colour: String(node.data('color')),
        outline: String(node.data('outline')),
        shape: String(node.style('shape')),
        box: box(node.renderedBoundingBox(body)),
        faded: node.hasClass('faded'),
        lit: node.hasClass('lit') || node.hasClass('near'),
      })),
      labels: leaves.filter('.labelled').map((node) => ({ id: node.id(), text: String(node.data('short')), box: box(node.renderedBoundingBox(labelOnly)) })),
      titles: this.#cy.nodes('.titled:visible').map((title) => ({ cluster: String(title.data('cluster')), text: String(title.data('label')), box: box(title.renderedBoundingBox(labelOnly)) })),
      groups: this.groups().map((group) => ({ ...group })),
      edges: this.#links.enabled
        ? (this.#graph?.edges ?? []).flatMap((edge, i) => (this.#linkShown[i] === 1 ? [{ source: edge.source, target: edge.target, kind: edge.kind, lit: this.#litLinks.has(i), faded: false }] : []))
        : this.#cy.edges(':visible').map((edge) => ({ source: edge.source().id(), target: edge.target().id(), kind: String(edge.data('kind')), lit: edge.hasClass('near'), faded: edge.hasClass('faded') })),
      linkLayer: this.#links.enabled ? this.#links.state() : undefined,
      pathLength: this.#shown.pathLength,
      preview: this.#preview.drawn,
      firstPicture: this.#firstPicture,
    };
  }

  dispose(): void {
    clearTimeout(this.#labelTimer);
    this.#generation++;
    this.#layout.dispose();
    cancelAnimationFrame(this.#positionsFrame);
    this.#links.dispose();
    this.#cy.destroy();
  }

  #nodeData(node: MapNode): Record<string, unknown> {
    const group = this.#groups.get(node.cluster);
    return {
      id: node.id,
      label: node.label,
      short: shortLabel(node.label),
      kind: node.kind,
      cluster: node.cluster,
      degree: node.degree,
      size: nodeSize(node, this.#mode),
      color: group?.colour ?? this.#theme.neutral,
      outline: group?.outline ?? 'solid',
    };
  }

  #edgeElement(edge: MapEdge): cytoscape.ElementDefinition {
    const hidden = this.#visibility.hiddenEdgeKinds.has(edge.kind);
    return { group: 'edges', data: { id: edgeId(edge), source: edge.source, target: edge.target, kind: edge.kind }, classes: hidden ? 'hidden' : '' };
  }

  #groupStyles(graph: MapGraph): Map<string, GroupStyle> {
    return new Map(groupStyles(graph.nodes, { dark: this.#theme.dark, neutral: this.#theme.neutral }).map((group) => [group.key, group]));
  }

  /** Gives nodes and group boxes their group's current colour and outline. */
  #restyleNodes(): void {
    this.#cy.nodes().forEach((node) => {
      const group = this.#groups.get(String(node.data('cluster')));
      const colour = group?.colour ?? this.#theme.neutral;
      const outline = group?.outline ?? 'solid';
      if (node.data('color') !== colour) node.data('color', colour);
      if (node.data('outline') !== outline) node.data('outline', outline);
    });
  }

  /**
   * One title per group: in a detailed map a compound node (a labelled box that fCoSE keeps the group's
   * nodes inside), in a fast one a label-only node above the group's nodes.
   */
  #syncGroups(): void {
    const prefix = this.#mode === 'detailed' ? GROUP_PREFIX : TITLE_PREFIX;
    for (const group of this.#groups.values()) {
      const id = prefix + group.key;
      const existing = this.#cy.getElementById(id);
      if (existing.nonempty()) {
        existing.data('label', group.label);
        continue;
      }
      this.#cy.add({
        group: 'nodes',
        data: { id, label: group.label, cluster: group.key, kind: 'group', color: group.colour, outline: group.outline },
        classes: this.#mode === 'detailed' ? 'group' : 'title',
      });
    }
  }

  #removeEmptyGroups(): void {
    this.#cy.remove(this.#cy.nodes('.group').filter((group) => group.children().empty()));
    this.#cy.remove(this.#cy.nodes('.title').filter((title) => !this.#groups.has(String(title.data('cluster')))));
  }

  /** A fast map's titles go above the middle of their group's shown nodes. */
  #placeTitles(): void {
    if (this.#mode !== 'fast') return;
    const sums = new Map<string, { x: number; top: number; n: number }>();
    this.#cy.nodes().forEach((node) => {
      if (!this.#nodes.has(node.id()) || node.hasClass('hidden')) return;
      const key = String(node.data('cluster'));
      const { x, y } = node.position();
      const sum = sums.get(key);
      if (sum) {
        sum.x += x;
        sum.top = Math.min(sum.top, y);
        sum.n++;
      } else sums.set(key, { x, top: y, n: 1 });
    });
    this.#cy.batch(() => {
      this.#cy.nodes('.title').forEach((title) => {
        const sum = sums.get(String(title.data('cluster')));
        if (sum) title.position({ x: sum.x / sum.n, y: sum.top - 20 });
      });
    });
  }

  /**
   * Stretches a first detailed layout (by up to twice) along the panel's longer side when its shape is
   * squatter than the panel's, so that the fitted map fills the panel and its nodes have room for names.
   * Stretching only moves nodes apart.
   */
  #stretchToPanel(): void {
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const leaves = this.#cy.nodes().filter((node) => this.#nodes.has(node.id()));
    if (width === 0 || height === 0 || leaves.length < 2) return;
    const box = leaves.boundingBox({ includeLabels: false } as cytoscape.BoundingBoxOptions);
    if (box.w <= 0 || box.h <= 0) return;
    const ratio = width / height / (box.w / box.h);
    const sx = ratio > 1 ? Math.min(2, ratio) : 1;
    const sy = ratio < 1 ? Math.min(2, 1 / ratio) : 1;
    if (sx === 1 && sy === 1) return;
    const cx = (box.x1 + box.x2) / 2;
    const cy = (box.y1 + box.y2) / 2;
    this.#cy.batch(() => leaves.nodes().forEach((node) => void node.position({ x: cx + (node.position().x - cx) * sx, y: cy + (node.position().y - cy) * sy })));
  }

  /** After a layout or an update, parts any nodes left overlapping; only `movable` ones move. */
  #separate(movable: ReadonlySet<string>): void {
    const nodes = this.#cy.nodes().filter((node) => this.#nodes.has(node.id()));
    const x = Float64Array.from(nodes.nodes().map((node) => node.position().x));
    const y = Float64Array.from(nodes.nodes().map((node) => node.position().y));
    const radius = Float64Array.from(nodes.map((node) => Number(node.data('size')) / 2 + BORDER_ALLOWANCE));
    const fixed = Uint8Array.from(nodes.map((node) => (movable.has(node.id()) ? 0 : 1)));
    const before = { x: x.slice(), y: y.slice() };
    separate(x, y, radius, fixed, this.#mode === 'detailed' ? NODE_GAP : FORCE_NODE_GAP);
    // Only the nodes it moved: setting a position marks the node's bounds and links dirty, even when unchanged.
    this.#cy.batch(() =>
      nodes.nodes().forEach((node, i) => {
        if (x[i] !== before.x[i] || y[i] !== before.y[i]) node.position({ x: x[i] ?? 0, y: y[i] ?? 0 });
      }),
    );
  }

  /**
   * Lays `movable` out by the force layout in its worker, and moves the nodes there; resolves false when a newer
   * graph came first. `early`: the run begun at a large new map's first picture (`#startForce`), from the nodes in
   * graph order, which cytoscape holds by now.
   */
  async #runForce(generation: number, movable: ReadonlySet<string>, early?: ForceRun): Promise<boolean> {
    const graph = this.#graph;
    if (!graph) return false;
    const inOrder = early ? this.#inGraphOrder(graph) : undefined;
    // The early run's positions are by graph index: used only if cytoscape holds every node of the graph.
    const begun = inOrder?.length === graph.nodes.length ? early : undefined;
    const nodes = begun && inOrder ? inOrder : this.#cy.nodes().filter((node) => this.#nodes.has(node.id())).nodes();
    // Moving thousands of nodes costs the renderer seconds a time (each move marks its bounds and links dirty): a
    // very large map keeps its seed picture until the layout has settled.
    const live = (progress: LayoutProgress, fixed: Uint8Array): void => {
      this.#cy.batch(() => this.#move(nodes, fixed, progress, 0, nodes.length));
      this.#placeTitles();
      if (this.#autoFit) this.fit(false);
      this.#scheduleLabels();
    };
    const run =
      begun ??
      this.#startForce(
        generation,
        nodes.map((node) => ({ id: node.id(), ...node.position(), radius: Number(node.data('size')) / 2 + BORDER_ALLOWANCE, cluster: String(node.data('cluster')) })),
        movable,
        nodes.length > LIVE_LAYOUT_MAX_NODES ? undefined : live,
      );
    const settled = await run.settled;
    if (settled === undefined) return false;
    // Without a worker (a stricter host policy) the map keeps its seed layout, which is already grouped.
    if (settled === null) return true;
    return this.#moveInChunks(generation, nodes, run.fixed, settled);
  }

  /**
   * Starts the force layout of the nodes at `places` (their map order), `movable` free and the rest fixed. Its
   * `settled` positions come once the run ends; `live` gets the run's progress before that.
   */
  #startForce(
    generation: number,
    places: readonly { id: string; x: number; y: number; radius: number; cluster: string }[],
    movable: ReadonlySet<string>,
    live?: (progress: LayoutProgress, fixed: Uint8Array) => void,
  ): ForceRun {
    const input = forceInputOf(places, this.#graph?.edges ?? [], movable);
    const fixed = input.fixed.slice();
    const settled = new Promise<LayoutProgress | null | undefined>((resolve) => {
      const started = this.#layout.start(input, (progress) => {
        if (generation !== this.#generation) resolve(undefined);
        else if (progress.settled) resolve(progress);
        else live?.(progress, fixed);
      });
      if (!started) resolve(null);
    });
    return { settled, fixed };
  }

  /** Moves the nodes not `fixed` from `start` to `end` (indices into `nodes`) to the layout's positions. */
  #move(nodes: cytoscape.NodeCollection, fixed: Uint8Array, at: { x: Float32Array; y: Float32Array }, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      if (fixed[i]) continue;
      nodes[i]?.position({ x: at.x[i] ?? 0, y: at.y[i] ?? 0 });
    }
  }

  /** Applies a settled layout `POSITION_CHUNK` nodes a frame; resolves false when a newer graph came first. */
  async #moveInChunks(generation: number, nodes: cytoscape.NodeCollection, fixed: Uint8Array, at: { x: Float32Array; y: Float32Array }): Promise<boolean> {
    for (let start = 0; start < nodes.length; start += POSITION_CHUNK) {
      if (generation !== this.#generation) return false;
      this.#cy.batch(() => this.#move(nodes, fixed, at, start, Math.min(nodes.length, start + POSITION_CHUNK)));
      await afterNextFrame();
    }
    if (generation !== this.#generation) return false;
    this.#placeTitles();
    if (this.#autoFit) this.fit(false);
    return true;
  }

  /** A large map's links for the link layer (node index pairs and kinds) and by node; a detailed map's are cytoscape's. */
  #indexLinks(graph: MapGraph, mode: RenderMode): void {
    this.#nodeIndex = new Map(graph.nodes.map((node, i) => [node.id, i]));
    if (mode !== 'fast') {
      this.#incident = [];
      this.#linkShown = new Uint8Array(0);
      this.#links.setLinks({ ends: new Uint32Array(0), kinds: new Uint8Array(0) });
      return;
    }
    const ends = new Uint32Array(2 * graph.edges.length);
    const kinds = new Uint8Array(graph.edges.length);
    const incident: number[][] = graph.nodes.map(() => []);
    graph.edges.forEach((edge, i) => {
      // The protocol checks that every link joins two known nodes.
      const source = this.#nodeIndex.get(edge.source) ?? 0;
      const target = this.#nodeIndex.get(edge.target) ?? 0;
      ends[2 * i] = source;
      ends[2 * i + 1] = target;
      kinds[i] = kindIndex(edge.kind);
      incident[source]?.push(i);
      incident[target]?.push(i);
    });
    this.#incident = incident;
    this.#linkShown = new Uint8Array(graph.edges.length).fill(1);
    this.#litLinks = new Set();
    this.#links.setLinks({ ends, kinds });
    this.#syncLinkPositions();
  }

  /** Turns a large map's link layer on once its layout has settled (`#linksHeld`), with the positions and view as they are. */
  #showLinks(): void {
    const on = this.#mode === 'fast' && !this.#linksHeld;
    this.#links.setEnabled(on);
    if (!on) return;
    this.#links.setView(this.#linkView());
    this.#syncLinkPositions();
  }

  /** Hands the link layer every node's position, by node index. */
  #syncLinkPositions(): void {
    const graph = this.#graph;
    if (!graph || this.#mode !== 'fast') return;
    const x = new Float32Array(graph.nodes.length);
    const y = new Float32Array(graph.nodes.length);
    graph.nodes.forEach((node, i) => {
      const element = this.#cy.getElementById(node.id);
      if (element.empty()) return;
      const at = element.position();
      x[i] = at.x;
      y[i] = at.y;
    });
    this.#links.setPositions({ x, y });
  }

  #linkView(): LinkView {
    const pan = this.#cy.pan();
    return { zoom: this.#cy.zoom(), panX: pan.x, panY: pan.y, width: this.container.clientWidth, height: this.container.clientHeight, ratio: window.devicePixelRatio || 1 };
  }

  /**
   * The lit node's neighbourhood: the node, its neighbours and the links between it and them. A large map's
   * come from its shown links (cytoscape holds none of them); a detailed map's from cytoscape.
   */
  #hoodOf(id: string): { nodes: Set<string>; links: Set<number> } {
    if (this.#mode === 'detailed') {
      return { nodes: new Set(this.#cy.getElementById(id).closedNeighborhood().nodes().map((node) => node.id())), links: new Set() };
    }
    const nodes = new Set([id]);
    const links = new Set<number>();
    const graph = this.#graph;
    const index = this.#nodeIndex.get(id);
    for (const link of index === undefined ? [] : (this.#incident[index] ?? [])) {
      const edge = graph?.edges[link];
      if (!edge || this.#linkShown[link] !== 1) continue;
      links.add(link);
      nodes.add(edge.source === id ? edge.target : edge.source);
    }
    return { nodes, links };
  }

  /** The nodes the current mode leaves on the map (undefined: all), and for a path the links on it. */
  #scope(edges: readonly MapEdge[]): Scope {
    const graph = this.#graph;
    const { mode, depth, centre, pathEnds } = this.#visibility;
    if (!graph) return {};
    if (mode === 'orphans') return { nodes: orphans(graph.nodes, graph.edges) };
    if (mode === 'path') {
      const [from, to] = pathEnds;
      if (from === undefined || to === undefined || !this.#nodes.has(from) || !this.#nodes.has(to)) return {};
      const paths = shortestPaths(from, to, edges);
      return { nodes: paths.nodes, edges: new Set(paths.edges.map(edgeId)), pathLength: paths.length ?? null };
    }
    if (depth > 0 && centre !== undefined && this.#nodes.has(centre)) return { nodes: neighbourhood(centre, depth, edges) };
    return {};
  }

  /** The scope of the current mode, over the links the filters leave. */
  #currentScope(): Scope {
    const hidden = this.#visibility.hiddenEdgeKinds;
    return this.#scope((this.#graph?.edges ?? []).filter((edge) => !hidden.has(edge.kind)));
  }

  /** Whether the filters and the mode leave a node on the map. */
  #isShown(node: MapNode, scope: Scope): boolean {
    return !this.#visibility.hiddenClusters.has(node.cluster) && (scope.nodes === undefined || scope.nodes.has(node.id));
  }

  /** Hides what the filters and the mode (local, path, orphans) leave out, and reports what is shown. */
  #applyVisibility(): void {
    const graph = this.#graph;
    if (!graph) return;
    const { hiddenEdgeKinds, mode, centre, pathEnds } = this.#visibility;
    const scope = this.#currentScope();
    const ends = new Set(mode === 'path' ? pathEnds : []);
    const shown: MapNode[] = [];
    this.#cy.batch(() => {
      for (const node of graph.nodes) {
        const visible = this.#isShown(node, scope);
        if (visible) shown.push(node);
        const element = this.#cy.getElementById(node.id);
        setClasses(element, 'hidden', !visible);
        setClasses(element, 'focus', mode === 'graph' && scope.nodes !== undefined && node.id === centre);
        setClasses(element, 'end', ends.has(node.id));
      }
      this.#cy.edges().forEach((edge) => {
        const hidden = hiddenEdgeKinds.has(edge.data('kind') as EdgeKind) || (scope.edges !== undefined && !scope.edges.has(edge.id()));
        setClasses(edge, 'hidden', hidden);
      });
      if (this.#mode === 'fast') {
        // A large map's links, as cytoscape would show them: not filtered out, on the path if there is one, both ends shown.
        const visible = new Set(shown.map((node) => node.id));
        graph.edges.forEach((edge, i) => {
          const on = !hiddenEdgeKinds.has(edge.kind) && (scope.edges === undefined || scope.edges.has(edgeId(edge))) && visible.has(edge.source) && visible.has(edge.target);
          this.#linkShown[i] = on ? 1 : 0;
        });
        this.#links.setShown(this.#linkShown);
      }
      const shownClusters = new Set(shown.map((node) => node.cluster));
      this.#cy.nodes('.group, .title').forEach((group) => {
        setClasses(group, 'hidden', !shownClusters.has(String(group.data('cluster'))));
      });
    });
    if (this.#mode === 'fast' && this.#lit !== undefined) this.#lightUp();
    this.#shown = { nodes: shown.length, ...(scope.pathLength !== undefined ? { pathLength: scope.pathLength } : {}) };
    this.#placeTitles();
    this.events.shown(shown);
    this.#placeLabels();
  }

  #applyMatches(centre: boolean): void {
    const matches = new Set(this.#matches);
    const dim = matches.size > 0;
    this.#cy.batch(() => {
      this.#cy.nodes().forEach((node) => {
        if (node.isParent() || !this.#nodes.has(node.id())) return;
        setClasses(node, 'match', matches.has(node.id()));
        setClasses(node, 'dimmed', dim && !matches.has(node.id()));
      });
      if (this.#mode === 'detailed') {
        this.#cy.edges().forEach((edge) => {
          setClasses(edge, 'dimmed', dim && !matches.has(edge.source().id()) && !matches.has(edge.target().id()));
        });
      }
    });
    this.#scheduleLabels();
    if (!centre) return;
    const best = this.#matches.map((id) => this.#cy.getElementById(id)).find((element) => element.visible());
    if (best) this.#centre(best);
  }

  /** Brings a node to the middle of the panel, zoomed in far enough to read it. */
  #centre(element: cytoscape.CollectionReturnValue): void {
    this.#autoFit = false;
    this.#centred = { id: element.id() };
    const zoom = Math.max(this.#cy.zoom(), 1);
    if (this.#mode === 'detailed') this.#cy.animate({ center: { eles: element }, zoom, duration: 200 });
    else {
      this.#cy.zoom(zoom);
      this.#cy.center(element);
    }
  }

  #scheduleLabels(): void {
    clearTimeout(this.#labelTimer);
    this.#labelTimer = setTimeout(() => this.#placeLabels(), LABEL_DELAY_MS);
  }

  /** The nodes whose labels come first: the lit one, the keyboard's, search matches, local mode's centre, path ends. */
  #firstLabelled(): string[] {
    const { mode, centre, pathEnds } = this.#visibility;
    return [this.#lit, this.#active, ...this.#matches.slice(0, 5), mode === 'graph' ? centre : undefined, ...(mode === 'path' ? pathEnds : [])].filter(
      (id): id is string => id !== undefined,
    );
  }

  /**
   * Chooses which labels to draw for the current view and sizes them for the zoom: group titles first (the
   * biggest groups first), then node names in order of importance and links, each only where it overlaps no
   * title or label already placed. While a node is lit, only its neighbourhood is named.
   */
  #placeLabels(): void {
    clearTimeout(this.#labelTimer);
    if (!this.#graph || this.#labelsHeld) return;
    const zoom = this.#cy.zoom();
    const pan = this.#cy.pan();
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const view: Box = { x1: 0, y1: 0, x2: width, y2: height };
    const font = this.#theme.fontFamily;
    const lit = this.#lit;
    const hood = lit === undefined ? undefined : this.#hoodOf(lit).nodes;
    const first = this.#firstLabelled();
    const nodes = this.#nodes;
    const cy = this.#cy;
    const byDegree = this.#byDegree;
    const mode = this.#mode;
    const candidates = function* (ids: Iterable<string>, seen: Set<string>): Generator<LabelCandidate> {
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        if (hood !== undefined && !hood.has(id)) continue;
        const node = nodes.get(id);
        const element = cy.getElementById(id);
        if (!node || element.hasClass('hidden') || element.empty()) continue;
        const { x, y } = element.position();
        const rx = x * zoom + pan.x;
        const ry = y * zoom + pan.y;
        if (rx < 0 || ry < 0 || rx > width || ry > height) continue;
        const px = labelPx(node);
        const h = px * 1.3 + LABEL_MARGIN_PX;
        const r = (nodeSize(node, mode) / 2) * zoom + 2;
        // The boxes on each side for a label `w` wide; the narrowest, of an empty name, are the probes.
        const sides = (w: number): Box[] =>
          [
            { x1: rx - w / 2, y1: ry + r, x2: rx + w / 2, y2: ry + r + h },
            { x1: rx - w / 2, y1: ry - r - h, x2: rx + w / 2, y2: ry - r },
            { x1: rx + r, y1: ry - h / 2, x2: rx + r + w, y2: ry + h / 2 },
            { x1: rx - r - w, y1: ry - h / 2, x2: rx - r, y2: ry + h / 2 },
          ].map((box) => grow(box, LABEL_MARGIN_PX / 2));
        let boxes: Box[] | undefined;
        yield {
          id,
          probes: sides(2 * LABEL_MARGIN_PX),
          // Measured only for a candidate whose probes leave it a chance: most of a dense map's are passed over.
          get boxes(): Box[] {
            return (boxes ??= sides(textWidth(shortLabel(node.label), px, font) + 2 * LABEL_MARGIN_PX));
          },
        };
      }
    };
    // The lit, active or searched nodes and the most connected one are named before the group titles, which
    // give way to them; then the titles; then everything else, most connected first.
    const seen = new Set<string>();
    const leadCandidates = [...candidates([...first, ...byDegree.slice(0, 1)], seen)];
    const lead = placeLabels(leadCandidates, [], view, MAX_LABELS[mode]);
    const leadBoxes = leadCandidates.flatMap((candidate) => {
      const side = lead.get(candidate.id);
      return side === undefined ? [] : [candidate.boxes[LABEL_SIDES.indexOf(side)] as Box];
    });
    const blocked: Box[] = [];
    const titled = new Set<string>();
    const titles = this.#cy.nodes('.group, .title').filter((title) => !title.hasClass('hidden'));
    const order = [...titles].sort(
      (a, b) => (this.#groups.get(String(b.data('cluster')))?.size ?? 0) - (this.#groups.get(String(a.data('cluster')))?.size ?? 0),
    );
    for (const title of order) {
      const text = String(title.data('label'));
      const w = textWidth(text, TITLE_PX, font, true) + 2 * LABEL_MARGIN_PX;
      const h = TITLE_PX * 1.3 + 2 * LABEL_MARGIN_PX;
      let box: Box;
      if (title.hasClass('group')) {
        const outline = title.renderedBoundingBox({ includeLabels: false, includeOverlays: false } as cytoscape.BoundingBoxOptions);
        const cx = (outline.x1 + outline.x2) / 2;
        box = { x1: cx - w / 2, y1: outline.y1 - h - 1, x2: cx + w / 2, y2: outline.y1 + LABEL_MARGIN_PX };
      } else {
        const at = title.renderedPosition();
        box = { x1: at.x - w / 2, y1: at.y - h / 2, x2: at.x + w / 2, y2: at.y + h / 2 };
      }
      const inView = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= width && box.y2 <= height;
      if (!inView || [...blocked, ...leadBoxes].some((other) => other.x1 < box.x2 && box.x1 < other.x2 && other.y1 < box.y2 && box.y1 < other.y2)) continue;
      blocked.push(box);
      titled.add(title.id());
    }
    const rest = placeLabels(candidates(byDegree, seen), [...blocked, ...leadBoxes], view, MAX_LABELS[mode] - lead.size);
    const chosen = new Map([...lead, ...rest]);
    this.#cy.batch(() => {
      titles.forEach((title) => {
        const on = titled.has(title.id());
        setClasses(title, 'titled', on);
        if (on && title.data('fs') !== TITLE_PX / zoom) title.data('fs', TITLE_PX / zoom);
      });
      for (const id of this.#labelled.keys()) if (!chosen.has(id)) this.#cy.getElementById(id).removeClass(['labelled', ...LABEL_SIDES].join(' '));
      for (const [id, side] of chosen) {
        const node = this.#nodes.get(id);
        if (!node) continue;
        const element = this.#cy.getElementById(id);
        // Each write makes the renderer measure the label again: only when the zoom or the side changed.
        const fs = labelPx(node) / zoom;
        if (element.data('fs') !== fs || this.#labelled.get(id) !== side) element.data({ fs, lm: (side === 'above' ? -2 : 2) / zoom, lx: (side === 'left' ? -2 : 2) / zoom, lp: 1 / zoom });
        if (this.#labelled.get(id) !== side) {
          setClasses(element, LABEL_SIDES.join(' '), false);
          setClasses(element, side, true);
        }
        setClasses(element, 'labelled', true);
      }
    });
    // The boxes above are estimates: check the renderer's own boxes and drop any label that still overlaps.
    const labelOnly = { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false } as cytoscape.BoundingBoxOptions;
    const drawnTitles = titles.filter((title) => titled.has(title.id())).map((title) => title.renderedBoundingBox(labelOnly));
    const drawn = [...chosen.keys()].map((id) => ({ id, boxes: [this.#cy.getElementById(id).renderedBoundingBox(labelOnly)] }));
    const clear = placeLabels(drawn, drawnTitles, { x1: -Infinity, y1: -Infinity, x2: Infinity, y2: Infinity }, Infinity);
    this.#cy.batch(() => {
      for (const id of chosen.keys()) {
        if (clear.has(id)) continue;
        this.#cy.getElementById(id).removeClass(['labelled', ...LABEL_SIDES].join(' '));
        chosen.delete(id);
      }
    });
    this.#labelled = chosen;
  }

  /**
   * A large new map's first picture: its shown nodes drawn by the page at their first places, in the view the fit
   * will give them (or the one restored), then its nodes given to cytoscape a chunk a task, each chunk styled and
   * drawn in the frame after it. Returns the time from the graph's arrival to that picture; null when the panel
   * has no size to draw in (the nodes are then added at once, as for a small map); undefined when a newer graph
   * came meanwhile (which starts afresh: `#adding`).
   */
  async #previewFirst(
    graph: MapGraph,
    element: (node: MapNode) => cytoscape.ElementDefinition,
    placeOf: (node: MapNode) => Point,
    viewport: { zoom: number; pan: Point } | undefined,
    receivedAt: number,
    generation: number,
    onFirstPicture: () => void,
  ): Promise<number | null | undefined> {
    // Nodes a filter or the mode leaves out are added hidden; a change of either meanwhile applies to the next chunks.
    const elementsOf = (nodes: readonly MapNode[]): cytoscape.ElementDefinition[] => {
      const scope = this.#currentScope();
      return nodes.map((node) => ({ ...element(node), ...(this.#isShown(node, scope) ? {} : { classes: 'hidden' }) }));
    };
    const scope = this.#currentScope();
    const placed: PreviewNode[] = [];
    let box: Box | undefined;
    for (const node of graph.nodes) {
      if (!this.#isShown(node, scope)) continue;
      const { x, y } = placeOf(node);
      const size = nodeSize(node, 'fast');
      placed.push({ x, y, size, colour: this.#groups.get(node.cluster)?.colour ?? this.#theme.neutral });
      // As `#nodeBox` will find it once cytoscape holds the nodes: the fit after them then changes nothing.
      box = withDisc(box, x, y, size / 2 + BORDER_ALLOWANCE);
    }
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const view = viewport ?? (box ? fitViewport(box, { width, height }, FIT_PADDING, { min: this.#cy.minZoom(), max: FIT_MAX_ZOOM }) : undefined);
    if (!view || placed.length === 0) {
      this.#cy.add(elementsOf(graph.nodes));
      return null;
    }
    this.#cy.viewport({ zoom: view.zoom, pan: { ...view.pan } });
    // Until the user moves the view (the picture follows), the map is fitted once cytoscape holds the nodes.
    this.#autoFit = viewport === undefined;
    const drawn = this.#preview.show(placed, this.#linkView());
    // Where the nodes not yet in cytoscape will be: the state saved meanwhile, and a graph coming meanwhile, keep them.
    this.#pending = new Map(graph.nodes.map((node) => [node.id, placeOf(node)]));
    this.#adding = true;
    // The first chunk comes with the first picture: the renderer's first frame with nodes costs about 0.1 s more
    // than the next (it sets itself up), which would otherwise be the longest task after the picture.
    let added = Math.min(FIRST_ADD_CHUNK, graph.nodes.length);
    this.#cy.add(elementsOf(graph.nodes.slice(0, added)));
    await afterNextFrame();
    if (generation !== this.#generation) return undefined;
    const firstPictureMs = performance.now() - receivedAt;
    this.#firstPicture = { preview: drawn, renderer: this.#nodesHeld() };
    this.events.firstPicture();
    onFirstPicture();
    for (let chunk = FIRST_ADD_CHUNK; added < graph.nodes.length; ) {
      const started = performance.now();
      this.#cy.add(elementsOf(graph.nodes.slice(added, added + chunk)));
      added += chunk;
      await afterNextFrame();
      if (generation !== this.#generation) return undefined;
      const took = performance.now() - started;
      // Grown by half at most: a chunk's frame can take far longer than the last one's (a collection, new bitmaps).
      chunk = Math.max(MIN_ADD_CHUNK, Math.floor(Math.min(1.5 * chunk, (chunk * ADD_CHUNK_MS) / Math.max(took, 1))));
    }
    this.#adding = false;
    this.#pending.clear();
    return firstPictureMs;
  }

  /** The graph's nodes in cytoscape, in the graph's order. */
  #inGraphOrder(graph: MapGraph): cytoscape.NodeCollection {
    const nodes = this.#cy.collection();
    for (const node of graph.nodes) nodes.merge(this.#cy.getElementById(node.id));
    return nodes.nodes();
  }

  /** The map's nodes cytoscape holds (group boxes and titles aside). */
  #nodesHeld(): number {
    return this.#cy.nodes().filter((node) => this.#nodes.has(node.id())).length;
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
