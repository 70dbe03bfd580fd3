import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import {
  CONCEPT_MAP_VIEW_TYPE,
  type ConceptNode,
  type FromWebviewMessage,
  isFromWebviewMessage,
  type ToWebviewMessage,
} from '../../shared/protocol';
import { createNonce, renderConceptMapHtml } from './html';

const SUMMARY_LENGTH = 200;
const UPDATE_DELAY_MS = 300;

/** Owns the single concept-map panel: opens or reveals it, revives it after a reload, feeds it the index. */
export class ConceptMapPanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  #panel: vscode.WebviewPanel | undefined;
  #panelDisposables: vscode.Disposable[] = [];
  #ready = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #rendered = new vscode.EventEmitter<number>();
  /** Fires with the node count each time the webview reports it drew a graph. */
  readonly onDidRender = this.#rendered.event;
  readonly #disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly index: CourseIndex,
    onIndexChange: vscode.Event<readonly string[]>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.#disposables = [
      this.#rendered,
      vscode.window.registerWebviewPanelSerializer(CONCEPT_MAP_VIEW_TYPE, this),
      onIndexChange(() => this.#scheduleUpdate()),
    ];
  }

  /** Reveals the panel, creating it beside the editor if there is none. */
  open(): void {
    if (this.#panel) {
      this.#panel.reveal(vscode.ViewColumn.Beside);
      return;
    }
    const panel = vscode.window.createWebviewPanel(CONCEPT_MAP_VIEW_TYPE, 'Concept Map', vscode.ViewColumn.Beside, this.#options());
    this.#attach(panel);
  }

  /** Called by VS Code after a reload for a panel that was open; the webview restores its own state. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = this.#options();
    this.#attach(panel);
  }

  /** The panel currently open, for tests and commands. */
  get panel(): vscode.WebviewPanel | undefined {
    return this.#panel;
  }

  #options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  #attach(panel: vscode.WebviewPanel): void {
    if (this.#panel) this.#panel.dispose();
    this.#panel = panel;
    this.#ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = renderConceptMapHtml(panel.webview, this.extensionUri, createNonce());
    this.#panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.#receive(message)),
      panel.onDidDispose(() => this.#detach(panel)),
    ];
  }

  #detach(panel: vscode.WebviewPanel): void {
    if (this.#panel !== panel) return;
    for (const disposable of this.#panelDisposables) disposable.dispose();
    this.#panelDisposables = [];
    this.#panel = undefined;
  }

  #receive(message: unknown): void {
    if (!isFromWebviewMessage(message)) {
      this.log.warn(`Concept map: ignored a malformed message from the webview.`);
      return;
    }
    void this.#handle(message);
  }

  async #handle(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.#ready = true;
        this.#postGraph();
        return;
      case 'rendered':
        this.#rendered.fire(message.nodeCount);
        return;
      case 'openConcept': {
        const definition = this.index.concept(message.id)?.definitions[0];
        if (!definition) return;
        const { start, end } = definition.termRange;
        await vscode.window.showTextDocument(vscode.Uri.parse(definition.note), {
          viewColumn: vscode.ViewColumn.One,
          selection: new vscode.Range(start.line, start.character, end.line, end.character),
        });
        return;
      }
    }
  }

  #scheduleUpdate(): void {
    if (!this.#panel) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#postGraph(), UPDATE_DELAY_MS);
  }

  #postGraph(): void {
    if (!this.#panel || !this.#ready) return;
    const nodes: ConceptNode[] = this.index.concepts().map((concept) => ({
      id: concept.id,
      label: concept.term,
      summary: (concept.definitions[0]?.text ?? '').slice(0, SUMMARY_LENGTH),
    }));
    const message: ToWebviewMessage = { type: 'graph', nodes };
    void this.#panel.webview.postMessage(message);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#panel?.dispose();
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
