import type { Citation, DefinitionStyle, Heading, Range } from '../model';
import type { AttributedDefinition, BlockId, NoteAnalysis, NoteDefinition, NoteProblem, PageFacts, ParagraphProblem, WikiLinkRef } from '../notes/noteAnalysis';
import type { FrontMatterProblem } from '../pages/frontMatter';
import { positionOf } from '../parse/position';

/** A range as `[startLine, startCharacter, endLine, endCharacter]`. */
type PackedRange = [number, number, number, number];
type PackedHeading = [text: string, depth: number, slug: string, range: PackedRange];
type PackedCitation = [label: string, url: string, range: PackedRange];
type PackedDefinition = [
  term: string,
  aliases: string[],
  style: DefinitionStyle,
  text: string,
  /** The markdown as `[offset, length]` in the note, or itself when the note does not hold it verbatim. */
  markdown: [number, number] | string,
  termRange: PackedRange,
  range: PackedRange,
  /** -1 for none. */
  parent: number,
  /** '' for none. */
  group: string,
  /** Indexes into the headings (the text itself if no heading has it), outermost first. */
  headingTrail: (number | string)[],
  /** Indexes into the citations. */
  citations: number[],
];
type PackedProblem<Code extends string> = [code: Code, line: number, message: string];
type PackedPage = [
  frontMatter: [type: string | null, title: string | null, tags: string[], aliases: string[]] | null,
  frontMatterProblem: PackedProblem<FrontMatterProblem['code']> | null,
  heading: [text: string, range: PackedRange] | null,
  definition: [text: string, markdown: string, range: PackedRange] | null,
  attributed: [target: string | null, label: string | null, note: string | null, text: string, markdown: string, termRange: PackedRange, range: PackedRange][],
  section: boolean,
];
/** `[target, heading, block, label, embed, range]`, '' for absent parts. */
type PackedWikiLink = [target: string, heading: string | null, block: string | null, label: string | null, embed: boolean, range: PackedRange];
type PackedBlock = [id: string, range: PackedRange];
/**
 * One note's analysis in the cache: positions as numbers, shared parts as indexes. The wikilinks come last, and
 * the first number says where they start, counted from the end of the JSON text: a warm start parses the rest
 * and leaves the wikilinks (most of a vault's or linked notes' cache) as text until something asks for them.
 */
export type PackedAnalysis = [
  /** The characters of the JSON text from the wikilinks' opening bracket to its end, the closing bracket included. */
  linksLength: number,
  headings: PackedHeading[],
  citations: PackedCitation[],
  definitions: PackedDefinition[],
  problem: PackedProblem<NoteProblem['code']> | null,
  page: PackedPage | null,
  blocks: PackedBlock[],
  complexParagraphs: PackedProblem<ParagraphProblem['code']>[],
  wikiLinks: PackedWikiLink[],
];
/** A `PackedAnalysis` as JSON text (`packAnalysisJson`): what a cache line holds for a note, and what an analysis worker sends back. */
export type PackedAnalysisJson = string;

