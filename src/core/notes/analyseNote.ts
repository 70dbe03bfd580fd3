import type { Heading as MdHeading, LinkReference, List, ListItem, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { slugHeadings } from '../citations/headingSlugs';
import { isCitation } from '../citations/isCitation';
import type { Citation, Heading } from '../model';
import { nameAndAcronym } from '../concepts/acronyms';
import { blockText, collapse, offsetOf } from '../parse/plainText';
import { plainBlocks } from '../parse/plainReading';
import { parseMarkdown, parseMarkdownFragment } from '../parse/processor';
import { toRange } from '../parse/position';
import { SimpleMarkdown } from '../parse/simpleMarkdown';
import { walk } from '../parse/walk';
import { DEFINITION_SECTION, firstParagraphOf, readPageFacts, SECTION_LIMIT } from '../pages/pageFacts';
import { hasWords, type Opening, readOpening } from './definitionOpening';
import { type Chunk, splitChunks } from './chunks';
import { InlineBudget } from './inlineBudget';
import { withWikiLinks } from './wikiLinkRefs';
import type { WikiLink } from '../parse/wikiLink';
import type { BlockId, NoteAnalysis, NoteDefinition, PageFacts, ParagraphProblem } from './noteAnalysis';

/**
 * The sections of a typed vault page (`type: source`, `finding`, `entity`) whose bold bullets are glossary
 * terms; elsewhere on such a page they are labels: `**Model**: Llama-3-8B`, `**Dataset**:`, key claims.
 */
const GLOSSARY_SECTION = /^(?:key )?(?:terms?|terminology|vocabulary|glossary|concepts|definitions?)(?: (?:used|introduced|defined))?\s*:?$/i;
/**
 * Sections of any typed vault page (concept pages too) whose bold bullets are labels of evidence, claims and
 * caveats (`**Theoretical**:`, `**Empirical support (partial)**:`), never glossary terms.
 */
const LABEL_SECTION =
  /^(?:evidence|limitations?|open questions?|relationships?|related|classification|implications?|caveats?|criticisms?|(?:key )?claims?|results?|findings?|methods?|methodology|setup|design|experiments?|status|sources|references|see also|notes|log|history|timeline|discussion|(?:counter)?arguments?|objections?|examples?|desiderata|conditions)\b/i;
/** Longest definition text taken from the block under a concept heading. */
const HEADING_DEFINITION_LENGTH = 500;

interface Context {
  readonly parent?: number;
  readonly group?: string;
}

/** A nested bullet's markdown, its continuation lines moved left by the bullet's own indent, to render as a list. */
function outdented(source: string, item: ListItem): string {
  const indent = (item.position?.start.column ?? 1) - 1;
  const text = source.slice(offsetOf(item, 'start'), offsetOf(item, 'end'));
  return indent === 0 ? text : text.replace(new RegExp(`(\\n|\\r\\n?) {0,${indent}}`, 'g'), '$1');
}

/** Walks a note's blocks in order, keeping the heading trail and the concept each block sits under. */
class DefinitionCollector {
  readonly definitions: NoteDefinition[] = [];
  readonly #trail: { depth: number; text: string; concept?: number }[] = [];
  /** The trail's texts, shared by the definitions under the same headings until the trail changes. */
  #trailTexts: readonly string[] | undefined;

  constructor(
    private readonly source: string,
    private readonly links: (from: number, to: number) => Citation[],
    /** The front matter's `type`, lower-case: `concept`, `source`, `finding`. */
    private readonly pageType: string | undefined,
  ) {}

  blocks(nodes: readonly RootContent[], context: Context): void {
    nodes.forEach((node, index) => {
      if (node.type === 'heading') this.#heading(node, nodes[index + 1]);
      else if (node.type === 'list') this.#list(node, context);
      else if (node.type === 'blockquote') this.blocks(node.children, context);
    });
  }

  /** The concept of the nearest enclosing concept heading, if any. */
  #headingConcept(): number | undefined {
    for (let i = this.#trail.length - 1; i >= 0; i--) {
      const concept = this.#trail[i]?.concept;
      if (concept !== undefined) return concept;
    }
    return undefined;
  }

  #heading(node: MdHeading, next: RootContent | undefined): void {
    while ((this.#trail.at(-1)?.depth ?? 0) >= node.depth) this.#trail.pop();
    this.#trailTexts = undefined;
    const text = collapse(toString(node));
    // An H1 is a page's title (see `pageTitle`), not a glossary heading.
    const match = node.depth > 1 ? nameAndAcronym(text) : undefined;
    let concept: number | undefined;
    if (match && node.position) {
      const { name: term, acronym } = match;
      // The definition is the block after the heading; of a list, its first item.
      const block = next?.type === 'list' ? next.children[0] : next?.type === 'heading' ? undefined : next;
      const body = block ? blockText(block).slice(0, HEADING_DEFINITION_LENGTH) : '';
      const markdown = block?.position ? this.source.slice(offsetOf(block, 'start'), offsetOf(block, 'end')) : '';
      const start = node.children[0]?.position?.start ?? node.position.start;
      concept = this.definitions.length;
      this.definitions.push({
        term,
        aliases: [acronym],
        style: 'heading',
        text: body,
        markdown: markdown.slice(0, HEADING_DEFINITION_LENGTH * 2),
        termRange: toRange({ start, end: { line: start.line, column: start.column + term.length } }),
        range: toRange(node.position),
        ...(this.#headingConcept() === undefined ? {} : { parent: this.#headingConcept() }),
        headingTrail: this.#trailTexts ??= this.#trail.map((entry) => entry.text),
        citations: [],
      });
    }
    this.#trail.push({ depth: node.depth, text, ...(concept === undefined ? {} : { concept }) });
    this.#trailTexts = undefined;
  }

  #list(list: List, context: Context): void {
    for (const item of list.children) this.#item(item, context);
  }

  /**
   * Whether bold bullets here are glossary terms. On notes without a front-matter `type` (course notes,
   * Foam pages): everywhere. On a typed vault page: not under a section of evidence, claims or caveats;
   * and on a page of another type than concept (a source, a finding), only under a glossary section.
   */
  #glossaryHere(): boolean {
    if (this.pageType === undefined) return true;
    if (LABEL_SECTION.test(this.#trail.at(-1)?.text ?? '')) return false;
    return this.pageType === 'concept' || this.#trail.some((entry) => GLOSSARY_SECTION.test(entry.text));
  }

  /** The opening of a definition bullet: a bold (or, under a concept, italic) term with a body, inline or nested. */
  #opening(item: ListItem, underConcept: boolean): Opening | undefined {
    const first = item.children[0];
    if (first?.type !== 'paragraph' || !this.#glossaryHere()) return undefined;
    const opening = readOpening(first, 'strong') ?? (underConcept ? readOpening(first, 'emphasis') : undefined);
    // A term with nothing after it and nothing nested is a mention, not a definition.
    return opening && (!opening.empty || item.children.length > 1) ? opening : undefined;
  }

  #item(item: ListItem, context: Context): void {
    const first = item.children[0];
    const parent = context.parent ?? this.#headingConcept();
    const opening = this.#opening(item, parent !== undefined);
    if (!first || first.type !== 'paragraph' || !opening || !first.position) {
      const group = first?.type === 'paragraph' ? collapse(toString(first)) : undefined;
      this.blocks(item.children, group ? { ...context, group } : context);
      return;
    }
    const nested = opening.empty ? this.#nestedBody(item) : undefined;
    if (nested && !nested.defines) {
      this.blocks(item.children, context); // only links nested under it: a relation list, not a definition
      return;
    }
    const index = this.definitions.length;
    const end = offsetOf(first, 'end');
    const termPosition = {
      start: opening.termNode.position?.start ?? first.position.start,
      end: opening.termNode.position?.end ?? first.position.end,
    };
    // Built field by field, not with spreads: this runs for every definition of every note.
    const definition: { -readonly [K in keyof NoteDefinition]: NoteDefinition[K] } = {
      term: opening.term,
      aliases: opening.aliases,
      style: opening.termNode.type === 'emphasis' ? 'italic' : 'bold',
      text: nested ? nested.text : collapse(opening.body.length === 1 ? toString(opening.body[0]) : opening.body.map((node) => toString(node)).join('')),
      markdown: nested ? nested.markdown : this.source.slice(opening.bodyStart, end).trim(),
      termRange: innerRange(opening.termNode) ?? toRange(termPosition),
      range: toRange(first.position),
      headingTrail: (this.#trailTexts ??= this.#trail.map((entry) => entry.text)),
      citations: this.links(offsetOf(first, 'start'), nested ? offsetOf(item, 'end') : end),
    };
    if (parent !== undefined) definition.parent = parent;
    if (context.group !== undefined && context.parent === undefined) definition.group = context.group;
    this.definitions.push(definition);
    if (item.children.length > 1) this.blocks(item.children.slice(1), { parent: index });
  }

  /**
   * The definition written as the bullets under `* **RLHF:**`: the nested blocks that are not definitions
   * themselves (those are child concepts, listed as children). `defines` is false when they hold only links,
   * and there is no child definition either.
   */
  #nestedBody(item: ListItem): { text: string; markdown: string; defines: boolean } {
    const plain: Nodes[] = [];
    const markdown: string[] = [];
    let children = false;
    for (const block of item.children.slice(1)) {
      if (block.type !== 'list') {
        plain.push(block);
        markdown.push(this.source.slice(offsetOf(block, 'start'), offsetOf(block, 'end')));
        continue;
      }
      for (const nested of block.children) {
        if (this.#opening(nested, true)) {
          children = true;
          continue;
        }
        plain.push(nested);
        markdown.push(outdented(this.source, nested));
      }
    }
    const text = collapse(plain.map(blockText).join(' '));
    return { text, markdown: markdown.join('\n'), defines: children || hasWords(plain) };
  }
}

/** `^abc-123` ending a paragraph: an Obsidian block id. */
const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/;

/** The range of a strong or emphasis node's text, without its `**` or `*` markers. */
function innerRange(node: PhrasingContent): ReturnType<typeof toRange> | undefined {
  if (!('children' in node)) return undefined;
  const start = node.children[0]?.position?.start;
  const end = node.children.at(-1)?.position?.end;
  return start && end ? toRange({ start, end }) : undefined;
}

/** Collects the prose offsets: text nodes, joined across emphasis markers so `inner *misalignment*` stays one run. */
function proseOf(tree: Root, source: string): number[] {
  const runs: number[] = [];
  walk(tree, (node) => {
    if (node.type !== 'text') return;
    const start = offsetOf(node, 'start');
    const end = offsetOf(node, 'end');
    if (end <= start) return;
    const lastEnd = runs.at(-1);
    if (lastEnd !== undefined && /^[*_~]*$/.test(source.slice(lastEnd, start))) runs[runs.length - 1] = end;
    else runs.push(start, end);
  });
  return runs;
}

/** Moves the positions of a chunk's tree to where the chunk sits in its note. */
function shiftPositions(tree: Root, line: number, offset: number): void {
  walk(tree, (node) => {
    const position = node.position;
    if (!position) return;
    node.position = {
      start: { ...position.start, line: position.start.line + line, offset: (position.start.offset ?? 0) + offset },
      end: { ...position.end, line: position.end.line + line, offset: (position.end.offset ?? 0) + offset },
    };
  });
}

/**
 * Adds the citations written by reference (`[[Unit 2]][u2]`, `[Unit 2][]`, `[Unit 2]` with `[u2]: url` elsewhere
 * in the note): a reference link is read as the inline link it stands for, with its definition's URL. The
 * parser makes a `linkReference` only where its label is defined, so one without a definition here is none.
 */
function addReferenceCitations(links: { link: Citation; start: number }[], references: readonly LinkReference[], definitions: ReadonlyMap<string, string>): void {
  for (const node of references) {
    const url = definitions.get(node.identifier);
    const label = toString(node);
    if (url === undefined || !node.position || !isCitation(label, url)) continue;
    links.push({ link: { label, url, range: toRange(node.position) }, start: offsetOf(node, 'start') });
  }
  links.sort((a, b) => a.start - b.start);
}

/** Definitions, headings and citations of a parsed note (or of the parsed chunks of one). */
function extract(tree: Root, source: string): Omit<NoteAnalysis, 'prose'> {
  const links: { link: Citation; start: number }[] = [];
  const references: LinkReference[] = [];
  /** Link reference definitions by identifier: the first of a label wins, as in CommonMark. */
  const definitions = new Map<string, string>();
  const headingNodes: MdHeading[] = [];
  const wikiLinks: WikiLink[] = [];
  const blocks: BlockId[] = [];
  walk(tree, (node) => {
    if (node.type === 'link' && node.position && isCitation(toString(node), node.url)) {
      links.push({ link: { label: toString(node), url: node.url, range: toRange(node.position) }, start: offsetOf(node, 'start') });
    } else if (node.type === 'linkReference' && node.position) references.push(node);
    else if (node.type === 'definition') {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    } else if (node.type === 'heading' && node.position) headingNodes.push(node);
    else if (node.type === 'wikiLink' && node.position) wikiLinks.push(node);
    else if (node.type === 'paragraph' && node.position) {
      const last = node.children.at(-1);
      const id = last?.type === 'text' ? BLOCK_ID.exec(last.value)?.[1] : undefined;
      if (id) blocks.push({ id, range: toRange(node.position) });
    }
  });
  if (references.length > 0) addReferenceCitations(links, references, definitions);
  const linksBetween = (from: number, to: number): Citation[] =>
    links.filter(({ start }) => start >= from && start < to).map(({ link }) => link);
  const page = readPageFacts(tree.children, source);
  const collector = new DefinitionCollector(source, linksBetween, page?.frontMatter?.type?.toLowerCase());
  collector.blocks(tree.children, {});
  const texts = headingNodes.map((node) => collapse(toString(node)));
  const slugs = slugHeadings(texts);
  const headings: Heading[] = headingNodes.map((node, i) => ({
    text: texts[i] ?? '',
    depth: node.depth,
    slug: slugs[i] ?? '',
    range: toRange(node.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }),
  }));
  const found: Analysed = { definitions: collector.definitions, headings, citations: links.map(({ link }) => link), blocks };
  if (page) found.page = page;
  return withWikiLinks(found, source, wikiLinks);
}

