import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { HostSession, hasExited } from './hostSession';

/**
 * Flashcard reviews across a reload of the window (which stops the extension host and starts a new one): a
 * session graded to completion in one host is still done in the next, read from the review state on disk.
 */
describe('flashcard reviews across a window reload', function () {
  this.timeout(300_000);
  let session: HostSession;
  before(async () => {
    session = await HostSession.open('study');
  });
  after(async () => session?.close());

  it('a unit reviewed to the end stays reviewed after the reload: nothing of it due, the same cards due elsewhere, the panel back', async () => {
    const start = await session.startHost({ settings: {}, study: { unit: 'Unit 4', gradeThenReload: true } }, { settings: {}, study: { unit: 'Unit 4' } });
    const first = await session.report(start);
    const reviewed = first.study ?? assert.fail('no study report');
    assert.ok(reviewed.graded >= 8, `only ${reviewed.graded} grades`);
    assert.equal(reviewed.dueOfUnit, 0, 'the session ran to its end');
    assert.ok(reviewed.concepts >= 4, `${reviewed.concepts} concepts in the state file`);
    assert.ok(existsSync(reviewed.file));

    const next = await session.report(start + 1);
    assert.notEqual(next.pid, first.pid);
    assert.ok(hasExited(first.pid), 'the reload stopped the previous extension host');
    const after = next.study ?? assert.fail('no study report after the reload');
    assert.equal(after.file, reviewed.file);
    assert.equal(after.dueOfUnit, 0, 'still nothing due in the unit');
    assert.equal(after.due, reviewed.due, 'the same cards due in all');
    assert.equal(after.concepts, reviewed.concepts);
    assert.ok(next.log.some((line) => line === `info: Flashcards: read the review state of ${reviewed.concepts} concepts.`), next.log.join('\n'));
    assert.ok(after.panelOpen, 'VS Code restored the review panel');
  });
});
