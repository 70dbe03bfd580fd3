/**
 * A link from a file in `fromFolder` (a URI ending in `/`, or not) to the note `to`, as Markdown writes it: a
 * relative, percent-encoded path when both are on the same scheme and authority, else `to` itself. `#` and `?`
 * in names are encoded so they are not read as a fragment or a query.
 */
export function relativeHref(fromFolder: string, to: string): string {
  let from: URL;
  let target: URL;
  try {
    from = new URL(fromFolder.endsWith('/') ? fromFolder : `${fromFolder}/`);
    target = new URL(to);
  } catch {
    return to;
  }
  if (from.protocol !== target.protocol || from.host !== target.host) return to;
  const base = from.pathname.split('/').slice(0, -1);
  const path = target.pathname.split('/');
  let shared = 0;
  while (shared < base.length && shared < path.length - 1 && base[shared] === path[shared]) shared++;
  return [...base.slice(shared).map(() => '..'), ...path.slice(shared)].join('/');
}

/** A note URI's path from a folder URI, decoded, for labels: `units/Unit 1.md`. */
export function relativePath(folder: string, note: string): string {
  return decodeURIComponent(relativeHref(folder, note));
}
