import type { MarkdownIt, StateCore, StateInline, Token } from 'markdown-it';
import { isCitation } from '../../citations/isCitation';
import { scanWikiLink } from '../../parse/wikiLink/scan';

/** The token type of a wikilink or embed in the preview's markdown-it. */
export const WIKI_LINK_TOKEN = 'alignment_wikilink';

/** What a wikilink token holds (its `meta`): the fields the core's parser gives the same text. */
export interface WikiLinkMeta {
  readonly target: string;
  readonly heading?: string;
  readonly block?: string;
  readonly label?: string;
  readonly embed: boolean;
  /** Inside a link's text, where it can only be text (no link inside a link). */
  insideLink?: boolean;
}

/** What the reading of a note leaves on markdown-it's tokens for the renderer (in `meta`): no index is needed yet. */
export interface ProseMeta {
  /** A text token where terms are marked: prose outside links, headings and a definition's own bold or italic term. */
  readonly alignmentProse?: true;
  /** A link that is a citation (see `isCitation`), with its text and URL as written. */
  readonly alignmentCitation?: { readonly label: string; readonly url: string };
}

/** Whether a reference label is defined in the document markdown-it is parsing (`env.references`). */
function definedIn(md: MarkdownIt, env: unknown): (label: string) => boolean {
  const references = typeof env === 'object' && env !== null ? (env as { references?: unknown }).references : undefined;
  return (label) => typeof references === 'object' && references !== null && Object.hasOwn(references, md.utils.normalizeReference(label));
}

/** markdown-it inline rule: `[[target#heading|label]]` and `![[embed]]`, read as the core reads them (`scanWikiLink`). */
function wikiLinkRule(md: MarkdownIt): (state: StateInline, silent: boolean) => boolean {
  return (state, silent) => {
    const code = state.src.charCodeAt(state.pos);
    if (code !== 0x5b && code !== 0x21) return false;
    const found = scanWikiLink(state.src, state.pos, state.posMax, definedIn(md, state.env));
    if (!found) return false;
    if (!silent) {
      const token = state.push(WIKI_LINK_TOKEN, '', 0);
      const { end: _end, ...meta } = found;
      token.meta = meta satisfies WikiLinkMeta;
      token.content = state.src.slice(state.pos, found.end);
    }
    state.pos = found.end;
    return true;
  };
}

/** The text of a link: its text and inline code between `link_open` at `open` and its `link_close`. */
function linkText(children: readonly Token[], open: number): string {
  let depth = 0;
  let text = '';
  for (let i = open; i < children.length; i++) {
    const child = children[i];
    if (!child) break;
    if (child.type === 'link_open') depth++;
    else if (child.type === 'link_close' && --depth === 0) break;
    else if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === WIKI_LINK_TOKEN) text += child.content;
  }
  return text;
}

/** `**Term**` or `*Term*` opening a paragraph: a definition's own term, which is not marked as a use of it. */
function isLeadTerm(children: readonly Token[], i: number): boolean {
  const before = children[i - 1]?.type;
  const after = children[i + 1]?.type;
  const opens = children.slice(0, i - 1).every((child) => child.type === 'text' && child.content === '');
  return opens && ((before === 'strong_open' && after === 'strong_close') || (before === 'em_open' && after === 'em_close'));
}

/**
 * markdown-it core rule, after inline parsing: marks prose text, citations and wikilinks inside link text.
 * Parse-time work depends on the note's text alone, so VS Code's cache of tokens per document version stays
 * right when the index changes; what depends on the index is done when rendering.
 */
function markProse(state: StateCore): void {
  let inHeading = false;
  for (const token of state.tokens) {
    if (token.type === 'heading_open') inHeading = true;
    else if (token.type === 'heading_close') inHeading = false;
    if (token.type !== 'inline' || !token.children) continue;
    const children = token.children;
    let linkDepth = 0;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!child) continue;
      if (child.type === 'link_open') {
        if (linkDepth === 0) {
          const url = String(child.attrGet('href') ?? '');
          const label = linkText(children, i);
          // A link read by reference (`[[Unit 2]][u2]`) carries its definition's URL, as the core reads it.
          if (isCitation(label, url)) child.meta = { ...(child.meta as object | null), alignmentCitation: { label, url } } satisfies ProseMeta;
        }
        linkDepth++;
      } else if (child.type === 'link_close') linkDepth = Math.max(0, linkDepth - 1);
      else if (child.type === 'text' && linkDepth === 0 && !inHeading && !isLeadTerm(children, i)) {
        child.meta = { ...(child.meta as object | null), alignmentProse: true } satisfies ProseMeta;
      } else if (child.type === WIKI_LINK_TOKEN && linkDepth > 0) (child.meta as unknown as WikiLinkMeta).insideLink = true;
    }
  }
}

/** Adds the reading of wikilinks, citations and prose to a markdown-it instance (VS Code's preview engine). */
export function addPreviewSyntax(md: MarkdownIt): void {
  // Before CommonMark's links and images, as the core's construct comes before them: `[[a]]` is not a link.
  md.inline.ruler.before('link', WIKI_LINK_TOKEN, wikiLinkRule(md));
  md.core.ruler.push('alignment_prose', markProse);
}
