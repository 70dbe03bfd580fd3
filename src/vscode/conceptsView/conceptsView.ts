import * as vscode from 'vscode';
import { definingPlaces } from '../../core/concepts/definingPlaces';
import type { ConceptNode, ConceptTreeNode } from '../../core/concepts/conceptTree';
import type { CourseIndex } from '../../core/index/courseIndex';
import {
  CLEAR_FILTER_COMMAND,
  CONCEPTS_VIEW,
  COPY_DEFINITION_COMMAND,
  FILTER_CONCEPTS_COMMAND,
  FIND_REFERENCES_COMMAND,
  FOLLOW_CURSOR_COMMAND,
  NOTE_PROBLEMS_VIEW,
  OPEN_CONCEPT_COMMAND,
  SHOW_IN_MAP_COMMAND,
  STOP_FOLLOWING_CURSOR_COMMAND,
} from '../commands';
import type { ConceptMapPanels } from '../conceptMap/panel';
import { fromVsPosition, noteKey, toLocation, toVsRange } from '../convert';
import type { WorkspaceNotes } from '../workspaceNotes';
import { ConceptDecorations } from './conceptDecorations';
import { ConceptsProvider } from './conceptsProvider';
import { OurProblems } from './ourProblems';
import { type NoteProblemNode, NoteProblemsProvider } from './problemsView';

/** Quiet time after the cursor moves before the view follows it, so arrowing through a note stays smooth. */
const FOLLOW_DELAY_MS = 200;
/** The setting behind the Follow Cursor toggle; the view title's buttons read it as `config.…` in their `when`. */
const FOLLOW_SETTING = 'conceptsView.followCursor';
/** Set while a filter is on: the view title then offers to clear it. */
const FILTERED_CONTEXT = 'alignmentNotes.conceptsFiltered';

/** What the context menu's commands are given: the row, or a concept id from a test or a keybinding. */
type Target = ConceptNode | string | undefined;

/**
 * The Alignment Notes side bar: the Concepts view (the glossary by home, filtered by our fuzzy search,
 * following the cursor on demand, rows marked when a definition has problems) and the notes with problems
 * by kind, with the commands of both.
 */
export class ConceptsView implements vscode.Disposable {
  readonly provider: ConceptsProvider;
  readonly treeView: vscode.TreeView<ConceptTreeNode>;
  readonly problems = new OurProblems();
  readonly decorations: ConceptDecorations;
  readonly problemsProvider: NoteProblemsProvider;
  readonly problemsView: vscode.TreeView<NoteProblemNode>;
  /** The last concept Follow Cursor revealed, for tests. */
  followed: string | undefined;
  #indexed = false;
  #followTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #disposables: vscode.Disposable[];

