// page.evaluate callbacks run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browser';
import { ensureOfflineVsCode, installExtension, type RunningCodeServer, startCodeServer, workbenchUrl } from '../../scripts/lib/offlineVsCode';
import { demoUrl, writeDemo } from '../../scripts/lib/demo';
import { repoRoot, sampleCourseDir, testOutputDir } from '../../scripts/lib/paths';
import { choosePort } from '../../scripts/lib/ports';

export interface WorkbenchOptions {
  /** A name for this VS Code's profile folder under test-output/e2e. */
  readonly name: string;
  /** Load the extension from the repository as under development. */
  readonly development?: boolean;
  /** Install this .vsix before starting. */
  readonly vsix?: string;
  readonly settings?: Record<string, unknown>;
  /** The folder to open instead of the sample course: the sample vault, or a copy a test may change. */
  readonly folder?: string;
  /** Workspace trust on and the folder not trusted: VS Code's restricted mode. */
  readonly restricted?: boolean;
  /** Opens what `npm start` opens (scripts/lib/demo.ts) instead of a folder, the extension under development. */
  readonly demo?: boolean;
}

/** A real VS Code (the offline code-server) in a real headless chromium, opened on the sample course. */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly server: RunningCodeServer,
    private readonly profileDir: string,
    private readonly development: boolean,
  ) {}

  static async start(options: WorkbenchOptions): Promise<Workbench> {
    const entry = await ensureOfflineVsCode();
    const profileDir = testOutputDir('e2e', `${options.name}-${process.pid}`);
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(join(profileDir, 'extensions'), { recursive: true });
    if (options.vsix) installExtension(entry, profileDir, options.vsix);
    const settings = options.restricted ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never', ...options.settings } : options.settings;
    const server = await startCodeServer(entry, { port: await choosePort(), profileDir, settings, workspaceTrust: options.restricted === true });
    const browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const url = options.demo
      ? demoUrl(server.url, writeDemo(join(profileDir, 'demo')), repoRoot())
      : workbenchUrl(server.url, {
          folder: options.folder ?? sampleCourseDir(),
          ...(options.development ? { extensionDevelopmentPath: repoRoot() } : {}),
        });
    const workbench = new Workbench(page, browser, server, profileDir, options.development === true);
    await workbench.#load(url, options.settings?.['workbench.colorTheme']);
    return workbench;
  }

  /**
   * Loads the workbench at `url` and waits for it. The window first shows VS Code's built-in light theme and
   * applies the colour theme of the user settings seconds later, once the theme extensions are read (8 s on a
   * busy machine): with a theme in the settings, it waits for that.
   */
  async #load(url: string, colorTheme: unknown): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    await this.page.locator('.explorer-folders-view, .pane-body .monaco-list').first().waitFor({ timeout: 60_000 });
    if (typeof colorTheme === 'string') await this.waitForColorTheme(colorTheme);
  }

  /** Waits until the workbench is drawn in the built-in theme named (`Default Dark Modern`, `Light Modern`...). */
  async waitForColorTheme(name: string, timeout = 60_000): Promise<void> {
    const kind = /dark/i.test(name) ? 'vs-dark' : 'vs';
    const themeClass = `vscode-theme-defaults-themes-${name.replace(/^Default /, '').toLowerCase().replace(/ /g, '_')}-json`;
    try {
      await this.page.locator(`.monaco-workbench.${kind}.${themeClass}`).waitFor({ state: 'attached', timeout });
    } catch (error) {
      const drawn = await this.page.evaluate(() => document.querySelector('.monaco-workbench')?.className ?? '(no workbench)');
      throw new Error(`the workbench never showed the theme ${name} (.${kind}.${themeClass}); its classes: ${drawn}`, { cause: error });
    }
  }

  /**
   * Opens another folder in the same VS Code and browser, as File > Open Folder would: the window loads
   * again on it (cheaper than a new VS Code for a test that needs other notes).
   */
  async openFolder(folder: string): Promise<void> {
    const classes = await this.page.evaluate(() => document.querySelector('.monaco-workbench')?.className ?? '');
    // The window loads in the built-in light theme first: the theme it had must come back (`dark_modern` is Dark Modern).
    const theme = /vscode-theme-defaults-themes-(\w+)-json/.exec(classes)?.[1];
    const name = theme?.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
    await this.#load(workbenchUrl(this.server.url, { folder, ...(this.development ? { extensionDevelopmentPath: repoRoot() } : {}) }), name);
  }

  /** Opens a note through Quick Open, as a user would, and waits for its editor. */
  async openNote(fileName: string): Promise<void> {
    await this.page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => undefined);
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(fileName);
    await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label*="${fileName}"]`).first().waitFor();
    await this.page.locator('.editor-instance .view-lines').first().waitFor();
  }

  /** Scrolls the active editor to the first occurrence of `text` with the find widget, then closes it. */
  async reveal(text: string): Promise<void> {
    await this.page.locator('.editor-instance .view-lines').first().click();
    await this.page.keyboard.press('Control+F');
    const find = this.page.locator('.find-widget textarea, .find-widget input').first();
    await find.waitFor();
    await find.fill(text);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.find-widget .codicon-widget-close').first().click();
  }

  /** The centre of the `offset`-th character of `text` in the rendered editor lines. */
  async characterBox(text: string, offset: number): Promise<{ x: number; y: number }> {
    const box = await this.page.evaluate(
      ({ text, offset }) => {
        for (const line of document.querySelectorAll('.editor-instance .view-line')) {
          const content = (line.textContent ?? '').replace(/\u00a0/g, ' ');
          const at = content.indexOf(text);
          if (at < 0) continue;
          let remaining = at + offset;
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const length = node.textContent?.length ?? 0;
            if (remaining < length) {
              const range = document.createRange();
              range.setStart(node, remaining);
              range.setEnd(node, remaining + 1);
              const rect = range.getBoundingClientRect();
              return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
            }
            remaining -= length;
          }
        }
        return undefined;
      },
      { text, offset },
    );
    if (!box) throw new Error(`"${text}" is not on screen in the editor`);
    return box;
  }

  /**
   * Hovers the `offset`-th character of `text` and returns the hover widget's text once it contains
   * `expected`. The first hover after a note opens can come before activation, so it moves away and retries.
   */
  async hover(text: string, offset: number, expected: RegExp): Promise<string> {
    await this.reveal(text);
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents');
    let seen = '';
    for (let attempt = 0; attempt < 8; attempt++) {
      await this.page.mouse.move(5, 5);
      const { x, y } = await this.characterBox(text, offset);
      await this.page.mouse.move(x, y, { steps: 4 });
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline) {
        seen = (await hover.allInnerTexts().catch(() => [])).join('\n').replace(/\u00a0/g, ' ');
        if (expected.test(seen)) return seen;
        await this.page.waitForTimeout(200);
      }
    }
    throw new Error(`the hover over "${text}" never showed ${String(expected)}; last seen: ${seen || '(no hover)'}`);
  }

  /** Clicks the `offset`-th character of `text` in the active editor, placing the cursor there. */
  async clickText(text: string, offset: number): Promise<void> {
    await this.reveal(text);
    const { x, y } = await this.characterBox(text, offset);
    await this.page.mouse.click(x, y);
  }

  /** The cursor's 1-based line in the active editor, read from the status bar ("Ln 5, Col 1"). */
  async cursorLine(): Promise<number> {
    const text = await this.page.locator('.statusbar-item[id="status.editor.selection"]').first().innerText();
    const line = /Ln (\d+)/.exec(text)?.[1];
    if (line === undefined) throw new Error(`no cursor position in the status bar: "${text}"`);
    return Number(line);
  }

  /** The label of the active editor tab. */
  async activeTab(): Promise<string> {
    return (await this.page.locator('.tab.active').first().getAttribute('aria-label')) ?? '';
  }

  /** Runs a command from the palette (F1) by its title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /**
   * Picks a colour theme with Preferences: Color Theme from the command palette and waits until the
   * workbench is drawn in it. Keys pressed while a webview has focus go to the webview's frame first (and
   * a key chord may be lost on the way), so it first clicks the status bar to take focus back; it clicks the
   * command's and the theme's rows rather than pressing Enter, which can land on a neighbour while the list
   * is still filtering.
   */
  async chooseColorTheme(name: string): Promise<void> {
    await this.page.locator('.part.statusbar').click({ position: { x: 700, y: 5 } });
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget input').fill('>Preferences: Color Theme');
    // Its own row: Enter could take "Preferences: Browse Color Themes in Marketplace" while the list filters.
    await this.page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
    const input = this.page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
    await input.waitFor();
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
    await this.waitForColorTheme(name);
  }

  /** The concept-map webview's document: a frame inside the webview host's frame. */
  conceptMap(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** The status bar entry the extension shows once it has indexed the notes. */
  conceptCount() {
    return this.page.locator('.statusbar-item', { hasText: /\d+ concepts?/ });
  }

  async screenshot(name: string): Promise<string> {
    const file = testOutputDir('screenshots', `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
