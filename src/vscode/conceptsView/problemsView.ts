import * as vscode from 'vscode';
import { type ProblemKind, problemsByKind } from '../../core/concepts/conceptProblems';
import { fileNameOf } from '../../core/util/fileName';
import { displayPath } from '../languageFeatures/links';
import { codeOf, type OurProblems } from './ourProblems';

/** Quiet time after problems change before the view is redrawn. */
const UPDATE_DELAY_MS = 300;

/** A diagnostic with its code read as a string. */
type Entry = { readonly code: string | undefined; readonly diagnostic: vscode.Diagnostic };
type KindNode = { readonly kind: 'kind'; readonly group: ProblemKind<Entry> };
type NoteNode = { readonly kind: 'note'; readonly code: string; readonly note: string; readonly problems: readonly Entry[] };
type ProblemNode = { readonly kind: 'problem'; readonly code: string; readonly note: string; readonly index: number; readonly diagnostic: vscode.Diagnostic };
export type NoteProblemNode = KindNode | NoteNode | ProblemNode;

const ICONS: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'lightbulb',
};

/** Where a problem opens: its note with the problem's range selected. */
function openAt(note: string, range: vscode.Range): vscode.Command {
  return { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(note), { selection: range }] };
}

/**
 * The notes with problems, grouped by kind (code): the hints the Problems panel leaves out (the coverage
 * problems) included. Kind → note → problem; a click opens the note at the problem.
 */
export class NoteProblemsProvider implements vscode.TreeDataProvider<NoteProblemNode>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #kinds: KindNode[] | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #disposables: vscode.Disposable[];

  constructor(private readonly problems: OurProblems) {
    this.#disposables = [
      this.#changed,
      problems.onDidChange(() => {
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => {
          this.#kinds = undefined;
          this.#changed.fire(undefined);
        }, UPDATE_DELAY_MS);
      }),
    ];
  }

  /** The kinds shown, each with its notes. */
  kinds(): readonly KindNode[] {
    this.#kinds ??= problemsByKind(
      new Map([...this.problems.byNote].map(([note, list]) => [note, list.map((diagnostic): Entry => ({ code: codeOf(diagnostic), diagnostic }))])),
    ).map((group) => ({ kind: 'kind', group }));
    return this.#kinds;
  }

  getChildren(node?: NoteProblemNode): NoteProblemNode[] {
    if (!node) return [...this.kinds()];
    if (node.kind === 'kind') return node.group.notes.map(({ note, problems }) => ({ kind: 'note', code: node.group.code, note, problems }));
    if (node.kind === 'note') return node.problems.map(({ diagnostic }, index) => ({ kind: 'problem', code: node.code, note: node.note, index, diagnostic }));
    return [];
  }

  getTreeItem(node: NoteProblemNode): vscode.TreeItem {
    if (node.kind === 'kind') {
      const item = new vscode.TreeItem(node.group.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `kind:${node.group.code}`;
      item.description = `${node.group.count}`;
      item.tooltip = `${node.group.title} (${node.group.code}): ${node.group.count} in ${node.group.notes.length} ${node.group.notes.length === 1 ? 'note' : 'notes'}`;
      const worst = Math.min(...node.group.notes.flatMap(({ problems }) => problems.map((problem) => problem.diagnostic.severity)));
      item.iconPath = new vscode.ThemeIcon(ICONS[worst as vscode.DiagnosticSeverity] ?? 'info');
      item.contextValue = 'problemKind';
      return item;
    }
    if (node.kind === 'note') {
      const item = new vscode.TreeItem(fileNameOf(node.note), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `note:${node.code}:${node.note}`;
      item.resourceUri = vscode.Uri.parse(node.note);
      item.description = `${displayPath(node.note).split('/').slice(0, -1).join('/')} · ${node.problems.length}`.replace(/^ · /, '');
      const first = node.problems[0];
      if (first) item.command = openAt(node.note, first.diagnostic.range);
      item.contextValue = 'problemNote';
      return item;
    }
    const { diagnostic } = node;
    const item = new vscode.TreeItem(diagnostic.message, vscode.TreeItemCollapsibleState.None);
    item.id = `problem:${node.code}:${node.note}:${node.index}`;
    item.description = `Ln ${diagnostic.range.start.line + 1}`;
    item.tooltip = diagnostic.message;
    item.iconPath = new vscode.ThemeIcon(ICONS[diagnostic.severity]);
    item.command = openAt(node.note, diagnostic.range);
    return item;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
