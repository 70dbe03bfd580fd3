import type { Citation, DefinitionStyle, Heading, Range } from '../model';
import type { AttributedDefinition, BlockId, NoteAnalysis, NoteDefinition, NoteProblem, PageFacts, ParagraphProblem, WikiLinkRef } from '../notes/noteAnalysis';
import type { FrontMatterProblem } from '../pages/frontMatter';
import { positionOf } from '../parse/position';

/** Bumped whenever the packed form, `NoteAnalysis` or the extraction rules change, so an older cache is rebuilt. */
export const CACHE_VERSION = 7;

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
/** One note's analysis in the cache: positions as numbers, shared parts as indexes. */
export type PackedAnalysis = [
  headings: PackedHeading[],
  citations: PackedCitation[],
  definitions: PackedDefinition[],
  problem: PackedProblem<NoteProblem['code']> | null,
  page: PackedPage | null,
  wikiLinks: PackedWikiLink[],
  blocks: PackedBlock[],
  complexParagraphs: PackedProblem<ParagraphProblem['code']>[],
];
/** A `PackedAnalysis` as JSON text: what a cache line holds for a note, and what an analysis worker sends back. */
export type PackedAnalysisJson = string;

/**
 * The persisted analyses of a workspace, for a warm start: plain JSON, about a quarter of the size of the
 * analyses written out as objects, which is what a warm start spends its time parsing.
 */
export interface AnalysisCache {
  readonly version: number;
  readonly entries: readonly CacheEntry[];
}

/** One note's entry in the cache. */
export interface CacheEntry {
  readonly note: string;
  readonly hash: string;
  readonly analysis: PackedAnalysis;
}

/** The first line of a cache file; each entry follows on a line of its own (JSON escapes line breaks in strings). */
const CACHE_HEAD = `{"version":${CACHE_VERSION},"entries":[`;
const CACHE_TAIL = ']}';

/**
 * The cache file for entries turned to JSON one at a time: one JSON document (what `JSON.parse` reads, like any
 * older cache) with an entry per line, so that a host can read it back a line at a time (`cacheEntryTexts`).
 */
export function cacheJson(entries: Iterable<string>): string {
  return [...cacheFileParts(entries)].join('');
}

/**
 * The text of `cacheJson` in parts (its head, each entry's separator and line or the line's pieces, its tail), for a
 * host to encode and write in slices: 10,000 notes make 36 MB, which joined and encoded at once held the host's
 * thread for 0.1-0.5 s. An entry given in pieces (`cacheLinePieces`) is written piece by piece, so the analysis's
 * JSON text the index keeps is encoded as it is, never first copied into a line of its own.
 */
export function* cacheFileParts(entries: Iterable<string | CacheLinePieces>): Generator<string> {
  yield `${CACHE_HEAD}\n`;
  let first = true;
  for (const entry of entries) {
    if (!first) yield ',\n';
    if (typeof entry === 'string') yield entry;
    else yield* entry;
    first = false;
  }
  yield first ? CACHE_TAIL : `\n${CACHE_TAIL}`;
}

const NEWLINE = 0x0a;

/**
 * The entries' JSON texts of a cache file's bytes in the layout `cacheJson` writes for this version, each
 * decoded only when reached, so that a host decodes and parses a 36 MB cache a line at a time in slices.
 * Undefined when the file does not start with this version's head (another version or layout: read it whole);
 * when it breaks the layout further on (a file cut short), the texts end with an `undefined`.
 */
export function cacheEntryTexts(bytes: Uint8Array): Iterable<string | undefined> | undefined {
  const head = new TextEncoder().encode(`${CACHE_HEAD}\n`);
  if (bytes.length < head.length || head.some((byte, i) => bytes[i] !== byte)) return undefined;
  const decoder = new TextDecoder('utf-8');
  return (function* (): Generator<string | undefined> {
    // A line break byte is never part of another character in UTF-8, and JSON writes none inside a string.
    let start = head.length;
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end < 0) {
        if (decoder.decode(bytes.subarray(start)) !== CACHE_TAIL) yield undefined;
        return;
      }
      const line = decoder.decode(bytes.subarray(start, end));
      start = end + 1;
      if (line.endsWith(',')) {
        yield line.slice(0, -1);
        continue;
      }
      // The last entry has no comma and only the tail after it.
      yield decoder.decode(bytes.subarray(start)) === CACHE_TAIL ? line : undefined;
      return;
    }
  })();
}

