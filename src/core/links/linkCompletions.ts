import type { Heading } from '../model';
import type { NoteAnalysis } from '../notes/noteAnalysis';
import { LineIndex } from '../parse/position';
import { fileNameOf } from '../util/fileName';
import type { LinkResolution, WikiLinkText } from './linkResolver';

/** How a note links to other notes: `[[goal-drift]]` wikilinks, or course citations `[[Unit 1]](url)`. */
export type LinkStyle = 'wiki' | 'citation';

/** What completing a link reads of the index (`CourseIndex` has it all). */
export interface LinkSource {
  notes(): readonly string[];
  analysisOf(note: string): NoteAnalysis | undefined;
  textOf(note: string): string | undefined;
  resolveWikiTarget(target: string, fromNote: string): LinkResolution;
  wikiLinkTo(note: string, fromNote: string): WikiLinkText | undefined;
}

/** The wikilink being typed at the cursor, and the columns a completion replaces. */
export interface WikiLinkTyping {
  /** What is being typed: the note's name, a heading after `#`, a block id after `#^`. */
  readonly part: 'note' | 'heading' | 'block';
  /** The target as typed, before any `#`: the start of a name, or the note whose heading or block is wanted (`''`: the note itself). */
  readonly target: string;
  /** `![[...]]`: the `!` stays before the replaced text, and citations make no embed. */
  readonly embed: boolean;
  /** Column of the `[[`. */
  readonly start: number;
  /** Column the replaced text ends at: the cursor, or past the rest of the part and a closing `]]` already there. */
  readonly end: number;
  /** Whether the inserted link ends with `]]`: not when an anchor or label follows, which is kept. */
  readonly close: boolean;
}

/** A wikilink to offer: what the list shows, what typing is matched against, and what goes in. */
export interface WikiLinkCandidate {
  readonly part: WikiLinkTyping['part'];
  /** The note's file name without extension, the heading's text, or `^block-id`. */
  readonly label: string;
  /** The note's path from its workspace folder, to tell notes of one name apart. */
  readonly path: string;
  /** From `[[` on, like the typed text it is matched against: `[[concepts/goal-drift`, `[[goal-drift#Definitions`. */
  readonly filter: string;
  /** From `[[` on: `[[goal-drift#Definitions]]`. */
  readonly insert: string;
  /** For a block, the start of the paragraph it ends. */
  readonly preview?: string;
}

