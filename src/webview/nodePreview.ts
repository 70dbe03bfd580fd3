import { followTransform, type LinkView } from './links/linkDrawing';

/** A node of a large map's first picture: its place in model units, its width there and its group's colour. */
export interface PreviewNode {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly colour: string;
}

/** What the drawing needs of a 2D context: a canvas's, or a test's recorder. */
export type PreviewContext = Pick<CanvasRenderingContext2D, 'setTransform' | 'clearRect' | 'beginPath' | 'moveTo' | 'arc' | 'fill' | 'fillStyle'>;

/** The smallest disc drawn, in CSS pixels: a node of a crowded map zoomed out still shows as a dot. */
const MIN_RADIUS_PX = 0.75;

/**
 * Draws the nodes as discs, one path and one fill per colour (a fill per disc costs far more), leaving out those
 * wholly outside the view. Returns how many were drawn.
 */
export function drawPreview(context: PreviewContext, nodes: readonly PreviewNode[], view: LinkView): number {
  const { zoom, panX, panY, width, height, ratio } = view;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const byColour = new Map<string, PreviewNode[]>();
  for (const node of nodes) {
    const list = byColour.get(node.colour);
    if (list) list.push(node);
    else byColour.set(node.colour, [node]);
  }
  let drawn = 0;
  for (const [colour, list] of byColour) {
    context.beginPath();
    for (const node of list) {
      const x = node.x * zoom + panX;
      const y = node.y * zoom + panY;
      const r = Math.max(MIN_RADIUS_PX, (node.size / 2) * zoom);
      if (x + r < 0 || y + r < 0 || x - r > width || y - r > height) continue;
      context.moveTo(x + r, y);
      context.arc(x, y, r, 0, 2 * Math.PI);
      drawn++;
    }
    context.fillStyle = colour;
    context.fill();
  }
  return drawn;
}

/**
 * A large map's first picture, drawn by the page on a canvas of its own under cytoscape's as soon as the graph
 * comes: cytoscape then takes the nodes in over several tasks, each short, instead of adding, styling and drawing
 * 4,900 of them in about a second in one piece before anything was on screen. Cleared once cytoscape draws them all.
 */
export class NodePreview {
  readonly #canvas: HTMLCanvasElement;
  #drawn = 0;
  #nodes: readonly PreviewNode[] = [];
  /** The view the picture was drawn for. */
  #view: LinkView | undefined;

  constructor(container: HTMLElement) {
    this.#canvas = document.createElement('canvas');
    this.#canvas.className = 'node-preview';
    this.#canvas.hidden = true;
    container.prepend(this.#canvas);
  }

  /** Nodes on the picture now; 0 when there is none. */
  get drawn(): number {
    return this.#drawn;
  }

  /** Draws `nodes` in `view`, replacing any picture; returns how many are on it. */
  show(nodes: readonly PreviewNode[], view: LinkView): number {
    this.#nodes = nodes;
    this.#view = view;
    this.#canvas.style.transform = '';
    this.#canvas.width = Math.max(1, Math.round(view.width * view.ratio));
    this.#canvas.height = Math.max(1, Math.round(view.height * view.ratio));
    this.#canvas.style.width = `${view.width}px`;
    this.#canvas.style.height = `${view.height}px`;
    const context = this.#canvas.getContext('2d');
    this.#drawn = context ? drawPreview(context, nodes, view) : 0;
    this.#canvas.hidden = this.#drawn === 0;
    return this.#drawn;
  }

  /**
   * Keeps the picture under cytoscape's nodes when the view changes: moved by a CSS transform after a pan or zoom,
   * as the link layer's is; drawn again for a panel of another size.
   */
  follow(view: LinkView): void {
    const drawnFor = this.#view;
    if (this.#drawn === 0 || !drawnFor) return;
    if (view.width !== drawnFor.width || view.height !== drawnFor.height || view.ratio !== drawnFor.ratio) this.show(this.#nodes, view);
    else this.#canvas.style.transform = followTransform(drawnFor, view);
  }

  /** Hides the picture and gives back its pixels. */
  clear(): void {
    this.#nodes = [];
    this.#view = undefined;
    if (this.#canvas.hidden && this.#drawn === 0) return;
    this.#canvas.hidden = true;
    this.#canvas.width = 0;
    this.#canvas.height = 0;
    this.#drawn = 0;
  }
}
