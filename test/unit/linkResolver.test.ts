import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { levenshtein } from '../../src/core/citations/closestHeading';
import { editDistanceWithin } from '../../src/core/links/editDistance';
import { finish, WorkBudget } from '../../src/core/util/steps';
import { LinkResolver, type LinkResolution, ParsedUris } from '../../src/core/links/linkResolver';
import { countCalls } from './helpers/work';

const VAULT = 'file:///home/me/vault';
const GOAL_DRIFT = `${VAULT}/concepts/goal-drift.md`;
const REWARD_HACKING = `${VAULT}/concepts/Reward%20Hacking.md`;
const UNIT_1 = `${VAULT}/units/Unit%201.md`;
const INDEX = `${VAULT}/index.md`;
const FOLDER_NAME = `${VAULT}/a/folder/name.md`;
const VERSION_NOTES = `${VAULT}/v1.2%20notes.md`;
const SPEC = `${VAULT}/specs/Spec.markdown`;
const DIAGRAM = `${VAULT}/media/diagram.png`;
const PAPER_FILE = `${VAULT}/readings/paper.pdf`;
const PAPER_NOTE = `${VAULT}/readings/paper.pdf.md`;

const NOTES = [GOAL_DRIFT, REWARD_HACKING, UNIT_1, INDEX, FOLDER_NAME, VERSION_NOTES, SPEC, PAPER_NOTE];
const FILES = [DIAGRAM, PAPER_FILE];

function vault(extraNotes: readonly string[] = []): LinkResolver {
  return new LinkResolver({ notes: [...NOTES, ...extraNotes], files: FILES, roots: [VAULT] });
}

/** The URI a link resolves to, failing with the whole resolution when it is not one note or file. */
function uriOf(resolution: LinkResolution): string {
  assert.ok(resolution.kind === 'note' || resolution.kind === 'file', `expected one target, got ${JSON.stringify(resolution)}`);
  return resolution.uri;
}

