import { markdownLineEnding, markdownSpace, unicodeWhitespace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, Point, State, TokenizeContext, TokenType } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** The whole `[[...]]` or `![[...]]`. */
    wikiLink: 'wikiLink';
    /** The `!` of an embed. */
    wikiLinkEmbedMarker: 'wikiLinkEmbedMarker';
    /** `[[` or `]]`. */
    wikiLinkMarker: 'wikiLinkMarker';
    /** The target text, untrimmed. */
    wikiLinkTarget: 'wikiLinkTarget';
    /** The `#` before a heading or block id. */
    wikiLinkAnchorMarker: 'wikiLinkAnchorMarker';
    /** The `^` of `#^block-id`. */
    wikiLinkBlockMarker: 'wikiLinkBlockMarker';
    /** The heading text, untrimmed. */
    wikiLinkHeading: 'wikiLinkHeading';
    /** The block id, untrimmed. */
    wikiLinkBlock: 'wikiLinkBlock';
    /** `|`, or `\|` (the form a table cell needs). */
    wikiLinkLabelMarker: 'wikiLinkLabelMarker';
    /** The label text, untrimmed. */
    wikiLinkLabel: 'wikiLinkLabel';
    /** Only inside a check: the `[label]` after `]]`, to see whether it makes a CommonMark reference. */
    wikiLinkReferenceProbe: 'wikiLinkReferenceProbe';
  }
}

/**
 * Longest inside text (between `[[` and `]]`, in UTF-16 code units) of a wikilink. Bounds the
 * work of one attempt, so a long line of unclosed `[[` costs linear time, not quadratic.
 */
export const WIKI_LINK_MAX_INSIDE = 500;

/** CommonMark's cap on a reference label, as micromark's label factory has it. */
const REFERENCE_LABEL_MAX = 999;

type Part = 'target' | 'heading' | 'block' | 'label';

const partToken: Record<Part, TokenType> = {
  target: 'wikiLinkTarget',
  heading: 'wikiLinkHeading',
  block: 'wikiLinkBlock',
  label: 'wikiLinkLabel',
};

/** `\|` at this point: the check that tells an escaped label separator from a literal backslash. */
const escapedVerticalBar: Construct = { tokenize: tokenizeEscapedVerticalBar, partial: true };

/** `[label]` naming a defined reference: then `[[a]][label]` is CommonMark's link, not a wikilink. */
const definedReference: Construct = { tokenize: tokenizeDefinedReference, partial: true };

const wikiLink: Construct = { name: 'wikiLink', tokenize: tokenizeWikiLink };

/**
 * micromark syntax for `[[target#heading|label]]`, `[[target#^block]]` and `![[embed]]`.
 *
 * A text construct, tried before CommonMark's label start on `[` and `!`, so it wins over links
 * (and over GFM footnote calls) when it matches; when it fails micromark reads the text as
 * CommonMark would. Constructs that start earlier on the line (code spans, HTML, autolinks, link
 * destinations, escapes) consume their text first, so nothing in them is a wikilink; one that would
 * start inside a closed `[[...]]` does not (in `[[a `b]] c`` the wikilink wins), as Obsidian reads it. Rules:
 * - one line, at most {@link WIKI_LINK_MAX_INSIDE} characters inside, no `[` inside (an inner `[[`
 *   ends the attempt, so in `[[a [[b]] c]]` the link is `[[b]]`), no lone `]` inside;
 * - the target or the anchor has non-whitespace (`[[]]`, `[[ ]]`, `[[|x]]` are text);
 * - `]]` directly followed by `(`, or by a `[label]` that names a definition, is not a wikilink,
 *   so `[[Unit 1]](url)` stays the CommonMark link whose text is `[Unit 1]` (a `(` that opens no valid
 *   destination still stops the wikilink: the text is then read by CommonMark alone);
 * - the first `|` or `\|` starts the label, the first `#` before it starts the anchor, `#^` a block id.
 * Inside, nothing else is parsed: the fields are the raw text (see {@link WikiLink}).
 */
export function wikiLinkSyntax(): Extension {
  return { text: { [codes.leftSquareBracket]: wikiLink, [codes.exclamationMark]: wikiLink } };
}

function isWhitespace(code: Code): boolean {
  return markdownSpace(code) || unicodeWhitespace(code);
}

