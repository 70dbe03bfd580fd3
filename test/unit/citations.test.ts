import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import GithubSlugger from 'github-slugger';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Heading as MdastHeading, Link } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { closestHeading, diceCoefficient, levenshtein } from '../../src/core/citations/closestHeading';
import { parseCourseUrl, safeDecode } from '../../src/core/citations/courseUrl';
import { slugHeadings } from '../../src/core/citations/headingSlugs';
import { isCitation } from '../../src/core/citations/isCitation';
import { CitationResolver, isSafeExternalUrl, normaliseFileName, resolveCitation } from '../../src/core/citations/resolveCitation';
import type { CitationResolution, Heading, NoteCatalog } from '../../src/core/model';
import { parseMarkdown } from '../../src/core/parse/processor';
import { toRange } from '../../src/core/parse/position';

const REPO = 'https://github.com/alignment-notes/course-notes';
const UNIT_1_PATH = 'AI-Alignment-Fast-Track/Unit%201%3A%20Losing%20control%20to%20AI.md';
const UNIT_2_PATH = 'AI-Alignment-Fast-Track/Unit%202%3A%20What%20makes%20aligning%20AI%20difficult%3F.md';
const UNIT_1_BLOB = `${REPO}/blob/main/${UNIT_1_PATH}`;

const COURSE = 'file:///work/main/samples/alignment-course';
const SUMMARY = `${COURSE}/Course%20summary.md`;
const UNIT_1 = `${COURSE}/units/Unit%201%20-%20Losing%20control%20to%20AI.md`;
const UNIT_2 = `${COURSE}/units/Unit%202%20-%20What%20makes%20aligning%20AI%20difficult.md`;
const UNIT_3 = `${COURSE}/units/Unit%203%20-%20Using%20AI%20to%20align%20AI.md`;

/** The sample course's real headings, as [depth, text] in document order. */
const SAMPLE_HEADINGS: Record<string, ReadonlyArray<readonly [number, string]>> = {
  [SUMMARY]: [
    [1, 'AI Alignment Fast-Track'],
    [2, 'Course summary'],
    [4, 'Key definitions'],
  ],
  [UNIT_1]: [
    [1, 'Unit 1: Losing control to AI'],
    [2, 'What is AI alignment?'],
    [2, 'What failure looks like'],
    [3, 'Going out with a whimper'],
    [3, 'Going out with a bang'],
    [3, 'Open questions'],
    [2, 'Why alignment could be hard with modern deep learning'],
    [3, 'Open questions'],
    [2, 'Unit glossary'],
  ],
  [UNIT_2]: [
    [1, 'Unit 2: What makes aligning AI difficult?'],
    [2, 'A plain explanation of RLHF'],
    [2, 'When the reward sign flipped'],
    [2, 'Problems with Reinforcement Learning from Human Feedback (RLHF) for AI safety'],
    [3, 'Open questions'],
    [2, "RLAIF vs. RLHF: Anthropic's Constitutional AI"],
    [3, 'Supervised stage'],
    [3, 'Reinforcement learning stage'],
  ],
  [UNIT_3]: [
    [1, 'Unit 3: Using AI to align AI'],
    [2, 'Using AI to align AI'],
    [2, 'Debate'],
    [3, 'Open questions'],
  ],
};

/** Headings as a note parser would give them: GitHub slugs, one heading per line. */
function headingsFrom(entries: ReadonlyArray<readonly [number, string]>): Heading[] {
  const slugs = slugHeadings(entries.map(([, text]) => text));
  return entries.map(([depth, text], line) => ({
    text,
    depth,
    slug: slugs[line] ?? '',
    range: { start: { line, character: 0 }, end: { line, character: depth + 1 + text.length } },
  }));
}

/** An in-memory catalog; notes without listed headings have none. */
function catalogOf(notes: readonly string[], headings: Record<string, ReadonlyArray<readonly [number, string]>> = {}): NoteCatalog {
  const byNote = new Map(Object.entries(headings).map(([note, entries]) => [note, headingsFrom(entries)]));
  return { notes, headingsOf: (note) => byNote.get(note) };
}

const sampleCatalog = catalogOf(Object.keys(SAMPLE_HEADINGS), SAMPLE_HEADINGS);

