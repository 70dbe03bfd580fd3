import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CONCEPT_MAP_VIEW_TYPE, type RenderReport } from '../../src/shared/protocol';
import { EditorFocus } from '../../src/vscode/conceptMap/editorFocus';
import { openNode } from '../../src/vscode/conceptMap/openNode';
import { activateExtension, eventually, openNote, positionOf, UNIT_1 } from './helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';

type Api = Awaited<ReturnType<typeof activateExtension>>;

/** Resolves with the next report of a graph the webview drew that passes `accept`. */
function nextRender(api: Api, accept: (report: RenderReport) => boolean = () => true, timeoutMs = 20_000): Promise<RenderReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no matching render within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = api.conceptMap.onDidRender((report) => {
      if (!accept(report)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(report);
    });
  });
}

/** A message type the map's page was posted, or said, in order, on a panel the test opens itself. */
type Traffic = `${'to' | 'from'} page: ${string}`;

/**
 * A map panel made by the test and handed to the extension as VS Code hands it a panel to restore, with its page's
 * messages recorded both ways; `drop` decides which posts to the page never reach it.
 */
function tracedPanel(api: Api, drop: (type: string) => boolean = () => false): { readonly panel: vscode.WebviewPanel; readonly traffic: Traffic[] } {
  api.conceptMap.panel?.dispose();
  const panel = vscode.window.createWebviewPanel(CONCEPT_MAP_VIEW_TYPE, 'Concept Map', vscode.ViewColumn.Beside);
  const traffic: Traffic[] = [];
  const post = panel.webview.postMessage.bind(panel.webview);
  panel.webview.postMessage = async (message: { readonly type: string }): Promise<boolean> => {
    traffic.push(`to page: ${message.type}`);
    return drop(message.type) ? true : post(message);
  };
  panel.webview.onDidReceiveMessage((message: { readonly type: string }) => traffic.push(`from page: ${message.type}`));
  void api.conceptMap.deserializeWebviewPanel(panel);
  return { panel, traffic };
}

function mapTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('alignmentNotes.conceptMap'));
}

