import type { ListItem, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { DefinitionSource } from '../model';
import type { AttributedDefinition, PageFacts } from '../notes/noteAnalysis';
import { collapse, offsetOf } from '../parse/plainText';
import { toRange } from '../parse/position';
import { looksLikeCitation } from '../concepts/structuralLabels';
import { readOpening } from '../notes/definitionOpening';
import { readFrontMatter } from './frontMatter';

/** The headings whose section is a page's definition: `## Definitions`, `### What it is:` (any case). */
export const DEFINITION_SECTION = /^(?:definitions?|summary|overview|what it is)\s*:?$/i;
/**
 * How much of a definition section is read, in characters of source: a hover shows a few hundred, and a
 * "Summary" can run for pages. The fast path forces parsing the section's chunks up to the same bound.
 */
export const SECTION_LIMIT = 4_000;

/**
 * A page's facts from its top-level blocks in order (all of them, or those the fast path parsed, which
 * include every heading, the front matter, and the blocks a page definition is read from): front matter,
 * title heading, definition section or first paragraph, and attributed definitions.
 */
export function readPageFacts(blocks: readonly RootContent[], source: string): PageFacts | undefined {
  let frontMatter: Pick<PageFacts, 'frontMatter' | 'frontMatterProblem'> = {};
  let heading: PageFacts['heading'];
  let section: { depth: number; index: number } | undefined;
  blocks.forEach((block, index) => {
    if (block.type === 'yaml' && index === 0) {
      const { facts, problem } = readFrontMatter(block.value, (block.position?.start.line ?? 1) /* the line after `---` */);
      frontMatter = problem ? { frontMatter: facts, frontMatterProblem: problem } : { frontMatter: facts };
    } else if (block.type === 'heading') {
      if (block.depth === 1 && !heading && block.position) {
        const text = collapse(toString(block));
        const start = block.children[0]?.position?.start ?? block.position.start;
        const end = block.children.at(-1)?.position?.end ?? block.position.end;
        // An H1 of markup only (`# ** **`, `# ![](x.png)`) names nothing: the file name does then.
        if (/[\p{L}\p{N}]/u.test(text)) heading = { text, range: toRange({ start, end }) };
      }
      if (!section && DEFINITION_SECTION.test(collapse(toString(block)))) section = { depth: block.depth, index };
    }
  });
  const content = section ? sectionBlocks(blocks, section.index, section.depth) : [];
  const attributed: AttributedDefinition[] = [];
  const rest: { block: RootContent; items?: ListItem[] }[] = [];
  for (const block of content) {
    if (isCallout(block)) continue;
    if (block.type !== 'list' || !section) {
      rest.push({ block });
      continue;
    }
    // Attributed bullets are definitions of their own; glossary bullets define other concepts.
    const items = block.children.filter((item) => {
      const found = attributedOf(item, source);
      if (found) attributed.push(found);
      return !found && !(item.children[0]?.type === 'paragraph' && readOpening(item.children[0], 'strong'));
    });
    if (items.length > 0) rest.push({ block, items });
  }
  const definition = rest.length > 0 ? definitionOf(rest, source) : undefined;
  if (!frontMatter.frontMatter && !heading && !section) return undefined;
  return { ...frontMatter, ...(heading ? { heading } : {}), ...(definition ? { definition } : {}), attributed, section: section !== undefined };
}

/**
 * The blocks of the section after heading `index`, up to the next heading as deep or less, and of them only
 * what starts within `SECTION_LIMIT`: list items count one by one, since the fast path may read a list as
 * one block per item.
 */
function sectionBlocks(blocks: readonly RootContent[], index: number, depth: number): RootContent[] {
  const found: RootContent[] = [];
  const start = offsetOf(blocks[index] as RootContent, 'end');
  const within = (node: RootContent): boolean => offsetOf(node, 'start') - start < SECTION_LIMIT;
  for (const block of blocks.slice(index + 1)) {
    if ((block.type === 'heading' && block.depth <= depth) || !within(block)) break;
    found.push(block.type === 'list' ? { ...block, children: block.children.filter(within) } : block);
  }
  return found;
}

/**
 * A concept page's definition when it has no definition section: the first top-level paragraph after its
 * title (from the note's start when it has none; callouts, lists and tables are skipped). Read only for
 * concept pages, which the analysis of a note cannot tell (see `pageParagraph`).
 */
export function firstParagraphOf(blocks: readonly RootContent[], source: string): PageFacts['definition'] {
  const title = blocks.findIndex((block) => block.type === 'heading' && block.depth === 1);
  const paragraph = blocks.slice(title + 1).find((block) => block.type === 'paragraph');
  return paragraph ? definitionOf([{ block: paragraph }], source) : undefined;
}

/**
 * The definition from the section's blocks (of a list, only the items that are not attributed). Items are
 * joined as the note separates them, so a list read whole and a list read item by item (the fast path cuts
 * a note before each unindented bullet) give the same markdown.
 */
function definitionOf(rest: readonly { block: RootContent; items?: ListItem[] }[], source: string): PageFacts['definition'] {
  const units = rest.flatMap(({ block, items }) => items ?? [block]);
  let markdown = '';
  units.forEach((unit, i) => {
    const previous = units[i - 1];
    if (previous) markdown += BLANK_LINE.test(source.slice(offsetOf(previous, 'end'), offsetOf(unit, 'start'))) ? '\n\n' : '\n';
    markdown += source.slice(offsetOf(unit, 'start'), offsetOf(unit, 'end'));
  });
  const text = collapse(units.map((unit) => toString(unit)).join(' '));
  const first = units[0];
  const last = units.at(-1);
  if (text === '' || !first?.position || !last?.position) return undefined;
  return { text, markdown, range: toRange({ start: first.position.start, end: last.position.end }) };
}

const BLANK_LINE = /\n[ \t]*\r?\n/;

/** A source link standing alone in bold, `**[[sources/x]]**` or `**[Smith](sources/x.md)**`, as its source. */
export function boldSource(node: PhrasingContent | undefined): DefinitionSource | undefined {
  if (node?.type !== 'strong') return undefined;
  const inside = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [link] = inside;
  if (inside.length !== 1 || !link) return undefined;
  if (link.type === 'wikiLink') return { target: link.target, ...(link.label ? { label: link.label } : {}) };
  if (link.type === 'link') return { target: link.url, label: collapse(toString(link)) };
  return undefined;
}

/** An Obsidian callout, `> [!warning] Title`: an aside, never the definition. */
function isCallout(block: RootContent): boolean {
  const first = block.type === 'blockquote' ? block.children[0] : undefined;
  const text = first?.type === 'paragraph' ? first.children[0] : undefined;
  return text?.type === 'text' ? /^\[![\w-]+\]/.test(text.value) : false;
}

/** A source named in bold, by a link (see `boldSource`) or as a citation in words: `**Christiano et al. (2021)**`. */
function sourceOf(node: PhrasingContent | undefined): DefinitionSource | undefined {
  const linked = boldSource(node);
  if (linked || node?.type !== 'strong') return linked;
  const label = collapse(toString(node)).replace(/:$/, '');
  return looksLikeCitation(label) ? { label } : undefined;
}

/** `- **[[sources/x|Label]]** (note): text` or `- **Smith (2024)**: text` as an attributed definition. */
function attributedOf(item: ListItem, source: string): AttributedDefinition | undefined {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph' || !paragraph.position) return undefined;
  const [first, ...rest] = paragraph.children;
  const found = sourceOf(first);
  if (!found || !first?.position) return undefined;
  const after = source.slice(offsetOf(first, 'end'), offsetOf(paragraph, 'end'));
  const head = /^\s*(?:\(([^()]*)\))?\s*:?\s*/.exec(after);
  const note = head?.[1]?.trim();
  const bodyStart = offsetOf(first, 'end') + (head?.[0].length ?? 0);
  const text = collapse(textAfter(rest, bodyStart));
  if (text === '') return undefined;
  const end = offsetOf(item, 'end');
  return {
    source: note ? { ...found, note } : found,
    text,
    markdown: source.slice(bodyStart, end).trim(),
    termRange: toRange(first.position),
    range: toRange(paragraph.position),
  };
}

/** The plain text of a paragraph's nodes from offset `from` on (a text node that starts before it is cut). */
function textAfter(nodes: readonly PhrasingContent[], from: number): string {
  return nodes
    .map((node) => {
      const start = offsetOf(node, 'start');
      if (start >= from) return toString(node);
      return node.type === 'text' ? node.value.slice(Math.min(node.value.length, from - start)) : '';
    })
    .join('');
}