/**
 * An entry of the cache as one line of JSON (`JSON.stringify` of a `CacheEntry`, its analysis packed as JSON already),
 * in pieces whose concatenation is the line: its head, the analysis's JSON text, its tail.
 */
export type CacheLinePieces = readonly [head: string, packedJson: string, tail: string];

export function cacheLinePieces(note: string, hash: string, packedJson: string): CacheLinePieces {
  return [`{"note":${JSON.stringify(note)},"hash":${JSON.stringify(hash)},"analysis":`, packedJson, '}'];
}

const CACHE_LINE = /^\{"note":"(?:[^"\\]|\\.)*","hash":"([^"\\]*)","analysis":(?=\[)/;

/**
 * The content hash and the packed analysis's JSON of a line `cacheLine` wrote, without parsing the analysis (a
 * warm start parses each when its note comes); undefined for any other text.
 */
export function readCacheLine(line: string): { readonly hash: string; readonly packedJson: string } | undefined {
  const found = CACHE_LINE.exec(line);
  if (!found?.[1] || !line.endsWith(']}')) return undefined;
  return { hash: found[1], packedJson: line.slice(found[0].length, -1) };
}

function packRange(range: Range): PackedRange {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** Packs an analysis of `text` for the cache. */
export function packAnalysis(analysis: NoteAnalysis, text: string): PackedAnalysis {
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
  return [headings, citations, definitions, problem ? [problem.code, problem.line, problem.message] : null, page ? packPage(page) : null, wikiLinks, blocks, complex];
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
 * The analysis a packed entry holds, for the note text it was made from (matched by content hash), or
 * undefined when the entry is malformed in any way.
 */
export function unpackAnalysis(packed: unknown, text: string): NoteAnalysis | undefined {
  try {
    const [rawHeadings, rawCitations, rawDefinitions, rawProblem, rawPage, rawLinks, rawBlocks, rawComplex] = array(packed);
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
    const wikiLinks = array(rawLinks).map((entry): WikiLinkRef => {
      const [target, heading, block, label, embed, at] = array(entry);
      if (typeof embed !== 'boolean') throw new Malformed();
      const ref: { -readonly [K in keyof WikiLinkRef]: WikiLinkRef[K] } = { target: string(target), embed, range: range(at) };
      if (heading !== null) ref.heading = string(heading);
      if (block !== null) ref.block = string(block);
      if (label !== null) ref.label = string(label);
      return ref;
    });
    const blocks = array(rawBlocks).map((entry): BlockId => {
      const [id, at] = array(entry);
      return { id: string(id), range: range(at) };
    });
    const complexParagraphs = array(rawComplex).map((entry): ParagraphProblem => {
      const [code, line, message] = array(entry);
      if (code !== 'paragraph-too-complex') throw new Malformed();
      return { code, line: integer(line), message: string(message) };
    });
    const parts = { definitions, headings, citations, wikiLinks, blocks, ...(complexParagraphs.length > 0 ? { complexParagraphs } : {}) };
    const analysed = page ? { ...parts, page } : parts;
    if (rawProblem === null) return analysed;
    const [code, line, message] = array(rawProblem);
    if (!PROBLEMS.includes(string(code))) throw new Malformed();
    // A note with a problem has no prose of its own to parse (see `limits.ts`), except a long note's analysed part.
    const problem: NoteProblem = { code: code as NoteProblem['code'], line: integer(line), message: string(message) };
    return { ...analysed, ...(code === 'note-too-large' ? {} : { prose: [] }), problem };
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(entry: unknown): entry is AnalysisCache['entries'][number] {
  return isRecord(entry) && typeof entry.note === 'string' && typeof entry.hash === 'string' && Array.isArray(entry.analysis);
}

/**
 * Reads a persisted cache; `undefined` when it is of another version or of another shape, so the host can
 * say the cache was rebuilt. What is inside each packed analysis is checked when a note claims it
 * (`unpackAnalysis`): one bad entry then costs only its note's re-analysis.
 */
export function readAnalysisCache(data: unknown): AnalysisCache | undefined {
  if (!isRecord(data) || data.version !== CACHE_VERSION || !Array.isArray(data.entries)) return undefined;
  const entries: unknown[] = data.entries;
  return entries.every(isEntry) ? { version: CACHE_VERSION, entries } : undefined;
}
