import type { MapMode } from '../shared/protocol';
import type { GroupStyle } from './groupColours';
import type { Box } from './labelPlacement';

/**
 * What the map's renderer shows, read from cytoscape itself (rendered boxes of nodes, labels and group
 * titles in pixels of the map's box): the end-to-end tests check legibility against it. The page exposes
 * it as `window.conceptMapRenderState()`; it costs nothing until called.
 */
export interface RenderState {
  readonly renderMode: 'detailed' | 'fast';
  readonly mode: MapMode;
  /** The page (the whole panel), and the drawing surface within it. */
  readonly page: { readonly width: number; readonly height: number };
  readonly surface: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly zoom: number;
  /** The scale of the picture moved during a pan or zoom, against the canvas (`viewportTexture.ts`). */
  readonly viewportTextureScale: number | undefined;
  /**
   * Nodes drawn so far from their bitmap at another zoom level while the bitmap for theirs was made
   * (`nodeTextures.ts`); undefined when cytoscape's renderer is of another shape.
   */
  readonly nodesDrawnAcrossLevels: number | undefined;
  /** The drawing: the shown nodes and group boxes together (titles and labels aside), undefined when none is shown. */
  readonly graphBox: Box | undefined;
  readonly nodes: readonly {
    readonly id: string;
    readonly label: string;
    readonly kind: string;
    readonly cluster: string;
    readonly degree: number;
    readonly colour: string;
    readonly outline: string;
    readonly shape: string;
    readonly box: Box;
    readonly faded: boolean;
    /** Hovered or keyboard-active, or a neighbour of that node. */
    readonly lit: boolean;
  }[];
  /** Node names drawn, with the renderer's own box for each (background included). */
  readonly labels: readonly { readonly id: string; readonly text: string; readonly box: Box }[];
  readonly titles: readonly { readonly cluster: string; readonly text: string; readonly box: Box }[];
  readonly groups: readonly GroupStyle[];
  /** The links shown (a large map's: those its link layer draws, once they are drawn at all). */
  readonly edges: readonly { readonly source: string; readonly target: string; readonly kind: string; readonly lit: boolean; readonly faded: boolean }[];
  /** A large map's link layer (its links are drawn by us under cytoscape's canvas); undefined while it is off. */
  readonly linkLayer: LinkLayerState | undefined;
  /** Path mode with two ends: links on the shortest chains, null when none joins them. */
  readonly pathLength: number | null | undefined;
  /** Nodes on a large map's first picture drawn by the page (`nodePreview.ts`) now; 0 once cytoscape has drawn them. */
  readonly preview: number;
  /**
   * At the first picture of the map last drawn afresh (a live update since leaves it): the nodes the page's own
   * picture drew, and those cytoscape held. A large new map's picture comes before cytoscape holds its nodes; a
   * small map's is cytoscape's (preview 0).
   */
  readonly firstPicture: { readonly preview: number; readonly renderer: number } | undefined;
}

/** What a large map's link layer shows (`links/linkLayer.ts`). */
export interface LinkLayerState {
  /** Links shown (not filtered out, both ends shown). */
  readonly shown: number;
  /** Links in the picture on screen (those in its view), and the view it was drawn for; undefined before the first. */
  readonly picture: { readonly stroked: number; readonly zoom: number; readonly panX: number; readonly panY: number } | undefined;
  /** The picture's CSS transform while it follows a pan or zoom ahead of the next picture ('' when it is current). */
  readonly transform: string;
  /** Links of the lit node drawn in the focus colour. */
  readonly lit: number;
}
