// page.waitForFunction callbacks run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import type { Locator } from 'playwright-core';
import { renderState } from './mapState';
import { Workbench } from './workbench';

/**
 * The first five minutes: what `npm start` opens (both samples, the course summary, the concept map beside it)
 * as a new user first sees it, and the walkthrough "Get started with Alignment Notes" from the Welcome page.
 */
describe('the npm start demo in the browser', function () {
  let workbench: Workbench;

  before(async function () {
    this.timeout(180_000);
    workbench = await Workbench.start({ name: 'demo', demo: true, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  });

  after(async () => workbench?.close());

  /** A step of our walkthrough, by its id in the manifest. */
  const step = (id: string): Locator => workbench.page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);

  it('shows, before any input, the course summary and beside it the concept map of both samples', async function () {
    this.timeout(240_000);
    const { page } = workbench;
    await page.locator('.tab.active[aria-label*="Course summary.md"]').first().waitFor({ timeout: 90_000 });
    const map = workbench.conceptMap();
    await map.locator('#map[data-state="settled"]').waitFor({ timeout: 120_000 });
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
    const state = await renderState(map);
    const labels = state.nodes.map((node) => node.label);
    // The course's glossary and the vault's concept pages, in one map: both folders of the workspace are read.
    for (const label of ['Inner misalignment', 'Schemer', 'Sycophancy']) assert.ok(labels.includes(label), `${label} is not in the map: ${labels.join(', ')}`);
    assert.ok(state.nodes.some((node) => node.cluster === 'type:concept'), 'no vault concept page is grouped by its type');
    assert.ok(state.labels.length >= 15, `${state.labels.length} labels drawn`);
    // Side by side: the summary's editor and the map are both on screen, in two editor groups.
    const groups = page.locator('.editor-group-container');
    assert.equal(await groups.count(), 2);
    const summary = page.locator('.editor-group-container', { has: page.locator('.tab.active[aria-label*="Course summary.md"]') });
    assert.match(await summary.locator('.editor-instance .view-lines').first().innerText(), /Inner misalignment/);
    const mapTab = page.locator('.editor-group-container', { has: page.locator('.tab.active[aria-label*="Concept Map"]') });
    assert.equal(await mapTab.count(), 1, 'the concept map is not the active tab of the other group');
    const [left, right] = await Promise.all([summary.boundingBox(), mapTab.boundingBox()]);
    assert.ok(left && right && left.x + left.width <= right.x + 1, `the map is not beside the summary: ${JSON.stringify({ left, right })}`);
    await workbench.screenshot('demo-first-picture');
  });

  it('opens the walkthrough from the Welcome page and ticks a step once its action is done', async function () {
    this.timeout(180_000);
    const { page } = workbench;
    // The hover step's action, with the mouse, before the walkthrough is opened.
    await workbench.hover('inner misalignment passes', 6, /Inner misalignment/);
    await page.mouse.move(5, 400);
    await workbench.runCommand('Help: Welcome');
    await page.locator('button.getting-started-category', { hasText: 'Get started with Alignment Notes' }).first().click({ timeout: 60_000 });
    await step('openConceptMap').waitFor({ timeout: 30_000 });
    assert.equal(await step('hoverTerm').getAttribute('aria-checked'), 'true', 'hovering a term did not tick "Hover a term"');
    // Not done yet: the map opened at start by the setting, not by the command, and no wikilink was followed.
    assert.equal(await step('openConceptMap').getAttribute('aria-checked'), 'false');
    assert.equal(await step('followWikiLink').getAttribute('aria-checked'), 'false');
    await step('openConceptMap').click();
    await page.locator('.getting-started-step.expanded a, .getting-started-step.expanded button', { hasText: 'Open Concept Map' }).first().click();
    await page.waitForFunction(
      () => document.querySelector('button.getting-started-step[data-step-id$="#openConceptMap"]')?.getAttribute('aria-checked') === 'true',
      undefined,
      { timeout: 30_000 },
    );
    assert.equal(await step('followWikiLink').getAttribute('aria-checked'), 'false');
    await workbench.screenshot('walkthrough');
  });
});
