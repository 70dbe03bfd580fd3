import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import { readFolder } from '../../src/cli/readNotes';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { SAMPLE_COURSE, SAMPLE_VAULT } from './helpers/sampleCourse';
import { ROOT, vault } from './helpers/vaultIndex';

const COURSE = 'https://github.com/study-group/agi-course/blob/main';
const cite = (unit: number, anchor = 'overview'): string => `[[Unit ${unit}]](${COURSE}/Unit%20${unit}.md#${anchor})`;

/** Concept term → `kind label` of its home. */
function homesOf(index: CourseIndex): Map<string, string> {
  return new Map(index.concepts().map((concept) => [concept.term, `${index.homeOf(concept.id)?.kind} ${index.homeOf(concept.id)?.label}`]));
}

function folderIndex(folder: string): CourseIndex {
  const index = new CourseIndex();
  index.setRoots([pathToFileURL(folder).href]);
  for (const { uri, text } of readFolder(folder).notes) if (text !== undefined) index.setNote(uri, text);
  return index;
}

describe('Concept homes', () => {
  const glossary = {
    'Summary.md': [
      '# My notes on the course',
      '',
      '## Key definitions',
      '',
      `* **Reward hacking**: the policy finds a loophole in the reward ${cite(2)}, also seen in ${cite(2, 'examples')} and ${cite(1)}.`,
      `* **Sandbagging**: underperforming on purpose during evaluations ${cite(3)}.`,
      '  * *Password locking*: a capability hidden unless a password is given.',
      `* **Corrigibility**: accepting correction ${cite(1)} ${cite(3)}.`,
      '* **Instrumental convergence**: most goals are served by the same subgoals.',
      '',
    ].join('\n'),
    'Unit 1.md': '# Unit 1: Losing control\n\n## Overview\n\n- **Reward hacking**: gaming a misspecified objective.\n',
    'Unit 2.md': '# Unit 2: Specification\n\n## Overview\n\n## Examples\n\n- **Reward hacking**: see the boat race.\n',
    'Unit 3.md': '# Unit 3: Evaluations\n\n## Overview\n',
  };

  it('files a glossary concept under the unit most of its definitions cite or live in, named as citations name it', () => {
    const homes = homesOf(vault(glossary));
    // Reward hacking: the summary cites Unit 2 and Unit 1, and it is defined in both unit notes: Unit 2 twice, Unit 1 twice; the first wins.
    assert.equal(homes.get('Reward hacking'), 'unit Unit 2');
    assert.equal(homes.get('Sandbagging'), 'unit Unit 3');
    assert.equal(homes.get('Corrigibility'), 'unit Unit 1', 'a tie goes to the unit cited first');
    const index = vault(glossary);
    const unit2 = index.homeOf(index.conceptNamed('reward hacking')?.id ?? '');
    assert.deepEqual(unit2, { key: `unit:${ROOT}Unit 2.md`, kind: 'unit', label: 'Unit 2', title: 'Unit 2: Specification' });
  });

  it('counts each definition once per unit, however often it cites it', () => {
    const index = vault({
      'A.md': `* **Goal drift**: goals change ${cite(1)}, ${cite(1, 'a')} and ${cite(1, 'b')}.\n* **Drift rate**: how fast ${cite(1)}.\n`,
      'B.md': `* **Goal drift**: a slow change of goals ${cite(2)}.\n* **Sandbagging**: hiding skill ${cite(2)}.\n`,
      'C.md': `* **Goal drift**: what long episodes show ${cite(2)}.\n* **Scheming**: hiding goals ${cite(2)}.\n`,
    });
    // Citations: Unit 1 three times, Unit 2 twice; definitions: one cites Unit 1, two cite Unit 2.
    assert.equal(homesOf(index).get('Goal drift'), 'unit Unit 2');
  });

  it('keeps a concept nested under another in its parent’s unit, and a concept citing nothing in its note', () => {
    const homes = homesOf(vault(glossary));
    assert.equal(homes.get('Password locking'), 'unit Unit 3');
    assert.equal(homes.get('Instrumental convergence'), 'note Summary');
  });

  it('gives a unit with no local copy its citation label, keyed by its URL without the anchor', () => {
    const index = vault({ 'Summary.md': `* **Debate**: two models argue ${cite(4, 'debate')}.\n* **Amplification**: a model helped by copies of itself ${cite(4, 'ida')}.\n` });
    const homes = index.concepts().map((concept) => index.homeOf(concept.id));
    assert.deepEqual(homes[0], { key: `unit:${COURSE}/Unit%204.md`, kind: 'unit', label: 'Unit 4', title: 'Unit 4' });
    assert.equal(homes[0]?.key, homes[1]?.key, 'two anchors of one unit are one home');
  });

  it('files vault pages by front-matter type, else folder, and a page’s glossary terms with the page', () => {
    const index = vault({
      'concepts/goal-drift.md': '---\ntype: Concept\n---\n# Goal Drift\n\nThe goal changes over a long episode.\n',
      'concepts/sandbagging.md': '# Sandbagging\n\nUnderperforming on purpose.\n',
      'sources/lee-2025.md': '---\ntype: source\nauthors: [Lee]\n---\n# Lee (2025)\n\n## Terms\n\n- **Drift rate**: how fast the goal moves per step.\n- **Episode length**: steps before a reset.\n',
      'reading-list.md': '# Reading\n\n* **Eval awareness**: knowing one is tested.\n',
    });
    const homes = homesOf(index);
    assert.equal(homes.get('Goal Drift'), 'type concept', 'types are compared in lower case');
    assert.equal(homes.get('Sandbagging'), 'folder concepts');
    assert.equal(homes.get('Drift rate'), 'type source');
    assert.equal(homes.get('Eval awareness'), 'note reading-list');
    assert.deepEqual(index.pageHomeOf(`${ROOT}reading-list.md`), { key: 'folder:', kind: 'folder', label: 'Top level', title: 'Top level' });
  });

  it('never makes a heading a home, on both samples: every concept has a unit, type, folder or note', () => {
    for (const folder of [SAMPLE_COURSE, SAMPLE_VAULT]) {
      const index = folderIndex(folder);
      for (const concept of index.concepts()) {
        const home = index.homeOf(concept.id);
        assert.ok(home, `${concept.term} has a home`);
        assert.match(home.key, /^(unit|type|folder|note):/);
        // A note is named by its file, whatever its headings say.
        if (home.kind === 'note') assert.equal(home.label, decodeURIComponent(home.key.split('/').at(-1) ?? '').replace(/\.md$/, ''), concept.term);
      }
    }
  });

  it('files the sample course by unit and the sample vault by page type', () => {
    const course = [...homesOf(folderIndex(SAMPLE_COURSE)).entries()];
    assert.equal(course.find(([term]) => term === 'Inner misalignment')?.[1], 'unit Unit 1');
    assert.equal(course.find(([term]) => term === 'Circuits')?.[1], 'unit Unit 4');
    assert.ok(course.filter(([, home]) => home.startsWith('unit ')).length >= course.length - 3, 'all but the uncited group of three go to units');
    const vaultHomes = homesOf(folderIndex(SAMPLE_VAULT));
    assert.equal(vaultHomes.get('Corrigibility'), 'type concept');
    assert.equal(vaultHomes.get('Attack policy'), 'type source');
  });

  it('does not depend on the order the notes were read in', () => {
    const forward = vault(glossary);
    const backward = new CourseIndex();
    backward.setRoots([ROOT]);
    for (const [path, text] of Object.entries(glossary).reverse()) backward.setNote(ROOT + path, text);
    assert.deepEqual([...backward.homes().entries()].sort(), [...forward.homes().entries()].sort());
  });

  it('follows an edit: a concept whose citations move moves home', () => {
    const index = vault(glossary);
    assert.equal(homesOf(index).get('Sandbagging'), 'unit Unit 3');
    index.setNote(`${ROOT}Summary.md`, glossary['Summary.md'].replace(`underperforming on purpose during evaluations ${cite(3)}`, `underperforming on purpose ${cite(1)}`));
    assert.equal(homesOf(index).get('Sandbagging'), 'unit Unit 1');
  });
});
