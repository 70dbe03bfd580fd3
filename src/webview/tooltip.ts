import type { MapNode } from '../shared/protocol';

/**
 * The short definition shown beside a hovered (or keyboard-active) node. Written with `textContent`
 * only, so a concept named like markup stays text.
 */
export class Tooltip {
  constructor(
    private readonly element: HTMLElement,
    private readonly map: HTMLElement,
    /** A node's summary as received so far, empty until then (see the `summaries` message). */
    private readonly summaryOf: (id: string) => string,
  ) {}

  /** Shows `node`'s name and summary next to `at`, a point in the map's box. */
  show(node: MapNode, at: { x: number; y: number }): void {
    const title = document.createElement('strong');
    title.textContent = node.label;
    const body = document.createElement('span');
    const kind = node.kind === 'unit' ? 'Course unit' : node.kind === 'page' ? 'Page' : undefined;
    body.textContent = this.summaryOf(node.id) || (kind ? `${kind}${node.clusterLabel ? ` · ${node.clusterLabel}` : ''}` : 'No definition text.');
    this.element.replaceChildren(title, body);
    this.element.hidden = false;
    const box = this.map.getBoundingClientRect();
    const width = this.element.offsetWidth;
    const left = Math.min(Math.max(4, at.x + 14), Math.max(4, box.width - width - 4));
    const top = at.y + 14 + this.element.offsetHeight > box.height ? at.y - this.element.offsetHeight - 10 : at.y + 14;
    this.element.style.left = `${box.left + left}px`;
    this.element.style.top = `${box.top + Math.max(4, top)}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