describe('concept map', () => {
  it('opens from its command and draws one node per concept of the index, with every unit and link', async () => {
    const api = await activateExtension();
    const rendered = nextRender(api);
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    assert.ok(api.conceptMap.panel, 'no panel after the command');
    const report = await rendered;
    const graph = api.index.graph();
    assert.equal(report.concepts, api.index.concepts().length);
    assert.equal(report.units, graph.nodes.filter((node) => node.kind === 'unit').length);
    assert.equal(report.edges, graph.edges.length);
    assert.ok(report.concepts >= 40, `only ${report.concepts} concepts drawn`);
  });

  it('gives the page a strict CSP: only its own nonce\'d script, its stylesheet and a blob: worker, from media only', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    const webview = api.conceptMap.panel?.webview ?? assert.fail('no panel');
    const html = webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no CSP');
    const nonce = /script-src 'nonce-([0-9a-f]{32})'/.exec(csp)?.[1] ?? assert.fail(`no nonce in ${csp}`);
    assert.equal(csp, `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; worker-src blob:`);
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((tag) => tag[0].includes(`nonce="${nonce}"`)), [true]);
    assert.doesNotMatch(html, /unsafe-|style="|\son[a-z]+=/);
    const roots = (webview.options.localResourceRoots ?? []).map((uri) => uri.path);
    assert.equal(roots.length, 1);
    assert.match(roots[0] ?? '', /\/media$/);
  });

  it('reuses the open panel instead of opening a second one', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    const first = api.conceptMap.panel;
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    assert.equal(api.conceptMap.panel, first);
    assert.equal(mapTabs().length, 1);
  });

  it('redraws when a note defines a new concept, and gets a markup-like name as its literal label', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    const before = api.index.concepts().length;
    const added = nextRender(api, (report) => report.concepts === before + 1);
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `* **${HOSTILE}**: a concept named like markup; see Schemer.\n` });
    await added;
    assert.equal(api.index.concepts().find((concept) => concept.term === HOSTILE)?.term, HOSTILE);
    const removed = nextRender(api, (report) => report.concepts === before);
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await removed;
  });

  it('draws a concept defined while its page was still loading (the graph built meanwhile is dropped)', async () => {
    const api = await activateExtension();
    api.conceptMap.panel?.dispose();
    const before = api.index.concepts().length;
    // A change before the page is ready schedules no redraw of its own (there is no page to send it to):
    // the graph the page gets when ready must be built after it.
    const drawn = nextRender(api, (report) => report.concepts === before + 1);
    await vscode.commands.executeCommand('alignmentNotes.openConceptMap');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '* **Loading-time concept**: defined while the map opens.\n' });
    assert.equal((await drawn).concepts, before + 1);
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('posts the graph while its page loads, before the page says it is ready, and the page draws it', async () => {
    const api = await activateExtension();
    // VS Code hands a page the messages posted while it loads only when its script comes within about 200 ms of
    // its document; on a loaded machine a first page can be later, and then asks again (the next test). Up to three
    // openings: each posts the graph first and is drawn, and one at least draws the graph posted while it loaded.
    const openings: string[] = [];
    for (let opening = 0; opening < 3; opening++) {
      const drawn = nextRender(api);
      const { traffic } = tracedPanel(api);
      const report = await drawn;
      assert.equal(report.concepts, api.index.concepts().length);
      assert.deepEqual(traffic.slice(0, 3), ['to page: graph', 'to page: summaries', 'from page: ready']);
      // Told so in answer to `ready`.
      assert.ok(traffic.includes('to page: graphSentEarly'), traffic.join(', '));
      openings.push(traffic.join(', '));
      // Sent no second graph: the page drew the one posted while it loaded.
      if (traffic.filter((entry) => entry === 'to page: graph').length === 1) return;
    }
    assert.fail(`no page drew the graph posted while it loaded, in three openings:\n${openings.join('\n')}`);
  });

  it('draws the map for a page whose script ran too late for the graph posted while it loaded: the page asks again', async () => {
    const api = await activateExtension();
    const drawn = nextRender(api);
    // What VS Code does to a page whose script comes more than 200 ms after its document: hands it its messages
    // before it listens. Here the first graph and its summaries never reach the page.
    let dropped = 0;
    const { traffic } = tracedPanel(api, (type) => (type === 'graph' || type === 'summaries') && dropped++ < 2);
    const report = await drawn;
    assert.equal(report.concepts, api.index.concepts().length);
    assert.deepEqual(
      traffic.filter((entry) => entry !== 'to page: focus'),
      ['to page: graph', 'to page: summaries', 'from page: ready', 'to page: graphSentEarly', 'from page: ready', 'to page: graph', 'to page: summaries', 'from page: rendered'],
    );
  });

  it('follows the cursor of the active note to the concept under or before it', async () => {
    const api = await activateExtension();
    const focus = new EditorFocus(api.index);
    try {
      const document = await openNote(UNIT_1);
      const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
      const changed = new Promise<string | undefined>((resolve) => {
        const listener = focus.onDidChange((id) => {
          listener.dispose();
          resolve(id);
        });
      });
      const at = positionOf(document, 'Inner misalignment', 3);
      editor.selection = new vscode.Selection(at, at);
      assert.equal(await changed, api.index.conceptNamed('Inner misalignment')?.id);
    } finally {
      focus.dispose();
    }
  });

  it('opens a unit node at its heading in the first column', async () => {
    const api = await activateExtension();
    const unit = api.index.graph().nodes.find((node) => node.kind === 'unit' && node.label === 'Unit 1 › What failure looks like');
    assert.ok(unit, 'no unit node for "What failure looks like"');
    await openNode(api.index, unit.id);
    const editor = await eventually('the unit note in an editor', () =>
      vscode.window.activeTextEditor?.document.uri.path.endsWith(UNIT_1[1] ?? '') ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.viewColumn, vscode.ViewColumn.One);
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^#+ What failure looks like/);
  });

  it('opens a concept node at its definition with the term selected', async () => {
    const api = await activateExtension();
    const concept = api.index.conceptNamed('Schemer');
    assert.ok(concept);
    await openNode(api.index, concept.id);
    const editor = await eventually('the definition in an editor', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === concept.definitions[0]?.note ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.document.getText(editor.selection), 'Schemer');
  });
});
