import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { definitionsHash, MASK, maskNames, promptOf, studyCards } from '../../src/core/study/cards';
import { filterCards, studyFilters } from '../../src/core/study/filters';
import { conceptPlaces } from '../../src/core/study/fromIndex';
import { SAMPLE_COURSE, SAMPLE_VAULT, sampleNotes } from './helpers/sampleCourse';
import { ROOT, vault } from './helpers/vaultIndex';

function indexOf(root: string): CourseIndex {
  const index = new CourseIndex();
  index.setRoots([`${pathToFileURL(root).href}/`]);
  for (const [uri, text] of sampleNotes(root)) index.setNote(uri, text);
  return index;
}

/** A note's folder relative to `root`, as the extension's `asRelativePath` gives it. */
function folderUnder(root: string): (note: string) => string {
  const base = `${pathToFileURL(root).href}/`;
  return (note) => decodeURIComponent(note.slice(base.length)).split('/').slice(0, -1).join('/');
}

describe('flashcards from the definitions people wrote', () => {
  describe('on the sample course (glossary bullets and headings)', () => {
    const index = indexOf(SAMPLE_COURSE);
    const cards = studyCards(index.concepts());

    it('makes two cards per concept with a definition, definitions → term and term → definitions, with unique keys', () => {
      const withWords = index.concepts().filter((concept) => concept.definitions.some((definition) => definition.text.trim() !== ''));
      assert.equal(cards.length, 2 * withWords.length);
      assert.equal(new Set(cards.map((card) => card.key)).size, cards.length);
      for (const concept of withWords) {
        assert.deepEqual(
          cards.filter((card) => card.conceptId === concept.id).map((card) => card.direction),
          ['term', 'definitions'],
          concept.term,
        );
      }
    });

    it('a concept defined in the summary and a unit note gives one pair of cards holding both definitions, each with its note and line', () => {
      const pair = cards.filter((card) => card.term === 'Inner misalignment');
      assert.equal(pair.length, 2);
      const [card] = pair;
      assert.deepEqual(card?.aliases, ['goal misgeneralisation']);
      assert.deepEqual(
        card?.definitions.map((definition) => [decodeURIComponent(definition.note.split('/').at(-1) ?? ''), definition.line]),
        [
          ['Course summary.md', 13],
          ['Unit 1 - Losing control to AI.md', index.definitionsOf(card?.conceptId ?? '')[1]?.range.start.line],
        ],
      );
      assert.match(card?.definitions[0]?.text ?? '', /^training used a sensible objective, but the model internalised a different goal/);
    });

    it('the definitions → term card hides the term and its aliases, in any case, so the prompt does not give the answer away', () => {
      for (const card of cards.filter((c) => c.direction === 'term')) {
        for (const name of [card.term, ...card.aliases]) {
          for (const line of promptOf(card)) {
            assert.ok(!new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(line), `${card.term}: "${line}" names ${name}`);
          }
        }
      }
      const features = cards.find((card) => card.term === 'Features' && card.direction === 'term');
      assert.match(features ? promptOf(features)[0] ?? '' : '', /^… are the properties of the input/);
      assert.match(features?.definitions[0]?.text ?? '', /^Features are the properties of the input/, 'the answer side keeps the words');
    });

    it('a heading concept with nested bullets gets cards from what those bullets say', () => {
      const rlhf = cards.find((card) => card.term === 'Reinforcement Learning from Human Feedback');
      assert.ok(rlhf && rlhf.definitions.length >= 2, 'the summary heading and the unit note both define RLHF');
    });
  });

  describe('on the sample vault (concept pages)', () => {
    const index = indexOf(SAMPLE_VAULT);
    const cards = studyCards(index.concepts());

    it('a concept page gives its attributed definitions, each naming its source, beside the glossary definitions elsewhere', () => {
      const drift = cards.find((card) => card.term === 'Goal Drift' && card.direction === 'definitions');
      assert.ok(drift);
      assert.deepEqual(drift.aliases, ['Objective drift']);
      assert.equal(drift.definitions.length, 3);
      assert.equal(drift.definitions.filter((definition) => definition.attribution !== undefined).length, 2);
      assert.deepEqual(
        drift.definitions.filter((definition) => definition.attribution !== undefined).map((definition) => [definition.attribution, definition.note.split('/').slice(-2).join('/')]),
        [['sources/smith-2024', 'concepts/goal-drift.md'], ['Lee et al.', 'concepts/goal-drift.md']],
      );
    });

    it('every concept page with words gets its pair of cards; a page that defines nothing yet gets none', () => {
      const empty = vault({ 'concepts/stub.md': '---\ntype: concept\n---\n\n# Stub concept\n\n## Relationships\n- Related to: [[concepts/other]]\n' });
      assert.deepEqual(studyCards(empty.concepts()), []);
      assert.ok(cards.filter((card) => card.term === 'Corrigibility').length === 2);
      assert.equal(cards.length % 2, 0);
      assert.ok(cards.length >= 60, `${cards.length} cards`);
    });

    it('filters by front-matter tag, by type and by folder', () => {
      const places = conceptPlaces(index, folderUnder(SAMPLE_VAULT));
      const filters = studyFilters(cards, places);
      const byKey = new Map(filters.map((filter) => [filter.key, filter]));
      const control = filterCards(cards, 'tag:control', places);
      assert.deepEqual([...new Set(control.map((card) => card.term))].sort(), ['AI Control', 'Corrigibility']);
      assert.equal(byKey.get('tag:control')?.concepts, 2);
      assert.equal(byKey.get('tag:control')?.label, '#control');
      const concepts = filterCards(cards, 'type:concept', places);
      assert.ok(concepts.some((card) => card.term === 'Goal Drift'));
      assert.ok(!concepts.some((card) => card.term === 'Drift rate'), 'a term defined on a source page is no concept page');
      const folder = filterCards(cards, 'folder:concepts', places);
      assert.ok(folder.some((card) => card.term === 'Goal Drift') && folder.every((card) => card.definitions.some((d) => d.note.includes('/concepts/'))));
    });
  });

  it('filters the course by unit: the concepts whose home is that unit', () => {
    const index = indexOf(SAMPLE_COURSE);
    const cards = studyCards(index.concepts());
    const places = conceptPlaces(index, folderUnder(SAMPLE_COURSE));
    const units = studyFilters(cards, places).filter((filter) => filter.kind === 'unit');
    assert.deepEqual(units.map((unit) => unit.label), ['Unit 1', 'Unit 2', 'Unit 3', 'Unit 4', 'Unit 5']);
    const unit3 = units.find((unit) => unit.label === 'Unit 3');
    const picked = filterCards(cards, unit3?.key, places);
    assert.equal(picked.length, 2 * (unit3?.concepts ?? 0));
    assert.ok(picked.some((card) => card.term === 'Debate'));
    assert.ok(picked.every((card) => index.homeOf(card.conceptId)?.label === 'Unit 3'));
    assert.equal(filterCards(cards, undefined, places).length, cards.length);
  });

  it('the hash of a card changes with its definitions\' words, not with where they are written', () => {
    const before = studyCards(vault({ 'a.md': '* **Saint**: does what we hoped.\n' }).concepts())[0];
    const moved = studyCards(vault({ 'b/c.md': '# Elsewhere\n\n* **Saint**: does what we hoped.\n' }).concepts())[0];
    const changed = studyCards(vault({ 'a.md': '* **Saint**: does what we meant.\n' }).concepts())[0];
    assert.equal(moved?.hash, before?.hash);
    assert.notEqual(changed?.hash, before?.hash);
    assert.equal(before?.hash, definitionsHash(before?.definitions ?? []));
    assert.equal(before?.definitions[0]?.note, `${ROOT}a.md`);
  });

  it('HTML and scripts in a definition stay plain text on the card', () => {
    const [card] = studyCards(vault({ 'a.md': '* **Bad input**: see <script>alert(1)</script> and <img src=x onerror=alert(2)> here.\n' }).concepts());
    assert.ok(card);
    assert.match(card.definitions[0]?.text ?? '', /<script>alert\(1\)<\/script>|<img src=x onerror=alert\(2\)>/);
  });

  it('masks whole words only, longest name first', () => {
    assert.equal(maskNames('RLHF and Reinforcement Learning from Human Feedback (RLHF), not RLHFs or xRLHF', ['RLHF', 'Reinforcement learning from human feedback']), `${MASK} and ${MASK} (${MASK}), not RLHFs or xRLHF`);
    assert.equal(maskNames('a+b c', ['a+b']), `${MASK} c`);
  });
});
