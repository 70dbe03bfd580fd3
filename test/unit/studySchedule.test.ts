import { strict as assert } from 'node:assert';
import { type StudyCard, studyCards } from '../../src/core/study/cards';
import { conceptLookup } from '../../src/core/study/fromIndex';
import { ReviewBook } from '../../src/core/study/reviewBook';
import { endOfDay, parseReviewState, REVIEW_STATE_VERSION, reviewStateJson, type ReviewStateFile } from '../../src/core/study/reviewState';
import { type CardState, Scheduler, shortDuration, type StudyGrade } from '../../src/core/study/schedule';
import { ReviewSession } from '../../src/core/study/session';
import { vault } from './helpers/vaultIndex';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const EMPTY: ReviewStateFile = { version: REVIEW_STATE_VERSION, concepts: {} };
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('review scheduling (FSRS, default parameters, fuzz off)', () => {
  const scheduler = new Scheduler({ fuzz: false });

  it('a new card: Again in 1 minute, Hard in 6, Good in 10 (learning steps), Easy in 8 days', () => {
    assert.deepEqual(scheduler.preview(undefined, NOW), { again: 1 * MINUTE, hard: 6 * MINUTE, good: 10 * MINUTE, easy: 8 * DAY });
  });

  it('a card reviewed on time follows the expected FSRS intervals, through a lapse and back', () => {
    // Expected from FSRS-6's default weights at 90% retention: a first Good graduates with stability w2 = 2.3065
    // (2 days), Easy on a new card gives w3 = 8.2956 (8 days); later intervals grow with stability.
    const steps: [StudyGrade, string, CardState['state'], number, number][] = [
      ['good', '2026-03-02T09:10:00.000Z', 'learning', 1, 0],
      ['good', '2026-03-04T09:10:00.000Z', 'review', 2, 0],
      ['good', '2026-03-15T09:10:00.000Z', 'review', 3, 0],
      ['good', '2026-04-30T09:10:00.000Z', 'review', 4, 0],
      ['again', '2026-04-30T09:20:00.000Z', 'relearning', 5, 1],
      ['good', '2026-05-03T09:20:00.000Z', 'review', 6, 1],
      ['hard', '2026-05-09T09:20:00.000Z', 'review', 7, 1],
      ['easy', '2026-05-27T09:20:00.000Z', 'review', 8, 1],
    ];
    let state: CardState | undefined;
    let now = NOW;
    for (const [grade, due, memory, reps, lapses] of steps) {
      // Each state goes through the JSON file and back, as between sessions.
      const stored: CardState | undefined = state && JSON.parse(JSON.stringify(state));
      state = scheduler.next(stored, grade, now, 'h');
      assert.deepEqual([state.due, state.state, state.reps, state.lapses], [due, memory, reps, lapses], `${grade} at ${now.toISOString()}`);
      now = new Date(state.due);
    }
    assert.equal(state?.scheduledDays, 18);
    assert.equal(scheduler.next(undefined, 'easy', NOW, 'h').due, '2026-03-10T09:00:00.000Z');
  });

  it('grade buttons show short durations', () => {
    assert.deepEqual([MINUTE, 10 * MINUTE, 3 * 3_600_000, 4 * DAY, 75 * DAY, 500 * DAY].map(shortDuration), ['1m', '10m', '3h', '4d', '2.5mo', '1.4y']);
  });
});

function book(index: ReturnType<typeof vault>, file: ReviewStateFile = EMPTY): ReviewBook {
  return new ReviewBook(file, conceptLookup(index), new Scheduler({ fuzz: false }));
}

