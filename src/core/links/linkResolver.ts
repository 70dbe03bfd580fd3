import { safeDecode, uriParts, type UriParts } from '../citations/courseUrl';
import { finish, type Steps, WorkBudget } from '../util/steps';
import { CloseStems } from './closeStems';

/** Something a link can lead to: a markdown note or another file (image, PDF). */
export interface LinkTarget {
  readonly kind: 'note' | 'file';
  readonly uri: string;
}

/** Where a link leads, and by which rule, so a hover or diagnostic can say why. */
export type LinkResolution =
  | { readonly kind: 'note' | 'file'; readonly uri: string; readonly via: 'self' | 'relative' | 'root' | 'suffix' | 'otherRoot' }
  | {
      readonly kind: 'ambiguous';
      readonly uri: string;
      /** every equally short candidate, the chosen one first */
      readonly candidates: readonly string[];
    }
  | { readonly kind: 'missing' };

/** How to link to a note with `[[...]]`: the target to write, and the note's path to show beside it. */
export interface WikiLinkText {
  /** `goal-drift`, or `concepts/goal-drift` when the name alone leads elsewhere. */
  readonly text: string;
  /** `concepts/goal-drift.md`: from the note's workspace folder. */
  readonly path: string;
}

type Kind = LinkTarget['kind'];

/** What a resolver resolves to: URIs of markdown notes, of other files (images, PDFs), and of the workspace folders. */
export interface LinkInput {
  readonly notes: readonly string[];
  readonly files?: readonly string[];
  readonly roots?: readonly string[];
  /** URIs taken apart by earlier builds, kept by an index that builds a resolver again and again (see `ParsedUris`). */
  readonly parsed?: ParsedUris;
}

/** A URI taken apart as the resolver files it: the same whatever the roots, so it can outlive a build. */
interface ParsedUri {
  readonly origin: string;
  /** Decoded path segments, NFC. */
  readonly display: readonly string[];
  readonly lower: readonly string[];
  /** Origin and display path: `Unit%201.md` and `Unit 1.md` have one. */
  readonly identity: string;
}

/**
 * URIs taken apart, kept between builds: an index rebuilds its resolver about ten times during a first index of
 * 10,000 notes, and taking 18,000 URIs apart again each time was a fifth of what the host allocated meanwhile.
 */
export class ParsedUris {
  readonly #parsed = new Map<string, ParsedUri>();

  get(uri: string): ParsedUri {
    let parsed = this.#parsed.get(uri);
    if (parsed === undefined) {
      const { origin, segments } = uriParts(uri);
      const display = segments.map((segment) => segment.normalize('NFC'));
      parsed = { origin, display, lower: display.map((segment) => segment.toLowerCase()), identity: `${origin}\u0000${display.join('/')}` };
      this.#parsed.set(uri, parsed);
    }
    return parsed;
  }

