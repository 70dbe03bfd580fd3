import { type CorpusFile, type FileSizes, fileSizes } from './files';
import { chance, int, pick, type Random, seeded } from './prng';
import { Prose } from './prose';
import { FINDING_OBJECTS, FINDING_VERBS, ORGANISATION_KINDS, QUESTIONS, SYLLABLES, TITLE_OPENERS } from './proseWords';
import { capitalise, kebab, titleCase } from './text';
import { makeVocab } from './vocab';
import { IndexWriter } from './vaultIndexPages';
import { LINK_FORMS, type LinkForm, Linker, PAGE_KINDS, type PageKind, type VaultPage } from './vaultLinks';
import { HEADINGS, type PageCounts, PageWriter } from './vaultPages';

/**
 * A generated vault in the page-per-concept style of real-notes.md §2 (Obsidian, Foam): folders `concepts/`,
 * `sources/`, `findings/`, `entities/`, `questions/` and `debates/` of pages linked by wikilinks in all their
 * forms (vaultLinks.ts), written by vaultPages.ts, plus one big index or log page of 100-200 KB per 1,250
 * pages (vaultIndexPages.ts). Deterministic: the same options give byte-identical files.
 */
export interface VaultOptions {
  /** Pages in all, big pages included. */
  readonly files: number;
  readonly seed: number;
}

export interface VaultStats extends FileSizes, PageCounts {
  readonly pages: Readonly<Record<PageKind | 'big', number>>;
  readonly bigPageBytes: { readonly min: number; readonly max: number };
  /** Every `[[...]]` and `![[...]]` written, broken ones included. */
  readonly links: number;
  readonly linksByForm: Readonly<Record<LinkForm, number>>;
  readonly lookalikes: number;
}

export interface Vault {
  readonly options: VaultOptions;
  readonly files: readonly CorpusFile[];
  readonly stats: VaultStats;
}

/** Each kind's share of the pages that are not big pages; concepts take what rounding leaves. */
const SHARES: readonly (readonly [PageKind, number])[] = [
  ['sources', 0.22], ['findings', 0.14], ['entities', 0.08], ['questions', 0.08], ['debates', 0.08],
];

/** The size each kind of page aims at, in bytes. */
const TARGET_BYTES: Readonly<Record<PageKind, readonly [number, number]>> = {
  concepts: [3500, 8500], sources: [4000, 9000], findings: [2500, 6500], entities: [2000, 5000], questions: [2500, 6000], debates: [4000, 9000],
};

const PAGES_PER_BIG_PAGE = 1250;

interface Plan {
  readonly pages: Record<PageKind, VaultPage[]>;
  readonly terms: readonly string[];
  readonly unwritten: readonly string[];
}

/** A made-up name of 2-3 syllables: `Kalo`, `Renvelmi`. */
function madeUpName(random: Random): string {
  return capitalise(Array.from({ length: int(random, 2, 3) }, () => pick(random, SYLLABLES)).join(''));
}

class Planner {
  readonly #taken = new Set<string>();
  readonly #random: Random;

  constructor(seed: number, files: number) {
    this.#random = seeded(seed, 'vault-plan', files);
  }

