// page.evaluate callbacks run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { sampleCourseDir, testOutputDir } from '../../scripts/lib/paths';
import { Workbench } from './workbench';

const READING = [
  '# Reading notes',
  '',
  'Why schemers are hard to catch: start at [[Course summary#Key definitions]], then the unit itself [[Unit 1]](https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%201%3A%20Losing%20control%20to%20AI.md#what-is-ai-alignment).',
  '',
  'Telling them apart from saints takes more than behavioural tests; my [[Open questions]] page is still to be written.',
  '',
  '![[units/Unit 1 - Losing control to AI#What is AI alignment?]]',
  '',
  'A made-up term to test the tooltip with: the trojan payload.',
  '',
].join('\n');
const HOSTILE = '* **Trojan payload**: <script>alert(1)</script> <img src=x onerror=alert(2)> [run](javascript:alert(3)) done.\n';

/** The 1-based line of the first line of a note that contains `text`. */
function lineOf(course: string, note: string, text: string): number {
  const index = readFileSync(join(course, note), 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`"${text}" is not in ${note}`);
  return index + 1;
}

describe('Markdown preview in the browser', function () {
  let course: string;
  let workbench: Workbench;
  let preview: FrameLocator;
  const dialogs: string[] = [];

  before(async function () {
    this.timeout(180_000);
    course = testOutputDir('e2e', `preview-course-${process.pid}`);
    rmSync(course, { recursive: true, force: true });
    cpSync(sampleCourseDir(), course, { recursive: true });
    writeFileSync(join(course, 'Reading notes.md'), READING);
    writeFileSync(join(course, 'Hostile glossary.md'), HOSTILE);
    workbench = await Workbench.start({
      name: 'preview',
      development: true,
      folder: course,
      // VS Code's own link settings stay at their defaults until the last test.
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
    });
    workbench.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    preview = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await workbench.openNote('Reading notes.md');
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
    await workbench.runCommand('Markdown: Open Preview to the Side');
    await preview.locator('.an-term', { hasText: /^schemers$/ }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await workbench?.close();
    rmSync(course, { recursive: true, force: true });
  });

  it('shows a term\'s definition in a tooltip on hover, and on keyboard focus until Escape', async () => {
    const term = preview.locator('.an-term', { hasText: /^schemers$/ });
    const tooltip = preview.locator('.an-tooltip:not([hidden])');
    await term.hover();
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    assert.match(text, /^Schemer/);
    assert.match(text, /performs well only as a strategy/);
    assert.equal(await tooltip.getAttribute('id'), await term.getAttribute('aria-describedby'));
    await workbench.screenshot('preview-tooltip');
    await workbench.page.mouse.move(5, 400);
    await tooltip.waitFor({ state: 'detached' });
    // From the page's heading, Tab reaches the first term.
    await preview.locator('h1').click();
    await workbench.page.keyboard.press('Tab');
    assert.equal(await preview.locator(':focus').innerText(), 'schemers');
    await tooltip.waitFor();
    assert.match(await tooltip.innerText(), /performs well only as a strategy/);
    await workbench.page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'detached' });
  });

  it('shows a hostile definition as text: no script, no image, nothing runs', async () => {
    await preview.locator('.an-term', { hasText: /^trojan payload$/ }).hover();
    const tooltip = preview.locator('.an-tooltip:not([hidden])');
    await tooltip.waitFor();
    assert.match(await tooltip.innerText(), /<script>alert\(1\)<\/script> <img src=x onerror=alert\(2\)> run done\./);
    assert.equal(await tooltip.locator('script, img, a').count(), 0);
    await workbench.page.waitForTimeout(500);
    assert.deepEqual(dialogs, []);
  });

  /** The cursor's line once it is `expected` (the editor opens before it moves the cursor), or the last seen after a while. */
  async function cursorLineOnce(expected: number): Promise<number> {
    let line = 0;
    for (let attempt = 0; attempt < 50; attempt++) {
      line = await workbench.cursorLine().catch(() => 0);
      if (line === expected) break;
      await workbench.page.waitForTimeout(200);
    }
    return line;
  }

  it('opens a citation in an editor beside the preview from its context menu, under VS Code\'s default link setting', async () => {
    const unit = join('units', 'Unit 1 - Losing control to AI.md');
    const unitTab = workbench.page.locator('.tab[aria-label*="Unit 1 - Losing control to AI.md"]');
    assert.equal(await unitTab.count(), 0);
    await workbench.page.mouse.move(5, 400);
    await preview.locator('.an-tooltip:not([hidden])').waitFor({ state: 'detached' });
    await preview.locator('a.an-citation').click({ button: 'right' });
    const item = workbench.page.locator('.context-view .action-item', { hasText: 'Open to the Side' });
    await item.waitFor();
    await workbench.screenshot('preview-open-to-side');
    await item.click();
    await workbench.page.locator('.tab.active[aria-label*="Unit 1 - Losing control to AI.md"]').first().waitFor();
    assert.equal(await cursorLineOnce(lineOf(course, unit, '## What is AI alignment?')), lineOf(course, unit, '## What is AI alignment?'));
    // Beside the preview: the note, its preview and the unit each have a group, and the preview still shows the note.
    assert.equal(await workbench.page.locator('.editor-group-container').count(), 3);
    assert.equal(await preview.locator('h1').first().innerText(), 'Reading notes');
    await unitTab.first().locator('.codicon-close').click();
    await unitTab.first().waitFor({ state: 'detached' });
    assert.equal(await workbench.page.locator('.editor-group-container').count(), 2);
  });

  it('follows a citation and a wikilink into the editor, at the cited heading', async () => {
    // VS Code's preview follows links to notes in the preview unless told to open them in an editor. The font size
    // shows, once the preview is refreshed, that VS Code has read the workspace's new settings.
    mkdirSync(join(course, '.vscode'), { recursive: true });
    writeFileSync(join(course, '.vscode', 'settings.json'), JSON.stringify({ 'markdown.preview.openMarkdownLinks': 'inEditor', 'markdown.links.openLocation': 'beside', 'markdown.preview.fontSize': 15 }));
    const settingsRead = preview.locator('html[style*="--markdown-font-size: 15px"]');
    await workbench.page.keyboard.press('Control+1'); // the note's editor, where the Markdown commands apply
    for (let attempt = 0; attempt < 10 && (await settingsRead.count()) === 0; attempt++) {
      await workbench.runCommand('Markdown: Refresh Preview');
      await settingsRead.waitFor({ state: 'attached', timeout: 3_000 }).catch(() => undefined);
    }
    await settingsRead.waitFor({ state: 'attached' });
    await workbench.page.keyboard.press('Control+2'); // back to the preview's group, which links open beside
    assert.equal(await preview.locator('.an-broken').innerText(), 'Open questions (not found)');
    assert.match(await preview.locator('.an-embed').innerText(), /What is AI alignment\?[\s\S]*getting an AI system to actually try/);
    await preview.locator('a.an-citation').click();
    await workbench.page.locator('.tab.active[aria-label*="Unit 1 - Losing control to AI.md"]').first().waitFor();
    const unit = join('units', 'Unit 1 - Losing control to AI.md');
    assert.equal(await cursorLineOnce(lineOf(course, unit, '## What is AI alignment?')), lineOf(course, unit, '## What is AI alignment?'));
    await preview.locator('a.an-wikilink').click();
    await workbench.page.locator('.tab.active[aria-label*="Course summary.md"]').first().waitFor();
    assert.equal(await cursorLineOnce(lineOf(course, 'Course summary.md', '#### Key definitions')), lineOf(course, 'Course summary.md', '#### Key definitions'));
  });
});