  constructor(
    private readonly index: CourseIndex,
    private readonly notes: WorkspaceNotes,
    private readonly conceptMap: ConceptMapPanels,
  ) {
    this.provider = new ConceptsProvider(index);
    this.treeView = vscode.window.createTreeView(CONCEPTS_VIEW, { treeDataProvider: this.provider, showCollapseAll: true });
    this.decorations = new ConceptDecorations(index, this.problems);
    this.problemsProvider = new NoteProblemsProvider(this.problems);
    this.problemsView = vscode.window.createTreeView(NOTE_PROBLEMS_VIEW, { treeDataProvider: this.problemsProvider, showCollapseAll: true });
    this.#disposables = [
      this.provider,
      this.treeView,
      this.problems,
      this.decorations,
      this.problemsProvider,
      this.problemsView,
      vscode.window.registerFileDecorationProvider(this.decorations),
      notes.onDidChange(() => {
        this.#indexed = true;
        this.provider.schedule(this.treeView.visible);
      }),
      // What changed while the view was hidden is taken in when it shows again.
      this.treeView.onDidChangeVisibility(({ visible }) => {
        if (visible) void this.provider.refresh();
      }),
      this.provider.onDidUpdate(() => {
        this.decorations.indexChanged();
        this.#showMessage();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.#scheduleFollow();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.#scheduleFollow()),
      this.treeView.onDidChangeVisibility(() => this.#scheduleFollow()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`alignmentNotes.${FOLLOW_SETTING}`)) this.#scheduleFollow();
      }),
      vscode.commands.registerCommand(OPEN_CONCEPT_COMMAND, (target: Target) => this.open(target)),
      vscode.commands.registerCommand(SHOW_IN_MAP_COMMAND, (target: Target) => this.showInMap(target)),
      vscode.commands.registerCommand(FIND_REFERENCES_COMMAND, (target: Target) => this.findReferences(target)),
      vscode.commands.registerCommand(COPY_DEFINITION_COMMAND, (target: Target) => this.copyDefinition(target)),
      vscode.commands.registerCommand(FILTER_CONCEPTS_COMMAND, (query?: string) => this.filter(query)),
      vscode.commands.registerCommand(CLEAR_FILTER_COMMAND, () => this.filter('')),
      vscode.commands.registerCommand(FOLLOW_CURSOR_COMMAND, () => this.#setFollow(true)),
      vscode.commands.registerCommand(STOP_FOLLOWING_CURSOR_COMMAND, () => this.#setFollow(false)),
    ];
  }

  /** Opens a concept's first defining place with its term selected. Resolves to whether there was one. */
  async open(target: Target): Promise<boolean> {
    const definition = definingPlaces(this.index.definitionsOf(this.#idOf(target) ?? ''))[0];
    if (!definition) return false;
    await vscode.window.showTextDocument(vscode.Uri.parse(definition.note), { selection: toVsRange(definition.termRange), preview: true });
    return true;
  }

  /** Opens the concept map focused on the concept. */
  showInMap(target: Target): string | undefined {
    const id = this.#idOf(target);
    if (id === undefined || !this.index.concept(id)) return undefined;
    this.conceptMap.show(id);
    return id;
  }

  /** Every place the concept is named, in the references peek at its definition. Resolves to those places. */
  async findReferences(target: Target): Promise<vscode.Location[]> {
    const id = this.#idOf(target);
    const definition = id === undefined ? undefined : definingPlaces(this.index.definitionsOf(id))[0];
    if (id === undefined || !definition) return [];
    const locations = this.index.occurrencesOf(id).map((occurrence) => toLocation(occurrence.note, occurrence.range));
    const uri = vscode.Uri.parse(definition.note);
    await vscode.window.showTextDocument(uri, { selection: toVsRange(definition.termRange), preview: true });
    await vscode.commands.executeCommand('editor.action.showReferences', uri, toVsRange(definition.termRange).start, locations);
    return locations;
  }

  /** Copies the concept's first definition, as a glossary bullet's markdown (`**Term**: text`). Resolves to what was copied. */
  async copyDefinition(target: Target): Promise<string | undefined> {
    const concept = this.index.concept(this.#idOf(target) ?? '');
    if (!concept) return undefined;
    const definition = concept.definitions.find((candidate) => candidate.text !== '');
    const text = definition ? `**${concept.term}**: ${definition.markdown}` : `**${concept.term}**`;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied the definition of ${concept.term}.`, 3_000);
    return text;
  }

  /**
   * Filters the view with our fuzzy search (typos and aliases included): asks for the words unless given; an
   * empty query clears the filter, Escape leaves it as it was.
   */
  async filter(query?: string): Promise<void> {
    const words =
      query ??
      (await vscode.window.showInputBox({
        title: 'Filter Concepts',
        value: this.provider.query ?? '',
        prompt: 'Show the concepts whose names or aliases match (typos allowed); empty shows all.',
        placeHolder: 'e.g. reward model',
      }));
    if (words === undefined) return;
    await this.provider.setFilter(words);
    await vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, this.provider.query !== undefined);
  }

  #showMessage(): void {
    const query = this.provider.query;
    if (query !== undefined) {
      const shown = this.provider.shownCount();
      this.treeView.message = `Filtered by "${query}": ${shown === 0 ? 'no concepts match' : shown === 1 ? '1 concept' : `${shown} concepts`}.`;
    } else if (this.#indexed && this.provider.tree.roots().length === 0) {
      this.treeView.message = 'No concepts yet. A note defines one with a bullet such as: * **Term**: what it means.';
    } else this.treeView.message = undefined;
  }

  #idOf(target: Target): string | undefined {
    if (typeof target === 'string') return target;
    if (target) return target.id;
    const selected = this.treeView.selection[0];
    return selected?.kind === 'concept' ? selected.id : undefined;
  }

  #following(): boolean {
    return vscode.workspace.getConfiguration('alignmentNotes').get<boolean>(FOLLOW_SETTING, false);
  }

  async #setFollow(on: boolean): Promise<void> {
    await vscode.workspace.getConfiguration('alignmentNotes').update(FOLLOW_SETTING, on, vscode.ConfigurationTarget.Global);
  }

  #scheduleFollow(): void {
    if (!this.#following() || !this.treeView.visible) return;
    clearTimeout(this.#followTimer);
    this.#followTimer = setTimeout(() => void this.#follow(), FOLLOW_DELAY_MS);
  }

  /** Reveals and selects the concept under the cursor, without taking the focus from the editor. */
  async #follow(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.#following() || !this.treeView.visible) return;
    const note = noteKey(editor.document);
    if (!this.index.hasNote(note)) return;
    await this.notes.sync(editor.document);
    const hit = this.index.conceptAt(note, fromVsPosition(editor.selection.active));
    if (!hit) return;
    await this.provider.refresh();
    const node = this.provider.tree.nodeOf(hit.id);
    if (!node) return;
    await this.treeView.reveal(node, { select: true, focus: false, expand: false });
    this.followed = hit.id;
  }

  dispose(): void {
    clearTimeout(this.#followTimer);
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