  /** Forgets every URI once it holds more than twice `live` of them: removed notes' go, at one build's parsing. */
  prune(live: number): void {
    if (this.#parsed.size > 2 * live + 1_000) this.#parsed.clear();
  }
}
type Via = 'relative' | 'root' | 'suffix' | 'otherRoot';

/** A note or file taken apart once, so that resolving compares prepared strings and never re-parses URIs. */
interface Entry {
  readonly uri: string;
  readonly kind: Kind;
  readonly origin: string;
  /** NFC, original case, with the extension: what a suggested link text is written from. */
  readonly display: readonly string[];
  /** NFC, lower case; a note's last segment without `.md`/`.markdown`: what links are compared with. */
  readonly keys: readonly string[];
  /** Root-relative for notes in a workspace folder, from the origin's top for the others. */
  readonly relStart: number;
  /** Segments after `relStart`: the first measure of "shortest path". */
  readonly depth: number;
  /** Characters of the path after `relStart`: the second measure. */
  readonly chars: number;
  /** Index into the resolver's roots, or -1 for an entry outside every workspace folder. */
  readonly root: number;
}

/**
 * The place links are looked up from. For a workspace folder, `base` is its path and every entry under it
 * counts; for a note outside every folder, `base` is the note's own folder and only entries under it count.
 */
interface Scope {
  readonly key: string;
  readonly origin: string;
  readonly base: readonly string[];
  readonly root: number;
  /** `origin \0 base/`, the start of every `byPath` key in this scope, built once. */
  readonly pathPrefix: string;
}

/** Where the link is written: the linking note's folder and scope. */
interface Place {
  readonly uri: string;
  readonly origin: string;
  readonly folder: readonly string[];
  readonly scope: Scope;
}

type Outcome = Exclude<LinkResolution, { kind: 'missing' } | { via: 'self' }> | undefined;

/** A URI taken apart, with what it is filed as. */
type Parsed = ParsedUri & { readonly uri: string; readonly kind: Kind };

/** An entry's `ParsedUri.identity`, from its parts. */
function parsedIdentity(entry: Entry): string {
  return `${entry.origin}\u0000${entry.display.join('/')}`;
}

/** The equally short head of a sorted list: rule 5's answer, without the rule's name. */
interface Ties {
  readonly first: Entry;
  readonly uris: readonly string[];
}

const MISSING: LinkResolution = Object.freeze({ kind: 'missing' });
const NOTE_EXTENSION = /\.(?:md|markdown)$/;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const ESCAPE = /%[0-9a-fA-F]{2}/;

/**
 * Resolves `[[wikilinks]]` and `[x](note.md)` links to notes and files, by the rules Obsidian and Foam users
 * expect. Built once per list of notes with maps by full path and by every path suffix, so a link costs a few
 * map look-ups however many notes share a name; build a new one when the lists change.
 *
 * Rules:
 * 1. An empty target (`[[#Heading]]`) is the linking note itself (`self`).
 * 2. Comparison ignores case (after NFC), and a note's `.md`/`.markdown` is optional; nothing else is forgiven
 *    (`[[Goal Drift]]` is not `goal-drift.md`). A target with another extension (`diagram.png`) is looked up
 *    among the files first, then among notes named exactly so (`v1.2 notes.md`).
 * 3. A 'markdown' target is a percent-encoded path from the linking note's folder (`/x.md`: from its
 *    workspace folder; `\` reads as `/`). If no such note or file exists, rule 4 runs on the decoded path.
 * 4. A 'wiki' target, first rule that matches wins: (a) `root`: the path from the linking note's workspace
 *    folder; (b) `suffix`: notes of that folder whose path ends with `/<target>`; (c) `otherRoot`: (a) then (b)
 *    in each other workspace folder, in the order given.
 * 5. Among several matches of one rule the shortest path (fewest segments, then fewest characters) wins;
 *    equally short ones give `ambiguous`, the first in code-unit order chosen.
 * 6. Every look-up is a map hit on a pre-sorted list (by full path, by each path suffix); ties are computed once
 *    per list. Only a note outside every workspace folder filters its hit list (to entries under its folder).
 * 7. `closest` ranks note stems by edit distance (at most max(2, a third of the target's length)), ties to the
 *    shorter path; names too different in length are skipped before any distance is computed.
 * 8. Nothing throws, and nothing outside a workspace folder is reached: `..` never climbs above the folder
 *    (a leading `..` in a wikilink is dropped; in a markdown link it fails the relative look-up).
 *
 * A note outside every workspace folder treats its own folder as its root. Without `roots`, each URI origin
 * gets one root: the deepest folder holding all its notes and files.
 */
export class LinkResolver {
  private roots: readonly Scope[] = [];
  /** `kind \0 origin \0 key path` → entries at that path, shortest first. */
  private readonly byPath = new EntryMap();
  /** `kind \0 scope key \0 key suffix` → entries whose path ends so, shortest first. */
  private readonly bySuffix = new EntryMap();
  /** Lower-case note stem → notes, shortest first: what `closest` scans, once per distinct stem. */
  private readonly byStem = new EntryMap();
  /** URI as given → its entry: where `wikiTarget` and `wikiLinkTo` start. */
  private readonly byUri = new Map<string, Entry>();
  private readonly tieCache = new WeakMap<readonly Entry[], Ties>();
  /** Notes by trailing path of normalised names, for course URLs (`tailOf`); built on the first such question. */
  private looseTails: EntryMap | undefined;
  /** The stems by their bigrams, for `closest`; built on its first call. */
  private closeStems: CloseStems | undefined;
  /** What `closeStems` found for each query: a missing page is often linked from many notes. */
  private readonly nearStems = new Map<string, readonly { stem: string; distance: number }[]>();
  /** The keys of every scope that holds entries: each root's, and each root-less origin's. */
  private scopeKeys: string[] = [];
  /** Each entry's `ParsedUri.identity`: a second spelling of a path already filed is skipped. */
  readonly #identities = new Set<string>();
  /** Whether the roots were given: derived ones depend on every entry, so then notes cannot be added (`addNotes`). */
  #rootsGiven = false;
  /** `wikiLinkTo`'s answers by scope (`pathPrefix`) then URI: a link's target depends only on the linking note's scope. */
  private readonly wikiTexts = new Map<string, Map<string, WikiLinkText | undefined>>();
  /**
   * `resolve`'s answers for wikilinks by scope (`pathPrefix`), then target as written (trimmed): a page linked from
   * thousands of notes is looked up once per scope. On 10,000 notes of linked prose, 200,000 links took 1 s of `check`.
   */
  private readonly wikiResolved = new Map<string, Map<string, LinkResolution>>();
  private lastPlace: Place | undefined;
  /** See `cost`. */
  readonly #cost = { entriesExamined: 0 };

