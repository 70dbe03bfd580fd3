import { strict as assert } from 'node:assert';
import { insideAny } from '../../src/core/util/uriPaths';

describe('insideAny', () => {
  const folders = new Set(['file:///work/notes/Moved in', 'file:///work/notes/Other']);

  it('holds a path at any depth under one of the folders', () => {
    assert.equal(insideAny('file:///work/notes/Moved in/Unit 10.md', folders), true);
    assert.equal(insideAny('file:///work/notes/Moved in/deeper/still/Unit 11.md', folders), true);
  });

  it('does not hold the folder itself, a sibling whose name starts alike, or a path elsewhere', () => {
    assert.equal(insideAny('file:///work/notes/Moved in', folders), false);
    assert.equal(insideAny('file:///work/notes/Moved in again/Unit 12.md', folders), false);
    assert.equal(insideAny('file:///work/notes/Unit 1.md', folders), false);
    assert.equal(insideAny('', folders), false);
  });
});
