import { strict as assert } from 'node:assert';
import GithubSlugger from 'github-slugger';
import { type BenchCorpus, CORPUS_KINDS, type CorpusKind, checkMinimum, generateBenchCorpus } from '../../bench/corpus/corpora';
import { fingerprint } from '../../bench/corpus/disk';
import type { CorpusFile } from '../../bench/corpus/files';

/**
 * The bench's generated corpora (issue 13): byte-identical for a seed on every machine, at least the sizes
 * the issue asks for (scaled from 10,000 notes to 1,000), and holding the constructs each one promises.
 */

/** SHA-256 of every path and text at 100 notes, seed 42: a change here changes every figure measured on the corpus. */
const PINNED: Readonly<Record<CorpusKind, string>> = {
  course: 'c2a7510b4bf77209cee215e9d3afceb5bb53eba18b6b175c492048b99166ba6f',
  'many-courses': '8d1a3ee298a4be54aec75c0ad4a31e7d375a280e3c556bd85566f6411a43ba66',
  vault: '95e94713bb759bc21c8ec467adb514f5a1e893bf4b8270557b61a14f29fb0c73',
  'linked-prose': '8125833527ac1918aab8f9bb86fd345305c2e7db73a287501df598135b32250e',
};

const fact = (corpus: BenchCorpus, label: string): number => {
  const found = corpus.facts.find((candidate) => candidate.label === label);
  assert.ok(found, `${corpus.name} has no fact "${label}"`);
  return found.value;
};

const occurrences = (files: readonly CorpusFile[], pattern: RegExp): number =>
  files.reduce((sum, file) => sum + (file.text.match(pattern)?.length ?? 0), 0);

interface WikiLink {
  readonly embed: boolean;
  /** What names the page: `concepts/goal-drift`, `Goal drift`. */
  readonly page: string;
  /** `Heading` or `^block`, when the link has one. */
  readonly anchor?: string;
  readonly from: string;
}

/** Every `[[...]]` and `![[...]]` of the files, with `\|` (a table cell's escaped pipe) read as `|`. */
function wikiLinks(files: readonly CorpusFile[]): WikiLink[] {
  return files.flatMap((file) =>
    [...file.text.matchAll(/(!?)\[\[([^\]]+)\]\]/g)].map((match) => {
      const [target = ''] = (match[2] ?? '').replace(/\\\|/g, '|').split('|');
      const [page = '', anchor] = target.split('#');
      return { embed: match[1] === '!', page, ...(anchor === undefined ? {} : { anchor }), from: file.path };
    }),
  );
}

const corpora = new Map<CorpusKind, BenchCorpus>();
/** Each corpus at 1,000 notes, generated once for all the tests below. */
function at1000(kind: CorpusKind): BenchCorpus {
  let corpus = corpora.get(kind);
  if (!corpus) {
    corpus = generateBenchCorpus(kind, 1000, 42);
    corpora.set(kind, corpus);
  }
  return corpus;
}

