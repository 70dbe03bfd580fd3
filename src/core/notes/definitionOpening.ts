import type { Nodes, Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { nameAndAcronym } from '../concepts/acronyms';
import { isStructuralLabel, looksLikeCitation } from '../concepts/structuralLabels';
import { collapse, offsetOf } from '../parse/plainText';

/** What a definition bullet's first paragraph says, before it is placed in the note. */
export interface Opening {
  readonly term: string;
  readonly aliases: string[];
  readonly termNode: PhrasingContent;
  /** Source offset where the definition text starts. */
  readonly bodyStart: number;
  /** The nodes of the definition text (after the colon, or the whole sentence for is/are). */
  readonly body: PhrasingContent[];
  /** Whether nothing follows the colon: the definition is then the item's nested bullets, if it has any. */
  readonly empty: boolean;
}

/** `**Features** are ...`: a bold term opening a sentence without a colon. */
const IS_ARE = /^\s+(?:is|are)\b/;
/**
 * What may stand between the term and its text: parenthesised aliases, then a colon, or a dash between
 * spaces (`**Term** — text`, `**Term** - text`).
 */
const SEPARATOR = /^\s*(?:\(([^()]*)\))?\s*(?::|(?<=\s)[-–—](?=\s))/;
const ALIASES_ONLY = /^\s*(?:\(([^()]*)\))?\s*$/;
/** `Constitutional AI (CAI)` written inside the bold, or `RLHF (Reinforcement Learning from Human Feedback)`. */
const TRAILING_PARENTHESIS = /^(.*\S)\s*\(([^()]+)\)$/;

/**
 * The name and acronym of a bold term written with both, either way round (`Constitutional AI (CAI)`,
 * `RLHF (Reinforcement Learning from Human Feedback)`): the name is the term, the acronym its alias. Any
 * other parenthesis stays part of the term (`k-NN (approx.)`).
 */
function acronymInBold(text: string): { term: string; alias: string } | undefined {
  const named = nameAndAcronym(text);
  if (named) return { term: named.name, alias: named.acronym };
  const [, outer = '', inner = ''] = TRAILING_PARENTHESIS.exec(text) ?? [];
  const reversed = nameAndAcronym(`${inner.trim()} (${outer})`);
  return reversed ? { term: reversed.name, alias: reversed.acronym } : undefined;
}
const WORD = /[\p{L}\p{N}]/u;

/** Splits `a, b; c` inside parentheses into aliases, leaving out citations such as `Hubinger et al. 2019`. */
export function splitAliases(text: string): string[] {
  return text
    .split(/[,;/]|\bor\b/)
    .map((alias) => alias.trim())
    .filter((alias) => alias.length > 0 && !looksLikeCitation(alias) && !/^(?:see|cf|e\.g|i\.e)\b/i.test(alias));
}

/** Whether nodes hold a word outside links: `[[a]], [[b]]` holds none, so it defines nothing. */
export function hasWords(nodes: readonly Nodes[]): boolean {
  return nodes.some((node) => {
    if (node.type === 'link' || node.type === 'wikiLink' || node.type === 'linkReference' || node.type === 'footnoteReference') return false;
    if ('children' in node) return hasWords(node.children);
    return 'value' in node && WORD.test(node.value);
  });
}

/** Whether a node holds a link anywhere: `**Replicates [[sources/x]]**` is a relation, not a term. */
function holdsLink(node: Nodes): boolean {
  if (node.type === 'link' || node.type === 'wikiLink' || node.type === 'linkReference') return true;
  return 'children' in node && node.children.some(holdsLink);
}

/**
 * Reads `**Term** (alias) [[Unit 1]](url): text`, `**Term:** text`, `**Term** — text` and `**Term** is/are
 * text`; with `marker: 'emphasis'` the same shapes in italics. Anything else is not a definition, and
 * neither are structure labels (`**Related to**:`, `**Theorem 2**:`), bold links or labels holding one
 * (`**[[sources/x]]**`, `**Replicates [[sources/x]]**`), citations (`**Christiano et al. (2021)**:`) and a
 * label followed only by links (`**Prerequisites**: [[a]], [[b]]`).
 */
export function readOpening(paragraph: Paragraph, marker: 'strong' | 'emphasis'): Opening | undefined {
  const [first, ...rest] = paragraph.children;
  if (first?.type !== marker || !first.position || holdsLink(first)) return undefined;
  let term = collapse(toString(first));
  let colonSeen = term.endsWith(':');
  if (colonSeen) term = term.slice(0, -1).trim();
  const aliases: string[] = [];
  const acronym = acronymInBold(term);
  if (acronym) {
    term = acronym.term;
    aliases.push(acronym.alias);
  }
  if (term.length === 0 || term.length > 200 || !WORD.test(term) || isStructuralLabel(term) || looksLikeCitation(term)) return undefined;
  const body: PhrasingContent[] = [];
  let bodyStart = offsetOf(first, 'end');
  let cites = false;
  /** Whether parenthesised aliases followed the bold: `**Term** (alias) is ...` is no is/are definition. */
  let aliasesAfter = false;
  for (const node of rest) {
    if (colonSeen) {
      body.push(node);
      continue;
    }
    if (node.type === 'link' || node.type === 'wikiLink') {
      cites = true;
      continue;
    }
    if (node.type !== 'text') return undefined;
    if (marker === 'strong' && !aliasesAfter && !cites && IS_ARE.test(node.value)) {
      return { term, aliases, termNode: first, bodyStart: offsetOf(first, 'start'), body: [first, ...rest], empty: false };
    }
    const separator = SEPARATOR.exec(node.value);
    const head = separator ?? ALIASES_ONLY.exec(node.value);
    if (!head) return undefined;
    aliasesAfter ||= head[1] !== undefined;
    aliases.push(...splitAliases(head[1] ?? ''));
    if (!separator) continue;
    colonSeen = true;
    bodyStart = offsetOf(node, 'start') + separator[0].length;
    body.push({ ...node, value: node.value.slice(separator[0].length) });
  }
  if (!colonSeen) return undefined;
  if (hasWords(body)) return { term, aliases, termNode: first, bodyStart, body, empty: false };
  // Only links after the colon: a relation, not a definition. Nothing at all: the nested bullets may define it.
  return body.every((node) => node.type === 'text' && node.value.trim() === '') ? { term, aliases, termNode: first, bodyStart, body, empty: true } : undefined;
}