describe('LinkResolver', () => {
  describe('rule 1: empty target', () => {
    it('resolves [[#Heading]] and [x](#heading) to the linking note itself, even one it does not list', () => {
      const resolver = vault();
      assert.deepEqual(resolver.resolve('', INDEX, 'wiki'), { kind: 'note', uri: INDEX, via: 'self' });
      assert.deepEqual(resolver.resolve('', INDEX, 'markdown'), { kind: 'note', uri: INDEX, via: 'self' });
      assert.deepEqual(resolver.resolve('', 'untitled:Untitled-1', 'wiki'), { kind: 'note', uri: 'untitled:Untitled-1', via: 'self' });
    });
  });

  describe('rule 2: case and extensions', () => {
    it('ignores case and makes .md optional, but does not take spaces for hyphens', () => {
      const resolver = vault();
      for (const target of ['goal-drift', 'goal-drift.md', 'GOAL-DRIFT', 'Goal-Drift.MD']) {
        assert.equal(uriOf(resolver.resolve(target, INDEX, 'wiki')), GOAL_DRIFT, target);
      }
      assert.deepEqual(resolver.resolve('Goal Drift', INDEX, 'wiki'), { kind: 'missing' });
      assert.deepEqual(resolver.resolve('reward-hacking', INDEX, 'wiki'), { kind: 'missing' });
      assert.equal(uriOf(resolver.resolve('reward hacking', INDEX, 'wiki')), REWARD_HACKING);
    });

    it('makes .markdown optional too', () => {
      const resolver = vault();
      assert.equal(uriOf(resolver.resolve('spec', INDEX, 'wiki')), SPEC);
      assert.equal(uriOf(resolver.resolve('Spec.markdown', INDEX, 'wiki')), SPEC);
    });

    it('looks up a target with another extension among the files, as a file', () => {
      assert.deepEqual(vault().resolve('Diagram.PNG', INDEX, 'wiki'), { kind: 'file', uri: DIAGRAM, via: 'suffix' });
    });

    it('prefers a file to a note named exactly so, and finds a note whose name has a dot', () => {
      const resolver = vault();
      assert.deepEqual(resolver.resolve('paper.pdf', INDEX, 'wiki'), { kind: 'file', uri: PAPER_FILE, via: 'suffix' });
      assert.deepEqual(resolver.resolve('v1.2 notes', GOAL_DRIFT, 'wiki'), { kind: 'note', uri: VERSION_NOTES, via: 'root' });
    });

    it('does not look among files for a target without an extension', () => {
      assert.deepEqual(vault().resolve('diagram', INDEX, 'wiki'), { kind: 'missing' });
    });
  });

  describe('rule 3: markdown links', () => {
    it('reads the target as a path from the linking note folder: x.md, ./x, ../folder/x.md', () => {
      const resolver = vault([`${VAULT}/concepts/x.md`]);
      const x = `${VAULT}/concepts/x.md`;
      assert.deepEqual(resolver.resolve('x.md', GOAL_DRIFT, 'markdown'), { kind: 'note', uri: x, via: 'relative' });
      assert.deepEqual(resolver.resolve('./x', GOAL_DRIFT, 'markdown'), { kind: 'note', uri: x, via: 'relative' });
      assert.deepEqual(resolver.resolve('../concepts/x.md', UNIT_1, 'markdown'), { kind: 'note', uri: x, via: 'relative' });
      assert.deepEqual(resolver.resolve('../media/diagram.png', UNIT_1, 'markdown'), { kind: 'file', uri: DIAGRAM, via: 'relative' });
    });

    it('percent-decodes the path and accepts angle brackets', () => {
      const resolver = vault();
      assert.deepEqual(resolver.resolve('../units/Unit%201.md', GOAL_DRIFT, 'markdown'), { kind: 'note', uri: UNIT_1, via: 'relative' });
      assert.deepEqual(resolver.resolve('<../units/Unit 1.md>', GOAL_DRIFT, 'markdown'), { kind: 'note', uri: UNIT_1, via: 'relative' });
    });

    it('reads a leading slash as the workspace folder of the linking note', () => {
      assert.deepEqual(vault().resolve('/index.md', UNIT_1, 'markdown'), { kind: 'note', uri: INDEX, via: 'root' });
    });

    it('falls back to the wiki rules with the decoded path when the relative file does not exist', () => {
      const resolver = vault();
      assert.deepEqual(resolver.resolve('goal-drift.md', UNIT_1, 'markdown'), { kind: 'note', uri: GOAL_DRIFT, via: 'suffix' });
      assert.deepEqual(resolver.resolve('../units/Unit%201.md', INDEX, 'markdown'), { kind: 'note', uri: UNIT_1, via: 'root' });
    });

    it('leaves URLs and other schemes missing', () => {
      const resolver = vault();
      for (const target of ['https://example.com/goal-drift.md', 'mailto:me@example.com', 'C:/notes/index.md']) {
        assert.deepEqual(resolver.resolve(target, INDEX, 'markdown'), { kind: 'missing' }, target);
      }
    });
  });

  describe('rule 4: wiki links', () => {
    it('(a) reads a path from the workspace folder root', () => {
      assert.deepEqual(vault().resolve('concepts/goal-drift', UNIT_1, 'wiki'), { kind: 'note', uri: GOAL_DRIFT, via: 'root' });
    });

    it('(a) prefers the path from the root to a shorter path ending the same way', () => {
      const nested = `${VAULT}/b/concepts/goal-drift.md`;
      const resolver = new LinkResolver({ notes: [nested, GOAL_DRIFT], roots: [VAULT] });
      assert.deepEqual(resolver.resolve('concepts/goal-drift', `${VAULT}/b/x.md`, 'wiki'), { kind: 'note', uri: GOAL_DRIFT, via: 'root' });
    });

    it('(b) matches a bare name by file name anywhere in the folder, and folder/name by path suffix', () => {
      const resolver = vault();
      assert.deepEqual(resolver.resolve('Unit 1', GOAL_DRIFT, 'wiki'), { kind: 'note', uri: UNIT_1, via: 'suffix' });
      assert.deepEqual(resolver.resolve('folder/name', INDEX, 'wiki'), { kind: 'note', uri: FOLDER_NAME, via: 'suffix' });
      assert.deepEqual(resolver.resolve('older/name', INDEX, 'wiki'), { kind: 'missing' });
    });

    it('(c) looks in the other workspace folders, in the order given, only after its own', () => {
      const course = 'file:///home/me/course';
      const papers = 'vscode-vfs://github/org/papers';
      const inCourse = `${course}/glossary/Mesa-optimizer.md`;
      const inPapers = `${papers}/mesa-optimizer.md`;
      const own = `${VAULT}/deep/er/mesa-optimizer.md`;
      const resolver = new LinkResolver({ notes: [INDEX, inPapers, inCourse], roots: [`${course}/`, VAULT, papers] });
      assert.deepEqual(resolver.resolve('mesa-optimizer', INDEX, 'wiki'), { kind: 'note', uri: inCourse, via: 'otherRoot' });
      assert.deepEqual(resolver.resolve('mesa-optimizer', inCourse, 'wiki'), { kind: 'note', uri: inCourse, via: 'suffix' });
      assert.deepEqual(resolver.resolve('mesa-optimizer', inPapers, 'wiki'), { kind: 'note', uri: inPapers, via: 'root' });
      const withOwn = new LinkResolver({ notes: [INDEX, inPapers, inCourse, own], roots: [course, VAULT, papers] });
      assert.deepEqual(withOwn.resolve('mesa-optimizer', INDEX, 'wiki'), { kind: 'note', uri: own, via: 'suffix' });
      assert.deepEqual(withOwn.resolve('glossary/mesa-optimizer', INDEX, 'wiki'), { kind: 'note', uri: inCourse, via: 'otherRoot' });
    });

    it('treats any scheme://authority/path alike and accepts roots with or without a trailing slash', () => {
      const repo = 'vscode-vfs://github/org/repo';
      const note = `${repo}/notes/Goal%20Drift.md`;
      for (const root of [repo, `${repo}/`]) {
        const resolver = new LinkResolver({ notes: [note, `${repo}/README.md`], roots: [root] });
        assert.deepEqual(resolver.resolve('notes/goal drift', `${repo}/README.md`, 'wiki'), { kind: 'note', uri: note, via: 'root' });
      }
    });

    it('gives a note outside every workspace folder its own folder as root, and no way above it', () => {
      const loose = 'file:///tmp/scratch/todo.md';
      const sibling = 'file:///tmp/scratch/sub/goal-drift.md';
      const above = 'file:///tmp/index.md';
      const resolver = new LinkResolver({ notes: [GOAL_DRIFT, INDEX, loose, sibling, above], roots: [VAULT] });
      assert.deepEqual(resolver.resolve('sub/goal-drift', loose, 'wiki'), { kind: 'note', uri: sibling, via: 'root' });
      assert.deepEqual(resolver.resolve('goal-drift', loose, 'wiki'), { kind: 'note', uri: sibling, via: 'suffix' });
      // Not the root-less note above it: the vault's index, through the other-root rule.
      assert.deepEqual(resolver.resolve('index', loose, 'wiki'), { kind: 'note', uri: INDEX, via: 'otherRoot' });
      assert.deepEqual(resolver.resolve('../index.md', loose, 'markdown'), { kind: 'note', uri: INDEX, via: 'otherRoot' });
      // A note in a workspace folder never reaches a root-less one.
      assert.deepEqual(resolver.resolve('todo', INDEX, 'wiki'), { kind: 'missing' });
    });

    it('without roots, uses the deepest folder holding all notes as the one root', () => {
      const resolver = new LinkResolver({ notes: [GOAL_DRIFT, UNIT_1, INDEX] });
      assert.deepEqual(resolver.resolve('concepts/goal-drift', UNIT_1, 'wiki'), { kind: 'note', uri: GOAL_DRIFT, via: 'root' });
      assert.deepEqual(resolver.resolve('unit 1', GOAL_DRIFT, 'wiki'), { kind: 'note', uri: UNIT_1, via: 'suffix' });
    });
  });

  describe('rule 5: shortest path, else ambiguous', () => {
    it('picks the match with the fewest segments, then the fewest characters', () => {
      const deep = `${VAULT}/x/y/goal-drift.md`;
      const longFolder = `${VAULT}/archive-2023/goal-drift.md`;
      const resolver = new LinkResolver({ notes: [deep, longFolder, GOAL_DRIFT, INDEX], roots: [VAULT] });
      assert.deepEqual(resolver.resolve('goal-drift', INDEX, 'wiki'), { kind: 'note', uri: GOAL_DRIFT, via: 'suffix' });
    });

    it('calls equally short matches ambiguous, all of them listed and the first in code-unit order chosen', () => {
      const b = `${VAULT}/b/Goal-drift.md`;
      const a = `${VAULT}/a/goal-drift.md`;
      const c = `${VAULT}/c/goal-drift.md`;
      const resolver = new LinkResolver({ notes: [b, c, a, `${VAULT}/deeper/x/goal-drift.md`, INDEX], roots: [VAULT] });
      assert.deepEqual(resolver.resolve('goal-drift', INDEX, 'wiki'), { kind: 'ambiguous', uri: a, candidates: [a, b, c] });
      assert.deepEqual(resolver.resolve('b/goal-drift', INDEX, 'wiki'), { kind: 'note', uri: b, via: 'root' });
    });

    it('counts one file written with two escapings once, not as ambiguous', () => {
      const resolver = new LinkResolver({ notes: [UNIT_1, `${VAULT}/units/Unit 1.md`, INDEX], roots: [VAULT] });
      assert.deepEqual(resolver.resolve('unit 1', INDEX, 'wiki'), { kind: 'note', uri: UNIT_1, via: 'suffix' });
    });
  });

  describe('rule 6: cost of a look-up', () => {
    /** `count` notes sharing the stem "unit 1" across 300 folders, and one shorter `intro/Unit 1.md` every bare link finds. */
    function sameStem(count: number): { resolver: LinkResolver; notes: string[]; intro: string } {
      const notes: string[] = [];
      for (let i = 0; i < count; i++) notes.push(`${VAULT}/f${i % 300}/w${i}/Unit%201.md`);
      const intro = `${VAULT}/intro/Unit%201.md`;
      return { resolver: new LinkResolver({ notes: [...notes, intro], roots: [VAULT] }), notes, intro };
    }

    /** Resolves 10,000 links, half `[[Unit 1]]` and half `[[w<i>/unit 1]]`, checking each answer; returns the entries examined. */
    function entriesExamined({ resolver, notes, intro }: ReturnType<typeof sameStem>): number {
      const before = resolver.cost.entriesExamined;
      for (let i = 0; i < 10_000; i++) {
        const from = notes[(i * 7919) % notes.length] ?? INDEX;
        const target = i % 2 === 0 ? 'Unit 1' : `w${i % notes.length}/unit 1`;
        const expected = i % 2 === 0 ? intro : notes[i % notes.length];
        const resolution = resolver.resolve(target, from, 'wiki');
        if (resolution.kind !== 'note' || resolution.uri !== expected) assert.fail(`[[${target}]] gave ${JSON.stringify(resolution)}`);
      }
      return resolver.cost.entriesExamined - before;
    }

    it('resolves 10,000 links by map hits: among 10,000 notes sharing the stem "unit 1" it examines no more entries than among 100', function () {
      this.timeout(30_000);
      const large = entriesExamined(sameStem(10_000));
      const small = entriesExamined(sameStem(100));
      // A walk over the notes sharing the name would examine some 10,000 entries per link among the 10,000.
      assert.ok(large <= small, `10,000 notes: ${large} entries examined, 100 notes: ${small}`);
      assert.ok(large <= 10, `${large} entries examined for 10,000 links`);
    });

    it('looks a wikilink target up once per scope however many notes link to it, and again once a note is added', () => {
      const notes = Array.from({ length: 2_000 }, (_, i) => `${VAULT}/pages/p${i}.md`);
      const resolver = new LinkResolver({ notes: [...notes, `${VAULT}/hub.md`], roots: [VAULT] });
      const { result, calls } = countCalls(LinkResolver.prototype as unknown as Record<'byWikiRules', () => unknown>, ['byWikiRules'], () =>
        notes.map((from) => [resolver.resolve('Hub', from, 'wiki'), resolver.resolve(' Later ', from, 'wiki')]),
      );
      assert.equal(calls.byWikiRules, 2, 'each target looked up once');
      assert.ok(result.every(([hub]) => hub?.kind === 'note' && hub.uri === `${VAULT}/hub.md`));
      assert.ok(result.every(([, later]) => later?.kind === 'missing'));
      assert.equal(finish(resolver.addNotes([`${VAULT}/later.md`], new ParsedUris(), new WorkBudget())), true);
      assert.deepEqual(resolver.resolve('Later', notes[0] ?? INDEX, 'wiki'), { kind: 'note', uri: `${VAULT}/later.md`, via: 'root' });
    });

    it('returns the 10,000 candidates of an ambiguous name without recounting them at each look-up', function () {
      this.timeout(20_000);
      const notes: string[] = [];
      for (let i = 0; i < 10_000; i++) notes.push(`${VAULT}/f${String(i % 300).padStart(3, '0')}/w${String(i).padStart(5, '0')}/unit 1.md`);
      const resolver = new LinkResolver({ notes, roots: [VAULT] });
      const first = resolver.resolve('Unit 1', INDEX, 'wiki');
      assert.equal(first.kind, 'ambiguous');
      if (first.kind !== 'ambiguous') return;
      assert.equal(first.candidates.length, 10_000);
      assert.equal(first.uri, `${VAULT}/f000/w00000/unit 1.md`);
      const counted = resolver.cost.entriesExamined;
      assert.ok(counted >= 9_999, 'the first look-up finds the ties');
      for (let i = 0; i < 10_000; i++) {
        const again = resolver.resolve('Unit 1', INDEX, 'wiki');
        if (again.kind !== 'ambiguous' || again.candidates !== first.candidates) assert.fail('candidates recomputed');
      }
      assert.equal(resolver.cost.entriesExamined, counted, 'later look-ups examined entries');
    });
  });

  describe('course URLs: noteAt and tailOf, the citation rules', () => {
    const COURSE = 'file:///home/me/courses';
    const notes = [
      `${COURSE}/aisf/Unit%201%20-%20Losing%20control.md`,
      `${COURSE}/aisf/copy/Unit%201%20-%20Losing%20control.md`,
      `${COURSE}/agi/course/Unit%201%3A%20Losing%20control.md`,
      `${COURSE}/other/Unit%202.md`,
    ];
    const resolver = new LinkResolver({ notes, roots: [COURSE] });
    const url = (path: string): string[] => path.split('/');

    it('finds a note at its exact decoded path, case and extension aside', () => {
      assert.equal(resolver.noteAt('file://', ['home', 'me', 'courses', 'other', 'unit 2.md']), `${COURSE}/other/Unit%202.md`);
      assert.equal(resolver.noteAt('file://', ['home', 'me', 'courses', 'other', 'Unit 3.md']), undefined);
    });

    it('prefers the note sharing the longest exact tail of the URL path, then the shortest URI', () => {
      assert.deepEqual(resolver.tailOf(url('owner/repo/blob/main/copy/Unit 1 - Losing control.md')), { uri: notes[1], via: 'suffix' });
      assert.deepEqual(resolver.tailOf(url('owner/repo/blob/main/Unit 1 - Losing control.md')), { uri: notes[0], via: 'suffix' });
    });

    it('falls back to file names without punctuation, longest tail of folder names first', () => {
      assert.deepEqual(resolver.tailOf(url('x/course/Unit 1: Losing control?.md')), { uri: notes[2], via: 'fileName' });
      assert.deepEqual(resolver.tailOf(url('Unit 2 .md')), { uri: notes[3], via: 'fileName' });
      assert.equal(resolver.tailOf(url('Unit 12.md')), undefined);
      assert.equal(resolver.tailOf([]), undefined);
    });

    it('prefers the note spelled exactly as the URL to one that differs only in case or extension', () => {
      const both = new LinkResolver({ notes: [`${COURSE}/c/A.md`, `${COURSE}/c/a.md`, `${COURSE}/c/Unit%201.md`, `${COURSE}/c/Unit%201.markdown`], roots: [COURSE] });
      assert.equal(both.noteAt('file://', ['home', 'me', 'courses', 'c', 'a.md']), `${COURSE}/c/a.md`);
      assert.equal(both.noteAt('file://', ['home', 'me', 'courses', 'c', 'A.md']), `${COURSE}/c/A.md`);
      assert.equal(both.noteAt('file://', ['home', 'me', 'courses', 'c', 'Unit 1.markdown']), `${COURSE}/c/Unit%201.markdown`);
      assert.equal(both.tailOf(url('o/r/blob/main/c/a.md'))?.uri, `${COURSE}/c/a.md`);
      assert.equal(both.tailOf(url('o/r/blob/main/Unit 1.markdown'))?.uri, `${COURSE}/c/Unit%201.markdown`);
    });

    it('keeps only notes under a folder when asked, by normalised names', () => {
      const within = { origin: 'file://', segments: ['home', 'me', 'courses', 'agi'] };
      assert.deepEqual(resolver.tailOf(url('Unit 1 - Losing control.md'), within), { uri: notes[2], via: 'fileName' });
      assert.equal(resolver.tailOf(url('Unit 2.md'), within), undefined);
    });

    it('resolves 10,000 course URLs among 300 courses that share unit file names by map hits: no more entries examined among 10,000 notes than among 100', function () {
      this.timeout(30_000);
      const examined = (count: number): number => {
        const uris: string[] = [];
        const paths: string[][] = [];
        for (let i = 0; i < count; i++) {
          uris.push(`${COURSE}/c${i % 300}/w${i}/Unit%201%20-%20Losing%20control.md`);
          paths.push(['owner', 'repo', 'blob', 'main', `w${i}`, 'Unit 1 - Losing control.md']);
        }
        const r = new LinkResolver({ notes: uris, roots: [COURSE] });
        for (let i = 0; i < 10_000; i++) {
          const at = i % paths.length;
          if (r.tailOf(paths[at] ?? [])?.uri !== uris[at]) assert.fail(`URL ${at} resolved wrongly`);
        }
        return r.cost.entriesExamined;
      };
      const large = examined(10_000);
      const small = examined(100);
      // Walking the notes that share the file name would examine some 10,000 entries per URL among the 10,000.
      assert.ok(large <= small, `10,000 notes: ${large} entries examined, 100 notes: ${small}`);
      assert.ok(large <= 10, `${large} entries examined for 10,000 URLs`);
    });
  });

  describe('rule 7: closest names for a quick fix', () => {
    it('suggests the nearest stems by edit distance, best first, a bare name as a bare name', () => {
      const resolver = vault([`${VAULT}/concepts/goal-drive.md`, `${VAULT}/concepts/goal-misgeneralisation.md`]);
      assert.deepEqual(resolver.closest('goal-drfit', INDEX), ['goal-drift', 'goal-drive']);
      assert.deepEqual(resolver.closest('Reward Hackng', INDEX), ['Reward Hacking']);
      assert.deepEqual(resolver.closest('goal-drfit.md', INDEX, 1), ['goal-drift.md']);
    });

    it('keeps the folders of a path, and the shape of a relative markdown path, escaping included', () => {
      const resolver = vault();
      assert.deepEqual(resolver.closest('concept/goal-drfit', INDEX), ['concepts/goal-drift']);
      assert.deepEqual(resolver.closest('/concepts/goal-drfit.md', INDEX), ['/concepts/goal-drift.md']);
      assert.deepEqual(resolver.closest('../concepts/goal-drfit.md', UNIT_1), ['../concepts/goal-drift.md']);
      assert.deepEqual(resolver.closest('./Reward%20Hackin.md', GOAL_DRIFT), ['./Reward%20Hacking.md']);
      assert.deepEqual(resolver.closest('../unit/Unit%202.md', GOAL_DRIFT), ['../units/Unit%201.md']);
    });

    it('lengthens a bare name with folders only when the name alone would lead elsewhere', () => {
      const shadow = `${VAULT}/goal-drift.md`;
      const resolver = new LinkResolver({ notes: [shadow, GOAL_DRIFT, INDEX], roots: [VAULT] });
      assert.deepEqual(resolver.closest('goal-drfit', INDEX), ['goal-drift', 'concepts/goal-drift']);
    });

    it('breaks equal distances by the shorter path and honours the limit', () => {
      const notes = ['deep/er/unit 2.md', 'units/unit 3.md', 'unit 4.md', 'x/unit 5.md'].map((path) => `${VAULT}/${path}`);
      const resolver = new LinkResolver({ notes: [...notes, INDEX], roots: [VAULT] });
      assert.deepEqual(resolver.closest('unit 9', INDEX), ['unit 4', 'unit 5', 'unit 3']);
      assert.deepEqual(resolver.closest('unit 9', INDEX, 1), ['unit 4']);
      assert.deepEqual(resolver.closest('unit 9', INDEX, 0), []);
    });

    it('suggests nothing further than max(2, a third of the length) edits away', () => {
      const resolver = vault([`${VAULT}/ab.md`, `${VAULT}/instrumental-convergence.md`]);
      assert.deepEqual(resolver.closest('xy', INDEX), ['ab']);
      assert.deepEqual(resolver.closest('xyz', INDEX), []);
      // 24 characters: up to 8 edits.
      assert.deepEqual(resolver.closest('xxxxxxxxntal-convergence', INDEX), ['instrumental-convergence']);
      assert.deepEqual(resolver.closest('xxxxxxxxxtal-convergence', INDEX), []);
    });

    it('among 10,000 notes computes edit distances only for names of a near length, once per target, none for hostile targets, and never throws', () => {
      const notes: string[] = [];
      for (let i = 0; i < 10_000; i++) notes.push(`${VAULT}/f${i % 300}/note ${i}.md`);
      const resolver = new LinkResolver({ notes, roots: [VAULT] });
      const distances = (target: string): number => {
        const before = resolver.cost.distances;
        resolver.closest(target, INDEX);
        return resolver.cost.distances - before;
      };
      // `note 12345` allows 3 edits: at most the stems of 7 to 13 characters (`note 10` to `note 9999`) are
      // compared, fewer where too few of their bigrams are shared; asked again, the answer is remembered.
      const near = new Set(notes.map((note) => /note \d+/.exec(note)?.[0] ?? '').filter((stem) => Math.abs(stem.length - 'note 12345'.length) <= 3));
      const first = distances('note 12345');
      assert.ok(first > 0 && first <= near.size, `${first} distances for ${near.size} stems of a near length`);
      assert.equal(resolver.closest('note 12345', INDEX).length, 3);
      assert.equal(distances('note 12345'), 0);
      assert.equal(distances('n'), 0, 'a one-letter target is further than 2 edits from every stem');
      for (const target of ['', ' ', '/', '..', '__proto__', 'x'.repeat(10_000), '\uD800', '%E0%A4%A', '[[a]]']) {
        assert.ok(Array.isArray(resolver.closest(target, INDEX)), JSON.stringify(target.slice(0, 20)));
      }
      assert.equal(distances('x'.repeat(10_000)), 0, 'a 10,000-character target is compared with no stem');
    });

    it('measures edit distance exactly up to the bound and answers bound + 1 beyond it', () => {
      assert.equal(editDistanceWithin('kitten', 'sitting', 3), 3);
      assert.equal(editDistanceWithin('kitten', 'sitting', 2), 3);
      assert.equal(editDistanceWithin('', 'abc', 5), 3);
      assert.equal(editDistanceWithin('abc', 'abc', 0), 0);
      fc.assert(
        fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(8), (a, b, max) => {
          assert.equal(editDistanceWithin(a, b, max), Math.min(levenshtein(a, b), max + 1));
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('wikiLinkTo: the target completion writes', () => {
    it('writes a note by its name when the name alone leads there, with its path from the workspace folder', () => {
      assert.deepEqual(vault().wikiLinkTo(GOAL_DRIFT, INDEX), { text: 'goal-drift', path: 'concepts/goal-drift.md' });
      assert.deepEqual(vault().wikiLinkTo(REWARD_HACKING, INDEX), { text: 'Reward Hacking', path: 'concepts/Reward Hacking.md' });
      assert.deepEqual(vault().wikiLinkTo(SPEC, INDEX), { text: 'Spec', path: 'specs/Spec.markdown' });
    });

    it('adds the fewest folders that lead to the note when a shorter path wins the name', () => {
      const older = `${VAULT}/archive/old/goal-drift.md`;
      const shadow = `${VAULT}/goal-drift.md`;
      const resolver = new LinkResolver({ notes: [older, shadow, GOAL_DRIFT, INDEX], roots: [VAULT] });
      assert.equal(resolver.wikiLinkTo(shadow, INDEX)?.text, 'goal-drift');
      assert.equal(resolver.wikiLinkTo(GOAL_DRIFT, INDEX)?.text, 'concepts/goal-drift');
      assert.equal(resolver.wikiLinkTo(older, INDEX)?.text, 'old/goal-drift');
    });

    it('writes each of equally short namesakes with its folder, as the name alone is ambiguous', () => {
      const a = `${VAULT}/a/notes.md`;
      const b = `${VAULT}/b/notes.md`;
      const resolver = new LinkResolver({ notes: [a, b, INDEX], roots: [VAULT] });
      assert.equal(resolver.resolve('notes', INDEX, 'wiki').kind, 'ambiguous');
      assert.equal(resolver.wikiLinkTo(a, INDEX)?.text, 'a/notes');
      assert.equal(resolver.wikiLinkTo(b, INDEX)?.text, 'b/notes');
    });

    it('gives nothing for a note no target reaches, or a URI it does not list as a note', () => {
      const loose = 'file:///tmp/scratch/todo.md';
      const resolver = new LinkResolver({ notes: [GOAL_DRIFT, INDEX, loose], files: FILES, roots: [VAULT] });
      assert.equal(resolver.wikiLinkTo(loose, INDEX), undefined);
      assert.equal(resolver.wikiLinkTo(`${VAULT}/nowhere.md`, INDEX), undefined);
      assert.equal(resolver.wikiLinkTo(DIAGRAM, INDEX), undefined);
    });

    it('answers again from its cache for any note of the same workspace folder', () => {
      const resolver = vault();
      const first = resolver.wikiLinkTo(GOAL_DRIFT, INDEX);
      assert.ok(first);
      assert.equal(resolver.wikiLinkTo(GOAL_DRIFT, UNIT_1), first);
    });
  });

  describe('builds again and again', () => {
    it('resolves as a fresh resolver when it reuses URIs taken apart by earlier builds with other notes and roots', () => {
      const parsed = new ParsedUris();
      const extra = [`${VAULT}/units/Unit%202.md`, `${VAULT}/Caf%C3%A9.md`];
      // Earlier builds: fewer notes, another root, the notes spelt with NFD and NFC alike.
      finish(LinkResolver.build({ notes: NOTES.slice(0, 3), files: FILES, roots: [`${VAULT}/units`], parsed }));
      finish(LinkResolver.build({ notes: [...NOTES, `${VAULT}/Cafe%CC%81.md`], roots: [], parsed }));
      const reused = finish(LinkResolver.build({ notes: [...NOTES, ...extra], files: FILES, roots: [VAULT], parsed }));
      const fresh = vault(extra);
      const targets = ['goal-drift', 'Reward Hacking', 'unit 1', 'Unit 2', 'units/Unit 2', 'name', 'a/folder/name', 'v1.2 notes', 'Spec', 'diagram.png', 'paper.pdf', 'Café', 'missing'];
      for (const target of targets) {
        for (const style of ['wiki', 'markdown'] as const) {
          assert.deepEqual(reused.resolve(target, INDEX, style), fresh.resolve(target, INDEX, style), `${style} ${target}`);
          assert.deepEqual(reused.resolve(target, UNIT_1, style), fresh.resolve(target, UNIT_1, style), `${style} ${target} from a unit`);
        }
      }
    });
  });

  describe('notes added to a built resolver (what an index does while a first index adds notes)', () => {
    /** Notes in shapes vaults and courses have: namesakes in several folders, two roots, escapes and case. */
    const SECOND = 'file:///home/me/course';
    const POOL = [
      ...NOTES,
      `${VAULT}/units/Unit%202.md`,
      `${VAULT}/archive/units/Unit%201.md`,
      `${VAULT}/concepts/Goal-Drift.md`,
      `${VAULT}/sources/goal-drift.md`,
      `${VAULT}/Caf%C3%A9.md`,
      `${VAULT}/Cafe%CC%81.md`,
      `${VAULT}/units/Unit 2.md`,
      `${VAULT}/media/diagram.png.md`,
      `${SECOND}/Unit%201%3A%20Losing%20control.md`,
      `${SECOND}/week-1/Unit%201.md`,
      `${SECOND}/name.md`,
      'file:///elsewhere/loose/goal-drift.md',
    ];
    const TARGETS = ['goal-drift', 'Goal-Drift', 'concepts/goal-drift', 'Reward Hacking', 'unit 1', 'Unit 1.md', 'units/Unit 1', 'Unit 2', 'name', 'a/folder/name', 'Café', 'diagram.png', 'paper.pdf', 'goal-drif', 'Unit 1: Losing control', 'Unit 1 - Losing control.md', 'week 1/unit_1.md', 'goal_drift.md', 'unit-2', 'missing'];
    const FROM = [INDEX, UNIT_1, `${SECOND}/name.md`, 'file:///elsewhere/loose/goal-drift.md'];

    /** Every answer a resolver gives for the targets from each linking note, as one comparable value. */
    function answers(resolver: LinkResolver, notes: readonly string[]): unknown[] {
      const found: unknown[] = [];
      for (const from of FROM) {
        for (const target of TARGETS) {
          found.push(resolver.resolve(target, from, 'wiki'), resolver.resolve(encodeURI(target), from, 'markdown'), resolver.closest(target, from));
          found.push(resolver.tailOf(target.split('/')), resolver.noteAt('file://', ['home', 'me', 'vault', ...target.split('/')]));
        }
        for (const note of notes) found.push(resolver.wikiLinkTo(note, from), resolver.wikiTarget(note, from, 1, false));
      }
      return found;
    }

    it('answers as a resolver built with every note, after each step of adding them and when asked between steps', () => {
      fc.assert(
        fc.property(
          fc.shuffledSubarray(POOL, { minLength: 1 }),
          fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
          fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
          (notes, cuts, askBetween) => {
            const parsed = new ParsedUris();
            const roots = [VAULT, SECOND];
            let held = notes.slice(0, cuts[0] ?? 1);
            const resolver = finish(LinkResolver.build({ notes: held, files: FILES, roots, parsed }));
            let at = held.length;
            for (const [i, cut] of cuts.slice(1).concat(notes.length).entries()) {
              const added = notes.slice(at, at + cut);
              at += added.length;
              const steps = resolver.addNotes(added, parsed, new WorkBudget());
              for (let step = steps.next(); ; step = steps.next()) {
                // Answers between steps come from a whole resolver: no unsorted list or stale tie is seen.
                if (askBetween[i % askBetween.length]) answers(resolver, held);
                if (step.done === true) {
                  assert.equal(step.value, true);
                  break;
                }
              }
              held = notes.slice(0, at);
              const fresh = new LinkResolver({ notes: held, files: FILES, roots });
              assert.deepEqual(answers(resolver, held), answers(fresh, held));
            }
          },
        ),
        { seed: 2026, numRuns: 120 },
      );
    });

    it('refuses, adding nothing, where only a new build answers: roots derived from the notes, or a note spelled as a listed file', () => {
      const parsed = new ParsedUris();
      const derived = finish(LinkResolver.build({ notes: NOTES.slice(0, 3), files: FILES, parsed }));
      assert.equal(finish(derived.addNotes([INDEX], parsed, new WorkBudget())), false);
      assert.equal(derived.resolve('index', GOAL_DRIFT, 'wiki').kind, 'missing');
      const file = `${VAULT}/media/figure.md`;
      const withFile = finish(LinkResolver.build({ notes: NOTES, files: [...FILES, file], roots: [VAULT], parsed }));
      assert.equal(finish(withFile.addNotes([`${VAULT}/units/Unit%202.md`, file], parsed, new WorkBudget())), false);
      assert.equal(withFile.resolve('Unit 2', INDEX, 'wiki').kind, 'missing');
    });
  });

  describe('rule 8: bad input', () => {
    it('never throws, and answers missing for blank, slash-only and hostile targets', () => {
      const resolver = vault();
      const targets = [' ', '/', '//', '.', '..', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(10_000), '\uD800', '%', '%E0%A4%A', '\u0000', '#', '|'];
      for (const target of targets) {
        for (const style of ['wiki', 'markdown'] as const) {
          assert.deepEqual(resolver.resolve(target, INDEX, style), { kind: 'missing' }, `${style} ${JSON.stringify(target.slice(0, 20))}`);
        }
      }
      assert.deepEqual(resolver.resolve('goal-drift', '', 'wiki'), { kind: 'note', uri: GOAL_DRIFT, via: 'otherRoot' });
      assert.deepEqual(resolver.resolve('goal-drift', 'not a uri', 'markdown').kind, 'note');
    });

    it('finds notes called __proto__ or constructor like any other', () => {
      const proto = `${VAULT}/__proto__.md`;
      const ctor = `${VAULT}/x/constructor.md`;
      const resolver = new LinkResolver({ notes: [proto, ctor, INDEX], roots: [VAULT] });
      assert.equal(uriOf(resolver.resolve('__proto__', INDEX, 'wiki')), proto);
      assert.equal(uriOf(resolver.resolve('Constructor', INDEX, 'wiki')), ctor);
    });

    it('never climbs out of the workspace folder with ..', () => {
      const outside = 'file:///etc/passwd.md';
      const resolver = new LinkResolver({ notes: [INDEX, UNIT_1, outside], roots: [VAULT] });
      for (const style of ['wiki', 'markdown'] as const) {
        assert.deepEqual(resolver.resolve('../../../etc/passwd', UNIT_1, style), { kind: 'missing' }, style);
        assert.deepEqual(resolver.resolve('../../../etc/passwd.md', UNIT_1, style), { kind: 'missing' }, style);
      }
      assert.deepEqual(resolver.resolve('/../../etc/passwd.md', UNIT_1, 'markdown'), { kind: 'missing' });
      assert.deepEqual(resolver.resolve('units/../index', UNIT_1, 'wiki'), { kind: 'note', uri: INDEX, via: 'root' });
    });

    it('matches NFC and NFD spellings of the same name, in links and in note URIs', () => {
      const nfd = `${VAULT}/concepts/${encodeURIComponent('Cafe\u0301 notes')}.md`;
      const resolver = new LinkResolver({ notes: [nfd, INDEX], roots: [VAULT] });
      assert.equal(uriOf(resolver.resolve('Caf\u00e9 notes', INDEX, 'wiki')), nfd);
      assert.equal(uriOf(resolver.resolve('caf\u00e9 notes', INDEX, 'wiki')), nfd);
      assert.equal(uriOf(resolver.resolve('concepts/Caf%C3%A9%20notes.md', INDEX, 'markdown')), nfd);
      assert.equal(uriOf(resolver.resolve('concepts/Cafe%CC%81%20notes.md', INDEX, 'markdown')), nfd);
    });

    it('reads Windows backslashes in markdown links as slashes', () => {
      const resolver = vault();
      assert.deepEqual(resolver.resolve('..\\concepts\\goal-drift.md', UNIT_1, 'markdown'), { kind: 'note', uri: GOAL_DRIFT, via: 'relative' });
      assert.deepEqual(resolver.resolve('.\\Unit%201.md', UNIT_1, 'markdown'), { kind: 'note', uri: UNIT_1, via: 'relative' });
    });
  });
});
