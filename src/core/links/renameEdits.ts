import type { Range } from '../model';
import { LineIndex } from '../parse/position';
import { WIKI_LINK_MAX_INSIDE } from '../parse/wikiLink/syntax';
import { LinkResolver } from './linkResolver';
import { type Backlink, type ResolvedWikiLink, rewriteWikiLink } from './wikiLinks';

/** A note or a folder of notes renamed or moved, as VS Code reports it: URIs without a trailing `/`. */
export interface NoteMove {
  readonly from: string;
  readonly to: string;
}

/** One wikilink written again: `range` of `note`, where the note is before the move, becomes `newText`. */
export interface LinkEdit {
  readonly note: string;
  readonly range: Range;
  readonly newText: string;
}

/** What the edits are worked out from: the notes and their links as they are before the move. */
export interface LinkSource {
  readonly notes: readonly string[];
  /** The workspace folders' URIs. */
  readonly roots: readonly string[];
  backlinksOf(note: string): readonly Backlink[];
  wikiLinksIn(note: string): readonly ResolvedWikiLink[];
  textOf(note: string): string | undefined;
}

/** A note's file name: what a move must keep for the note to stay a note. */
const NOTE_NAME = /\.(?:md|markdown)$/i;
/** What a wikilink target cannot hold and still be read back as written (see `wikiLink/syntax.ts`). */
const UNWRITABLE = /[[\]|#\\\u0000-\u001f\u007f]/;

/**
 * The edits that keep every wikilink leading to a moved note leading to it after the move, for links that lead
 * to it alone now (an ambiguous link is left for its warning). A link that still leads there after the move
 * gets no edit. Otherwise the target is written again in its own form: a name stays the shortest path suffix
 * that leads there alone, a path of several segments keeps at least as many, a path from the workspace folder
 * (or with a leading `/`) stays one, and a `.md` stays; heading, block, label, embed and a table's `\|` are kept.
 * A target that cannot be written as a wikilink (a file name with `#`, `|` or brackets) gets no edit. Links in
 * the moved notes count too, resolved from where those notes go. Never throws; linear in the links of the
 * notes that link to the moved ones, plus one resolver over all notes.
 */
export function linkEditsForMoves(source: LinkSource, moves: readonly NoteMove[]): LinkEdit[] {
  const moved = movedNotes(source.notes, moves);
  if (moved.size === 0) return [];
  const after = new LinkResolver({ notes: source.notes.map((note) => moved.get(note) ?? note), roots: source.roots });
  const linking = new Set<string>();
  for (const note of moved.keys()) for (const backlink of source.backlinksOf(note)) linking.add(backlink.note);
  const edits: LinkEdit[] = [];
  for (const note of [...linking].sort()) {
    const text = source.textOf(note);
    if (text === undefined) continue;
    let lines: LineIndex | undefined;
    const from = moved.get(note) ?? note;
    // A note that links a page often writes the same target each time: worked out once per note.
    const targets = new Map<string, string | undefined>();
    for (const { link, resolution } of source.wikiLinksIn(note)) {
      if (resolution.kind !== 'note' || link.target === '') continue;
      const to = moved.get(resolution.uri);
      if (to === undefined) continue;
      if (!targets.has(link.target)) targets.set(link.target, newTarget(after, link.target, resolution.via === 'root', from, to));
      const target = targets.get(link.target);
      if (target === undefined) continue;
      lines ??= new LineIndex(text);
      const written = text.slice(lines.offsetAt(link.range.start), lines.offsetAt(link.range.end));
      const newText = rewriteWikiLink(link, target, written.includes('\\|'));
      if (newText.length - (link.embed ? 5 : 4) <= WIKI_LINK_MAX_INSIDE) edits.push({ note, range: link.range, newText });
    }
  }
  return edits;
}

/** Every note each move takes, old URI → new URI: the note itself, or every note under the folder. */
function movedNotes(notes: readonly string[], moves: readonly NoteMove[]): Map<string, string> {
  const moved = new Map<string, string>();
  for (const { from, to } of moves) {
    if (from === to) continue;
    const folder = `${from}/`;
    for (const note of notes) {
      const next = note === from ? to : note.startsWith(folder) ? `${to}/${note.slice(folder.length)}` : undefined;
      // Renamed to `x.txt`, a note leaves the index: its links are left to be reported broken.
      if (next !== undefined && NOTE_NAME.test(next.split(/[?#]/)[0] ?? next)) moved.set(note, next);
    }
  }
  return moved;
}

/**
 * The target to write in place of `written`, a link from `from` that led to the note now at `to`; undefined
 * when it still leads there or cannot be written.
 */
function newTarget(after: LinkResolver, written: string, fromRoot: boolean, from: string, to: string): string | undefined {
  const now = after.resolve(written, from, 'wiki');
  if (now.kind === 'note' && now.uri === to) return undefined;
  const segments = written.split('/').filter((segment) => segment.trim() !== '' && segment !== '.' && segment !== '..');
  const wholePath = written.startsWith('/') || (fromRoot && segments.length > 1);
  const target = after.wikiTarget(to, from, wholePath ? Infinity : segments.length, NOTE_NAME.test(written));
  if (target === undefined || UNWRITABLE.test(target) || target.trim() !== target) return undefined;
  // A move to another folder keeps the name's case as written: `[[RLHF]]` stays `RLHF`.
  const parts = target.split('/');
  const last = segments[segments.length - 1];
  if (last !== undefined && key(last) === key(parts[parts.length - 1] ?? '')) parts[parts.length - 1] = last;
  return `${written.startsWith('/') ? '/' : ''}${parts.join('/')}`;
}

/** A name as links compare it: case and the note extension aside. */
function key(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(NOTE_NAME, '');
}
