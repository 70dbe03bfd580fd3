// page.evaluate callbacks run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { rmSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { testOutputDir } from '../../scripts/lib/paths';
import { type LargeCourseShape, writeLargeCourse } from '../corpus/mapCourse';
import { count, num } from '../lib/format';
import { notMeasured, type Row } from '../lib/results';
import { median } from '../lib/stats';
import { openNote, preparePaletteCommand, withVsCode } from './session';

/** The map sizes issue 16 sets targets for: about 500 and 5,000 nodes (concepts and their sections). */
export const MAP_SCALES: readonly LargeCourseShape[] = [
  { concepts: 490, mentions: 4, notes: 5, sections: 2 },
  { concepts: 4_900, mentions: 4, notes: 50, sections: 2 },
];
/** Times each map is opened in one VS Code; the rows give medians. */
const RUNS = 3;
/** How long the scripted pan and zoom lasts: half panning, half zooming. */
const GESTURE_MS = 4_000;
/** How long an opening may take to settle before the size counts as not measured. */
const SETTLE_TIMEOUT_MS = 600_000;

/** One opening of the map, measured in chromium and in the webview's own page. */
export interface MapRun {
  readonly nodes: number;
  readonly links: number;
  /** From pressing Enter on the palette command to the webview's `conceptMap:firstPicture` mark (nodes on screen). */
  readonly firstPictureMs: number;
  /** The longest task of the webview's page thread that ended after the first picture, until the map settled. */
  readonly longestTaskMs: number;
  /** Frames (`requestAnimationFrame` callbacks) per second during the scripted pan and zoom of the settled map. */
  readonly fps: number;
  /**
   * From Enter to the webview's page starting (its time origin), to its document parsed (VS Code writes it
   * into the frame once the webview's service worker is ready), to its script fetched, to the script having
   * run (`conceptMap:ready`), and to the graph's arrival (`conceptMap:graph`).
   */
  readonly pageMs: number;
  readonly documentMs: number;
  readonly scriptMs: number;
  readonly readyMs: number;
  readonly graphMs: number;
  /** The zoom changed by the gesture (a check that it moved the map). */
  readonly zoomChanged: boolean;
  /** The drag moved the whole map, not one node (a check that it was a pan). */
  readonly panned: boolean;
}

/**
 * Records the page thread's long tasks in every frame from its first script on (an init script runs before
 * the page's own and is not subject to its CSP), so the webview's are there however early they come.
 */
const RECORD_LONG_TASKS = `(() => {
  const tasks = [];
  window.__alignmentNotesLongTasks = tasks;
  try {
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]); }).observe({ type: 'longtask' });
  } catch {}
})();`;

