import type { CitationMapping, CitationResolution, Heading, NoteCatalog } from '../model';
import { closestHeading } from './closestHeading';
import { LinkResolver, normaliseFileName } from '../links/linkResolver';
import { parseCourseUrl, safeDecode, uriParts, type UriParts, webUrlAnchor } from './courseUrl';

type Via = 'mapping' | 'relative' | 'suffix' | 'fileName';

/** Where a URL's path leads before its anchor is matched to a heading: a note and the rule that found it, or nowhere. */
type Target = { readonly note: string; readonly via: Via } | null;

/**
 * A URL that starts with a scheme (`https:`) or a network path (`//host`): where its path leads depends on
 * the set of notes alone, not on the citing note.
 */
const ABSOLUTE_URL = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|\/\/)/;
/** Distinct URL paths (and fragments) remembered per resolver; past it the memo starts again (a bound, not a tuning). */
const TARGET_MEMO_LIMIT = 200_000;

interface PreparedMapping {
  readonly urlPrefix: string;
  readonly folder: UriParts;
}

const NO_MAPPINGS: readonly CitationMapping[] = Object.freeze([]);

export { normaliseFileName };

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
 * Resolves citation URLs to workspace notes, through the same `LinkResolver` that serves wikilinks and note
 * links (pass the index's own, or one is built from the catalog): each citation costs a few map look-ups
 * however many notes share a name. Build a new one when the catalog's list of notes changes; headings are
 * read from the catalog at each call.
 *
 * The rules, first hit wins:
 * 1. `mapping`: the longest `urlPrefix` the URL starts with; the rest of the URL's path, decoded, is looked up
 *    under the mapping's folder, exactly and then by normalised file name anywhere under that folder.
 * 2. `relative`: a relative link (or `#anchor`) naming an existing note, in the citing note's origin.
 * 3. `suffix`: notes with exactly the link's file name; the one sharing the most trailing path segments wins.
 * 4. `fileName`: notes whose normalised file name matches (`normaliseFileName`); the one sharing the most
 *    trailing folder names (normalised) wins.
 * Exact comparison in rule 3 keeps an exact copy ahead of a look-alike; rule 4 tolerates renamed punctuation.
 * Remaining ties go to the shortest URI, then the smaller in code-unit order, so answers are deterministic.
 * Paths compare without regard to case in rules 1 and 2, as the wikilink rules do.
 * Anything else, and every link that is not a course link, is `external` with the URL as written.
 */
export class CitationResolver {
  private readonly links: LinkResolver;
  private readonly mappings: readonly PreparedMapping[];
  /**
   * The target of each absolute URL seen: it depends on the URL and the set of notes alone (a new resolver
   * comes with a new set), and a course cites each unit's URL from many notes. Headings are read per call.
   */
  private readonly targets = new Map<string, Target>();
  /** The anchor of each fragment of an absolute URL seen, as `webUrlAnchor` reads it: the same few headings are cited from many notes. */
  private readonly anchors = new Map<string, string | undefined>();

  constructor(
    private readonly catalog: NoteCatalog,
    mappings: readonly CitationMapping[] = NO_MAPPINGS,
    links?: LinkResolver,
  ) {
    this.links = links ?? new LinkResolver({ notes: catalog.notes });
    this.mappings = mappings
      .filter((mapping) => mapping.urlPrefix !== '')
      .map((mapping) => ({ urlPrefix: mapping.urlPrefix, folder: uriParts(mapping.folder) }))
      .sort((a, b) => b.urlPrefix.length - a.urlPrefix.length);
  }

  /** Where `url`, written in the note `fromNote` (a URI string), leads. Never throws. */
  resolve(url: string, fromNote: string): CitationResolution {
    const mapping = this.mappings.find((candidate) => url.startsWith(candidate.urlPrefix));
    const mapped = mapping && this.viaMapping(url, mapping);
    if (mapping && mapped !== undefined) return this.local(mapped, mappedAnchor(url, mapping), 'mapping');
    const hashAt = url.indexOf('#');
    const path = hashAt < 0 ? url : url.slice(0, hashAt);
    // A course cites each unit from many notes, at many anchors: a clean absolute path is looked up once per
    // resolver. Spaces before the `#` belong to the path or not depending on what follows: read those afresh.
    if (!ABSOLUTE_URL.test(url) || /\s$/.test(path)) return this.resolveRest(url, fromNote);
    let target = this.targets.get(path);
    if (target === undefined) {
      if (this.targets.size >= TARGET_MEMO_LIMIT) this.targets.clear();
      const link = parseCourseUrl(path, fromNote);
      const found = link === undefined ? undefined : this.links.tailOf(link.segments);
      this.targets.set(path, (target = found === undefined ? null : { note: found.uri, via: found.via }));
    }
    return target === null ? { kind: 'external', url } : this.local(target.note, this.anchorAt(url, hashAt), target.via);
  }

  /** `webUrlAnchor(url)` for an absolute URL, whose first `#` is at `hashAt`: it depends on the fragment alone, parsed once. */
  private anchorAt(url: string, hashAt: number): string | undefined {
    if (hashAt < 0) return undefined;
    const fragment = url.slice(hashAt);
    if (this.anchors.has(fragment)) return this.anchors.get(fragment);
    if (this.anchors.size >= TARGET_MEMO_LIMIT) this.anchors.clear();
    const anchor = webUrlAnchor(url);
    this.anchors.set(fragment, anchor);
    return anchor;
  }

  /** Rules 2, 3 and 4 for one URL, read whole. */
  private resolveRest(url: string, fromNote: string): CitationResolution {
    const link = parseCourseUrl(url, fromNote);
    if (link === undefined) return { kind: 'external', url };
    if (link.kind === 'relative') {
      const from = uriParts(fromNote);
      const note = sameSegments(link.segments, from.segments) ? fromNote : this.links.noteAt(from.origin, link.segments);
      if (note !== undefined) return this.local(note, link.anchor, 'relative');
    }
    const found = this.links.tailOf(link.segments);
    return found === undefined ? { kind: 'external', url } : this.local(found.uri, link.anchor, found.via);
  }

  /** The note a URL under a mapping's prefix names, by the rest of its path (fragment and query ignored). */
  private viaMapping(url: string, mapping: PreparedMapping): string | undefined {
    const rest = url.slice(mapping.urlPrefix.length);
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
    return this.links.noteAt(mapping.folder.origin, segments) ?? this.links.tailOf(segments, mapping.folder)?.uri;
  }

  private local(note: string, anchor: string | undefined, via: Via): CitationResolution {
    if (anchor === undefined) return { kind: 'local', note, via, approximate: false };
    const headings: readonly Heading[] = this.catalog.headingsOf(note) ?? [];
    for (const heading of headings) if (heading.slug === anchor) return { kind: 'local', note, via, heading, approximate: false, anchor };
    const closest = closestHeading(anchor, headings);
    return closest === undefined ? { kind: 'local', note, via, approximate: true, anchor } : { kind: 'local', note, via, heading: closest, approximate: true, anchor };
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

/** A mapped URL's anchor: its fragment after the mapping's prefix (which may hold a `#/` route), decoded. */
function mappedAnchor(url: string, mapping: PreparedMapping): string | undefined {
  const hashAt = url.indexOf('#', mapping.urlPrefix.length);
  return hashAt < 0 ? undefined : safeDecode(url.slice(hashAt + 1)) || undefined;
}

const resolvers = new WeakMap<
  NoteCatalog,
  { notes: readonly string[]; count: number; mappings: readonly CitationMapping[]; resolver: CitationResolver }
>();

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
