import { slug } from 'github-slugger';

/** Base slugs by heading text: notes repeat the same headings, and github-slugger's Unicode pattern costs. */
const baseSlugs = new Map<string, string>();
const MEMO_LIMIT = 50_000;

function baseSlug(text: string): string {
  let found = baseSlugs.get(text);
  if (found === undefined) {
    if (baseSlugs.size >= MEMO_LIMIT) baseSlugs.clear();
    baseSlugs.set(text, (found = slug(text)));
  }
  return found;
}

/**
 * GitHub's anchors for a note's headings, in document order, with the `-1`, `-2` suffixes GitHub gives
 * duplicates (citations such as `#open-questions-1` rely on them). The suffixes follow github-slugger's
 * `GithubSlugger#slug` step for step; only its base slug is memoised.
 */
export function slugHeadings(texts: readonly string[]): string[] {
  const occurrences = new Map<string, number>();
  return texts.map((text) => {
    const base = baseSlug(text);
    let result = base;
    while (occurrences.has(result)) {
      const count = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, count);
      result = `${base}-${count}`;
    }
    occurrences.set(result, 0);
    return result;
  });
}