/** CommonMark's label normalisation, as micromark-util-normalize-identifier does it. */
function normalizeIdentifier(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

function tokenizeWikiLink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let part: Part = 'target';
  /** Whether the token of `part` is entered (tokens are entered at their first character: none is empty). */
  let open = false;
  /** Characters consumed between `[[` and `]]`. */
  let size = 0;
  /** Whether the target or the anchor has non-whitespace. */
  let hasDestination = false;

  return start;

  /** At `!` or the first `[`. */
  function start(code: Code): State | undefined {
    effects.enter('wikiLink');
    if (code === codes.exclamationMark) {
      effects.enter('wikiLinkEmbedMarker');
      effects.consume(code);
      effects.exit('wikiLinkEmbedMarker');
      return openFirst;
    }
    return openFirst(code);
  }

  function openFirst(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.enter('wikiLinkMarker');
    effects.consume(code);
    return openSecond;
  }

  function openSecond(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    return inside;
  }

  /** Between `[[` and `]]`. */
  function inside(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code) || code === codes.leftSquareBracket) return nok(code);
    if (code === codes.rightSquareBracket) {
      if (!hasDestination) return nok(code);
      closeData();
      effects.enter('wikiLinkMarker');
      effects.consume(code);
      return closeSecond;
    }
    if (size >= WIKI_LINK_MAX_INSIDE) return nok(code);
    if (part !== 'label') {
      if (code === codes.verticalBar) return labelMarker(code);
      if (code === codes.backslash) return effects.check(escapedVerticalBar, labelMarker, data)(code);
      if (code === codes.numberSign && part === 'target') {
        closeData();
        effects.enter('wikiLinkAnchorMarker');
        effects.consume(code);
        effects.exit('wikiLinkAnchorMarker');
        size++;
        part = 'heading';
        return afterAnchorMarker;
      }
    }
    return data(code);
  }

  /** After `#`: `^` makes it a block id. */
  function afterAnchorMarker(code: Code): State | undefined {
    if (code === codes.caret && size < WIKI_LINK_MAX_INSIDE) {
      effects.enter('wikiLinkBlockMarker');
      effects.consume(code);
      effects.exit('wikiLinkBlockMarker');
      size++;
      part = 'block';
      return inside;
    }
    return inside(code);
  }

  /** At `|`, or at the `\` of `\|`. */
  function labelMarker(code: Code): State | undefined {
    closeData();
    effects.enter('wikiLinkLabelMarker');
    effects.consume(code);
    size++;
    return code === codes.backslash ? labelMarkerAfterBackslash : labelMarkerEnd;
  }

  function labelMarkerAfterBackslash(code: Code): State | undefined {
    if (size >= WIKI_LINK_MAX_INSIDE) return nok(code);
    effects.consume(code);
    size++;
    return labelMarkerEnd;
  }

  function labelMarkerEnd(code: Code): State | undefined {
    effects.exit('wikiLinkLabelMarker');
    part = 'label';
    return inside(code);
  }

  /** A character of the current part. */
  function data(code: Code): State | undefined {
    if (!open) {
      effects.enter(partToken[part]);
      open = true;
    }
    if (part !== 'label' && !isWhitespace(code)) hasDestination = true;
    effects.consume(code);
    size++;
    return inside;
  }

  function closeData(): void {
    if (!open) return;
    effects.exit(partToken[part]);
    open = false;
  }

  /** After the first `]` of `]]`: a lone `]` is not allowed inside. */
  function closeSecond(code: Code): State | undefined {
    if (code !== codes.rightSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.exit('wikiLink');
    return after;
  }

  /** After `]]`: give way to CommonMark's resource and full reference links, whose text would be `[...]`. */
  function after(code: Code): State | undefined {
    if (code === codes.leftParenthesis) return nok(code);
    if (code === codes.leftSquareBracket) return effects.check(definedReference, nok, ok)(code);
    return ok(code);
  }
}

function tokenizeEscapedVerticalBar(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('wikiLinkLabelMarker');
    effects.consume(code);
    return atBar;
  }

  function atBar(code: Code): State | undefined {
    if (code !== codes.verticalBar) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkLabelMarker');
    return ok(code);
  }
}

/** Succeeds on `[label]` when `label` is defined, with CommonMark's label rules (as micromark-factory-label). */
function tokenizeDefinedReference(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let size = 0;
  let seen = false;
  /** Whether the probe token is entered (it is split around line endings). */
  let open = true;
  let begin: Point | undefined;

  return start;

  /** At `[`. */
  function start(code: Code): State | undefined {
    effects.enter('wikiLinkReferenceProbe');
    effects.consume(code);
    begin = self.now();
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof || code === codes.leftSquareBracket || (code === codes.rightSquareBracket && !seen) || size > REFERENCE_LABEL_MAX) {
      return nok(code);
    }
    if (code === codes.rightSquareBracket) {
      const label = begin ? self.sliceSerialize({ start: begin, end: self.now() }) : '';
      if (open) effects.exit('wikiLinkReferenceProbe');
      return self.parser.defined.includes(normalizeIdentifier(label)) ? ok(code) : nok(code);
    }
    if (markdownLineEnding(code)) {
      if (open) effects.exit('wikiLinkReferenceProbe');
      open = false;
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return inside;
    }
    if (!open) {
      effects.enter('wikiLinkReferenceProbe');
      open = true;
    }
    if (!markdownSpace(code)) seen = true;
    effects.consume(code);
    size++;
    return code === codes.backslash ? escape : inside;
  }

  function escape(code: Code): State | undefined {
    if (code === codes.leftSquareBracket || code === codes.backslash || code === codes.rightSquareBracket) {
      effects.consume(code);
      size++;
      return inside;
    }
    return inside(code);
  }
}
