import type { CitationMapping, CitationResolution, Heading, NoteCatalog } from '../model';
import { closestHeading } from './closestHeading';
import { parseCourseUrl, safeDecode, uriParts, type UriParts } from './courseUrl';

type Via = 'mapping' | 'relative' | 'suffix' | 'fileName';

/** A catalog note, taken apart once so that resolving compares strings and never re-parses URIs. */
interface NoteEntry {
  readonly uri: string;
  readonly origin: string;
  readonly segments: readonly string[];
  /** Normalised folder names, for the tie-break of the file-name rule. */
  readonly folders: readonly string[];
}

interface PreparedMapping {
  readonly urlPrefix: string;
  readonly folder: UriParts;
}

const NO_MAPPINGS: readonly CitationMapping[] = Object.freeze([]);

/**
 * A file name reduced to its lower-case letters and digits (Unicode-aware, after NFC so macOS's decomposed
 * names compare equal): `Unit 1: Losing control to AI.md` and `Unit 1 - Losing control to AI.md` both give
 * `unit1losingcontroltoaimd`. Course repositories and students' copies differ in exactly this punctuation.
 */
export function normaliseFileName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Only web pages may be opened from a citation that has no local note; `command:`, `file:`, `javascript:` never. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Resolves citation URLs to workspace notes. Built once per catalog snapshot, with maps by path, by exact file
 * name and by normalised file name, so each citation costs a few map look-ups even with 10,000 notes.
 * Build a new one when the catalog's list of notes changes; headings are read from the catalog at each call.
 *
 * The rules, first hit wins:
 * 1. `mapping`: the longest `urlPrefix` the URL starts with; the rest of the URL's path, decoded, is looked up
 *    under the mapping's folder, exactly and then by normalised file name anywhere under that folder.
 * 2. `relative`: a relative link (or `#anchor`) naming an existing note exactly, in the citing note's origin.
 * 3. `suffix`: notes with exactly the link's file name; the one sharing the most trailing path segments wins.
 * 4. `fileName`: notes whose normalised file name matches (`normaliseFileName`); the one sharing the most
 *    trailing folder names (normalised) wins.
 * Exact comparison in rule 3 keeps an exact copy ahead of a look-alike; rule 4 tolerates renamed punctuation.
 * Remaining ties go to the shortest URI, then the smaller in code-unit order, so answers are deterministic.
 * Anything else, and every link that is not a course link, is `external` with the URL as written.
 */
export class CitationResolver {
  private readonly byPath = new Map<string, NoteEntry>();
  private readonly byFileName = new Map<string, NoteEntry[]>();
  private readonly byNormalisedName = new Map<string, NoteEntry[]>();
  private readonly mappings: readonly PreparedMapping[];

  constructor(
    private readonly catalog: NoteCatalog,
    mappings: readonly CitationMapping[] = NO_MAPPINGS,
  ) {
    for (const uri of catalog.notes) {
      const { origin, segments } = uriParts(uri);
      const fileName = segments[segments.length - 1];
      if (fileName === undefined) continue;
      const entry: NoteEntry = {
        uri,
        origin,
        segments,
        folders: segments.slice(0, -1).map(normaliseFileName),
      };
      const key = pathKey(origin, segments);
      const existing = this.byPath.get(key);
      if (existing === undefined || preferred(entry, existing)) this.byPath.set(key, entry);
      push(this.byFileName, fileName, entry);
      push(this.byNormalisedName, normaliseFileName(fileName), entry);
    }
    this.mappings = mappings
      .filter((mapping) => mapping.urlPrefix !== '')
      .map((mapping) => ({ urlPrefix: mapping.urlPrefix, folder: uriParts(mapping.folder) }))
      .sort((a, b) => b.urlPrefix.length - a.urlPrefix.length);
  }

  /** Where `url`, written in the note `fromNote` (a URI string), leads. Never throws. */
  resolve(url: string, fromNote: string): CitationResolution {
    const mapped = this.viaMapping(url);
    if (mapped !== undefined) return mapped;
    const link = parseCourseUrl(url, fromNote);
    if (link === undefined) return { kind: 'external', url };
    let note: string | undefined;
    let via: Via = 'relative';
    if (link.kind === 'relative') note = this.relativeNote(link.segments, fromNote);
    if (note === undefined) {
      note = this.bySuffix(link.segments)?.uri;
      via = 'suffix';
    }
    if (note === undefined) {
      note = this.byNormalisedFileName(link.segments, undefined)?.uri;
      via = 'fileName';
    }
    return note === undefined ? { kind: 'external', url } : this.local(note, link.anchor, via);
  }