  /** notes: URIs of markdown notes; files: URIs of other files (images, PDFs); roots: workspace folder URIs. */
  constructor(input: LinkInput) {
    finish(this.#fill(input, new WorkBudget()));
  }

  /** The same resolver built in steps (see `steps.ts`): 10,000 notes and 8,000 files take hundreds of ms in one piece. */
  static *build(input: LinkInput): Steps<LinkResolver> {
    const resolver = new LinkResolver({ notes: [] });
    const budget = new WorkBudget();
    yield* resolver.#fill(input, budget);
    // Course URLs are looked up by their tails on the first citation: built here, in steps, rather than then.
    resolver.looseTails = yield* buildLooseTails(resolver.byStem, budget);
    return resolver;
  }

  /** Takes every note and file apart and files it by path, suffix and stem; a resolver is filled once, when built. */
  *#fill(input: LinkInput, budget: WorkBudget): Steps<void> {
    const parsed: Parsed[] = [];
    const uris = input.parsed ?? new ParsedUris();
    const add = (uri: string, kind: Kind): void => {
      const parts = uris.get(uri);
      // `Unit%201.md` and `Unit 1.md` name one file: keep the first spelling rather than call it ambiguous.
      if (parts.display.length === 0 || this.#identities.has(parts.identity)) return;
      this.#identities.add(parts.identity);
      parsed.push({ uri, kind, ...parts });
    };
    for (const uri of input.notes) {
      add(uri, 'note');
      if (budget.spend()) yield;
    }
    for (const uri of input.files ?? []) {
      add(uri, 'file');
      if (budget.spend()) yield;
    }
    this.#rootsGiven = input.roots !== undefined && input.roots.length > 0;
    this.roots = input.roots !== undefined && input.roots.length > 0 ? givenRoots(input.roots) : derivedRoots(parsed);
    for (const item of parsed) {
      this.#file(item, false);
      if (budget.spend()) yield;
    }
    for (const map of [this.byPath, this.bySuffix, this.byStem]) yield* map.sort(shorter, budget);
  }

  /**
   * Adds notes new to this resolver, in steps, so that it then answers as one built from all its notes, these
   * after them, would: what an index does while a first index adds notes, where building again for every note
   * so far (and 8,000 attachments) took hundreds of ms each time. Every step leaves the resolver whole, its
   * lists sorted and its caches of the lists it changed dropped, so it may answer between steps. Returns false,
   * having added nothing, where only a new build gives that answer: roots derived from the entries, or a note
   * spelled as a file already filed (a build files notes first). A second spelling of a filed note is skipped,
   * as a build skips it.
   */
  *addNotes(notes: readonly string[], parsed: ParsedUris, budget: WorkBudget): Steps<boolean> {
    if (!this.#rootsGiven) return false;
    const items: Parsed[] = [];
    const spellings = new Set<string>();
    for (const uri of notes) {
      const parts = parsed.get(uri);
      if (parts.display.length === 0 || spellings.has(parts.identity)) continue;
      spellings.add(parts.identity);
      if (this.#identities.has(parts.identity)) {
        if (this.#fileIdentities().has(parts.identity)) return false;
        continue;
      }
      items.push({ uri, kind: 'note', ...parts });
      if (budget.spend()) yield;
    }
    for (const item of items) {
      this.#identities.add(item.identity);
      this.#file(item, true);
      this.closeStems = undefined;
      this.nearStems.clear();
      this.wikiTexts.clear();
      this.wikiResolved.clear();
      if (budget.spend()) yield;
    }
    return true;
  }

  /** The identities of the files filed: only `addNotes` asks, for a note that would take a file's place. */
  #fileIdentities(): Set<string> {
    const identities = new Set<string>();
    for (const entry of this.byUri.values()) if (entry.kind === 'file') identities.add(parsedIdentity(entry));
    return identities;
  }

  /**
   * Files one note or file by path, each suffix and stem (and loose tails, once built). `sorted`: into each
   * list at its place, dropping the ties found for it, so that the resolver answers right away; else appended,
   * for `#fill` to sort every list once.
   */
  #file(item: Parsed, sorted: boolean): void {
    const root = this.rootOf(item.origin, item.lower);
    const relStart = root < 0 ? 0 : (this.roots[root]?.base.length ?? 0);
    const keys = item.kind === 'note' ? withLast(item.lower, stripNoteExtension(item.lower[item.lower.length - 1] ?? '')) : item.lower;
    const rel = item.display.slice(relStart);
    const entry: Entry = {
      uri: item.uri,
      kind: item.kind,
      origin: item.origin,
      display: item.display,
      keys,
      relStart,
      depth: rel.length,
      chars: rel.join('/').length,
      root,
    };
    const add = (map: EntryMap, key: string): void => {
      if (!sorted) return map.add(key, entry);
      const changed = map.insert(key, entry, shorter);
      if (changed) this.tieCache.delete(changed);
    };
    this.byUri.set(item.uri, entry);
    add(this.byPath, `${item.kind}\u0000${item.origin}\u0000${keys.join('/')}`);
    const scopeKey = root < 0 ? rootlessKey(item.origin) : (this.roots[root]?.key ?? '');
    if (!this.scopeKeys.includes(scopeKey)) this.scopeKeys.push(scopeKey);
    const suffixPrefix = `${item.kind}\u0000${scopeKey}\u0000`;
    let suffix = '';
    for (let start = keys.length - 1; start >= relStart; start--) {
      suffix = start === keys.length - 1 ? (keys[start] ?? '') : `${keys[start] ?? ''}/${suffix}`;
      add(this.bySuffix, suffixPrefix + suffix);
    }
    if (item.kind !== 'note') return;
    add(this.byStem, keys[keys.length - 1] ?? '');
    if (this.looseTails) fileLooseTails(this.looseTails, entry, sorted, new Map());
  }

  /**
   * What this resolver's look-ups have cost since it was built, in steps that no machine or load changes:
   * entries examined one by one (rule 6: a map hit examines none, and a list's ties are examined once) and
   * edit distances computed (rule 7). Tests hold a look-up's cost to these, where a timing would be noise.
   */
  get cost(): { readonly entriesExamined: number; readonly distances: number } {
    return { entriesExamined: this.#cost.entriesExamined, distances: this.closeStems?.measured ?? 0 };
  }

  /**
   * `target` as written in the link, without `#heading`/`#^block`/`|label` (the caller splits those off);
   * `style` 'wiki' for [[target]] (names, case-insensitive, extension optional), 'markdown' for [x](target)
   * (a relative path, percent-encoded). Never throws.
   */
  resolve(target: string, fromNote: string, style: 'wiki' | 'markdown'): LinkResolution {
    if (target === '') return { kind: 'note', uri: fromNote, via: 'self' };
    let text = target.trim();
    if (text === '') return MISSING;
    const place = this.placeOf(fromNote);
    if (style === 'wiki') {
      let answers = this.wikiResolved.get(place.scope.pathPrefix);
      if (answers === undefined) this.wikiResolved.set(place.scope.pathPrefix, (answers = new Map()));
      let answer = answers.get(text);
      if (answer === undefined) {
        if (answers.size >= WIKI_RESOLVED_MEMO_LIMIT) answers.clear();
        answers.set(text, (answer = this.byWikiRules(text.split('/'), place) ?? MISSING));
      }
      return answer;
    }
    if (text === '<>') return { kind: 'note', uri: fromNote, via: 'self' };
    if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1).trim();
    text = text.replace(/\\/g, '/');
    // `https:`, `mailto:`, `C:/…`: not a path into the workspace.
    if (SCHEME.test(text)) return MISSING;
    const segments = text.split('/').map((segment) => safeDecode(segment));
    return this.byRelativePath(segments, text.startsWith('/'), place) ?? this.byWikiRules(segments, place) ?? MISSING;
  }

  /** The note at exactly this decoded path (case and a note's extension aside), for a relative course link. */
  noteAt(origin: string, segments: readonly string[]): string | undefined {
    const lower = segments.map((segment) => segment.normalize('NFC').toLowerCase());
    const last = lower[lower.length - 1];
    if (last === undefined) return undefined;
    const key = lookups(last).find((lookup) => lookup.kind === 'note')?.key ?? last;
    const found = this.byPath.get(`note\u0000${origin}\u0000${withLast(lower, key).join('/')}`);
    return found && this.exactFirst(found, segments).uri;
  }

  /**
   * The note a course URL's path names, from anywhere: the one sharing the longest trailing run of path
   * segments with `segments`, first comparing names as wikilinks do (`suffix`: case aside, `.md` optional),
   * then by `normaliseFileName` (`fileName`), so that `Unit 1: Losing control.md` finds
   * `Unit 1 - Losing control.md`. Ties go to the shortest path. `within` keeps only notes under that folder,
   * and then only the normalised comparison runs. A few map hits per segment of `segments`.
   */
  tailOf(segments: readonly string[], within?: UriParts): { readonly uri: string; readonly via: 'suffix' | 'fileName' } | undefined {
    const last = segments[segments.length - 1];
    if (last === undefined) return undefined;
    if (within === undefined) {
      const names = withLast(
        segments.map((segment) => segment.normalize('NFC').toLowerCase()),
        stripNoteExtension(last),
      );
      for (let k = names.length; k >= 1; k--) {
        const suffix = names.slice(names.length - k).join('/');
        let best: Entry | undefined;
        const tail = segments.slice(segments.length - k);
        for (const scope of this.scopeKeys) {
          const list = this.bySuffix.get(`note\u0000${scope}\u0000${suffix}`);
          const found = list && this.exactFirst(list, tail);
          if (found === undefined) continue;
          // An exact spelling beats a look-alike (`A.md` for `a.md`); among equals, the shorter path.
          const better = best === undefined || (isExact(found, tail) !== isExact(best, tail) ? isExact(found, tail) : shorter(found, best) < 0);
          if (better) best = found;
        }
        if (best !== undefined) return { uri: best.uri, via: 'suffix' };
      }
    }
    this.looseTails ??= finish(buildLooseTails(this.byStem, new WorkBudget()));
    const folder = within?.segments.map((segment) => segment.normalize('NFC'));
    const inside = (entry: Entry): boolean => {
      this.#cost.entriesExamined++;
      return (
        folder === undefined ||
        (entry.origin === within?.origin && entry.display.length > folder.length && folder.every((segment, i) => entry.display[i] === segment))
      );
    };
    const loose = segments.map(normaliseFileName);
    for (let k = loose.length; k >= 1; k--) {
      const found = this.looseTails.find(loose.slice(loose.length - k).join('\u0000'), inside);
      if (found !== undefined) return { uri: found.uri, via: 'fileName' };
    }
    return undefined;
  }

  /** The stems within `max` edits of `query` (a function of it: `max` is derived from its length by `closest`). */
  private stemsNear(query: string, max: number): readonly { stem: string; distance: number }[] {
    const key = `${max}\u0000${query}`;
    let found = this.nearStems.get(key);
    if (!found) {
      this.closeStems ??= new CloseStems(this.byStem.keys());
      if (this.nearStems.size >= NEAR_STEMS_MEMO_LIMIT) this.nearStems.clear();
      this.nearStems.set(key, (found = this.closeStems.within(query, max)));
    }
    return found;
  }

  /**
   * Up to `limit` (default 3) note names closest to a target that resolved to nothing, for a quick fix: the
   * link text to write, in the same style as the target was written (a bare name stays a bare name, lengthened
   * by folders only when it would otherwise lead elsewhere; a path keeps its folders; `./`, `../` stay
   * relative; escapes stay escaped), best first. Never throws.
   */
  closest(target: string, fromNote: string, limit = 3): string[] {
    const wanted = Number.isFinite(limit) ? Math.floor(limit) : 0;
    if (wanted < 1) return [];
    let text = target.trim();
    if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1).trim();
    const encoded = ESCAPE.test(text);
    text = text.replace(/\\/g, '/');
    const raw = text.split('/');
    const segments = cleanSegments(encoded ? raw.map((segment) => safeDecode(segment)) : raw);
    const last = segments[segments.length - 1];
    if (last === undefined) return [];
    const query = stripNoteExtension(last);
    if (query === '') return [];
    const max = Math.max(2, Math.floor(query.length / 3));
    const place = this.placeOf(fromNote);

    const found: { entry: Entry; distance: number }[] = [];
    for (const { stem, distance } of this.stemsNear(query, max)) {
      let taken = 0;
      for (const entry of this.byStem.list(stem)) {
        if (taken >= wanted) break;
        this.#cost.entriesExamined++;
        if (!reachable(entry, place.scope)) continue;
        found.push({ entry, distance });
        taken++;
      }
    }
    found.sort((a, b) => a.distance - b.distance || shorter(a.entry, b.entry));

    const form: TextForm = {
      shape: /^\.\.?\//.test(text) ? 'relative' : segments.length > 1 || text.startsWith('/') ? 'path' : 'name',
      leadingSlash: text.startsWith('/'),
      dotSlash: text.startsWith('./'),
      extension: NOTE_EXTENSION.test(last.toLowerCase()),
      encoded,
    };
    const texts: string[] = [];
    for (const { entry } of found) {
      if (texts.length >= wanted) break;
      const written = this.linkText(entry, form, place);
      if (!texts.includes(written)) texts.push(written);
    }
    return texts;
  }

