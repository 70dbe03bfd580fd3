import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { WikiLink } from './node';
import type {} from './syntax';

/** The wikilink being built: the top of the stack while its tokens are read. */
function current(context: CompileContext): WikiLink {
  const node = context.stack[context.stack.length - 1];
  if (!node || node.type !== 'wikiLink') throw new Error('wikiLink token outside a wikiLink node');
  return node;
}

function enterWikiLink(this: CompileContext, token: Token): undefined {
  const node: WikiLink = { type: 'wikiLink', target: '', embed: false, value: '' };
  this.enter(node, token);
}

function exitEmbedMarker(this: CompileContext): undefined {
  current(this).embed = true;
}

/** Each part token occurs at most once in a wikilink; an empty part sets nothing. */
function exitTarget(this: CompileContext, token: Token): undefined {
  current(this).target = this.sliceSerialize(token).trim();
}

function exitHeading(this: CompileContext, token: Token): undefined {
  const heading = this.sliceSerialize(token).trim();
  if (heading) current(this).heading = heading;
}

function exitBlock(this: CompileContext, token: Token): undefined {
  const block = this.sliceSerialize(token).trim();
  if (block) current(this).block = block;
}

/** In the label, `\|` is the table cell's way of writing `|`. */
function exitLabel(this: CompileContext, token: Token): undefined {
  const label = this.sliceSerialize(token).replaceAll('\\|', '|').trim();
  if (label) current(this).label = label;
}

/** Sets the text the link shows: the label, else the target and its anchor. */
function exitWikiLink(this: CompileContext, token: Token): undefined {
  const node = current(this);
  const anchor = node.block ? `#^${node.block}` : node.heading ? `#${node.heading}` : '';
  node.value = node.label ?? node.target + anchor;
  this.exit(token);
}

/**
 * mdast-util-from-markdown extension turning the tokens of {@link wikiLinkSyntax} into
 * {@link WikiLink} nodes. The node has no children (its text is `value`), so nothing of its
 * inside reaches the tree as `text`.
 */
export function wikiLinkFromMarkdown(): FromMarkdownExtension {
  return {
    enter: { wikiLink: enterWikiLink },
    exit: {
      wikiLink: exitWikiLink,
      wikiLinkEmbedMarker: exitEmbedMarker,
      wikiLinkTarget: exitTarget,
      wikiLinkHeading: exitHeading,
      wikiLinkBlock: exitBlock,
      wikiLinkLabel: exitLabel,
    },
  };
}
