import type { Box } from './labelPlacement';
import type { Point } from './layout/seedLayout';

/** The zoom and pan that put `box` (model units) in the middle of a view of `size`, `padding` pixels clear of its edges. */
export function fitViewport(
  box: Box,
  size: { width: number; height: number },
  padding: number,
  zoomRange: { min: number; max: number },
): { zoom: number; pan: Point } | undefined {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  if (!(size.width > 2 * padding && size.height > 2 * padding) || !(w >= 0 && h >= 0)) return undefined;
  const fitted = Math.min(w > 0 ? (size.width - 2 * padding) / w : Infinity, h > 0 ? (size.height - 2 * padding) / h : Infinity);
  const zoom = Math.min(zoomRange.max, Math.max(zoomRange.min, fitted));
  return { zoom, pan: { x: (size.width - zoom * (box.x1 + box.x2)) / 2, y: (size.height - zoom * (box.y1 + box.y2)) / 2 } };
}
