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
  const key = `${bracketed ? '[' : ' '}${url}`;
  let known = decided.get(key);
  if (known === undefined) {
    // Notes cite the same few units over and over; parsing each URL once saves a tenth of indexing.
    if (decided.size >= MEMO_LIMIT) decided.clear();
    known = decide(bracketed, url);
    decided.set(key, known);
  }
  return known;
}

const MEMO_LIMIT = 20_000;
const decided = new Map<string, boolean>();

function decide(bracketed: boolean, url: string): boolean {
  const link = parseCourseUrl(url, SOME_NOTE);
  // `[[Unit 5]](https://example.org/...)` is a citation too: a user mapping may point its prefix at a folder.
  if (!link) return bracketed && /^https?:\/\//i.test(url.trim());
  if (link.kind !== 'relative' || bracketed) return true;
  return /\.(md|markdown)$/i.test(link.segments.at(-1) ?? '') && !url.trim().startsWith('#');
}
