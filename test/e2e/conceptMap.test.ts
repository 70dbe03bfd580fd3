// page.evaluate callbacks run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { sampleCourseDir, testOutputDir } from '../../scripts/lib/paths';
import { assertGraphOwnsPanel, assertLegible, assertMeaningfulGroups, assertNeighbourhoodLit, headingsIn, renderState } from './mapState';
import { Workbench } from './workbench';

const HOSTILE = '<img src=x onerror=alert(1)>';
/** Markup in the definition, which the tooltip shows as its summary. */
const PAYLOAD = '<script>alert(2)</script> <img src=y onerror=alert(3)>';

/** The 1-based line of the first line of a note that contains `text`. */
function lineOf(course: string, note: string, text: string): number {
  const index = readFileSync(join(course, note), 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`"${text}" is not in ${note}`);
  return index + 1;
}

/**
 * Counts the map's canvas pixels, in a square of `radius` around the middle (or everywhere), whose colour
 * is within `tolerance` of the theme colour `variable`: what a person would see drawn in that colour.
 */
async function pixelsInThemeColour(map: FrameLocator, variable: string, radius: number | undefined, tolerance = 40): Promise<number> {
  return map.locator('#map').evaluate(
    (container, { variable, radius, tolerance }) => {
      const probe = document.createElement('canvas').getContext('2d');
      if (!probe) return 0;
      probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue(variable).trim();
      const hex = String(probe.fillStyle);
      const target = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
      let count = 0;
      for (const canvas of container.querySelectorAll('canvas')) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0) continue;
        const scale = canvas.width / canvas.clientWidth;
        const r = radius === undefined ? Math.max(canvas.width, canvas.height) : Math.round(radius * scale);
        const x = Math.max(0, Math.round(canvas.width / 2) - r);
        const y = Math.max(0, Math.round(canvas.height / 2) - r);
        const width = Math.min(canvas.width - x, 2 * r);
        const height = Math.min(canvas.height - y, 2 * r);
        const { data } = context.getImageData(x, y, width, height);
        for (let i = 0; i < data.length; i += 4) {
          if ((data[i + 3] ?? 0) < 60) continue;
          const distance = Math.abs((data[i] ?? 0) - (target[0] ?? 0)) + Math.abs((data[i + 1] ?? 0) - (target[1] ?? 0)) + Math.abs((data[i + 2] ?? 0) - (target[2] ?? 0));
          if (distance <= tolerance) count++;
        }
      }
      return count;
    },
    { variable, radius, tolerance },
  );
}