/**
 * An analysis being put together, its parts set one by one on the one object: spread into a new one, it would
 * read its wikilinks at once (see `withWikiLinks`).
 */
type Analysed = Pick<NoteAnalysis, 'definitions' | 'headings' | 'citations' | 'blocks'> & { page?: PageFacts };

/**
 * The reference analysis: remark parses the whole note. Used for notes the fast path cannot cut safely (within
 * the inline budget), and, with no budget, by the tests that hold the fast path to it.
 */
export function analyseNoteWhole(source: string): NoteAnalysis {
  const tree = parseMarkdown(source);
  return Object.assign(extract(tree, source), { prose: proseOf(tree, source) });
}

/**
 * The note's chunks, or undefined to parse it whole: when it cannot be cut safely (see `splitChunks`) and its
 * paragraphs are within the inline budget. Past the budget such a note is cut all the same, so only its complex
 * paragraphs are read plainly, not all of it.
 */
function chunksOf(source: string): Chunk[] | undefined {
  const chunks = splitChunks(source);
  if (chunks || !new InlineBudget().check(source, 0, source.length, 0)) return chunks;
  return splitChunks(source, true);
}

/**
 * The blocks of one chunk, positioned in the note, when remark is not needed: read plainly when over the inline
 * budget, or by the plain-subset parser when the chunk is inside its subset.
 */
