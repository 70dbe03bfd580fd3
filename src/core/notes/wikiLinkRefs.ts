import type { WikiLink } from '../parse/wikiLink';
import { positionOf, toRange } from '../parse/position';
import { simpleWikiLinkParts } from '../parse/simpleMarkdown';
import { lineBreakAt, lineBreakLength } from '../util/lineBreaks';
import type { WikiLinkRef } from './noteAnalysis';

/**
 * A note's wikilinks as the index keeps them. As objects (each link, its range, its strings) the 230,000 links of
 * the bench's vault of 10,000 pages were 42 MiB of its index's peak memory, while only a question, a note's
 * problems, backlinks, the graph or a cache save read them. So they are kept as where they stand in the note's
 * text, two numbers a link, and read from the text again when first asked for (and kept from then on), as the
 * plain-subset parser reads them. A note with a link that reads otherwise (one only remark reads, such as
 * `[[a#b#c]]`) keeps its links as objects.
 */

/** A link of the parse as the analysis gives it. */
function wikiLinkRef(node: WikiLink): WikiLinkRef {
  const { target, heading, block, label, embed } = node;
  const ref: { -readonly [K in keyof WikiLinkRef]: WikiLinkRef[K] } = { target, embed, range: toRange(node.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }) };
  if (heading !== undefined) ref.heading = heading;
  if (block !== undefined) ref.block = block;
  if (label !== undefined) ref.label = label;
  return ref;
}

/**
 * The links at `spans` (`[offset0, length0, offset1, length1, ...]`, in document order) of `source`, each read as
 * the plain-subset parser reads a wikilink (`simpleWikiLinkParts`), with their ranges from the lines before them;
 * undefined when a span does not read so.
 */
function readWikiLinks(source: string, spans: Uint32Array): WikiLinkRef[] | undefined {
  const links: WikiLinkRef[] = [];
  const carriageReturns = source.includes('\r');
  let line = 0;
  let lineStart = 0;
  /** The first line break after `lineStart` (-1: none), looked for once per line, however many links it holds. */
  let lineEnd = lineBreakAt(source, 0, carriageReturns);
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i] ?? 0;
    const end = start + (spans[i + 1] ?? 0);
    while (lineEnd >= 0 && lineEnd < start) {
      lineStart = lineEnd + lineBreakLength(source, lineEnd);
      lineEnd = lineBreakAt(source, lineStart, carriageReturns);
      line++;
    }
    const embed = source.charCodeAt(start) === 0x21; // `!`
    const opening = embed ? start + 3 : start + 2;
    if (source.charCodeAt(opening - 1) !== 0x5b || source.charCodeAt(end - 1) !== 0x5d || end - 2 < opening) return undefined;
    const parts = simpleWikiLinkParts(source.slice(opening, end - 2));
    if (!parts) return undefined;
    const ref: { -readonly [K in keyof WikiLinkRef]: WikiLinkRef[K] } = {
      target: parts.target,
      embed,
      range: { start: positionOf(line, start - lineStart), end: positionOf(line, end - lineStart) },
    };
    if (parts.heading !== undefined) ref.heading = parts.heading;
    if (parts.block !== undefined) ref.block = parts.block;
    if (parts.label !== undefined) ref.label = parts.label;
    links.push(ref);
  }
  return links;
}

/** Whether a link read from the text is the parser's node, field for field and at the same place. */
function sameLink(ref: WikiLinkRef | undefined, node: WikiLink | undefined): boolean {
  const at = node?.position;
  return (
    ref !== undefined &&
    at !== undefined &&
    ref.target === node?.target &&
    ref.heading === node.heading &&
    ref.block === node.block &&
    ref.label === node.label &&
    ref.embed === node.embed &&
    ref.range.start.line === at.start.line - 1 &&
    ref.range.start.character === at.start.column - 1 &&
    ref.range.end.line === at.end.line - 1 &&
    ref.range.end.character === at.end.column - 1
  );
}

/**
 * `analysis` with the wikilinks of `nodes` (the parse's, in document order, from `source`): read from the text
 * when first asked for and then kept, or as objects at once when reading them back would not give them exactly.
 * Set on `analysis` itself, so it must not be spread into another object before it is handed out: a spread reads
 * them. A function of its own, so that the getter holds nothing of the caller's scope.
 */
export function withWikiLinks<T extends object>(analysis: T, source: string, nodes: readonly WikiLink[]): T & { readonly wikiLinks: readonly WikiLinkRef[] } {
  if (nodes.length === 0) return Object.assign(analysis, { wikiLinks: [] });
  const spans = spansOf(nodes);
  if (!readsBack(source, spans, nodes)) return Object.assign(analysis, { wikiLinks: nodes.map(wikiLinkRef) });
  // The getter's scope holds the text and the spans, nothing else (no closure here sees the nodes).
  let read: readonly WikiLinkRef[] | undefined;
  return Object.defineProperty(analysis, 'wikiLinks', {
    enumerable: true,
    get: (): readonly WikiLinkRef[] => (read ??= readWikiLinks(source, spans) ?? []),
  }) as T & { readonly wikiLinks: readonly WikiLinkRef[] };
}

/** `[offset0, length0, offset1, length1, ...]` of the nodes. */
function spansOf(nodes: readonly WikiLink[]): Uint32Array {
  const spans = new Uint32Array(2 * nodes.length);
  for (let k = 0; k < nodes.length; k++) {
    const start = nodes[k]?.position?.start.offset ?? 0;
    spans[2 * k] = start;
    spans[2 * k + 1] = (nodes[k]?.position?.end.offset ?? start) - start;
  }
  return spans;
}

/** Whether the links read from the text at `spans` are the nodes, each of them. */
function readsBack(source: string, spans: Uint32Array, nodes: readonly WikiLink[]): boolean {
  const again = readWikiLinks(source, spans);
  if (again?.length !== nodes.length) return false;
  for (let k = 0; k < nodes.length; k++) if (!sameLink(again[k], nodes[k])) return false;
  return true;
}
