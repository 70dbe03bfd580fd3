import type cytoscape from 'cytoscape';

/**
 * The parts of cytoscape's canvas renderer (3.35, not in its typings) that size the picture it moves during a
 * pan or zoom (`textureOnViewport`).
 */
interface CanvasRenderer {
  textureMult: number;
  canvasWidth: number;
  canvasHeight: number;
  readonly TEXTURE_BUFFER: number;
  readonly container: HTMLElement;
  readonly data: { readonly bufferCanvases: readonly HTMLCanvasElement[] };
  matchCanvasSize(container: HTMLElement): void;
}

function isCanvasRenderer(value: unknown): value is CanvasRenderer {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<CanvasRenderer>;
  return typeof r.matchCanvasSize === 'function' && typeof r.textureMult === 'number' && typeof r.TEXTURE_BUFFER === 'number' && Array.isArray(r.data?.bufferCanvases);
}

/**
 * Makes the picture cytoscape moves during a pan or zoom the size of the canvas. On a screen of pixel ratio 1
 * cytoscape draws it at twice the canvas's size, which on a software canvas took 1.9-2.5 s for a 4,900-node
 * map at the start of every pan or zoom (the page frozen meanwhile), against about 0.2 s at the canvas's
 * size. The cost: while zooming in, the moved picture is a little softer until the gesture ends and the map
 * is drawn sharp again. A renderer of another shape (another cytoscape version) is left alone.
 */
export function viewportTextureAtCanvasSize(cy: cytoscape.Core): void {
  const renderer: unknown = (cy as unknown as { renderer(): unknown }).renderer();
  if (!isCanvasRenderer(renderer)) return;
  const match = renderer.matchCanvasSize.bind(renderer);
  renderer.matchCanvasSize = (container: HTMLElement): void => {
    match(container);
    if (renderer.textureMult === 1) return;
    renderer.textureMult = 1;
    const texture = renderer.data.bufferCanvases[renderer.TEXTURE_BUFFER];
    if (!texture) return;
    texture.width = renderer.canvasWidth;
    texture.height = renderer.canvasHeight;
  };
  renderer.matchCanvasSize(renderer.container);
}

/** The scale of the picture cytoscape moves during a pan or zoom, for the render state; undefined if unknown. */
export function viewportTextureScale(cy: cytoscape.Core): number | undefined {
  const renderer: unknown = (cy as unknown as { renderer(): unknown }).renderer();
  return isCanvasRenderer(renderer) ? renderer.textureMult : undefined;
}
