import { strict as assert } from 'node:assert';
import type { MapEdge, MapNode } from '../../src/shared/protocol';
import { fitViewport } from '../../src/webview/fitViewport';
import { diffGraphs } from '../../src/webview/graphDiff';
import { forceInputOf } from '../../src/webview/layout/forceInput';
import { ForceRun } from '../../src/webview/layout/forceSimulation';
import { clusterDiscs, placeNear } from '../../src/webview/layout/seedLayout';
import { neighbourhood } from '../../src/webview/mapModes';

function node(id: string, cluster = 'Unit 1', degree = 1): MapNode {
  return { id, kind: 'concept', label: id, cluster, clusterLabel: cluster, degree };
}

function edge(source: string, target: string, kind: MapEdge['kind'] = 'mentions'): MapEdge {
  return { source, target, kind };
}

describe('concept map layout and updates', () => {
  it('fits a map into the panel by its nodes, filling the limiting side less the padding and centring it', () => {
    // A round map of 300 by 300 units in a tall, narrow panel: the width limits it.
    const fitted = fitViewport({ x1: -150, y1: -100, x2: 150, y2: 200 }, { width: 500, height: 800 }, 20, { min: 0.02, max: 6 });
    assert.ok(fitted);
    assert.equal(fitted.zoom, (500 - 40) / 300);
    const left = -150 * fitted.zoom + fitted.pan.x;
    const top = -100 * fitted.zoom + fitted.pan.y;
    assert.equal(Math.round(left), 20);
    assert.equal(Math.round(top + (300 * fitted.zoom) / 2), 400, 'centred vertically');
    // A map of a few nodes is not blown up past the largest zoom.
    assert.equal(fitViewport({ x1: 0, y1: 0, x2: 10, y2: 10 }, { width: 500, height: 800 }, 20, { min: 0.02, max: 1.6 })?.zoom, 1.6);
    assert.equal(fitViewport({ x1: 0, y1: 0, x2: 10, y2: 10 }, { width: 30, height: 30 }, 20, { min: 0.02, max: 1.6 }), undefined, 'no room inside the padding');
  });

  it('changes only what differs between two graphs', () => {
    const before = { nodes: [node('a'), node('b'), node('c')], edges: [edge('a', 'b'), edge('b', 'c')] };
    const after = { nodes: [node('a'), { ...node('b'), label: 'B' }, node('d')], edges: [edge('a', 'b'), edge('a', 'd', 'parent')] };
    const diff = diffGraphs(before, after);
    assert.deepEqual(diff.addedNodes.map((n) => n.id), ['d']);
    assert.deepEqual(diff.changedNodes.map((n) => n.id), ['b']);
    assert.deepEqual(diff.removedNodeIds, ['c']);
    assert.deepEqual(diff.addedEdges, [edge('a', 'd', 'parent')]);
    assert.equal(diff.removedEdgeIds.length, 1);
    assert.deepEqual(diffGraphs(after, after), { addedNodes: [], changedNodes: [], removedNodeIds: [], addedEdges: [], removedEdgeIds: [] });
    assert.deepEqual(diffGraphs(undefined, after), { addedNodes: after.nodes, changedNodes: [], removedNodeIds: [], addedEdges: after.edges, removedEdgeIds: [] });
  });

  it('finds the neighbourhood of a concept up to a depth, following links either way', () => {
    const edges = [edge('a', 'b'), edge('c', 'b'), edge('c', 'd'), edge('d', 'e'), edge('x', 'y')];
    assert.deepEqual([...neighbourhood('b', 1, edges)].sort(), ['a', 'b', 'c']);
    assert.deepEqual([...neighbourhood('b', 2, edges)].sort(), ['a', 'b', 'c', 'd']);
    assert.deepEqual([...neighbourhood('b', 3, edges)].sort(), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual([...neighbourhood('lonely', 3, edges)], ['lonely']);
  });

  it('seeds each unit as its own disc with the most linked node in the middle, the same every time', () => {
    const nodes = [node('hub', 'U1', 9), node('a', 'U1'), node('b', 'U1'), node('c', 'U2'), node('d', 'U2')];
    const positions = clusterDiscs(nodes, 20);
    assert.deepEqual(clusterDiscs(nodes, 20), positions);
    const at = (id: string) => positions.get(id) ?? assert.fail(id);
    const centre = (ids: string[]) => ({ x: ids.reduce((s, id) => s + at(id).x, 0) / ids.length, y: ids.reduce((s, id) => s + at(id).y, 0) / ids.length });
    const distance = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);
    const u1 = centre(['hub', 'a', 'b']);
    assert.ok(distance(at('hub'), u1) < distance(at('a'), u1));
    assert.ok(distance(u1, centre(['c', 'd'])) > distance(at('a'), u1), 'the two units overlap');
    assert.equal(new Set([...positions.values()].map((p) => `${p.x},${p.y}`)).size, nodes.length);
  });

  it('places a new node beside the nodes it links to', () => {
    const placed = new Map([
      ['a', { x: 0, y: 0, cluster: 'U1' }],
      ['b', { x: 1000, y: 1000, cluster: 'U2' }],
    ]);
    const positions = placeNear([node('new', 'U3')], placed, [edge('new', 'b')], 20);
    const at = positions.get('new') ?? assert.fail('not placed');
    assert.ok(Math.hypot(at.x - 1000, at.y - 1000) < 60, JSON.stringify(at));
  });

  it('hands the worker only the new nodes to move, with units as numbers and links as index pairs', () => {
    const nodes = [
      { id: 'a', x: 1, y: 2, radius: 4, cluster: 'U1' },
      { id: 'b', x: 3, y: 4, radius: 5, cluster: 'U2' },
      { id: 'c', x: 5, y: 6, radius: 6, cluster: 'U1' },
    ];
    const input = forceInputOf(nodes, [edge('a', 'b'), edge('c', 'a', 'parent'), edge('a', 'gone')], new Set(['c']));
    assert.deepEqual([...input.x], [1, 3, 5]);
    assert.deepEqual([...input.fixed], [1, 1, 0]);
    assert.deepEqual([...input.cluster], [0, 1, 0]);
    assert.deepEqual([...input.radius], [4, 5, 6]);
    assert.deepEqual([...input.links], [0, 1, 2, 0]);
    assert.ok(input.ticks < forceInputOf(nodes, [], new Set(['a', 'b', 'c'])).ticks, 'an update settles sooner than a first layout');
  });

  it('settles a force layout without moving the fixed nodes, and leaves no two nodes overlapping', () => {
    const n = 60;
    const x = Float32Array.from({ length: n }, (_, i) => (i % 10) * 5);
    const y = Float32Array.from({ length: n }, (_, i) => Math.floor(i / 10) * 5);
    const fixed = Uint8Array.from({ length: n }, (_, i) => (i < 10 ? 1 : 0));
    const links = Uint32Array.from({ length: (n - 1) * 2 }, (_, i) => (i % 2 === 0 ? i / 2 : i / 2 + 0.5));
    const radius = new Float32Array(n).fill(6);
    const run = new ForceRun({ x: x.slice(), y: y.slice(), fixed, radius, cluster: new Int32Array(n), links, ticks: 60 });
    let clock = 0;
    while (!run.settled) run.step(5, () => clock++);
    const after = run.positions();
    for (let i = 0; i < 10; i++) assert.deepEqual([after.x[i], after.y[i]], [x[i], y[i]], `fixed node ${i} moved`);
    assert.ok([...after.x].every(Number.isFinite) && [...after.y].every(Number.isFinite));
    assert.ok(after.x.some((value, i) => i >= 10 && value !== x[i]), 'the free nodes never moved');
    for (let i = 10; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const distance = Math.hypot((after.x[i] ?? 0) - (after.x[j] ?? 0), (after.y[i] ?? 0) - (after.y[j] ?? 0));
        assert.ok(distance >= 12 - 1e-3, `nodes ${j} and ${i} overlap: ${distance.toFixed(2)} apart`);
      }
    }
  });
});