  private viaMapping(url: string): CitationResolution | undefined {
    const mapping = this.mappings.find((candidate) => url.startsWith(candidate.urlPrefix));
    if (mapping === undefined) return undefined;
    const rest = url.slice(mapping.urlPrefix.length);
    const hashAt = rest.indexOf('#');
    const anchor = hashAt < 0 ? undefined : safeDecode(rest.slice(hashAt + 1)) || undefined;
    const pathEnd = rest.search(/[?#]/);
    const folder = mapping.folder.segments;
    const segments = [...folder];
    for (const raw of (pathEnd < 0 ? rest : rest.slice(0, pathEnd)).split('/')) {
      const segment = safeDecode(raw);
      if (segment === '' || segment === '.') continue;
      // `..` may climb within the rest of the URL but never above the mapped folder.
      if (segment === '..') {
        if (segments.length > folder.length) segments.pop();
      } else segments.push(segment);
    }
    if (segments.length === folder.length) return undefined;
    const exact = this.byPath.get(pathKey(mapping.folder.origin, segments));
    const note = exact ?? this.byNormalisedFileName(segments, mapping.folder);
    return note === undefined ? undefined : this.local(note.uri, anchor, 'mapping');
  }

  /** A relative link's exact target: the citing note itself (even when not in the catalog) or a catalog note. */
  private relativeNote(segments: readonly string[], fromNote: string): string | undefined {
    const from = uriParts(fromNote);
    if (sameSegments(segments, from.segments)) return fromNote;
    return this.byPath.get(pathKey(from.origin, segments))?.uri;
  }

  private bySuffix(segments: readonly string[]): NoteEntry | undefined {
    const fileName = segments[segments.length - 1];
    const candidates = fileName === undefined ? undefined : this.byFileName.get(fileName);
    return best(candidates ?? [], (entry) => sharedTail(entry.segments, segments));
  }

  /** Notes whose normalised file name matches, optionally only those under `within`; most shared folders first. */
  private byNormalisedFileName(segments: readonly string[], within: UriParts | undefined): NoteEntry | undefined {
    const fileName = segments[segments.length - 1];
    if (fileName === undefined) return undefined;
    let candidates = this.byNormalisedName.get(normaliseFileName(fileName)) ?? [];
    if (within !== undefined) {
      candidates = candidates.filter(
        (entry) =>
          entry.origin === within.origin &&
          entry.segments.length > within.segments.length &&
          within.segments.every((segment, i) => entry.segments[i] === segment),
      );
    }
    const folders = segments.slice(0, -1).map(normaliseFileName);
    return best(candidates, (entry) => sharedTail(entry.folders, folders));
  }

  private local(note: string, anchor: string | undefined, via: Via): CitationResolution {
    const base = { kind: 'local' as const, note, via };
    if (anchor === undefined) return { ...base, approximate: false };
    const headings: readonly Heading[] = this.catalog.headingsOf(note) ?? [];
    const exact = headings.find((heading) => heading.slug === anchor);
    if (exact !== undefined) return { ...base, heading: exact, approximate: false, anchor };
    const closest = closestHeading(anchor, headings);
    return closest === undefined ? { ...base, approximate: true, anchor } : { ...base, heading: closest, approximate: true, anchor };
  }
}

/**
 * Resolves one citation. Convenient for a few calls: the resolver it builds is reused while the catalog, its
 * `notes` array and the mappings array are the same objects, so repeated calls do not re-index the catalog.
 * For many citations against a changing catalog, hold a `CitationResolver` instead.
 */
export function resolveCitation(
  url: string,
  fromNote: string,
  catalog: NoteCatalog,
  mappings: readonly CitationMapping[] = NO_MAPPINGS,
): CitationResolution {
  const notes = catalog.notes;
  const cached = resolvers.get(catalog);
  if (cached !== undefined && cached.notes === notes && cached.count === notes.length && cached.mappings === mappings) {
    return cached.resolver.resolve(url, fromNote);
  }
  const resolver = new CitationResolver(catalog, mappings);
  resolvers.set(catalog, { notes, count: notes.length, mappings, resolver });
  return resolver.resolve(url, fromNote);
}

const resolvers = new WeakMap<
  NoteCatalog,
  { notes: readonly string[]; count: number; mappings: readonly CitationMapping[]; resolver: CitationResolver }
>();

/** Origin plus decoded path: two URIs with different escaping of the same path give the same key. */
function pathKey(origin: string, segments: readonly string[]): string {
  return `${origin}\u0000${segments.join('\u0000')}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

/** How many items `a` and `b` share, counted from their ends. */
function sharedTail(a: readonly string[], b: readonly string[]): number {
  let count = 0;
  while (count < a.length && count < b.length && a[a.length - 1 - count] === b[b.length - 1 - count]) count++;
  return count;
}

/** The candidate with the highest score; ties to the shorter URI, then the smaller one. */
function best(candidates: readonly NoteEntry[], score: (entry: NoteEntry) => number): NoteEntry | undefined {
  let winner: NoteEntry | undefined;
  let winnerScore = -1;
  for (const entry of candidates) {
    const entryScore = score(entry);
    if (entryScore > winnerScore || (entryScore === winnerScore && winner !== undefined && preferred(entry, winner))) {
      winner = entry;
      winnerScore = entryScore;
    }
  }
  return winner;
}

function preferred(a: NoteEntry, b: NoteEntry): boolean {
  return a.uri.length !== b.uri.length ? a.uri.length < b.uri.length : a.uri < b.uri;
}