describe('bench corpora', function () {
  this.timeout(120_000);

  for (const kind of CORPUS_KINDS) {
    describe(kind, () => {
      it('is byte-identical for the same seed, on every machine (pinned fingerprint), and differs for another seed', () => {
        const first = generateBenchCorpus(kind, 100, 42);
        assert.equal(fingerprint(first.files), fingerprint(generateBenchCorpus(kind, 100, 42).files));
        assert.equal(fingerprint(first.files), PINNED[kind]);
        assert.notEqual(fingerprint(first.files), fingerprint(generateBenchCorpus(kind, 100, 43).files));
        assert.equal(first.files.length, 100);
        assert.equal(new Set(first.files.map((file) => file.path)).size, 100, 'paths are unique');
      });

      it('has the number of notes asked for, with unique .md paths, at the smallest size the bench takes', () => {
        const corpus = generateBenchCorpus(kind, 10, 42);
        assert.equal(corpus.files.length, 10);
        assert.ok(corpus.files.every((file) => file.path.endsWith('.md') && !file.path.startsWith('/')));
        assert.equal(corpus.sizes.files, 10);
      });

      if (kind !== 'course') {
        it('meets issue 13 minimums scaled to 1,000 notes', () => {
          const corpus = at1000(kind);
          const check = checkMinimum(corpus);
          assert.ok(check?.pass, `${corpus.name}: ${(corpus.sizes.bytes / 1e6).toFixed(2)} MB; ${check?.text}`);
        });
      }
    });
  }

  describe('many courses', () => {
    it('has dozens of course folders that repeat the same unit file names', () => {
      const corpus = at1000('many-courses');
      const folders = new Map<string, string[]>();
      for (const file of corpus.files) {
        const [folder = '', name = ''] = file.path.split('/');
        assert.match(name, /^Unit \d+ - .+\.md$/);
        folders.set(name, [...(folders.get(name) ?? []), folder]);
      }
      assert.ok(fact(corpus, 'courses') >= 30, `${fact(corpus, 'courses')} courses`);
      const shared = [...folders.values()].filter((inFolders) => inFolders.length >= 3);
      assert.ok(shared.length >= 100, `${shared.length} file names are in 3 folders or more`);
      assert.ok(Math.max(...[...folders.values()].map((inFolders) => inFolders.length)) >= 5);
    });

    it('cites real headings of real notes, by GitHub URLs of several repositories and by relative links across courses', () => {
      const corpus = at1000('many-courses');
      const slugs = new Map(
        corpus.files.map((file) => {
          const slugger = new GithubSlugger();
          const headings = file.text.split('\n').filter((line) => /^#{1,6} /.test(line));
          return [file.path, new Set(headings.map((line) => slugger.slug(line.replace(/^#+ /, ''))))];
        }),
      );
      const repositories = new Set<string>();
      let absolute = 0;
      let crossCourse = 0;
      for (const file of corpus.files) {
        const folder = file.path.split('/')[0] ?? '';
        for (const match of file.text.matchAll(/\[\[Unit (\d+)\]\]\(([^)#]+)#([^)]+)\)/g)) {
          const [, unit, url = '', slug = ''] = match;
          let target: string;
          const github = /^https:\/\/github\.com\/([^/]+\/[^/]+)\/blob\/main\/(.+)$/.exec(url);
          if (github) {
            absolute++;
            repositories.add(github[1] ?? '');
            target = decodeURIComponent(github[2] ?? '');
          } else if (url.startsWith('./')) target = `${folder}/${decodeURIComponent(url.slice(2))}`;
          else {
            assert.match(url, /^\.\.\/[^/]+\/[^/]+$/);
            crossCourse++;
            target = decodeURIComponent(url.slice(3));
          }
          assert.ok(slugs.get(target)?.has(slug), `${file.path} cites ${url}#${slug}, which is no heading of a note`);
          assert.ok(target.includes(`/Unit ${unit} - `), `the label names unit ${unit}: ${target}`);
        }
      }
      assert.equal(occurrences(corpus.files, /\[\[Unit \d+\]\]\(/g), fact(corpus, 'citations'));
      assert.ok(absolute > 5000 && crossCourse > 300, `${absolute} absolute, ${crossCourse} across courses`);
      assert.equal(crossCourse, fact(corpus, 'relative citations to another course'));
      assert.ok(repositories.size >= 30, `${repositories.size} repositories`);
    });
  });

  describe('vault', () => {
    const KINDS = ['concepts', 'sources', 'findings', 'entities', 'questions', 'debates'];

    it('has typed pages in six folders, front matter, H1 titles and a big index page of 100-200 KB', () => {
      const corpus = at1000('vault');
      const pages = corpus.files.filter((file) => KINDS.includes(file.path.split('/')[0] ?? ''));
      const big = corpus.files.filter((file) => !pages.includes(file));
      for (const kind of KINDS) assert.ok(pages.some((file) => file.path.startsWith(`${kind}/`)), `no ${kind}/ page`);
      assert.ok(pages.every((file) => /^---\ntype: (concept|source|finding|entity|question|debate)\ntags: \[[^\]]+\]\n/.test(file.text)));
      assert.ok(pages.filter((file) => /^# \S/m.test(file.text)).length > 0.9 * pages.length, 'H1 titles');
      assert.ok(pages.some((file) => /^aliases: \[.+\]$/m.test(file.text)), 'aliases in front matter');
      assert.ok(big.length >= 1 && big.some((file) => file.path === 'index.md'));
      for (const file of big) assert.ok(file.text.length >= 100_000 && file.text.length <= 210_000, `${file.path}: ${file.text.length} bytes`);
    });

    it('writes attributed definitions, relation bullets, tables with \\|, callouts, ordered lists, footnotes and glossary terms', () => {
      const { files } = at1000('vault');
      const has = (pattern: RegExp, atLeast: number, what: string): void => {
        const found = occurrences(files, pattern);
        assert.ok(found >= atLeast, `${found} ${what}`);
      };
      has(/^- \*\*\[\[sources\/[^\]]+\]\]\*\* \(\w+\): "/gm, 300, 'attributed definitions with a note');
      has(/^- \*\*\[\[(sources\/)?[^\]|]+\|[^\]]+\]\]\*\*: /gm, 300, 'attributed definitions with a label');
      has(/^- (Related to|Distinct from|Builds on|Part of|Contrasts with|Example of|Leads to): \[\[/gm, 500, 'relation bullets');
      has(/^\| \[\[[^\]]+\\\|[^\]]+\]\] \|/gm, 1000, 'table rows with [[x\\|label]]');
      has(/^> \[!(note|warning|info|tip|quote|question|example)\] /gm, 1000, 'callouts');
      has(/^1\. .+\n2\. /gm, 500, 'ordered lists');
      has(/^\[\^\d+\]: /gm, 500, 'footnotes');
      has(/^\* \*\*[^*]+\*\*: /gm, 300, 'glossary definitions under Key terms');
      has(/^- \[[ x]\] /gm, 500, 'tasks');
    });

    it('links in every form, and every link but the broken ones finds its page, heading or block', () => {
      const corpus = at1000('vault');
      const byPath = new Map(corpus.files.map((file) => [file.path.replace(/\.md$/, '').toLowerCase(), file]));
      const byName = new Map<string, CorpusFile[]>();
      for (const file of corpus.files) {
        const name = (file.path.split('/').at(-1) ?? '').replace(/\.md$/, '').toLowerCase();
        byName.set(name, [...(byName.get(name) ?? []), file]);
      }
      const links = wikiLinks(corpus.files);
      assert.equal(links.length, fact(corpus, 'links'));
      let broken = 0;
      const forms = { folder: 0, bare: 0, heading: 0, block: 0, embed: 0 };
      for (const link of links) {
        const key = link.page.toLowerCase();
        const target = byPath.get(key) ?? (byName.get(key)?.length === 1 ? byName.get(key)?.[0] : undefined);
        if (!target) {
          broken++;
          continue;
        }
        if (link.embed) forms.embed++;
        if (key.includes('/')) forms.folder++;
        else forms.bare++;
        if (link.anchor?.startsWith('^')) {
          forms.block++;
          assert.ok(target.text.includes(` ${link.anchor}\n`), `${link.from} links to block ${link.anchor} of ${target.path}, which has none`);
        } else if (link.anchor !== undefined) {
          forms.heading++;
          assert.ok(new RegExp(`^#+ ${link.anchor}$`, 'm').test(target.text), `${link.from} links to heading ${link.anchor} of ${target.path}`);
        }
      }
      assert.equal(broken, fact(corpus, 'broken links'));
      assert.ok(broken > 0 && broken < links.length * 0.05, `${broken} broken links`);
      for (const [form, found] of Object.entries(forms)) assert.ok(found >= 100, `${found} ${form} links`);
      assert.ok(links.filter((link) => link.page !== link.page.toLowerCase() && !link.page.includes('/')).length > 0, 'bare names in another case');
    });
  });

  describe('linked prose', () => {
    it('writes long paragraphs and prose bullets that link notes by bare names with spaces, which find one note each', () => {
      const corpus = at1000('linked-prose');
      const byName = new Map<string, number>();
      for (const file of corpus.files) {
        const name = (file.path.split('/').at(-1) ?? '').replace(/\.md$/, '').toLowerCase();
        byName.set(name, (byName.get(name) ?? 0) + 1);
      }
      assert.ok(new Set(corpus.files.map((file) => file.path.split('/').slice(0, -1).join('/'))).size >= 3, 'notes in several folders');
      const links = wikiLinks(corpus.files);
      assert.equal(links.length, fact(corpus, 'links'));
      assert.ok(links.every((link) => !link.page.includes('/') && link.anchor === undefined), 'bare names only');
      assert.ok(links.filter((link) => link.page.includes(' ')).length > links.length / 2, 'names with spaces');
      const resolved = links.filter((link) => byName.get(link.page.toLowerCase()) === 1);
      assert.equal(links.length - resolved.length, fact(corpus, 'broken links'));
      const paragraphs = corpus.files.flatMap((file) => file.text.split('\n\n')).filter((block) => !/^[#-]/.test(block));
      assert.ok(paragraphs.filter((paragraph) => paragraph.length >= 1000 && paragraph.includes('[[')).length > 1000, 'long linked paragraphs');
      assert.ok(occurrences(corpus.files, /^- .*\[\[/gm) > 1000, 'prose bullets with links');
    });

    it('has a few hub notes with hundreds of backlinks at 1,000 notes (thousands at 10,000)', () => {
      const corpus = at1000('linked-prose');
      const backlinks = new Map<string, number>();
      for (const link of wikiLinks(corpus.files)) backlinks.set(link.page.toLowerCase(), (backlinks.get(link.page.toLowerCase()) ?? 0) + 1);
      const hubs = [...backlinks.values()].filter((count) => count >= 300);
      assert.equal(hubs.length, fact(corpus, 'hubs'));
      assert.equal(Math.max(...backlinks.values()), fact(corpus, 'most backlinks of one note'));
    });
  });
});
