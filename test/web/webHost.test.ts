import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../integration/helpers';

describe('web worker extension host', () => {
  it('runs the extension in a web worker, without Node or the DOM, from its browser bundle', async () => {
    const api = await activateExtension();
    assert.ok('WorkerGlobalScope' in globalThis, 'these tests are not running in a worker');
    for (const name of ['process', 'Buffer', 'document', 'window']) assert.ok(!(name in globalThis), `${name} exists here`);
    // The tests run in the host of the extension they sit in, so the extension is in this worker too.
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind, vscode.ExtensionKind.UI);
    const activated = api.log.since(0).find((line) => line.includes('Alignment Notes activated'));
    assert.match(activated ?? '', /web worker extension host/, 'the activation line does not name the web bundle');
  });
});

/** The part of a dedicated worker these tests use; the web layer's types have no DOM. */
interface NestedWorker {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onerror: ((event: { readonly message?: string }) => void) | null;
  terminate(): void;
}

describe('workers in the web worker extension host', () => {
  it('can start a worker of its own from a blob: URL, which notes could be analysed on', async () => {
    const { Worker } = globalThis as unknown as { Worker?: new (url: string) => NestedWorker };
    assert.equal(typeof Worker, 'function', 'no Worker in this host');
    if (!Worker) return;
    const answer = (url: string): Promise<string> =>
      new Promise((resolve) => {
        const worker = new Worker(url);
        const done = (result: string): void => {
          worker.terminate();
          resolve(result);
        };
        worker.onmessage = (event) => done(`message ${String(event.data)}`);
        worker.onerror = (event) => done(`error ${event.message ?? ''}`);
      });
    const blob = URL.createObjectURL(new Blob(['postMessage(6 * 7)'], { type: 'text/javascript' }));
    assert.equal(await answer(blob), 'message 42');
  });
});

describe('Markdown preview in the web worker extension host', () => {
  it('says in one log line that the preview is not extended when VS Code\'s Markdown extension runs in another host', async () => {
    const api = await activateExtension();
    const lines = api.log.since(0).filter((line) => line.includes('the Markdown preview shows notes without'));
    // code-server runs its Markdown extension in the remote (Node) host; vscode.dev runs it in this worker.
    assert.equal(lines.length, vscode.extensions.getExtension('vscode.markdown-language-features') ? 0 : 1);
  });
});
