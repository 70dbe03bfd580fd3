import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browser';
import { ensureOfflineVsCode, type RunningCodeServer, startCodeServer, workbenchUrl } from '../../scripts/lib/offlineVsCode';
import { repoRoot, sampleCourseDir, testOutputDir } from '../../scripts/lib/paths';
import { choosePort } from '../../scripts/lib/ports';
import { type Instruction, instructionFile, type Report, reportFile, type TestSettings } from './protocol';

/** Polls `check` every 20 ms until it returns a value other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The state letter of a process in /proc (R, S, D, Z…), or undefined once it is gone. */
function processState(pid: number): string | undefined {
  try {
    return /^\d+ \(.*\) (\S)/s.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** Whether the process has exited (gone, or a zombie its parent has not reaped yet). */
export function hasExited(pid: number): boolean {
  const state = processState(pid);
  return state === undefined || state === 'Z';
}

/**
 * One VS Code (the offline code-server) in headless chromium, on a fresh copy of the sample course, whose
 * extension host runs test/process/agent.ts: a test starts the host, reloads the window (which stops the
 * host and deactivates the extension) or kills the host's process, and reads what each start reported.
 */
export class HostSession {
  #started = 0;

  private constructor(
    readonly workspace: string,
    private readonly agentDir: string,
    private readonly settingsFile: string,
    private readonly runDir: string,
    private readonly server: RunningCodeServer,
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly url: string,
  ) {}

  static async open(name: string): Promise<HostSession> {
    const runDir = testOutputDir('process', `${name}-${process.pid}`);
    rmSync(runDir, { recursive: true, force: true });
    const workspace = join(runDir, 'alignment-course');
    const agentDir = join(runDir, 'agent');
    const profileDir = join(runDir, 'profile');
    cpSync(sampleCourseDir(), workspace, { recursive: true });
    mkdirSync(agentDir, { recursive: true });
    const entry = await ensureOfflineVsCode();
    const server = await startCodeServer(entry, { port: await choosePort(), profileDir, env: { ALIGNMENT_NOTES_AGENT_DIR: agentDir } });
    const browser = await launchChromium().catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    const page = await (await browser.newContext()).newPage();
    const url = workbenchUrl(server.url, {
      folder: workspace,
      extensionDevelopmentPath: repoRoot(),
      extensionTestsPath: join(repoRoot(), 'out', 'test', 'process', 'agent.js'),
    });
    return new HostSession(workspace, agentDir, join(profileDir, 'user-data', 'User', 'settings.json'), runDir, server, browser, page, url);
  }

  /** Says what the extension host's start number `start` (1 for the first) does. */
  plan(start: number, instruction: Instruction): void {
    writeFileSync(join(this.agentDir, instructionFile(start)), JSON.stringify(instruction));
  }

  /** Writes the hidden test settings into the user settings, which the next start of the host reads. */
  setTestSettings(settings: TestSettings): void {
    const current = JSON.parse(readFileSync(this.settingsFile, 'utf8')) as Record<string, unknown>;
    for (const key of Object.keys(current)) if (key.startsWith('alignmentNotes.testing.')) delete current[key];
    for (const [key, value] of Object.entries(settings)) current[`alignmentNotes.testing.${key}`] = value;
    writeFileSync(this.settingsFile, JSON.stringify(current, null, 2));
  }

  /**
   * Starts an extension host: opens the window the first time, reloads it afterwards. `next` plans the start
   * after this one, for an instruction that ends in a reload of its own. Returns the start's number.
   */
  async startHost(instruction: Instruction, next?: Instruction): Promise<number> {
    const start = ++this.#started;
    this.setTestSettings(instruction.settings);
    this.plan(start, instruction);
    if (next) this.plan(start + 1, next);
    if (start === 1) await this.page.goto(this.url);
    else await this.page.reload();
    if (next) this.#started++;
    return start;
  }

  /** What a start reported; fails with the agent's error if it failed. */
  async report(start: number): Promise<Report> {
    const file = join(this.agentDir, reportFile(start));
    await waitFor(`the report of extension host start ${start} (${file})`, () => (existsSync(file) ? true : undefined), 180_000);
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    if (report.error) throw new Error(`the agent in extension host start ${start} failed: ${report.error}`);
    return report;
  }

  /** SIGKILLs the extension host, after checking that the process is one, and waits until it has exited. */
  async killHost(pid: number): Promise<void> {
    assert.notEqual(pid, this.server.process.pid, 'the extension host runs in a process of its own, not in code-server');
    assert.match(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), /extensionHost/, `process ${pid} is not an extension host`);
    process.kill(pid, 'SIGKILL');
    await waitFor(`extension host ${pid} to exit`, () => (hasExited(pid) ? true : undefined), 30_000);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    rmSync(this.runDir, { recursive: true, force: true });
  }
}
