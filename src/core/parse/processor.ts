import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { hasFrontMatter } from './frontMatterFence';
import { remarkWikiLink } from './wikiLink';

/**
 * The reference reading of a note: CommonMark via remark, with the syntax notes are written in beyond it:
 * GFM (tables, task lists, footnotes, strikethrough, autolinks), `$math$`, YAML front matter and
 * `[[wikilinks]]`. `[[Unit 1]](url)` stays an ordinary link (a citation): the wikilink construct gives way
 * when `(` follows.
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkWikiLink).use(remarkFrontmatter, ['yaml']);

/** The same reading for a slice that does not start the note, where `---` opens no front matter. */
const fragmentProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkWikiLink);

/**
 * Parses a whole note into mdast. Never throws on any string input. The front matter construct is used only
 * for a note that opens with a closed front matter: when it is tried and fails (an unclosed `---` on line 1),
 * micromark-extension-frontmatter 2.0.0 leaves the parser reading the note's lists as paragraphs.
 */
export function parseMarkdown(text: string): Root {
  return (hasFrontMatter(text) ? processor : fragmentProcessor).parse(text);
}

/** Parses a slice of a note that begins after its first line (see `splitChunks`). Never throws. */
export function parseMarkdownFragment(text: string): Root {
  return fragmentProcessor.parse(text);
}
