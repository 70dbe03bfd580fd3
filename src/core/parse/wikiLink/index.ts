import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { wikiLinkFromMarkdown } from './fromMarkdown';
import { wikiLinkSyntax } from './syntax';

export type { WikiLink } from './node';
export { wikiLinkFromMarkdown } from './fromMarkdown';
export { WIKI_LINK_MAX_INSIDE, wikiLinkSyntax } from './syntax';

/**
 * unified plugin: `[[target#heading|label]]` and `![[embed]]` parse to `wikiLink` nodes.
 * Registers the micromark and from-markdown extensions through `this.data()`, as remark-gfm
 * does, so it composes with remark-parse and other syntax plugins in any order.
 */
export function remarkWikiLink(this: Processor): undefined {
  const data = this.data();
  const micromarkExtensions = data.micromarkExtensions ?? (data.micromarkExtensions = []);
  const fromMarkdownExtensions = data.fromMarkdownExtensions ?? (data.fromMarkdownExtensions = []);
  micromarkExtensions.push(wikiLinkSyntax());
  fromMarkdownExtensions.push(wikiLinkFromMarkdown());
}