  /**
   * The shortest `[[target]]` that leads from `fromNote` to the note `uri` and to no other: its name when no
   * other note wins the name (rule 5), else the fewest trailing folders that do, up to its whole path. Undefined
   * for a URI that is no listed note, or one no target reaches from there (a note outside every workspace
   * folder, or one another of the same path hides). Cached per scope: completion asks it of every note.
   */
  wikiLinkTo(uri: string, fromNote: string): WikiLinkText | undefined {
    const entry = this.byUri.get(uri);
    if (entry?.kind !== 'note') return undefined;
    const place = this.placeOf(fromNote);
    let cache = this.wikiTexts.get(place.scope.pathPrefix);
    if (cache === undefined) this.wikiTexts.set(place.scope.pathPrefix, (cache = new Map()));
    if (cache.has(uri)) return cache.get(uri);
    const suffix = this.uniqueSuffix(entry, namesOf(entry, false), place, 1);
    const found = suffix && { text: suffix.join('/'), path: entry.display.slice(entry.relStart).join('/') };
    cache.set(uri, found);
    return found;
  }

  /** Rule 3: the markdown path from the note's folder (or, with a leading `/`, from its workspace folder). */
  private byRelativePath(decoded: readonly string[], fromRoot: boolean, place: Place): LinkResolution | undefined {
    const floor = place.scope.base.length;
    const path = [...(fromRoot ? place.scope.base : place.folder)];
    for (const raw of decoded) {
      const segment = raw.normalize('NFC').toLowerCase();
      if (segment === '' || segment === '.') continue;
      if (segment !== '..') path.push(segment);
      else if (path.length > floor) path.pop();
      else return undefined;
    }
    const last = path[path.length - 1];
    if (last === undefined || path.length === floor) return undefined;
    for (const { kind, key } of lookups(last)) {
      const found = this.byPath.get(`${kind}\u0000${place.origin}\u0000${withLast(path, key).join('/')}`);
      if (found !== undefined) return this.outcome(found, fromRoot ? 'root' : 'relative');
    }
    return undefined;
  }

