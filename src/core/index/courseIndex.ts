import { CitationResolver } from '../citations/resolveCitation';
import { unitLabel } from '../citations/unitLabel';
import { likelyDuplicates } from '../concepts/likelyDuplicates';
import { mergeConcepts } from '../concepts/mergeConcepts';
import { phraseKey } from '../concepts/phraseKey';
import { buildConceptGraph, type ConceptGraph } from '../graph/conceptGraph';
import type { Citation, CitationMapping, CitationResolution, Concept, Definition, Heading, NoteCatalog, Position, Range } from '../model';
import { analyseNote, proseRuns } from '../notes/analyseNote';
import type { NoteAnalysis } from '../notes/noteAnalysis';
import { TermMatcher } from '../occurrences/termMatcher';
import { LineIndex } from '../parse/position';
import { ConceptSearch, type SearchResult } from '../search/conceptSearch';
import { Emitter, type Event } from '../util/event';
import { contentHash } from '../util/hash';
import { type AnalysisCache, CACHE_VERSION, readAnalysisCache } from './analysisCache';
import type { Diagnostic } from './diagnostic';
import { noteDiagnostics } from './noteDiagnostics';

/** A concept named at some place in a note. */
export interface Occurrence {
  readonly id: string;
  readonly note: string;
  readonly range: Range;
}

/** A citation with where it leads. */
export interface ResolvedCitation {
  readonly citation: Citation;
  readonly resolution: CitationResolution;
}

/** A unit a concept cites, once per place it leads to. */
export interface CitedUnit {
  readonly resolution: CitationResolution;
  /** `Unit 1 › What is AI alignment?` when the heading resolved locally, else `Unit 1`. */
  readonly title: string;
}

/** What changed, for listeners that update views. */
export interface IndexChange {
  readonly notes: readonly string[];
}

interface NoteEntry {
  readonly text: string;
  readonly hash: string;
  readonly analysis: NoteAnalysis;
  lines?: LineIndex;
  /** Prose runs, parsed on first need when the analysis came from the fast path. */
  prose?: readonly number[];
}

/** Everything computed from all notes together; rebuilt lazily after a change, part by part. */
interface Derived {
  readonly concepts: Map<string, Concept>;
  readonly matcher: TermMatcher;
  readonly occurrences: Map<string, Occurrence[]>;
  sorted?: readonly Concept[];
  search?: ConceptSearch;
  graph?: ConceptGraph;
  duplicates?: Map<string, string[]>;
}

/**
 * The workspace index: notes in, answers out. Each note is analysed alone (cached by content hash), so an
 * edit re-parses only that note; what depends on all notes (concepts, the term matcher, search, the graph)
 * is rebuilt lazily on the next question. It never throws over note content: problems are diagnostics.
 */
export class CourseIndex {
  readonly #notes = new Map<string, NoteEntry>();
  /** Analyses by content hash, including those restored from a persisted cache and not yet claimed. */
  #byHash = new Map<string, NoteAnalysis>();
  #derived: Derived | undefined;
  #resolver: CitationResolver | undefined;
  #mappings: readonly CitationMapping[] = [];
  #structureVersion = 0;
  /** Changes when any note's terms or aliases change; the term matcher is rebuilt only then. */
  #termsVersion = 0;
  #matcher: { version: number; matcher: TermMatcher } | undefined;
  readonly #changed = new Emitter<IndexChange>();
  /** Fires after notes were added, changed or removed. */
  readonly onDidChange: Event<IndexChange> = this.#changed.event;

