import type { Concept } from '../model';
import type { Home } from './conceptHome';

/** What the tree is built from: the index, or a test's stand-in. */
export interface ConceptTreeSource {
  /** Every concept, sorted by term. */
  concepts(): readonly Concept[];
  /** Each concept's home, by concept id. */
  homes(): ReadonlyMap<string, Home>;
}

/** A home with its concepts: a top-level row. The same object stands for a home across updates. */
export interface GroupNode {
  readonly kind: 'group';
  /** The home's key, or `NO_HOME` for concepts the index gave no home. */
  readonly key: string;
  home: Home;
  /** Concepts shown (those the filter lets through), and in all. */
  shown: number;
  total: number;
}

/** The concepts of a large group whose terms start with one letter, so that no row opens thousands at once. */
export interface BucketNode {
  readonly kind: 'bucket';
  readonly key: string;
  readonly group: GroupNode;
  /** `A`, `B`..., `#` for digits, `…` for anything else. */
  readonly label: string;
  readonly shown: number;
}

export interface ConceptNode {
  readonly kind: 'concept';
  readonly id: string;
  /** The concept as of its group's last refresh: its row; ask the index for where it is defined now. */
  readonly concept: Concept;
  readonly parent: GroupNode | BucketNode;
}

export type ConceptTreeNode = GroupNode | BucketNode | ConceptNode;

/** What an update changed: the top level (groups came, went or moved), or only these groups' rows and children. */
export interface TreeChange {
  readonly root: boolean;
  readonly groups: readonly GroupNode[];
}

/** The group of concepts that have no home. */
export const NO_HOME: Home = { key: 'none:', kind: 'note', label: 'Other', title: 'Concepts with no home' };

/** Groups with more concepts than this show them under first-letter buckets. */
export const BUCKET_THRESHOLD = 200;

const KIND_ORDER: Record<Home['kind'], number> = { unit: 0, type: 1, folder: 2, note: 3 };
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Units in their order (`Unit 2` before `Unit 10`), then types, folders and notes, each by label. */
function compareHomes(a: Home, b: Home): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The bucket a term goes under: its first letter, `#` for a digit, `…` for anything else. */
export function bucketOf(term: string): string {
  const first = term.trimStart().charAt(0);
  if (/\p{L}/u.test(first)) return first.toLocaleUpperCase();
  return /\p{N}/u.test(first) ? '#' : '…';
}

interface GroupState {
  readonly node: GroupNode;
  /** Member concepts in term order, all of them. */
  members: Concept[];
  /** Rows under the group, made when first asked for and kept until the group changes. */
  children?: readonly (BucketNode | ConceptNode)[];
  /** Each bucket's concepts, and its rows once opened. */
  buckets?: Map<BucketNode, { readonly concepts: readonly Concept[]; rows?: readonly ConceptNode[] }>;
}

/**
 * The Concepts view's model: concepts grouped by home, with the filter applied. Each update compares concept
 * objects (the index replaces only those that changed) and homes, so it can tell the view which groups to
 * refresh; a group's rows are made only when it is opened (30,000 concepts give a few dozen rows at first),
 * and kept until its concepts change.
 */
export class ConceptTree {
  #groups = new Map<string, GroupState>();
  /** The groups shown, in order. */
  #roots: GroupNode[] = [];
  #conceptOf = new Map<string, Concept>();
  #groupOf = new Map<string, string>();
  #filter: ReadonlySet<string> | undefined;
  #made = 0;

  /** Concept rows made so far: a measure of work for tests (rows are made lazily, per opened group). */
  get rowsMade(): number {
    return this.#made;
  }

  get filter(): ReadonlySet<string> | undefined {
    return this.#filter;
  }

  /** Reads the source again; returns what changed since the last update. */
  update(source: ConceptTreeSource): TreeChange {
    const homes = source.homes();
    const changed = new Set<string>();
    const members = new Map<string, Concept[]>();
    const seen = new Set<string>();
    for (const concept of source.concepts()) {
      const home = homes.get(concept.id) ?? NO_HOME;
      seen.add(concept.id);
      let list = members.get(home.key);
      if (!list) {
        members.set(home.key, (list = []));
        const state = this.#groups.get(home.key);
        if (state && !sameHome(state.node.home, home)) {
          state.node.home = home;
          changed.add(home.key);
        } else if (!state) this.#groups.set(home.key, { node: { kind: 'group', key: home.key, home, shown: 0, total: 0 }, members: [] });
      }
      list.push(concept);
      const before = this.#groupOf.get(concept.id);
      const previous = this.#conceptOf.get(concept.id);
      if (previous === concept && before === home.key) continue;
      // An edit rebuilds every concept its note defines: only those whose row looks different refresh their group.
      if (!previous || before !== home.key || !sameRow(previous, concept)) {
        changed.add(home.key);
        if (before !== undefined) changed.add(before);
      }
      this.#conceptOf.set(concept.id, concept);
      this.#groupOf.set(concept.id, home.key);
    }
    for (const [id, key] of this.#groupOf) {
      if (seen.has(id)) continue;
      changed.add(key);
      this.#groupOf.delete(id);
      this.#conceptOf.delete(id);
    }
    for (const [key, state] of this.#groups) {
      const list = members.get(key);
      if (!list) {
        this.#groups.delete(key);
        continue;
      }
      if (!changed.has(key) && list.length === state.members.length) continue;
      changed.add(key);
      state.members = list;
    }
    return this.#settle(changed);
  }

