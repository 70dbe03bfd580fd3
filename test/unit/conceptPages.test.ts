import { strict as assert } from 'node:assert';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { analyseNote } from '../../src/core/notes/analyseNote';
import { MAX_ALIASES } from '../../src/core/pages/frontMatter';
import { ROOT, vault } from './helpers/vaultIndex';


const GOAL_DRIFT = [
  '---',
  'type: concept',
  'tags: [failure-mode, generalisation]',
  'aliases: [Objective drift]',
  '---',
  '',
  '# Goal Drift',
  '',
  '> [!note] Stub',
  '> Written in week 3.',
  '',
  '## Definitions',
  '- The goal an agent pursues changes over a long episode.',
  '- **[[sources/smith-2024]]** (origin): "the goal changes over a long episode" (§2).',
  '- **[[sources/lee-et-al-2025|Lee et al.]]**: drift measured as a rate per step.',
  '',
  '## Relationships',
  '- Related to: [[concepts/goal-misgeneralisation]]',
  '**Builds on**: [[concepts/inner-alignment]]',
].join('\n');

describe('Concept pages', () => {
  it('reads a concept page: title, aliases, its definition section and each attributed definition with its source', () => {
    const index = vault({ 'concepts/goal-drift.md': GOAL_DRIFT });
    const concept = index.conceptNamed('objective drift');
    assert.equal(concept?.term, 'Goal Drift');
    assert.deepEqual(concept?.aliases, ['Objective drift']);
    assert.deepEqual(
      concept?.definitions.map((d) => [d.style, d.text, d.source?.target ?? null, d.source?.label ?? null, d.source?.note ?? null]),
      [
        ['page', 'The goal an agent pursues changes over a long episode.', null, null, null],
        ['attributed', '"the goal changes over a long episode" (§2).', 'sources/smith-2024', null, 'origin'],
        ['attributed', 'drift measured as a rate per step.', 'sources/lee-et-al-2025', 'Lee et al.', null],
      ],
    );
    assert.deepEqual(concept?.definitions[0]?.termRange, { start: { line: 6, character: 2 }, end: { line: 6, character: 12 } });
    assert.equal(index.concepts().length, 1, 'relations and bold source links are not concepts');
  });

  it('makes a page a concept page by `type: concept`, by a `concept` tag (list or string), or by a `concepts` folder at any depth', () => {
    const index = vault({
      'misc/a.md': '---\ntype: Concept\n---\n# Alpha\n\nFirst.\n',
      'misc/b.md': '---\ntags: [rl, concept]\n---\n# Beta\n\nSecond.\n',
      'misc/c.md': '---\ntags: concept\n---\n# Gamma\n\nThird.\n',
      'notes/deep/Concepts/d.md': '# Delta\n\nFourth.\n',
      'sources/e.md': '---\ntype: source\n---\n# Epsilon\n\nNot a concept.\n',
      'concepts-archive/f.md': '# Zeta\n\nA folder merely named like it.\n',
    });
    assert.deepEqual(index.concepts().map((c) => c.term), ['Alpha', 'Beta', 'Delta', 'Gamma']);
  });

  it('does not count a `concepts` folder above the workspace folder', () => {
    const index = new CourseIndex();
    index.setRoots(['file:///home/me/concepts/course/']);
    index.setNote('file:///home/me/concepts/course/unit-1.md', '# Unit 1\n\nIntroduction.\n');
    assert.deepEqual(index.concepts(), []);
  });

  it('titles a page by front-matter `title`, else its first H1, else its file name', () => {
    const index = vault({
      'concepts/elk.md': '---\ntitle: Eliciting Latent Knowledge\n---\n# ELK and the SmartVault\n\nGetting a model to report what it knows.\n',
      'concepts/goal-drift.md': '# Goal Drift\n\nThe goal changes.\n',
      'concepts/sandbagging.md': 'Deliberately underperforming on an evaluation.\n',
    });
    assert.deepEqual(index.concepts().map((c) => c.term), ['Eliciting Latent Knowledge', 'Goal Drift', 'sandbagging']);
  });

  it('reads aliases as a YAML list or as one comma-separated string (Foam)', () => {
    const index = vault({
      'concepts/a.md': '---\naliases:\n  - Specification gaming\n  - reward gaming\n---\n# Reward hacking\n\nx\n',
      'concepts/b.md': '---\naliases: Learned optimisation, inner optimiser\n---\n# Mesa-optimisation\n\ny\n',
    });
    assert.deepEqual(index.concepts().map((c) => c.aliases), [['Learned optimisation', 'inner optimiser'], ['Specification gaming', 'reward gaming']]);
  });

  it('takes the definition from the first section named Definition, Definitions, Summary, Overview or What it is, in any case', () => {
    for (const heading of ['## Definition', '## definitions', '### SUMMARY', '## Overview', '## What it is']) {
      const index = vault({ 'concepts/x.md': `# Term\n\nIntro paragraph.\n\n${heading}\n\nThe real definition.\n\n## Other\n\nNot it.\n` });
      assert.equal(index.conceptNamed('Term')?.definitions[0]?.text, 'The real definition.', heading);
    }
  });

  it('without such a section, takes the first paragraph after the title, skipping callouts', () => {
    const index = vault({ 'concepts/x.md': '---\ntype: concept\n---\n\n> [!warning] Unsettled\n> Authors disagree.\n\n# Term\n\n> [!note]\n> A callout.\n\nThe first paragraph.\n\nThe second.\n' });
    assert.equal(index.conceptNamed('Term')?.definitions[0]?.text, 'The first paragraph.');
  });

  it('keeps a page with no definition yet as a concept whose only definition is empty (where F12 goes)', () => {
    const index = vault({ 'concepts/gradient-hacking.md': '# Gradient Hacking\n\n> [!todo] Write this page.\n' });
    const concept = index.conceptNamed('gradient hacking');
    assert.deepEqual(concept?.definitions.map((d) => [d.style, d.text]), [['page', '']]);
  });

  it('finds a concept page title mentioned in prose anywhere, without a link', () => {
    const index = vault({
      'concepts/reward-hacking.md': '# Reward Hacking\n\nGaming the reward signal.\n',
      'findings/coinrun.md': '# CoinRun\n\nThe agent shows reward hacking under distribution shift.\n',
    });
    const at = index.conceptAt(`${ROOT}findings/coinrun.md`, { line: 2, character: 20 });
    assert.equal(at && index.concept(at.id)?.term, 'Reward Hacking');
  });

  it('stops being a concept page when moved out of `concepts/`, and becomes one when moved in', () => {
    const index = vault({ 'concepts/x.md': '# Moved\n\nA page.\n' });
    index.renameNote(`${ROOT}concepts/x.md`, `${ROOT}archive/x.md`);
    assert.deepEqual(index.concepts(), []);
    index.renameNote(`${ROOT}archive/x.md`, `${ROOT}concepts/x.md`);
    assert.deepEqual(index.concepts().map((c) => c.term), ['Moved']);
  });

  it('never reports attributed or page definitions as conflicts; glossary terms still conflict', () => {
    const index = vault({
      'concepts/goal-drift.md': GOAL_DRIFT,
      'notes/a.md': '* **Goal drift**: my words.\n',
      'notes/b.md': '* **Goal drift**: other words.\n',
    });
    const codes = index.notes().flatMap((note) => index.diagnostics(note).filter((d) => d.code !== 'link-broken').map((d) => `${note.slice(ROOT.length)} ${d.code}`));
    assert.deepEqual(codes, ['notes/a.md definition-conflict', 'notes/b.md definition-conflict']);
  });
});

