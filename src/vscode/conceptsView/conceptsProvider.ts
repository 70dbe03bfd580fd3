import * as vscode from 'vscode';
import { ConceptTree, type ConceptTreeNode } from '../../core/concepts/conceptTree';
import type { CourseIndex } from '../../core/index/courseIndex';
import { finishInSlices } from '../slices';
import { conceptTooltip, conceptTreeItem } from './conceptItems';

/** Quiet time after notes change before the view is updated: typing gives one update per pause. */
const UPDATE_DELAY_MS = 300;
/** Most concepts a filter shows: the fuzzy search's best matches. */
export const FILTER_LIMIT = 500;

/**
 * The Concepts view's data: the core's `ConceptTree` over the index. After notes change it updates the model
 * and refreshes only the groups whose rows changed (the whole view only when groups come, go or move).
 */
export class ConceptsProvider implements vscode.TreeDataProvider<ConceptTreeNode>, vscode.Disposable {
  readonly tree = new ConceptTree();
  readonly #changed = new vscode.EventEmitter<ConceptTreeNode | ConceptTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  readonly #updated = new vscode.EventEmitter<void>();
  /** Fires after the model took in the index's changes. */
  readonly onDidUpdate = this.#updated.event;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stale = true;
  #refreshing: Promise<void> | undefined;
  #query: string | undefined;
  /** Tree refreshes fired, whole and per group: for tests that an edit refreshes one group. */
  readonly refreshes = { whole: 0, groups: 0 };

  constructor(private readonly index: CourseIndex) {}

  /** The filter's query, when one is set. */
  get query(): string | undefined {
    return this.#query;
  }

  /**
   * Notes changed: the model is updated after a quiet moment (at once when the view asks first). While the
   * view is hidden nothing is computed until it shows again (`visible` false).
   */
  schedule(visible = true): void {
    this.#stale = true;
    clearTimeout(this.#timer);
    this.#timer = visible ? setTimeout(() => void this.#refreshSoon(), UPDATE_DELAY_MS) : undefined;
  }

  /**
   * `refresh`, unless notes change meanwhile: the update then scheduled does it.
   */
  async #refreshSoon(): Promise<void> {
    this.#timer = undefined;
    if (await this.#homesInSlices(() => this.#timer !== undefined)) this.refreshNow();
  }

  /**
   * Brings the model up to date with the index, every concept's home built in slices first (over a second of
   * work for 10,000 notes, which `refreshNow` would do in one block), and tells the view what changed. Calls
   * made while one runs share it.
   */
  refresh(): Promise<void> {
    if (!this.#stale) return Promise.resolve();
    this.#refreshing ??= (async () => {
      try {
        await this.#homesInSlices(() => false);
        this.refreshNow();
      } finally {
        this.#refreshing = undefined;
      }
    })();
    return this.#refreshing;
  }

  /** Builds every concept's home in slices; false when `stop` said to stop between two slices. */
  async #homesInSlices(stop: () => boolean): Promise<boolean> {
    return (await finishInSlices(this.index.homesSteps(), stop)) !== undefined;
  }

  /** Brings the model up to date with the index now, and tells the view what changed. */
  refreshNow(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#stale) return;
    this.#stale = false;
    const change = this.tree.update(this.index);
    // A filter is a query: what it matches may have changed with the notes.
    const filtered = this.#query === undefined ? undefined : this.tree.setFilter(this.#ids(this.#query));
    if (filtered?.root || change.root) this.#fire(undefined);
    else if (filtered) this.#fire(filtered.groups);
    else if (change.groups.length > 0) this.#fire(change.groups);
    this.#updated.fire();
  }

  /** Shows only the concepts our fuzzy search finds for `query`; `undefined` or blank shows them all again. */
  async setFilter(query: string | undefined): Promise<void> {
    await this.refresh();
    this.#query = query === undefined || query.trim() === '' ? undefined : query.trim();
    const change = this.tree.setFilter(this.#query === undefined ? undefined : this.#ids(this.#query));
    this.#fire(change.root ? undefined : change.groups);
    this.#updated.fire();
  }

  /** How many concepts the filter lets through. */
  shownCount(): number {
    return this.tree.roots().reduce((sum, group) => sum + group.shown, 0);
  }

  getTreeItem(node: ConceptTreeNode): vscode.TreeItem {
    return conceptTreeItem(node, this.index);
  }

  /** The tooltip is made when a row is hovered, not for every row shown. */
  resolveTreeItem(item: vscode.TreeItem, node: ConceptTreeNode): vscode.TreeItem {
    if (node.kind === 'concept') item.tooltip = conceptTooltip(this.index.concept(node.id) ?? node.concept);
    return item;
  }

  /** At once when the model is up to date; otherwise once `refresh` has built what it needs in slices. */
  getChildren(node?: ConceptTreeNode): ConceptTreeNode[] | Promise<ConceptTreeNode[]> {
    const children = (): ConceptTreeNode[] => [...(node ? this.tree.children(node) : this.tree.roots())];
    return this.#stale ? this.refresh().then(children) : children();
  }

  getParent(node: ConceptTreeNode): ConceptTreeNode | undefined {
    return this.tree.parent(node);
  }

  #ids(query: string): string[] {
    return this.index.search(query, FILTER_LIMIT).map((result) => result.id);
  }

  #fire(nodes: readonly ConceptTreeNode[] | undefined): void {
    if (nodes === undefined) this.refreshes.whole++;
    else if (nodes.length === 0) return;
    else this.refreshes.groups += nodes.length;
    this.#changed.fire(nodes === undefined ? undefined : [...nodes]);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#changed.dispose();
    this.#updated.dispose();
  }
}