  /** Shows only these concepts (the fuzzy search's results), or all again with `undefined`. */
  setFilter(ids: Iterable<string> | undefined): TreeChange {
    this.#filter = ids === undefined ? undefined : new Set(ids);
    return this.#settle(new Set(this.#groups.keys()));
  }

  /** The top-level rows: the groups with a concept to show, in order. */
  roots(): readonly GroupNode[] {
    return this.#roots;
  }

  /** A row's children: a group's buckets or concepts, a bucket's concepts; none for a concept. */
  children(node: ConceptTreeNode): readonly ConceptTreeNode[] {
    if (node.kind === 'concept') return [];
    if (node.kind === 'bucket') {
      const bucket = this.#groups.get(node.group.key)?.buckets?.get(node);
      if (!bucket) return [];
      bucket.rows ??= this.#conceptRows(bucket.concepts, node);
      return bucket.rows;
    }
    const state = this.#groups.get(node.key);
    if (!state || state.node !== node) return [];
    state.children ??= this.#rows(state);
    return state.children;
  }

  parent(node: ConceptTreeNode): GroupNode | BucketNode | undefined {
    if (node.kind === 'group') return undefined;
    return node.kind === 'bucket' ? node.group : node.parent;
  }

  /** The row of a concept, making its group's rows if needed; undefined when it is not shown. */
  nodeOf(id: string): ConceptNode | undefined {
    const key = this.#groupOf.get(id);
    const state = key === undefined ? undefined : this.#groups.get(key);
    if (!state || (this.#filter && !this.#filter.has(id))) return undefined;
    const letter = bucketOf(this.#conceptOf.get(id)?.term ?? '');
    for (const row of this.children(state.node)) {
      if (row.kind === 'concept' && row.id === id) return row;
      // Only the concept's own bucket is opened.
      if (row.kind === 'bucket' && row.label === letter) return this.children(row).find((child): child is ConceptNode => child.kind === 'concept' && child.id === id);
    }
    return undefined;
  }

  /** The group a concept is in. */
  groupOf(id: string): GroupNode | undefined {
    const key = this.#groupOf.get(id);
    return key === undefined ? undefined : this.#groups.get(key)?.node;
  }

  /** Counts, drops the rows of changed groups and orders the groups; the top level changes when the shown groups do. */
  #settle(changed: ReadonlySet<string>): TreeChange {
    const groups: GroupNode[] = [];
    for (const key of changed) {
      const state = this.#groups.get(key);
      if (!state) continue;
      state.children = undefined;
      state.buckets = undefined;
      state.node.total = state.members.length;
      state.node.shown = this.#filter ? state.members.reduce((sum, concept) => sum + (this.#filter?.has(concept.id) ? 1 : 0), 0) : state.members.length;
      groups.push(state.node);
    }
    const roots = [...this.#groups.values()].map((state) => state.node).filter((node) => node.shown > 0).sort((a, b) => compareHomes(a.home, b.home));
    const root = roots.length !== this.#roots.length || roots.some((node, i) => node !== this.#roots[i]);
    this.#roots = roots;
    return { root, groups: root ? [] : groups.filter((node) => node.shown > 0) };
  }

  #rows(state: GroupState): readonly (BucketNode | ConceptNode)[] {
    const shown = this.#filter ? state.members.filter((concept) => this.#filter?.has(concept.id)) : state.members;
    if (shown.length <= BUCKET_THRESHOLD) return this.#conceptRows(shown, state.node);
    const byLetter = new Map<string, Concept[]>();
    for (const concept of shown) {
      const letter = bucketOf(concept.term);
      let list = byLetter.get(letter);
      if (!list) byLetter.set(letter, (list = []));
      list.push(concept);
    }
    state.buckets = new Map();
    const buckets: BucketNode[] = [];
    for (const [label, concepts] of [...byLetter].sort(([a], [b]) => collator.compare(a, b))) {
      const bucket: BucketNode = { kind: 'bucket', key: `${state.node.key}\0${label}`, group: state.node, label, shown: concepts.length };
      buckets.push(bucket);
      state.buckets.set(bucket, { concepts });
    }
    return buckets;
  }

  #conceptRows(concepts: readonly Concept[], parent: GroupNode | BucketNode): ConceptNode[] {
    this.#made += concepts.length;
    return concepts.map((concept) => ({ kind: 'concept', id: concept.id, concept, parent }));
  }
}

/** Whether two versions of a concept show the same row: its term, its count of definitions and the first one (the tooltip). */
function sameRow(a: Concept, b: Concept): boolean {
  const first = a.definitions[0];
  const other = b.definitions[0];
  return (
    a.term === b.term &&
    a.definitions.length === b.definitions.length &&
    first?.note === other?.note &&
    first?.markdown === other?.markdown &&
    first?.style === other?.style
  );
}

function sameHome(a: Home, b: Home): boolean {
  return a.key === b.key && a.kind === b.kind && a.label === b.label && a.title === b.title;
}
