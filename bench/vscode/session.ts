import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browser';
import { ensureOfflineVsCode, installExtension, type RunningCodeServer, startCodeServer, workbenchUrl } from '../../scripts/lib/offlineVsCode';
import { repoRoot, testOutputDir } from '../../scripts/lib/paths';
import { choosePort } from '../../scripts/lib/ports';
import { installCleanupHandlers } from '../../scripts/lib/processes';

/** A real VS Code (the offline code-server) in headless chromium, opened on a folder, with a fresh profile. */
export interface VsCodeSession {
  readonly page: Page;
  readonly profileDir: string;
  /** How the extension was loaded: from the packaged .vsix, or from the repository as under development. */
  readonly loadedFrom: 'vsix' | 'development';
}

/** Starts VS Code on `folder`, runs `use`, and always stops chromium and code-server and removes the profile. */
export async function withVsCode<T>(folder: string, vsix: string | undefined, use: (session: VsCodeSession) => Promise<T>): Promise<T> {
  installCleanupHandlers();
  const entry = await ensureOfflineVsCode((line) => console.log(`  ${line}`));
  const profileDir = testOutputDir('bench', `vscode-${process.pid}`);
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(join(profileDir, 'extensions'), { recursive: true });
  if (vsix) installExtension(entry, profileDir, vsix);
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer(entry, { port: await choosePort(), profileDir });
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(workbenchUrl(server.url, { folder, ...(vsix ? {} : { extensionDevelopmentPath: repoRoot() }) }));
    await waitForWorkbench(page);
    return await use({ page, profileDir, loadedFrom: vsix ? 'vsix' : 'development' });
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Waits until the workbench shows its editor area and the explorer. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view, .pane-body .monaco-list').first().waitFor({ timeout: 60_000 });
}

/** Opens a note through Quick Open, as a user would, and waits for its editor. */
export async function openNote(page: Page, fileName: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

/** Types a command into the palette (F1) and waits for its row; returns a function that runs it. */
export async function preparePaletteCommand(page: Page, title: string): Promise<() => Promise<void>> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  return () => page.keyboard.press('Enter');
}