function packRange(range: Range): PackedRange {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** Packs an analysis of `text` for the cache, as the JSON text of its `PackedAnalysis`. */
export function packAnalysisJson(analysis: NoteAnalysis, text: string): PackedAnalysisJson {
  const headingIndex = new Map<string, number>();
  analysis.headings.forEach((heading, i) => {
    if (!headingIndex.has(heading.text)) headingIndex.set(heading.text, i);
  });
  const citationIndex = new Map<Citation, number>(analysis.citations.map((citation, i) => [citation, i]));
  const definitions = analysis.definitions.map((definition): PackedDefinition => {
    const at = text.indexOf(definition.markdown);
    const trail = definition.headingTrail.map((heading) => headingIndex.get(heading) ?? heading);
    const citations = definition.citations.map((citation) => citationIndex.get(citation) ?? analysis.citations.findIndex((c) => sameCitation(c, citation)));
    return [
      definition.term,
      [...definition.aliases],
      definition.style,
      definition.text,
      at < 0 ? definition.markdown : [at, definition.markdown.length],
      packRange(definition.termRange),
      packRange(definition.range),
      definition.parent ?? -1,
      definition.group ?? '',
      trail,
      citations.filter((index) => index >= 0),
    ];
  });
  const headings = analysis.headings.map((heading): PackedHeading => [heading.text, heading.depth, heading.slug, packRange(heading.range)]);
  const citations = analysis.citations.map((citation): PackedCitation => [citation.label, citation.url, packRange(citation.range)]);
  const { problem, page } = analysis;
  const wikiLinks = analysis.wikiLinks.map(
    (link): PackedWikiLink => [link.target, link.heading ?? null, link.block ?? null, link.label ?? null, link.embed, packRange(link.range)],
  );
  const blocks = analysis.blocks.map((block): PackedBlock => [block.id, packRange(block.range)]);
  const complex = (analysis.complexParagraphs ?? []).map((paragraph): PackedProblem<ParagraphProblem['code']> => [paragraph.code, paragraph.line, paragraph.message]);
  const links = JSON.stringify(wikiLinks);
  const rest = JSON.stringify([headings, citations, definitions, problem ? [problem.code, problem.line, problem.message] : null, page ? packPage(page) : null, blocks, complex]);
  return `[${links.length + 1},${rest.slice(1, -1)},${links}]`;
}

function packPage(page: PageFacts): PackedPage {
  const { frontMatter: matter, frontMatterProblem: problem, heading, definition } = page;
  return [
    matter ? [matter.type ?? null, matter.title ?? null, [...matter.tags], [...matter.aliases]] : null,
    problem ? [problem.code, problem.line, problem.message] : null,
    heading ? [heading.text, packRange(heading.range)] : null,
    definition ? [definition.text, definition.markdown, packRange(definition.range)] : null,
    page.attributed.map(({ source, text, markdown, termRange, range: whole }) => [
      source.target ?? null,
      source.label ?? null,
      source.note ?? null,
      text,
      markdown,
      packRange(termRange),
      packRange(whole),
    ]),
    page.section,
  ];
}

function unpackPage(packed: unknown): PageFacts | undefined {
  if (packed === null) return undefined;
  const [matter, problem, heading, definition, attributed, section] = array(packed);
  if (typeof section !== 'boolean') throw new Malformed();
  const optional = (value: unknown): string | undefined => (value === null ? undefined : string(value));
  const facts: { -readonly [K in keyof PageFacts]: PageFacts[K] } = {
    section,
    attributed: array(attributed).map((entry): AttributedDefinition => {
      const [target, label, note, text, markdown, termRange, whole] = array(entry);
      const targetText = optional(target);
      const labelText = optional(label);
      const noteText = optional(note);
      return {
        source: { ...(targetText === undefined ? {} : { target: targetText }), ...(labelText === undefined ? {} : { label: labelText }), ...(noteText === undefined ? {} : { note: noteText }) },
        text: string(text),
        markdown: string(markdown),
        termRange: range(termRange),
        range: range(whole),
      };
    }),
  };
  if (matter !== null) {
    const [type, title, tags, aliases] = array(matter);
    const typeText = optional(type);
    const titleText = optional(title);
    facts.frontMatter = {
      ...(typeText === undefined ? {} : { type: typeText }),
      ...(titleText === undefined ? {} : { title: titleText }),
      tags: array(tags).map(string),
      aliases: array(aliases).map(string),
    };
  }
  if (problem !== null) {
    const [code, line, message] = array(problem);
    if (code !== 'front-matter-invalid' && code !== 'front-matter-too-many-aliases') throw new Malformed();
    facts.frontMatterProblem = { code, line: integer(line), message: string(message) };
  }
  if (heading !== null) {
    const [text, at] = array(heading);
    facts.heading = { text: string(text), range: range(at) };
  }
  if (definition !== null) {
    const [text, markdown, at] = array(definition);
    facts.definition = { text: string(text), markdown: string(markdown), range: range(at) };
  }
  return facts;
}

function sameCitation(a: Citation, b: Citation): boolean {
  return a.url === b.url && a.label === b.label && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** Thrown while unpacking a malformed entry; the note is then analysed afresh. */
class Malformed extends Error {}

function string(value: unknown): string {
  if (typeof value !== 'string') throw new Malformed();
  return value;
}

function integer(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Malformed();
  return value;
}

function array(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Malformed();
  return value;
}

function range(value: unknown): Range {
  const [a, b, c, d] = array(value);
  return { start: positionOf(integer(a), integer(b)), end: positionOf(integer(c), integer(d)) };
}

/** The styles a note's own analysis holds; page and attributed definitions are made from `page`. */
const STYLES: readonly string[] = ['bold', 'italic', 'heading'] satisfies DefinitionStyle[];
const PROBLEMS: readonly string[] = ['note-binary', 'note-too-large', 'note-too-deeply-nested', 'note-not-analysed'] satisfies NoteProblem['code'][];

/**
 * The analysis a packed entry's JSON text holds, for the note text it was made from (matched by content hash), or
 * undefined when the entry is malformed. Its wikilinks are parsed when first asked; if they then turn out
 * malformed, they are those of `analysed()`, the note analysed afresh. A text not in `packAnalysisJson`'s layout
 * (reformatted, say) is parsed whole.
 */
export function unpackAnalysisJson(json: PackedAnalysisJson, text: string, analysed: () => NoteAnalysis): NoteAnalysis | undefined {
  const at = linksStart(json);
  try {
    // A note without wikilinks (most of a course's) is parsed whole: nothing to leave, and no head to copy.
    if (at < 0 || json.endsWith(',[]]')) return unpackAnalysis(JSON.parse(json) as unknown, text);
    const parts = array(JSON.parse(`${json.slice(0, at - 1)}]`) as unknown);
    if (parts.length !== 8 || parts[0] !== json.length - at) return undefined;
    return unpackParts(parts, text, () => {
      try {
        return unpackWikiLinks(JSON.parse(json.slice(at, -1)) as unknown);
      } catch {
        return analysed().wikiLinks;
      }
    });
  } catch (error) {
    if (error instanceof Malformed || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** A parsed `PackedAnalysis` unpacked whole, as `unpackAnalysisJson` does; undefined when it is malformed. */
function unpackAnalysis(packed: unknown, text: string): NoteAnalysis | undefined {
  try {
    const parts = array(packed);
    if (parts.length !== 9) throw new Malformed();
    return unpackParts(parts, text, unpackWikiLinks(parts[8]));
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}

const LINKS_LENGTH = /^\[(\d{1,10}),/;

/** Where the wikilinks of `packAnalysisJson`'s text start, by its first number; -1 when the text is not in that layout. */
function linksStart(json: string): number {
  const found = LINKS_LENGTH.exec(json);
  if (!found?.[1]) return -1;
  const at = json.length - Number(found[1]);
  return at > found[0].length && json[at - 1] === ',' && json[at] === '[' && json.endsWith(']') ? at : -1;
}

function unpackWikiLinks(packed: unknown): WikiLinkRef[] {
  return array(packed).map((entry): WikiLinkRef => {
    const [target, heading, block, label, embed, at] = array(entry);
    if (typeof embed !== 'boolean') throw new Malformed();
    const ref: { -readonly [K in keyof WikiLinkRef]: WikiLinkRef[K] } = { target: string(target), embed, range: range(at) };
    if (heading !== null) ref.heading = string(heading);
    if (block !== null) ref.block = string(block);
    if (label !== null) ref.label = string(label);
    return ref;
  });
}

/**
 * The analysis in a `PackedAnalysis`'s parts but its wikilinks: `wikiLinks`, or what it gives when first asked.
 * Throws `Malformed`.
 */
function unpackParts(parts: readonly unknown[], text: string, wikiLinks: readonly WikiLinkRef[] | (() => readonly WikiLinkRef[])): NoteAnalysis {
  const [, rawHeadings, rawCitations, rawDefinitions, rawProblem, rawPage, rawBlocks, rawComplex] = parts;
  const headings = array(rawHeadings).map((entry): Heading => {
    const [headingText, depth, slug, at] = array(entry);
    return { text: string(headingText), depth: integer(depth), slug: string(slug), range: range(at) };
  });
  const citations = array(rawCitations).map((entry): Citation => {
    const [label, url, at] = array(entry);
    return { label: string(label), url: string(url), range: range(at) };
  });
  const pick = <T>(list: readonly T[], index: unknown): T => {
    const found = list[integer(index)];
    if (found === undefined) throw new Malformed();
    return found;
  };
  const definitions = array(rawDefinitions).map((entry, index): NoteDefinition => {
    const [term, aliases, style, plain, markdown, termRange, whole, parent, group, trail, cited] = array(entry);
    if (!STYLES.includes(string(style))) throw new Malformed();
    const parentIndex = integer(parent);
    if (parentIndex >= index) throw new Malformed();
    const source = typeof markdown === 'string' ? markdown : array(markdown);
    return {
      term: string(term),
      aliases: array(aliases).map(string),
      style: style as DefinitionStyle,
      text: string(plain),
      markdown: typeof source === 'string' ? source : text.slice(integer(source[0]), integer(source[0]) + integer(source[1])),
      termRange: range(termRange),
      range: range(whole),
      ...(parentIndex < 0 ? {} : { parent: parentIndex }),
      ...(string(group) === '' ? {} : { group: string(group) }),
      headingTrail: array(trail).map((i) => (typeof i === 'string' ? i : pick(headings, i).text)),
      citations: array(cited).map((i) => pick(citations, i)),
    };
  });
  const page = unpackPage(rawPage);
  const blocks = array(rawBlocks).map((entry): BlockId => {
    const [id, at] = array(entry);
    return { id: string(id), range: range(at) };
  });
  const complexParagraphs = array(rawComplex).map((entry): ParagraphProblem => {
    const [code, line, message] = array(entry);
    if (code !== 'paragraph-too-complex') throw new Malformed();
    return { code, line: integer(line), message: string(message) };
  });
  let problem: NoteProblem | undefined;
  if (rawProblem !== null) {
    const [code, line, message] = array(rawProblem);
    if (!PROBLEMS.includes(string(code))) throw new Malformed();
    problem = { code: code as NoteProblem['code'], line: integer(line), message: string(message) };
  }
  const analysis = {
    definitions,
    headings,
    citations,
    blocks,
    ...(complexParagraphs.length > 0 ? { complexParagraphs } : {}),
    ...(page ? { page } : {}),
    // A note with a problem has no prose of its own to parse (see `limits.ts`), except a long note's analysed part.
    ...(problem ? { ...(problem.code === 'note-too-large' ? {} : { prose: [] }), problem } : {}),
  };
  if (typeof wikiLinks !== 'function') return { ...analysis, wikiLinks };
  // An object with a getter is made on a slower path: only for the notes whose wikilinks are left as text.
  let links: readonly WikiLinkRef[] | undefined;
  return {
    ...analysis,
    get wikiLinks(): readonly WikiLinkRef[] {
      return (links ??= wikiLinks());
    },
  };
}
