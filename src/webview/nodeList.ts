import type { MapNode } from '../shared/protocol';

export interface NodeListEvents {
  /** Keyboard navigation moved to a node. */
  activate(node: MapNode): void;
  /** Enter on the active node. */
  open(node: MapNode): void;
}

function describe(node: MapNode, summary: string): string {
  const kind = node.kind === 'unit' ? 'course unit' : node.kind === 'page' ? 'page' : 'concept';
  const where = node.clusterLabel ? ` in ${node.clusterLabel}` : '';
  const links = `${node.degree} link${node.degree === 1 ? '' : 's'}`;
  return `${node.label}, ${kind}${where}, ${links}${summary ? `. ${summary}` : ''}`;
}

/**
 * Options written per task. The list is laid out like any text even when visually hidden: 4,900 options
 * written at once cost the page a quarter of a second of layout before a large map's first picture.
 */
const OPTIONS_PER_TASK = 400;
const byName = new Intl.Collator(undefined);

/**
 * The map's nodes as a listbox for keyboard and screen-reader users: the canvas has no DOM text, so this
 * list mirrors what is shown, in name order. Arrow keys, Page Up/Down, Home and End move the active node
 * (which the map highlights and centres), Enter opens it. Node text goes in through `textContent` and
 * `aria-label` only.
 */
export class NodeList {
  #nodes: readonly MapNode[] = [];
  #activeIndex = -1;
  /** How many of `#nodes` have their option in the list so far; the rest follow a task at a time. */
  #written = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly list: HTMLUListElement,
    private readonly events: NodeListEvents,
    /** A node's summary as received so far (see the `summaries` message), read into its option's description. */
    private readonly summaryOf: (id: string) => string,
  ) {
    list.addEventListener('keydown', (event) => this.#onKey(event));
    list.addEventListener('focus', () => {
      if (this.#activeIndex < 0 && this.#nodes.length > 0) this.#move(0);
    });
  }

  /** Replaces the listed nodes, keeping the active one if it is still there. */
  show(nodes: readonly MapNode[]): void {
    const activeId = this.#nodes[this.#activeIndex]?.id;
    this.#nodes = [...nodes].sort((a, b) => byName.compare(a.label, b.label) || byName.compare(a.id, b.id));
    this.list.replaceChildren();
    this.#written = 0;
    this.#writeUpTo(OPTIONS_PER_TASK);
    this.#activeIndex = -1;
    this.list.removeAttribute('aria-activedescendant');
    const keep = activeId === undefined ? -1 : this.#nodes.findIndex((node) => node.id === activeId);
    if (keep >= 0) this.#mark(keep);
  }

  /** Describes the options written so far again, with the summaries received since (the rest read them when written). */
  describeAgain(): void {
    for (let i = 0; i < this.#written; i++) {
      const node = this.#nodes[i];
      const item = this.list.children[i];
      if (node && item) item.setAttribute('aria-label', describe(node, this.summaryOf(node.id)));
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  /** Writes the options up to `end` now, and the rest a task at a time after it. */
  #writeUpTo(end: number): void {
    clearTimeout(this.#timer);
    const last = Math.min(end, this.#nodes.length);
    const fragment = document.createDocumentFragment();
    for (let i = this.#written; i < last; i++) {
      const node = this.#nodes[i];
      if (!node) continue;
      const item = document.createElement('li');
      item.id = `node-${i}`;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', 'false');
      item.setAttribute('aria-label', describe(node, this.summaryOf(node.id)));
      item.textContent = node.label;
      item.addEventListener('click', () => this.events.open(node));
      fragment.append(item);
    }
    this.list.append(fragment);
    this.#written = Math.max(this.#written, last);
    if (this.#written < this.#nodes.length) this.#timer = setTimeout(() => this.#writeUpTo(this.#written + OPTIONS_PER_TASK), 0);
  }

  /** Makes a node the active one, as if the user had moved to it. */
  select(id: string): void {
    const index = this.#nodes.findIndex((node) => node.id === id);
    if (index >= 0) this.#mark(index);
  }

  #onKey(event: KeyboardEvent): void {
    const last = this.#nodes.length - 1;
    if (last < 0) return;
    const page = 10;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, this.#activeIndex + 1),
      ArrowRight: Math.min(last, this.#activeIndex + 1),
      ArrowUp: Math.max(0, this.#activeIndex - 1),
      ArrowLeft: Math.max(0, this.#activeIndex - 1),
      PageDown: Math.min(last, this.#activeIndex + page),
      PageUp: Math.max(0, this.#activeIndex - page),
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      this.#move(target);
      return;
    }
    const node = this.#nodes[this.#activeIndex];
    if (event.key === 'Enter' && node) {
      event.preventDefault();
      this.events.open(node);
    }
  }

  #move(index: number): void {
    this.#mark(index);
    const node = this.#nodes[index];
    if (node) this.events.activate(node);
  }

  #mark(index: number): void {
    // An option not written yet (a long list still being written) is written now, with those before it.
    if (index >= this.#written) this.#writeUpTo(index + 1);
    this.list.querySelector('[aria-selected="true"]')?.setAttribute('aria-selected', 'false');
    const item = this.list.children[index];
    if (!item) return;
    this.#activeIndex = index;
    item.setAttribute('aria-selected', 'true');
    this.list.setAttribute('aria-activedescendant', item.id);
  }
}