function readWithoutRemark(source: string, chunk: Chunk): RootContent[] | undefined {
  if (chunk.plain) return plainBlocks(source, chunk.start, chunk.end, chunk.line);
  return chunk.frontMatter ? frontMatterNode(source, chunk) : SimpleMarkdown.parse(source, chunk.start, chunk.end, chunk.line, chunk.footnotes);
}

/** The blocks of `source.slice(first.start, last.end)` (one chunk, or consecutive ones) by remark, positioned in the note. */
function parseWithRemark(source: string, first: Chunk, last: Chunk): RootContent[] {
  const slice = source.slice(first.start, last.end);
  // Footnote calls resolve only against definitions: the note's, as stubs after the chunk, dropped again.
  const text = first.footnotes === undefined ? slice : `${slice}\n\n${first.footnotes.map((label) => `[^${label}]: .`).join('\n\n')}`;
  const tree = first.start === 0 ? parseMarkdown(text) : parseMarkdownFragment(text);
  if (first.footnotes !== undefined) tree.children = tree.children.filter((node) => (node.position?.start.offset ?? 0) < slice.length);
  shiftPositions(tree, first.line, first.start);
  return tree.children;
}

/** The blocks of one chunk, positioned in the note (see `ChunkReader` for many). */
function parseChunk(source: string, chunk: Chunk): RootContent[] {
  return readWithoutRemark(source, chunk) ?? parseWithRemark(source, chunk, chunk);
}

