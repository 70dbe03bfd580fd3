import type { Heading as MdHeading, List, ListItem, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { slugHeadings } from '../citations/headingSlugs';
import { isCitation } from '../citations/isCitation';
import type { Citation, Heading } from '../model';
import { nameAndAcronym } from '../concepts/acronyms';
import { blockText, collapse, offsetOf } from '../parse/plainText';
import { parseMarkdown, parseMarkdownFragment } from '../parse/processor';
import { toRange } from '../parse/position';
import { SimpleMarkdown } from '../parse/simpleMarkdown';
import { walk } from '../parse/walk';
import { DEFINITION_SECTION, firstParagraphOf, readPageFacts, SECTION_LIMIT } from '../pages/pageFacts';
import { hasWords, type Opening, readOpening } from './definitionOpening';
import { type Chunk, splitChunks } from './chunks';
import type { WikiLink } from '../parse/wikiLink';
import type { BlockId, NoteAnalysis, NoteDefinition, PageFacts, WikiLinkRef } from './noteAnalysis';

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

function wikiLinkRef(node: WikiLink): WikiLinkRef {
  const { target, heading, block, label, embed } = node;
  const ref: { -readonly [K in keyof WikiLinkRef]: WikiLinkRef[K] } = { target, embed, range: toRange(node.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }) };
  if (heading !== undefined) ref.heading = heading;
  if (block !== undefined) ref.block = block;
  if (label !== undefined) ref.label = label;
  return ref;
}

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

/** Definitions, headings and citations of a parsed note (or of the parsed chunks of one). */
function extract(tree: Root, source: string): Omit<NoteAnalysis, 'prose'> {
  const links: { link: Citation; start: number }[] = [];
  const headingNodes: MdHeading[] = [];
  const wikiLinks: WikiLinkRef[] = [];
  const blocks: BlockId[] = [];
  walk(tree, (node) => {
    if (node.type === 'link' && node.position && isCitation(toString(node), node.url)) {
      links.push({ link: { label: toString(node), url: node.url, range: toRange(node.position) }, start: offsetOf(node, 'start') });
    } else if (node.type === 'heading' && node.position) headingNodes.push(node);
    else if (node.type === 'wikiLink' && node.position) wikiLinks.push(wikiLinkRef(node));
    else if (node.type === 'paragraph' && node.position) {
      const last = node.children.at(-1);
      const id = last?.type === 'text' ? BLOCK_ID.exec(last.value)?.[1] : undefined;
      if (id) blocks.push({ id, range: toRange(node.position) });
    }
  });
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
  const found = { definitions: collector.definitions, headings, citations: links.map(({ link }) => link), wikiLinks, blocks };
  return page ? { ...found, page } : found;
}

/**
 * The reference analysis: remark parses the whole note. Used for notes the fast path cannot cut safely,
 * and by the tests that hold the fast path to it.
 */
export function analyseNoteWhole(source: string): NoteAnalysis {
  const tree = parseMarkdown(source);
  return { ...extract(tree, source), prose: proseOf(tree, source) };
}

/**
 * The blocks of one chunk, positioned in the note: from the plain-subset parser when the chunk is inside its
 * subset, else from remark.
 */
function parseChunk(source: string, chunk: Chunk): RootContent[] {
  const simple = chunk.frontMatter ? frontMatterNode(source, chunk) : SimpleMarkdown.parse(source, chunk.start, chunk.end, chunk.line, chunk.footnotes);
  if (simple) return simple;
  const slice = source.slice(chunk.start, chunk.end);
  // Footnote calls resolve only against definitions: the note's, as stubs after the chunk, dropped again.
  const text = chunk.footnotes === undefined ? slice : `${slice}\n\n${chunk.footnotes.map((label) => `[^${label}]: .`).join('\n\n')}`;
  const tree = chunk.start === 0 ? parseMarkdown(text) : parseMarkdownFragment(text);
  if (chunk.footnotes !== undefined) tree.children = tree.children.filter((node) => (node.position?.start.offset ?? 0) < slice.length);
  shiftPositions(tree, chunk.line, chunk.start);
  return tree.children;
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
  const chunks = splitChunks(source);
  if (!chunks) return proseOf(parseMarkdown(source), source);
  return chunks.flatMap((chunk) => chunkProse(source, chunk));
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
  const chunks = splitChunks(source);
  if (!chunks) return analyseNoteWhole(source);
  const children: RootContent[] = [];
  const page = new SectionReading();
  let forceNext = false;
  for (const chunk of chunks) {
    if (!chunk.interesting && !forceNext && !page.needsMore) continue;
    const blocks = parseChunk(source, chunk);
    children.push(...blocks);
    for (const block of blocks) page.see(block);
    // A concept heading takes its definition from the block after it, which may sit in the next chunk.
    const end = blocks.at(-1);
    forceNext = end?.type === 'heading' && end.depth > 1 && nameAndAcronym(collapse(toString(end))) !== undefined;
  }
  return extract({ type: 'root', children }, source);
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
  const chunks = splitChunks(source);
  if (!chunks) return firstParagraphOf(parseMarkdown(source).children, source);
  const blocks: RootContent[] = [];
  for (const chunk of chunks) {
    blocks.push(...parseChunk(source, chunk));
    if (blocks.some((block) => block.type === 'heading' && block.depth === 1)) {
      const found = firstParagraphOf(blocks, source);
      if (found) return found;
    }
  }
  return firstParagraphOf(blocks, source);
}
