import * as vscode from 'vscode';
import { promptOf, type StudyCard } from '../../core/study/cards';
import { shortDuration } from '../../core/study/schedule';
import { type FromReviewMessage, isFromReviewMessage, REVIEW_LIMITS, REVIEW_VIEW_TYPE, type ReviewProgress, type ShownCard, type ToReviewMessage } from '../../shared/reviewProtocol';
import { createNonce } from '../conceptMap/html';
import { renderReviewHtml } from './reviewHtml';
import type { StudyService } from './studyService';

/** Owns the one review panel: shows the session's current card, takes grades, opens sources. */
export class ReviewPanel implements vscode.Disposable, vscode.WebviewPanelSerializer {
  #panel: vscode.WebviewPanel | undefined;
  #panelDisposables: vscode.Disposable[] = [];
  #ready = false;
  /** The card whose answer the webview has shown: only it can be graded. */
  #revealed: string | undefined;
  readonly #disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly study: StudyService,
    private readonly log: vscode.LogOutputChannel,
    /** Asks for a filter and starts another session (the Review Flashcards command). */
    private readonly startAnother: () => Thenable<unknown>,
  ) {
    this.#disposables = [vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, this), study.onDidChange(() => this.#postCurrent())];
  }

  get panel(): vscode.WebviewPanel | undefined {
    return this.#panel;
  }

  /** Shows the panel (creating it in the active editor's column) on the current session. */
  show(): void {
    if (this.#panel) {
      this.#panel.reveal(undefined, false);
      this.#postCurrent();
      return;
    }
    this.#attach(vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, 'Flashcards', vscode.ViewColumn.Active, this.#options()));
  }

  /** After a reload: the panel comes back on a session over today's due cards. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = this.#options();
    await this.study.ready;
    if (!this.study.active) this.study.start();
    this.#attach(panel);
  }

  #options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  #attach(panel: vscode.WebviewPanel): void {
    this.#panel = panel;
    this.#ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = renderReviewHtml(panel.webview, this.extensionUri, createNonce());
    this.#panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.#receive(message)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.#ready = false;
      }),
      panel.onDidDispose(() => {
        for (const disposable of this.#panelDisposables) disposable.dispose();
        this.#panelDisposables = [];
        if (this.#panel === panel) this.#panel = undefined;
      }),
    ];
  }

  #receive(message: unknown): void {
    if (!isFromReviewMessage(message)) {
      this.log.warn('Flashcards: ignored a malformed message from the review panel.');
      return;
    }
    this.#handle(message).catch((error: unknown) => {
      this.log.error(`Flashcards: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async #handle(message: FromReviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.#ready = true;
        this.#postCurrent();
        return;
      case 'revealed':
        this.#revealed = message.key;
        return;
      case 'grade':
        if (this.#revealed === message.key) {
          this.#revealed = undefined; // before the save's await: the next card may be revealed meanwhile
          if (await this.study.grade(message.key, message.grade)) return;
        }
        // Graded before its answer was shown, or a card no longer current (the session changed): show what is current.
        this.#postCurrent();
        return;
      case 'openSource':
        await this.#openSource(message.key, message.index);
        return;
      case 'again':
        await this.startAnother();
        return;
    }
  }

  async #openSource(key: string, index: number): Promise<void> {
    const definition = this.study.card(key)?.definitions[index];
    if (!definition) return;
    const position = new vscode.Position(definition.line, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(definition.note), {
      selection: new vscode.Range(position, position),
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: false,
    });
  }

  #progress(): ReviewProgress {
    const active = this.study.active;
    return { reviewed: active?.session.reviewed ?? 0, remaining: active?.session.remaining ?? 0, filter: active?.filterLabel ?? 'All cards' };
  }

  #postCurrent(): void {
    if (!this.#panel || !this.#ready) return;
    const card = this.study.active?.session.current;
    if (card) this.#post({ type: 'card', card: this.#shown(card), progress: this.#progress() });
    else this.#post({ type: 'done', progress: this.#progress(), dueToday: this.study.dueToday().length });
  }

  /** The card as the protocol carries it, cut to its limits (a pasted essay as a definition must not block the panel). */
  #shown(card: StudyCard): ShownCard {
    const status = this.study.status(card);
    const intervals = this.study.preview(card);
    const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
    const list = <T>(items: readonly T[]): readonly T[] => items.slice(0, REVIEW_LIMITS.list);
    return {
      key: card.key,
      direction: card.direction,
      term: cut(card.term, REVIEW_LIMITS.name),
      aliases: list(card.aliases).map((alias) => cut(alias, REVIEW_LIMITS.name)),
      prompt: list(promptOf(card)).map((line) => cut(line, REVIEW_LIMITS.text)),
      definitions: list(card.definitions).map((definition) => ({
        text: cut(definition.text, REVIEW_LIMITS.text),
        ...(definition.attribution ? { attribution: cut(definition.attribution, REVIEW_LIMITS.name) } : {}),
        source: `${vscode.workspace.asRelativePath(vscode.Uri.parse(definition.note), false)}:${definition.line + 1}`,
      })),
      kind: status.kind === 'scheduled' ? 'review' : status.kind,
      intervals: { again: shortDuration(intervals.again), hard: shortDuration(intervals.hard), good: shortDuration(intervals.good), easy: shortDuration(intervals.easy) },
    };
  }

  #post(message: ToReviewMessage): void {
    if (this.#panel && this.#ready) void this.#panel.webview.postMessage(message);
  }

  dispose(): void {
    this.#panel?.dispose();
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
