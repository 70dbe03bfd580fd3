import { strict as assert } from 'node:assert';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { LinkResolver } from '../../src/core/links/linkResolver';
import { analyseNoteWhole } from '../../src/core/notes/analyseNote';
import { ROOT, vault } from './helpers/vaultIndex';
import { assertGrowsLinearly, countCalls, measureWork } from './helpers/work';


const PAGES = {
  'concepts/goal-drift.md': '# Goal Drift\n\n## Definitions\n\nThe goal changes over a long episode.\n\n## Relationships\n\nSee below.\n',
  'findings/drift.md': '# Drift in long tasks\n\nAgents drift after a hundred steps. ^drift-result\n',
  'notes/links.md': [
    '# Links',
    '',
    'Path [[concepts/goal-drift]], name [[goal-drift]], case [[GOAL-DRIFT]], extension [[goal-drift.md]].',
    'Heading [[goal-drift#definitions]], block [[findings/drift#^drift-result]], label [[goal-drift|drift]], embed ![[findings/drift]].',
    '',
    '| Source | Note |',
    '|---|---|',
    '| [[goal-drift\\|Goal drift]] | table form |',
    '',
    'A citation [[Unit 1]](https://github.com/o/r/blob/main/Unit%201.md) and code `[[goal-drift]]`.',
    '',
    '```',
    '[[goal-drift]]',
    '```',
  ].join('\n'),
};

const at = (index: CourseIndex, path: string): string[] =>
  index.wikiLinksIn(ROOT + path).map(({ link, resolution, heading, block }) => {
    const where = resolution.kind === 'missing' ? 'missing' : resolution.uri.slice(ROOT.length);
    return `${link.target} -> ${where}${heading ? ` #${heading.text}` : ''}${block ? ` ^${block.id}` : ''}`;
  });

describe('Wikilinks in the index', () => {
  it('resolves every link form to its note, heading and block; code and citations are not wikilinks', () => {
    const index = vault(PAGES);
    assert.deepEqual(at(index, 'notes/links.md'), [
      'concepts/goal-drift -> concepts/goal-drift.md',
      'goal-drift -> concepts/goal-drift.md',
      'GOAL-DRIFT -> concepts/goal-drift.md',
      'goal-drift.md -> concepts/goal-drift.md',
      'goal-drift -> concepts/goal-drift.md #Definitions',
      'findings/drift -> findings/drift.md ^drift-result',
      'goal-drift -> concepts/goal-drift.md',
      'findings/drift -> findings/drift.md',
      'goal-drift -> concepts/goal-drift.md',
    ]);
    assert.equal(index.wikiLinksIn(`${ROOT}notes/links.md`).find((found) => found.link.embed)?.link.target, 'findings/drift');
    assert.equal(index.citationsIn(`${ROOT}notes/links.md`).length, 1);
  });

  it('lists backlinks, and keeps them equal to a fresh index through edits, additions and removals', () => {
    const index = vault(PAGES);
    const backlinks = (i: CourseIndex, path: string): string[] => i.backlinksOf(ROOT + path).map((b) => `${b.note.slice(ROOT.length)}:${b.range.start.line}`);
    assert.equal(backlinks(index, 'concepts/goal-drift.md').length, 7);
    assert.deepEqual(backlinks(index, 'findings/drift.md'), ['notes/links.md:3', 'notes/links.md:3']);
    const notes: Record<string, string> = { ...PAGES };
    const step = (path: string, text: string | undefined): void => {
      if (text === undefined) {
        delete notes[path];
        index.removeNote(ROOT + path);
      } else {
        notes[path] = text;
        index.setNote(ROOT + path, text);
      }
      const fresh = vault(notes);
      for (const page of Object.keys(notes)) assert.deepEqual(backlinks(index, page), backlinks(fresh, page), `${path} then ${page}`);
    };
    step('notes/more.md', 'More on [[goal-drift]] and [[drift]].');
    step('drift.md', '# A shorter drift\n\nNow [[drift]] has a nearer note.');
    step('notes/links.md', 'Only [[findings/drift]] now.');
    step('drift.md', undefined);
    assert.deepEqual(backlinks(index, 'findings/drift.md'), ['notes/links.md:0', 'notes/more.md:0']);
    step('notes/md.md', 'A note link [drift](../findings/drift.md) and [[findings/drift]].\n\n[again](/findings/drift.md#drift)');
    step('notes/links.md', 'Nothing links from here now.');
    assert.deepEqual(backlinks(index, 'findings/drift.md'), ['notes/md.md:0', 'notes/md.md:0', 'notes/md.md:2', 'notes/more.md:0']);
  });

  it('counts note links and course URLs with a local copy as backlinks, in order of place', () => {
    const index = vault({
      'course/Unit 1.md': '# Unit 1\n\n## What is AI alignment?\n',
      'summary.md': [
        '* **Alignment**: making systems do what we intend [[Unit 1]](https://github.com/o/r/blob/main/Unit%201.md#what-is-ai-alignment)',
        'See [the unit](course/Unit%201.md), [[course/Unit 1]] and [elsewhere](https://example.com/Unit%202.md).',
      ].join('\n'),
    });
    const backlinks = index.backlinksOf(`${ROOT}course/Unit 1.md`).map((b) => `${b.note.slice(ROOT.length)}:${b.range.start.line}:${b.range.start.character}`);
    assert.deepEqual(backlinks, ['summary.md:0:50', 'summary.md:1:4', 'summary.md:1:36']);
  });

  it('resolves links to listed attachments, reports a missing one without note suggestions, and leaves unlisted kinds alone', () => {
    const index = vault({
      ...PAGES,
      'notes/media.md': 'Embed ![[diagram.png]], path ![[media/diagram.png]], gone ![[goal-drift.png]], data [[table.xyz]].\n',
    });
    index.setFiles([`${ROOT}media/diagram.png`]);
    assert.deepEqual(at(index, 'notes/media.md'), [
      'diagram.png -> media/diagram.png',
      'media/diagram.png -> media/diagram.png',
      'goal-drift.png -> missing',
      'table.xyz -> missing',
    ]);
    const problems = index.diagnostics(`${ROOT}notes/media.md`);
    assert.deepEqual(problems.map((d) => [d.code, d.range.start.character, d.suggestions ?? []]), [['link-broken', 58, []]]);
    assert.equal(index.wikiLinksIn(`${ROOT}notes/media.md`)[0]?.resolution.kind, 'file');
    index.setFiles([]);
    assert.equal(index.diagnostics(`${ROOT}notes/media.md`).length, 3, 'a deleted attachment breaks its links');
  });

  it('reports a broken link with the closest note names, and a fix that keeps heading, label and the table form', () => {
    const index = vault({
      ...PAGES,
      'notes/broken.md': 'See [[goal-drfit#Definitions|drift]].\n\n| a | b |\n|---|---|\n| [[goal-drfit\\|drift]] | x |\n\nAnd [[no-such-page-at-all]].\n',
    });
    const problems = index.diagnostics(`${ROOT}notes/broken.md`);
    assert.deepEqual(
      problems.map((d) => [d.code, d.range.start.line, d.suggestions ?? []]),
      [
        ['link-broken', 0, ['[[goal-drift#Definitions|drift]]']],
        ['link-broken', 4, ['[[goal-drift\\|drift]]']],
        ['link-broken', 6, []],
      ],
    );
    assert.match(problems[0]?.message ?? '', /did you mean "goal-drift"\?/);
  });

  it('warns about a link whose name fits several notes equally, naming them', () => {
    const index = vault({ 'a/notes.md': '# A', 'b/notes.md': '# B', 'index.md': 'See [[notes]].' });
    const [problem] = index.diagnostics(`${ROOT}index.md`);
    assert.equal(problem?.code, 'link-ambiguous');
    assert.match(problem?.message ?? '', /names 2 notes equally \(notes\.md, notes\.md\)/);
    assert.deepEqual(problem?.related?.map((r) => r.note.slice(ROOT.length)), ['a/notes.md', 'b/notes.md']);
  });

  it('reads the same links chunk by chunk as whole', () => {
    const text = PAGES['notes/links.md'];
    const index = vault({ 'n.md': text });
    assert.deepEqual(index.wikiLinksIn(`${ROOT}n.md`).map((found) => found.link), analyseNoteWhole(text).wikiLinks);
  });
});

