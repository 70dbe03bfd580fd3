/**
 * Whether one of `folders` (URIs as strings, without a trailing slash) holds `uri`, at any depth: one lookup per
 * level of its path, not a pass over `folders`, since a batch of new folders meets thousands of paths found.
 */
export function insideAny(uri: string, folders: ReadonlySet<string>): boolean {
  for (let at = uri.lastIndexOf('/'); at > 0; at = uri.lastIndexOf('/', at - 1)) if (folders.has(uri.slice(0, at))) return true;
  return false;
}
