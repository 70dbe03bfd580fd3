import type { DiagnosticCode } from '../index/diagnostic';
import type { Concept, Range } from '../model';

/** A definition's place: what a problem reported inside it is about. */
export interface DefinitionPlace {
  readonly id: string;
  readonly range: Range;
}

/** A problem as the Problems panel holds it: where it is, and how bad (lower is worse, as VS Code counts: 0 an error). */
export interface PlacedProblem {
  readonly range: Range;
  readonly severity: number;
}

/** A concept's problems: how many, and the worst severity among them. */
export interface ConceptMarks {
  readonly count: number;
  readonly severity: number;
}

/** Each note's definition places, from every concept's definitions: made once per index state. */
export function definitionPlaces(concepts: Iterable<Concept>): Map<string, DefinitionPlace[]> {
  const byNote = new Map<string, DefinitionPlace[]>();
  for (const concept of concepts) {
    for (const definition of concept.definitions) {
      let places = byNote.get(definition.note);
      if (!places) byNote.set(definition.note, (places = []));
      places.push({ id: concept.id, range: definition.range });
    }
  }
  return byNote;
}

function within(range: Range, position: Range['start']): boolean {
  const { start, end } = range;
  const after = position.line > start.line || (position.line === start.line && position.character >= start.character);
  const before = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return after && before;
}

/**
 * How many of a note's problems each concept has: those that start inside one of its definitions in the note
 * (a conflicting definition, a misspelt term, a bold term defined nowhere, a concept named nowhere else).
 */
export function problemsOfConcepts(places: readonly DefinitionPlace[], problems: readonly PlacedProblem[]): Map<string, ConceptMarks> {
  const marks = new Map<string, ConceptMarks>();
  for (const problem of problems) {
    const hit = places.find((place) => within(place.range, problem.range.start));
    if (hit) addMarks(marks, hit.id, { count: 1, severity: problem.severity });
  }
  return marks;
}

/** Adds a concept's marks to a sum. */
export function addMarks(sum: Map<string, ConceptMarks>, id: string, marks: ConceptMarks): void {
  const before = sum.get(id);
  sum.set(id, before ? { count: before.count + marks.count, severity: Math.min(before.severity, marks.severity) } : marks);
}

/** What each kind of problem is called in the view that lists notes by kind of problem. */
export const PROBLEM_KINDS: Readonly<Record<DiagnosticCode, string>> = {
  'note-unreadable': 'Notes that cannot be read',
  'note-binary': 'Files that are not text',
  'note-too-large': 'Notes too large to read whole',
  'note-too-deeply-nested': 'Notes nested too deeply',
  'note-not-analysed': 'Notes not analysed',
  'paragraph-too-complex': 'Paragraphs read as plain text',
  'citation-no-local-copy': 'Citations with no local copy',
  'citation-anchor-not-found': 'Citations to a missing heading',
  'citation-unsafe-link': 'Citations to unsafe links',
  'definition-conflict': 'Terms defined with different words',
  'likely-misspelt-duplicate': 'Terms that look misspelt',
  'link-broken': 'Broken links',
  'link-ambiguous': 'Ambiguous links',
  'front-matter-invalid': 'Invalid front matter',
  'front-matter-too-many-aliases': 'Too many aliases',
  'coverage-undefined-term': 'Bold terms defined nowhere',
  'coverage-unmentioned-concept': 'Concepts named nowhere else',
  'coverage-empty-unit': 'Cited units with no notes yet',
};

/** A kind of problem with the notes that have it. */
export interface ProblemKind<P> {
  readonly code: string;
  readonly title: string;
  /** Notes in path order, each with its problems of this kind. */
  readonly notes: readonly { readonly note: string; readonly problems: readonly P[] }[];
  readonly count: number;
}

/** Every note's problems regrouped by kind (code), kinds by title; a code we do not know is titled by itself. */
export function problemsByKind<P extends { readonly code?: string }>(byNote: ReadonlyMap<string, readonly P[]>): ProblemKind<P>[] {
  const kinds = new Map<string, Map<string, P[]>>();
  for (const [note, problems] of byNote) {
    for (const problem of problems) {
      const code = problem.code ?? 'other';
      let notes = kinds.get(code);
      if (!notes) kinds.set(code, (notes = new Map()));
      let list = notes.get(note);
      if (!list) notes.set(note, (list = []));
      list.push(problem);
    }
  }
  const titles: Readonly<Record<string, string>> = PROBLEM_KINDS;
  return [...kinds]
    .map(([code, notes]) => ({
      code,
      title: titles[code] ?? code,
      notes: [...notes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([note, problems]) => ({ note, problems })),
      count: [...notes.values()].reduce((sum, list) => sum + list.length, 0),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}
