import type { Heading, Range } from '../model';
import type { BlockId, NoteAnalysis, WikiLinkRef } from '../notes/noteAnalysis';
import type { LinkResolution, LinkResolver } from './linkResolver';

/** A wikilink with where it leads: the note or file, and the heading or block it names when the note has it. */
export interface ResolvedWikiLink {
  readonly note: string;
  readonly link: WikiLinkRef;
  readonly resolution: LinkResolution;
  readonly heading?: Heading;
  readonly block?: BlockId;
}

/** A place that links to a note: the linking note and the link's range. */
export interface Backlink {
  readonly note: string;
  readonly range: Range;
}

/** Heading text as Obsidian compares it: case and runs of spaces aside. */
function headingKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Where each of a note's wikilinks leads: what stays true until the note or the set of notes changes. */
export function resolveWikiLinks(note: string, analysis: NoteAnalysis, resolver: LinkResolver): Pick<ResolvedWikiLink, 'link' | 'resolution'>[] {
  return analysis.wikiLinks.map((link) => ({ link, resolution: resolver.resolve(link.target, note, 'wiki') }));
}

/**
 * A resolved link with the heading or block it names, as the target note is now. `[[note#Heading]]` names a
 * heading by its text (Obsidian's rule) or by its GitHub slug; a nested `[[note#A#B]]` names B, found by its
 * last part.
 */
export function placeWikiLink(
  note: string,
  link: WikiLinkRef,
  resolution: LinkResolution,
  analysisOf: (uri: string) => NoteAnalysis | undefined,
): ResolvedWikiLink {
  const found: { -readonly [K in keyof ResolvedWikiLink]: ResolvedWikiLink[K] } = { note, link, resolution };
  const target = resolution.kind === 'note' || resolution.kind === 'ambiguous' ? analysisOf(resolution.uri) : undefined;
  if (!target) return found;
  if (link.heading !== undefined) {
    const wanted = headingKey(link.heading.split('#').at(-1) ?? link.heading);
    const heading = target.headings.find((h) => headingKey(h.text) === wanted) ?? target.headings.find((h) => h.slug === wanted);
    if (heading) found.heading = heading;
  }
  if (link.block !== undefined) {
    const id = link.block.toLowerCase();
    const block = target.blocks.find((b) => b.id.toLowerCase() === id);
    if (block) found.block = block;
  }
  return found;
}

/** A link from a note, with the note it leads to (undefined when it leads to none). */
export interface OutgoingLink extends Backlink {
  readonly target: string | undefined;
  /** `path`: a markdown note link (`[x](note.md)`); `url`: a course URL with a local copy. */
  readonly written: 'wikilink' | 'path' | 'url';
}

/**
 * Every note's backlinks, built in one pass over all links (wikilinks and note links alike), each list by
 * note then place: a page with thousands of backlinks answers with one map look-up. Rebuilt when any note's
 * links or the set of notes change (see `CourseIndex`).
 */
export function backlinkIndex(links: Iterable<OutgoingLink>): Map<string, Backlink[]> {
  const byTarget = new Map<string, Backlink[]>();
  for (const { note, range, target } of links) {
    if (target === undefined) continue;
    const list = byTarget.get(target);
    const backlink = { note, range };
    if (list) list.push(backlink);
    else byTarget.set(target, [backlink]);
  }
  for (const list of byTarget.values()) list.sort(byPlace);
  return byTarget;
}

function byPlace(a: Backlink, b: Backlink): number {
  if (a.note !== b.note) return a.note < b.note ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * A wikilink written again with another target, keeping its heading, block, label and embed mark; in a
 * table cell (`escapedPipe`) every `|` of it is written `\|`, as the table needs.
 */
export function rewriteWikiLink(link: WikiLinkRef, target: string, escapedPipe = false): string {
  const anchor = link.block !== undefined ? `#^${link.block}` : link.heading !== undefined ? `#${link.heading}` : '';
  const label = link.label === undefined ? '' : escapedPipe ? `\\|${link.label.replaceAll('|', '\\|')}` : `|${link.label}`;
  return `${link.embed ? '!' : ''}[[${target}${anchor}${label}]]`;
}
