import { EDGE_KINDS, type EdgeKind, type MapNode } from '../shared/protocol';

const EDGE_LABELS: Record<EdgeKind, string> = {
  mentions: 'mentions',
  parent: 'parent → child',
  cites: 'cites unit',
  links: 'links to page',
};

const EDGE_DESCRIPTIONS: Record<EdgeKind, string> = {
  mentions: 'A definition names another concept',
  parent: 'A concept nested under another',
  cites: 'A definition links a course unit',
  links: 'A page links to another with a wikilink or a note link',
};

export interface FilterState {
  readonly hiddenClusters: ReadonlySet<string>;
  readonly hiddenEdgeKinds: ReadonlySet<EdgeKind>;
}

function checkbox(checked: boolean, onChange: (checked: boolean) => void): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return input;
}

/**
 * The legend, which is also the filter: one checkbox per kind of link (with its line style) and one per
 * unit or section (with its colour and node count). Names are written with `textContent`.
 */
export class Filters {
  readonly #hiddenClusters: Set<string>;
  readonly #hiddenEdgeKinds: Set<EdgeKind>;
  readonly #swatches = new Map<string, HTMLElement>();

  constructor(
    edgeFieldset: HTMLFieldSetElement,
    private readonly clusterFieldset: HTMLFieldSetElement,
    initial: FilterState,
    private readonly onChange: (state: FilterState) => void,
  ) {
    this.#hiddenClusters = new Set(initial.hiddenClusters);
    this.#hiddenEdgeKinds = new Set(initial.hiddenEdgeKinds);
    for (const kind of EDGE_KINDS) {
      const label = document.createElement('label');
      label.title = EDGE_DESCRIPTIONS[kind];
      const sample = document.createElement('span');
      sample.className = `line-sample ${kind}`;
      sample.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      text.textContent = EDGE_LABELS[kind];
      label.append(
        checkbox(!this.#hiddenEdgeKinds.has(kind), (checked) => this.#toggle(this.#hiddenEdgeKinds, kind, checked)),
        sample,
        text,
      );
      edgeFieldset.append(label);
    }
  }

  get state(): FilterState {
    return { hiddenClusters: this.#hiddenClusters, hiddenEdgeKinds: this.#hiddenEdgeKinds };
  }

  /** Lists the graph's units and sections, biggest first, each with its colour. */
  setClusters(nodes: readonly MapNode[], colourOf: (cluster: string) => string): void {
    const counts = new Map<string, number>();
    for (const node of nodes) counts.set(node.cluster, (counts.get(node.cluster) ?? 0) + 1);
    const clusters = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const name of this.#hiddenClusters) if (!counts.has(name)) this.#hiddenClusters.delete(name);
    this.#swatches.clear();
    const legend = this.clusterFieldset.querySelector('legend');
    this.clusterFieldset.replaceChildren(
      ...(legend ? [legend] : []),
      ...clusters.map(([name, count]) => {
        const label = document.createElement('label');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.setAttribute('aria-hidden', 'true');
        swatch.style.backgroundColor = colourOf(name);
        this.#swatches.set(name, swatch);
        const text = document.createElement('span');
        text.textContent = `${name || '(no section)'} (${count})`;
        label.append(checkbox(!this.#hiddenClusters.has(name), (checked) => this.#toggle(this.#hiddenClusters, name, checked)), swatch, text);
        return label;
      }),
    );
  }

  /** Repaints the swatches after a theme change. */
  recolour(colourOf: (cluster: string) => string): void {
    for (const [name, swatch] of this.#swatches) swatch.style.backgroundColor = colourOf(name);
  }

  #toggle<T>(hidden: Set<T>, value: T, shown: boolean): void {
    if (shown) hidden.delete(value);
    else hidden.add(value);
    this.onChange(this.state);
  }
}