  /** Rule 4, for each kind the last segment may name (rule 2): own folder first, then the other roots. */
  private byWikiRules(raw: readonly string[], place: Place): Outcome {
    const segments = cleanSegments(raw).map((segment) => segment.toLowerCase());
    const last = segments[segments.length - 1];
    if (last === undefined) return undefined;
    for (const { kind, key } of lookups(last)) {
      const keys = withLast(segments, key);
      const own = this.inScope(kind, keys, place.scope, undefined);
      if (own !== undefined) return own;
      for (const root of this.roots) {
        if (root.root === place.scope.root) continue;
        const other = this.inScope(kind, keys, root, 'otherRoot');
        if (other !== undefined) return other;
      }
    }
    return undefined;
  }

  /** Rules 4a and 4b in one scope; `via` overrides the rule's name for the other roots. */
  private inScope(kind: Kind, keys: readonly string[], scope: Scope, via: 'otherRoot' | undefined): Outcome {
    const exact = this.byPath.get(`${kind}\u0000${scope.pathPrefix}${keys.join('/')}`);
    if (exact !== undefined) return this.outcome(exact, via ?? 'root');
    let found = this.bySuffix.get(`${kind}\u0000${scope.key}\u0000${keys.join('/')}`);
    if (found === undefined) return undefined;
    // Outside every workspace folder only the note's own folder counts: a short walk over root-less entries.
    if (scope.root < 0) {
      found = isList(found) ? found : [found];
      this.#cost.entriesExamined += found.length;
      found = found.filter((entry) => reachable(entry, scope));
    }
    return isList(found) && found.length === 0 ? undefined : this.outcome(found, via ?? 'suffix');
  }

