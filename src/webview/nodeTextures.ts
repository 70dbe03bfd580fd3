import type cytoscape from 'cytoscape';

/**
 * The parts of cytoscape's canvas renderer (3.35, not in its typings) that keep a bitmap of each node's body
 * per zoom level (a level is a power of two of the zoom), in atlases shared by every level.
 */
interface Bitmap {
  readonly level: number;
  readonly invalidated?: boolean;
}
interface Lookup {
  get(ele: cytoscape.NodeSingular, level: number): Bitmap | undefined;
}
interface ElementTextureCache {
  readonly lookup: Lookup;
  getElement(ele: cytoscape.NodeSingular, bb: ElementBounds | undefined, pxRatio: number, level?: number | null, reason?: string | null): Bitmap | null;
  queueElement(ele: cytoscape.NodeSingular, level: number): void;
}
/** cytoscape's bounding box of an element, in model units (not `labelPlacement`'s screen `Box`). */
interface ElementBounds {
  readonly w: number;
  readonly h: number;
}

/** cytoscape's own bounds on the levels it keeps (`minLvl`, `maxLvl`, `maxZoom` in its element texture cache). */
const MIN_LEVEL = -4;
const MAX_LEVEL = 3;
const MAX_ZOOM = 7.99;
/** The largest bitmap it keeps (`maxTxrW`, `maxTxrH`): a node larger at its level is drawn directly. */
const MAX_BITMAP_PX = 1024;

function textureCacheOf(cy: cytoscape.Core): ElementTextureCache | undefined {
  const renderer: unknown = (cy as unknown as { renderer(): unknown }).renderer();
  if (typeof renderer !== 'object' || renderer === null) return undefined;
  const cache: unknown = (renderer as { data?: { eleTxrCache?: unknown } }).data?.eleTxrCache;
  if (typeof cache !== 'object' || cache === null) return undefined;
  const c = cache as Partial<ElementTextureCache>;
  return typeof c.getElement === 'function' && typeof c.queueElement === 'function' && typeof c.lookup?.get === 'function' ? (cache as ElementTextureCache) : undefined;
}

/** Per map: how many times a node was drawn from its bitmap at another level (the render state reports it). */
const drawnAcross = new WeakMap<cytoscape.Core, { count: number }>();

/**
 * Draws a node from its bitmap at another zoom level, scaled, while the bitmap for the new level is made later
 * (cytoscape's queue makes it between frames), instead of writing into the atlas in the middle of the frame.
 * cytoscape means to do this already, but first clears the new bitmap's place in the atlas, for each node
 * (nodes that look alike share a bitmap, so the same place over and over): on a software canvas each write
 * into an atlas that the frame has drawn from flushes the frame's drawing so far. A zoom onto a level no node
 * had a bitmap for froze a 4,900-node map for 1.7-2.4 s (its last fit in a 1280×800 panel); that frame now
 * costs what any other does. A renderer of another shape (another cytoscape version) is left alone.
 */
export function nodeBitmapsAcrossLevels(cy: cytoscape.Core): void {
  const cache = textureCacheOf(cy);
  if (!cache || drawnAcross.has(cy)) return;
  const drawn = { count: 0 };
  drawnAcross.set(cy, drawn);
  const getElement = cache.getElement.bind(cache);
  cache.getElement = (ele, bb, pxRatio, requested, reason) => {
    // The queue's own requests (reason `dequeue`, `downscale`, `highQuality`) make the bitmap, as they should.
    if (reason || requested != null || !bb || !(bb.w > 0) || !(bb.h > 0) || ele.removed() || !ele.visible()) return getElement(ele, bb, pxRatio, requested, reason);
    const zoom = cy.zoom();
    const level = Math.max(MIN_LEVEL, Math.ceil(Math.log2(zoom * pxRatio)));
    const scale = 2 ** level;
    const uncached = zoom >= MAX_ZOOM || level > MAX_LEVEL || bb.w * scale > MAX_BITMAP_PX || bb.h * scale > MAX_BITMAP_PX;
    if (uncached || cache.lookup.get(ele, level)) return getElement(ele, bb, pxRatio, requested, reason);
    const other = nearestBitmap(cache.lookup, ele, level);
    if (!other) return getElement(ele, bb, pxRatio, requested, reason);
    cache.queueElement(ele, level);
    drawn.count++;
    return other;
  };
}

/** The node's bitmap at the level nearest `level` (higher first, as cytoscape looks: sharper), if it has a valid one. */
function nearestBitmap(lookup: Lookup, ele: cytoscape.NodeSingular, level: number): Bitmap | undefined {
  for (let distance = 1; distance <= MAX_LEVEL - MIN_LEVEL; distance++) {
    for (const at of [level + distance, level - distance]) {
      if (at < MIN_LEVEL || at > MAX_LEVEL) continue;
      const bitmap = lookup.get(ele, at);
      if (bitmap && !bitmap.invalidated) return bitmap;
    }
  }
  return undefined;
}

/** How many times a node was drawn from its bitmap at another level, for the render state; undefined if never patched. */
export function nodesDrawnAcrossLevels(cy: cytoscape.Core): number | undefined {
  return drawnAcross.get(cy)?.count;
}