function conceptMap(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/**
 * Pans the map by dragging in a circle for the first half of `ms`, then zooms in and out with the wheel,
 * one input event each frame (as a trackpad or mouse sends them), and counts the frames drawn. The drag
 * starts on the background, as a pan does: pressed on a node it would move that node instead (on a dense
 * 4,900-node map the middle of the panel is usually on one).
 */
async function scriptedPanAndZoom(map: FrameLocator, ms: number): Promise<{ fps: number; zoomChanged: boolean; panned: boolean }> {
  return map.locator('#map').evaluate(async (container, ms) => {
    type Box = { x1: number; y1: number; x2: number; y2: number };
    type State = { zoom: number; nodes: readonly { box: Box }[]; labels: readonly { box: Box }[]; titles: readonly { box: Box }[] };
    const state = (): State => (window as unknown as { conceptMapRenderState(): State }).conceptMapRenderState();
    const zoomOf = (): number => state().zoom;
    // cytoscape's node canvas, the top one (the link layer's canvases come before it).
    const target = container.querySelector('canvas[data-id="layer2-node"]') ?? container;
    const rect = container.getBoundingClientRect();
    const cx = rect.x + rect.width / 2;
    const cy = rect.y + rect.height / 2;
    // The circle's first point: the nearest to the panel's middle, right of it, with no node, name (a press on
    // a node's name grabs the node too) or group title within 8 px.
    const before = state();
    const boxes = before.nodes.map((node) => node.box);
    const taken = [...boxes, ...before.labels.map((label) => label.box), ...before.titles.map((title) => title.box)];
    const clear = (x: number, y: number): boolean => !taken.some((box) => x >= box.x1 - 8 && x <= box.x2 + 8 && y >= box.y1 - 8 && y <= box.y2 + 8);
    let pressAt: { x: number; y: number } | undefined;
    for (let radius = 0; radius < 300 && !pressAt; radius += 4) {
      for (let degrees = 0; degrees < 360 && !pressAt; degrees += 10) {
        const x = rect.width / 2 + 120 + radius * Math.cos((degrees * Math.PI) / 180);
        const y = rect.height / 2 + radius * Math.sin((degrees * Math.PI) / 180);
        if (clear(x, y)) pressAt = { x, y };
      }
    }
    const circle = { x: rect.x + (pressAt?.x ?? rect.width / 2 + 120) - 120, y: rect.y + (pressAt?.y ?? rect.height / 2) };
    // A pan moves every node by the same amount, a node drag one node: the first and last node are compared.
    const shift = (before: Box | undefined, now: Box | undefined): [number, number] => [(now?.x1 ?? 0) - (before?.x1 ?? 0), (now?.y1 ?? 0) - (before?.y1 ?? 0)];
    const [firstBox, lastBox] = [boxes[0], boxes.at(-1)];
    let panned = false;
    let moves = 0;
    const mouse = (type: string, x: number, y: number): boolean =>
      target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1, bubbles: true, cancelable: true }));
    const zoomBefore = zoomOf();
    let frames = 0;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      let dragging = false;
      let pressedAt: number | undefined;
      const frame = (now: number): void => {
        const t = now - start;
        if (t >= ms) {
          if (dragging) mouse('mouseup', cx, cy);
          resolve();
          return;
        }
        frames++;
        if (t < ms / 2) {
          // From the press on: the first frame can come late (a slow frame), and the press must be where chosen.
          pressedAt ??= now;
          const angle = ((now - pressedAt) / (ms / 2)) * 2 * Math.PI;
          const x = circle.x + 120 * Math.cos(angle);
          const y = circle.y + 120 * Math.sin(angle);
          if (!dragging) {
            mouse('mousedown', x, y);
            dragging = true;
          } else mouse('mousemove', x, y);
          // Checked once, a few moves in: the moves so far have panned the view by some pixels and not yet
          // come round the circle (a later frame can come after a long pause, and the view back where it was).
          if (++moves === 3) {
            const nodes = state().nodes;
            const [a, b] = [shift(firstBox, nodes[0]?.box), shift(lastBox, nodes.at(-1)?.box)];
            panned = Math.hypot(...a) > 1 && Math.hypot(a[0] - b[0], a[1] - b[1]) < 0.5;
          }
        } else {
          if (dragging) {
            mouse('mouseup', cx, cy);
            dragging = false;
          }
          const deltaY = t < (3 * ms) / 4 ? -60 : 60;
          target.dispatchEvent(new WheelEvent('wheel', { clientX: cx, clientY: cy, deltaY, bubbles: true, cancelable: true }));
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const seconds = (performance.now() - start) / 1000;
    return { fps: frames / seconds, zoomChanged: Math.abs(zoomOf() - zoomBefore) > 1e-6, panned };
  }, ms);
}

/** Waits up to `SETTLE_TIMEOUT_MS` for the map to settle, saying every half minute how far it is (the state and the graphs it got). */
async function waitUntilSettled(map: FrameLocator, pressed: number, log: (line: string) => void): Promise<void> {
  const settled = map.locator('#map[data-state="settled"]');
  for (;;) {
    const left = pressed + SETTLE_TIMEOUT_MS - Date.now();
    if (left <= 0) throw new Error(`the map did not settle within ${SETTLE_TIMEOUT_MS / 60_000} minutes`);
    try {
      await settled.waitFor({ state: 'attached', timeout: Math.min(left, 30_000) });
      return;
    } catch {
      const progress = await map
        .locator('#map')
        .evaluate((container) => `state ${container.dataset.state ?? '?'}, ${performance.getEntriesByName('conceptMap:graph').length} graphs received`)
        .catch(() => 'no page yet');
      log(`    … not settled after ${num((Date.now() - pressed) / 1000)} s: ${progress}`);
    }
  }
}

