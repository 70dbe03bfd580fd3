import { strict as assert } from 'node:assert';
import { isFromReviewMessage, isToReviewMessage, REVIEW_LIMITS, type ShownCard } from '../../src/shared/reviewProtocol';

const CARD: ShownCard = {
  key: 'term:saint',
  direction: 'term',
  term: 'Saint',
  aliases: [],
  prompt: ['it genuinely holds the goals we were aiming for.'],
  definitions: [{ text: 'it genuinely holds the goals we were aiming for.', source: 'Course summary.md:24' }],
  kind: 'new',
  intervals: { again: '1m', hard: '6m', good: '10m', easy: '8d' },
};
const PROGRESS = { reviewed: 0, remaining: 3, filter: 'Unit 1' };

describe('review panel protocol', () => {
  it('accepts every message the review webview sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'again' },
      { type: 'revealed', key: 'term:saint' },
      { type: 'grade', key: 'term:saint', grade: 'easy' },
      { type: 'openSource', key: 'term:saint', index: 0 },
    ]) {
      assert.ok(isFromReviewMessage(message), JSON.stringify(message));
    }
  });

  it('drops malformed messages from the webview: unknown type or grade, missing key, bad index', () => {
    for (const message of [
      null,
      'grade',
      { type: 'grade', key: 'term:saint', grade: 'perfect' },
      { type: 'grade', grade: 'good' },
      { type: 'grade', key: '', grade: 'good' },
      { type: 'openSource', key: 'term:saint', index: -1 },
      { type: 'openSource', key: 'term:saint', index: 1.5 },
      { type: 'openSource', key: 'term:saint', index: '0' },
      { type: 'eval', code: 'alert(1)' },
      { type: 'revealed', key: 'x'.repeat(REVIEW_LIMITS.key + 1) },
    ]) {
      assert.ok(!isFromReviewMessage(message), JSON.stringify(message));
    }
  });

  it('accepts the extension\'s cards and end of session, and nothing out of shape', () => {
    assert.ok(isToReviewMessage({ type: 'card', card: CARD, progress: PROGRESS }));
    assert.ok(isToReviewMessage({ type: 'card', card: { ...CARD, definitions: [{ ...CARD.definitions[0], attribution: 'Smith 2024' }] }, progress: PROGRESS }));
    assert.ok(isToReviewMessage({ type: 'done', progress: PROGRESS, dueToday: 4 }));
    for (const message of [
      { type: 'card', card: { ...CARD, direction: 'sideways' }, progress: PROGRESS },
      { type: 'card', card: { ...CARD, intervals: { again: '1m' } }, progress: PROGRESS },
      { type: 'card', card: { ...CARD, prompt: 'not a list' }, progress: PROGRESS },
      { type: 'card', card: { ...CARD, term: 'x'.repeat(REVIEW_LIMITS.name + 1) }, progress: PROGRESS },
      { type: 'card', card: CARD, progress: { ...PROGRESS, remaining: -1 } },
      { type: 'done', progress: PROGRESS },
      { type: 'html', html: '<script>alert(1)</script>' },
    ]) {
      assert.ok(!isToReviewMessage(message), JSON.stringify(message));
    }
  });
});
