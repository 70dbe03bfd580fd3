import { strict as assert } from 'node:assert';
import { failureLine } from '../../scripts/lib/layers';

/** The test summary's line per failure: what a CI log cut short still says about each failed test. */
describe('the test summary', () => {
  it('names a failure with the first line of its error', () => {
    const error = new Error('the index did not finish within 60 s\n    at somewhere (file.ts:1:1)');
    assert.equal(failureLine('faults a loop', error), 'faults a loop: the index did not finish within 60 s');
  });

  it('adds what follows a first line that ends in a colon: the expression assert.ok failed on, the actual value of an equality', () => {
    const falsy = new assert.AssertionError({ message: 'The expression evaluated to a falsy value:\n\n  assert.ok(index.hasNote(readable))\n' });
    assert.equal(failureLine('an unreadable file', falsy), 'an unreadable file: The expression evaluated to a falsy value: assert.ok(index.hasNote(readable))');
    let unequal: unknown;
    try {
      assert.equal(2, 1);
    } catch (error) {
      unequal = error;
    }
    assert.equal(failureLine('counts', unequal), 'counts: Expected values to be strictly equal: 2 !== 1');
  });

  it('reads errors sent as plain objects or strings, and keeps the title alone when the error says nothing', () => {
    assert.equal(failureLine('a', { message: '\n  expected 1\n' }), 'a: expected 1');
    assert.equal(failureLine('b', 'timed out'), 'b: timed out');
    assert.equal(failureLine('c', { message: '  \n' }), 'c');
  });
});
