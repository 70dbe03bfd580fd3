import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CloseStems } from '../../src/core/links/closeStems';
import { editDistanceWithin } from '../../src/core/links/editDistance';

/** What `within` must equal: every stem measured. */
function measuredAll(stems: readonly string[], query: string, max: number): { stem: string; distance: number }[] {
  return stems.flatMap((stem) => {
    const distance = editDistanceWithin(query, stem, max);
    return distance <= max ? [{ stem, distance }] : [];
  });
}

describe('CloseStems: note names within an edit distance, found through shared bigrams', () => {
  it('finds exactly the stems that measuring every stem finds, in their order, for random names and limits', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'n', 'r', ' ', '-', 'é'), maxLength: 24 });
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 60 }), name, fc.integer({ min: 0, max: 9 }), (stems, query, max) => {
        assert.deepEqual(new CloseStems(stems).within(query, max), measuredAll(stems, query, max));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('finds a misspelt long note name among look-alikes, and one query does not disturb the next', () => {
    const stems = ['deceptive sandbagging', 'deceptive alignment', 'sandbagging evaluations', 'reward hacking', 'reward tampering', 'goal misgeneralisation'];
    const index = new CloseStems(stems);
    const max = (query: string): number => Math.max(2, Math.floor(query.length / 3));
    for (const query of ['deceptve sandbaging', 'reward hackign', 'goal misgeneralization', 'nothing like any of them at all', 'deceptive sandbagging']) {
      assert.deepEqual(index.within(query, max(query)), measuredAll(stems, query, max(query)), query);
    }
    assert.deepEqual(index.within('reward hackign', 4), [{ stem: 'reward hacking', distance: 2 }]);
  });

  it('with no stems, finds nothing', () => {
    assert.deepEqual(new CloseStems([]).within('anything', 3), []);
  });
});
