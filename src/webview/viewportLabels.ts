import type cytoscape from 'cytoscape';

/** Labels are drawn once this few nodes are in view. */
const MAX_LABELLED = 400;
/** The label font size, and the smallest on screen worth drawing. */
const FONT_PX = 11;
const MIN_LABEL_PX = 7;
const DELAY_MS = 150;

/**
 * Labels for a large map: measuring thousands of labels would take longer than drawing the nodes, so
 * only the nodes in view get the `labelled` class, once zoomed in far enough that few are in view and
 * their labels are readable. Re-run shortly after the view stops moving.
 */
export class ViewportLabels {
  #labelled = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly cy: cytoscape.Core) {}

  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#update(), DELAY_MS);
  }

  /** Forgets the labelled nodes, for a map that was cleared. */
  clear(): void {
    this.#labelled.clear();
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  #update(): void {
    const extent = this.cy.extent();
    const next = new Set<string>();
    if (FONT_PX * this.cy.zoom() >= MIN_LABEL_PX) {
      const shown = this.cy.nodes(':visible');
      for (let i = 0; i < shown.length && next.size <= MAX_LABELLED; i++) {
        const node = shown[i];
        if (!node) continue;
        const { x, y } = node.position();
        if (x >= extent.x1 && x <= extent.x2 && y >= extent.y1 && y <= extent.y2) next.add(node.id());
      }
    }
    if (next.size > MAX_LABELLED) next.clear();
    this.cy.batch(() => {
      for (const id of this.#labelled) if (!next.has(id)) this.cy.getElementById(id).removeClass('labelled');
      for (const id of next) if (!this.#labelled.has(id)) this.cy.getElementById(id).addClass('labelled');
    });
    this.#labelled = next;
  }
}
