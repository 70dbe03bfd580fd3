import { strict as assert } from 'node:assert';
import { developmentWorkbench } from './session';

describe('concept map in the browser', function () {
  it('opens from the command palette and lists the concepts inside the webview', async () => {
    const workbench = await developmentWorkbench();
    await workbench.openNote('Course summary.md');
    await workbench.runCommand('Alignment Notes: Open Concept Map');
    const map = workbench.conceptMap();
    await map.locator('.concept', { hasText: 'Inner misalignment' }).waitFor({ timeout: 30_000 });
    const labels = await map.locator('.concept').allInnerTexts();
    assert.ok(labels.length >= 25, `only ${labels.length} concepts in the map`);
    assert.ok(labels.includes('Schemer'));
    await workbench.screenshot('concept-map');
  });

  it('filters the concepts by the search box', async () => {
    const workbench = await developmentWorkbench();
    const map = workbench.conceptMap();
    await map.locator('#search').fill('misalign');
    await map.locator('#count', { hasText: /^\d+ of \d+ concepts$/ }).waitFor();
    const labels = await map.locator('.concept').allInnerTexts();
    assert.ok(labels.length >= 2, labels.join(', '));
    assert.ok(labels.every((label) => label.toLowerCase().includes('misalign')), labels.join(', '));
  });
});
