import { parseCourseUrl } from './courseUrl';

/** Any absolute note URI will do: only the kind of link matters here, not where it leads. */
const SOME_NOTE = 'file:///note.md';

/**
 * Whether a link is a citation into the course: a GitHub or raw.githubusercontent.com link, a relative link to
 * a markdown note, or any web or relative link written `[[Label]](url)`. Plain web links and in-note `#anchor`
 * links with ordinary text are not citations.
 */
export function isCitation(label: string, url: string): boolean {
  const bracketed = /^\[.*\]$/s.test(label.trim());
  // `[[Unit 5]](https://...)` is a citation whatever its host (a user mapping may point its prefix at a
  // folder), so the common case needs no URL parsing.
  if (bracketed && /^https?:\/\//i.test(url.trim())) return true;
  const link = parseCourseUrl(url, SOME_NOTE);
  if (!link) return false;
  if (link.kind !== 'relative' || bracketed) return true;
  return /\.(md|markdown)$/i.test(link.segments.at(-1) ?? '') && !url.trim().startsWith('#');
}
