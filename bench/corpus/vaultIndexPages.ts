import { chance, int, pick, type Random } from './prng';
import { type Prose } from './prose';
import { LOG_ACTIONS, STATUSES } from './proseWords';
import { capitalise, isoDate } from './text';
import { type Linker, PAGE_KINDS, type PageKind, type VaultPage } from './vaultLinks';
import { HEADS, LOOKALIKE, MODIFIERS } from './words';

/** A big page of the vault: its path and text. */
export interface BigPage {
  readonly path: string;
  readonly text: string;
}

/**
 * The big pages of a vault (real-notes.md: "big index and log pages (100-200 KB)"): the map of content
 * (`index.md`, a line per page), the change log (`log.md`, entries that link the pages they touched, with a
 * template in a code block now and then) and topic maps (`maps/*.md`, tables of `[[x\|label]]` links).
 * Each walks the pages from a random place, round again if the vault is small, until it reaches its size.
 */
export class IndexWriter {
  /** Look-alike definitions written in code blocks of the log (they must never become concepts). */
  lookalikes = 0;

  constructor(
    private readonly random: Random,
    private readonly links: Linker,
    private readonly prose: Prose,
    private readonly pages: Readonly<Record<PageKind, readonly VaultPage[]>>,
  ) {}

  /** The `k`-th big page: `index.md`, then `log.md`, then topic maps. */
  page(k: number, targetBytes: number): BigPage {
    if (k === 0) return { path: 'index.md', text: this.#index(targetBytes) };
    if (k === 1) return { path: 'log.md', text: this.#log(targetBytes) };
    const topic = `${pick(this.random, MODIFIERS)} ${pick(this.random, HEADS)}`;
    return { path: `maps/${topic.replace(/\s+/g, '-')}-map-${k}.md`, text: this.#map(topic, targetBytes) };
  }

  #index(targetBytes: number): string {
    const lines = ['---', 'type: index', 'tags: [moc]', `date_modified: ${isoDate(this.random)}`, '---', '', '# Map of content', '', this.prose.paragraph(2, () => undefined)];
    const walkers = PAGE_KINDS.map((kind) => this.#walk(kind));
    for (let k = 0; size(lines) < targetBytes; k = (k + 1) % PAGE_KINDS.length) {
      lines.push('', `## ${capitalise(PAGE_KINDS[k] ?? '')}`);
      const walker = walkers[k];
      for (let line = int(this.random, 80, 160); line > 0 && walker; line--) {
        const page = walker();
        const link = chance(this.random, 0.8) ? this.links.path(page) : this.links.labelled(page, page.title);
        lines.push(`- ${link} — ${this.prose.nounPhrase()}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  #log(targetBytes: number): string {
    const lines = ['---', 'type: log', `date_modified: ${isoDate(this.random)}`, '---', '', '# Log', '', 'Append-only record of what I added and changed, newest first.'];
    const sources = this.#walk('sources');
    const concepts = this.#walk('concepts');
    const any = this.#walk('findings');
    for (let entry = 0; size(lines) < targetBytes; entry++) {
      const source = sources();
      lines.push('', `## [${isoDate(this.random)}] ${pick(this.random, LOG_ACTIONS)} | ${source.title}`, '- Pages created:', `  - ${this.links.path(source)}`);
      for (let n = int(this.random, 1, 3); n > 0; n--) lines.push(`  - ${this.links.path(concepts())}`);
      lines.push('- Pages updated:', `  - ${[concepts(), any(), concepts()].map((page) => this.links.path(page)).join(', ')}`);
      if (chance(this.random, 0.5)) lines.push(`- ${this.prose.sentence(() => (chance(this.random, 0.2) ? this.links.link() : undefined))}`);
      if (entry % 25 === 24) lines.push('', 'The template, for copying:', '', '```markdown', ...Array.from({ length: 2 }, () => this.#lookalike()), '```');
    }
    return `${lines.join('\n')}\n`;
  }

  #map(topic: string, targetBytes: number): string {
    const lines = ['---', 'type: index', `tags: [moc, ${topic.replace(/\s+/g, '-')}]`, '---', '', `# ${capitalise(topic)} map`, '', this.prose.paragraph(2, () => undefined)];
    const concepts = this.#walk('concepts');
    const sources = this.#walk('sources');
    for (let section = 1; size(lines) < targetBytes; section++) {
      lines.push('', `## Part ${section}`, '', '| Concept | Sources | Status |', '|---|---|---|');
      for (let row = 0; row < 40; row++) {
        const cited = Array.from({ length: int(this.random, 1, 3) }, () => this.links.table(sources())).join(', ');
        lines.push(`| ${this.links.table(concepts())} | ${cited} | ${pick(this.random, STATUSES)} |`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  /** The pages of `kind` one after another from a random place, round again at the end. */
  #walk(kind: PageKind): () => VaultPage {
    const pages = this.pages[kind];
    let at = int(this.random, 0, Math.max(0, pages.length - 1));
    return () => {
      const page = pages[at % pages.length];
      at++;
      if (!page) throw new Error(`no ${kind} pages to list`);
      return page;
    };
  }

  #lookalike(): string {
    this.lookalikes++;
    return `* **${LOOKALIKE} ${pick(this.random, MODIFIERS)} ${pick(this.random, HEADS)}**: ${this.prose.nounPhrase()}.`;
  }

}

/** Characters so far (about the bytes: the text is ASCII). */
function size(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0);
}
