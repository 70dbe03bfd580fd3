import * as vscode from 'vscode';
import { uriParts } from '../../core/citations/courseUrl';
import type { CourseIndex } from '../../core/index/courseIndex';
import { linkSortKey, linkStyle, type WikiLinkCandidate, wikiLinkCandidates, type WikiLinkTyping, wikiLinkTyping } from '../../core/links/linkCompletions';
import type { Concept } from '../../core/model';
import { aliasList } from '../../core/render/aliasList';
import { fileNameOf } from '../../core/util/fileName';
import { fromVsPosition, noteKey, toVsRange } from '../convert';
import type { Settings } from '../settings';
import type { WorkspaceNotes } from '../workspaceNotes';
import type { AnswerTimes } from './answerTimes';
import { Slices } from '../slices';
import { answerUnlessCancelled } from './cancellable';

/** The word being typed: a letter or digit, then letters, digits, apostrophes and hyphens (`RLHF's`, `influence-se`). */
const WORD_BEFORE_CURSOR = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*$/u;
/** How many words before the one being typed may belong to the same term (`inner mis` for `Inner misalignment`). */
const WORDS_BEFORE = 3;
/** Typo-tolerant matches asked of the search, and names kept per typed phrase; the list is asked again at each key. */
const SEARCH_LIMIT = 100;
const PREFIX_LIMIT = 100;

/** A name to suggest, the column its replace range starts at, and its rank. */
interface Candidate {
  readonly concept: Concept;
  readonly name: string;
  readonly start: number;
  readonly rank: number;
}

/**
 * Suggests defined terms and aliases while typing prose; after `[[` a wikilink to another note and a citation
 * of another note or one of its headings, the note's own style first; after `[[note#` and `[[note#^` that
 * note's headings and block ids. Offers nothing in code, HTML or link URLs.
 */
export class ConceptCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly index: CourseIndex,
    private readonly notes: WorkspaceNotes,
    private readonly settings: () => Settings,
    private readonly times: AnswerTimes,
  ) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.ProviderResult<vscode.CompletionList> {
    if (!this.settings().completion.enabled) return undefined;
    return this.times.time('completion', () => {
      const slices = new Slices('question'); // its slice begins as it arrives: the note's parse below counts in it
      // The typo-tolerant search and the names by prefix, built again when a term or alias changes: in slices.
      return this.notes.afterSync(document, () => answerUnlessCancelled(token, this.notes, () => this.#items(document, position), slices, () => this.index.completionSteps()));
    });
  }

  #items(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionList | undefined {
    void this.notes.sync(document); // an edit may have come while it waited: an ordinary one is indexed at once
    const note = noteKey(document);
    const line = document.lineAt(position.line).text;
    const typing = wikiLinkTyping(line, position.character);
    // Once closed, `[[goal-dr]]` is a wikilink rather than prose text: its inside is completed too.
    if (!this.index.inProse(note, fromVsPosition(position)) && !(typing && this.#inWikiLink(note, position))) return undefined;
    if (typing) return this.#linkItems(note, typing, position.line);
    const before = line.slice(0, position.character);
    const word = WORD_BEFORE_CURSOR.exec(before);
    if (!word || (word[0].match(/\p{L}/gu)?.length ?? 0) < 2) return undefined;
    const items = this.#termCandidates(word[0], phrasesBefore(before, word.index)).map((candidate) =>
      termItem(candidate, new vscode.Range(position.line, candidate.start, position.line, position.character), before.slice(candidate.start)),
    );
    return new vscode.CompletionList(items, true);
  }

  /**
   * Wikilinks and, where a citation can go (after `[[` but not `![[`, with no anchor or label kept after),
   * citations: both kinds, the note's own style first (see `linkStyle`).
   */
  #linkItems(note: string, typing: WikiLinkTyping, line: number): vscode.CompletionList {
    const range = new vscode.Range(line, typing.start, line, typing.end);
    const style = linkStyle(note, this.index);
    const items = wikiLinkCandidates(typing, note, this.index).map((candidate, rank) => wikiLinkItem(candidate, range, linkSortKey(style, 'wiki', rank)));
    if (typing.part === 'note' && !typing.embed && typing.close) items.push(...citationItems(this.index, note, range, (rank) => linkSortKey(style, 'citation', rank)));
    return new vscode.CompletionList(items);
  }

  #inWikiLink(note: string, position: vscode.Position): boolean {
    return this.index.analysisOf(note)?.wikiLinks.some(({ range }) => toVsRange(range).contains(position)) ?? false;
  }

  /**
   * Names starting with a typed phrase (up to PREFIX_LIMIT per phrase, longest phrase first), then the
   * typo-tolerant search's matches: the search's trigram cut-off can miss a prefix among 30,000 terms.
   */
  #termCandidates(word: string, phrases: readonly Phrase[]): Candidate[] {
    const byPhrase = this.index.namesStartingWith(
      phrases.map((phrase) => phrase.text),
      PREFIX_LIMIT,
    );
    const named = [...byPhrase.flat(), ...this.index.search(word, SEARCH_LIMIT).map((result) => ({ concept: result.concept, name: result.matched }))];
    const found = new Map<string, Candidate>();
    for (const { concept, name } of named) {
      const key = `${concept.id}\u0000${name}`;
      if (!found.has(key)) found.set(key, { concept, name, start: replaceStart(phrases, name), rank: found.size });
    }
    return [...found.values()];
  }
}