function local(resolution: CitationResolution) {
  assert.equal(resolution.kind, 'local', `expected a local note, got ${JSON.stringify(resolution)}`);
  if (resolution.kind !== 'local') throw new Error('unreachable');
  return resolution;
}

describe('citations', () => {
  describe('safeDecode', () => {
    it('decodes escapes of ASCII and multi-byte UTF-8', () => {
      assert.equal(safeDecode('Unit%201%3A%20Losing%20control%20to%20AI.md'), 'Unit 1: Losing control to AI.md');
      assert.equal(safeDecode('difficult%3F.md'), 'difficult?.md');
      assert.equal(safeDecode('reward%E2%80%94hacking'), 'reward—hacking');
    });

    it('keeps invalid or truncated sequences as written instead of throwing', () => {
      assert.equal(safeDecode('%E0%A4%A'), '%E0%A4%A');
      assert.equal(safeDecode('%'), '%');
      assert.equal(safeDecode('%ZZ'), '%ZZ');
      assert.equal(safeDecode('100% sure'), '100% sure');
    });

    it('still decodes the valid escapes around an invalid one', () => {
      assert.equal(safeDecode('Unit%201%ZZ%E2%80%94%FF%E0%A4%20end'), 'Unit 1%ZZ—%FF%E0%A4 end');
    });
  });

  describe('parseCourseUrl', () => {
    it('reads a GitHub blob URL as the repository path after the ref, with the decoded anchor', () => {
      assert.deepEqual(parseCourseUrl(`${UNIT_1_BLOB}#what-is-ai-alignment`, SUMMARY), {
        kind: 'github',
        segments: ['AI-Alignment-Fast-Track', 'Unit 1: Losing control to AI.md'],
        anchor: 'what-is-ai-alignment',
      });
    });

    it('reads tree and raw views on github.com the same way, ignoring the query', () => {
      for (const view of ['tree', 'raw']) {
        assert.deepEqual(parseCourseUrl(`${REPO}/${view}/main/${UNIT_2_PATH}?plain=1`, SUMMARY), {
          kind: 'github',
          segments: ['AI-Alignment-Fast-Track', 'Unit 2: What makes aligning AI difficult?.md'],
        });
      }
    });

    it('reads raw.githubusercontent.com URLs, with a plain ref or refs/heads/<ref>', () => {
      const expected = { kind: 'raw', segments: ['AI-Alignment-Fast-Track', 'Unit 1: Losing control to AI.md'] };
      assert.deepEqual(parseCourseUrl(`https://raw.githubusercontent.com/alignment-notes/course-notes/main/${UNIT_1_PATH}`, SUMMARY), expected);
      assert.deepEqual(
        parseCourseUrl(`https://raw.githubusercontent.com/alignment-notes/course-notes/refs/heads/main/${UNIT_1_PATH}`, SUMMARY),
        expected,
      );
      assert.deepEqual(parseCourseUrl(`${REPO}/blob/refs/heads/main/${UNIT_1_PATH}`, SUMMARY)?.segments, expected.segments);
    });

    it('resolves a relative link with `..` against the citing note', () => {
      assert.deepEqual(parseCourseUrl('../units/Unit%201.md#x', `${COURSE}/drafts/Scratch.md`), {
        kind: 'relative',
        segments: ['work', 'main', 'samples', 'alignment-course', 'units', 'Unit 1.md'],
        anchor: 'x',
      });
    });

    it('accepts literal spaces and angle brackets in a relative link', () => {
      const expected = ['work', 'main', 'samples', 'alignment-course', 'units', 'Unit 2.md'];
      assert.deepEqual(parseCourseUrl('Unit 2.md', UNIT_1)?.segments, expected);
      assert.deepEqual(parseCourseUrl('<Unit 2.md>', UNIT_1)?.segments, expected);
    });

    it('reads a bare #anchor as a link to the citing note itself, untitled ones included', () => {
      assert.deepEqual(parseCourseUrl('#debate', UNIT_3), {
        kind: 'relative',
        segments: ['work', 'main', 'samples', 'alignment-course', 'units', 'Unit 3 - Using AI to align AI.md'],
        anchor: 'debate',
      });
      assert.deepEqual(parseCourseUrl('#x', 'untitled:Untitled-1'), { kind: 'relative', segments: ['Untitled-1'], anchor: 'x' });
    });

    it('does not take other hosts, other GitHub pages or other schemes for course links', () => {
      for (const url of [
        'https://example.com/blob/main/Unit%201.md',
        `${REPO}/issues/12`,
        `${REPO}/blob/main`,
        'mailto:tutor@example.com',
        'javascript:alert(1)',
        'command:workbench.action.openSettings',
        'data:text/html,<script>alert(1)</script>',
        `${UNIT_1}#what-is-ai-alignment`,
        '',
      ]) {
        assert.equal(parseCourseUrl(url, SUMMARY), undefined, url);
      }
    });

    it('never throws on garbage', () => {
      for (const url of ['%', '%E0%A4%A', 'https://', 'https://[::1', 'http://%ZZ/', '#%', '<>', '\u0000', '../../../../..', '?#?#']) {
        assert.doesNotThrow(() => parseCourseUrl(url, 'not a uri'), url);
      }
    });
  });

  describe('isCitation', () => {
    it('tells citations from other links by their label and URL', () => {
      const cases: [string, string, boolean][] = [
        ['[Unit 1]', 'https://example.org/unit-1', true],
        ['Unit 1', 'https://example.org/unit-1', false],
        ['Unit 1', 'https://github.com/org/course/blob/main/Unit%201.md#intro', true],
        ['Unit 1', '../units/Unit 1.md', true],
        ['[Unit 1]', '../units/Unit 1.png', true],
        ['Unit 1', '../units/Unit 1.png', false],
        ['Intro', '#intro', false],
        ['[Intro]', '#intro', true],
        ['mail', 'mailto:someone@example.org', false],
      ];
      for (const [label, url, expected] of cases) assert.equal(isCitation(label, url), expected, `${label} → ${url}`);
    });
  });

  describe('slugHeadings', () => {
    it('gives GitHub slugs, numbering repeated headings -1, -2 in document order', () => {
      assert.deepEqual(slugHeadings(['Open questions', 'Debate', 'Open questions', 'Open questions']), [
        'open-questions',
        'debate',
        'open-questions-1',
        'open-questions-2',
      ]);
      assert.deepEqual(slugHeadings(["RLAIF vs. RLHF: Anthropic's Constitutional AI"]), ['rlaif-vs-rlhf-anthropics-constitutional-ai']);
    });

    it('starts afresh for every note', () => {
      assert.deepEqual(slugHeadings(['Open questions']), ['open-questions']);
      assert.deepEqual(slugHeadings(['Open questions']), ['open-questions']);
    });

    it('numbers duplicates exactly as github-slugger does, suffix collisions included', () => {
      const text = fc.constantFrom('Open questions', 'Open questions 1', 'open-questions-1', 'Debate', 'Debate-1', 'Ω', '', '-', 'a b');
      fc.assert(
        fc.property(fc.array(text, { maxLength: 12 }), (texts) => {
          const slugger = new GithubSlugger();
          assert.deepEqual(slugHeadings(texts), texts.map((t) => slugger.slug(t)));
        }),
        { numRuns: 2_000, seed: 20261129 },
      );
    });
  });

  describe('closestHeading', () => {
    const unit1 = sampleCatalog.headingsOf(UNIT_1) ?? [];

    it('picks "What failure looks like" for the misspelt #what-failure-look-like', () => {
      assert.equal(closestHeading('what-failure-look-like', unit1)?.text, 'What failure looks like');
    });

    it('compares slugs, so an anchor written in another case or with spaces still finds its heading', () => {
      assert.equal(closestHeading('Going out with a Bang', unit1)?.slug, 'going-out-with-a-bang');
    });

    it('breaks equal scores in document order and finds nothing among no headings', () => {
      const headings = headingsFrom([
        [2, 'Debate x'],
        [2, 'X debate'],
      ]);
      assert.equal(closestHeading('debate', headings)?.text, 'Debate x');
      assert.equal(closestHeading('debate', []), undefined);
    });

    it('measures with Sørensen–Dice over bigrams and Levenshtein distance', () => {
      assert.equal(diceCoefficient('night', 'nacht'), 0.25);
      assert.equal(diceCoefficient('a', 'a'), 1);
      assert.equal(diceCoefficient('a', 'b'), 0);
      assert.equal(levenshtein('kitten', 'sitting'), 3);
      assert.equal(levenshtein('', 'abc'), 3);
    });
  });

  describe('resolveCitation', () => {
    it("finds the local copy of a GitHub citation by normalised file name, with the anchor's heading", () => {
      const resolution = local(resolveCitation(`${UNIT_1_BLOB}#what-is-ai-alignment`, SUMMARY, sampleCatalog));
      assert.equal(resolution.note, UNIT_1);
      assert.equal(resolution.via, 'fileName');
      assert.equal(resolution.heading?.text, 'What is AI alignment?');
      assert.equal(resolution.approximate, false);
      assert.equal(resolution.anchor, 'what-is-ai-alignment');
    });

    it('matches `?` and `:` written as %3F and %3A in the URL to a local name without them', () => {
      const resolution = local(resolveCitation(`${REPO}/blob/main/${UNIT_2_PATH}#supervised-stage`, SUMMARY, sampleCatalog));
      assert.equal(resolution.note, UNIT_2);
      assert.equal(resolution.heading?.text, 'Supervised stage');
    });

    it('resolves tree, raw, raw.githubusercontent and refs/heads URLs to the same note', () => {
      for (const url of [
        `${REPO}/tree/main/${UNIT_1_PATH}`,
        `${REPO}/raw/main/${UNIT_1_PATH}`,
        `https://raw.githubusercontent.com/alignment-notes/course-notes/main/${UNIT_1_PATH}`,
        `https://raw.githubusercontent.com/alignment-notes/course-notes/refs/heads/main/${UNIT_1_PATH}`,
      ]) {
        assert.equal(local(resolveCitation(url, SUMMARY, sampleCatalog)).note, UNIT_1, url);
      }
    });

    it('follows GitHub duplicate-heading suffixes to the second "Open questions"', () => {
      const resolution = local(resolveCitation(`${UNIT_1_BLOB}#open-questions-1`, SUMMARY, sampleCatalog));
      assert.equal(resolution.heading?.text, 'Open questions');
      assert.equal(resolution.heading?.range.start.line, 7);
      assert.equal(resolution.approximate, false);
    });

    it('falls back to the closest heading for an anchor that matches none, and says so', () => {
      const resolution = local(resolveCitation(`${UNIT_1_BLOB}#what-failure-look-like`, SUMMARY, sampleCatalog));
      assert.equal(resolution.heading?.text, 'What failure looks like');
      assert.equal(resolution.approximate, true);
      assert.equal(resolution.anchor, 'what-failure-look-like');
    });

    it('gives the note alone, not approximate, for a citation without an anchor', () => {
      const resolution = local(resolveCitation(UNIT_1_BLOB, SUMMARY, sampleCatalog));
      assert.equal(resolution.heading, undefined);
      assert.equal(resolution.approximate, false);
      assert.equal(resolution.anchor, undefined);
    });

    it('is approximate with no heading when the note has no headings', () => {
      const catalog = catalogOf([UNIT_1]);
      const resolution = local(resolveCitation(`${UNIT_1_BLOB}#what-is-ai-alignment`, SUMMARY, catalog));
      assert.equal(resolution.heading, undefined);
      assert.equal(resolution.approximate, true);
    });

    it('resolves relative links exactly: with .., with spaces, in angle brackets', () => {
      const scratch = `${COURSE}/drafts/Scratch.md`;
      const upAndOver = local(resolveCitation('../units/Unit%203%20-%20Using%20AI%20to%20align%20AI.md#debate', scratch, sampleCatalog));
      assert.deepEqual([upAndOver.note, upAndOver.via, upAndOver.heading?.text], [UNIT_3, 'relative', 'Debate']);
      assert.equal(local(resolveCitation('units/Unit 3 - Using AI to align AI.md', SUMMARY, sampleCatalog)).note, UNIT_3);
      assert.equal(local(resolveCitation('<Unit 2 - What makes aligning AI difficult.md>', UNIT_1, sampleCatalog)).note, UNIT_2);
    });

    it('resolves a same-note #anchor to the citing note, even one the catalog does not list', () => {
      const resolution = local(resolveCitation('#going-out-with-a-bang', UNIT_1, sampleCatalog));
      assert.deepEqual([resolution.note, resolution.via, resolution.heading?.text], [UNIT_1, 'relative', 'Going out with a bang']);
      const untitled = local(resolveCitation('#anything', 'untitled:Untitled-1', sampleCatalog));
      assert.deepEqual([untitled.note, untitled.heading, untitled.approximate], ['untitled:Untitled-1', undefined, true]);
    });

    it('prefers a user mapping to the general rules, looking inside the mapped folder', () => {
      const decoy = 'file:///w/Unit%201%20-%20Losing%20control%20to%20AI.md';
      const catalog = catalogOf([decoy, ...sampleCatalog.notes], SAMPLE_HEADINGS);
      assert.equal(local(resolveCitation(UNIT_1_BLOB, SUMMARY, catalog)).note, decoy, 'without a mapping the shorter URI wins');
      const mappings = [{ urlPrefix: `${REPO}/blob/main/AI-Alignment-Fast-Track/`, folder: `${COURSE}/units/` }];
      const resolution = local(resolveCitation(`${UNIT_1_BLOB}#going-out-with-a-whimper`, SUMMARY, catalog, mappings));
      assert.deepEqual([resolution.note, resolution.via, resolution.heading?.text], [UNIT_1, 'mapping', 'Going out with a whimper']);
    });

    it('matches a mapped path exactly when the local names are the same, whatever the folder URI escaping', () => {
      const note = 'file:///home/me/my%20course/Unit%201%3A%20Losing%20control%20to%20AI.md';
      const mappings = [{ urlPrefix: `${REPO}/blob/main/AI-Alignment-Fast-Track/`, folder: 'file:///home/me/my course' }];
      const resolution = local(resolveCitation(UNIT_1_BLOB, SUMMARY, catalogOf([note]), mappings));
      assert.deepEqual([resolution.note, resolution.via], [note, 'mapping']);
    });

    it('prefers an exact path suffix to a file-name look-alike, and the longest suffix among exact names', () => {
      const lookAlike = 'file:///w/AI-Alignment-Fast-Track/Unit%201%20-%20Losing%20control%20to%20AI.md';
      const nameOnly = 'file:///w/Unit%201%3A%20Losing%20control%20to%20AI.md';
      const mirror = 'file:///w/mirror/AI-Alignment-Fast-Track/Unit%201%3A%20Losing%20control%20to%20AI.md';
      const nameWins = local(resolveCitation(UNIT_1_BLOB, SUMMARY, catalogOf([lookAlike, nameOnly])));
      assert.deepEqual([nameWins.note, nameWins.via], [nameOnly, 'suffix']);
      const longestWins = local(resolveCitation(UNIT_1_BLOB, SUMMARY, catalogOf([lookAlike, nameOnly, mirror])));
      assert.deepEqual([longestWins.note, longestWins.via], [mirror, 'suffix']);
    });

    it('breaks file-name ties by shared folder names, then the shortest URI, then URI order', () => {
      const name = 'Unit%201%20-%20Losing%20control%20to%20AI.md';
      const inCourseFolder = `file:///w/backup/ai-alignment-fast-track/${name}`;
      const short = `file:///w/a/${name}`;
      const sameLength = `file:///w/b/${name}`;
      const longer = `file:///w/old/${name}`;
      const resolve = (notes: string[]) => local(resolveCitation(UNIT_1_BLOB, SUMMARY, catalogOf(notes))).note;
      assert.equal(resolve([short, inCourseFolder, longer]), inCourseFolder);
      assert.equal(resolve([longer, sameLength]), sameLength);
      assert.equal(resolve([sameLength, short, longer]), short);
      assert.equal(resolve([short, sameLength]), short);
    });

    it('normalises file names to lower-case letters and digits', () => {
      assert.equal(normaliseFileName('Unit 2: What makes aligning AI difficult?.md'), normaliseFileName('Unit 2 - What makes aligning AI difficult.md'));
      assert.notEqual(normaliseFileName('Unit 1.md'), normaliseFileName('Unit 11.md'));
    });

    it('leaves a citation with no local copy external, with the URL as written', () => {
      const url = `${REPO}/blob/main/AI-Alignment-Fast-Track/Unit%205%3A%20Governance.md#compute-governance`;
      assert.deepEqual(resolveCitation(url, SUMMARY, sampleCatalog), { kind: 'external', url });
      assert.deepEqual(resolveCitation('https://arxiv.org/abs/2209.00626', SUMMARY, sampleCatalog), {
        kind: 'external',
        url: 'https://arxiv.org/abs/2209.00626',
      });
    });

    it('returns dangerous schemes unchanged as external, and only http(s) counts as safe to open', () => {
      for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'data:text/html,x', `${UNIT_1}`, 'vscode://file/etc/passwd']) {
        assert.deepEqual(resolveCitation(url, SUMMARY, sampleCatalog), { kind: 'external', url });
        assert.equal(isSafeExternalUrl(url), false, url);
      }
      assert.equal(isSafeExternalUrl(UNIT_1_BLOB), true);
      assert.equal(isSafeExternalUrl('HTTP://example.com/'), true);
      assert.equal(isSafeExternalUrl(' javascript:alert(1)'), false);
      assert.equal(isSafeExternalUrl('not a url'), false);
    });

    it('never throws on invalid percent sequences, keeping them literally in the anchor', () => {
      for (const url of [`${REPO}/blob/main/Unit%E0%A4%A.md`, `${REPO}/blob/main/%`, 'Unit%ZZ.md', '%', `${UNIT_1_BLOB}#%ZZ`]) {
        assert.doesNotThrow(() => resolveCitation(url, SUMMARY, sampleCatalog), url);
      }
      const resolution = local(resolveCitation(`${UNIT_1_BLOB}#what%E0%A4%A-failure`, SUMMARY, sampleCatalog));
      assert.equal(resolution.anchor, 'what%E0%A4%A-failure');
      assert.equal(resolution.approximate, true);
    });

    it('reads each anchor afresh when many citations share one URL path (the path is looked up once per resolver)', () => {
      const mappings = [{ urlPrefix: `${REPO}/blob/main/mapped/`, folder: `${COURSE}/units` }];
      const path = fc.constantFrom(`${UNIT_1_BLOB}`, `${REPO}/blob/main/mapped/Unit%201%20-%20Losing%20control%20to%20AI.md`, `//github.com/x/y/blob/main/${UNIT_1_PATH}`, `${REPO}/blob/main/Nowhere.md`);
      const fragment = fc.oneof(
        fc.constant(''),
        fc.constantFrom('#what-is-ai-alignment', '#What%20failure%20looks%20like', '#going out', '#%E0%A4%A', '#\tgoing-out', '#', '#a#b'),
        fc.string({ maxLength: 12 }).map((text) => `#${text}`),
      );
      const url = fc.tuple(path, fragment, fc.constantFrom('', ' ', '?plain=1')).map(([p, f, tail]) => (tail === '?plain=1' ? `${p}${tail}${f}` : `${p}${f}${tail}`));
      fc.assert(
        fc.property(fc.array(url, { minLength: 1, maxLength: 8 }), (urls) => {
          const shared = new CitationResolver(sampleCatalog, mappings);
          for (const written of urls) {
            const alone = new CitationResolver(sampleCatalog, mappings).resolve(written, SUMMARY);
            assert.deepEqual(shared.resolve(written, SUMMARY), alone, written);
            // The anchor is the one the URL reader gives for the whole URL, wherever the path led.
            if (alone.kind === 'local' && alone.via !== 'mapping') assert.equal(alone.anchor, parseCourseUrl(written, SUMMARY)?.anchor, written);
          }
        }),
        { seed: 13, numRuns: 300 },
      );
    });

    it('maps a site whose prefix routes by `#/`, reading the anchor after the prefix', () => {
      const resolver = new CitationResolver(sampleCatalog, [{ urlPrefix: 'https://course.example/#/', folder: `${COURSE}/units` }]);
      const resolution = local(resolver.resolve('https://course.example/#/Unit%201%20-%20Losing%20control%20to%20AI.md#what-is-ai-alignment', SUMMARY));
      assert.deepEqual([resolution.note, resolution.via, resolution.anchor, resolution.heading?.text], [UNIT_1, 'mapping', 'what-is-ai-alignment', 'What is AI alignment?']);
    });

    it('keeps a space before the `#` in the file name, as a URL parser does, however often the path was seen without it', () => {
      const note = 'file:///w/course/Unit%201.md';
      const resolver = new CitationResolver(catalogOf([note]));
      const url = 'https://github.com/o/r/blob/main/course/Unit%201.md';
      assert.equal(local(resolver.resolve(`${url}#intro`, SUMMARY)).via, 'suffix', 'the name as written');
      // `Unit 1.md ` is no exact name: it is found by its normalised name, as `Unit%201.md%20` is.
      for (const written of [`${url} #intro`, `${url}%20#intro`]) {
        const resolution = local(resolver.resolve(written, SUMMARY));
        assert.deepEqual([resolution.note, resolution.via, resolution.anchor], [note, 'fileName', 'intro'], written);
      }
    });

    // The cost of a look-up among notes that share a name is held by `linkResolver.test.ts` (course URLs).
    it('resolves 1,000 citations against 10,000 notes, each to the right note', () => {
      const notes = Array.from({ length: 10_000 }, (_, i) => `file:///w/course-${i % 50}/week-${i % 7}/Lesson%20${i}%20-%20Topic.md`);
      const catalog = catalogOf(notes);
      const resolver = new CitationResolver(catalog);
      for (let i = 0; i < 1_000; i++) {
        const n = (i * 7919) % 10_000;
        const resolution = resolver.resolve(`${REPO}/blob/main/Track/Lesson%20${n}%3A%20Topic.md#intro`, SUMMARY);
        assert.equal(resolution.kind === 'local' && resolution.note, notes[n]);
      }
      for (let i = 0; i < 1_000; i++) {
        const resolution = resolveCitation(`${REPO}/blob/main/Track/Lesson%20${i}%3A%20Topic.md`, SUMMARY, catalog);
        assert.equal(resolution.kind === 'local' && resolution.note, notes[i]);
      }
    });
  });

  describe('the sample course', () => {
    const root = join(__dirname, '..', '..', '..', 'samples', 'alignment-course');

    function headingsOfText(text: string): Heading[] {
      const nodes: MdastHeading[] = [];
      visit(parseMarkdown(text), 'heading', (node) => {
        nodes.push(node);
      });
      const slugs = slugHeadings(nodes.map((node) => toString(node)));
      return nodes.flatMap((node, i) =>
        node.position === undefined ? [] : [{ text: toString(node), depth: node.depth, slug: slugs[i] ?? '', range: toRange(node.position) }],
      );
    }

    it('resolves every citation of Course summary.md: all local but Unit 5, one approximate', () => {
      const files = ['Course summary.md', ...readdirSync(join(root, 'units')).map((name) => join('units', name))];
      const byNote = new Map(
        files.map((file) => {
          const path = join(root, file);
          return [pathToFileURL(path).href, headingsOfText(readFileSync(path, 'utf8'))] as const;
        }),
      );
      const catalog: NoteCatalog = { notes: [...byNote.keys()], headingsOf: (note) => byNote.get(note) };
      const summary = pathToFileURL(join(root, 'Course summary.md')).href;

      const urls: string[] = [];
      visit(parseMarkdown(readFileSync(join(root, 'Course summary.md'), 'utf8')), 'link', (node: Link) => {
        if (/^\[Unit \d+\]$/.test(toString(node))) urls.push(node.url);
      });
      assert.equal(urls.length, 46);

      const resolver = new CitationResolver(catalog);
      const results = urls.map((url) => ({ url, resolution: resolver.resolve(url, summary) }));
      const external = results.filter(({ resolution }) => resolution.kind === 'external').map(({ url }) => url);
      assert.deepEqual(external, [`${REPO}/blob/main/AI-Alignment-Fast-Track/Unit%205%3A%20Governance.md#compute-governance`]);

      const locals = results.flatMap(({ resolution }) => (resolution.kind === 'local' ? [resolution] : []));
      const approximate = locals.filter((resolution) => resolution.approximate);
      assert.deepEqual(
        approximate.map((resolution) => [resolution.anchor, resolution.heading?.text]),
        [['what-failure-look-like', 'What failure looks like']],
      );
      for (const resolution of locals) {
        assert.match(resolution.note, /\/units\/Unit%20[1-4]%20-%20/);
        assert.ok(resolution.heading !== undefined, `no heading for #${resolution.anchor}`);
        if (!resolution.approximate) assert.equal(resolution.heading.slug, resolution.anchor);
      }
    });
  });
});
