import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** The one markdown parser of the project: CommonMark via remark, so `[[Unit 1]](url)` stays an ordinary link. */
const processor = unified().use(remarkParse);

/** Parses a note into mdast. Never throws on any string input. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