/** Opens the map from the palette, waits for it to settle, reads its marks and long tasks, then pans and zooms it. */
async function openAndMeasure(page: Page, log: (line: string) => void): Promise<MapRun> {
  const run = await preparePaletteCommand(page, 'Alignment Notes: Open Concept Map');
  const pressed = Date.now();
  await run();
  const map = conceptMap(page);
  await waitUntilSettled(map, pressed, log);
  // The webview's clock and ours differ in origin: the time from Enter to the first picture is ours to the
  // settled state seen here less the webview's own span from its first picture to now.
  const seen = Date.now();
  const inPage = await map.locator('#map').evaluate(() => {
    const mark = (name: string): number => performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN;
    const first = mark('conceptMap:firstPicture');
    const tasks = (window as unknown as { __alignmentNotesLongTasks?: [number, number][] }).__alignmentNotesLongTasks ?? [];
    const after = tasks.filter(([start, duration]) => start + duration > first).map(([, duration]) => duration);
    const script = performance.getEntriesByType('resource').find((entry) => entry.name.includes('conceptMap.js')) as PerformanceResourceTiming | undefined;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { sinceDocument: performance.now() - (navigation?.domInteractive ?? Number.NaN), sinceScript: performance.now() - (script?.responseEnd ?? Number.NaN), sinceOrigin: performance.now(), sinceFirstPicture: performance.now() - first, sinceReady: performance.now() - mark('conceptMap:ready'), sinceGraph: performance.now() - mark('conceptMap:graph'), longest: Math.max(0, ...after) };
  });
  // Counted by the map itself: the status line leaves out kinds of node the map has none of.
  const counts = await map.locator('#map').evaluate(() => {
    const state = (window as unknown as { conceptMapRenderState(): { nodes: unknown[]; edges: unknown[] } }).conceptMapRenderState();
    return { nodes: state.nodes.length, links: state.edges.length };
  });
  const gesture = await scriptedPanAndZoom(map, GESTURE_MS);
  return {
    nodes: counts.nodes,
    links: counts.links,
    firstPictureMs: seen - pressed - inPage.sinceFirstPicture,
    pageMs: seen - pressed - inPage.sinceOrigin,
    documentMs: seen - pressed - inPage.sinceDocument,
    scriptMs: seen - pressed - inPage.sinceScript,
    readyMs: seen - pressed - inPage.sinceReady,
    graphMs: seen - pressed - inPage.sinceGraph,
    longestTaskMs: inPage.longest,
    fps: gesture.fps,
    zoomChanged: gesture.zoomChanged,
    panned: gesture.panned,
  };
}

