import { existsSync, mkdirSync, readFileSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import type { Page } from 'playwright-core';
import type { IntegrationResults } from '../../test/integration/results';
import { chromiumPath, launchChromium } from './browser';
import { failureLine, type LayerResult } from './layers';
import { type IntegrationSuite, MAIN_SUITE } from './integrationSuites';
import { ensureOfflineVsCode, startCodeServer, workbenchUrl } from './offlineVsCode';
import { repoRoot, testOutputDir } from './paths';
import { choosePort } from './ports';

/** The desktop VS Code that @vscode/test-electron downloads: the engine's minimum, like the offline one. */
const DESKTOP_VERSION = '1.100.3';
const DOWNLOAD_TIMEOUT_MS = 60_000;
const runTimeoutMs = (suite: IntegrationSuite): number => Number(process.env.ALIGNMENT_NOTES_INTEGRATION_TIMEOUT_MS ?? suite.timeoutMs ?? 300_000);

/** The `run()` VS Code loads: the Node suites share one entry; each web suite is one self-contained bundle. */
const testsEntry = (suite: IntegrationSuite): string =>
  suite.webTests ? join(repoRoot(), 'out', 'test', 'web', `${suite.webTests}.js`) : join(repoRoot(), 'out', 'test', 'integration', 'index.js');
/** One folder per run and suite, so that runs side by side (two developers' terminals, a watch) never share files. */
const runDir = (suite: IntegrationSuite): string => testOutputDir('integration', `run-${process.pid}-${suite.name}`);
const resultsFile = (suite: IntegrationSuite): string => join(runDir(suite), 'results.json');
/** The web suites' options (the web worker host has no environment): read by test/web/runner.ts through workspace.fs. */
const webRunOptionsFile = (suite: IntegrationSuite): string => join(runDir(suite), 'test-run.json');
/** Where test/web/runner.ts says it ran; a web suite that ran anywhere else fails. */
const WEB_WORKER_HOST = 'web worker extension host';

/** `publisher.name`, as `remote.extensionKind` names the extension. */
function extensionId(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
}
/** A fresh workspace per run (the sample course for most suites): the tests create, edit and delete notes in it. */
const workspaceDir = (suite: IntegrationSuite): string => join(runDir(suite), 'alignment-course');
/** What the extension host needs to know: where to write results and which suite's tests to load. */
const hostEnv = (suite: IntegrationSuite): Record<string, string> => ({ ALIGNMENT_NOTES_RESULTS: resultsFile(suite), ALIGNMENT_NOTES_SUITE: suite.name });

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

/** Reads what the extension host wrote; a missing file means the host never finished. */
function readResults(suite: IntegrationSuite, runner: string): LayerResult {
  const file = resultsFile(suite);
  if (!existsSync(file)) throw new Error(`integration: the extension host wrote no results (${suite.name} suite, ${runner}); it crashed or never ran the tests.`);
  const results = JSON.parse(readFileSync(file, 'utf8')) as IntegrationResults;
  for (const test of results.tests) {
    const mark = test.state === 'passed' ? '  ✔' : test.state === 'pending' ? '  -' : '  ✘';
    console.log(`${mark} ${test.title}`);
    if (test.error) console.log(test.error.replace(/^/gm, '      '));
  }
  if (suite.webTests && !results.host.includes(WEB_WORKER_HOST)) {
    throw new Error(`integration: the ${suite.name} suite ran in ${results.host}, not in the ${WEB_WORKER_HOST}.`);
  }
  const where = `${results.host} via ${runner}${suite.name === 'main' || suite.name === 'web' ? '' : `, ${suite.name} suite`}`;
  const failures = results.tests.filter((test) => test.state === 'failed').map((test) => failureLine(test.title, test.error));
  return { layer: suite.webTests ? 'web' : 'integration', passed: results.passed, failed: results.failed, pending: results.pending, where, failures };
}

async function runInDesktopVsCode(suite: IntegrationSuite, executable: string): Promise<LayerResult> {
  const userData = mkdtempSync(join(tmpdir(), 'alignment-notes-vscode-'));
  if (suite.settings) {
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(suite.settings));
  }
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot(),
      extensionTestsPath: testsEntry(suite),
      launchArgs: [workspaceDir(suite), '--disable-extensions', ...(suite.restricted ? [] : ['--disable-workspace-trust']), `--user-data-dir=${userData}`],
      extensionTestsEnv: hostEnv(suite),
    }).catch(() => undefined); // a failing run is reported from the results file below
    return readResults(suite, '@vscode/test-electron');
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
}

