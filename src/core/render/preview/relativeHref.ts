/** `scheme://authority` and the path of a URI string; undefined for one without both. */
function split(uri: string): { origin: string; path: string[] } | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)/i.exec(uri);
  return match ? { origin: (match[1] ?? '').toLowerCase(), path: (match[2] ?? '').split('/') } : undefined;
}

/**
 * A link from one note to another as the Markdown preview follows it: a path relative to the linking note, with
 * a fragment (`../units/Unit%201.md#what-is-ai-alignment`, `./Unit%202.md`: never read as a scheme), which VS Code's preview hands to its own link opener
 * (a path has no scheme, so neither the webview nor the browser opens it). Both notes are the host's URI strings
 * (already percent-encoded); from another place (a note on another host), the target's URI is returned whole.
 */
export function relativeHref(from: string | undefined, to: string, fragment = ''): string {
  const target = split(to);
  const base = from === undefined ? undefined : split(from);
  const hash = fragment === '' ? '' : `#${fragment}`;
  if (!target || !base || base.origin !== target.origin) return `${to.split('#')[0] ?? to}${hash}`;
  const fromDir = base.path.slice(0, -1);
  let common = 0;
  while (common < fromDir.length && common < target.path.length - 1 && fromDir[common] === target.path[common]) common++;
  const up = fromDir.length - common;
  const down = target.path.slice(common);
  const path = [...Array<string>(up).fill('..'), ...down].join('/');
  return `${up === 0 ? './' : ''}${path}${hash}`;
}
