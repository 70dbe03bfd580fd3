import { type Linker, type PageKind, type VaultPage } from './vaultLinks';
import { chance, int, pick, type Random } from './prng';
import { type Fill, Prose } from './prose';
import {
  ADJECTIVES,
  ANSWER_LABELS,
  ARGUMENT_LABELS,
  ATTRIBUTIONS,
  CALLOUT_TITLES,
  CALLOUTS,
  CLASSIFICATIONS,
  FINDING_LABELS,
  NOUNS,
  RELATION_VERBS,
  RELATIONS,
  STATUSES,
  VENUES,
} from './proseWords';
import { isoDate } from './text';
import { aliasOf } from './vocab';
import { HEADS } from './words';

/** What the page writer counts besides links. */
export interface PageCounts {
  attributedDefinitions: number;
  glossaryDefinitions: number;
  callouts: number;
  tables: number;
  orderedLists: number;
  footnotes: number;
  blockIds: number;
  tasks: number;
  mentions: number;
}

/** The `##` headings of each kind of page, in page order; `Notes` holds the filler that brings a page to size. */
export const HEADINGS: Readonly<Record<PageKind, readonly string[]>> = {
  concepts: ['Definitions', 'Classification', 'Relationships', 'Notes', 'Open questions'],
  sources: ['Key claims', 'Methodology', 'Key terms', 'Limitations', 'Notes', 'Concepts referenced'],
  findings: ['The finding', 'Replication status', 'Implications', 'Notes'],
  entities: ['Profile', 'Key contributions', 'Conceptual framework', 'Notes'],
  questions: ['Why it matters', 'What sources say', 'Notes', 'To do'],
  debates: ['The disagreement', 'Arguments', 'Synthesis', 'Notes'],
};

const TYPES: Readonly<Record<PageKind, string>> = {
  concepts: 'concept', sources: 'source', findings: 'finding', entities: 'entity', questions: 'question', debates: 'debate',
};

/** The author and year of a source page, from its title: `Kalo et al. (2024) — Measuring ...`. */
function authorAndYear(title: string): { author: string; year: string } {
  const [, author = '', year = ''] = /^(.*) \((\d{4})\)/.exec(title) ?? [];
  return { author, year };
}

/**
 * Writes the pages of a vault in the page-per-concept style of real-notes.md §2: YAML front matter, an H1
 * title (sometimes after a callout, sometimes missing or in front matter), attributed definition bullets,
 * relation bullets, tables, callouts, ordered lists, footnotes, block ids, tasks and prose with links and
 * unlinked mentions of concepts. Every page ends up a little over its target size.
 */
export class PageWriter {
  readonly counts: PageCounts = {
    attributedDefinitions: 0, glossaryDefinitions: 0, callouts: 0, tables: 0, orderedLists: 0, footnotes: 0, blockIds: 0, tasks: 0, mentions: 0,
  };
  readonly #prose: Prose;
  /** Each page's footnote texts, written at its end. */
  #footnotes: string[] = [];

  constructor(
    private readonly random: Random,
    private readonly links: Linker,
    /** Concept terms, for glossary bullets and unlinked mentions. */
    private readonly terms: readonly string[],
  ) {
    this.#prose = new Prose(random);
  }