  /** Rule 5 on a list sorted shortest first; ties are found once per list, so 10,000 equal names cost one pass. */
  private outcome(found: Entry | readonly Entry[], via: Via): Outcome {
    if (!isList(found)) return { kind: found.kind, uri: found.uri, via };
    const list = found;
    let ties = this.tieCache.get(list);
    if (ties === undefined) {
      const first = list[0];
      if (first === undefined) return undefined;
      const uris = [first.uri];
      for (let i = 1; i < list.length; i++) {
        this.#cost.entriesExamined++;
        const entry = list[i];
        if (entry === undefined || entry.depth !== first.depth || entry.chars !== first.chars) break;
        uris.push(entry.uri);
      }
      ties = { first, uris: Object.freeze(uris) };
      this.tieCache.set(list, ties);
    }
    const { first, uris } = ties;
    return uris.length === 1 ? { kind: first.kind, uri: first.uri, via } : { kind: 'ambiguous', uri: first.uri, candidates: uris };
  }

  /** The entry spelled exactly as `tail`, else the first (shortest): a copy named exactly so wins over a look-alike. */
  private exactFirst(found: Entry | readonly Entry[], tail: readonly string[]): Entry {
    if (!isList(found)) return found;
    for (const entry of found) {
      this.#cost.entriesExamined++;
      if (isExact(entry, tail)) return entry;
    }
    return found[0] as Entry;
  }

  /** The linking note's folder and scope; the last one is remembered, as links come note by note. */
  private placeOf(fromNote: string): Place {
    if (this.lastPlace?.uri === fromNote) return this.lastPlace;
    const { origin, segments } = uriParts(fromNote);
    const lower = segments.map((segment) => segment.normalize('NFC').toLowerCase());
    const folder = lower.slice(0, -1);
    const root = this.rootOf(origin, lower);
    const scope = this.roots[root] ?? scopeOf(rootlessKey(origin), origin, folder, -1);
    this.lastPlace = { uri: fromNote, origin, folder, scope };
    return this.lastPlace;
  }

  /** The deepest workspace folder holding `path`, or -1. */
  private rootOf(origin: string, path: readonly string[]): number {
    let best = -1;
    let bestLength = -1;
    for (const root of this.roots) {
      if (root.origin !== origin || root.base.length >= path.length || root.base.length <= bestLength) continue;
      if (root.base.every((segment, i) => path[i] === segment)) {
        best = root.root;
        bestLength = root.base.length;
      }
    }
    return best;
  }

  /**
   * What to write as a wikilink's target in `fromNote` so that it leads to the note `uri` and to no other: the
   * shortest path suffix of at least `minSegments` segments (`a/b` has two; Infinity: the whole path from its
   * workspace folder) that does, with the note's own extension when `extension`. Undefined when no suffix
   * leads there alone, or `uri` is no note of this resolver's. Never throws.
   */
  wikiTarget(uri: string, fromNote: string, minSegments: number, extension: boolean): string | undefined {
    const entry = this.byUri.get(uri);
    if (entry?.kind !== 'note') return undefined;
    return this.uniqueSuffix(entry, namesOf(entry, extension), this.placeOf(fromNote), minSegments)?.join('/');
  }

  /** The shortest suffix of `names`, at least `minSegments` long, that leads from `place` to `entry` alone. */
  private uniqueSuffix(entry: Entry, names: readonly string[], place: Place, minSegments: number): string[] | undefined {
    const start = entry.root < 0 ? place.scope.base.length : entry.relStart;
    const longest = names.length - start;
    for (let k = Math.max(1, Math.min(minSegments, longest)); k <= longest; k++) {
      const candidate = names.slice(names.length - k);
      const resolved = this.resolve(candidate.join('/'), place.uri, 'wiki');
      if (resolved.kind === 'note' && resolved.uri === entry.uri) return candidate;
    }
    return undefined;
  }

