/** A YAML front matter fence, as remark-frontmatter reads it: `---` and nothing but spaces or tabs. */
const FENCE = /^---[ \t]*$/;

/**
 * The index of the line after a note's front matter: `---` on its first line, closed by the next `---`
 * line; undefined when the note has none (an unclosed `---` is a thematic break).
 */
export function frontMatterEnd(lines: readonly string[]): number | undefined {
  if (!FENCE.test(lines[0] ?? '')) return undefined;
  for (let i = 1; i < lines.length; i++) if (FENCE.test(lines[i] ?? '')) return i + 1;
  return undefined;
}

/** Whether a note opens with a closed front matter (see `frontMatterEnd`). */
export function hasFrontMatter(text: string): boolean {
  return text.startsWith('---') && frontMatterEnd(text.split(/\r\n|\r|\n/)) !== undefined;
}
