import { strict as assert } from 'node:assert';
import type { CourseIndex } from '../../src/core/index/courseIndex';
import { linkSortKey, linkStyle, type WikiLinkTyping, wikiLinkCandidates, wikiLinkTyping } from '../../src/core/links/linkCompletions';
import { LinkResolver } from '../../src/core/links/linkResolver';
import { ROOT, vault } from './helpers/vaultIndex';
import { countCalls } from './helpers/work';

const CITATION = '[[Unit 1]](https://github.com/o/r/blob/main/Unit%201.md#what-is-ai-alignment)';
const PAGES = {
  'concepts/goal-drift.md': '---\ntype: concept\n---\n# Goal Drift\n\n## Definitions\n\nThe goal changes. See [[findings/drift]].\n\n## C# and | pipes\n',
  'findings/drift.md': '---\ntype: finding\n---\n# Drift in long tasks\n\nAgents drift after a hundred\nsteps. ^drift-result\n\nAnother one. ^second\n',
  'archive/old/goal-drift.md': '# An older goal drift page\n',
  'a/notes.md': '# A',
  'b/notes.md': '# B',
  'index.md': '# Index\n\n[[goal-drift]] and [[notes]].\n',
};

/** The wikilink typed where `‸` stands in `text` (the `‸` itself removed). */
function typingAt(text: string): WikiLinkTyping | undefined {
  const cursor = text.indexOf('‸');
  return wikiLinkTyping(text.replace('‸', ''), cursor);
}

/** Each candidate as `label -> insert`. */
function offered(index: CourseIndex, path: string, text: string): string[] {
  const typing = typingAt(text);
  assert.ok(typing, `no wikilink typed in ${text}`);
  return wikiLinkCandidates(typing, ROOT + path, index).map((candidate) => `${candidate.label} -> ${candidate.insert}`);
}

