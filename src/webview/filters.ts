import { EDGE_KINDS, type EdgeKind } from '../shared/protocol';
import type { GroupStyle } from './groupColours';

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

const NODE_KINDS = [
  ['concept', 'concept (a glossary term or concept page)'],
  ['unit', 'course unit a definition cites'],
  ['page', 'page: a source, finding or other linked note'],
] as const;

/**
 * The legend, which is also the filter (in the drawer): one checkbox per kind of link (with its line
 * style) and one per group (with its colour or outline and node count), and the node shapes. Names are
 * written with `textContent`.
 */
export class Filters {
  readonly #hiddenClusters: Set<string>;
  readonly #hiddenEdgeKinds: Set<EdgeKind>;
  readonly #swatches = new Map<string, HTMLElement>();

  constructor(
    edgeFieldset: HTMLFieldSetElement,
    kindFieldset: HTMLFieldSetElement,
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
    for (const [kind, description] of NODE_KINDS) {
      const row = document.createElement('span');
      row.className = 'kind';
      const shape = document.createElement('span');
      shape.className = `shape ${kind}`;
      shape.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      text.textContent = description;
      row.append(shape, text);
      kindFieldset.append(row);
    }
  }

  get state(): FilterState {
    return { hiddenClusters: this.#hiddenClusters, hiddenEdgeKinds: this.#hiddenEdgeKinds };
  }

  /** Lists the groups, biggest first, each with its colour (or, past the eighth, its outline) and size. */
  setClusters(groups: readonly GroupStyle[]): void {
    const keys = new Set(groups.map((group) => group.key));
    for (const name of this.#hiddenClusters) if (!keys.has(name)) this.#hiddenClusters.delete(name);
    this.#swatches.clear();
    const legend = this.clusterFieldset.querySelector('legend');
    this.clusterFieldset.replaceChildren(
      ...(legend ? [legend] : []),
      ...groups.map((group) => {
        const label = document.createElement('label');
        const swatch = document.createElement('span');
        swatch.setAttribute('aria-hidden', 'true');
        this.#swatches.set(group.key, swatch);
        this.#paint(swatch, group);
        const text = document.createElement('span');
        text.textContent = `${group.label || '(no group)'} (${group.size})`;
        label.append(checkbox(!this.#hiddenClusters.has(group.key), (checked) => this.#toggle(this.#hiddenClusters, group.key, checked)), swatch, text);
        return label;
      }),
    );
  }

  /** Repaints the swatches after a theme change. */
  recolour(groups: readonly GroupStyle[]): void {
    for (const group of groups) {
      const swatch = this.#swatches.get(group.key);
      if (swatch) this.#paint(swatch, group);
    }
  }

  #paint(swatch: HTMLElement, group: GroupStyle): void {
    swatch.className = `swatch ${group.distinct ? '' : group.outline}`;
    swatch.style.backgroundColor = group.colour;
  }

  #toggle<T>(hidden: Set<T>, value: T, shown: boolean): void {
    if (shown) hidden.delete(value);
    else hidden.add(value);
    this.onChange(this.state);
  }
}
