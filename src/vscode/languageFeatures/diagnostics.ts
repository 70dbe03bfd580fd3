import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import type { Diagnostic, Severity } from '../../core/index/diagnostic';
import { toLocation, toVsRange } from '../convert';
import { COVERAGE_CODES, type CoverageCode } from '../../core/coverage/coverageRules';
import type { Settings } from '../settings';
import { finishInSlices, Slices } from '../slices';

/** Quiet time before problems are recomputed after changes. */
const DELAY_MS = 250;
/** Notes whose problems are recomputed between yields to the event loop. */
const BATCH = 200;
/** With `diagnostics.scope: auto`, the most notes whose problems are all shown. */
const AUTO_WORKSPACE_LIMIT = 1_000;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function toVsDiagnostic(diagnostic: Diagnostic): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toVsRange(diagnostic.range), diagnostic.message, SEVERITY[diagnostic.severity]);
  result.source = 'Alignment Notes';
  result.code = diagnostic.code;
  if (diagnostic.related) {
    result.relatedInformation = diagnostic.related.map((r) => new vscode.DiagnosticRelatedInformation(toLocation(r.note, r.range), r.message));
  }
  return result;
}

/**
 * The Problems panel: each note's diagnostics from the core, filtered by the settings, for the notes of
 * the configured scope (every note, or the open ones: 10,000 notes give some 80,000 problems, and the window
 * then answered nothing else for a minute). After an edit that changes no term, alias or heading only that
 * note is recomputed; otherwise every note in scope, in batches.
 */
export class NoteDiagnostics implements vscode.Disposable {
  readonly #collection = vscode.languages.createDiagnosticCollection('alignment-notes');
  readonly #dirty = new Set<string>();
  #seenStructure = -1;
  /** The concepts named nowhere but in their definitions, when problems were last computed. */
  #unnamed = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> = Promise.resolve();
  readonly #disposables: vscode.Disposable[];

