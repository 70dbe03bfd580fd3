import { chance, int, pick, type Random } from './prng';
import { titleCase } from './text';

export const PAGE_KINDS = ['concepts', 'sources', 'findings', 'entities', 'questions', 'debates'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** A planned vault page: what links to it need to know before any page is written. */
export interface VaultPage {
  readonly kind: PageKind;
  /** File name without `.md`, unique in the whole vault: `goal-drift`. */
  readonly name: string;
  readonly title: string;
  /** Its `##` headings, every one written on the page. */
  readonly headings: readonly string[];
  /** Its block ids (`^key-claim`), every one written on the page. */
  readonly blocks: readonly string[];
  readonly targetBytes: number;
}

export const LINK_FORMS = ['path', 'bare', 'labelled', 'heading', 'block', 'embed', 'table', 'broken'] as const;
export type LinkForm = (typeof LINK_FORMS)[number];

/** Which kinds a link in running text leads to, by weight. */
const TARGET_WEIGHTS: readonly (readonly [PageKind, number])[] = [
  ['concepts', 0.5], ['sources', 0.2], ['findings', 0.12], ['entities', 0.06], ['questions', 0.06], ['debates', 0.06],
];

/**
 * Writes the wikilinks of a vault in all their forms and counts them: `[[concepts/x]]`, `[[x]]` (sometimes
 * in another case), `[[x|label]]`, `[[x#Heading]]`, `[[x#^block]]`, `![[x]]`, `[[x\|label]]` in tables and
 * links to pages never written. Targets are skewed towards the first pages of each kind, so some pages
 * collect many backlinks, as popular concepts do.
 */
export class Linker {
  readonly counts = Object.fromEntries(LINK_FORMS.map((form) => [form, 0])) as Record<LinkForm, number>;

  constructor(
    private readonly random: Random,
    private readonly pages: Readonly<Record<PageKind, readonly VaultPage[]>>,
    /** Names of pages that were never written. */
    private readonly unwritten: readonly string[],
  ) {}

  /** A page of `kind` (or of a kind drawn by weight), skewed towards the first. */
  target(kind?: PageKind): VaultPage | undefined {
    const random = this.random;
    let chosen = kind;
    if (chosen === undefined) {
      let roll = random();
      chosen = 'concepts';
      for (const [candidate, weight] of TARGET_WEIGHTS) {
        if (roll < weight && this.pages[candidate].length > 0) {
          chosen = candidate;
          break;
        }
        roll -= weight;
      }
    }
    const pages = this.pages[chosen];
    return pages[Math.floor(pages.length * random() ** 2)];
  }

  /** A link in running text: any form but embeds and tables; 1.5% lead to a page never written. */
  link(kind?: PageKind): string {
    const random = this.random;
    const target = this.target(kind);
    if (!target || (chance(random, 0.015) && this.unwritten.length > 0)) return this.broken();
    const roll = random();
    if (roll < 0.42) return this.path(target);
    if (roll < 0.6) {
      this.counts.bare++;
      return `[[${chance(random, 0.1) ? titleCase(target.name) : target.name}]]`;
    }
    if (roll < 0.76) return this.labelled(target, chance(random, 0.7) ? target.title : target.title.toLowerCase());
    if (roll < 0.94 || target.blocks.length === 0) {
      this.counts.heading++;
      return `[[${this.#address(target)}#${pick(random, target.headings)}]]`;
    }
    this.counts.block++;
    return `[[${this.#address(target)}#^${pick(random, target.blocks)}]]`;
  }

  path(target: VaultPage): string {
    this.counts.path++;
    return `[[${target.kind}/${target.name}]]`;
  }

  labelled(target: VaultPage, label: string): string {
    this.counts.labelled++;
    return `[[${this.#address(target)}|${label}]]`;
  }

  /** A labelled link in a table cell, its `|` escaped. */
  table(target: VaultPage): string {
    this.counts.table++;
    return `[[${target.kind}/${target.name}\\|${target.title}]]`;
  }

  embed(target: VaultPage): string {
    this.counts.embed++;
    return `![[${this.#address(target)}]]`;
  }

  broken(): string {
    this.counts.broken++;
    const name = pick(this.random, this.unwritten);
    return chance(this.random, 0.5) ? `[[concepts/${name}]]` : `[[${name}]]`;
  }

  total(): number {
    return LINK_FORMS.reduce((sum, form) => sum + this.counts[form], 0);
  }

  /** By folder path from the vault root (70%) or by bare name. */
  #address(target: VaultPage): string {
    return int(this.random, 0, 9) < 7 ? `${target.kind}/${target.name}` : target.name;
  }
}
