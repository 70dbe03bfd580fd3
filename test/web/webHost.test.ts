import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { answerRequest } from '../../src/core/notes/analysisMessages';
import { ANALYSIS_WORKER, blobWorkerPool } from '../../src/webHost/blobWorkers';
import { activateExtension, EXTENSION_ID } from '../integration/helpers';

const decoder = new TextDecoder();

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

describe('analysing notes on a Worker in the web worker extension host', () => {
  it('analyses each note on its Worker exactly as this thread does, hostile notes included, in order', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension under test is not installed');
    const pool = blobWorkerPool(() => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, ...ANALYSIS_WORKER)), { size: 2 });
    assert.ok(pool, 'no Worker in this host');
    try {
      // The notes of the workspace open (the course, or the vault in the vault's suite).
      const files = (await vscode.workspace.findFiles('**/*.md', '**/node_modules/**')).sort((a, b) => a.path.localeCompare(b.path));
      assert.ok(files.length >= 3, `${files.length} notes in the workspace`);
      const notes = await Promise.all(files.map(async (uri) => decoder.decode(await vscode.workspace.fs.readFile(uri))));
      const texts = [
        ...notes,
        '---\ntags: [alignment]\n---\n# Page\n\n> [!note] Callout\n> See [[Reward hacking|hacking]] and [[Unit 1#What is AI alignment?]].\n',
        `Quoted from a forum: ${'*a '.repeat(5_000)}\n`,
        'PK\u0000\u0003 not a note',
        // Over a batch (256 KB) on its own: the texts go to both workers, and still come back in order.
        `# Long index\n\n${Array.from({ length: 4_000 }, (_, i) => `* **Term ${i}**: see [[Page ${i}]] and [a source](https://example.org/${i}).`).join('\n')}\n`,
        '# After the long one\n',
      ];
      const delivered: [number, string][] = [];
      await pool.analyse(texts, (i, packed) => delivered.push([i, packed]));
      assert.deepEqual(delivered, texts.map((text, i) => [i, answerRequest({ id: 0, texts: [text] }).analyses[0]]));
      assert.ok(pool.running > 0, 'no worker was started');
    } finally {
      await pool.dispose();
    }
  });

  it('rejects with the reason when the worker\'s script throws as it loads, or never says it is ready', async () => {
    const encoder = new TextEncoder();
    const throwing = blobWorkerPool(() => Promise.resolve(encoder.encode('throw new Error("boom");')));
    const silent = blobWorkerPool(() => Promise.resolve(encoder.encode('/* loads, then answers nothing */')), { readyMs: 1_000 });
    assert.ok(throwing && silent, 'no Worker in this host');
    try {
      const failure = (pool: NonNullable<typeof silent>): Promise<string> =>
        pool.analyse(['# A note\n'], () => undefined).then(
          () => 'resolved',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
      assert.match(await failure(throwing), /an analysis worker failed \(.*boom/);
      assert.match(await failure(silent), /an analysis worker did not start within 1 s/);
    } finally {
      await Promise.all([throwing.dispose(), silent.dispose()]);
    }
  });

  it('rejects with the reason when the worker\'s script cannot be read, so the extension analyses in slices instead', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension under test is not installed');
    const pool = blobWorkerPool(() => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'no-such-folder', ...ANALYSIS_WORKER)));
    assert.ok(pool, 'no Worker in this host');
    try {
      const failure = await pool.analyse(['# A note\n'], () => undefined).then(
        () => 'resolved',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      assert.match(failure, /could not read the analysis worker's script/);
    } finally {
      await pool.dispose();
    }
  });

  it('leaves the extension host\'s thread to answer: the extension analyses on its Worker, not in slices', async () => {
    const api = await activateExtension();
    assert.deepEqual(api.log.since(0).filter((line) => /analysed on the extension host's thread|off the extension host's thread failed/.test(line)), []);
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