describe('Completing wikilinks', () => {
  describe('the link being typed', () => {
    it('after [[ at the end of a line replaces from [[ to the cursor and closes the link', () => {
      assert.deepEqual(typingAt('See [[goal‸'), { part: 'note', target: 'goal', embed: false, start: 4, end: 10, close: true });
    });

    it('replaces the ]] auto-closing brackets put after the cursor, and the rest of the name before them', () => {
      assert.deepEqual(typingAt('See [[goal‸]] more'), { part: 'note', target: 'goal', embed: false, start: 4, end: 12, close: true });
      assert.deepEqual(typingAt('[[goal-‸drift]]'), { part: 'note', target: 'goal-', embed: false, start: 0, end: 14, close: true });
    });

    it('keeps a label or an anchor that follows the name, and inserts no ]] before it', () => {
      assert.deepEqual(typingAt('[[go‸al|drift]]'), { part: 'note', target: 'go', embed: false, start: 0, end: 6, close: false });
      assert.deepEqual(typingAt('[[go‸#Definitions]]'), { part: 'note', target: 'go', embed: false, start: 0, end: 4, close: false });
      assert.deepEqual(typingAt('| [[go‸\\|drift]] |'), { part: 'note', target: 'go', embed: false, start: 2, end: 6, close: false });
    });

    it('leaves the ! of an embed before the replaced text', () => {
      assert.deepEqual(typingAt('![[dia‸'), { part: 'note', target: 'dia', embed: true, start: 1, end: 6, close: true });
    });

    it('reads a heading after # and a block id after #^, with the target typed before them', () => {
      assert.deepEqual(typingAt('[[goal-drift#Def‸]]'), { part: 'heading', target: 'goal-drift', embed: false, start: 0, end: 18, close: true });
      assert.deepEqual(typingAt('[[#‸'), { part: 'heading', target: '', embed: false, start: 0, end: 3, close: true });
      assert.deepEqual(typingAt('[[findings/drift#^dr‸|x]]'), { part: 'block', target: 'findings/drift', embed: false, start: 0, end: 20, close: false });
    });

    it('is nothing in a label, after a closed link or outside any link', () => {
      assert.equal(typingAt('[[goal|dri‸'), undefined);
      assert.equal(typingAt('[[goal]] and more‸'), undefined);
      assert.equal(typingAt('plain [text‸'), undefined);
    });
  });

  describe('the note’s style', () => {
    it('follows the links the note writes: wikilinks, citations, or whichever it has more of', () => {
      const index = vault({
        'wiki.md': 'See [[goal-drift]].',
        'cites.md': `See ${CITATION}.`,
        'mostly-cites.md': `See ${CITATION}, ${CITATION} and [[goal-drift]].`,
      });
      assert.equal(linkStyle(`${ROOT}wiki.md`, index), 'wiki');
      assert.equal(linkStyle(`${ROOT}cites.md`, index), 'citation');
      assert.equal(linkStyle(`${ROOT}mostly-cites.md`, index), 'citation');
    });

    it('for a note with no links, follows its folder: wikilink or front-matter pages make it wiki, course notes citations', () => {
      const index = vault({
        'concepts/a.md': '---\ntype: concept\n---\nNo links.',
        'concepts/b.md': 'See [[a]].',
        'concepts/new.md': '',
        'units/Unit 1.md': `# Unit 1\n\nSee ${CITATION}.`,
        'units/new.md': '',
        'plain/only.md': '# Only\n\nNo links, no front matter.',
        'plain/new.md': '',
      });
      assert.equal(linkStyle(`${ROOT}concepts/new.md`, index), 'wiki');
      assert.equal(linkStyle(`${ROOT}units/new.md`, index), 'citation');
      assert.equal(linkStyle(`${ROOT}plain/new.md`, index), 'citation', 'plain notes are no vault');
    });

    it('for an unsaved note or one alone in its folder, follows the whole workspace', () => {
      const vaultLike = vault({ 'a.md': 'See [[b]].', 'b.md': 'See [[a]].', 'course/Unit 1.md': `See ${CITATION}.`, 'alone/new.md': '' });
      vaultLike.setNote('untitled:Untitled-1', '');
      assert.equal(linkStyle('untitled:Untitled-1', vaultLike), 'wiki');
      assert.equal(linkStyle(`${ROOT}alone/new.md`, vaultLike), 'wiki');
      const course = vault({ 'Unit 1.md': `See ${CITATION}.`, 'Unit 2.md': `See ${CITATION}.`, 'a.md': 'See [[b]].' });
      course.setNote('untitled:Untitled-1', '');
      assert.equal(linkStyle('untitled:Untitled-1', course), 'citation');
    });
  });

  describe('notes after [[', () => {
    it('offers every other note under the shortest target that leads to it, by path, with its path to filter on', () => {
      const index = vault(PAGES);
      assert.deepEqual(offered(index, 'index.md', 'See [[‸'), [
        'notes -> [[a/notes]]',
        'goal-drift -> [[old/goal-drift]]',
        'notes -> [[b/notes]]',
        'goal-drift -> [[goal-drift]]',
        'drift -> [[drift]]',
      ]);
      const [first] = wikiLinkCandidates(typingAt('[[‸') ?? assert.fail(), `${ROOT}index.md`, index);
      assert.equal(first?.path, 'a/notes.md');
      assert.equal(first?.filter, '[[a/notes');
    });

    it('leaves out the note itself and unsaved notes, which have no name to link to', () => {
      const index = vault({ 'a.md': '', 'b.md': '' });
      index.setNote('untitled:Untitled-1', '');
      assert.deepEqual(offered(index, 'a.md', '[[‸'), ['b -> [[b]]']);
      assert.deepEqual(wikiLinkCandidates(typingAt('[[‸') ?? assert.fail(), 'untitled:Untitled-1', index).map((c) => c.insert), ['[[a]]', '[[b]]']);
    });

    it('inserts no ]] when a label follows, so the label is kept', () => {
      assert.deepEqual(offered(vault({ 'a.md': '', 'b.md': '' }), 'a.md', '[[‸|label]]'), ['b -> [[b']);
    });

    it('offers 10,000 notes that share names with two look-ups per note, each list of namesakes examined once, then again from the cached targets', () => {
      const notes: Record<string, string> = {};
      // Each name twice, in folders of one length: neither path is shorter, so each target needs its folder.
      for (let i = 0; i < 10_000; i++) notes[`f${String(i % 300).padStart(3, '0')}/note ${i % 5_000}.md`] = '';
      const index = vault(notes);
      // Builds the resolver, as the vault's diagnostics would have, and finds it.
      const [resolver] = countCalls(LinkResolver.prototype, ['resolve'], () => index.resolveWikiTarget('note 1', `${ROOT}f000/note 0.md`)).receivers;
      assert.ok(resolver);
      const typing = typingAt('[[‸') ?? assert.fail();
      const list = (from: string): { candidates: ReturnType<typeof wikiLinkCandidates>; lookUps: number; examined: number } => {
        const before = resolver.cost.entriesExamined;
        const { result, calls } = countCalls(LinkResolver.prototype, ['resolve'], () => wikiLinkCandidates(typing, from, index));
        return { candidates: result, lookUps: calls.resolve, examined: resolver.cost.entriesExamined - before };
      };
      const first = list(`${ROOT}f000/note 0.md`);
      assert.equal(first.candidates.length, 9_999);
      assert.ok(first.candidates.every((candidate) => candidate.insert.includes('/')));
      // The name, which both namesakes share, then the folder and the name: map hits, whatever the number of notes.
      assert.equal(first.lookUps, 2 * 9_999);
      assert.ok(first.examined <= 5_000, `${first.examined} entries examined for 5,000 pairs of namesakes`);
      // From another note of the same workspace folder the targets are the same: only the one the first list left out is worked out.
      const second = list(`${ROOT}f001/note 1.md`);
      assert.equal(second.candidates.length, 9_999);
      assert.ok(second.lookUps <= 2, `${second.lookUps} look-ups for the second list`);
    });
  });

  describe('headings after [[note# and blocks after [[note#^', () => {
    it('offers the headings of the note the target leads to, by their text, keeping the target as typed', () => {
      assert.deepEqual(offered(vault(PAGES), 'index.md', '[[Goal-Drift#‸]]'), [
        'Goal Drift -> [[Goal-Drift#Goal Drift]]',
        'Definitions -> [[Goal-Drift#Definitions]]',
        'C# and | pipes -> [[Goal-Drift#c-and--pipes]]',
      ]);
    });

    it('offers the note’s own headings after [[#', () => {
      assert.deepEqual(offered(vault(PAGES), 'index.md', 'See [[#‸'), ['Index -> [[#Index]]']);
    });

    it('offers the block ids of the target, each with the paragraph it ends', () => {
      const index = vault(PAGES);
      assert.deepEqual(offered(index, 'index.md', '![[findings/drift#^‸'), [
        '^drift-result -> [[findings/drift#^drift-result]]',
        '^second -> [[findings/drift#^second]]',
      ]);
      const [block] = wikiLinkCandidates(typingAt('[[drift#^‸') ?? assert.fail(), `${ROOT}index.md`, index);
      assert.equal(block?.preview, 'Agents drift after a hundred steps.');
      assert.equal(block?.path, 'findings/drift.md');
    });

    it('offers nothing for a target that leads to no note', () => {
      assert.deepEqual(offered(vault(PAGES), 'index.md', '[[no-such-page#‸'), []);
    });
  });

  describe('ranking', () => {
    it('puts the note’s own style first and keeps each kind in its order', () => {
      const keys = [linkSortKey('wiki', 'citation', 0), linkSortKey('wiki', 'wiki', 11), linkSortKey('wiki', 'wiki', 2)];
      assert.deepEqual([...keys].sort(), [linkSortKey('wiki', 'wiki', 2), linkSortKey('wiki', 'wiki', 11), linkSortKey('wiki', 'citation', 0)]);
      assert.ok(linkSortKey('citation', 'citation', 500) < linkSortKey('citation', 'wiki', 0));
    });
  });
});
