import { parseCourseUrl } from '../citations/courseUrl';
import { isSafeExternalUrl } from '../citations/resolveCitation';
import type { UnsafeCitation } from '../citations/unsafeCitations';
import type { Concept, Definition, Range } from '../model';
import { fileNameOf } from '../util/fileName';
import type { NoteAnalysis } from '../notes/noteAnalysis';
import type { Diagnostic, RelatedLocation } from './diagnostic';
import type { ResolvedCitation } from './courseIndex';
import { isAttachment, namesUnlistedFile } from '../links/attachments';
import type { ResolvedWikiLink } from '../links/wikiLinks';

export interface NoteDiagnosticsInput {
  readonly note: string;
  readonly analysis: NoteAnalysis;
  readonly citations: readonly ResolvedCitation[];
  readonly concepts: ReadonlyMap<string, Concept>;
  /** The id of the concept a term names (after joining names, see `conceptGroups`). */
  readonly idOf: (term: string) => string;
  /** For each concept id, the ids it looks like a misspelling of. */
  readonly duplicates: ReadonlyMap<string, readonly string[]>;
  /** Links written as citations with a scheme that is not http(s) (see `unsafeCitations`). */
  readonly unsafeCitations?: readonly UnsafeCitation[];
  /** The note's wikilinks with where they lead. */
  readonly wikiLinks?: readonly ResolvedWikiLink[];
  /** The note names a broken wikilink may have meant, and the link written with each (see `rewriteWikiLink`). */
  readonly suggestionsFor?: (link: ResolvedWikiLink) => readonly { readonly name: string; readonly link: string }[];
}

/**
 * Whether two definitions say the same in other punctuation, case or citations: a summary that copies a
 * unit's definition and cites the unit at its end (`... [[Unit 1]](url)`) says the same thing.
 */