/** Most chunks one remark call reads: its set-up costs as much as reading a short paragraph (docs/RELIABILITY.md). */
const GROUP_CHUNKS = 64;
/** Most characters one remark call reads for a group of chunks, so the group's cost stays that of its paragraphs. */
const GROUP_LENGTH = 16_000;
/** A chunk opening with a list item, which a list ending the chunk before it would take in. */
const OPENS_LIST = /^(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Reads a note's chunks, each at most once. remark's set-up for one call costs about as much as reading a short
 * paragraph, so a run of consecutive chunks the plain subset refuses (and which are wanted) goes to remark in
 * one call: cut where no block can be open, they read the same together as apart, except that a list would take
 * in the items of a chunk after it, so a chunk opening with a list item starts a call of its own. Without this a
 * note of 20,000 short paragraphs with a stray `[` took remark 20,000 calls, about 7 s.
 */
class ChunkReader {
  readonly #read = new Map<number, RootContent[]>();

  constructor(
    private readonly source: string,
    private readonly chunks: readonly Chunk[],
    /** Whether a chunk will be read: only those join a group. */
    private readonly wanted: (index: number) => boolean,
  ) {}

  blocks(index: number): RootContent[] {
    const known = this.#read.get(index);
    if (known) return known;
    const chunk = this.chunks[index];
    if (!chunk) return [];
    const simple = readWithoutRemark(this.source, chunk);
    if (simple) {
      this.#read.set(index, simple);
      return simple;
    }
    let last = index;
    while (last + 1 - index < GROUP_CHUNKS && chunk.footnotes === undefined && !chunk.frontMatter) {
      const next = this.chunks[last + 1];
      if (!next || !this.wanted(last + 1) || next.frontMatter || next.plain || next.footnotes !== undefined || next.end - chunk.start > GROUP_LENGTH) break;
      if (OPENS_LIST.test(this.source.slice(next.start, next.start + 12))) break;
      const alone = readWithoutRemark(this.source, next);
      if (alone) {
        this.#read.set(last + 1, alone);
        break;
      }
      last++;
    }
    const blocks = parseWithRemark(this.source, chunk, this.chunks[last] ?? chunk);
    for (let k = index; k <= last; k++) {
      const { start, end } = this.chunks[k] ?? chunk;
      this.#read.set(k, k === index && k === last ? blocks : blocks.filter((block) => offsetOf(block, 'start') >= start && offsetOf(block, 'start') < end));
    }
    return this.#read.get(index) ?? [];
  }
}

/**
 * The front matter chunk as remark-frontmatter reads it, without a parse: a `yaml` node holding the lines
 * between the fences. Only for fences that are exactly `---` and `\n` line ends; others go to remark.
 */
function frontMatterNode(source: string, chunk: Chunk): RootContent[] | undefined {
  const chunkText = source.slice(chunk.start, chunk.end);
  const text = chunkText.endsWith('\n') ? chunkText.slice(0, -1) : chunkText;
  if (chunk.start !== 0 || text.includes('\r') || !text.startsWith('---\n') || !text.endsWith('\n---')) return undefined;
  const lines = text.split('\n');
  const end = { line: lines.length, column: 4, offset: text.length };
  return [{ type: 'yaml', value: lines.slice(1, -1).join('\n'), position: { start: { line: 1, column: 1, offset: 0 }, end } }];
}

/** The prose runs of a note, chunk by chunk; computed when occurrences are first needed. */
export function proseRuns(source: string): number[] {
  const chunks = chunksOf(source);
  if (!chunks) return proseOf(parseMarkdown(source), source);
  const reader = new ChunkReader(source, chunks, () => true);
  return chunks.flatMap((_, index) => proseOf({ type: 'root', children: reader.blocks(index) }, source));
}

/**
 * The prose runs of one chunk of a note (see `splitChunks`): a hover needs only the chunk under the cursor,
 * and runs never cross chunks.
 */
export function chunkProse(source: string, chunk: Chunk): number[] {
  return proseOf({ type: 'root', children: parseChunk(source, chunk) }, source);
}

/**
 * Analyses a note for the index: definitions, headings with their GitHub slugs, and citations. The fast path
 * parses only the chunks that can hold them (see `splitChunks`), most of them with the plain-subset parser,
 * which gives the same result as parsing the whole note; prose runs are left for `proseRuns`. Never throws.
 */
export function analyseNote(source: string): NoteAnalysis {
  const chunks = chunksOf(source);
  if (!chunks) return analyseNoteWhole(source);
  const children: RootContent[] = [];
  const page = new SectionReading();
  const complexParagraphs: ParagraphProblem[] = [];
  const reader = new ChunkReader(source, chunks, (index) => chunks[index]?.interesting === true);
  let forceNext = false;
  for (const [index, chunk] of chunks.entries()) {
    if (chunk.plain) complexParagraphs.push(chunk.plain);
    if (!chunk.interesting && !forceNext && !page.needsMore) continue;
    const blocks = reader.blocks(index);
    children.push(...blocks);
    for (const block of blocks) page.see(block);
    // A concept heading takes its definition from the block after it, which may sit in the next chunk.
    const end = blocks.at(-1);
    forceNext = end?.type === 'heading' && end.depth > 1 && nameAndAcronym(collapse(toString(end))) !== undefined;
  }
  const analysis = extract({ type: 'root', children }, source);
  return complexParagraphs.length > 0 ? Object.assign(analysis, { complexParagraphs }) : analysis;
}

/** Which chunks a page's definition section needs beyond the interesting ones: its chunks up to its end or `SECTION_LIMIT`. */
class SectionReading {
  #seen = false;
  #section: { depth: number; start: number } | undefined;

  get needsMore(): boolean {
    return this.#section !== undefined;
  }

  see(block: RootContent): void {
    if (block.type === 'heading') {
      if (this.#section && block.depth <= this.#section.depth) this.#section = undefined;
      if (!this.#seen && DEFINITION_SECTION.test(collapse(toString(block)))) {
        this.#seen = true;
        this.#section = { depth: block.depth, start: offsetOf(block, 'end') };
      }
    }
    if (this.#section && offsetOf(block, 'start') - this.#section.start >= SECTION_LIMIT) this.#section = undefined;
  }
}

/**
 * A concept page's first paragraph after its title (see `firstParagraphOf`), parsing its chunks in order until
 * one holds it. A paragraph before the first H1 is taken only when the note turns out to have none.
 */
export function pageParagraph(source: string): PageFacts['definition'] {
  const chunks = chunksOf(source);
  if (!chunks) return firstParagraphOf(parseMarkdown(source).children, source);
  const blocks: RootContent[] = [];
  const reader = new ChunkReader(source, chunks, () => true);
  for (const index of chunks.keys()) {
    blocks.push(...reader.blocks(index));
    if (blocks.some((block) => block.type === 'heading' && block.depth === 1)) {
      const found = firstParagraphOf(blocks, source);
      if (found) return found;
    }
  }
  return firstParagraphOf(blocks, source);
}
