// mocha's browser build (the web worker host has no Node): sets the global `mocha`. It must be set up
// before the test files call `describe`, so each suite's entry imports this module first.
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import { runAndCount } from '../integration/results';

mocha.setup({ ui: 'bdd', timeout: 30_000, reporter: 'spec', color: false });

/** What the harness (scripts/lib/integration.ts) asks of this run, in `test-run.json` beside the workspace folder. */
interface RunOptions {
  readonly grep?: string;
}

/**
 * The harness's folder for this run: the workspace folder's parent. The web worker host has neither
 * environment variables nor `fs`, so options come in and results go out as files there, through workspace.fs.
 */
function runFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the web integration tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, '..');
}

async function readOptions(dir: vscode.Uri): Promise<RunOptions> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'test-run.json')).then(
    (data) => data,
    () => undefined,
  );
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as RunOptions) : {};
}

/** Names the host by what this realm has: a worker global scope and no Node `process` mean the web worker host. */
function hostKind(): string {
  return 'WorkerGlobalScope' in globalThis && !('process' in globalThis) ? 'web worker extension host' : 'extension host with Node.js';
}

/**
 * The `run()` VS Code calls for `extensionTestsPath` in the web worker extension host. It runs the tests
 * bundled with it and writes `results.json` beside the workspace folder, which the harness reads: no file
 * means the host crashed or never ran the tests. Rejects when any test fails.
 */
export async function run(): Promise<void> {
  const dir = runFolder();
  const options = await readOptions(dir);
  const host = `${vscode.env.appName} ${vscode.version} (${hostKind()})`;
  console.log(`Integration tests in ${host}`);
  if (options.grep) mocha.grep(options.grep);
  const results = await runAndCount(mocha, host, vscode.version);
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'results.json'), new TextEncoder().encode(JSON.stringify(results, null, 2)));
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed.`);
}
