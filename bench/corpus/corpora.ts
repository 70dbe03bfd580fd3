import { corpusName } from './disk';
import type { CorpusFile, FileSizes } from './files';
import { type Corpus, type CorpusStats, generateCorpus } from './generate';
import { generateLinkedProse } from './linkedProse';
import { generateManyCourses } from './manyCourses';
import { generateVault } from './vault';

/** The bench's corpora: the original course notes (issue 6) and the three of issue 13. */
export const CORPUS_KINDS = ['course', 'many-courses', 'vault', 'linked-prose'] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];

/** One count a corpus reports: `citations 76,431`. */
export interface Fact {
  readonly label: string;
  readonly value: number;
}

/** What the bench needs of any generated corpus. */
export interface BenchCorpus {
  readonly kind: CorpusKind;
  /** Its folder under bench/.corpus/: `n1000` (the course corpus), `vault-n1000`. */
  readonly name: string;
  readonly files: readonly CorpusFile[];
  readonly sizes: FileSizes;
  /** What it holds, in print order. */
  readonly facts: readonly Fact[];
  /** Terms the search rows draw queries from: only the course corpus has them (its glossary is the point). */
  readonly searchTerms?: readonly string[];
}

/** Issue 13's minimum size of a corpus at 10,000 notes, and of one of its facts. */
export interface Minimum {
  readonly megabytes: number;
  readonly fact?: { readonly label: string; readonly atLeast: number };
}

export const MINIMUMS: Readonly<Record<CorpusKind, Minimum | undefined>> = {
  course: undefined,
  'many-courses': { megabytes: 35, fact: { label: 'citations', atLeast: 70_000 } },
  vault: { megabytes: 55, fact: { label: 'links', atLeast: 100_000 } },
  'linked-prose': { megabytes: 50 },
};

/** The course generator's counts, shared by the course and many-courses corpora. */
function courseFacts(stats: CorpusStats): Fact[] {
  return [
    { label: 'definitions', value: stats.definitions },
    { label: 'distinct terms', value: stats.distinctTerms },
    { label: 'definitions with alias', value: stats.definitionsWithAlias },
    { label: 'citations', value: stats.citations },
    { label: 'relative citations', value: stats.relativeCitations },
    { label: 'mentions', value: stats.termMentions },
    { label: 'look-alikes in code', value: stats.lookalikes },
  ];
}

/** A corpus of the course generator as the bench takes it; `name` is its folder (`n1000`, `n10000-v30000`). */
export function courseCorpus(corpus: Corpus): BenchCorpus {
  return { kind: 'course', name: corpusName(corpus.options), files: corpus.files, sizes: corpus.stats, facts: courseFacts(corpus.stats), searchTerms: corpus.vocabulary };
}

const facts = (entries: Record<string, number>): Fact[] => Object.entries(entries).map(([label, value]) => ({ label, value }));

/** Generates one corpus of `files` notes. Deterministic: the same arguments give byte-identical files. */
export function generateBenchCorpus(kind: CorpusKind, files: number, seed: number): BenchCorpus {
  const name = (options: { files: number; vocab?: number; seed: number }): string => `${kind}-${corpusName(options)}`;
  switch (kind) {
    case 'course':
      return courseCorpus(generateCorpus({ files, vocab: 3000, seed }));
    case 'many-courses': {
      const corpus = generateManyCourses({ files, vocab: 3000, seed });
      const layout = facts({ courses: corpus.layout.courses, 'distinct file names': corpus.layout.distinctFileNames });
      const crossCourse = facts({ 'relative citations to another course': corpus.layout.crossCourseCitations });
      return { kind, name: name(corpus.options), files: corpus.files, sizes: corpus.stats, facts: [...layout, ...courseFacts(corpus.stats), ...crossCourse] };
    }
    case 'vault': {
      const vault = generateVault({ files, seed });
      const s = vault.stats;
      const pages = facts(Object.fromEntries(Object.entries(s.pages).map(([kind, count]) => [`${kind} pages`, count])));
      const links = facts(Object.fromEntries(Object.entries(s.linksByForm).map(([form, count]) => [`${form} links`, count])));
      const constructs = facts({
        'attributed definitions': s.attributedDefinitions,
        'glossary definitions': s.glossaryDefinitions,
        callouts: s.callouts,
        tables: s.tables,
        'ordered lists': s.orderedLists,
        footnotes: s.footnotes,
        'block ids': s.blockIds,
        'unlinked mentions': s.mentions,
        'largest big page (bytes)': s.bigPageBytes.max,
        'look-alikes in code': s.lookalikes,
      });
      return { kind, name: name(vault.options), files: vault.files, sizes: s, facts: [...pages, { label: 'links', value: s.links }, ...links, ...constructs] };
    }
    case 'linked-prose': {
      const prose = generateLinkedProse({ files, seed });
      const s = prose.stats;
      return {
        kind,
        name: name(prose.options),
        files: prose.files,
        sizes: s,
        facts: facts({
          links: s.links,
          'lower-case links': s.lowerCaseLinks,
          'labelled links': s.labelledLinks,
          'broken links': s.brokenLinks,
          hubs: s.hubs,
          'links to hubs': s.hubLinks,
          'most backlinks of one note': s.maxBacklinks,
          paragraphs: s.paragraphs,
          bullets: s.bullets,
        }),
      };
    }
  }
}

/** The minimum scaled to this corpus's size (`files / 10,000` of it), and whether the corpus meets it. */
export function checkMinimum(corpus: BenchCorpus): { readonly pass: boolean; readonly text: string } | undefined {
  const minimum = MINIMUMS[corpus.kind];
  if (!minimum) return undefined;
  const scale = corpus.sizes.files / 10_000;
  const bytes = minimum.megabytes * 1e6 * scale;
  const fact = minimum.fact;
  const value = fact ? corpus.facts.find((candidate) => candidate.label === fact.label)?.value ?? 0 : 0;
  const pass = corpus.sizes.bytes >= bytes && (!fact || value >= fact.atLeast * scale);
  const wanted = [`${minimum.megabytes} MB`, ...(fact ? [`${fact.atLeast.toLocaleString('en-US')} ${fact.label}`] : [])].join(', ');
  return { pass, text: `≥ ${wanted} at 10,000 notes (× ${scale.toLocaleString('en-US')}): ${pass ? '✔' : '✘'}` };
}