describe('review state', () => {
  it('a session graded to completion leaves nothing due today, and its state reads back the same from the file', () => {
    const index = vault({ 'a.md': '* **Saint**: does what we hoped.\n* **Schemer**: plans for later.\n' });
    const cards = studyCards(index.concepts());
    const reviews = book(index);
    const due = reviews.dueToday(cards, NOW);
    assert.deepEqual(due.map((status) => status.kind), ['new', 'new', 'new', 'new']);
    const session = new ReviewSession(reviews, due.map((status) => status.card));
    let graded = 0;
    while (session.current && graded < 20) {
      session.grade('good', new Date(NOW.getTime() + graded * MINUTE));
      graded++;
    }
    assert.equal(session.remaining, 0);
    assert.equal(graded, 8, 'each new card came back once after its 10-minute learning step');
    const later = new Date(NOW.getTime() + 30 * MINUTE);
    assert.deepEqual(reviews.dueToday(cards, later), []);
    const reread = parseReviewState(reviewStateJson(reviews.toFile()));
    assert.deepEqual(reread, reviews.toFile());
    assert.deepEqual(book(index, reread).dueToday(cards, later), []);
    assert.deepEqual(Object.keys(reread?.concepts ?? {}).sort(), ['saint', 'schemer']);
  });

  it('a card whose definition changed is due again, with its history kept; an unchanged one is not', () => {
    const before = vault({ 'a.md': '* **Saint**: does what we hoped.\n* **Schemer**: plans for later.\n' });
    const reviews = book(before);
    for (const card of studyCards(before.concepts())) reviews.grade(card, 'easy', NOW);
    const after = vault({ 'a.md': '* **Saint**: does what we meant, not what we said.\n* **Schemer**: plans for later.\n' });
    const next = book(after, reviews.toFile());
    const due = next.dueToday(studyCards(after.concepts()), new Date(NOW.getTime() + DAY));
    assert.deepEqual(due.map((status) => [status.card.key, status.kind, status.state?.reps]), [
      ['term:saint', 'changed', 1],
      ['definitions:saint', 'changed', 1],
    ]);
  });

  it('orders reviews by due time before changed and new cards, and new cards before their reverses', () => {
    const index = vault({ 'a.md': '* **Alpha**: first.\n* **Beta**: second.\n* **Gamma**: third.\n' });
    const cards = studyCards(index.concepts());
    const reviews = book(index);
    const byKey = (key: string): StudyCard => cards.find((card) => card.key === key) as StudyCard;
    reviews.grade(byKey('term:gamma'), 'again', NOW); // due in a minute
    reviews.grade(byKey('term:beta'), 'hard', NOW); // due in 6 minutes
    const due = reviews.dueToday(cards, new Date(NOW.getTime() + 10 * MINUTE));
    assert.deepEqual(due.map((status) => status.card.key), ['term:gamma', 'term:beta', 'term:alpha', 'definitions:alpha', 'definitions:beta', 'definitions:gamma'], 'a new card\'s reverse waits for the other new cards');
    assert.deepEqual(due.map((status) => status.kind), ['scheduled', 'scheduled', 'new', 'new', 'new', 'new']);
  });

  it('"due today" ends at local midnight', () => {
    const end = endOfDay(new Date(2026, 2, 2, 23, 59));
    assert.deepEqual([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()], [2026, 2, 3, 0, 0]);
  });

  it('when two concepts merge, the longer history is kept and the shorter one dropped at the next grade', () => {
    const apart = vault({
      'a.md': '* **Reinforcement learning from human feedback**: a reward model learned from comparisons.\n',
      'b.md': '* **Rater comparisons**: people pick the better of two answers.\n',
    });
    const reviews = book(apart);
    const rlhf = studyCards(apart.concepts()).find((card) => card.conceptId === 'reinforcement learning from human feedback');
    const raters = studyCards(apart.concepts()).find((card) => card.conceptId === 'rater comparison');
    assert.ok(rlhf && raters);
    reviews.grade(rlhf, 'good', NOW);
    for (let i = 0; i < 3; i++) reviews.grade(raters, 'good', new Date(NOW.getTime() + i * DAY));
    // The second note now names the first concept's acronym as its own term's alias: the two join as one concept.
    const merged = vault({
      'a.md': '* **Reinforcement learning from human feedback** (RLHF): a reward model learned from comparisons.\n',
      'b.md': '* **RLHF** (rater comparisons): people pick the better of two answers.\n',
    });
    const [concept] = merged.concepts();
    assert.equal(merged.concepts().length, 1);
    const after = book(merged, reviews.toFile());
    const card = studyCards(merged.concepts()).find((c) => c.direction === 'term');
    assert.ok(card && concept);
    assert.equal(after.stateOf(card)?.reps, 3, 'the longer history (three reviews) is the merged concept\'s');
    after.grade(card, 'good', new Date(NOW.getTime() + 10 * DAY));
    assert.deepEqual(Object.keys(after.toFile().concepts), [concept.id], 'the merged-away entries are gone, kept under the concept\'s id');
    assert.equal(after.toFile().concepts[concept.id]?.term?.reps, 4);
  });

  it('a key that is another concept\'s own id is never taken as a merged history', () => {
    const index = vault({ 'a.md': '* **Reward model** (RM): learns preferences.\n* **Risk management** (RM): plans for failure.\n* **RM**: short for two things.\n' });
    const reviews = book(index);
    const rm = studyCards(index.concepts()).find((card) => card.conceptId === 'RM' && card.direction === 'term');
    assert.ok(rm);
    for (let i = 0; i < 3; i++) reviews.grade(rm, 'good', new Date(NOW.getTime() + i * DAY));
    const reward = studyCards(index.concepts()).find((card) => card.term === 'Reward model' && card.direction === 'term');
    assert.ok(reward);
    assert.equal(reviews.stateOf(reward), undefined);
    reviews.grade(reward, 'good', NOW);
    assert.equal(reviews.toFile().concepts.RM?.term?.reps, 3, 'RM keeps its own reviews');
  });

  it('a state file that is not one is refused whole: not JSON, another version, a card state out of shape', () => {
    const good: ReviewStateFile = { version: REVIEW_STATE_VERSION, concepts: { saint: { term: new Scheduler({ fuzz: false }).next(undefined, 'good', NOW, 'h') } } };
    assert.deepEqual(parseReviewState(reviewStateJson(good)), good);
    for (const text of [
      '{"version":1,"concepts":{"saint":{"term":',
      '',
      'null',
      '{"version":2,"concepts":{}}',
      '{"version":1,"concepts":[]}',
      JSON.stringify({ version: 1, concepts: { saint: { term: { ...good.concepts.saint?.term, due: 'soon' } } } }),
      JSON.stringify({ version: 1, concepts: { saint: { sideways: good.concepts.saint?.term } } }),
      JSON.stringify({ version: 1, concepts: { saint: { term: { ...good.concepts.saint?.term, reps: -1 } } } }),
    ]) {
      assert.equal(parseReviewState(text), undefined, text);
    }
    const odd = parseReviewState('{"version":1,"concepts":{"__proto__":{}}}');
    assert.ok(odd && Object.hasOwn(odd.concepts, '__proto__') && Object.getPrototypeOf(odd.concepts) === Object.prototype, 'a concept id is just a key');
  });
});
