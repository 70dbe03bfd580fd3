import GithubSlugger from 'github-slugger';

/**
 * GitHub's anchors for a note's headings, in document order. A fresh slugger per note gives duplicates the
 * same `-1`, `-2` suffixes GitHub does, which citations such as `#open-questions-1` rely on.
 */
export function slugHeadings(texts: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return texts.map((text) => slugger.slug(text));
}
