import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import type { Position } from '../../core/model';
import { fromVsPosition, noteKey } from '../convert';

/** Quiet time after the cursor moves before local mode follows it, so arrowing through a note stays smooth. */
const FOLLOW_DELAY_MS = 200;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/**
 * The concept at the cursor, else the last one named before it in the note (the one the reader is
 * reading about), else the first one after it.
 */
export function conceptNear(index: CourseIndex, note: string, position: Position): string | undefined {
  const at = index.conceptAt(note, position);
  if (at) return at.id;
  let nearest: string | undefined;
  for (const occurrence of index.occurrencesIn(note)) {
    if (!before(occurrence.range.start, position)) return nearest ?? occurrence.id;
    nearest = occurrence.id;
  }
  return nearest;
}

/**
 * Follows the active note editor and its cursor, and fires the concept near the cursor when it changes.
 * Leaving for a non-note editor or the map itself keeps the last concept, so local mode stays put.
 */
export class EditorFocus implements vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.#changed.event;
  readonly #disposables: vscode.Disposable[];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #current: string | undefined;

  constructor(private readonly index: CourseIndex) {
    this.#disposables = [
      this.#changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.#schedule()),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.#schedule();
      }),
    ];
    this.#current = this.#read();
  }

  /** The concept near the cursor of the active note editor, as last computed. */
  get current(): string | undefined {
    return this.#current;
  }

  /** Re-reads the cursor now, e.g. after the index changed under it. */
  refresh(): void {
    this.#update();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#update(), FOLLOW_DELAY_MS);
  }

  #update(): void {
    const next = this.#read() ?? this.#current;
    if (next === this.#current) return;
    this.#current = next;
    this.#changed.fire(next);
  }

  #read(): string | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const note = noteKey(editor.document);
    if (!this.index.hasNote(note)) return undefined;
    return conceptNear(this.index, note, fromVsPosition(editor.selection.active));
  }

  dispose(): void {
    clearTimeout(this.#timer);
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
