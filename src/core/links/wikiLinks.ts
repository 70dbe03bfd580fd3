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

/**
 * Resolves one note's wikilinks. `[[note#Heading]]` names a heading by its text (Obsidian's rule), or by
 * its GitHub slug; a nested `[[note#A#B]]` names B under A, found here by its last part.
 */
export function resolveWikiLinks(
  note: string,
  analysis: NoteAnalysis,
  resolver: LinkResolver,
  analysisOf: (uri: string) => NoteAnalysis | undefined,
): ResolvedWikiLink[] {
  return analysis.wikiLinks.map((link) => {
    const resolution = resolver.resolve(link.target, note, 'wiki');
    if (resolution.kind === 'missing' || resolution.kind === 'file') return { note, link, resolution };
    const target = analysisOf(resolution.uri);
    const found: { -readonly [K in keyof ResolvedWikiLink]: ResolvedWikiLink[K] } = { note, link, resolution };
    if (link.heading !== undefined && target) {
      const wanted = headingKey(link.heading.split('#').at(-1) ?? link.heading);
      const heading = target.headings.find((h) => headingKey(h.text) === wanted) ?? target.headings.find((h) => h.slug === wanted);
      if (heading) found.heading = heading;
    }
    if (link.block !== undefined && target) {
      const block = target.blocks.find((b) => b.id.toLowerCase() === link.block?.toLowerCase());
      if (block) found.block = block;
    }
    return found;
  });
}

/**
 * Every note's backlinks, built in one pass over all links: a page with thousands of backlinks answers with
 * one map look-up. Rebuilt when any note's links or the set of notes change (see `CourseIndex`).
 */
export function backlinkIndex(links: Iterable<ResolvedWikiLink>): Map<string, Backlink[]> {
  const byTarget = new Map<string, Backlink[]>();
  for (const { note, link, resolution } of links) {
    if (resolution.kind === 'missing') continue;
    const list = byTarget.get(resolution.uri);
    const backlink = { note, range: link.range };
    if (list) list.push(backlink);
    else byTarget.set(resolution.uri, [backlink]);
  }
  return byTarget;
}

/**
 * A wikilink written again with another target, keeping its heading, block, label and embed mark; in a
 * table cell (`escapedPipe`) the label is separated by `\|` as the table needs.
 */
export function rewriteWikiLink(link: WikiLinkRef, target: string, escapedPipe = false): string {
  const anchor = link.block !== undefined ? `#^${link.block}` : link.heading !== undefined ? `#${link.heading}` : '';
  const label = link.label !== undefined ? `${escapedPipe ? '\\|' : '|'}${link.label}` : '';
  return `${link.embed ? '!' : ''}[[${target}${anchor}${label}]]`;
}
