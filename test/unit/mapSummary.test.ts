import { strict as assert } from 'node:assert';
import type { MapEdge, MapNode, NodeKind } from '../../src/shared/protocol';
import { wholeMapSummary } from '../../src/webview/mapSummary';

const node = (id: string, kind: NodeKind): MapNode => ({ id, kind, label: id, cluster: kind, clusterLabel: kind, degree: 1 });
const edge = (source: string, target: string): MapEdge => ({ source, target, kind: 'links' });

describe('concept map status line', () => {
  it('counts a vault\'s pages as pages, not as course units', () => {
    const nodes = [node('concepts/rlhf', 'concept'), node('concepts/goal-drift', 'concept'), node('sources/christiano-2017', 'page'), node('Unit 1', 'unit')];
    assert.equal(wholeMapSummary({ nodes, edges: [edge('concepts/rlhf', 'sources/christiano-2017'), edge('concepts/goal-drift', 'Unit 1')] }), '2 concepts, 1 unit, 1 page, 2 links');
  });

  it('leaves out the kinds a map has none of, and says so in the singular for one', () => {
    assert.equal(wholeMapSummary({ nodes: [node('Mesa-optimiser', 'concept'), node('Unit 2', 'unit'), node('Unit 3', 'unit')], edges: [edge('Mesa-optimiser', 'Unit 2')] }), '1 concept, 2 units, 1 link');
    assert.equal(wholeMapSummary({ nodes: [], edges: [] }), '0 concepts, 0 links');
  });
});