function normalText({ text, citations }: Pick<Definition, 'text' | 'citations'>): string {
  return citations
    .reduce((rest, citation) => rest.replace(citation.label, ' '), text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The other definitions a conflict lists as related places, in the concept's order; the message counts them
 * all. A term defined in thirty places would otherwise list twenty-nine lines under every one of them.
 */
const RELATED_LIMIT = 10;

/** A concept's glossary definitions with words, each with its `normalText`. */
interface Comparable {
  readonly definitions: readonly Definition[];
  readonly normals: readonly string[];
  /** How many of them have each normal text. */
  readonly counts: ReadonlyMap<string, number>;
  /** The normal text of each by its term's range: a note's own definitions are among them, as the index merged them. */
  readonly normalAt: ReadonlyMap<Range, string>;
  /** Each one as a related place of a conflict, made when first listed and shared by every conflict that lists it. */
  readonly places: (RelatedLocation | undefined)[];
}

/**
 * Made once per concept: a term defined in n places compares each definition with the n - 1 others, in every
 * note that defines it. Conflicts are between glossary definitions with words: a concept page reports its
 * sources' framings side by side on purpose.
 */
const comparables = new WeakMap<Concept, Comparable>();

function comparableOf(concept: Concept): Comparable {
  let found = comparables.get(concept);
  if (!found) {
    const definitions = concept.definitions.filter((other) => isGlossary(other) && other.text !== '');
    const normals = definitions.map(normalText);
    const counts = new Map<string, number>();
    for (const normal of normals) counts.set(normal, (counts.get(normal) ?? 0) + 1);
    const normalAt = new Map(definitions.map((definition, i) => [definition.termRange, normals[i] ?? '']));
    comparables.set(concept, (found = { definitions, normals, counts, normalAt, places: [] }));
  }
  return found;
}

/** The `i`th comparable definition of a concept as a related place of a conflict. */
function placeOf(concept: Concept, comparable: Comparable, i: number): RelatedLocation | undefined {
  const other = comparable.definitions[i];
  if (!other) return undefined;
  return (comparable.places[i] ??= at(other, `another definition of ${concept.term}`));
}

/** A wikilink that leads nowhere, or to one of several notes that its words name equally. */
function linkProblem(resolved: ResolvedWikiLink, input: NoteDiagnosticsInput): Diagnostic | undefined {
  const { link, resolution } = resolved;
  const shown = `${link.embed ? '!' : ''}[[${link.target}]]`;
  if (resolution.kind === 'missing') {
    if (namesUnlistedFile(link.target)) return undefined;
    // The closest names are notes': no help for a missing image or PDF.
    const closest = isAttachment(link.target) ? [] : (input.suggestionsFor?.(resolved) ?? []);
    const names = closest.map(({ name }) => name);
    const suggestions = closest.map(({ link: text }) => text);
    return {
      note: input.note,
      range: link.range,
      severity: 'warning',
      code: 'link-broken',
      message: `${shown} leads to no note or file in the workspace${names.length > 0 ? `; did you mean ${names.map((name) => `"${name}"`).join(', ')}?` : '.'}`,
      ...(suggestions.length > 0 ? { suggestions } : {}),
    };
  }
  if (resolution.kind !== 'ambiguous') return undefined;
  const start = { line: 0, character: 0 };
  return {
    note: input.note,
    range: link.range,
    severity: 'warning',
    code: 'link-ambiguous',
    message: `${shown} names ${resolution.candidates.length} notes equally (${resolution.candidates.map((uri) => fileNameOf(uri)).join(', ')}); it opens the first. Write more of its path to choose.`,
    related: resolution.candidates.map((uri) => ({ note: uri, range: { start, end: start }, message: 'a note this link may mean' })),
  };
}

function isGlossary(definition: Definition): boolean {
  return definition.style === 'bold' || definition.style === 'italic' || definition.style === 'heading';
}

function at(definition: Definition, message: string): RelatedLocation {
  return { note: definition.note, range: definition.termRange, message };
}

/**
 * The problems a student can act on in one note: a note the index would not parse (binary, too large or
 * nested too deep: see `limits.ts`), a paragraph read as plain text (see `inlineBudget.ts`), citation-shaped links to `javascript:` and other schemes that are never
 * opened, citations with no local copy or an anchor no heading has, a term defined
 * elsewhere with other words, and a term that looks like a misspelling of another.
 */
export function noteDiagnostics(input: NoteDiagnosticsInput): Diagnostic[] {
  const { note } = input;
  const found: Diagnostic[] = [];
  for (const problem of [...(input.analysis.problem ? [input.analysis.problem] : []), ...(input.analysis.complexParagraphs ?? [])]) {
    const start = { line: problem.line, character: 0 };
    found.push({ note, range: { start, end: start }, severity: 'warning', code: problem.code, message: problem.message });
  }
  for (const { range, scheme } of input.unsafeCitations ?? []) {
    found.push({
      note,
      range,
      severity: 'warning',
      code: 'citation-unsafe-link',
      message: `This citation links to a ${scheme}: URL, which Alignment Notes never opens or follows. Link to the unit's web page or its note instead.`,
    });
  }
  for (const { citation, resolution } of input.citations) {
    if (resolution.kind === 'external') {
      if (parseCourseUrl(citation.url, note)) {
        found.push({
          note,
          range: citation.range,
          severity: 'information',
          code: 'citation-no-local-copy',
          message: isSafeExternalUrl(resolution.url)
            ? `No local copy of ${citation.label} in the workspace; it opens ${resolution.url}`
            : `No local copy of ${citation.label} in the workspace, and ${resolution.url} is no web link, so it opens nothing.`,
        });
      }
    } else if (resolution.approximate && resolution.anchor !== undefined) {
      const heading = resolution.heading;
      found.push({
        note,
        range: citation.range,
        severity: 'warning',
        code: 'citation-anchor-not-found',
        message: heading
          ? `No heading #${resolution.anchor} in ${fileNameOf(resolution.note)}; the closest is "${heading.text}" (#${heading.slug}).`
          : `No heading #${resolution.anchor} in ${fileNameOf(resolution.note)}, which has no headings.`,
        ...(heading ? { replacement: heading.slug, related: [{ note: resolution.note, range: heading.range, message: `closest heading: ${heading.text}` }] } : {}),
      });
    }
  }
  const page = input.analysis.page?.frontMatterProblem;
  if (page) {
    const start = { line: page.line, character: 0 };
    found.push({ note, range: { start, end: start }, severity: 'warning', code: page.code, message: page.message });
  }
  for (const link of input.wikiLinks ?? []) {
    const problem = linkProblem(link, input);
    if (problem) found.push(problem);
  }
  for (const definition of input.analysis.definitions) {
    const id = input.idOf(definition.term);
    const concept = input.concepts.get(id);
    if (!concept) continue;
    const differing: RelatedLocation[] = [];
    let count = 0;
    if (definition.text !== '') {
      const comparable = comparableOf(concept);
      const { definitions, normals, counts } = comparable;
      // The note's own definition as the concept holds it; not there when the concept was merged from an older analysis.
      const mine = comparable.normalAt.get(definition.termRange) ?? normalText(definition);
      // The definition itself, when it is a glossary one, is among those with its own words.
      count = definitions.length - (counts.get(mine) ?? 0);
      for (let i = 0; i < definitions.length && differing.length < Math.min(count, RELATED_LIMIT); i++) {
        const place = normals[i] === mine ? undefined : placeOf(concept, comparable, i);
        if (place) differing.push(place);
      }
    }
    if (count > 0) {
      found.push({
        note,
        range: definition.termRange,
        severity: 'information',
        code: 'definition-conflict',
        message: `"${definition.term}" is also defined in ${count === 1 ? 'another place' : `${count} other places`} with different words.`,
        related: differing,
      });
    }
    for (const otherId of input.duplicates.get(id) ?? []) {
      const other = input.concepts.get(otherId);
      const first = other?.definitions[0];
      if (!other || !first) continue;
      found.push({
        note,
        range: definition.termRange,
        severity: 'information',
        code: 'likely-misspelt-duplicate',
        message: `"${definition.term}" looks like "${other.term}", defined in ${fileNameOf(first.note)}: the same term spelt two ways?`,
        related: [at(first, `"${other.term}" is defined here`)],
      });
    }
  }
  return found.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
}
