import * as vscode from 'vscode';
import type { CourseIndex } from '../../core/index/courseIndex';
import {
  CONCEPT_MAP_VIEW_TYPE,
  type FromWebviewMessage,
  isFromWebviewMessage,
  type MapGraph,
  type RenderReport,
  type ToWebviewMessage,
  toWire,
} from '../../shared/protocol';
import { EditorFocus } from './editorFocus';
import { saveExport } from './exportFile';
import { createNonce, renderConceptMapHtml } from './html';
import { type BuiltMapGraph, changedSummaries, mapGraphSteps } from './mapGraph';
import { openNode } from './openNode';
import { searchNodes } from './searchNodes';
import { finishInSlices } from '../slices';

/** Quiet time after notes change before the map is redrawn: a burst of saves gives one update. */
const UPDATE_DELAY_MS = 300;

/** Owns the single concept-map panel: opens or reveals it, revives it after a reload, feeds it the index. */
export class ConceptMapPanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  #panel: vscode.WebviewPanel | undefined;
  #panelDisposables: vscode.Disposable[] = [];
  /** True between the webview's `ready` and its page going away (reloaded or closed; a hidden panel keeps its page). */
  #ready = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The graph last sent, which unit-label search runs over. */
  #graph: MapGraph | undefined;
  /** Counts graph builds begun: a build stops when a newer one begins, notes change or the panel goes. */
  #graphBuilds = 0;
  /**
   * The graph being built, or built, while a new page loads (a second or more in VS Code), posted as soon as it
   * is built (`#postEarly`), or when the page is ready if that comes first; undefined when the build stopped.
   * Dropped when the index changes first. Building it only on `ready` put its time on the first picture.
   */
  #prebuilt: Promise<BuiltMapGraph | undefined> | undefined;
  #prebuildTimer: ReturnType<typeof setTimeout> | undefined;
  /** The graph built while the page loaded was posted before it said `ready` (see `#postEarly`). */
  #sentEarly = false;
  /** The page said `ready` and has had no graph since: the focus follows the next graph sent. */
  #focusOwed = false;
  /** The summaries the page has been sent since it said `ready`, by node id: an update sends only those that changed. */
  #sentSummaries = new Map<string, string>();
  /** Follows the editor's cursor for local mode while the panel is open. */
  #focus: EditorFocus | undefined;
  /** A concept asked for by "Show in Concept Map", focused until the cursor moves to another. */
  #shown: string | undefined;
  readonly #rendered = new vscode.EventEmitter<RenderReport>();
  /** Fires with what the webview drew, each time it reports a graph on screen. */
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
      onIndexChange(() => {
        this.#prebuilt = undefined;
        this.#sentEarly = false; // the page, once ready, is sent the graph of the notes as they are now
        this.#graphBuilds++; // a build under way is of notes as they were: the update scheduled builds again
        this.#scheduleUpdate();
      }),
    ];
  }

  /** Reveals the panel, creating it beside the editor if there is none; `preserveFocus` leaves the focus where it is. */
  open(preserveFocus = false): void {
    if (this.#panel) {
      this.#panel.reveal(vscode.ViewColumn.Beside, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(CONCEPT_MAP_VIEW_TYPE, 'Concept Map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, this.#options());
    this.#attach(panel);
  }

  /** Opens the map focused on a concept (its local view centres it): the Concepts view's "Show in Concept Map". */
  show(id: string): void {
    this.#shown = id;
    this.open();
    this.#postFocus();
  }

  /** The concept the map is focused on: the one asked for, else the one near the editor's cursor. */
  get focused(): string | undefined {
    return this.#shown ?? this.#focus?.current;
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

  /**
   * Scripts, and only the `media` folder: the page's script, its styles and nothing from the workspace. The
   * page is kept while the panel is hidden behind another editor: VS Code otherwise drops it and, when the
   * panel is shown again, starts a new webview, whose frame waits about a second for VS Code's service worker
   * (registered again under the new webview's id) before our page even loads, and the map is drawn anew.
   */
  #options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  #attach(panel: vscode.WebviewPanel): void {
    const previous = this.#panel;
    if (previous) {
      this.#detach(previous);
      previous.dispose();
    }
    this.#panel = panel;
    this.#ready = false;
    this.#sentEarly = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = renderConceptMapHtml(panel.webview, this.extensionUri, createNonce());
    // After this turn, so that VS Code starts loading the page first.
    this.#prebuilt = undefined;
    clearTimeout(this.#prebuildTimer);
    this.#prebuildTimer = setTimeout(() => {
      if (this.#panel !== panel || this.#ready) return;
      const building = this.#buildGraph(panel);
      this.#prebuilt = building;
      void building.then((graph) => this.#postEarly(panel, building, graph));
    }, 0);
    const focus = new EditorFocus(this.index);
    this.#focus = focus;
    this.#panelDisposables = [
      focus,
      focus.onDidChange(() => {
        this.#shown = undefined;
        this.#postFocus();
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => this.#receive(message)),
      panel.onDidDispose(() => this.#detach(panel)),
    ];
  }

  #detach(panel: vscode.WebviewPanel): void {
    if (this.#panel !== panel) return;
    for (const disposable of this.#panelDisposables) disposable.dispose();
    this.#panelDisposables = [];
    this.#panel = undefined;
    this.#focus = undefined;
    this.#ready = false;
    this.#sentEarly = false;
    this.#prebuilt = undefined;
    clearTimeout(this.#prebuildTimer);
  }

  /**
   * Posts the graph built while the page loads as soon as it is built, without waiting for `ready`: VS Code keeps
   * the messages for a page that is loading and hands them over once it has loaded, so the graph crosses while VS
   * Code is still loading the page. Waiting for `ready` put that crossing on the first picture (0.25-0.4 s at 4,900
   * nodes, 0.1-0.2 s at 490). Not when the notes changed meanwhile: that graph was dropped.
   */
  #postEarly(panel: vscode.WebviewPanel, building: Promise<BuiltMapGraph | undefined>, graph: BuiltMapGraph | undefined): void {
    if (!graph || this.#panel !== panel || this.#ready || this.#prebuilt !== building) return;
    // Kept as `#prebuilt` for a page that missed it and asks again.
    this.#sentEarly = true;
    this.#sentSummaries = new Map();
    this.#sendGraph(panel, graph);
    this.log.debug(`Concept map: sent the graph of ${graph.nodes.length} nodes while its page loaded.`);
  }

  #receive(message: unknown): void {
    if (!isFromWebviewMessage(message)) {
      this.log.warn('Concept map: ignored a malformed message from the webview.');
      return;
    }
    this.#handle(message).catch((error: unknown) => {
      this.log.error(`Concept map: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async #handle(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.#ready = true;
        if (this.#sentEarly) {
          // VS Code hands a loading page its messages when the page has loaded, or 200 ms after its document was
          // written, whichever comes first: a script that ran later missed them. Such a page says `ready` again.
          this.#sentEarly = false;
          this.#post({ type: 'graphSentEarly' });
          this.#postFocus();
          return;
        }
        this.#focusOwed = true;
        this.#sentSummaries = new Map();
        await this.#postGraph();
        return;
      case 'rendered': {
        const { type: _type, ...report } = message;
        this.log.info(
          `Concept map: drew ${report.concepts} concepts, ${report.units} units and ${report.edges} links ` +
            `(first picture ${Math.round(report.firstPictureMs)} ms, complete ${Math.round(report.completeMs)} ms after the graph arrived).`,
        );
        this.#rendered.fire(report);
        return;
      }
      case 'openNode':
        await openNode(this.index, message.id);
        return;
      case 'search':
        this.#post({ type: 'searchResults', query: message.query, ids: searchNodes(this.index, this.#graph, message.query) });
        return;
      case 'export': {
        const saved = await saveExport(message.format, message.data, this.log);
        if (saved) void vscode.window.showInformationMessage(`Concept map saved to ${vscode.workspace.asRelativePath(saved)}.`);
        return;
      }
    }
  }

  #scheduleUpdate(): void {
    if (!this.#panel) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#postGraph().then((posted) => posted && this.#focus?.refresh());
    }, UPDATE_DELAY_MS);
  }

  /** Sends the graph: the one built while the page loaded, else one built now; resolves to whether it sent it. */
  async #postGraph(): Promise<boolean> {
    const panel = this.#panel;
    if (!panel || !this.#ready) return false;
    const building = this.#prebuilt ?? this.#buildGraph(panel);
    this.#prebuilt = undefined;
    const graph = await building;
    if (!graph || this.#panel !== panel || !this.#ready) return false;
    this.#sendGraph(panel, graph);
    // A page that said `ready` gets the focus after its first graph, whichever build sent it.
    if (this.#focusOwed) this.#postFocus();
    this.#focusOwed = false;
    return true;
  }

  /**
   * Builds the graph in steps of bounded work, turning the event loop every slice of them (on 10,000 notes it is
   * seconds of work). Undefined when it stopped: the panel closed, a newer build began or notes changed (the
   * update then scheduled builds again).
   */
  async #buildGraph(panel: vscode.WebviewPanel): Promise<BuiltMapGraph | undefined> {
    const build = ++this.#graphBuilds;
    const started = Date.now();
    const built = await finishInSlices(mapGraphSteps(this.index), () => build !== this.#graphBuilds || this.#panel !== panel);
    if (built) this.log.debug(`Concept map: built a graph of ${built.value.nodes.length} nodes in ${Date.now() - started} ms.`);
    return built?.value;
  }

  /** Posts the graph, and the summaries the page has not been sent, to the panel's page whether or not it said `ready`. */
  #sendGraph(panel: vscode.WebviewPanel, graph: BuiltMapGraph): void {
    this.#graph = graph;
    void panel.webview.postMessage(toWire({ type: 'graph', graph }));
    const summaries = changedSummaries(graph, this.#sentSummaries);
    if (summaries.length > 0) void panel.webview.postMessage(toWire({ type: 'summaries', summaries }));
  }

  #postFocus(): void {
    const id = this.focused;
    this.#post({ type: 'focus', ...(id === undefined ? {} : { id }) });
  }

  #post(message: ToWebviewMessage): void {
    if (this.#panel && this.#ready) void this.#panel.webview.postMessage(toWire(message));
  }

  dispose(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#prebuildTimer);
    this.#panel?.dispose();
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
