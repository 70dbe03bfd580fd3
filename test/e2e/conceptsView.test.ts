import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleCourseDir } from '../../scripts/lib/paths';
import { developmentWorkbench } from './session';

/** The 1-based line of the first line of a sample note that contains `text`. */
function lineOf(note: string, text: string): number {
  const index = readFileSync(join(sampleCourseDir(), note), 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`"${text}" is not in ${note}`);
  return index + 1;
}

describe('the Concepts view in the browser', function () {
  it('opens from the Alignment Notes side bar, filters with the fuzzy search, and opens a concept\'s definition', async () => {
    const workbench = await developmentWorkbench();
    const { page } = workbench;
    await workbench.openNote('Course summary.md');
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
    await page.locator('.activitybar .action-item a[aria-label^="Alignment Notes"]').first().click();
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Concepts' }) }).first();
    const rows = view.locator('.monaco-list-row');
    const labels = async (): Promise<string[]> => rows.locator('.label-name').allInnerTexts();
    const descriptions = async (): Promise<string[]> => rows.locator('.label-description').allInnerTexts();
    // The view fills in as the index completes.
    const groups = ['Unit 1 12', 'Unit 2 10', 'Unit 3 8', 'Unit 4 18', 'Unit 5 1', 'Course summary 3'];
    let seen: string[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      const [names, counts] = [await labels(), await descriptions()];
      seen = names.map((name, i) => `${name} ${counts[i] ?? ''}`);
      if (seen.join() === groups.join()) break;
      await page.waitForTimeout(300);
    }
    assert.deepEqual(seen, groups);

    await workbench.runCommand('Alignment Notes: Filter Concepts...');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('reward');
    await page.keyboard.press('Enter');
    await view.locator('.message', { hasText: 'Filtered by "reward": 4 concepts.' }).waitFor({ timeout: 15_000 });
    await rows.filter({ hasText: 'Unit 2' }).first().click();
    const row = rows.filter({ hasText: 'Reward model' }).filter({ hasText: '1 definition' }).first();
    await row.waitFor({ timeout: 15_000 });
    const shown = await labels();
    assert.ok(!shown.includes('Unit 3'), `the filter hides the groups with no match: ${shown.join(', ')}`);
    // The row's tooltip: moved onto from elsewhere, again if another hover was still up.
    const tooltip = page.locator('.monaco-hover:not(.hidden)', { hasText: 'a network trained on the preference dataset' }).first();
    for (let attempt = 0; attempt < 5 && !(await tooltip.isVisible()); attempt++) {
      await page.keyboard.press('Escape');
      await page.mouse.move(700, 500);
      await row.hover();
      await tooltip.waitFor({ timeout: 4_000 }).catch(() => undefined);
    }
    await tooltip.waitFor({ timeout: 1_000 });
    await workbench.screenshot('concepts-view');

    await row.click();
    const expected = lineOf('Course summary.md', '* **Reward model**');
    for (let attempt = 0; attempt < 50 && (await workbench.cursorLine()) !== expected; attempt++) await page.waitForTimeout(200);
    assert.match(await workbench.activeTab(), /Course summary\.md/);
    assert.equal(await workbench.cursorLine(), expected);

    await workbench.runCommand('Alignment Notes: Clear Concepts Filter');
    await rows.filter({ hasText: 'Unit 3' }).first().waitFor({ timeout: 15_000 });
  });
});