describe('Wikilinks: bad input', () => {
  it('stays correct and linear on `[[` with no end on a 20 KB line, empty targets, self links, cycles and 500 links on a line, each link resolved once', function () {
    /** The vault with `scale` × 500 unclosed `[[x` on a line of a.md and `scale` × 50 links on a line of b.md, every question asked. */
    const asked = (scale: number) => () => {
      const index = vault({
        'a.md': `# A\n\n${'[[x '.repeat(scale * 500)}\n\n[[]] [[#A]] [[a]] [[b]]`,
        'b.md': `# B\n\n[[a]] ${'[[b]] '.repeat(scale * 50)}`,
      });
      const resolved = countCalls(LinkResolver.prototype, ['resolve'], () => ({
        links: at(index, 'a.md'),
        backlinks: index.backlinksOf(`${ROOT}b.md`).length,
        problems: index.diagnostics(`${ROOT}b.md`).length + index.diagnostics(`${ROOT}a.md`).length,
        written: index.wikiLinksIn(`${ROOT}a.md`).length + index.wikiLinksIn(`${ROOT}b.md`).length,
      }));
      return { ...resolved.result, lookUps: resolved.calls.resolve };
    };
    const small = measureWork(asked(1));
    const large = measureWork(asked(10));
    assertGrowsLinearly('indexing and asking', small, large, 10);
    const { links, backlinks, problems, written, lookUps } = large.result;
    assert.deepEqual(links, [' -> a.md #A', 'a -> a.md', 'b -> b.md']);
    assert.equal(backlinks, 501);
    assert.equal(problems, 0);
    assert.equal(written, 3 + 501);
    assert.ok(lookUps <= written, `${lookUps} look-ups for ${written} links`);
  });

  it('answers backlinks of a page with 10,000 backlinks from a map, without reading any note\'s links again', () => {
    const notes: Record<string, string> = { 'hub.md': '# Hub' };
    for (let i = 0; i < 1_000; i++) notes[`n/${i}.md`] = `${'[[hub]] '.repeat(10)}\n`;
    const index = vault(notes);
    const built = index.backlinksOf(`${ROOT}hub.md`);
    assert.equal(built.length, 10_000);
    const { result, calls } = countCalls(CourseIndex.prototype, ['wikiLinksIn', 'citationsIn'], () =>
      countCalls(LinkResolver.prototype, ['resolve'], () => Array.from({ length: 1_000 }, () => index.backlinksOf(`${ROOT}hub.md`))),
    );
    assert.ok(result.result.every((answer) => answer === built), 'each answer is the list the map holds');
    assert.deepEqual({ ...calls, ...result.calls }, { wikiLinksIn: 0, citationsIn: 0, resolve: 0 }, 'a thousand questions answered from the built map');
  });
});
