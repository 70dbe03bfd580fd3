// page.evaluate callbacks run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { Box } from '../../src/webview/labelPlacement';
import type { RenderState } from '../../src/webview/renderState';

/**
 * The concept map's own record of what it drew (`window.conceptMapRenderState()` in the webview), and the
 * legibility checks the end-to-end tests make against it on every sample.
 */
export async function renderState(map: FrameLocator): Promise<RenderState> {
  return map.locator('#map').evaluate(() => (window as unknown as { conceptMapRenderState(): RenderState }).conceptMapRenderState());
}

function overlap(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

function describe(box: Box): string {
  return `[${Math.round(box.x1)},${Math.round(box.y1)} – ${Math.round(box.x2)},${Math.round(box.y2)}]`;
}

/** Item 1: the drawing surface takes at least 80% of the panel, and the fitted graph 70% of it in one dimension. */
export function assertGraphOwnsPanel(state: RenderState): void {
  const share = (state.surface.width * state.surface.height) / (state.page.width * state.page.height);
  assert.ok(share >= 0.8, `the drawing surface is ${(share * 100).toFixed(0)}% of the panel`);
  const graph = state.graphBox ?? assert.fail('no node is shown');
  const fill = Math.max((graph.x2 - graph.x1) / state.surface.width, (graph.y2 - graph.y1) / state.surface.height);
  assert.ok(fill >= 0.7, `the fitted graph fills ${(fill * 100).toFixed(0)}% of the surface at most in one dimension`);
}

/**
 * Item 2: at least min(15, nodes) labels, the most connected node's among them, no two drawn labels
 * overlapping each other or a group title, and no two nodes overlapping.
 */
export function assertLegible(state: RenderState): void {
  const wanted = Math.min(15, state.nodes.length);
  assert.ok(state.labels.length >= wanted, `${state.labels.length} labels drawn of ${state.nodes.length} nodes`);
  const hub = [...state.nodes].sort((a, b) => b.degree - a.degree)[0];
  assert.ok(hub && state.labels.some((label) => label.id === hub.id), `the most connected node (${hub?.id}) is not named`);
  const boxes = [...state.labels.map((label) => ({ what: `label "${label.text}"`, box: label.box })), ...state.titles.map((title) => ({ what: `title "${title.text}"`, box: title.box }))];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (!a || !b || (a.what.startsWith('title') && b.what.startsWith('title'))) continue;
      assert.ok(!overlap(a.box, b.box), `${a.what} ${describe(a.box)} overlaps ${b.what} ${describe(b.box)}`);
    }
  }
  const discs = state.nodes.map((node) => ({ id: node.id, x: (node.box.x1 + node.box.x2) / 2, y: (node.box.y1 + node.box.y2) / 2, r: (node.box.x2 - node.box.x1) / 2 }));
  for (let i = 0; i < discs.length; i++) {
    for (let j = i + 1; j < discs.length; j++) {
      const a = discs[i];
      const b = discs[j];
      if (!a || !b) continue;
      // A node's rendered box includes its border; half a pixel either way is the renderer's rounding.
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      assert.ok(distance >= a.r + b.r - 1, `nodes ${a.id} and ${b.id} overlap: ${distance.toFixed(1)} px apart, radii ${a.r.toFixed(1)} and ${b.r.toFixed(1)} px`);
    }
  }
}

/**
 * Every section heading written in the notes of `folder` (Markdown files, recursively), as text, except
 * those that are also a note's file name: a group named after its note is the note, not the heading.
 */
export function headingsIn(folder: string): Set<string> {
  const headings = new Set<string>();
  const stems: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) {
        stems.push(name.replace(/\.md$/, ''));
        for (const match of readFileSync(path, 'utf8').matchAll(/^#{2,6}\s+(.+?)\s*#*\s*$/gm)) headings.add((match[1] ?? '').trim());
      }
    }
  };
  walk(folder);
  for (const stem of stems) headings.delete(stem);
  return headings;
}

/** Item 3: no group is a heading; the eight largest groups have eight different colours, the rest one neutral colour and outlines. */
export function assertMeaningfulGroups(state: RenderState, headings: ReadonlySet<string>): void {
  assert.ok(state.groups.length > 0, 'no groups');
  for (const group of state.groups) {
    assert.ok(!headings.has(group.label), `the group "${group.label}" is a heading`);
    assert.ok(!group.key.startsWith('heading:'), group.key);
  }
  const distinct = state.groups.slice(0, 8);
  assert.equal(new Set(distinct.map((group) => group.colour.toLowerCase())).size, distinct.length, `colours repeat: ${distinct.map((g) => `${g.label} ${g.colour}`).join(', ')}`);
  const rest = state.groups.slice(8);
  for (const group of rest) assert.ok(!distinct.some((d) => d.colour === group.colour) && group.outline !== 'solid', `${group.label}: ${group.colour} ${group.outline}`);
  // Each node is drawn in its group's colour.
  const colours = new Map(state.groups.map((group) => [group.key, group.colour]));
  for (const node of state.nodes) assert.equal(node.colour, colours.get(node.cluster), `${node.id} in ${node.cluster}`);
}

/** Item 2: the node named `label` and its neighbours are lit with their links, and every other node is faded. */
export function assertNeighbourhoodLit(state: RenderState, label: string): void {
  const lit = state.nodes.filter((node) => node.lit);
  assert.ok(lit.length >= 2, `${lit.length} nodes lit`);
  assert.ok(state.labels.some((drawn) => drawn.text === label), `"${label}" is not named while lit`);
  const litIds = new Set(lit.map((node) => node.id));
  for (const node of state.nodes) assert.equal(node.faded, !litIds.has(node.id), `${node.id}: faded ${node.faded}, lit ${litIds.has(node.id)}`);
  assert.ok(state.edges.some((edge) => edge.lit), 'no link lit');
  for (const edge of state.edges) if (edge.lit) assert.ok(litIds.has(edge.source) && litIds.has(edge.target));
}

/**
 * Pixels drawn (alpha at least 60) on the map's canvas whose `data-id` is `id`: the link layer's are `links`
 * (every link shown) and `lit-links` (the lit node's), under cytoscape's own canvases.
 */
export async function canvasPixels(map: FrameLocator, id: string): Promise<number> {
  return map.locator(`#map canvas[data-id="${id}"]`).evaluate((canvas) => {
    if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: [] };
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) >= 60) count++;
    return count;
  });
}

/**
 * A large map's link layer shows the picture of the current view: it was drawn for the map's zoom and pan
 * (not a transformed older one), holds every link shown that is in view, and every link the state lists is one
 * the layer shows. Waits up to `timeout` for the picture to catch up with the view.
 */
export async function linkLayerCurrent(map: FrameLocator, timeout = 20_000): Promise<RenderState> {
  const until = Date.now() + timeout;
  for (;;) {
    const state = await renderState(map);
    const layer = state.linkLayer ?? assert.fail('the map has no link layer');
    const picture = layer.picture;
    if (picture && Math.abs(picture.zoom - state.zoom) < 1e-9 && layer.transform === '') {
      assert.equal(layer.shown, state.edges.length, 'links listed and links the layer shows');
      return state;
    }
    if (Date.now() > until) assert.fail(`the link layer's picture never caught up with the view: ${JSON.stringify(layer)} at zoom ${state.zoom}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
