import * as vscode from 'vscode';

/** The `source` our diagnostics carry (see `languageFeatures/diagnostics.ts`). */
export const PROBLEM_SOURCE = 'Alignment Notes';

/**
 * Our problems as the Problems panel holds them (after the settings and the scope chose them), note by note,
 * kept in step with `onDidChangeDiagnostics`: only the notes it names are read again.
 */
export class OurProblems implements vscode.Disposable {
  readonly #byNote = new Map<string, readonly vscode.Diagnostic[]>();
  readonly #changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires with the notes whose problems changed. */
  readonly onDidChange = this.#changed.event;
  readonly #disposables: vscode.Disposable[];

  constructor() {
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) this.#read(uri, diagnostics);
    this.#disposables = [
      this.#changed,
      vscode.languages.onDidChangeDiagnostics((event) => {
        const notes = event.uris.map((uri) => this.#read(uri, vscode.languages.getDiagnostics(uri)));
        this.#changed.fire(notes);
      }),
    ];
  }

  /** Every note with problems, and its problems. */
  get byNote(): ReadonlyMap<string, readonly vscode.Diagnostic[]> {
    return this.#byNote;
  }

  #read(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): string {
    const note = uri.toString();
    const ours = diagnostics.filter((diagnostic) => diagnostic.source === PROBLEM_SOURCE);
    if (ours.length > 0) this.#byNote.set(note, ours);
    else this.#byNote.delete(note);
    return note;
  }

  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
  }
}

/** A diagnostic's code as a string: ours are strings. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const { code } = diagnostic;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
