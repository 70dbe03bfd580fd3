import type { Nodes, Root } from 'mdast';
import { looksLikeCitation, isStructuralLabel } from '../concepts/structuralLabels';
import type { Diagnostic } from '../index/diagnostic';
import type { Concept, Heading, Range } from '../model';
import type { NoteDefinition } from '../notes/noteAnalysis';
import { parseMarkdownFragment } from '../parse/processor';
import { collapse } from '../parse/plainText';
import { SimpleMarkdown } from '../parse/simpleMarkdown';
import { walk } from '../parse/walk';
import { fileNameOf } from '../util/fileName';
import { toString } from 'mdast-util-to-string';
import type { ResolvedCitation } from '../index/courseIndex';

/** The coverage problems: what the notes leave undefined, unused or unwritten. Each is a hint, and each is switched on by its host. */
export type CoverageCode = 'coverage-undefined-term' | 'coverage-unmentioned-concept' | 'coverage-empty-unit';

export const COVERAGE_CODES: readonly CoverageCode[] = ['coverage-undefined-term', 'coverage-unmentioned-concept', 'coverage-empty-unit'];

export interface CoverageInput {
  readonly note: string;
  readonly text: string;
  /** The note's glossary definitions, as the analysis found them. */
  readonly definitions: readonly NoteDefinition[];
  readonly citations: readonly ResolvedCitation[];
  readonly concepts: ReadonlyMap<string, Concept>;
  /** The id of the concept a term names (after joining names). */
  readonly idOf: (term: string) => string;
  /** Whether a phrase names a concept, as written anywhere (term or alias, any spelling). */
  readonly names: (phrase: string) => boolean;
  /** How often a concept is named outside its own definitions, across the workspace (asked only when that rule is on). */
  readonly mentions: () => ReadonlyMap<string, number>;
  readonly headingsOf: (note: string) => readonly Heading[];
  readonly offsetAt: (position: Range['start']) => number;
  readonly rangeOf: (start: number, end: number) => Range;
  readonly enabled: ReadonlySet<CoverageCode>;
}

/** Words bolded for emphasis, not as terms: `**not**`, `**only** when`, `**all of them**`. */
const EMPHASIS_WORDS = new Set([
  'not', 'never', 'no', 'none', 'only', 'always', 'all', 'any', 'every', 'each', 'must', 'should', 'can', 'cannot', 'may', 'will',
  'very', 'more', 'less', 'most', 'least', 'both', 'either', 'neither', 'and', 'or', 'but', 'nor', 'of', 'them', 'it', 'is', 'are',
  'before', 'after', 'once', 'twice', 'why', 'how', 'what', 'when', 'where', 'who', 'yes', 'important', 'note', 'warning', 'same', 'different',
]);

/** A term named in bold is a short phrase with a letter, not emphasis, a label or a citation. */
export function isTermLike(phrase: string): boolean {
  const words = phrase.split(' ');
  if (phrase.length > 80 || words.length > 6 || !/\p{L}/u.test(phrase)) return false;
  if (words.every((word) => EMPHASIS_WORDS.has(word.toLowerCase().replace(/[^\p{L}]/gu, '')))) return false;
  return !isStructuralLabel(phrase) && !looksLikeCitation(phrase);
}

/** Whether a node holds a link of any kind: a bold link names a note, not a term. */
function holdsLink(node: Nodes): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.type === 'link' || child.type === 'linkReference' || (child.type as string) === 'wikiLink') found = true;
  });
  return found;
}

/** The bold phrases of a definition's first paragraph other than its term, with their ranges in the note. */
export function boldTermsIn(text: string, definition: NoteDefinition, offsetAt: CoverageInput['offsetAt'], rangeOf: CoverageInput['rangeOf']): { phrase: string; range: Range }[] {
  const start = offsetAt(definition.range.start);
  const end = offsetAt(definition.range.end);
  const termEnd = offsetAt(definition.termRange.end);
  const body = text.slice(Math.max(start, termEnd), end);
  // Most definitions bold nothing but their term: the parse is skipped for them.
  if (!body.includes('**') && !body.includes('__')) return [];
  const source = text.slice(start, end);
  // The plain subset's parser first, remark for anything else, as the analysis reads notes.
  const blocks = SimpleMarkdown.parse(source, 0, source.length, 0);
  const tree: Root = blocks ? { type: 'root', children: blocks } : parseMarkdownFragment(source);
  const found: { phrase: string; range: Range }[] = [];
  const inLinks = new Set<Nodes>();
  walk(tree, (node) => {
    if (node.type === 'link' || node.type === 'linkReference') walk(node, (child) => inLinks.add(child));
    if (node.type !== 'strong' || inLinks.has(node) || !node.position) return;
    const from = start + (node.position.start.offset ?? 0);
    const to = start + (node.position.end.offset ?? 0);
    if (from < termEnd || holdsLink(node)) return; // the term itself, or a bold link
    found.push({ phrase: collapse(toString(node)), range: rangeOf(from, to) });
  });
  return found;
}

function isGlossary(definition: NoteDefinition): boolean {
  return definition.style === 'bold' || definition.style === 'italic' || definition.style === 'heading';
}

/**
 * The coverage problems of one note, for the rules that are on: a bold term inside a definition that no note
 * defines; a glossary concept that no note names outside its definitions (concept pages are reached by links,
 * so they are left out); a citation of a unit whose local note has no headings yet.
 */
export function coverageDiagnostics(input: CoverageInput): Diagnostic[] {
  const { note, enabled } = input;
  const found: Diagnostic[] = [];
  if (enabled.has('coverage-undefined-term')) {
    const reported = new Set<string>();
    for (const definition of input.definitions) {
      if (definition.style !== 'bold' && definition.style !== 'italic') continue;
      for (const { phrase, range } of boldTermsIn(input.text, definition, input.offsetAt, input.rangeOf)) {
        if (!isTermLike(phrase) || input.names(phrase)) continue;
        const key = `${range.start.line}:${range.start.character}`;
        if (reported.has(key)) continue;
        reported.add(key);
        found.push({
          note,
          range,
          severity: 'hint',
          code: 'coverage-undefined-term',
          message: `"${phrase}" is in bold in the definition of "${definition.term}" but no note defines it.`,
        });
      }
    }
  }
  if (enabled.has('coverage-unmentioned-concept')) {
    const mentions = input.mentions();
    for (const definition of input.definitions) {
      if (!isGlossary(definition)) continue;
      const id = input.idOf(definition.term);
      const concept = input.concepts.get(id);
      if (!concept || concept.definitions.some((other) => other.style === 'page')) continue;
      if ((mentions.get(id) ?? 0) > 0) continue;
      found.push({
        note,
        range: definition.termRange,
        severity: 'hint',
        code: 'coverage-unmentioned-concept',
        message: `"${concept.term}" is defined but named nowhere else in your notes.`,
      });
    }
  }
  if (enabled.has('coverage-empty-unit')) {
    for (const { citation, resolution } of input.citations) {
      if (resolution.kind !== 'local' || input.headingsOf(resolution.note).length > 0) continue;
      found.push({
        note,
        range: citation.range,
        severity: 'hint',
        code: 'coverage-empty-unit',
        message: `${citation.label} cites ${fileNameOf(resolution.note)}, which has no headings yet: no notes on this unit so far.`,
      });
    }
  }
  return found;
}
