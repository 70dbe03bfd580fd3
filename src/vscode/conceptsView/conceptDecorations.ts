import * as vscode from 'vscode';
import { addMarks, type ConceptMarks, type DefinitionPlace, definitionPlaces, problemsOfConcepts } from '../../core/concepts/conceptProblems';
import type { CourseIndex } from '../../core/index/courseIndex';
import { fromVsPosition } from '../convert';
import { conceptIdOf, conceptUri } from './conceptItems';
import type { OurProblems } from './ourProblems';

/**
 * Marks the Concepts view's rows of concepts with problems: a badge with the count on each row's
 * `resourceUri`, coloured for errors and warnings. A problem belongs to a concept when it starts inside one of
 * its definitions. Only the notes whose problems changed are read again; all of them when the index changed
 * (definitions move).
 */
export class ConceptDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.#changed.event;
  #places: Map<string, DefinitionPlace[]> | undefined;
  /** Each note's marks by concept, and the marks summed over notes. */
  readonly #perNote = new Map<string, Map<string, ConceptMarks>>();
  #marks = new Map<string, ConceptMarks>();
  readonly #disposables: vscode.Disposable[];

  constructor(
    private readonly index: CourseIndex,
    private readonly problems: OurProblems,
  ) {
    this.#disposables = [this.#changed, problems.onDidChange((notes) => this.#update(notes))];
    this.#update([...problems.byNote.keys()]);
  }

  /** The index changed: definitions may have moved, so every note with problems is placed again. */
  indexChanged(): void {
    this.#places = undefined;
    this.#perNote.clear();
    this.#update([...this.problems.byNote.keys()]);
  }

  /** A concept's problem count, for tests and the view. */
  problemsOf(id: string): number {
    return this.#marks.get(id)?.count ?? 0;
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const id = conceptIdOf(uri);
    const marks = id === undefined ? undefined : this.#marks.get(id);
    if (!marks) return undefined;
    const decoration = new vscode.FileDecoration(marks.count > 99 ? '99+' : String(marks.count), marks.count === 1 ? '1 problem' : `${marks.count} problems`);
    if (marks.severity === vscode.DiagnosticSeverity.Error) decoration.color = new vscode.ThemeColor('list.errorForeground');
    else if (marks.severity === vscode.DiagnosticSeverity.Warning) decoration.color = new vscode.ThemeColor('list.warningForeground');
    return decoration;
  }

  #update(notes: readonly string[]): void {
    if (notes.length === 0 && this.#perNote.size === 0) return;
    this.#places ??= definitionPlaces(this.index.concepts());
    for (const note of notes) {
      const diagnostics = this.problems.byNote.get(note) ?? [];
      const places = this.#places.get(note) ?? [];
      const placed = places.length === 0 ? [] : diagnostics.map((d) => ({ range: { start: fromVsPosition(d.range.start), end: fromVsPosition(d.range.end) }, severity: d.severity }));
      const marks = problemsOfConcepts(places, placed);
      if (marks.size > 0) this.#perNote.set(note, marks);
      else this.#perNote.delete(note);
    }
    const next = new Map<string, ConceptMarks>();
    for (const marks of this.#perNote.values()) for (const [id, mark] of marks) addMarks(next, id, mark);
    const changed = [...new Set([...next.keys(), ...this.#marks.keys()])].filter((id) => {
      const a = next.get(id);
      const b = this.#marks.get(id);
      return a?.count !== b?.count || a?.severity !== b?.severity;
    });
    this.#marks = next;
    if (changed.length > 0) this.#changed.fire(changed.map(conceptUri));
  }

  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