/** `[[` (or `![[`) and the text typed after it, up to the cursor. */
const OPEN_BEFORE_CURSOR = /(!?)\[\[([^[\]]*)$/;
/** Characters a link target cannot hold: they would end it or start its anchor or label. */
const NOT_IN_TARGET = /[[\]|#]/;
/** Characters that would end a heading's text in a link; such a heading is linked by its slug, which the index also accepts. */
const NOT_IN_HEADING = /[[\]|#]|^\^/;
const PREVIEW_LENGTH = 120;

/**
 * The wikilink typed at column `cursor` of `line`, or undefined outside one and in its label (after `|`),
 * where nothing is offered. The replaced text runs on over the rest of the part when the link is closed
 * after it (`[[goal-|drift]]`), so that choosing an item rewrites the part instead of splitting it.
 */
export function wikiLinkTyping(line: string, cursor: number): WikiLinkTyping | undefined {
  const open = OPEN_BEFORE_CURSOR.exec(line.slice(0, cursor));
  if (!open) return undefined;
  const inside = open[2] ?? '';
  if (inside.includes('|')) return undefined;
  const hash = inside.indexOf('#');
  const part = hash < 0 ? 'note' : inside.startsWith('^', hash + 1) ? 'block' : 'heading';
  const after = line.slice(cursor);
  const rest = (part === 'note' ? /^[^[\]|#\\]*/ : /^[^[\]|\\]*/).exec(after)?.[0] ?? '';
  const next = after.slice(rest.length);
  const kept = next.startsWith('|') || next.startsWith('\\|') || (part === 'note' && next.startsWith('#'));
  const closed = next.startsWith(']]');
  const embed = open[1] === '!';
  return {
    part,
    target: hash < 0 ? inside : inside.slice(0, hash),
    embed,
    start: open.index + (embed ? 1 : 0),
    end: closed ? cursor + rest.length + 2 : kept ? cursor + rest.length : cursor,
    close: !kept,
  };
}

/**
 * The style completion after `[[` ranks first in `note`. A note follows the links it writes: whichever kind
 * it has more of. A note with neither (or as many of each) follows the notes around it: those in its folder,
 * or every note when it is alone there or unsaved. They are vault-style when more of them lean to wikilinks
 * (more wikilinks than citations, or neither but front matter, as Obsidian and Foam pages have) than to
 * citations; otherwise citations, the course notes' style.
 */
export function linkStyle(note: string, source: Pick<LinkSource, 'notes' | 'analysisOf'>): LinkStyle {
  const own = source.analysisOf(note);
  const wiki = own?.wikiLinks.length ?? 0;
  const cited = own?.citations.length ?? 0;
  if (wiki !== cited) return wiki > cited ? 'wiki' : 'citation';
  let lean = 0;
  for (const other of notesAround(note, source.notes())) lean += leaning(source.analysisOf(other));
  return lean > 0 ? 'wiki' : 'citation';
}

/** 1 for a note that leans to wikilinks, -1 to citations, 0 to neither. */
function leaning(analysis: NoteAnalysis | undefined): number {
  const wiki = analysis?.wikiLinks.length ?? 0;
  const cited = analysis?.citations.length ?? 0;
  if (wiki !== cited) return wiki > cited ? 1 : -1;
  return wiki === 0 && analysis?.page?.frontMatter !== undefined ? 1 : 0;
}

/** The other notes in `note`'s folder; all other notes when there are none (an unsaved note has no folder). */
function notesAround(note: string, notes: readonly string[]): readonly string[] {
  const slash = note.lastIndexOf('/');
  const others = notes.filter((other) => other !== note);
  if (slash < 0) return others;
  const folder = note.slice(0, slash + 1);
  const siblings = others.filter((other) => other.startsWith(folder) && !other.includes('/', folder.length));
  return siblings.length > 0 ? siblings : others;
}

/**
 * The sort key of the `rank`-th item of one kind: the note's own style's items before the other kind's,
 * each kind in its own order.
 */
export function linkSortKey(style: LinkStyle, kind: LinkStyle, rank: number): string {
  return `${kind === style ? 'a' : 'b'}${String(rank).padStart(6, '0')}`;
}

/**
 * The wikilinks to offer where `typing` is: after `[[`, every other saved note, by URI, under the shortest
 * target that leads to it; after `[[target#`, the headings of the note the target leads to, written by their
 * text as Obsidian does; after `[[target#^`, its block ids. A target with no note gives nothing.
 */
export function wikiLinkCandidates(typing: WikiLinkTyping, note: string, source: LinkSource): WikiLinkCandidate[] {
  const close = typing.close ? ']]' : '';
  if (typing.part === 'note') {
    return source.notes().flatMap((other) => {
      const link = other === note || other.startsWith('untitled:') ? undefined : source.wikiLinkTo(other, note);
      if (!link || NOT_IN_TARGET.test(link.text)) return [];
      const filter = `[[${link.path.replace(/\.(md|markdown)$/i, '')}`;
      return [{ part: 'note', label: stemOf(other), path: link.path, filter, insert: `[[${link.text}${close}` }];
    });
  }
  const resolution = source.resolveWikiTarget(typing.target.trim(), note);
  if (resolution.kind !== 'note' && resolution.kind !== 'ambiguous') return [];
  const target = resolution.uri;
  const analysis = source.analysisOf(target);
  if (!analysis) return [];
  const path = source.wikiLinkTo(target, note)?.path ?? fileNameOf(target);
  const prefix = `[[${typing.target}#`;
  if (typing.part === 'heading') {
    return analysis.headings.map((heading) => {
      const anchor = headingAnchor(heading);
      return { part: 'heading', label: heading.text, path, filter: prefix + anchor, insert: prefix + anchor + close };
    });
  }
  const text = source.textOf(target) ?? '';
  const lines = new LineIndex(text);
  return analysis.blocks.map((block) => ({
    part: 'block',
    label: `^${block.id}`,
    path,
    filter: `${prefix}^${block.id}`,
    insert: `${prefix}^${block.id}${close}`,
    preview: previewOf(text.slice(lines.offsetAt(block.range.start), lines.offsetAt(block.range.end))),
  }));
}

/** `Goal drift` for `Goal drift.md`. */
function stemOf(note: string): string {
  return fileNameOf(note).replace(/\.(md|markdown)$/i, '');
}

/** A heading as a link names it: its text, or its slug when the text holds what would end the link. */
function headingAnchor(heading: Heading): string {
  return NOT_IN_HEADING.test(heading.text) ? heading.slug : heading.text;
}

/** The paragraph a block id ends, on one line, without the id, cut to a preview's length. */
function previewOf(paragraph: string): string {
  const plain = paragraph.replace(/\s*\^[A-Za-z0-9-]+\s*$/, '').replace(/\s+/g, ' ').trim();
  return plain.length > PREVIEW_LENGTH ? `${plain.slice(0, PREVIEW_LENGTH - 1)}…` : plain;
}