/** A phrase typed before the cursor: where it starts, and its text lower-cased with spaces collapsed. */
interface Phrase {
  readonly start: number;
  readonly text: string;
}

/** Where the replace range of `name` starts: at the longest typed phrase it starts with, else at the word. */
function replaceStart(phrases: readonly Phrase[], name: string): number {
  const lower = name.toLowerCase();
  return (phrases.find((phrase) => lower.startsWith(phrase.text)) ?? phrases[phrases.length - 1])?.start ?? 0;
}

/** The typed phrases ending at the cursor, longest first: `inner mis`, then `mis`; lower-cased, spaces collapsed. */
function phrasesBefore(before: string, wordStart: number): Phrase[] {
  const phrases: Phrase[] = [{ start: wordStart, text: before.slice(wordStart).toLowerCase() }];
  for (let i = 0; i < WORDS_BEFORE; i++) {
    const previous = /\S+\s+$/u.exec(before.slice(0, phrases[0]?.start ?? 0));
    if (!previous) break;
    phrases.unshift({ start: previous.index, text: before.slice(previous.index).toLowerCase().replace(/\s+/gu, ' ') });
  }
  return phrases;
}

function termItem(candidate: Candidate, range: vscode.Range, typed: string): vscode.CompletionItem {
  const { concept, name, rank } = candidate;
  const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Reference);
  const definedIn = concept.definitions[0] ? `defined in ${fileNameOf(concept.definitions[0].note)}` : 'defined';
  item.detail = name === concept.term ? `Alignment Notes · ${definedIn}` : `Alignment Notes · ${concept.term}, ${definedIn}`;
  item.documentation = documentationOf(concept);
  item.insertText = inTypedCase(name, typed);
  item.range = range;
  item.sortText = String(rank).padStart(4, '0');
  return item;
}

/** `Inner misalignment` typed as `inner mis` goes in as `inner misalignment`; acronyms (`AI control`, `RLHF`) keep their case. */
function inTypedCase(name: string, typed: string): string {
  const typedLower = /^\p{Ll}/u.test(typed);
  return typedLower && /^\p{Lu}\P{Lu}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** The first definition, untrusted: note text only through `appendText`, so it can never become a link or HTML. */
function documentationOf(concept: Concept): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.supportHtml = false;
  markdown.appendMarkdown('**').appendText(concept.term).appendMarkdown('**');
  if (concept.aliases.length > 0) markdown.appendMarkdown(' _(').appendText(aliasList(concept.aliases)).appendMarkdown(')_');
  const first = concept.definitions[0];
  if (first) markdown.appendMarkdown('\n\n').appendText(first.text).appendMarkdown('\n\n_Defined in ').appendText(fileNameOf(first.note)).appendMarkdown('_');
  return markdown;
}

/** A wikilink as an item; the label says which kind it is, as a citation of the same note may be listed too. */
function wikiLinkItem(candidate: WikiLinkCandidate, range: vscode.Range, sortText: string): vscode.CompletionItem {
  const kind = candidate.part === 'note' ? vscode.CompletionItemKind.File : vscode.CompletionItemKind.Reference;
  const item = new vscode.CompletionItem({ label: candidate.label, description: 'wikilink' }, kind);
  item.detail = `Alignment Notes · ${candidate.path}`;
  if (candidate.preview !== undefined) item.documentation = candidate.preview;
  item.insertText = candidate.insert;
  item.filterText = candidate.filter;
  item.range = range;
  item.sortText = sortText;
  return item;
}