describe('Concept pages: bad input', () => {
  it('reports front matter that is not valid YAML once, and reads the rest of the page', () => {
    const index = vault({ 'concepts/broken.md': '---\ntitle: [unclosed\naliases: x\n---\n# Broken\n\nStill read.\n' });
    assert.equal(index.conceptNamed('Broken')?.definitions[0]?.text, 'Still read.');
    const [problem, ...rest] = index.diagnostics(`${ROOT}concepts/broken.md`);
    assert.equal(rest.length, 0);
    assert.equal(problem?.code, 'front-matter-invalid');
    assert.match(problem?.message ?? '', /not valid YAML/);
  });

  it('handles front matter that is a list, a scalar, or an alias bomb without throwing', () => {
    const bomb = '---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n# Bomb\n\nx\n';
    const index = vault({ 'concepts/list.md': '---\n- a\n- b\n---\n# List\n\nx\n', 'concepts/scalar.md': '---\njust text\n---\n# Scalar\n\nx\n', 'concepts/bomb.md': bomb });
    assert.deepEqual(index.concepts().map((c) => c.term), ['Bomb', 'List', 'Scalar']);
    assert.deepEqual(index.notes().map((note) => index.diagnostics(note).map((d) => d.code)), [['front-matter-invalid'], ['front-matter-invalid'], ['front-matter-invalid']]);
  });

  it('names pages after JavaScript prototype keys safely: `__proto__.md`, `constructor.md`', () => {
    const index = vault({ 'concepts/__proto__.md': 'A page about prototypes.\n', 'concepts/constructor.md': '---\naliases: [toString, hasOwnProperty]\n---\nA constructor.\n' });
    assert.deepEqual(index.concepts().map((c) => c.term).sort(), ['__proto__', 'constructor']);
    assert.equal(index.conceptNamed('toString')?.term, 'constructor');
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  it('falls back to the file name for an H1 made only of markup', () => {
    const index = vault({ 'concepts/empty-title.md': '# ** **\n\nText.\n', 'concepts/image-title.md': '# ![](x.png)\n\nText.\n' });
    assert.deepEqual(index.concepts().map((c) => c.term), ['empty-title', 'image-title']);
  });

  it(`uses the first ${MAX_ALIASES} of an alias list of 10,000 entries and says so`, () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `  - alias number ${i}`).join('\n');
    const index = vault({ 'concepts/many.md': `---\naliases:\n${aliases}\n---\n# Many\n\nx\n`, 'notes/n.md': 'Mentions alias number 7 and alias number 9999.\n' });
    assert.equal(index.conceptNamed('Many')?.aliases.length, MAX_ALIASES);
    assert.deepEqual(index.diagnostics(`${ROOT}concepts/many.md`).map((d) => d.code), ['front-matter-too-many-aliases']);
    assert.deepEqual(index.occurrencesIn(`${ROOT}notes/n.md`).map((o) => index.concept(o.id)?.term), ['Many']);
  });

  it('reads a page with an unclosed front matter as ordinary markdown', () => {
    const analysis = analyseNote('---\ntype: concept\n* **Term**: a definition.\n');
    assert.equal(analysis.page?.frontMatter, undefined);
    assert.equal(analysis.definitions.length, 1);
  });
});
