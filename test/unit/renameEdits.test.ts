import { strict as assert } from 'node:assert';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { LinkResolver } from '../../src/core/links/linkResolver';
import { type LinkEdit, linkEditsForMoves, type LinkSource, type NoteMove } from '../../src/core/links/renameEdits';
import { LineIndex } from '../../src/core/parse/position';
import { ROOT, vault } from './helpers/vaultIndex';
import { countCalls } from './helpers/work';

const LINKS = [
  '# Links',
  '',
  'Path [[concepts/goal-drift]], name [[goal-drift]], case [[GOAL-DRIFT]], extension [[goal-drift.md]], slash [[/concepts/goal-drift]].',
  'Heading [[goal-drift#Definitions]], block [[goal-drift#^core]], label [[concepts/goal-drift|drift]], embed ![[goal-drift]].',
  '',
  '| Source | Note |',
  '|---|---|',
  '| [[goal-drift\\|Goal drift]] | [[concepts/goal-drift#Definitions\\|a \\| b]] |',
  '',
  'Code `[[goal-drift]]`, other [[findings/drift]], self [[#Links]].',
  '',
  '```',
  '[[goal-drift]]',
  '```',
].join('\n');

const PAGES = {
  'concepts/goal-drift.md': '# Goal Drift\n\n## Definitions\n\nThe goal changes over a long episode. ^core\n\nSee [[#Definitions]] and [[concepts/goal-drift#Definitions]].\n',
  'findings/drift.md': '# Drift in long tasks\n\nSee [[goal-drift]].\n',
  'notes/links.md': LINKS,
};

/** Each note the edits touch, as it reads with them applied, by path in the vault. */
function applied(index: CourseIndex, edits: readonly LinkEdit[]): Record<string, string> {
  const byNote = new Map<string, LinkEdit[]>();
  for (const edit of edits) byNote.set(edit.note, [...(byNote.get(edit.note) ?? []), edit]);
  const result: Record<string, string> = {};
  for (const [note, list] of byNote) {
    const lines = new LineIndex(index.textOf(note) ?? '');
    let text = lines.text;
    for (const edit of list.sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))) {
      text = text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
    }
    result[note.slice(ROOT.length)] = text;
  }
  return result;
}

const move = (from: string, to: string): NoteMove => ({ from: ROOT + from, to: ROOT + to });