/**
 * One item per citable note and one per heading of it. Citable notes are simply every other saved note of
 * the index, sorted by URI (an unsaved note has no path to link to); the summary can then cite the units,
 * and a unit can cite the summary or another unit.
 */
function citationItems(index: CourseIndex, note: string, range: vscode.Range, sortText: (rank: number) => string): vscode.CompletionItem[] {
  const urlOf = citationStyle(index, note);
  const items: vscode.CompletionItem[] = [];
  for (const unit of index.notes()) {
    if (unit === note || unit.startsWith('untitled:')) continue;
    const fileName = fileNameOf(unit);
    const label = citationLabel(fileName);
    const item = (text: string, kind: vscode.CompletionItemKind, slug?: string): vscode.CompletionItem => {
      const completion = new vscode.CompletionItem({ label: text, description: 'citation' }, kind);
      completion.detail = `Alignment Notes · ${fileName}`;
      completion.insertText = `[[${label.replace(/[[\]\\]/g, '\\$&')}]](${urlOf(unit, slug)})`;
      completion.filterText = `[[${text}`;
      completion.range = range;
      completion.sortText = sortText(items.length);
      return completion;
    };
    items.push(item(fileName.replace(/\.(md|markdown)$/i, ''), vscode.CompletionItemKind.File));
    for (const heading of index.headingsOf(unit)) items.push(item(`${label} › ${heading.text}`, vscode.CompletionItemKind.Reference, heading.slug));
  }
  return items;
}

/** `Unit 1` for `Unit 1 - Losing control to AI.md`; otherwise the file name without its extension. */
function citationLabel(fileName: string): string {
  const unit = /^unit\s*(\d+)/i.exec(fileName);
  return unit ? `Unit ${unit[1] ?? ''}` : fileName.replace(/\.(md|markdown)$/i, '');
}

/**
 * How `note` writes links to a note, with an optional anchor. In order: the URL the note already cites that
 * note with (new anchor); the URL folder most of its web citations share plus the local file name; a
 * relative path.
 */
function citationStyle(index: CourseIndex, note: string): (unit: string, slug?: string) => string {
  const cited = new Map<string, string>();
  const bases = new Map<string, number>();
  for (const { citation, resolution } of index.citationsIn(note)) {
    const url = linkDestination(citation.url.split('#')[0] ?? '');
    if (resolution.kind === 'local' && !cited.has(resolution.note)) cited.set(resolution.note, url);
    const base = /^https?:\/\/[^?#]*\//i.exec(url)?.[0];
    if (base) bases.set(base, (bases.get(base) ?? 0) + 1);
  }
  const base = [...bases].sort((a, b) => b[1] - a[1])[0]?.[0];
  return (unit, slug) => {
    const url = cited.get(unit) ?? (base === undefined ? relativePath(note, unit) : base + encodeSegment(fileNameOf(unit)));
    return slug === undefined ? url : `${url}#${encodeSegment(slug)}`;
  };
}

/**
 * The path from one note to another, percent-encoded. From a note with no place beside the other (an unsaved
 * `untitled:` note), the path from the other's workspace folder, where such a note is most likely saved.
 */
function relativePath(from: string, to: string): string {
  const source = uriParts(from);
  const target = uriParts(to);
  if (source.origin !== target.origin) {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(to), false).split('/').map(encodeSegment).join('/');
  }
  const folder = source.segments.slice(0, -1);
  let shared = 0;
  while (shared < folder.length && shared < target.segments.length - 1 && folder[shared] === target.segments[shared]) shared++;
  return [...folder.slice(shared).map(() => '..'), ...target.segments.slice(shared).map(encodeSegment)].join('/');
}

/** `encodeURIComponent` plus the characters it leaves that would end a markdown link early: `(`, `)` and friends. */
function encodeSegment(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A URL as read from `<...>` may hold spaces or parentheses; escape them so it stays one markdown link. */
function linkDestination(url: string): string {
  return url.replace(/[\s()<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
