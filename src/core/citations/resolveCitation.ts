import type { CitationMapping, CitationResolution, Heading, NoteCatalog } from '../model';
import { closestHeading } from './closestHeading';
import { LinkResolver, normaliseFileName } from '../links/linkResolver';
import { parseCourseUrl, safeDecode, uriParts, type UriParts } from './courseUrl';

type Via = 'mapping' | 'relative' | 'suffix' | 'fileName';

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
    const mapped = this.viaMapping(url);
    if (mapped !== undefined) return mapped;
    const link = parseCourseUrl(url, fromNote);
    if (link === undefined) return { kind: 'external', url };
    if (link.kind === 'relative') {
      const from = uriParts(fromNote);
      const note = sameSegments(link.segments, from.segments) ? fromNote : this.links.noteAt(from.origin, link.segments);
      if (note !== undefined) return this.local(note, link.anchor, 'relative');
    }
    const found = this.links.tailOf(link.segments);
    if (found !== undefined) return this.local(found.uri, link.anchor, found.via);
    return { kind: 'external', url };
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
    const note = this.links.noteAt(mapping.folder.origin, segments) ?? this.links.tailOf(segments, mapping.folder)?.uri;
    return note === undefined ? undefined : this.local(note, anchor, 'mapping');
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

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
