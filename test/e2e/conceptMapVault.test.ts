import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { generateVault } from '../../bench/corpus/vault';
import { sampleVaultDir, testOutputDir } from '../../scripts/lib/paths';
import type { RenderState } from '../../src/webview/renderState';
import { assertGraphOwnsPanel, assertLegible, assertMeaningfulGroups, assertNeighbourhoodLit, canvasPixels, headingsIn, linkLayerCurrent, renderState } from './mapState';
import { Workbench } from './workbench';

/** Opens the concept map once the first index of the folder has ended (the status bar shows its count then). */
async function openMap(workbench: Workbench, note: string, timeout: number): Promise<FrameLocator> {
  await workbench.openNote(note);
  await workbench.conceptCount().first().waitFor({ timeout });
  await workbench.runCommand('Alignment Notes: Open Concept Map');
  const map = workbench.conceptMap();
  await map.locator('#map[data-state="settled"]').waitFor({ timeout });
  await awayFromTitleBar(workbench);
  return map;
}

/** Moves the mouse away from the title bar, where Quick Open's click left a hover, so screenshots show none. */
async function awayFromTitleBar(workbench: Workbench): Promise<void> {
  await workbench.page.mouse.move(5, 400);
  await workbench.page.waitForTimeout(800);
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

/** The sample vault, then a generated one of 800 pages, in one VS Code (the second test opens its folder). */
describe('concept map of a vault in the browser', function () {
  let sample: string;
  let generated: string;
  let workbench: Workbench;

  before(async function () {
    this.timeout(180_000);
    sample = testOutputDir('e2e', `concept-map-vault-notes-${process.pid}`);
    rmSync(sample, { recursive: true, force: true });
    cpSync(sampleVaultDir(), sample, { recursive: true });
    generated = testOutputDir('e2e', `concept-map-vault-800-notes-${process.pid}`);
    rmSync(generated, { recursive: true, force: true });
    for (const file of generateVault({ files: 800, seed: 42 }).files) {
      mkdirSync(dirname(join(generated, file.path)), { recursive: true });
      writeFileSync(join(generated, file.path), file.text);
    }
    workbench = await Workbench.start({ name: 'concept-map-vault', development: true, folder: sample, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  });

  after(async () => {
    await workbench?.close();
    rmSync(sample, { recursive: true, force: true });
    rmSync(generated, { recursive: true, force: true });
  });

  it('opens the sample vault legibly, its concept pages, sources and findings told apart, in dark and light themes', async function () {
    this.timeout(300_000);
    const map = await openMap(workbench, 'model-organisms.md', 90_000);
    await map.locator('body.vscode-dark').waitFor({ state: 'attached' });
    const dark = await renderState(map);
    assertGraphOwnsPanel(dark);
    assertLegible(dark);
    assertMeaningfulGroups(dark, headingsIn(sample));
    assertKindsToldApart(dark);
    assert.ok(dark.edges.some((edge) => edge.kind === 'links'), 'no link between pages is drawn');
    // A small map's first picture is cytoscape's own, with every node.
    assert.deepEqual(dark.firstPicture, { preview: 0, renderer: dark.nodes.length });
    await workbench.screenshot('concept-map-vault-dark');
    await workbench.chooseColorTheme('Light Modern');
    await map.locator('body.vscode-light').waitFor({ state: 'attached' });
    await awayFromTitleBar(workbench);
    const light = await renderState(map);
    assertLegible(light);
    assertMeaningfulGroups(light, headingsIn(sample));
    assert.notEqual(light.groups[0]?.colour, dark.groups[0]?.colour, 'the largest group keeps its dark-theme colour in a light theme');
    await workbench.screenshot('concept-map-vault-light');
  });

  it('opens a generated vault of 800 pages legibly', async function () {
    this.timeout(600_000);
    await workbench.openFolder(generated);
    const concept = readdirSync(join(generated, 'concepts'))[0] ?? assert.fail('no concept page');
    const map = await openMap(workbench, concept, 300_000);
    await workbench.screenshot('concept-map-vault-800');
    const state = await renderState(map);
    assert.ok(state.nodes.length >= 700, `${state.nodes.length} nodes`);
    // Its first picture was drawn by the page itself, every node at once, while cytoscape held a first few (it then
    // took the rest a chunk a task); that picture was cleared once cytoscape had drawn them all.
    const first = state.firstPicture ?? assert.fail('no first picture recorded');
    assert.equal(first.preview, state.nodes.length, `${first.preview} of ${state.nodes.length} nodes on the first picture`);
    assert.ok(first.renderer < state.nodes.length / 4, `cytoscape held ${first.renderer} of ${state.nodes.length} nodes at the first picture`);
    assert.equal(state.preview, 0, "the page's first picture is still drawn once the map settled");
    assertGraphOwnsPanel(state);
    assertLegible(state);
    assertMeaningfulGroups(state, headingsIn(generated));
    assertKindsToldApart(state);

    // Its links are drawn by the link layer under cytoscape's canvas (cytoscape holds none of them): every link
    // is in the fitted view's picture, and the picture follows a zoom with a new one, of the links still in view.
    assert.equal(state.renderMode, 'fast');
    // The picture moved during a pan or zoom is the canvas's size: cytoscape's own, twice that on a screen of pixel
    // ratio 1 (as here), froze a 4,900-node map for about 2 s at the start of every pan or zoom.
    assert.equal(state.viewportTextureScale, 1);
    const fitted = await linkLayerCurrent(map);
    const all = fitted.linkLayer?.picture?.stroked ?? 0;
    assert.ok(fitted.edges.length > 10_000 && all === fitted.edges.length, `${all} of ${fitted.edges.length} links in the fitted picture`);
    const fittedPixels = await canvasPixels(map, 'links');
    assert.ok(fittedPixels > 5_000, `${fittedPixels} pixels of links drawn`);
    for (let i = 0; i < 3; i++) await map.locator('#zoom-in').click();
    const zoomed = await linkLayerCurrent(map);
    assert.ok(zoomed.zoom > fitted.zoom * 1.8, `zoomed from ${fitted.zoom} to ${zoomed.zoom}`);
    const inView = zoomed.linkLayer?.picture?.stroked ?? 0;
    assert.ok(inView > 0 && inView < all, `${inView} of ${all} links in the zoomed picture`);
    assert.ok((await canvasPixels(map, 'links')) > 1_000, 'no links drawn after the zoom');
    await map.locator('#fit').click();
    const refitted = await linkLayerCurrent(map);
    // Zooming out by about 2 from the fit reaches a level of cytoscape's node bitmaps that no frame has drawn yet:
    // the nodes are drawn from their bitmaps at the fit's level until the new ones are made between frames, not by
    // rewriting an atlas in the middle of the frame (each rewrite flushed the frame's drawing: 1.7-2.4 s frozen at
    // 4,900 nodes). And they are drawn.
    const acrossBefore = refitted.nodesDrawnAcrossLevels ?? assert.fail("cytoscape's node bitmaps are not drawn across levels");
    for (let i = 0; i < 3; i++) await map.locator('#zoom-out').click();
    const zoomedOut = await linkLayerCurrent(map);
    assert.ok(zoomedOut.zoom < refitted.zoom / 1.8, `zoomed out from ${refitted.zoom} to ${zoomedOut.zoom}`);
    assert.ok((zoomedOut.nodesDrawnAcrossLevels ?? 0) > acrossBefore, `no node drawn from another level's bitmap after zooming out (${acrossBefore} before)`);
    const nodePixels = await canvasPixels(map, 'layer2-node');
    assert.ok(nodePixels > 2_000, `${nodePixels} pixels of nodes drawn after zooming out`);
    await map.locator('#fit').click();
    await linkLayerCurrent(map);

    // Hovering the most connected node named lights its neighbourhood and fades the other nodes; the links of a
    // map this size are faint already and are left as they are (restyling them all made hovering slow).
    const degree = new Map(state.nodes.map((node) => [node.id, node.degree]));
    const named = [...state.labels].sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0))[0] ?? assert.fail('no node named');
    const hub = state.nodes.find((node) => node.id === named.id) ?? assert.fail(`${named.id} is not on the map`);
    const surface = (await map.locator('#map').boundingBox()) ?? assert.fail('the map is not on screen');
    await workbench.page.mouse.move(surface.x + (hub.box.x1 + hub.box.x2) / 2, surface.y + (hub.box.y1 + hub.box.y2) / 2, { steps: 6 });
    await map.locator('#tooltip:not([hidden])').waitFor();
    const lit = await renderState(map);
    assert.ok(lit.nodes.find((node) => node.id === hub.id)?.lit, `${named.text} is not lit`);
    assertNeighbourhoodLit(lit, named.text);
    assert.deepEqual(lit.edges.filter((edge) => edge.faded), [], 'links faded');
    // The hub's links are drawn over the others in the focus colour, at once.
    assert.equal(lit.linkLayer?.lit, lit.edges.filter((edge) => edge.lit).length);
    const litPixels = await canvasPixels(map, 'lit-links');
    assert.ok(litPixels > 200, `${litPixels} pixels of lit links`);
    await workbench.page.mouse.move(surface.x + 2, surface.y + 2, { steps: 4 });
    await map.locator('#tooltip[hidden]').waitFor({ state: 'attached' });
    assert.equal(await canvasPixels(map, 'lit-links'), 0, 'the lit links stay after the pointer left the hub');
  });
});