  page(page: VaultPage): string {
    this.#footnotes = [];
    const sections = this.#sections(page);
    const head = [this.#frontMatter(page), ...this.#opening(page)];
    const fixed = [...head, ...page.headings.map((heading) => `## ${heading}`), ...Object.values(sections).flat()];
    sections.Notes = this.#fill(page.targetBytes - fixed.join('\n\n').length);
    const blocks = [...head, ...page.headings.flatMap((heading) => [`## ${heading}`, ...(sections[heading] ?? [])]), ...this.#footnotes];
    return `${blocks.join('\n\n')}\n`;
  }

  #frontMatter(page: VaultPage): string {
    const random = this.random;
    const tags = Array.from({ length: int(random, 1, 3) }, () => pick(random, HEADS));
    const lines = ['---', `type: ${TYPES[page.kind]}`, `tags: [${[...new Set(tags)].join(', ')}]`];
    if (page.kind === 'concepts' && chance(random, 0.5)) lines.push(`aliases: [${aliasOf(random, page.title)}]`);
    if (page.kind === 'concepts' && chance(random, 0.05)) lines.push(`title: ${page.title}`);
    lines.push(`date_created: ${isoDate(this.random)}`);
    if (chance(random, 0.4)) lines.push(`date_modified: ${isoDate(this.random)}`);
    lines.push(`status: ${pick(random, STATUSES)}`);
    if (page.kind === 'sources') lines.push(`year: ${authorAndYear(page.title).year}`);
    return [...lines, '---'].join('\n');
  }

  /** The title: an H1, after a callout on some pages, missing on a few (the file name is then the title). */
  #opening(page: VaultPage): string[] {
    const random = this.random;
    const roll = random();
    if (roll < 0.03) return [this.#paragraph(1, 2)];
    const title = `# ${page.title}`;
    const intro = this.#paragraph(1, 3);
    return roll < 0.1 ? [this.#callout(), title, intro] : [title, intro];
  }

  /** The fixed sections of each kind of page, by heading. */
  #sections(page: VaultPage): Record<string, string[]> {
    const random = this.random;
    const list = (min: number, max: number, item: () => string): string => Array.from({ length: int(random, min, max) }, item).join('\n');
    const blockParagraph = (): string[] =>
      page.blocks.map((block) => {
        this.counts.blockIds++;
        return `${this.#paragraph(2, 4)} ^${block}`;
      });
    switch (page.kind) {
      case 'concepts':
        return {
          Definitions: [list(2, 4, () => this.#attributedDefinition())],
          Classification: [this.#callout(), `Level of analysis: **${pick(random, ADJECTIVES)}, ${pick(random, NOUNS)}**. ${this.#paragraph(2, 4)}`, ...blockParagraph()],
          Relationships: [
            list(3, 6, () => this.#relation()),
            ...(chance(random, 0.4) ? [this.links.embed(this.links.target('findings') ?? page)] : []),
            ...(chance(random, 0.6) ? [this.#table(['Source', 'Framing', 'Measured?'], 'sources')] : []),
          ],
          'Open questions': [list(2, 4, () => this.#task())],
        };
      case 'sources':
        return {
          'Key claims': [this.#sourceFacts(page), list(3, 5, () => `- ${this.#sentence()} (§${int(random, 1, 9)})`)],
          Methodology: [this.#paragraph(3, 5)],
          'Key terms': [list(1, 3, () => this.#glossaryDefinition())],
          Limitations: [this.#paragraph(2, 4)],
          'Concepts referenced': [list(2, 5, () => `- ${this.links.path(this.links.target('concepts') ?? page)}`)],
        };
      case 'findings':
        return {
          'The finding': [...blockParagraph(), list(2, 3, () => `- **${pick(random, FINDING_LABELS)}**: ${this.#sentence()}`)],
          'Replication status': [this.#paragraph(1, 3)],
          Implications: [this.#paragraph(2, 4)],
        };
      case 'entities':
        return {
          Profile: [this.#paragraph(2, 4)],
          'Key contributions': [list(2, 5, () => `- ${this.#sentence()}`)],
          'Conceptual framework': [this.#paragraph(1, 3)],
        };
      case 'questions':
        return {
          'Why it matters': [this.#paragraph(2, 3)],
          'What sources say': [list(2, 4, () => `- **${pick(random, ANSWER_LABELS)}**: ${this.#sentence()}`)],
          'To do': [list(2, 4, () => this.#task())],
        };
      case 'debates':
        return {
          'The disagreement': [this.#paragraph(2, 3)],
          Arguments: Array.from({ length: int(random, 2, 3) }, (_, k) =>
            [`### Position ${k + 1}: ${this.#prose.nounPhrase()}`, list(2, 4, () => `- **${pick(random, ARGUMENT_LABELS)}**: ${this.#sentence()}`)].join('\n\n'),
          ),
          Synthesis: [this.#paragraph(2, 4)],
        };
    }
  }

  /** Paragraphs, lists and callouts until `bytes` are written (at least one block). */
  #fill(bytes: number): string[] {
    const random = this.random;
    const blocks: string[] = [];
    let written = 0;
    while (blocks.length === 0 || written < bytes) {
      const roll = random();
      let block: string;
      if (roll < 0.45) block = this.#paragraph(3, 7);
      else if (roll < 0.55) block = this.#footnoted();
      else if (roll < 0.68) block = Array.from({ length: int(random, 2, 5) }, () => `- ${this.#sentence()}`).join('\n');
      else if (roll < 0.8) block = this.#orderedList();
      else if (roll < 0.9) block = this.#callout();
      else block = this.#table(['Page', 'Note'], 'concepts');
      blocks.push(block);
      written += block.length + 2;
    }
    return blocks;
  }

  /** `- **[[sources/x]]** (origin): "..." (§2).` or `- **[[sources/x|Label]]**: ... — classified as: **...**` */
  #attributedDefinition(): string {
    const random = this.random;
    this.counts.attributedDefinitions++;
    const source = this.links.target('sources');
    if (!source) return `- ${this.#sentence()}`;
    if (chance(random, 0.5)) return `- **${this.links.path(source)}** (${pick(random, ATTRIBUTIONS)}): "${this.#sentence().replace(/\.$/, '')}" (§${int(random, 1, 9)}).`;
    return `- **${this.links.labelled(source, source.title.split(' (')[0] ?? source.title)}**: ${this.#sentence().replace(/\.$/, '')} — classified as: **${pick(random, CLASSIFICATIONS)}**`;
  }

  /** `* **Term**: text` under a source's `Key terms`: a glossary definition of a concept. */
  #glossaryDefinition(): string {
    this.counts.glossaryDefinitions++;
    return `* **${pick(this.random, this.terms)}**: ${this.#sentence()}`;
  }

  /** `- Related to: [[concepts/y]] (why)`, `- **Builds on**: [[y]]` or `- See [[x#Heading]] and [[y]].` */
  #relation(): string {
    const random = this.random;
    const roll = random();
    if (roll < 0.6) return `- ${pick(random, RELATIONS)}: ${this.links.link('concepts')}${chance(random, 0.5) ? ` (${this.#prose.nounPhrase()} ${pick(random, RELATION_VERBS)})` : ''}`;
    if (roll < 0.85) return `- **${pick(random, RELATIONS)}**: ${this.links.link('concepts')}`;
    return `- See ${this.links.link()} and ${this.links.link()}.`;
  }

  /** A table whose first column links to pages of `kind` with `[[x\|label]]`. */
  #table(header: readonly string[], kind: PageKind): string {
    const random = this.random;
    this.counts.tables++;
    const rows = Array.from({ length: int(random, 2, 4) }, () =>
      header.map((_, column) => {
        if (column === 0) {
          const target = this.links.target(kind);
          return target ? this.links.table(target) : this.#prose.nounPhrase();
        }
        return this.#prose.nounPhrase();
      }),
    );
    return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  }

  /** A source's `| Field | Value |` table: author and year (from its title, `Kalo et al. (2024) — ...`), venue. */
  #sourceFacts(page: VaultPage): string {
    this.counts.tables++;
    const { author, year } = authorAndYear(page.title);
    const rows = [['Author', author], ['Year', year], ['Venue', pick(this.random, VENUES)]];
    return [['Field', 'Value'], ['---', '---'], ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  }

  #callout(): string {
    const random = this.random;
    this.counts.callouts++;
    const lines = [`> [!${pick(random, CALLOUTS)}] ${pick(random, CALLOUT_TITLES)}`, `> ${this.#paragraph(1, 3)}`];
    if (chance(random, 0.3)) lines.push('>', `> ${this.#sentence()}`);
    return lines.join('\n');
  }

  #orderedList(): string {
    this.counts.orderedLists++;
    return Array.from({ length: int(this.random, 2, 5) }, (_, k) => `${k + 1}. ${this.#sentence()}`).join('\n');
  }

  /** A paragraph with a footnote reference; the note itself goes to the end of the page. */
  #footnoted(): string {
    this.counts.footnotes++;
    const label = this.#footnotes.length + 1;
    this.#footnotes.push(`[^${label}]: ${this.#sentence()}`);
    return `${this.#paragraph(1, 3)}[^${label}] ${this.#paragraph(1, 3)}`;
  }

  #task(): string {
    this.counts.tasks++;
    return `- [${chance(this.random, 0.3) ? 'x' : ' '}] ${this.#sentence()}`;
  }

  #paragraph(min: number, max: number): string {
    return this.#prose.paragraph(int(this.random, min, max), this.#slotFill);
  }

  #sentence(): string {
    return this.#prose.sentence(this.#slotFill);
  }

  /** Noun-phrase slots: 7% a link, 8% an unlinked mention of a concept, else plain words. */
  readonly #slotFill: Fill = () => {
    const roll = this.random();
    if (roll < 0.07) return this.links.link();
    if (roll < 0.15) {
      this.counts.mentions++;
      return pick(this.random, this.terms).toLowerCase();
    }
    return undefined;
  };

}
