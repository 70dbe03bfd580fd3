import { strict as assert } from 'node:assert';
import { cpSync, rmSync } from 'node:fs';
import type { FrameLocator } from 'playwright-core';
import { sampleVaultDir, testOutputDir } from '../../scripts/lib/paths';
import type { RenderState } from '../../src/webview/renderState';
import { assertGraphOwnsPanel, assertLegible, assertMeaningfulGroups, headingsIn, renderState } from './mapState';
import { Workbench } from './workbench';

/** Opens the concept map once the first index of the folder has ended (the status bar shows its count then). */
async function openMap(workbench: Workbench, note: string, timeout: number): Promise<FrameLocator> {
  await workbench.openNote(note);
  await workbench.conceptCount().first().waitFor({ timeout });
  await workbench.runCommand('Alignment Notes: Open Concept Map');
  const map = workbench.conceptMap();
  await map.locator('#map[data-state="settled"]').waitFor({ timeout });
  // Away from the title bar, where Quick Open's click left a hover, so screenshots show none.
  await workbench.page.mouse.move(5, 400);
  await workbench.page.waitForTimeout(800);
  return map;
}

/** Item 5: concept pages, sources and findings are told apart, by shape (concept or page) and by group colour. */
function assertKindsToldApart(state: RenderState): void {
  const conceptPages = state.nodes.filter((node) => node.kind === 'concept' && node.cluster === 'type:concept');
  const sources = state.nodes.filter((node) => node.kind === 'page' && node.cluster === 'type:source');
  const findings = state.nodes.filter((node) => node.kind === 'page' && node.cluster === 'type:finding');
  assert.ok(conceptPages.length > 0 && sources.length > 0 && findings.length > 0, `${conceptPages.length} concept pages, ${sources.length} sources, ${findings.length} findings`);
  const colours = [conceptPages, sources, findings].map((nodes) => nodes[0]?.colour);
  assert.equal(new Set(colours).size, 3, `colours ${colours.join(', ')}`);
  assert.notEqual(conceptPages[0]?.shape, sources[0]?.shape);
  const labels = state.groups.map((group) => group.label);
  for (const type of ['concept', 'source', 'finding']) assert.ok(labels.includes(type), labels.join(', '));
}

describe('concept map of a vault in the browser', function () {
  let folder: string;
  let workbench: Workbench | undefined;

  afterEach(async () => {
    await workbench?.close();
    workbench = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens the sample vault legibly, its concept pages, sources and findings told apart', async function () {
    this.timeout(300_000);
    folder = testOutputDir('e2e', `concept-map-vault-notes-${process.pid}`);
    rmSync(folder, { recursive: true, force: true });
    cpSync(sampleVaultDir(), folder, { recursive: true });
    workbench = await Workbench.start({ name: 'concept-map-vault', development: true, folder, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
    const map = await openMap(workbench, 'model-organisms.md', 90_000);
    await workbench.page.mouse.move(5, 400);
    const state = await renderState(map);
    assertGraphOwnsPanel(state);
    assertLegible(state);
    assertMeaningfulGroups(state, headingsIn(folder));
    assertKindsToldApart(state);
    assert.ok(state.edges.some((edge) => edge.kind === 'links'), 'no link between pages is drawn');
    await workbench.screenshot('concept-map-vault-light');
  });
});
