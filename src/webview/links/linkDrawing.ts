import { EDGE_KINDS, type EdgeKind } from '../../shared/protocol';

/** How one kind of link is drawn: widths and dashes in screen pixels, so dashed and dotted stay so at any zoom. */
export interface LinkStyle {
  readonly colour: string;
  /** Width in model units (it grows as the map is zoomed in), drawn at least `minWidth` screen pixels wide. */
  readonly width: number;
  readonly minWidth: number;
  /** Dash and gap lengths in screen pixels; empty for a solid line. */
  readonly dash: readonly number[];
}

export type LinkStyles = Readonly<Record<EdgeKind, LinkStyle>>;

/**
 * The view a picture under cytoscape's is drawn for (the links', a large map's first picture of its nodes):
 * cytoscape's zoom and pan, the panel's size and the pixel ratio.
 */
export interface LinkView {
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
  readonly width: number;
  readonly height: number;
  readonly ratio: number;
}

/** A map's links as arrays: both ends of link `i` (node indices) at `ends[2i]`, `ends[2i + 1]`, its kind's index in `EDGE_KINDS`. */
export interface LinkSet {
  readonly ends: Uint32Array;
  readonly kinds: Uint8Array;
}

/** Node positions in model units, by node index. */
export interface NodePositions {
  readonly x: Float32Array;
  readonly y: Float32Array;
}

/** What a 2D context of a canvas, an offscreen canvas or a test's recorder offers the drawing. */
export type LinkContext = Pick<
  CanvasRenderingContext2D,
  'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'setLineDash' | 'setTransform' | 'clearRect' | 'strokeStyle' | 'lineWidth' | 'lineCap'
>;

export function kindIndex(kind: EdgeKind): number {
  return EDGE_KINDS.indexOf(kind);
}

/**
 * The links of kind `kind` among `from`…`to` that are shown and not wholly outside the view, stroked as one
 * path: one path per kind is far cheaper to draw than one per link, and links wholly beside the view cost a
 * comparison each. `shown` (one byte a link) leaves out filtered links and links of hidden nodes; undefined
 * draws every link. Returns the number of links stroked.
 */
export function strokeLinks(
  context: LinkContext,
  links: LinkSet,
  positions: NodePositions,
  shown: Uint8Array | undefined,
  view: LinkView,
  style: LinkStyle,
  kind: number,
  from: number,
  to: number,
): number {
  const { zoom, panX, panY, width, height, ratio } = view;
  const { x, y } = positions;
  const { ends, kinds } = links;
  let stroked = 0;
  // Points are transformed as they are added to the path: the pixel ratio is set first.
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.beginPath();
  for (let i = from; i < to; i++) {
    if (kinds[i] !== kind || (shown !== undefined && shown[i] !== 1)) continue;
    const a = ends[2 * i] ?? 0;
    const b = ends[2 * i + 1] ?? 0;
    const x1 = (x[a] ?? 0) * zoom + panX;
    const y1 = (y[a] ?? 0) * zoom + panY;
    const x2 = (x[b] ?? 0) * zoom + panX;
    const y2 = (y[b] ?? 0) * zoom + panY;
    if ((x1 < 0 && x2 < 0) || (y1 < 0 && y2 < 0) || (x1 > width && x2 > width) || (y1 > height && y2 > height)) continue;
    context.moveTo(x1, y1);
    context.lineTo(x2, y2);
    stroked++;
  }
  if (stroked === 0) return 0;
  context.strokeStyle = style.colour;
  context.lineWidth = Math.max(style.minWidth, style.width * zoom);
  context.lineCap = 'butt';
  context.setLineDash([...style.dash]);
  context.stroke();
  return stroked;
}

/**
 * Draws links `from`…`to` (all kinds, each as one path, in `EDGE_KINDS` order so parent links lie over
 * mentions) on a context already cleared. Returns the number of links stroked.
 */
export function drawLinks(context: LinkContext, links: LinkSet, positions: NodePositions, shown: Uint8Array | undefined, view: LinkView, styles: LinkStyles, from: number, to: number): number {
  let stroked = 0;
  EDGE_KINDS.forEach((kind, index) => {
    stroked += strokeLinks(context, links, positions, shown, view, styles[kind], index, from, to);
  });
  return stroked;
}

/** Drops the current picture: the whole canvas, in device pixels. */
export function clearLinks(context: LinkContext, view: LinkView): void {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, Math.ceil(view.width * view.ratio), Math.ceil(view.height * view.ratio));
}

/**
 * The CSS transform that moves a picture drawn for `drawn` to where its links are in `now` (pan and zoom
 * only): until the next picture arrives, the last one moves with the map, as cytoscape's own nodes do.
 */
export function followTransform(drawn: LinkView, now: Pick<LinkView, 'zoom' | 'panX' | 'panY'>): string {
  const scale = now.zoom / drawn.zoom;
  const dx = now.panX - drawn.panX * scale;
  const dy = now.panY - drawn.panY * scale;
  return scale === 1 && dx === 0 && dy === 0 ? '' : `translate(${dx}px, ${dy}px) scale(${scale})`;
}