  plan(regular: number): Plan {
    const random = this.#random;
    const counts = Object.fromEntries(SHARES.map(([kind, share]) => [kind, Math.max(1, Math.floor(regular * share))])) as Record<PageKind, number>;
    counts.concepts = regular - SHARES.reduce((sum, [kind]) => sum + counts[kind], 0);
    if (counts.concepts < 1) throw new Error(`a vault needs more pages than ${regular}`);
    const vocab = makeVocab(counts.concepts + Math.max(5, Math.round(counts.concepts * 0.05)), int(random, 0, 2 ** 30));
    const terms = vocab.slice(0, counts.concepts);
    const term = (): string => pick(random, terms).toLowerCase();
    const pages = Object.fromEntries(PAGE_KINDS.map((kind) => [kind, [] as VaultPage[]])) as Record<PageKind, VaultPage[]>;
    const add = (kind: PageKind, title: string, name: string, blocks: readonly string[] = []): void => {
      const [min, max] = TARGET_BYTES[kind];
      pages[kind].push({ kind, name: this.#unique(name), title, headings: HEADINGS[kind], blocks, targetBytes: int(random, min, max) });
    };
    for (const concept of terms) add('concepts', chance(random, 0.6) ? titleCase(concept) : concept, kebab(concept), chance(random, 0.25) ? ['key-claim'] : []);
    for (let i = 0; i < counts.sources; i++) {
      const year = int(random, 2015, 2026);
      const first = madeUpName(random);
      const roll = random();
      const [author, name] =
        roll < 0.5 ? [first, `${first}-${year}`] : roll < 0.8 ? [`${first} et al.`, `${first}-et-al-${year}`] : ((second) => [`${first} and ${second}`, `${first}-and-${second}-${year}`])(madeUpName(random));
      add('sources', `${author} (${year}) — ${pick(random, TITLE_OPENERS)} ${term()}`, kebab(name));
    }
    for (let i = 0; i < counts.findings; i++) {
      const title = `${capitalise(term())} ${pick(random, FINDING_VERBS)} ${pick(random, FINDING_OBJECTS)}`;
      const name = kebab(title);
      add('findings', title, name, chance(random, 0.4) ? [`${name.split('-')[0]}-result`, 'caveat'] : [`${name.split('-')[0]}-result`]);
    }
    for (let i = 0; i < counts.entities; i++) {
      const title = chance(random, 0.6) ? `${madeUpName(random)} ${madeUpName(random)}` : `${madeUpName(random)} ${pick(random, ORGANISATION_KINDS)}`;
      add('entities', title, kebab(title));
    }
    for (let i = 0; i < counts.questions; i++) {
      const title = capitalise(pick(random, QUESTIONS).replace('{a}', term()).replace('{b}', term()));
      add('questions', title, kebab(title));
    }
    for (let i = 0; i < counts.debates; i++) {
      const [a, b] = [term(), term()];
      add('debates', `Is ${a} just ${b} in disguise?`, `${kebab(a)}-vs-${kebab(b)}`);
    }
    return { pages, terms, unwritten: vocab.slice(counts.concepts).map(kebab) };
  }

  /** The name, or the name with `-2`, `-3`... when another page has it: bare links must find one page. */
  #unique(name: string): string {
    let unique = name;
    for (let n = 2; this.#taken.has(unique); n++) unique = `${name}-${n}`;
    this.#taken.add(unique);
    return unique;
  }
}

/** Generates a vault in memory. Deterministic: the same options give byte-identical files. */
export function generateVault(options: VaultOptions): Vault {
  if (!Number.isInteger(options.files) || options.files < 10) throw new Error(`a vault needs at least 10 pages, not ${options.files}`);
  const bigPages = Math.max(1, Math.round(options.files / PAGES_PER_BIG_PAGE));
  const plan = new Planner(options.seed, options.files).plan(options.files - bigPages);
  const random = seeded(options.seed, 'vault', options.files);
  const links = new Linker(random, plan.pages, plan.unwritten);
  const writer = new PageWriter(random, links, plan.terms);
  const files: CorpusFile[] = PAGE_KINDS.flatMap((kind) => plan.pages[kind].map((page) => ({ path: `${kind}/${page.name}.md`, text: writer.page(page) })));
  const indexes = new IndexWriter(random, links, new Prose(random), plan.pages);
  const big = Array.from({ length: bigPages }, (_, k) => indexes.page(k, int(random, 100_000, 200_000)));
  files.push(...big);
  const bigSizes = fileSizes(big);
  return {
    options,
    files,
    stats: {
      ...fileSizes(files),
      ...writer.counts,
      pages: { ...(Object.fromEntries(PAGE_KINDS.map((kind) => [kind, plan.pages[kind].length])) as Record<PageKind, number>), big: bigPages },
      bigPageBytes: { min: bigSizes.fileBytes.min, max: bigSizes.fileBytes.max },
      links: links.total(),
      linksByForm: Object.fromEntries(LINK_FORMS.map((form) => [form, links.counts[form]])) as Record<LinkForm, number>,
      lookalikes: indexes.lookalikes,
    },
  };
}
