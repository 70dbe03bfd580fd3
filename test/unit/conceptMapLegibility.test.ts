import { strict as assert } from 'node:assert';
import type { MapEdge, MapNode } from '../../src/shared/protocol';
import { groupStyles } from '../../src/webview/groupColours';
import { type Box, LABEL_SIDES, overlaps, placeLabels } from '../../src/webview/labelPlacement';
import { separate } from '../../src/webview/layout/separate';
import { orphans, shortestPaths } from '../../src/webview/mapModes';

function node(id: string, cluster = 'unit:u1', kind: MapNode['kind'] = 'concept'): MapNode {
  return { id, kind, label: id, cluster, clusterLabel: cluster.replace(/^\w+:/, ''), degree: 1 };
}

function edge(source: string, target: string, kind: MapEdge['kind'] = 'mentions'): MapEdge {
  return { source, target, kind };
}

function box(x: number, y: number, width = 40, height = 14): Box {
  return { x1: x, y1: y, x2: x + width, y2: y + height };
}

describe('concept map legibility and modes', () => {
  it('gives the eight largest groups eight different colours and the rest a neutral colour with outlines', () => {
    const nodes = Array.from({ length: 11 }, (_, g) => Array.from({ length: 20 - g }, (_, i) => node(`g${g}n${i}`, `type:g${g}`))).flat();
    for (const dark of [false, true]) {
      const groups = groupStyles(nodes, { dark, neutral: '#8a8a8a' });
      assert.deepEqual(groups.map((group) => group.key), Array.from({ length: 11 }, (_, g) => `type:g${g}`), 'biggest first');
      const eight = groups.slice(0, 8);
      assert.equal(new Set(eight.map((group) => group.colour)).size, 8);
      assert.ok(eight.every((group) => group.distinct && group.colour !== '#8a8a8a' && group.outline === 'solid'));
      const rest = groups.slice(8);
      assert.ok(rest.every((group) => !group.distinct && group.colour === '#8a8a8a'));
      assert.equal(new Set(rest.map((group) => group.outline)).size, rest.length, 'the neutral groups share an outline');
      assert.ok(rest.every((group) => group.outline !== 'solid'));
    }
    const light = groupStyles(nodes, { dark: false, neutral: '#8a8a8a' });
    const dark = groupStyles(nodes, { dark: true, neutral: '#a0a0a0' });
    assert.notDeepEqual(light.map((group) => group.colour), dark.map((group) => group.colour), 'one palette for light and dark themes');
  });

  it('places labels in the order given, on the first side free of placed labels, titles and the edge of the view', () => {
    const view = { x1: 0, y1: 0, x2: 300, y2: 200 };
    const candidates = [
      { id: 'hub', boxes: [box(100, 100)] },
      { id: 'under-hub', boxes: [box(120, 105)] },
      { id: 'beside-hub', boxes: [box(110, 95), box(150, 100)] },
      { id: 'under-title', boxes: [box(10, 10)] },
      { id: 'outside', boxes: [box(280, 50)] },
      { id: 'free', boxes: [box(200, 150)] },
    ];
    assert.deepEqual([...placeLabels(candidates, [box(0, 0, 60, 20)], view, 10)], [['hub', 'below'], ['beside-hub', 'above'], ['free', 'below']]);
    assert.deepEqual([...placeLabels(candidates, [], view, 1).keys()], ['hub']);
    assert.equal(overlaps(box(0, 0), box(40, 0)), false, 'boxes that only touch do not overlap');
  });

  it('places labels so that none overlaps another, for thousands of candidates', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const candidates = Array.from({ length: 5_000 }, (_, i) => {
      const x = random() * 1_300;
      const y = random() * 800;
      const width = 30 + random() * 90;
      return { id: String(i), boxes: [box(x - width / 2, y + 6, width, 16), box(x - width / 2, y - 22, width, 16), box(x + 6, y - 8, width, 16), box(x - 6 - width, y - 8, width, 16)] };
    });
    const chosen = placeLabels(candidates, [], { x1: 0, y1: 0, x2: 1_400, y2: 900 }, 300);
    assert.ok(chosen.size >= 100 && chosen.size <= 300, `${chosen.size} placed`);
    assert.ok(new Set(chosen.values()).size > 1, 'every label went below its node');
    const boxes = candidates.flatMap((candidate) => {
      const side = chosen.get(candidate.id);
      return side === undefined ? [] : [candidate.boxes[LABEL_SIDES.indexOf(side)] as Box];
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlaps(boxes[i] as Box, boxes[j] as Box), `${i} and ${j}`);
  });

  it('passes over a candidate whose probes are all covered without measuring it, and places the same labels as without probes', () => {
    let seed = 11;
    const random = (): number => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const measured = new Set<string>();
    const sides = (x: number, y: number, width: number): Box[] => [
      box(x - width / 2, y + 6, width, 16),
      box(x - width / 2, y - 22, width, 16),
      box(x + 6, y - 8, width, 16),
      box(x - 6 - width, y - 8, width, 16),
    ];
    const plain = Array.from({ length: 3_000 }, (_, i) => {
      // Denser than a fitted map of 4,900 nodes: most names have no room left.
      const x = random() * 500;
      const y = random() * 350;
      return { id: String(i), x, y, boxes: sides(x, y, 30 + random() * 90) };
    });
    // The probes are the boxes of a label 6 px wide: within each side's box however long the name.
    const probed = plain.map(({ id, x, y, boxes }) => ({
      id,
      probes: sides(x, y, 6),
      get boxes(): Box[] {
        measured.add(id);
        return boxes;
      },
    }));
    const view = { x1: 0, y1: 0, x2: 600, y2: 450 };
    const titles = [box(200, 150, 200, 30)];
    // As many as fit: every candidate is looked at.
    const withProbes = placeLabels(probed, titles, view, Infinity);
    assert.deepEqual([...withProbes], [...placeLabels(plain, titles, view, Infinity)]);
    assert.ok(withProbes.size >= 100, `${withProbes.size} placed`);
    assert.ok(measured.size < plain.length / 2, `${measured.size} of ${plain.length} candidates measured`);
  });

  it('finds every shortest chain of links between two nodes, either way along links', () => {
    // a - b - d and a - c - d are both two links long; a - x - y - d is longer; z is apart.
    const edges = [edge('a', 'b'), edge('d', 'b'), edge('a', 'c'), edge('c', 'd'), edge('a', 'x'), edge('x', 'y'), edge('y', 'd'), edge('z', 'w')];
    const paths = shortestPaths('a', 'd', edges);
    assert.equal(paths.length, 2);
    assert.deepEqual([...paths.nodes].sort(), ['a', 'b', 'c', 'd']);
    assert.equal(paths.edges.length, 4);
    assert.ok(paths.edges.every((e) => !['x', 'y'].includes(e.source) && !['x', 'y'].includes(e.target)));
    const apart = shortestPaths('a', 'z', edges);
    assert.equal(apart.length, undefined);
    assert.deepEqual([...apart.nodes].sort(), ['a', 'z']);
    assert.equal(shortestPaths('a', 'a', edges).length, 0);
  });

  it('counts as orphans the concepts no link, mention or nesting leads to', () => {
    const nodes = [node('mentioned'), node('mentions-others'), node('linked'), node('child'), node('cites-only'), node('unit:x', 'unit:u1', 'unit'), node('page:p', 'type:source', 'page')];
    const edges = [
      edge('mentions-others', 'mentioned'),
      edge('page:p', 'linked', 'links'),
      edge('mentioned', 'child', 'parent'),
      edge('cites-only', 'unit:x', 'cites'),
      edge('mentions-others', 'page:p', 'links'),
    ];
    assert.deepEqual([...orphans(nodes, edges)].sort(), ['cites-only', 'mentions-others']);
  });

  it('parts overlapping nodes without moving the fixed ones', () => {
    const x = Float64Array.from([0, 1, 2, 0, 50]);
    const y = Float64Array.from([0, 0, 1, 0, 50]);
    const radius = [5, 5, 5, 5, 5];
    const fixed = [1, 0, 0, 0, 0];
    assert.equal(separate(x, y, radius, fixed, 2), 0);
    assert.deepEqual([x[0], y[0]], [0, 0]);
    for (let i = 0; i < 5; i++) for (let j = 0; j < i; j++) assert.ok(Math.hypot((x[i] ?? 0) - (x[j] ?? 0), (y[i] ?? 0) - (y[j] ?? 0)) >= 12 - 1e-6, `${j} and ${i}`);
  });

  it('parts a crowd packed too tight for pushing pairs apart, by spreading it out', () => {
    // 400 nodes thrown into a disc of half the area they need, as a dense hub of a large vault comes out.
    let seed = 7;
    const random = (): number => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const n = 400;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const radius = Array.from({ length: n }, () => 6 + 1.5 * Math.sqrt(random() * 40));
    for (let i = 0; i < n; i++) {
      const angle = random() * 2 * Math.PI;
      const distance = Math.sqrt(random()) * Math.sqrt(n) * 6;
      x[i] = distance * Math.cos(angle);
      y[i] = distance * Math.sin(angle);
    }
    assert.equal(separate(x, y, radius, new Uint8Array(n), 2), 0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const distance = Math.hypot((x[i] ?? 0) - (x[j] ?? 0), (y[i] ?? 0) - (y[j] ?? 0));
        assert.ok(distance >= (radius[i] ?? 0) + (radius[j] ?? 0) + 2 - 1e-6, `${j} and ${i} are ${distance} apart`);
      }
    }
  });
});
