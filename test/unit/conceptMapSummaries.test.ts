import { strict as assert } from 'node:assert';
import { type BuiltMapGraph, changedSummaries } from '../../src/vscode/conceptMap/mapGraph';
import type { MapNode } from '../../src/shared/protocol';

const node = (id: string): MapNode => ({ id, kind: 'concept', label: id, cluster: 'unit:u1', clusterLabel: 'Unit 1', degree: 1 });

function graphOf(summaries: Record<string, string>): BuiltMapGraph {
  return { nodes: Object.keys(summaries).map(node), edges: [], summaries: new Map(Object.entries(summaries)) };
}

describe('concept map summaries, sent apart from the graph', () => {
  it('sends a new page every summary, then only those an update changed, added or emptied', () => {
    const sent = new Map<string, string>();
    const first = graphOf({ saint: 'does what we hoped', schemer: 'pursues its own goal', sycophant: '' });
    assert.deepEqual(changedSummaries(first, sent), [
      ['saint', 'does what we hoped'],
      ['schemer', 'pursues its own goal'],
    ]);
    assert.deepEqual(changedSummaries(first, sent), [], 'the same graph again sends nothing');
    const update = graphOf({ saint: 'does what we hoped', schemer: '', sycophant: 'says what we like to hear', mesa: 'an optimiser inside' });
    assert.deepEqual(changedSummaries(update, sent), [
      ['schemer', ''],
      ['sycophant', 'says what we like to hear'],
      ['mesa', 'an optimiser inside'],
    ]);
    // A reloaded page has been sent nothing: the panel starts a new record when it says `ready`.
    assert.equal(changedSummaries(update, new Map()).length, 3);
  });
});
