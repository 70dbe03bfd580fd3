/** A box on screen: left, top, right, bottom, in pixels. */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Where a label goes beside its node, in the order tried. */
export const LABEL_SIDES = ['below', 'above', 'right', 'left'] as const;
export type LabelSide = (typeof LABEL_SIDES)[number];

export interface LabelCandidate {
  readonly id: string;
  /** Where its label would be drawn on screen, on each side of its node tried in turn (below first). */
  readonly boxes: readonly Box[];
  /**
   * For each side, a box within its label's box whatever the label's width: a candidate whose every probe is
   * covered or out of view is passed over without reading `boxes` (which may measure the label's text).
   */
  readonly probes?: readonly Box[];
}

const CELL = 64;

export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** Boxes in a grid of cells, so a check looks only at the boxes near it. */
class BoxGrid {
  readonly #cells = new Map<number, Box[]>();

  add(box: Box): void {
    this.#each(box, (key) => {
      const cell = this.#cells.get(key);
      if (cell) cell.push(box);
      else this.#cells.set(key, [box]);
    });
  }

  hits(box: Box): boolean {
    let hit = false;
    this.#each(box, (key) => {
      if (!hit) hit = (this.#cells.get(key) ?? []).some((other) => overlaps(box, other));
    });
    return hit;
  }

  #each(box: Box, visit: (key: number) => void): void {
    for (let cx = Math.floor(box.x1 / CELL); cx <= Math.floor(box.x2 / CELL); cx++) {
      for (let cy = Math.floor(box.y1 / CELL); cy <= Math.floor(box.y2 / CELL); cy++) visit(cx * 73_856_093 + cy * 19_349_663);
    }
  }
}

/**
 * Which labels to draw, and on which side of their node: candidates are taken in the order given (most
 * connected first) and a label is drawn on the first side where it overlaps neither a label already
 * chosen nor any of the `blocked` boxes (group titles), and lies within `view`. Greedy, so the hubs are
 * always named, and zooming in, which spreads the nodes while labels keep their size on screen, names more.
 */
export function placeLabels(candidates: Iterable<LabelCandidate>, blocked: readonly Box[], view: Box, max: number): Map<string, LabelSide> {
  const grid = new BoxGrid();
  for (const box of blocked) grid.add(box);
  const chosen = new Map<string, LabelSide>();
  const fits = (box: Box): boolean => box.x1 >= view.x1 && box.y1 >= view.y1 && box.x2 <= view.x2 && box.y2 <= view.y2 && !grid.hits(box);
  for (const candidate of candidates) {
    if (chosen.size >= max) break;
    // A side whose probe does not fit cannot fit: its box holds the probe. In a dense map most candidates go here.
    if (candidate.probes && !candidate.probes.some(fits)) continue;
    const side = candidate.boxes.findIndex(fits);
    const box = candidate.boxes[side];
    if (!box) continue;
    grid.add(box);
    chosen.set(candidate.id, LABEL_SIDES[side] ?? 'below');
  }
  return chosen;
}
