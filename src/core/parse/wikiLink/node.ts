import type { Node } from 'unist';

/**
 * An Obsidian/Foam-style wikilink, `[[target#heading|label]]`, or an embed, `![[target]]`.
 *
 * Every field is the text as written (case kept, `.md` kept, character references and
 * escapes not decoded, except `\|`, which separates the label as `|` does), trimmed;
 * resolving it to a note is the index's job, not the parser's.
 */
export interface WikiLink extends Node {
  type: 'wikiLink';
  /** The target as written, unescaped and trimmed, without the anchor: `concepts/goal-drift` for `[[concepts/goal-drift#Definitions|Goal drift]]`; `''` for `[[#Heading]]`. */
  target: string;
  /** The heading after `#`, when not a block: `Definitions`. Nested headings stay joined: `A#B` for `[[note#A#B]]`. */
  heading?: string;
  /** The block id after `#^`: `abc123`. */
  block?: string;
  /** The label after `|` (or `\|` in a table), trimmed; absent when empty. */
  label?: string;
  /** True for `![[...]]`. */
  embed: boolean;
  /** What the link shows as text: the label, else `target#heading` (or `target#^block`), so mdast-util-to-string gives readable text. */
  value: string;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLink;
  }
  interface RootContentMap {
    wikiLink: WikiLink;
  }
}