/** Opens the map of a generated course `RUNS` times in one VS Code (closing it in between) and measures each. */
async function measureScale(shape: LargeCourseShape, vsix: string | undefined, log: (line: string) => void): Promise<MapRun[]> {
  const folder = testOutputDir('bench', `map-course-${shape.concepts}-${process.pid}`);
  writeLargeCourse(folder, shape);
  try {
    return await withVsCode(folder, vsix, async ({ page }) => {
      await page.context().addInitScript(RECORD_LONG_TASKS);
      await openNote(page, 'Note 000.md');
      await page.locator('.statusbar-item', { hasText: `${count(shape.concepts)} concepts` }).or(page.locator('.statusbar-item', { hasText: `${shape.concepts} concepts` })).first().waitFor({ timeout: 600_000 });
      const runs: MapRun[] = [];
      for (let n = 0; n < RUNS; n++) {
        const run = await openAndMeasure(page, log);
        log(`  ${count(run.nodes)} nodes: first picture ${num(run.firstPictureMs)} ms (page started ${num(run.pageMs)}, document ${num(run.documentMs)}, script loaded ${num(run.scriptMs)}, ready ${num(run.readyMs)}, graph there ${num(run.graphMs)} ms), longest task after it ${num(run.longestTaskMs)} ms, ${num(run.fps)} fps${run.zoomChanged ? '' : ' (the gesture did not zoom the map)'}${run.panned ? '' : ' (the drag did not pan the map)'}`);
        runs.push(run);
        await (await preparePaletteCommand(page, 'View: Close All Editors'))();
        await conceptMap(page).locator('#map').waitFor({ state: 'detached', timeout: 30_000 });
        await openNote(page, 'Note 000.md');
      }
      return runs;
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Issue 16 item 6 in the real VS Code: for about 500 and 5,000 nodes, the first picture (command → nodes on
 * screen), the longest page-thread task after it while the layout settles, and the frame rate of a scripted
 * pan and zoom; medians of `RUNS` openings.
 */
export async function mapScaleRows(vsix: string | undefined, sizes: readonly number[], log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  for (const shape of MAP_SCALES) {
    const size = shape.concepts < 1000 ? 500 : 5000;
    if (!sizes.includes(size)) continue;
    log(`concept map: a course of ${count(shape.concepts)} concepts in VS Code, opened ${RUNS} times ...`);
    let runs: MapRun[];
    try {
      runs = await measureScale(shape, vsix, log);
    } catch (error) {
      // One size failing (a timeout on a busy machine) leaves the other's rows.
      const reason = `VS Code run failed: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`;
      rows.push(notMeasured(`conceptMap.firstPicture.${size}`, `Concept map, ${count(shape.concepts)} concepts: command → nodes on screen`, 'ms', reason));
      continue;
    }
    const nodes = runs[0]?.nodes ?? shape.concepts;
    const detail = (values: readonly number[], unit: string): string =>
      `median of ${runs.length}: ${values.map(num).join(', ')} ${unit}; ${count(nodes)} nodes, ${count(runs[0]?.links ?? 0)} links`;
    const first = runs.map((run) => run.firstPictureMs);
    const longest = runs.map((run) => run.longestTaskMs);
    const fps = runs.map((run) => run.fps);
    rows.push(
      {
        id: `conceptMap.firstPicture.${size}`,
        label: `Concept map, ${count(nodes)} nodes: command → nodes on screen`,
        value: median(first),
        unit: 'ms',
        samples: runs.length,
        detail: `${detail(first, 'ms')}; medians from Enter: webview page started ${num(median(runs.map((run) => run.pageMs)))} ms, its document parsed ${num(median(runs.map((run) => run.documentMs)))} ms, its script loaded ${num(median(runs.map((run) => run.scriptMs)))} ms, run ${num(median(runs.map((run) => run.readyMs)))} ms, graph there ${num(median(runs.map((run) => run.graphMs)))} ms`,
      },
      {
        id: `conceptMap.longestTask.${size}`,
        label: `Concept map, ${count(nodes)} nodes: longest page-thread task after the first picture until settled`,
        value: median(longest),
        unit: 'ms',
        samples: runs.length,
        detail: `${detail(longest, 'ms')}; long tasks (over 50 ms) of the webview's page, 0 when none`,
      },
      {
        id: `conceptMap.fps.${size}`,
        label: `Concept map, ${count(nodes)} nodes: frames per second during a scripted pan and zoom`,
        value: median(fps),
        unit: 'fps',
        samples: runs.length,
        detail: `${detail(fps, 'fps')}; requestAnimationFrame callbacks in headless chromium (software rendering), ${GESTURE_MS / 1000} s of drag then wheel, one event a frame${runs.every((run) => run.zoomChanged) ? '' : '; THE GESTURE DID NOT ZOOM THE MAP in some runs'}${runs.every((run) => run.panned) ? '' : '; THE DRAG DID NOT PAN THE MAP in some runs'}`,
      },
    );
  }
  return rows;
}
