/**
 * Reads a citation URL as a path into the course: which file (as decoded path segments) and which anchor.
 * Pure string work on URI text, so it runs in Node, the extension host and a web worker alike.
 */

/** A link that may point at a course note. */
export interface CourseLink {
  /** `github`: github.com blob/tree/raw; `raw`: raw.githubusercontent.com; `relative`: a path from the citing note. */
  readonly kind: 'github' | 'raw' | 'relative';
  /** The file's decoded path segments: the repository path after the ref, or the absolute path of a relative link. */
  readonly segments: readonly string[];
  /** The decoded fragment without `#`; absent when there is none or it is empty. */
  readonly anchor?: string;
}

/** A URI string taken apart without `URL`, which rejects or rewrites the custom schemes VS Code uses. */
export interface UriParts {
  /** `file://`, `vscode-vfs://github` or `untitled:`: what a path must share to name the same resource. */
  readonly origin: string;
  /** Decoded path segments, without empty ones. */
  readonly segments: readonly string[];
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const ESCAPED_RUN = /(?:%[0-9a-fA-F]{2})+/g;

/**
 * Percent-decodes `text`, keeping any sequence that is not valid UTF-8 (`%E0%A4%A`, `%ZZ`, a lone `%`) as written.
 * `decodeURIComponent` throws on the first bad byte and loses the whole string; notes are full of such typos.
 */
export function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(ESCAPED_RUN, decodeRun);
  }
}

/** Decodes one run of `%XX` escapes character by character, so one bad byte spoils only itself. */
function decodeRun(run: string): string {
  const bytes = run.match(/%[0-9a-fA-F]{2}/g) ?? [];
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const width = utf8Width(parseInt((bytes[i] ?? '').slice(1), 16));
    const slice = bytes.slice(i, i + width).join('');
    let decoded: string | undefined;
    if (width > 0 && i + width <= bytes.length) {
      try {
        decoded = decodeURIComponent(slice);
      } catch {
        decoded = undefined;
      }
    }
    if (decoded === undefined) {
      out += bytes[i] ?? '';
      i += 1;
    } else {
      out += decoded;
      i += width;
    }
  }
  return out;
}

/** How many bytes a UTF-8 sequence starting with `lead` takes; 0 for a byte that cannot start one. */
function utf8Width(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Splits a URI string such as `file:///c%3A/notes/Unit%201.md` or `untitled:Untitled-1` into its origin and
 * decoded path segments. Query and fragment are ignored. Never throws.
 */
export function uriParts(uri: string): UriParts {
  const scheme = SCHEME.exec(uri)?.[1];
  let rest = scheme === undefined ? uri : uri.slice(scheme.length + 1);
  let origin = scheme === undefined ? '' : `${scheme.toLowerCase()}:`;
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    origin += `//${authority.toLowerCase()}`;
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  const segments = pathSegments(stripQueryAndFragment(rest));
  // VS Code writes Windows drives as `c%3A`; a hand-written mapping may say `C:`.
  const drive = segments[0];
  if (origin === 'file://' && drive !== undefined && /^[A-Za-z]:$/.test(drive)) segments[0] = drive.toLowerCase();
  return { origin, segments };
}

/**
 * Reads `url` as a link to a course note, cited from the note `fromNote` (a URI string).
 * GitHub `blob`/`tree`/`raw` URLs and raw.githubusercontent.com URLs give the repository path after the ref
 * (a ref with a slash in it, other than `refs/heads/x`, cannot be told apart from the path: the suffix
 * matching of the resolver copes with the extra leading segment). Relative links and `#anchor` are resolved
 * against `fromNote`'s path. Any other scheme or host (`mailto:`, `file:`, `command:`…) and empty links give
 * `undefined`. Never throws.
 */
export function parseCourseUrl(url: string, fromNote: string): CourseLink | undefined {
  const text = cleanUrl(url);
  if (text === '') return undefined;
  if (SCHEME.test(text)) return parseWebUrl(text);
  return parseRelative(text, fromNote);
}

/**
 * The anchor `parseCourseUrl` reads from a web URL (`https://…#slug`), without reading the rest: for a caller
 * that already knows where the URL's path leads.
 */
export function webUrlAnchor(url: string): string | undefined {
  const text = cleanUrl(url);
  const hashAt = text.indexOf('#');
  if (hashAt < 0) return undefined;
  try {
    // The fragment alone, parsed as `URL` parses it in any URL: the same percent-encoding and removed tabs.
    return anchorOf(new URL(`https://host/${text.slice(hashAt)}`).hash.slice(1));
  } catch {
    return undefined;
  }
}

/** A URL as written, without the spaces and `<…>` around it; a network path (`//host/…`) gets `https:`. */
function cleanUrl(url: string): string {
  let text = url.trim();
  if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1).trim();
  return text.startsWith('//') ? `https:${text}` : text;
}

/** github.com and raw.githubusercontent.com links; other hosts and schemes are not course links. */
function parseWebUrl(text: string): CourseLink | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const parts = parsed.pathname.split('/').filter((part) => part !== '');
  const anchor = anchorOf(parsed.hash.slice(1));
  let kind: CourseLink['kind'];
  let afterRepo: string[];
  if (host === 'github.com' || host === 'www.github.com') {
    const [, , view, ...rest] = parts;
    if (view !== 'blob' && view !== 'tree' && view !== 'raw') return undefined;
    kind = 'github';
    afterRepo = rest;
  } else if (host === 'raw.githubusercontent.com') {
    kind = 'raw';
    afterRepo = parts.slice(2);
  } else {
    return undefined;
  }
  const path = afterRepo[0] === 'refs' && (afterRepo[1] === 'heads' || afterRepo[1] === 'tags') ? afterRepo.slice(3) : afterRepo.slice(1);
  if (path.length === 0) return undefined;
  return withAnchor({ kind, segments: path.map(safeDecode) }, anchor);
}

/** A path relative to the citing note, or a bare `#anchor` naming the note itself. */
function parseRelative(text: string, fromNote: string): CourseLink {
  const hashAt = text.indexOf('#');
  const anchor = anchorOf(hashAt < 0 ? '' : text.slice(hashAt + 1));
  const path = stripQueryAndFragment(text);
  const base = uriParts(fromNote).segments;
  if (path === '') return withAnchor({ kind: 'relative', segments: base }, anchor);
  const segments = path.startsWith('/') ? [] : base.slice(0, -1);
  for (const raw of path.split('/')) {
    const segment = safeDecode(raw);
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return withAnchor({ kind: 'relative', segments }, anchor);
}

function withAnchor(link: CourseLink, anchor: string | undefined): CourseLink {
  return anchor === undefined ? link : { ...link, anchor };
}

function anchorOf(fragment: string): string | undefined {
  const anchor = safeDecode(fragment);
  return anchor === '' ? undefined : anchor;
}

function stripQueryAndFragment(text: string): string {
  const end = text.search(/[?#]/);
  return end < 0 ? text : text.slice(0, end);
}

function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map(safeDecode);
}