/** Waits for the workbench to call `codeAutomationExit`, failing fast if the extension host or the page dies. */
async function waitForExit(page: Page, exited: Promise<number>, timeoutMs: number): Promise<number> {
  // The web worker extension host lives in the page: when it takes the page down, so does the run.
  const pageCrashed = new Promise<never>((_, reject) => page.once('crash', () => reject(new Error('integration: the browser page crashed (the web worker extension host with it).'))));
  pageCrashed.catch(() => undefined); // a crash after the run ended is no one's concern
  const crashed = (async (): Promise<never> => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const text = await page.locator('.notifications-toasts, .notification-list-item').allInnerTexts().catch(() => []);
      const crash = text.find((line) => /terminated unexpectedly|Extension host .*(crash|terminated)/i.test(line));
      if (crash) throw new Error(`integration: the extension host crashed: ${crash.split('\n')[0] ?? crash}`);
    }
  })();
  return withTimeout(Promise.race([exited, crashed, pageCrashed]), timeoutMs, 'integration: the test run');
}

async function runInOfflineVsCode(suite: IntegrationSuite): Promise<LayerResult> {
  chromiumPath(); // fail on a missing browser before installing or starting anything
  const entry = await ensureOfflineVsCode();
  const port = await choosePort();
  const profileDir = join(runDir(suite), 'profile');
  const settings = {
    ...suite.settings,
    ...(suite.restricted ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
    // What a user would set to run the extension in the browser: its web bundle in the web worker extension host.
    ...(suite.webTests ? { 'remote.extensionKind': { [extensionId()]: ['web'] } } : {}),
  };
  if (suite.webTests) writeFileSync(webRunOptionsFile(suite), JSON.stringify({ grep: process.env.ALIGNMENT_NOTES_GREP }));
  const server = await startCodeServer(entry, { port, profileDir, env: hostEnv(suite), settings, workspaceTrust: suite.restricted === true });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    // The page's errors (a failed activation among them), shown when the run fails.
    const errors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    const exited = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    const url = workbenchUrl(server.url, { folder: workspaceDir(suite), extensionDevelopmentPath: repoRoot(), extensionTestsPath: testsEntry(suite) });
    await page.goto(url);
    try {
      const code = await waitForExit(page, exited, runTimeoutMs(suite));
      const result = readResults(suite, 'the offline VS Code (code-server)');
      return code !== 0 && result.failed === 0 ? { ...result, failed: 1 } : result;
    } catch (error) {
      const activation = errors.filter((line) => /Activating extension|extension host|Cannot load module/i.test(line));
      if (activation.length > 0) console.error(`the page's errors about extensions:\n${activation.slice(-10).join('\n')}`);
      throw error;
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    rmSync(runDir(suite), { recursive: true, force: true });
  }
}

/**
 * Runs the integration tests in a real VS Code extension host: desktop VS Code through @vscode/test-electron
 * where it can be downloaded, else the offline VS Code. ALIGNMENT_NOTES_VSCODE=electron|offline forces one.
 */
export async function runIntegrationLayer(suite: IntegrationSuite = MAIN_SUITE): Promise<LayerResult> {
  rmSync(runDir(suite), { recursive: true, force: true });
  mkdirSync(workspaceDir(suite), { recursive: true });
  suite.prepare(workspaceDir(suite));
  const mode = process.env.ALIGNMENT_NOTES_VSCODE ?? 'auto';
  // The web suites need a VS Code that runs in a browser, with its web worker extension host.
  if (mode === 'offline' || suite.webTests) return runInOfflineVsCode(suite);
  let executable: string | undefined;
  try {
    executable = await withTimeout(downloadAndUnzipVSCode(DESKTOP_VERSION), DOWNLOAD_TIMEOUT_MS, 'downloading VS Code');
  } catch (error) {
    if (mode === 'electron') throw error;
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    console.log(`integration: desktop VS Code ${DESKTOP_VERSION} cannot be downloaded here (${reason}); using the offline VS Code.`);
  }
  return executable ? runInDesktopVsCode(suite, executable) : runInOfflineVsCode(suite);
}