  /** What to write in a link so that it leads to `entry`, shaped like the target that failed. */
  private linkText(entry: Entry, form: TextForm, place: Place): string {
    const start = entry.root < 0 ? place.scope.base.length : entry.relStart;
    const names = namesOf(entry, form.extension);
    let parts: string[];
    if (form.shape === 'relative' && entry.origin === place.origin) {
      let common = 0;
      while (common < place.folder.length && common < entry.keys.length - 1 && place.folder[common] === entry.keys[common]) common++;
      const up = place.folder.length - common;
      parts = [...(up === 0 && form.dotSlash ? ['.'] : Array.from({ length: up }, () => '..')), ...names.slice(common)];
    } else if (form.shape !== 'name') {
      parts = names.slice(start);
    } else {
      parts = this.uniqueSuffix(entry, names, place, 1) ?? names.slice(start);
    }
    const written = (form.encoded ? parts.map(encodeSegment) : parts).join('/');
    return form.leadingSlash && form.shape === 'path' ? `/${written}` : written;
  }
}

/**
 * Notes by every trailing run of their path segments inside their workspace folder, each segment by
 * `normaliseFileName` (computed once per distinct segment: folder names repeat).
 */
function* buildLooseTails(byStem: EntryMap, budget: WorkBudget): Steps<EntryMap> {
  const tails = new EntryMap();
  const normalised = new Map<string, string>();
  for (const [, entries] of byStem.lists()) {
    for (const entry of entries) {
      fileLooseTails(tails, entry, false, normalised);
      if (budget.spend()) yield;
    }
  }
  yield* tails.sort(shorter, budget);
  return tails;
}

/** Files a note under each trailing run of its normalised segments; `normalised` remembers segments done (folder names repeat). */
function fileLooseTails(tails: EntryMap, entry: Entry, sorted: boolean, normalised: Map<string, string>): void {
  let key = '';
  for (let i = entry.display.length - 1; i >= entry.relStart; i--) {
    const display = entry.display[i] ?? '';
    let segment = normalised.get(display);
    if (segment === undefined) normalised.set(display, (segment = normaliseFileName(display)));
    key = i === entry.display.length - 1 ? segment : `${segment}\u0000${key}`;
    if (key === '') continue;
    if (sorted) tails.insert(key, entry, shorter);
    else tails.add(key, entry);
  }
}

/**
 * A file name reduced to its lower-case letters and digits (Unicode-aware, after NFC so macOS's decomposed
 * names compare equal): `Unit 1: Losing control to AI.md` and `Unit 1 - Losing control to AI.md` both give
 * `unit1losingcontroltoaimd`. Course repositories and students' copies differ in exactly this punctuation.
 */
export function normaliseFileName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

interface TextForm {
  readonly shape: 'name' | 'path' | 'relative';
  readonly leadingSlash: boolean;
  readonly dotSlash: boolean;
  /** The target named `.md`/`.markdown`: the suggestion names the note's own extension. */
  readonly extension: boolean;
  /** The target had `%XX` escapes (a markdown link): the suggestion is escaped too. */
  readonly encoded: boolean;
}

/** Workspace folders as given (trailing slash or not), the first of duplicates kept. */
function givenRoots(uris: readonly string[]): Scope[] {
  const roots: Scope[] = [];
  const keys = new Set<string>();
  for (const uri of uris) {
    const { origin, segments } = uriParts(uri);
    const base = segments.map((segment) => segment.normalize('NFC').toLowerCase());
    const identity = `${origin}\u0000${base.join('/')}`;
    if (keys.has(identity)) continue;
    keys.add(identity);
    roots.push(scopeOf(`r${roots.length}`, origin, base, roots.length));
  }
  return roots;
}

/** One root per origin: the deepest folder that holds every note and file of that origin. */
function derivedRoots(items: readonly { origin: string; lower: readonly string[] }[]): Scope[] {
  const common = new Map<string, string[]>();
  for (const { origin, lower } of items) {
    const folder = lower.slice(0, -1);
    const known = common.get(origin);
    if (known === undefined) {
      common.set(origin, folder);
      continue;
    }
    let shared = 0;
    while (shared < known.length && known[shared] === folder[shared]) shared++;
    known.length = shared;
  }
  return [...common].map(([origin, base], i) => scopeOf(`r${i}`, origin, base, i));
}

function scopeOf(key: string, origin: string, base: readonly string[], root: number): Scope {
  return { key, origin, base, root, pathPrefix: `${origin}\u0000${base.map((segment) => `${segment}/`).join('')}` };
}

/** Root-less entries of one origin share a group, filtered by the linking note's folder at look-up time. */
function rootlessKey(origin: string): string {
  return `~${origin}`;
}

/** Rule 2: which kinds of entry a last segment may name, under which key, in order. */
function lookups(last: string): { kind: Kind; key: string }[] {
  if (NOTE_EXTENSION.test(last)) return [{ kind: 'note', key: stripNoteExtension(last) }];
  const dot = last.lastIndexOf('.');
  if (dot > 0 && dot < last.length - 1) return [
    { kind: 'file', key: last },
    { kind: 'note', key: last },
  ];
  return [{ kind: 'note', key: last }];
}

/** `Goal-Drift.md` → `goal-drift`; the key a note is filed under and a link is compared with. */
function stripNoteExtension(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(NOTE_EXTENSION, '');
}

/** A note's path segments as written in a link: with its own extension, or without. */
function namesOf(entry: Entry, extension: boolean): readonly string[] {
  return extension ? entry.display : withLast(entry.display, stripStem(entry.display[entry.display.length - 1] ?? ''));
}

/** `Goal-Drift.md` → `Goal-Drift`, keeping the case, for suggested link text. */
function stripStem(name: string): string {
  return name.replace(/\.(?:md|markdown)$/i, '');
}

/** NFC segments without empty and `.` ones; `..` removes the one before it and is dropped at the top. */
function cleanSegments(raw: readonly string[]): string[] {
  const segments: string[] = [];
  for (const part of raw) {
    const segment = part.normalize('NFC');
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}

/** Whether `entry` may be reached from `scope`: any entry in a workspace folder; otherwise only under the folder. */
function reachable(entry: Entry, scope: Scope): boolean {
  if (entry.root >= 0) return true;
  if (scope.root >= 0 || entry.origin !== scope.origin) return false;
  return entry.keys.length > scope.base.length && scope.base.every((segment, i) => entry.keys[i] === segment);
}

/** Percent-encodes one segment for a markdown link; a lone surrogate, which `encodeURIComponent` rejects, stays. */
function encodeSegment(segment: string): string {
  if (segment === '.' || segment === '..') return segment;
  try {
    return encodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function withLast<T>(items: readonly T[], last: T): T[] {
  return items.length === 0 ? [] : [...items.slice(0, -1), last];
}

/** Whether an entry's path ends with exactly these segments (NFC; case and extension as written). */
function isExact(entry: Entry, tail: readonly string[]): boolean {
  const start = entry.display.length - tail.length;
  return start >= 0 && tail.every((segment, i) => entry.display[start + i] === segment.normalize('NFC'));
}

/** `Array.isArray` does not narrow a union with a readonly array. */
function isList(found: Entry | readonly Entry[]): found is readonly Entry[] {
  return Array.isArray(found);
}

/** Distinct broken targets whose near stems a resolver remembers; past it the memo starts again. */
const NEAR_STEMS_MEMO_LIMIT = 10_000;
/** Distinct wikilink targets remembered per scope; past it the memo starts again (a bound, not a tuning). */
const WIKI_RESOLVED_MEMO_LIMIT = 100_000;

/**
 * Entries by key. Most keys name one entry, kept bare rather than in an array of one: a resolver over 10,000
 * notes holds some 50,000 keys, and their arrays were most of its building time and garbage.
 */
class EntryMap {
  readonly #map = new Map<string, Entry | Entry[]>();

  add(key: string, entry: Entry): void {
    const found = this.#map.get(key);
    if (found === undefined) this.#map.set(key, entry);
    else if (Array.isArray(found)) found.push(entry);
    else this.#map.set(key, [found, entry]);
  }

  /** Files `entry` at its place in `order` under `key`; returns the list it went into when that list was there before. */
  insert(key: string, entry: Entry, order: (a: Entry, b: Entry) => number): readonly Entry[] | undefined {
    const found = this.#map.get(key);
    if (found === undefined) this.#map.set(key, entry);
    else if (!Array.isArray(found)) this.#map.set(key, order(entry, found) < 0 ? [entry, found] : [found, entry]);
    else {
      let low = 0;
      let high = found.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (order(found[middle] as Entry, entry) <= 0) low = middle + 1;
        else high = middle;
      }
      found.splice(low, 0, entry);
      return found;
    }
    return undefined;
  }

  /** The entry, or the entries (sorted by `sort`) filed under `key`. */
  get(key: string): Entry | readonly Entry[] | undefined {
    return this.#map.get(key);
  }

  first(key: string): Entry | undefined {
    const found = this.#map.get(key);
    return Array.isArray(found) ? found[0] : found;
  }

  find(key: string, wanted: (entry: Entry) => boolean): Entry | undefined {
    const found = this.#map.get(key);
    if (found === undefined) return undefined;
    return Array.isArray(found) ? found.find(wanted) : wanted(found) ? found : undefined;
  }

  /** The entries filed under `key`, as a list. */
  list(key: string): readonly Entry[] {
    const found = this.#map.get(key);
    return found === undefined ? [] : Array.isArray(found) ? found : [found];
  }

  keys(): IterableIterator<string> {
    return this.#map.keys();
  }

  *lists(): IterableIterator<[string, readonly Entry[]]> {
    for (const [key, found] of this.#map) yield [key, Array.isArray(found) ? found : [found]];
  }

  /** Sorts each list, a list's length counted as its work. */
  *sort(order: (a: Entry, b: Entry) => number, budget: WorkBudget): Steps<void> {
    for (const found of this.#map.values()) {
      if (!Array.isArray(found)) continue;
      found.sort(order);
      if (budget.spend(found.length)) yield;
    }
  }
}

/** Rule 5's order: fewest segments, fewest characters, then code-unit order of the URI. */
function shorter(a: Entry, b: Entry): number {
  if (a.depth !== b.depth) return a.depth - b.depth;
  if (a.chars !== b.chars) return a.chars - b.chars;
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0;
}