describe('concept map in the browser', function () {
  let course: string;
  let workbench: Workbench;
  let map: FrameLocator;
  const dialogs: string[] = [];
  const cspViolations: string[] = [];

  /** The middle of the map's canvas, in page coordinates. */
  async function mapCentre(): Promise<{ x: number; y: number }> {
    const box = await map.locator('#map').boundingBox();
    if (!box) throw new Error('the map is not on screen');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  async function searchFor(query: string): Promise<void> {
    await map.locator('#search').fill(query);
    await map.locator('#status', { hasText: /\d+ match/ }).waitFor();
    // The best match glides to the middle in 200 ms.
    await workbench.page.waitForTimeout(600);
  }

  async function clearSearch(): Promise<void> {
    await map.locator('#search').fill('');
    await map.locator('#status', { hasText: /concepts, \d+ units/ }).waitFor();
    await map.locator('#fit').click();
    await workbench.page.waitForTimeout(500);
  }

  async function saveFromDialog(button: string, file: string): Promise<Buffer> {
    const target = join(course, file);
    rmSync(target, { force: true });
    await map.locator(button).click();
    const input = workbench.page.locator('.quick-input-widget input');
    await input.waitFor();
    await workbench.page.waitForFunction(
      (name) => (document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value ?? '').endsWith(name),
      file,
    );
    await input.press('Enter');
    for (let attempt = 0; attempt < 50 && !existsSync(target); attempt++) await workbench.page.waitForTimeout(200);
    return readFileSync(target);
  }

  before(async function () {
    this.timeout(180_000);
    course = testOutputDir('e2e', `concept-map-course-${process.pid}`);
    rmSync(course, { recursive: true, force: true });
    cpSync(sampleCourseDir(), course, { recursive: true });
    workbench = await Workbench.start({
      name: 'concept-map',
      development: true,
      folder: course,
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
    });
    workbench.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    workbench.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    map = workbench.conceptMap();
  });

  after(async () => {
    await workbench?.close();
    rmSync(course, { recursive: true, force: true });
  });

  it('opens from the command palette and names every node for screen readers', async () => {
    await workbench.openNote('Course summary.md');
    // The count shows once the first index has ended: before it, the map would draw the notes read so far.
    await workbench.conceptCount().first().waitFor({ timeout: 60_000 });
    await workbench.runCommand('Alignment Notes: Open Concept Map');
    await map.locator('#map[data-state="settled"]').waitFor({ timeout: 60_000 });
    const labels = await map.locator('#nodes [role="option"]').allTextContents();
    assert.ok(labels.length >= 60, `only ${labels.length} nodes listed`);
    for (const label of ['Inner misalignment', 'Schemer', 'Unit 1 › What failure looks like']) assert.ok(labels.includes(label), label);
    // Away from the title bar, where Quick Open's click left a hover, so the screenshot shows none.
    await workbench.page.mouse.move(5, 400);
    await workbench.page.waitForTimeout(800);
    assert.match((await map.locator('#nodes [role="option"]', { hasText: /^Schemer$/ }).getAttribute('aria-label')) ?? '', /^Schemer, concept in .+, \d+ links?\. /);
    await workbench.screenshot('concept-map-light');
  });

  it('gives the graph the panel: one toolbar line, the legend in a closed drawer, the fitted graph filling the surface', async () => {
    const toolbar = await map.locator('.toolbar').boundingBox();
    assert.ok(toolbar && toolbar.height < 40, `the toolbar is ${toolbar?.height} px high`);
    assert.equal(await map.locator('#drawer').isHidden(), true, 'the drawer starts open');
    assertGraphOwnsPanel(await renderState(map));
    await map.locator('#drawer-toggle').click();
    await map.locator('#drawer', { hasText: 'Groups' }).waitFor();
    assert.ok((await map.locator('#cluster-filter label').count()) >= 4);
    await map.locator('#drawer-toggle').click();
    await map.locator('#drawer').waitFor({ state: 'hidden' });
  });

  it('names the most connected nodes at the default fit with no label over another or a group title, and more when zoomed in', async () => {
    const fitted = await renderState(map);
    assertLegible(fitted);
    await map.locator('#zoom-in').click();
    await map.locator('#zoom-in').click();
    await workbench.page.waitForTimeout(600);
    const zoomed = await renderState(map);
    assertLegible({ ...zoomed, nodes: zoomed.nodes.filter((node) => node.box.x2 > 0 && node.box.y2 > 0 && node.box.x1 < zoomed.surface.width && node.box.y1 < zoomed.surface.height) });
    const fittedIn = new Set(fitted.labels.map((label) => label.id));
    assert.ok(zoomed.labels.some((label) => !fittedIn.has(label.id)), `zooming in named no new node (${fitted.labels.length} labels fitted, ${zoomed.labels.length} zoomed)`);
    await map.locator('#fit').click();
    await workbench.page.waitForTimeout(600);
  });

  it('groups concepts by the course unit they cite, never by a heading, in distinct colours', async () => {
    const state = await renderState(map);
    assertMeaningfulGroups(state, headingsIn(course));
    const labels = state.groups.map((group) => group.label);
    for (const unit of ['Unit 1', 'Unit 2', 'Unit 3', 'Unit 4']) assert.ok(labels.includes(unit), `no group for ${unit}: ${labels.join(', ')}`);
    assert.ok(!labels.includes('Key definitions'), labels.join(', '));
  });

  it('highlights the best search match in the middle of the map', async () => {
    const before = await pixelsInThemeColour(map, '--vscode-list-highlightForeground', 40);
    await searchFor('Inner misalignment');
    assert.match((await map.locator('#status').textContent()) ?? '', /\d+ match/);
    assert.equal(await map.locator('#nodes [aria-selected="true"]').textContent(), 'Inner misalignment');
    const after = await pixelsInThemeColour(map, '--vscode-list-highlightForeground', 40);
    assert.ok(after > 30 && after > before, `highlight pixels in the middle: ${before} before the search, ${after} after`);
  });

  it('shows the short definition when hovering a node', async () => {
    const { x, y } = await mapCentre();
    await workbench.page.mouse.move(x - 150, y - 150);
    await workbench.page.mouse.move(x, y, { steps: 6 });
    const tooltip = map.locator('#tooltip:not([hidden])');
    await tooltip.waitFor();
    assert.equal(await tooltip.locator('strong').textContent(), 'Inner misalignment');
    assert.match((await tooltip.textContent()) ?? '', /internalised a different goal/);
    assertNeighbourhoodLit(await renderState(map), 'Inner misalignment');
  });

  it('opens the definition in the editor when a node is clicked', async () => {
    const expected = lineOf(course, 'Course summary.md', '**Inner misalignment**');
    await workbench.page.mouse.click((await mapCentre()).x, (await mapCentre()).y);
    for (let attempt = 0; attempt < 50 && (await workbench.cursorLine().catch(() => 0)) !== expected; attempt++) await workbench.page.waitForTimeout(200);
    assert.match(await workbench.activeTab(), /Course summary\.md/);
    assert.equal(await workbench.cursorLine(), expected);
    await workbench.page.locator('.editor-instance .view-line', { hasText: 'misgeneralisation):' }).first().waitFor();
  });

  it('moves between nodes with the arrow keys, lighting the active one\'s neighbourhood, and opens it with Enter', async () => {
    await searchFor('Reward model');
    await map.locator('#nodes').focus();
    await workbench.page.keyboard.press('ArrowDown');
    await workbench.page.keyboard.press('ArrowUp');
    assert.equal(await map.locator('#nodes [aria-selected="true"]').textContent(), 'Reward model');
    // The active node glides to the middle in 200 ms, and its neighbours are named after the view stops.
    await workbench.page.waitForTimeout(700);
    assertNeighbourhoodLit(await renderState(map), 'Reward model');
    await searchFor('Schemer');
    await map.locator('#nodes').focus();
    await workbench.page.keyboard.press('ArrowDown');
    assert.notEqual(await map.locator('#nodes [aria-selected="true"]').textContent(), 'Schemer');
    await workbench.page.keyboard.press('ArrowUp');
    assert.equal(await map.locator('#nodes [aria-selected="true"]').textContent(), 'Schemer');
    await workbench.page.keyboard.press('Enter');
    const expected = lineOf(course, 'Course summary.md', '**Schemer**');
    for (let attempt = 0; attempt < 50 && (await workbench.cursorLine().catch(() => 0)) !== expected; attempt++) await workbench.page.waitForTimeout(200);
    assert.match(await workbench.activeTab(), /Course summary\.md/);
    assert.equal(await workbench.cursorLine(), expected);
    await clearSearch();
  });

  it('shows only the neighbourhood of the concept at the editor cursor in local mode', async () => {
    await map.locator('#scope').selectOption('1');
    // Quick Open opens in the focused group, which is the map's after using it: go back to the first.
    await workbench.page.keyboard.press('Control+1');
    await workbench.openNote('Course summary.md');
    await workbench.clickText('Reward hacking', 3);
    await map.locator('#status', { hasText: /Around “Reward hacking”: \d+ nodes/ }).waitFor({ timeout: 10_000 });
    const shown = await map.locator('#nodes [role="option"]').allTextContents();
    assert.ok(shown.includes('Reward hacking') && shown.length >= 2 && shown.length < 30, shown.join(', '));
    await map.locator('#scope').selectOption('0');
    await map.locator('#status', { hasText: /concepts, \d+ units/ }).waitFor();
  });

  it('describes a node with its definition as edited, unsaved, and as it was again once the edit is deleted', async () => {
    // The summaries follow the graph in a message of their own, and after an edit only the one that changed.
    const described = (text: string): ReturnType<FrameLocator['locator']> =>
      map.locator(`#nodes [role="option"][aria-label*="${text}"]`, { hasText: /^Inner misalignment$/ });
    await described('the model internalised a different goal').waitFor();
    await workbench.page.keyboard.press('Control+1');
    await workbench.openNote('Course summary.md');
    await workbench.clickText('internalised', 0);
    await workbench.page.keyboard.type('deliberately ');
    await described('the model deliberately internalised a different goal').waitFor({ timeout: 15_000 });
    // Deleted key by key (the command palette's Revert File missed once in a full run; Ctrl+Z undoes a word at a time).
    for (let i = 0; i < 'deliberately '.length; i++) await workbench.page.keyboard.press('Backspace');
    await described('the model internalised a different goal').waitFor({ timeout: 15_000 });
    assert.equal(await described('deliberately').count(), 0);
    // The text is as on disk again; reverting clears the editor's unsaved mark for the tests after this one.
    await workbench.runCommand('File: Revert File');
  });

  /** Back to the whole map without a search, whatever a mode test left. */
  async function wholeMap(): Promise<void> {
    await map.locator('#scope').selectOption('0');
    await clearSearch();
  }

  it('shows the shortest chains of links between two concepts picked in path mode', async () => {
    await map.locator('#search').fill('');
    await map.locator('#scope').selectOption('path');
    await map.locator('#status', { hasText: /Path: click a concept/ }).waitFor();
    for (const end of ['Sparse autoencoders', 'Curve detectors']) {
      await map.locator('#search').fill(end);
      // The best match becomes the list's active option once this query's results are in.
      await map.locator('#nodes [aria-selected="true"]', { hasText: new RegExp(`^${end}$`) }).waitFor();
      await map.locator('#search').press('Enter');
    }
    await map.locator('#status', { hasText: /Path “Sparse autoencoders” → “Curve detectors”: \d+ links?/ }).waitFor();
    const state = await renderState(map);
    const length = state.pathLength ?? assert.fail(`no path length: ${String(state.pathLength)}`);
    const ids = new Set(state.nodes.map((node) => node.id));
    const shownIds = [...ids];
    assert.ok(length >= 1 && state.nodes.length >= length + 1 && state.nodes.length < 30, `${length} links, ${state.nodes.length} nodes`);
    const listed = await map.locator('#nodes [role="option"]').allTextContents();
    assert.ok(listed.includes('Sparse autoencoders') && listed.includes('Curve detectors'), listed.join(', '));
    // Every link shown joins two shown nodes, and walking them leads from one end to the other in `length` steps.
    const adjacent = new Map<string, string[]>(shownIds.map((id) => [id, []]));
    for (const edge of state.edges) {
      assert.ok(ids.has(edge.source) && ids.has(edge.target));
      adjacent.get(edge.source)?.push(edge.target);
      adjacent.get(edge.target)?.push(edge.source);
    }
    const idOf = (label: string): string => state.nodes.find((node) => node.label === label)?.id ?? assert.fail(`${label} is not shown`);
    const start = idOf('Sparse autoencoders');
    const end = idOf('Curve detectors');
    let frontier = [start];
    const seen = new Set(frontier);
    for (let step = 0; step < length; step++) frontier = frontier.flatMap((id) => (adjacent.get(id) ?? []).filter((next) => !seen.has(next) && seen.add(next)));
    assert.ok(frontier.includes(end), `no chain of ${length} links from ${start}: reached ${frontier.join(', ')}`);
  });

  it('shows only the orphans, concepts nothing mentions or links to, in orphans mode', async () => {
    await wholeMap();
    await map.locator('#scope').selectOption('orphans');
    await map.locator('#status', { hasText: /\d+ orphans?/ }).waitFor();
    const state = await renderState(map);
    const count = Number(/(\d+) orphan/.exec((await map.locator('#status').textContent()) ?? '')?.[1]);
    assert.ok(count > 0 && count === state.nodes.length, `${count} orphans, ${state.nodes.length} nodes shown`);
    assert.ok(state.nodes.every((node) => node.kind === 'concept'), 'only concepts can be orphans');
    const listed = await map.locator('#nodes [role="option"]').allTextContents();
    // Features and Reward model are named in other definitions; Schemer is named in none and nests under no concept.
    assert.ok(!listed.includes('Features') && !listed.includes('Reward model') && listed.includes('Schemer'), listed.join(', '));
    await wholeMap();
  });

  it('redraws in the colours of a theme chosen while it is open', async () => {
    const light = await pixelsInThemeColour(map, '--vscode-editor-foreground', undefined);
    await workbench.chooseColorTheme('Dark Modern');
    await map.locator('body.vscode-dark').waitFor();
    await workbench.page.waitForTimeout(1_000);
    const dark = await pixelsInThemeColour(map, '--vscode-editor-foreground', undefined);
    assert.ok(dark > 200, `labels in the dark theme's foreground: ${dark} pixels (${light} in the light theme's)`);
    await workbench.screenshot('concept-map-dark');
  });

  it('saves the current view as PNG and as SVG through the save dialog', async () => {
    await searchFor('Inner misalignment');
    const png = await saveFromDialog('#export-png', 'concept-map.png');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 10_000, `a PNG of ${png.length} bytes`);
    const svg = (await saveFromDialog('#export-svg', 'concept-map.svg')).toString('utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, />Inner misalignment<\/text>/);
    await clearSearch();
  });

  it('keeps its page while hidden behind a note in its group, and shows it again as it was', async () => {
    await map.locator('#map').evaluate(() => void Object.defineProperty(window, 'keptMarker', { value: 'kept' }));
    // Quick Open opens the note in the focused group: the map's, so the note hides the map.
    await workbench.page.keyboard.press('Control+2');
    await workbench.openNote('Course summary.md');
    const mapTab = workbench.page.locator('.tab', { hasText: 'Concept Map' });
    assert.doesNotMatch((await mapTab.getAttribute('class')) ?? '', /\bactive\b/, 'the map is still shown');
    await workbench.runCommand('Alignment Notes: Open Concept Map');
    await workbench.page.locator('.tab.active', { hasText: 'Concept Map' }).waitFor();
    await map.locator('#map[data-state="settled"]').waitFor({ timeout: 30_000 });
    // The same page: not a new one that loaded and drew the map again.
    assert.equal(await map.locator('#map').evaluate(() => (window as unknown as { keptMarker?: string }).keptMarker), 'kept');
    assert.equal(await map.locator('#map').evaluate(() => performance.getEntriesByName('conceptMap:ready').length), 1);
    await workbench.page.keyboard.press('Control+1');
  });

  it('comes back after a window reload with its search and scope', async () => {
    await map.locator('#search').fill('Schemer');
    await map.locator('#scope').selectOption('2');
    await map.locator('#status', { hasText: /match/ }).waitFor();
    // The page saves its state a moment after a change.
    await workbench.page.waitForTimeout(1_000);
    await workbench.runCommand('Developer: Reload Window');
    await map.locator('#map[data-state="settled"]').waitFor({ timeout: 60_000 });
    assert.equal(await map.locator('#search').inputValue(), 'Schemer');
    assert.equal(await map.locator('#scope').inputValue(), '2');
    await map.locator('#scope').selectOption('0');
    await clearSearch();
  });

  it('shows a concept named like markup as text, on the map and in its tooltip, and runs no script', async () => {
    writeFileSync(join(course, 'units', 'Hostile names.md'), `# Hostile names\n\n* **${HOSTILE}**: a concept whose name is markup ${PAYLOAD}; it mentions Schemer.\n`);
    await map.locator('#nodes [role="option"]', { hasText: HOSTILE }).waitFor({ timeout: 20_000 });
    // The new node is laid out among the others: search for it once the layout has settled, so it stays centred.
    await map.locator('#map[data-state="settled"]').waitFor({ timeout: 60_000 });
    assert.equal(await map.locator('img, iframe, object, embed').count(), 0);
    await searchFor(HOSTILE);
    assert.equal(await map.locator('#nodes [aria-selected="true"]').textContent(), HOSTILE, (await map.locator('#status').textContent()) ?? '');
    // Hovered where the renderer drew it (its box is in pixels of the map's box), wherever the search left it.
    const node = (await renderState(map)).nodes.find((shown) => shown.label === HOSTILE);
    const surface = await map.locator('#map').boundingBox();
    assert.ok(node && surface, `${HOSTILE} is not drawn`);
    const x = surface.x + (node.box.x1 + node.box.x2) / 2;
    const y = surface.y + (node.box.y1 + node.box.y2) / 2;
    await workbench.page.mouse.move(x - 150, y - 150);
    await workbench.page.mouse.move(x, y, { steps: 6 });
    await map.locator('#tooltip:not([hidden])').waitFor();
    assert.equal(await map.locator('#tooltip strong').textContent(), HOSTILE);
    assert.ok(((await map.locator('#tooltip span').textContent()) ?? '').includes(PAYLOAD), 'the definition\'s markup is shown as text');
    // VS Code injects scripts of its own into the frame; none may carry the payload.
    assert.equal(await map.locator('script').evaluateAll((scripts) => scripts.filter((script) => (script.textContent ?? '').includes('alert(')).length), 0);
    assert.equal(await map.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(cspViolations, []);
  });
});
