/** Lines of a section shown under its title, in a hover or an embed. */
export const EXCERPT_LINES = 6;

/** The first lines of a section: from the line after its heading (or the note's start) up to the next heading. */
export function sectionExcerpt(text: string, headingLine: number | undefined, maxLines = EXCERPT_LINES): string {
  const lines = text.split(/\r\n|\r|\n/);
  const taken: string[] = [];
  for (let line = (headingLine ?? -1) + 1; line < lines.length && taken.length < maxLines; line++) {
    const content = lines[line] ?? '';
    if (/^#{1,6}\s/.test(content)) break;
    if (content.trim() !== '' || taken.length > 0) taken.push(content);
  }
  return taken.join('\n').trim();
}

/** Lines `from` to `to` (0-based, inclusive) of a text, trimmed: a block's paragraph. */
export function lineSpan(text: string, from: number, to: number): string {
  return text.split(/\r\n|\r|\n/).slice(from, to + 1).join('\n').trim();
}

/** The first lines of a page's text after `startLine` (its title), across its section headings, which are left out. */
export function pageExcerpt(text: string, startLine: number, maxLines = EXCERPT_LINES): string {
  const lines = text.split(/\r\n|\r|\n/);
  const taken: string[] = [];
  for (let line = startLine + 1; line < lines.length && taken.length < maxLines; line++) {
    const content = lines[line] ?? '';
    if (/^#{1,6}\s/.test(content)) continue;
    if (content.trim() !== '' || taken.length > 0) taken.push(content);
  }
  return taken.join('\n').trim();
}