describe('Wikilink edits for a renamed or moved note', () => {
  it('writes every link to a renamed note with the new name in its own form: heading, block, label, embed, `.md` and the table `\\|` kept', () => {
    const index = vault(PAGES);
    const edits = index.linkEditsForMoves([move('concepts/goal-drift.md', 'concepts/objective-drift.md')]);
    assert.deepEqual(applied(index, edits), {
      'concepts/goal-drift.md': PAGES['concepts/goal-drift.md'].replace('[[concepts/goal-drift#', '[[concepts/objective-drift#'),
      'findings/drift.md': '# Drift in long tasks\n\nSee [[objective-drift]].\n',
      'notes/links.md': [
        '# Links',
        '',
        'Path [[concepts/objective-drift]], name [[objective-drift]], case [[objective-drift]], extension [[objective-drift.md]], slash [[/concepts/objective-drift]].',
        'Heading [[objective-drift#Definitions]], block [[objective-drift#^core]], label [[concepts/objective-drift|drift]], embed ![[objective-drift]].',
        '',
        '| Source | Note |',
        '|---|---|',
        '| [[objective-drift\\|Goal drift]] | [[concepts/objective-drift#Definitions\\|a \\| b]] |',
        '',
        'Code `[[goal-drift]]`, other [[findings/drift]], self [[#Links]].',
        '',
        '```',
        '[[goal-drift]]',
        '```',
      ].join('\n'),
    });
  });

  it('leaves a link that still leads to the note after a move alone, and writes paths from the workspace folder again as such', () => {
    const index = vault(PAGES);
    const edits = index.linkEditsForMoves([move('concepts/goal-drift.md', 'archive/goal-drift.md')]);
    assert.deepEqual(
      edits.map((edit) => `${edit.note.slice(ROOT.length)} ${edit.newText}`),
      [
        'concepts/goal-drift.md [[archive/goal-drift#Definitions]]',
        'notes/links.md [[archive/goal-drift]]',
        'notes/links.md [[/archive/goal-drift]]',
        'notes/links.md [[archive/goal-drift|drift]]',
        'notes/links.md [[archive/goal-drift#Definitions\\|a \\| b]]',
      ],
    );
  });

  it('lengthens a name by the folders it needs when it would otherwise lead elsewhere or fit two notes, keeping its case', () => {
    const index = vault({
      'concepts/goal-drift.md': '# Goal Drift',
      'drafts/old/goal-drift.md': '# An old draft',
      'notes/n.md': 'See [[Goal-Drift]] and [[old/goal-drift]].',
    });
    const edits = index.linkEditsForMoves([move('concepts/goal-drift.md', 'archive/2024/goal-drift.md')]);
    assert.deepEqual(applied(index, edits), { 'notes/n.md': 'See [[2024/Goal-Drift]] and [[old/goal-drift]].' });
  });

  it('moves a folder: links to every note under it, and links in those notes (edited where they are before the move)', () => {
    const index = vault({
      ...PAGES,
      'concepts/a.md': '# A\n\n[[concepts/a#A]] [[concepts/goal-drift]] [[a]] [[#A]]\n',
      'concepts-old.md': '[[concepts-old]]',
    });
    const edits = index.linkEditsForMoves([move('concepts', 'ideas')]);
    const result = applied(index, edits);
    assert.equal(result['concepts/a.md'], '# A\n\n[[ideas/a#A]] [[ideas/goal-drift]] [[a]] [[#A]]\n');
    assert.match(result['notes/links.md'] ?? '', /^Path \[\[ideas\/goal-drift\]\], name \[\[goal-drift\]\], .* slash \[\[\/ideas\/goal-drift\]\]\.$/m);
    assert.deepEqual(Object.keys(result).sort(), ['concepts/a.md', 'concepts/goal-drift.md', 'notes/links.md']);
  });

  it('resolves the links of a moved note from where it goes: in another workspace folder, a name may need its folder', () => {
    const index = new CourseIndex();
    const other = 'file:///other/';
    index.setRoots([ROOT, other]);
    index.setNote(`${ROOT}n.md`, 'See [[t]].');
    index.setNote(`${ROOT}t.md`, '# T');
    index.setNote(`${other}t.md`, '# Another T');
    const moves = [move('t.md', 'u/t.md')];
    assert.deepEqual(index.linkEditsForMoves(moves), [], 'from the first folder, [[t]] still leads to u/t.md');
    const edits = index.linkEditsForMoves([...moves, { from: `${ROOT}n.md`, to: `${other}n.md` }]);
    assert.deepEqual(edits.map((edit) => [edit.note, edit.newText]), [[`${ROOT}n.md`, '[[u/t]]']]);
  });

  it('offers nothing for ambiguous links, links to other notes, a rename away from markdown, or a name a wikilink cannot hold', () => {
    const index = vault({
      'a/t.md': '# T',
      'b/t.md': '# T too',
      'n.md': 'See [[t]] and [[a/t]].',
    });
    assert.deepEqual(index.linkEditsForMoves([move('b/t.md', 'c/u.md')]), [], 'the ambiguous [[t]] and [[a/t]] lead elsewhere');
    assert.deepEqual(index.linkEditsForMoves([move('a/t.md', 'a/t.txt')]), []);
    assert.deepEqual(index.linkEditsForMoves([move('a/t.md', 'a/t%231.md')]), [], 'a/t#1.md');
    assert.deepEqual(index.linkEditsForMoves([move('a/t.md', 'a/t%7C1.md')]), [], 'a/t|1.md');
    assert.deepEqual(index.linkEditsForMoves([move('a/t.md', 'a/%5Bt%5D.md')]), [], 'a/[t].md');
    assert.deepEqual(index.linkEditsForMoves([move('nothing.md', 'else.md')]), []);
    assert.deepEqual(
      index.linkEditsForMoves([move('a/t.md', 'a/u.md')]).map((edit) => edit.newText),
      ['[[a/u]]'],
    );
  });

  it('works out the edits of 10,000 backlinks in 1,000 notes with one resolver, reading each linking note once and working out its target once, for a note and for a folder', () => {
    const notes: Record<string, string> = { 'hub.md': '# Hub' };
    for (let i = 0; i < 1_000; i++) notes[`n/${i}.md`] = `${'[[hub#Hub|h]] '.repeat(10)}\n`;
    const index = vault(notes);
    index.backlinksOf(`${ROOT}hub.md`); // the links resolved, as they are before any rename
    /** The edits, worked out from the index as `index.linkEditsForMoves` does, counting what they asked of it and of resolvers. */
    const editsFor = (moves: readonly NoteMove[]) => {
      const asked = { notes: 0, backlinksOf: 0, wikiLinksIn: 0, textOf: 0 };
      const source: LinkSource = {
        get notes() {
          asked.notes++;
          return index.notes();
        },
        roots: [ROOT],
        backlinksOf: (note) => (asked.backlinksOf++, index.backlinksOf(note)),
        wikiLinksIn: (note) => (asked.wikiLinksIn++, index.wikiLinksIn(note)),
        textOf: (note) => (asked.textOf++, index.textOf(note)),
      };
      const { result, calls, receivers } = countCalls(LinkResolver.prototype, ['resolve', 'wikiTarget'], () => linkEditsForMoves(source, moves));
      return { edits: result, asked, lookUps: calls.resolve + calls.wikiTarget, resolvers: receivers.size };
    };
    const note = editsFor([move('hub.md', 'centre.md')]);
    assert.equal(note.edits.length, 10_000);
    assert.ok(note.edits.every((edit) => edit.newText === '[[centre#Hub|h]]'));
    // The list of notes is read for the moves and for the resolver, not per link.
    assert.ok(note.asked.notes <= 2, `the notes listed ${note.asked.notes} times`);
    assert.deepEqual({ ...note.asked, notes: 0 }, { notes: 0, backlinksOf: 1, wikiLinksIn: 1_000, textOf: 1_000 });
    assert.equal(note.resolvers, 1);
    // Per linking note: `[[hub]]` after the move (missing), then the shortest target for centre.md (one suffix tried).
    assert.ok(note.lookUps <= 3 * 1_000, `${note.lookUps} look-ups for 1,000 linking notes`);
    const folder = editsFor([move('n', 'm'), move('hub.md', 'n/hub.md')]);
    assert.equal(folder.edits.length, 0, 'a bare name that still leads there');
    assert.ok(folder.asked.notes <= 2, `the notes listed ${folder.asked.notes} times`);
    assert.deepEqual({ ...folder.asked, notes: 0 }, { notes: 0, backlinksOf: 1_001, wikiLinksIn: 1_000, textOf: 1_000 });
    assert.equal(folder.resolvers, 1);
    assert.ok(folder.lookUps <= 1_000, `${folder.lookUps} look-ups for 1,000 linking notes`);
    assert.deepEqual(index.linkEditsForMoves([move('hub.md', 'centre.md')]), note.edits, 'the index works them out the same way');
  });
});
