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

function exitTarget(this: CompileContext, token: Token): undefined {
  current(this).target = this.sliceSerialize(token);
}

function exitHeading(this: CompileContext, token: Token): undefined {
  current(this).heading = this.sliceSerialize(token);
}

function exitBlock(this: CompileContext, token: Token): undefined {
  current(this).block = this.sliceSerialize(token);
}

/** In the label, `\|` is the table cell's way of writing `|`. */
function exitLabel(this: CompileContext, token: Token): undefined {
  current(this).label = this.sliceSerialize(token).replaceAll('\\|', '|');
}

/** Trims the raw fields, drops the empty ones, and sets the text the link shows. */
function exitWikiLink(this: CompileContext, token: Token): undefined {
  const node = current(this);
  node.target = node.target.trim();
  const heading = node.heading?.trim();
  const block = node.block?.trim();
  const label = node.label?.trim();
  if (heading) node.heading = heading;
  else delete node.heading;
  if (block) node.block = block;
  else delete node.block;
  if (label) node.label = label;
  else delete node.label;
  const anchor = block ? `#^${block}` : heading ? `#${heading}` : '';
  node.value = label || node.target + anchor;
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