  /**
   * Adds or replaces a note. Returns whether its content changed. `analysed` is `analyseNote(text)` computed
   * elsewhere, e.g. on a worker thread during a cold start.
   */
  setNote(note: string, text: string, analysed?: NoteAnalysis): boolean {
    const hash = contentHash(text);
    const existing = this.#notes.get(note);
    if (existing?.hash === hash) return false;
    let analysis = this.#byHash.get(hash);
    if (!analysis) {
      analysis = analysed ?? analyseNote(text);
      this.#byHash.set(hash, analysis);
    }
    if (existing && existing.hash !== hash && !this.#hashInUse(existing.hash, note)) this.#byHash.delete(existing.hash);
    this.#notes.set(note, { text, hash, analysis });
    if (!existing) this.#resolver = undefined;
    if (!existing || structureOf(existing.analysis) !== structureOf(analysis)) this.#structureVersion++;
    if (!existing || termsOf(existing.analysis) !== termsOf(analysis)) this.#termsVersion++;
    this.#invalidate([note]);
    return true;
  }

  removeNote(note: string): void {
    const existing = this.#notes.get(note);
    if (!existing) return;
    this.#notes.delete(note);
    if (!this.#hashInUse(existing.hash, note)) this.#byHash.delete(existing.hash);
    this.#resolver = undefined;
    this.#structureVersion++;
    this.#termsVersion++;
    this.#invalidate([note]);
  }

  /** Moves a note to a new URI without re-reading it. */
  renameNote(from: string, to: string): void {
    const entry = this.#notes.get(from);
    if (!entry || from === to) return;
    this.#notes.delete(from);
    this.#notes.set(to, entry);
    this.#resolver = undefined;
    this.#structureVersion++;
    this.#termsVersion++;
    this.#invalidate([from, to]);
  }

  /** Where course links whose URL starts with a prefix should look for the local copy. */
  setCitationMappings(mappings: readonly CitationMapping[]): void {
    this.#mappings = [...mappings];
    this.#resolver = undefined;
    this.#structureVersion++;
    this.#invalidate([]);
  }

  /**
   * Changes when what one note's answers can depend on in other notes changes: the set of notes, any note's
   * terms, aliases or headings, or the citation mappings. An edit to prose alone leaves it as it was, so a
   * host need only refresh that note's diagnostics.
   */
  get structureVersion(): number {
    return this.#structureVersion;
  }

  get noteCount(): number {
    return this.#notes.size;
  }

  notes(): string[] {
    return [...this.#notes.keys()].sort();
  }

  hasNote(note: string): boolean {
    return this.#notes.has(note);
  }

  textOf(note: string): string | undefined {
    return this.#notes.get(note)?.text;
  }

  headingsOf(note: string): readonly Heading[] {
    return this.#notes.get(note)?.analysis.headings ?? [];
  }

  /** Every concept, sorted by term (sorted once per change). */
  concepts(): readonly Concept[] {
    const derived = this.#build();
    derived.sorted ??= [...derived.concepts.values()].sort((a, b) => a.term.localeCompare(b.term) || a.id.localeCompare(b.id));
    return derived.sorted;
  }

  concept(id: string): Concept | undefined {
    return this.#build().concepts.get(id);
  }

  /** The concept a term or alias names, as written anywhere: `schemers`, `RLHF's`, `goal misgeneralization`. */
  conceptNamed(phrase: string): Concept | undefined {
    const derived = this.#build();
    const match = derived.matcher.matchAt(phrase, 0);
    return match && match.start === 0 && match.end === phrase.trim().length ? derived.concepts.get(match.id) : undefined;
  }

  definitionsOf(id: string): readonly Definition[] {
    return this.concept(id)?.definitions ?? [];
  }

  /** The concept named at `position` of a note, with the range of the words naming it. */
  conceptAt(note: string, position: Position): Occurrence | undefined {
    const entry = this.#notes.get(note);
    if (!entry) return undefined;
    const derived = this.#build();
    const offset = this.#lines(entry).offsetAt(position);
    const prose = this.#prose(entry);
    const run = proseRunAt(prose, offset);
    if (run === undefined) return undefined;
    const match = derived.matcher.matchAt(entry.text, offset);
    if (!match || match.start < (prose[run] ?? 0) || match.end > (prose[run + 1] ?? 0)) return undefined;
    return { id: match.id, note, range: this.#lines(entry).rangeOf(match.start, match.end) };
  }

  /** Whether `position` is in prose, where terms are matched: not in code, HTML or a link's URL. */
  inProse(note: string, position: Position): boolean {
    const entry = this.#notes.get(note);
    return entry !== undefined && proseRunAt(this.#prose(entry), this.#lines(entry).offsetAt(position)) !== undefined;
  }

  /** Every place a concept is named in the workspace, by note then position. */
  occurrencesOf(id: string): Occurrence[] {
    return this.notes().flatMap((note) => this.occurrencesIn(note).filter((occurrence) => occurrence.id === id));
  }

  /** Every concept named in one note, in order. */
  occurrencesIn(note: string): Occurrence[] {
    const entry = this.#notes.get(note);
    if (!entry) return [];
    const derived = this.#build();
    const cached = derived.occurrences.get(note);
    if (cached) return cached;
    const found: Occurrence[] = [];
    const prose = this.#prose(entry);
    for (let i = 0; i + 1 < prose.length; i += 2) {
      for (const match of derived.matcher.find(entry.text, prose[i], prose[i + 1])) {
        found.push({ id: match.id, note, range: this.#lines(entry).rangeOf(match.start, match.end) });
      }
    }
    derived.occurrences.set(note, found);
    return found;
  }

  /** Every citation of a note with where it leads. */
  citationsIn(note: string): ResolvedCitation[] {
    const entry = this.#notes.get(note);
    if (!entry) return [];
    return entry.analysis.citations.map((citation) => ({ citation, resolution: this.resolve(citation.url, note) }));
  }

  /** The citation whose link covers `position`. */
  citationAt(note: string, position: Position): ResolvedCitation | undefined {
    const entry = this.#notes.get(note);
    const citation = entry?.analysis.citations.find((candidate) => contains(candidate.range, position));
    return citation ? { citation, resolution: this.resolve(citation.url, note) } : undefined;
  }

  /** Where a course URL written in `fromNote` leads. */
  resolve(url: string, fromNote: string): CitationResolution {
    return this.#citationResolver().resolve(url, fromNote);
  }

  /** The units a concept's definitions cite, each place once, in the order first cited. */
  citedUnitsOf(id: string): CitedUnit[] {
    const found = new Map<string, CitedUnit>();
    for (const definition of this.definitionsOf(id)) {
      for (const citation of definition.citations) {
        const resolution = this.resolve(citation.url, definition.note);
        const key = resolution.kind === 'local' ? `${resolution.note}#${resolution.heading?.slug ?? ''}` : resolution.url;
        if (found.has(key)) continue;
        const label = unitLabel(citation) || citation.url;
        const title = resolution.kind === 'local' && resolution.heading ? `${label} › ${resolution.heading.text}` : label;
        found.set(key, { resolution, title });
      }
    }
    return [...found.values()];
  }

  /** Typo-tolerant search over terms and aliases. */
  search(query: string, limit?: number): (SearchResult & { concept: Concept })[] {
    const derived = this.#build();
    derived.search ??= new ConceptSearch(derived.concepts.values());
    return derived.search.search(query, limit).flatMap((result) => {
      const concept = derived.concepts.get(result.id);
      return concept ? [{ ...result, concept }] : [];
    });
  }

  graph(): ConceptGraph {
    const derived = this.#build();
    derived.graph ??= buildConceptGraph({
      concepts: derived.concepts.values(),
      mentionsIn: (text) => derived.matcher.find(text).map((match) => match.id),
      resolve: (citation, note) => this.resolve(citation.url, note),
    });
    return derived.graph;
  }

  /** The problems of one note. */
  diagnostics(note: string): Diagnostic[] {
    const entry = this.#notes.get(note);
    if (!entry) return [];
    const derived = this.#build();
    derived.duplicates ??= duplicatesById(derived.concepts);
    return noteDiagnostics({
      note,
      analysis: entry.analysis,
      citations: this.citationsIn(note),
      concepts: derived.concepts,
      keyOf: phraseKey,
      duplicates: derived.duplicates,
    });
  }

  /** The analyses of the current notes, to persist for a warm start. */
  exportCache(): AnalysisCache {
    const entries = [...this.#notes].map(([note, entry]) => {
      const prose = entry.prose ?? entry.analysis.prose;
      return { note, hash: entry.hash, analysis: prose ? { ...entry.analysis, prose } : entry.analysis };
    });
    return { version: CACHE_VERSION, entries };
  }

  /**
   * Restores analyses persisted by `exportCache`, so that `setNote` with unchanged text skips parsing.
   * Returns false, restoring nothing, for a cache of another version or of the wrong shape.
   */
  importCache(data: unknown): boolean {
    const cache = readAnalysisCache(data);
    if (!cache) return false;
    for (const { hash, analysis } of cache.entries) if (!this.#byHash.has(hash)) this.#byHash.set(hash, analysis);
    return true;
  }

  /** Whether `setNote` with this text would skip parsing (an analysis of it is at hand, e.g. from the cache). */
  isAnalysed(text: string): boolean {
    return this.#byHash.has(contentHash(text));
  }

  dispose(): void {
    this.#changed.dispose();
  }

  #hashInUse(hash: string, except: string): boolean {
    for (const [note, entry] of this.#notes) if (note !== except && entry.hash === hash) return true;
    return false;
  }

  #prose(entry: NoteEntry): readonly number[] {
    entry.prose ??= entry.analysis.prose ?? proseRuns(entry.text);
    return entry.prose;
  }

  #lines(entry: NoteEntry): LineIndex {
    entry.lines ??= new LineIndex(entry.text);
    return entry.lines;
  }

  #invalidate(notes: readonly string[]): void {
    this.#derived = undefined;
    this.#changed.fire({ notes });
  }

  #citationResolver(): CitationResolver {
    if (!this.#resolver) {
      const catalog: NoteCatalog = {
        notes: [...this.#notes.keys()],
        headingsOf: (note) => this.#notes.get(note)?.analysis.headings,
      };
      this.#resolver = new CitationResolver(catalog, this.#mappings);
    }
    return this.#resolver;
  }

  #build(): Derived {
    if (this.#derived) return this.#derived;
    const analyses = new Map<string, NoteAnalysis>();
    for (const [note, entry] of this.#notes) analyses.set(note, entry.analysis);
    const concepts = mergeConcepts(analyses, phraseKey);
    if (this.#matcher?.version !== this.#termsVersion) {
      const entries = [...concepts.values()]
        .sort((a, b) => a.id.localeCompare(b.id))
        .flatMap((concept) => [{ id: concept.id, phrase: concept.term }, ...concept.aliases.map((alias) => ({ id: concept.id, phrase: alias }))]);
      this.#matcher = { version: this.#termsVersion, matcher: new TermMatcher(entries) };
    }
    this.#derived = { concepts, matcher: this.#matcher.matcher, occurrences: new Map() };
    return this.#derived;
  }
}

/** What of a note other notes' answers depend on: its terms, aliases, definition texts and heading slugs. */
function structureOf(analysis: NoteAnalysis): string {
  return JSON.stringify([
    analysis.definitions.map((d) => [d.term, d.aliases, d.text, d.parent]),
    analysis.headings.map((h) => h.slug),
  ]);
}

/** What the term matcher depends on in a note: its terms and aliases, in order. */
function termsOf(analysis: NoteAnalysis): string {
  return JSON.stringify(analysis.definitions.map((d) => [d.term, d.aliases]));
}

/** The index of the prose run `[prose[i], prose[i + 1]]` that holds `offset` (end inclusive, for a cursor after a word). */
function proseRunAt(prose: readonly number[], offset: number): number | undefined {
  let low = 0;
  let high = prose.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const start = prose[mid * 2] ?? 0;
    const end = prose[mid * 2 + 1] ?? 0;
    if (offset < start) high = mid - 1;
    else if (offset > end) low = mid + 1;
    else return mid * 2;
  }
  return undefined;
}

function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

/** For each concept id, the ids it is likely a misspelling of (and the reverse). */
function duplicatesById(concepts: Map<string, Concept>): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const [a, b] of likelyDuplicates([...concepts.keys()])) {
    byId.set(a, [...(byId.get(a) ?? []), b]);
    byId.set(b, [...(byId.get(b) ?? []), a]);
  }
  return byId;
}
