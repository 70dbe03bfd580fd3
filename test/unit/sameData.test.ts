import { strict as assert } from 'node:assert';
import { sameData } from '../../src/core/util/sameData';

describe('sameData', () => {
  const definition = { note: 'file:///n.md', text: 'plays along', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } }, citations: [{ label: 'Unit 1', url: 'u.md' }] };

  it('finds two definitions made apart with the same data the same, whatever the order of their keys', () => {
    const again = { citations: [{ url: 'u.md', label: 'Unit 1' }], range: { end: { character: 9, line: 2 }, start: { line: 2, character: 0 } }, text: 'plays along', note: 'file:///n.md' };
    assert.equal(sameData(definition, again), true);
  });

  it('tells apart a changed value, a missing or extra key, and an array from an object', () => {
    assert.equal(sameData(definition, { ...definition, text: 'plays along revisit' }), false);
    assert.equal(sameData(definition, { ...definition, range: { ...definition.range, end: { line: 2, character: 10 } } }), false);
    assert.equal(sameData(definition, { ...definition, group: 'Saints' }), false);
    assert.equal(sameData({ a: undefined }, { b: undefined }), false);
    assert.equal(sameData(['a'], { 0: 'a' }), false);
    assert.equal(sameData([1, 2], [1, 2, 3]), false);
    assert.equal(sameData(null, {}), false);
  });
});
