import type { BlockContent, Blockquote, Code, DefinitionContent, FootnoteDefinition, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { placeInNote, quoteContent } from './simpleQuote';
import { cellCodeValue, delimiterAlign, rowCells } from './simpleTable';
import { WIKI_LINK_MAX_INSIDE, type WikiLink } from './wikiLink';

/**
 * A parser for the plain subset of CommonMark that glossary notes are mostly written in: ATX headings,
 * paragraphs and bullet lists nested by exactly their content indent, GFM tables written with a leading pipe,
 * and block quotes (Obsidian callouts among them) holding those, with text, `*emphasis*`, `**strong**`,
 * `[text](url)` / `[[Unit 1]](url)` links and `[[wikilinks]]`. For a slice inside the subset it builds the same mdast as
 * remark (types, values, URLs, depths and positions); for anything else it returns `undefined` and the
 * caller parses the slice with remark. It is about 30× faster than remark on such slices, and the tests hold it
 * to remark on generated corpora and random inputs.
 */

/** What this subset leaves to remark anywhere in a chunk: other line breaks, NUL and byte order marks. */
const REFUSED_IN_CHUNK = /[\r\0\uFEFF]/;
/** What it leaves to remark in text: HTML and autolinks, entities, images (not `![[embeds]]`), tabs. */
const REFUSED_IN_TEXT = /[<\t]|&[#A-Za-z]|!\[(?!\[)/;
/**
 * The inside of a wikilink this parser reads: `target`, `#heading` or `#^block`, `|label` (or `\|label`, as a
 * table cell writes it), with no other escapes and no second `#`, `^` or `|` (those are remark's, see
 * `wikiLink/syntax.ts`).
 */
const WIKI_LINK_INSIDE = /^([^#|^\\]*)(?:#(\^?)([^#|^\\]*))?(?:\\?\|([^|\\]*))?$/;

/** The parts of a wikilink whose inside (between `[[` and `]]`) this parser reads, as `wikiLink` nodes hold them. */
export interface SimpleWikiLinkParts {
  readonly target: string;
  readonly heading?: string;
  readonly block?: string;
  readonly label?: string;
}

/**
 * The parts of a wikilink with this inside, read as this parser reads it (and as remark does, which the tests
 * hold it to); undefined for an inside it leaves to remark. Also how the index reads a note's wikilinks again
 * from its text (`notes/wikiLinkRefs.ts`).
 */
export function simpleWikiLinkParts(inside: string): SimpleWikiLinkParts | undefined {
  const parts = inside.length <= WIKI_LINK_MAX_INSIDE && !/[[\n]/.test(inside) ? WIKI_LINK_INSIDE.exec(inside) : null;
  if (!parts) return undefined;
  const target = (parts[1] ?? '').trim();
  const anchor = (parts[3] ?? '').trim();
  if (target === '' && anchor === '') return undefined;
  const found: { -readonly [K in keyof SimpleWikiLinkParts]: SimpleWikiLinkParts[K] } = { target };
  if (anchor !== '') {
    if (parts[2] === '^') found.block = anchor;
    else found.heading = anchor;
  }
  const label = (parts[4] ?? '').trim();
  if (label !== '') found.label = label;
  return found;
}
/**
 * What it leaves to remark outside link destinations: the syntax of the extensions the reference reading
 * adds (see `processor.ts`): strikethrough, and GFM's autolinked URLs and emails. `$math$` is read here (see
 * `#codeSpan`). A table needs a delimiter row, which starts with `|`, `-`, `:` or a space: no line this parser
 * accepts in a paragraph can be one, so only `#table` reads tables.
 */
const EXTENSION_SYNTAX = /[~@]|www\.|:\/\//i;
const LINK_DESTINATION = /\]\([^)]*\)/g;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
/** A thematic break, which a bullet or paragraph line must not be. */
const THEMATIC_BREAK = /^ *([-*_])(?: *\1){2,} *$/;
const ATX_HEADING = /^(#{1,6}) +(?=\S)/;
const BULLET = /^( *)([*+-]) (?=\S)/;
/** A task item's box and the space after it, before the item's text. */
const TASK = /^\[([ xX])\] (?=\S)/;
/** A bullet or ordered list item's start: indent, bullet, or number and delimiter. */
const LIST_ITEM = /^( *)(?:([*+-])|([0-9]{1,9})([.)])) (?=\S)/;
const ORDERED_MARKER = /^\d{1,9}[.)]/;
const SPACES_AND_TABS = /^[ \t]*$/;

/** What a chunk or a quote holds: the blocks this parser builds. */
type Block = BlockContent | DefinitionContent;

interface Line {
  /** Offset of the line's first character in the note. */
  readonly start: number;
  /** Offset after its last character, before the line break. */
  readonly end: number;
  /** 1-based, as unist counts. */
  readonly number: number;
}

const ALNUM = /[A-Za-z0-9]/;
const EMPHASIS_OPENS_BEFORE = /[A-Za-z0-9"']/;
/** Punctuation that may end an emphasised run and follow its closing marker. */
const CLOSING_PUNCTUATION = '.,:;?!)\'"';
const CODE_STAR = 42;
const CODE_UNDERSCORE = 95;
const CODE_BACKSLASH = 92;
const CODE_BACKTICK = 96;
const CODE_DOLLAR = 36;
const CODE_OPEN_BRACKET = 91;
const CODE_CLOSE_BRACKET = 93;
const CODE_EXCLAMATION = 33;

/** Parses the lines of one chunk of a note; see the file comment. */
export class SimpleMarkdown {
  readonly #lines: Line[] = [];
  /** The identifiers of the note's footnote definitions: `[^1]` is a call only when `1` is one of them. */
  readonly #footnotes: ReadonlySet<string>;

  private constructor(
    private readonly source: string,
    /** The labels of the note's footnote definitions, passed on to a quote's content. */
    private readonly footnoteLabels: readonly string[],
  ) {
    this.#footnotes = new Set(footnoteLabels.map(footnoteIdentifier));
  }

  /**
   * The blocks of `source.slice(start, end)`, which begins a line numbered `line` (0-based), or undefined.
   * `footnotes`: the labels of the note's footnote definitions, wherever they are.
   */
  static parse(source: string, start: number, end: number, line: number, footnotes: readonly string[] = []): Block[] | undefined {
    if (REFUSED_IN_CHUNK.test(source.slice(start, end))) return undefined;
    const parser = new SimpleMarkdown(source, footnotes);
    let at = start;
    let number = line + 1;
    while (at <= end) {
      let stop = source.indexOf('\n', at);
      if (stop < 0 || stop > end) stop = end;
      parser.#lines.push({ start: at, end: stop, number: number++ });
      if (stop >= end) break;
      at = stop + 1;
    }
    return parser.#blocks();
  }

  #text(line: Line): string {
    return this.source.slice(line.start, line.end);
  }

  /** Blank as CommonMark means it: spaces and tabs only (`trim` would also take other Unicode spaces). */
  #blank(line: Line): boolean {
    return SPACES_AND_TABS.test(this.#text(line));
  }

  #blocks(): Block[] | undefined {
    const lines = this.#lines;
    let last = lines.length;
    while (last > 0 && this.#blank(lines[last - 1] as Line)) last--;
    const blocks: Block[] = [];
    let i = 0;
    while (i < last) {
      const line = lines[i] as Line;
      const text = this.#text(line);
      if (text.endsWith(' ') || text.includes('\t') || this.#blank(line)) return undefined;
      const heading = ATX_HEADING.exec(text);
      const fence = FENCE.exec(text);
      const footnote = FOOTNOTE_DEFINITION.exec(text);
      if (footnote) {
        // One line alone in its chunk: what may follow a definition (lazy or indented lines) is remark's.
        if (i !== 0 || last !== 1) return undefined;
        const node = this.#footnoteDefinition(line, footnote[1] ?? '', footnote[0].length);
        if (!node) return undefined;
        blocks.push(node);
        i++;
      } else if (fence) {
        const code = this.#fence(i, last, fence[1] ?? '```', fence[2] ?? '');
        if (!code) return undefined;
        blocks.push(code.node);
        i = code.next;
      } else if (heading) {
        const node = this.#heading(line, heading[1]?.length ?? 1, heading[0].length);
        if (!node) return undefined;
        blocks.push(node);
        i++;
      } else if (text.startsWith('|') || text.startsWith('>')) {
        // Both run to the chunk's end: what may follow a table (rows without a pipe) or a quote (lazy lines) is remark's.
        const node = text.startsWith('|') ? this.#table(i, last) : this.#blockquote(i, last);
        if (!node || (blocks.at(-1)?.type === 'paragraph' && !interruptsAsRead(node, text))) return undefined;
        blocks.push(node);
        i = last;
      } else if (LIST_ITEM.test(text)) {
        // An ordered list interrupts a paragraph only when it starts at 1 (else the line continues the paragraph).
        if (blocks.at(-1)?.type === 'paragraph' && !startsAtOne(text)) return undefined;
        const list = this.#list(i, last);
        if (!list) return undefined;
        blocks.push(list.node);
        i = list.next;
      } else {
        let next = i + 1;
        while (next < last && this.#continuesParagraph(lines[next] as Line)) next++;
        const paragraph = this.#paragraph(line.start, lines[next - 1] as Line, line);
        if (!paragraph) return undefined;
        blocks.push(paragraph);
        i = next;
      }
    }
    return blocks;
  }

  /** A line that continues a paragraph, rather than starting a block or needing remark's care. */
  #continuesParagraph(line: Line): boolean {
    const text = this.#text(line);
    return !text.endsWith(' ') && plainStart(text) && !ATX_HEADING.test(text) && !BULLET.test(text);
  }

  /** A fenced code block opened at line `first` and closed before `last`; its text is taken as it is. */
  #fence(first: number, last: number, marker: string, info: string): { node: Code; next: number } | undefined {
    if ((marker.startsWith('`') && info.includes('`')) || /[\\&]/.test(info)) return undefined;
    for (let i = first + 1; i < last; i++) {
      const line = this.#lines[i] as Line;
      const text = this.#text(line);
      if (/^ {1,3}(`{3,}|~{3,})/.test(text)) return undefined; // an indented closing fence
      const closing = /^(`+|~+)[ \t]*$/.exec(text);
      if (!closing || closing[1]?.charAt(0) !== marker.charAt(0) || (closing[1]?.length ?? 0) < marker.length) continue;
      const opening = this.#lines[first] as Line;
      const value = i === first + 1 ? '' : this.source.slice((this.#lines[first + 1] as Line).start, (this.#lines[i - 1] as Line).end);
      const words = info.replace(/^[ \t]+|[ \t]+$/g, '');
      const space = words.search(/[ \t]/);
      const lang = words === '' ? null : space < 0 ? words : words.slice(0, space);
      const meta = space < 0 ? null : words.slice(space).replace(/^[ \t]+/, '');
      return { node: { type: 'code', lang, meta, value, position: this.#span(opening.start, line.end) }, next: i + 1 };
    }
    return undefined; // unclosed: it runs to the end of the note
  }

  #heading(line: Line, depth: number, contentColumn: number): Heading | undefined {
    const text = this.#text(line);
    if (text.endsWith('#')) return undefined;
    const children = this.#inline(line.start + contentColumn, line.end);
    if (!children) return undefined;
    return { type: 'heading', depth: depth as Heading['depth'], children, position: this.#span(line.start, line.end) };
  }

  /** A paragraph from `start` to the end of `last`; `first` must start as plain text. */
  #paragraph(start: number, last: Line, first: Line): Paragraph | undefined {
    if (!plainStart(this.source.slice(start, first.end))) return undefined;
    const children = this.#inline(start, last.end);
    return children ? { type: 'paragraph', children, position: this.#span(start, last.end) } : undefined;
  }

  /**
   * A bullet list from line `first`: items at the same indent and marker are siblings, and an item at the
   * content column of the item above is nested in it. Any other line gives up.
   */
  #list(first: number, last: number): { node: List; next: number } | undefined {
    interface Level {
      readonly indent: number;
      /** The bullet, or an ordered list's delimiter: another one starts another list. */
      readonly marker: string;
      readonly ordered: boolean;
      /** The column an item's content starts at: where a nested list's items sit. */
      readonly content: number;
      readonly list: List;
    }
    const levels: Level[] = [];
    const close = (level: Level): void => {
      const items = level.list.children;
      for (const item of items) item.position = this.#span(offsetOf(item.position?.start), endOf(item.children));
      level.list.position = this.#span(offsetOf(items[0]?.position?.start), offsetOf(items.at(-1)?.position?.end));
    };
    let i = first;
    for (; i < last; i++) {
      const line = this.#lines[i] as Line;
      const text = this.#text(line);
      const bullet = LIST_ITEM.exec(text);
      if (!bullet || text.endsWith(' ') || THEMATIC_BREAK.test(text)) break;
      const indent = bullet[1]?.length ?? 0;
      const ordered = bullet[3] !== undefined;
      const marker = bullet[2] ?? bullet[4] ?? '*';
      const start = ordered ? Number(bullet[3]) : null;
      // A GFM task item, `- [x] text`: the box is the item's `checked`, the text after it its paragraph.
      const task = TASK.exec(text.slice(bullet[0].length));
      if (!task && text.startsWith('[', bullet[0].length) && /^\[[ xX]\]/.test(text.slice(bullet[0].length))) return undefined;
      const contentStart = bullet[0].length + (task?.[0].length ?? 0);
      if (!plainStart(text.slice(contentStart))) return undefined;
      const paragraph = this.#paragraph(line.start + contentStart, line, line);
      if (!paragraph) return undefined;
      // remark moves the paragraph's start past the box only when text comes first (mdast-util-gfm-task-list-item).
      if (task && paragraph.children[0]?.type !== 'text') paragraph.position = this.#span(line.start + bullet[0].length, offsetOf(paragraph.position?.end));
      const checked = task ? task[1] !== ' ' : null;
      const item: ListItem = { type: 'listItem', spread: false, checked, children: [paragraph], position: this.#span(line.start + indent, line.end) };
      const deepest = levels.at(-1);
      const deepestItem = deepest?.list.children.at(-1);
      if (!deepest && indent === 0) {
        levels.push({ indent, marker, ordered, content: bullet[0].length, list: listOf(item, start) });
      } else if (deepest && deepestItem && indent === deepest.content && deepestItem.children.length === 1) {
        // A nested list interrupts its parent item's paragraph: an ordered one only from 1.
        if (ordered && start !== 1) return undefined;
        const nested = listOf(item, start);
        deepestItem.children.push(nested);
        levels.push({ indent, marker, ordered, content: bullet[0].length, list: nested });
      } else {
        const at = levels.findIndex((level) => level.indent === indent);
        const level = levels[at];
        if (!level || level.marker !== marker || level.ordered !== ordered || level.content !== bullet[0].length) return undefined;
        while (levels.length > at + 1) close(levels.pop() as Level);
        level.list.children.push(item);
      }
    }
    if (i < last) return undefined; // a lazy or indented continuation line: remark's job
    while (levels.length > 1) close(levels.pop() as Level);
    const top = levels[0];
    if (!top) return undefined;
    close(top);
    return { node: top.list, next: i };
  }

  /**
   * A GFM table from line `first` to line `last` (excluded): a header row, a delimiter row with as many cells,
   * and body rows of any number of cells, every row opened by a pipe.
   */
  #table(first: number, last: number): Table | undefined {
    const header = this.#lines[first] as Line;
    const delimiter = this.#lines[first + 1];
    const align = delimiter && !this.#text(delimiter).endsWith(' ') ? delimiterAlign(this.#text(delimiter)) : undefined;
    if (!align || this.#text(header) === '|') return undefined;
    const children: TableRow[] = [];
    for (let i = first; i < last; i++) {
      if (i === first + 1) continue;
      const row = this.#tableRow(this.#lines[i] as Line);
      if (!row) return undefined;
      children.push(row);
    }
    if (children[0]?.children.length !== align.length) return undefined;
    return { type: 'table', align, children, position: this.#span(header.start, (this.#lines[last - 1] as Line).end) };
  }

  /** A row opened by a pipe, its cells' contents read as phrasing content of their own. */
  #tableRow(line: Line): TableRow | undefined {
    const text = this.#text(line);
    const cells = text.endsWith(' ') || text.includes('\t') ? undefined : rowCells(text);
    if (!cells) return undefined;
    const children: TableCell[] = [];
    for (const cell of cells) {
      const content = cell.contentStart === cell.contentEnd ? [] : this.#inline(line.start + cell.contentStart, line.start + cell.contentEnd);
      if (!content) return undefined;
      for (const node of content) if (node.type === 'inlineCode') node.value = cellCodeValue(node.value);
      children.push({ type: 'tableCell', children: content, position: this.#span(line.start + cell.start, line.start + cell.end) });
    }
    return { type: 'tableRow', children, position: this.#span(line.start, line.end) };
  }

  /**
   * A block quote from line `first` to line `last` (excluded), every line opened by `>`: its content, without
   * the prefixes, is parsed as chunks of its own cut at its blank lines, then placed back in the note. A blank
   * line may follow only a paragraph or a heading (a list would take it in, and become loose).
   */
  #blockquote(first: number, last: number): Blockquote | undefined {
    const lines = this.#lines.slice(first, last);
    const firstLine = lines[0] as Line;
    const quote = quoteContent(this.source, lines, firstLine.number);
    if (!quote) return undefined;
    const contents = quote.text.split('\n');
    const children: Block[] = [];
    let from = 0;
    for (let k = 0; k <= contents.length; k++) {
      const text = contents[k];
      if (text !== undefined && text !== '') {
        if (FOOTNOTE_DEFINITION.test(text)) return undefined; // a definition in a quote: remark's
        continue;
      }
      if (k > from) {
        const end = (quote.starts[k - 1] ?? 0) + (contents[k - 1]?.length ?? 0);
        const blocks = SimpleMarkdown.parse(quote.text, quote.starts[from] ?? 0, end, firstLine.number - 1 + from, this.footnoteLabels);
        if (!blocks) return undefined;
        children.push(...blocks);
      }
      const before = children.at(-1)?.type;
      if (text !== undefined && before !== undefined && before !== 'paragraph' && before !== 'heading') return undefined;
      from = k + 1;
    }
    placeInNote(children, quote);
    return { type: 'blockquote', children, position: this.#span(firstLine.start, (lines.at(-1) as Line).end) };
  }

  /**
   * The phrasing content of `source.slice(from, to)`: text, emphasis, strong and links, or undefined when the
   * text holds anything else (a stray bracket or star, an image, a link title).
   */
  #inline(from: number, to: number): PhrasingContent[] | undefined {
    const source = this.source;
    const text = source.slice(from, to);
    if (REFUSED_IN_TEXT.test(text)) return undefined;
    if (EXTENSION_SYNTAX.test(text) && EXTENSION_SYNTAX.test(text.replace(LINK_DESTINATION, ''))) return undefined;
    const nodes: PhrasingContent[] = [];
    let textStart = from;
    let i = from;
    while (i < to) {
      const code = source.charCodeAt(i);
      if (code === CODE_UNDERSCORE) {
        if (underscoreCanOpen(source, i, from, to)) return undefined;
        while (source.charCodeAt(i) === CODE_UNDERSCORE) i++;
        continue;
      }
      if (code === CODE_BACKSLASH) {
        // Before punctuation a backslash escapes it (see `#textNode`), before a line end it is a hard break.
        const next = source.charAt(i + 1);
        if (i + 1 >= to || classOf(next) === 'space' || next === '') return undefined;
        i += ASCII_PUNCTUATION.test(next) ? 2 : 1;
        continue;
      }
      if (code !== CODE_STAR && code !== CODE_OPEN_BRACKET && code !== CODE_CLOSE_BRACKET && code !== CODE_BACKTICK && code !== CODE_DOLLAR) {
        i++;
        continue;
      }
      const callout = code === CODE_OPEN_BRACKET ? calloutMarkEnd(source, i, to) : undefined;
      if (callout !== undefined) {
        i = callout;
        continue;
      }
      const found =
        code === CODE_STAR
          ? this.#emphasis(i, from, to)
          : code === CODE_OPEN_BRACKET
            ? this.#link(i, to)
            : code === CODE_BACKTICK || code === CODE_DOLLAR
              ? this.#codeSpan(i, to, code)
              : undefined;
      if (!found) return undefined;
      const start = found.node.position?.start.offset ?? i; // an embed's `!` before the `[[`
      if (start < textStart) return undefined;
      if (start > textStart) nodes.push(this.#textNode(textStart, start));
      nodes.push(found.node);
      i = found.end;
      textStart = i;
    }
    if (to > textStart) nodes.push(this.#textNode(textStart, to));
    return nodes;
  }

  /** `*text*` or `**text**` at `at`, with plain text inside and unambiguous flanking on both sides. */
  #emphasis(at: number, from: number, to: number): { node: PhrasingContent; end: number } | undefined {
    const source = this.source;
    const size = source.charCodeAt(at + 1) === CODE_STAR ? 2 : 1;
    const before = at === from ? ' ' : source.charAt(at - 1);
    if (!' \n("'.includes(before)) return undefined;
    if (source.charCodeAt(at + size) === CODE_OPEN_BRACKET) return this.#emphasisedLink(at, size, to);
    // After a space or `(`, a run before a letter, a digit or a quote opens (CommonMark's left-flanking run).
    if (!EMPHASIS_OPENS_BEFORE.test(source.charAt(at + size))) return undefined;
    const close = source.indexOf('*', at + size);
    if (close < 0 || close + size > to || source.slice(close, close + size) !== '*'.repeat(size)) return undefined;
    if (source.charCodeAt(close + size) === CODE_STAR || !plainInline(source.slice(at + size, close))) return undefined;
    const last = source.charAt(close - 1);
    const after = close + size === to ? ' ' : source.charAt(close + size);
    const closes = (ALNUM.test(last) || CLOSING_PUNCTUATION.includes(last)) && (' \n'.includes(after) || CLOSING_PUNCTUATION.includes(after));
    if (!closes) return undefined;
    const end = close + size;
    return {
      node: { type: size === 2 ? 'strong' : 'emphasis', children: [this.#textNode(at + size, close)], position: this.#span(at, end) },
      end,
    };
  }

  /**
   * `**[[link]]**` or `*[text](url)*`: emphasis around exactly one link or wikilink, as vault pages name a
   * definition's source (`- **[[sources/x]]**: ...`). The closing run must be followed by a space, a line end
   * or punctuation, so CommonMark's flanking rules pair it as here.
   */
  #emphasisedLink(at: number, size: number, to: number): { node: PhrasingContent; end: number } | undefined {
    const source = this.source;
    const link = this.#link(at + size, to);
    if (!link || (link.node.position?.start.offset ?? -1) !== at + size) return undefined;
    const end = link.end + size;
    if (end > to || source.slice(link.end, end) !== '*'.repeat(size) || source.charCodeAt(end) === CODE_STAR) return undefined;
    const after = end === to ? ' ' : source.charAt(end);
    if (!' \n'.includes(after) && !CLOSING_PUNCTUATION.includes(after)) return undefined;
    return { node: { type: size === 2 ? 'strong' : 'emphasis', children: [link.node], position: this.#span(at, end) }, end };
  }

  /**
   * A code span, or inline math (`$x$`, read by remark-math exactly as a code span with dollars): a run of
   * the marker up to the next run of the same length, on one line.
   */
  #codeSpan(at: number, to: number, marker: number): { node: PhrasingContent; end: number } | undefined {
    const source = this.source;
    const char = String.fromCharCode(marker);
    let size = 1;
    while (source.charCodeAt(at + size) === marker) size++;
    for (let close = source.indexOf(char, at + size); close >= 0 && close < to; ) {
      let run = 1;
      while (source.charCodeAt(close + run) === marker) run++;
      if (run === size) {
        let value = source.slice(at + size, close);
        if (value.includes('\n') || close + run > to) return undefined;
        if (value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') value = value.slice(1, -1);
        const position = this.#span(at, close + run);
        const node: PhrasingContent =
          marker === CODE_DOLLAR
            ? { type: 'inlineMath', value, data: { hName: 'code', hProperties: { className: ['language-math', 'math-inline'] }, hChildren: [{ type: 'text', value }] }, position }
            : { type: 'inlineCode', value, position };
        return { node, end: close + run };
      }
      close = source.indexOf(char, close + run);
    }
    return undefined; // an unmatched run is literal text, which remark reads on from
  }

  /**
   * `[text](url)` or `[[text]](url)` at `at`, with plain text and a URL without spaces, brackets or a title;
   * or a wikilink `[[...]]` (`![[...]]`) that no `(` or `[` follows.
   */
  #link(at: number, to: number): { node: PhrasingContent; end: number } | undefined {
    const source = this.source;
    if (source.charAt(at + 1) === '^') return this.#footnoteCall(at, to);
    const double = source.charCodeAt(at + 1) === CODE_OPEN_BRACKET;
    const labelStart = at + (double ? 2 : 1);
    const labelEnd = source.indexOf(']', labelStart);
    if (double && labelEnd > labelStart && labelEnd + 1 < to && source.charCodeAt(labelEnd + 1) === CODE_CLOSE_BRACKET) {
      const after = source.charAt(labelEnd + 2);
      if (after !== '(') return after === '[' ? undefined : this.#wikiLink(at, labelEnd);
    }
    if (source.charCodeAt(at - 1) === CODE_EXCLAMATION) return undefined; // `![...](url)` is an image: remark's
    if (labelEnd <= labelStart || labelEnd >= to || !plainLabel(source.slice(labelStart, labelEnd))) return undefined;
    const textEnd = double ? labelEnd + 1 : labelEnd;
    if (double && source.charCodeAt(textEnd) !== CODE_CLOSE_BRACKET) return undefined;
    if (source.charAt(textEnd + 1) !== '(') return undefined;
    const urlStart = textEnd + 2;
    const urlEnd = source.indexOf(')', urlStart);
    if (urlEnd <= urlStart || urlEnd >= to) return undefined;
    const url = source.slice(urlStart, urlEnd);
    if (/[\s()<>[\]"'&\\`*]/.test(url)) return undefined;
    const end = urlEnd + 1;
    return {
      node: { type: 'link', title: null, url, children: [this.#textNode(at + 1, textEnd)], position: this.#span(at, end) },
      end,
    };
  }

  /**
   * The wikilink whose `[[` is at `at` and whose `]]` at `close`, built as `wikiLink/fromMarkdown.ts` builds
   * it; an embed when an unescaped `!` comes just before. Insides outside `WIKI_LINK_INSIDE` are remark's.
   */
  #wikiLink(at: number, close: number): { node: PhrasingContent; end: number } | undefined {
    const source = this.source;
    const parts = simpleWikiLinkParts(source.slice(at + 2, close));
    if (!parts) return undefined;
    const embed = source.charCodeAt(at - 1) === CODE_EXCLAMATION;
    if (embed && source.charCodeAt(at - 2) === CODE_BACKSLASH) return undefined; // `\![[` or `\\![[`: remark decides
    const node: WikiLink = { type: 'wikiLink', target: parts.target, embed, value: '' };
    if (parts.heading !== undefined) node.heading = parts.heading;
    if (parts.block !== undefined) node.block = parts.block;
    if (parts.label !== undefined) node.label = parts.label;
    node.value = node.label ?? node.target + (node.block ? `#^${node.block}` : node.heading ? `#${node.heading}` : '');
    const end = close + 2;
    node.position = this.#span(embed ? at - 1 : at, end);
    return { node, end };
  }

  /** `[^label]: text` on one line: a footnote definition holding one paragraph. */
  #footnoteDefinition(line: Line, label: string, contentColumn: number): FootnoteDefinition | undefined {
    if (!FOOTNOTE_LABEL.test(label)) return undefined;
    const paragraph = this.#paragraph(line.start + contentColumn, line, line);
    if (!paragraph) return undefined;
    return { type: 'footnoteDefinition', identifier: footnoteIdentifier(label), label, children: [paragraph], position: this.#span(line.start, line.end) };
  }

  /** `[^label]` calling a footnote the note defines; any other `[^` is remark's. */
  #footnoteCall(at: number, to: number): { node: PhrasingContent; end: number } | undefined {
    const source = this.source;
    const close = source.indexOf(']', at + 2);
    if (close < 0 || close >= to || source.charAt(at - 1) === '!' || '([:'.includes(source.charAt(close + 1))) return undefined;
    const label = source.slice(at + 2, close);
    if (!FOOTNOTE_LABEL.test(label) || !this.#footnotes.has(footnoteIdentifier(label))) return undefined;
    const end = close + 1;
    return { node: { type: 'footnoteReference', identifier: footnoteIdentifier(label), label, position: this.#span(at, end) }, end };
  }

  /** Text as remark gives it: with backslash escapes of punctuation resolved. */
  #textNode(start: number, end: number): Text {
    const raw = this.source.slice(start, end);
    const value = raw.includes('\\') ? raw.replace(ESCAPE, '$1') : raw;
    return { type: 'text', value, position: this.#span(start, end) };
  }

  #span(start: number, end: number): Position {
    return { start: this.#point(start), end: this.#point(end) };
  }

  #point(offset: number): Point {
    let line = this.#lines[0] as Line;
    for (const candidate of this.#lines) {
      if (candidate.start > offset) break;
      line = candidate;
    }
    return { line: line.number, column: offset - line.start + 1, offset };
  }
}

/**
 * Whether a table or quote that interrupts a paragraph is what remark reads there: not when the table's first
 * line is itself a delimiter row (the paragraph's last line is then the header), nor when the quote opens with
 * another block than a paragraph (remark holds its first line to the rules of interrupting a paragraph).
 */
function interruptsAsRead(node: Block, firstLine: string): boolean {
  if (node.type === 'table') return delimiterAlign(firstLine) === undefined;
  return node.type === 'blockquote' && node.children[0]?.type === 'paragraph';
}

/** A list of one item: a bullet list, or an ordered one from `start`. */
function listOf(item: ListItem, start: number | null): List {
  return { type: 'list', ordered: start !== null, start, spread: false, children: [item] };
}

/** An Obsidian callout's type, `[!warning]`: brackets that only a link could make anything but text of. */
const CALLOUT_MARK = /\[![A-Za-z][\w-]*\]/y;

/**
 * Where the callout mark `[!type]` at `at` ends, when it is text: when no `(`, `[` or `:` follows, no link or
 * reference could use it, as the notes the fast path reads define no references (see `chunks.ts`).
 */
function calloutMarkEnd(source: string, at: number, to: number): number | undefined {
  CALLOUT_MARK.lastIndex = at;
  const mark = CALLOUT_MARK.exec(source);
  const end = at + (mark?.[0].length ?? 0);
  if (!mark || end > to || (end < to && '([:'.includes(source.charAt(end)))) return undefined;
  return end;
}

/** A footnote label this parser reads: letters, digits, `-` and `_` (others, with spaces or escapes, are remark's). */
const FOOTNOTE_LABEL = /^[A-Za-z0-9_-]{1,100}$/;
/** A footnote definition's start, with the space after its colon: `[^1]: `. */
const FOOTNOTE_DEFINITION = /^\[\^([^\]\n]+)\]: (?=\S)/;

/** How mdast identifies a footnote label: case aside (micromark's normalisation, then lower case). */
function footnoteIdentifier(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase().toLowerCase();
}

/** Whether a list item line is a bullet or an ordered item numbered 1 (`1.`, `01)`). */
function startsAtOne(text: string): boolean {
  const number = LIST_ITEM.exec(text)?.[3];
  return number === undefined || Number(number) === 1;
}

function offsetOf(point: Point | undefined): number {
  return point?.offset ?? 0;
}

function endOf(children: readonly RootContent[]): number {
  return offsetOf(children.at(-1)?.position?.end);
}

/** Whether a paragraph line may start with this text without starting another block. */
function plainStart(text: string): boolean {
  const first = text.charAt(0);
  if (text.startsWith('```') || text.startsWith('$$')) return false; // a code or math fence, which interrupts a paragraph
  if (first === '*') return text.charAt(1) !== ' ' && !THEMATIC_BREAK.test(text);
  if (/[0-9]/.test(first)) return !ORDERED_MARKER.test(text);
  if (first === ':' && text.charAt(1) === '-') return false; // a table's delimiter row
  if (first === '!') return text.startsWith('![['); // an embed; an image is remark's
  return first !== '' && !'#>~<=+-_|! '.includes(first);
}

/** Text inside emphasis: no markers, brackets, code, math or escapes. */
function plainInline(text: string): boolean {
  return !/[*_`$\\[\]]/.test(text);
}

/** Link text: one line, no markers, brackets, code, math or escapes. */
function plainLabel(text: string): boolean {
  return !/[*_`$\\[\]\n]/.test(text);
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** How CommonMark classes the character beside a delimiter run; non-ASCII is left to remark. */
function classOf(char: string): 'space' | 'punctuation' | 'other' | undefined {
  if (char === '' || char === ' ' || char === '\n') return 'space';
  if (char.charCodeAt(0) > 127) return undefined;
  return ASCII_PUNCTUATION.test(char) ? 'punctuation' : 'other';
}

/** Whether the run of `_` at `at` could open emphasis (then remark must decide); otherwise it is a literal. */
function underscoreCanOpen(source: string, at: number, from: number, to: number): boolean {
  let end = at;
  while (end < to && source.charCodeAt(end) === CODE_UNDERSCORE) end++;
  const before = classOf(at === from ? '' : source.charAt(at - 1));
  const after = classOf(end === to ? '' : source.charAt(end));
  if (before === undefined || after === undefined) return true;
  const left = after !== 'space' && (after !== 'punctuation' || before !== 'other');
  const right = before !== 'space' && (before !== 'punctuation' || after !== 'other');
  return left && (!right || before === 'punctuation');
}