  constructor(
    private readonly index: CourseIndex,
    onNotesChange: vscode.Event<readonly string[]>,
    private readonly settings: () => Settings,
  ) {
    this.#disposables = [
      this.#collection,
      onNotesChange((notes) => this.#schedule(notes)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('alignmentNotes.diagnostics')) this.#schedule(undefined);
      }),
      // Opening or closing a note changes the notes in scope when only open notes are shown.
      vscode.workspace.onDidOpenTextDocument((document) => this.#onOpenOrClose(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.#onOpenOrClose(document)),
    ];
  }

  /** Waits for pending updates: for tests and for commands that need current problems. */
  async settled(): Promise<void> {
    while (this.#timer !== undefined) await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    await this.#running;
  }

  #schedule(notes: readonly string[] | undefined): void {
    if (notes === undefined) this.#seenStructure = -1;
    else for (const note of notes) this.#dirty.add(note);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = this.#running.then(() => this.#update());
    }, DELAY_MS);
  }

  async #update(): Promise<void> {
    if (!(await this.#ready())) return;
    const everything = this.#seenStructure !== this.index.structureVersion;
    this.#seenStructure = this.index.structureVersion;
    const inScope = this.#inScope();
    const notes = everything ? this.index.notes().filter(inScope) : [...this.#dirty];
    this.#dirty.clear();
    if (this.#coverage().has('coverage-unmentioned-concept') && notes.length > 0) {
      // Counting mentions reads every note's prose once after a term changes (seconds on 10,000 notes): in slices.
      const slices = new Slices();
      while (!this.index.scanOccurrences(() => slices.due())) await slices.pause();
      // A mention written or deleted in one note changes the problems of the notes that define the concept.
      const flipped = this.#unnamedChanged().filter((note) => inScope(note) && !notes.includes(note));
      if (!everything) notes.push(...flipped);
    } else this.#unnamed = new Set();
    if (everything) {
      const current = new Set(notes);
      this.#collection.forEach((uri) => {
        if (!current.has(uri.toString())) this.#collection.delete(uri);
      });
    }
    for (let i = 0; i < notes.length; i += BATCH) {
      // Notes may have changed while the last batch waited; if they change on, the next update takes the rest.
      if (!(await this.#ready())) {
        for (const note of notes.slice(i)) this.#dirty.add(note);
        return;
      }
      // One message to the window per batch: one per note (10,000 after a full index) kept it busy for minutes.
      this.#collection.set(notes.slice(i, i + BATCH).map((note) => this.#problemsOf(note, inScope)));
      if (i + BATCH < notes.length) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /**
   * Rebuilds what every note's problems read, in slices: hundreds of ms for 10,000 notes, in one block otherwise.
   * False when notes changed meanwhile (a newer update is scheduled): a burst of changes is waited out, as before,
   * rather than rebuilt after each.
   */
  async #ready(): Promise<boolean> {
    return (await finishInSlices(this.index.diagnosticsSteps(), () => this.#timer !== undefined)) !== undefined;
  }

  #onOpenOrClose(document: vscode.TextDocument): void {
    const note = document.uri.toString();
    if (!this.#everyNote() && this.index.hasNote(note)) this.#schedule([note]);
  }

  /** Whether the scope setting shows every note's problems (or only those of open notes). */
  #everyNote(): boolean {
    const { scope } = this.settings().diagnostics;
    return scope === 'workspace' || (scope === 'auto' && this.index.noteCount <= AUTO_WORKSPACE_LIMIT);
  }

  /** Whether a note's problems are shown, under the scope setting. */
  #inScope(): (note: string) => boolean {
    if (this.#everyNote()) return () => true;
    const open = new Set(vscode.workspace.textDocuments.filter((document) => !document.isClosed).map((document) => document.uri.toString()));
    return (note) => open.has(note);
  }

  /** A note's problems, or `undefined` (which clears them) when it is gone, out of scope or problems are off. */
  #problemsOf(note: string, inScope: (note: string) => boolean): [vscode.Uri, vscode.Diagnostic[] | undefined] {
    const uri = vscode.Uri.parse(note);
    const { enabled, disabled } = this.settings().diagnostics;
    if (!enabled || !this.index.hasNote(note) || !inScope(note)) return [uri, undefined];
    return [uri, this.index.diagnostics(note, this.#coverage()).filter((d) => !disabled.has(d.code)).map(toVsDiagnostic)];
  }

  /** The notes that define a concept that became, or stopped being, named nowhere but in its definitions. */
  #unnamedChanged(): string[] {
    const counts = this.index.mentionCounts();
    const now = new Set(this.index.concepts().flatMap((concept) => (counts.has(concept.id) ? [] : [concept.id])));
    const notes = new Set<string>();
    const flip = (id: string): void => {
      for (const definition of this.index.definitionsOf(id)) notes.add(definition.note);
    };
    for (const id of now) if (!this.#unnamed.has(id)) flip(id);
    for (const id of this.#unnamed) if (!now.has(id)) flip(id);
    this.#unnamed = now;
    return [...notes];
  }

  /** The coverage problems whose settings are on. */
  #coverage(): ReadonlySet<CoverageCode> {
    const { enabled, disabled } = this.settings().diagnostics;
    return new Set(enabled ? COVERAGE_CODES.filter((code) => !disabled.has(code)) : []);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    for (const disposable of this.#disposables) disposable.dispose();
  }
}

/** The quick fix for a citation whose anchor matches no heading: write the closest heading's anchor instead. */
export class AnchorQuickFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly index: CourseIndex) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      if (diagnostic.code !== 'citation-anchor-not-found') return [];
      const found = this.index.citationAt(document.uri.toString(), { line: diagnostic.range.start.line, character: diagnostic.range.start.character });
      if (!found || found.resolution.kind !== 'local' || !found.resolution.heading) return [];
      const text = document.getText(diagnostic.range);
      const hash = text.lastIndexOf('#');
      const close = text.lastIndexOf(')');
      if (hash < 0 || close < hash) return [];
      const start = document.positionAt(document.offsetAt(diagnostic.range.start) + hash + 1);
      const end = document.positionAt(document.offsetAt(diagnostic.range.start) + close);
      const slug = found.resolution.heading.slug;
      const action = new vscode.CodeAction(`Change the anchor to #${slug} ("${found.resolution.heading.text}")`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, new vscode.Range(start, end), slug);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return [action];
    });
  }
}

/** The quick fixes for a wikilink that leads nowhere: rewrite it to one of the closest note names (up to three). */
export class BrokenLinkQuickFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly index: CourseIndex) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.code === 'link-broken');
    if (ours.length === 0) return [];
    const found = this.index.diagnostics(document.uri.toString()).filter((d) => d.code === 'link-broken');
    return ours.flatMap((diagnostic) => {
      const same = found.find((d) => d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character);
      return (same?.suggestions ?? []).map((link, i) => {
        const action = new vscode.CodeAction(`Change the link to ${link}`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, link);
        action.diagnostics = [diagnostic];
        action.isPreferred = i === 0;
        return action;
      });
    });
  }
}
