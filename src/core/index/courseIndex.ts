import { CitationResolver } from '../citations/resolveCitation';
import { unitLabel } from '../citations/unitLabel';
import { unsafeCitations } from '../citations/unsafeCitations';
import { conceptHomes, type Home, localUnit, pageHome } from '../concepts/conceptHome';
import { likelyDuplicates } from '../concepts/likelyDuplicates';
import { ConceptTable } from '../concepts/conceptTable';
import { phraseKey } from '../concepts/phraseKey';
import { buildConceptGraph, type ConceptGraph } from '../graph/conceptGraph';
import type { Citation, CitationMapping, CitationResolution, Concept, Definition, Heading, NoteCatalog, Position, Range } from '../model';
import { chunkProse, pageParagraph } from '../notes/analyseNote';
import { type Chunk, splitChunks } from '../notes/chunks';
import { analyseNoteWithinLimits, proseRunsWithinLimits } from '../notes/limits';
import type { NoteAnalysis, NoteDefinition } from '../notes/noteAnalysis';
import { isConceptPage, pageDefinitions } from '../pages/conceptPages';
import { type LinkResolution, LinkResolver, ParsedUris, type WikiLinkText } from '../links/linkResolver';
import { type LinkEdit, linkEditsForMoves, type NoteMove } from '../links/renameEdits';
import { type Backlink, backlinkIndex, type OutgoingLink, placeWikiLink, type ResolvedWikiLink, resolveWikiLinks, rewriteWikiLink } from '../links/wikiLinks';
import { frontMatterEnd } from '../parse/frontMatterFence';
import { safeDecode } from '../citations/courseUrl';
import { type TermEntry, type TermMatch, TermMatcher } from '../occurrences/termMatcher';
import { LineIndex, positionOf } from '../parse/position';
import { ConceptSearch, type SearchResult } from '../search/conceptSearch';
import { type NamedConcept, TermPrefixes } from '../search/termPrefixes';
import { Emitter, type Event } from '../util/event';
import { sameData } from '../util/sameData';
import { finish, type Steps, WorkBudget } from '../util/steps';
import { contentHash } from '../util/hash';
import { type AnalysisCache, CACHE_VERSION, type CacheEntry, type CacheLinePieces, cacheLinePieces, readAnalysisCache, readCacheLine } from './analysisCache';
import { type PackedAnalysisJson, packAnalysisJson, unpackAnalysisJson } from './packedAnalysis';
import type { Diagnostic } from './diagnostic';
import { noteDiagnostics } from './noteDiagnostics';
import { type CoverageCode, coverageDiagnostics } from '../coverage/coverageRules';

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
  /** The note's definitions: its glossary's, and a concept page's own (see `conceptPages.ts`). */
  definitions: readonly NoteDefinition[];
  lines?: LineIndex;
  /** Prose runs, parsed on first need when the analysis came from the fast path. */
  prose?: readonly number[];
  /** For single questions before `prose` is needed whole: the note's chunks (null: parsed whole) and their runs. */
  chunks?: readonly Chunk[] | null;
  chunkProse?: Map<number, readonly number[]>;
}

/**
 * The wikilink resolver and what depends on it, for one set of notes and workspace folders: each note's links
 * with where they lead (for the analysis they were read from), the backlinks, and the closest names of
 * broken targets.
 */
interface LinkState {
  readonly resolver: LinkResolver;
  /** Course URLs and note links, through the same resolver; rebuilt with the state (and when mappings change). */
  citations?: CitationResolver;
  readonly resolved: Map<string, { readonly analysis: NoteAnalysis; readonly links: readonly Pick<ResolvedWikiLink, 'link' | 'resolution'>[] }>;
  backlinks?: Map<string, Backlink[]>;
  /** Each note's wikilinks and note links with the note they lead to, for the analysis they were read from. */
  readonly outgoing: Map<string, { readonly analysis: NoteAnalysis; readonly links: readonly OutgoingLink[] }>;
  readonly closest: Map<string, string[]>;
}

/** Everything computed from all notes together; rebuilt lazily after a change, part by part. */
interface Derived {
  readonly concepts: ReadonlyMap<string, Concept>;
  /** The terms' state built with these concepts; while a load holds them, newer terms wait for the next build. */
  readonly terms: TermDerived;
  readonly matcher: TermMatcher;
  /** How many notes there were when it was built: a load holds it until half as many again have come. */
  readonly builtWith: number;
  readonly occurrences: Map<string, NoteOccurrences>;
  sorted?: readonly Concept[];
  search?: ConceptSearch;
  prefixes?: TermPrefixes;
  /** The steps building `search` and `prefixes`, shared by whoever steps them (a question, the host's index loop). */
  completing?: Steps<void>;
  /** How often each concept is named outside its own definitions (see `mentionCounts`). */
  mentions?: ReadonlyMap<string, number>;
  graph?: ConceptGraph;
  homes?: ReadonlyMap<string, Home>;
}

/** What depends only on the terms and aliases of all notes, so it survives edits that change none. */
interface TermDerived {
  readonly version: number;
  /** Changed in place by a later `TermDerived` (see `#termsUpdated`): compare `TermDerived`s, not matchers. */
  readonly matcher: TermMatcher;
  /** The concepts the matcher holds the names of, by id: what the next change is told apart from. */
  readonly concepts: Map<string, Concept>;
  /** Concept ids sorted by term. */
  order?: readonly string[];
  duplicates?: Map<string, string[]>;
}

/**
 * The workspace index: notes in, answers out. Each note is analysed alone (cached by content hash), so an
 * edit re-parses only that note; what depends on all notes (concepts, the term matcher, search, the graph)
 * is rebuilt lazily on the next question. It never throws over note content: problems are diagnostics.
 */
export class CourseIndex {
  readonly #notes = new Map<string, NoteEntry>();
  /** Analyses by content hash, of the notes that have them. */
  #byHash = new Map<string, NoteAnalysis>();
  /**
   * Packed analyses restored from a cache, as JSON text, by content hash, until a note with that hash claims them:
   * each is parsed then, so a warm start never holds every note's analysis parsed and packed at once.
   */
  readonly #packed = new Map<string, string>();
  /**
   * Each analysis packed for the cache, as JSON text, made on the first save that needs it. Text, not the packed
   * arrays: 10,000 notes packed were about 1.4 million small arrays (80 MB of heap, and as many objects for the
   * collector to visit at every major collection); their JSON is 36 MB in 10,000 strings.
   */
  readonly #packedJson = new WeakMap<NoteAnalysis, string>();
  /**
   * Each note's content hash in the cache last imported, while every entry claimed from it has read back whole
   * (its wikilinks, once read): when the notes are those again (`holdsImportedCache`), a save would write what the
   * file already holds.
   */
  #imported: ReadonlyMap<string, string> | undefined;
  /** How many notes have each content hash. */
  readonly #hashUses = new Map<string, number>();
  #derived: Derived | undefined;
  /** The matcher, occurrences and what completion reads of the last `#derived`, carried into the next while no term changes. */
  #carried: Pick<Derived, 'terms' | 'occurrences' | 'search' | 'prefixes'> | undefined;
  readonly #table = new ConceptTable(phraseKey);
  /** Notes changed since `#derived` was built, whose cached occurrences are stale. */
  readonly #stale = new Set<string>();
  /** Rebuilt when the set of notes or the workspace folders change; a note's edit drops only its own part. */
  #links: LinkState | undefined;
  /**
   * Notes were added by a load since `#links` was built: it still answers, as the held concepts do, and is
   * dropped with them at the next rebuild. Building the resolver for 10,000 notes takes hundreds of ms.
   */
  #linksBehind = false;
  /**
   * Counts the changes of what the link resolver is built from that only a new build takes (a removal, a rename,
   * new files or roots): a build in steps begun before the last one starts again.
   */
  #linkInputs = 0;
  /** A link resolver being built in steps (see `rebuildStep`), and the `#linkInputs` it began at. */
  #linkBuild: { readonly inputs: number; readonly steps: Steps<LinkResolver> } | undefined;
  /**
   * The last resolver built, which takes the notes added since (`#linkAdded`) in place (`LinkResolver.addNotes`)
   * rather than being built again for every note and attachment: a first index adds notes about ten times, and
   * each build filed 8,000 attachments again. Dropped with `#linkInputs`'s changes.
   */
  #linkResolver: LinkResolver | undefined;
  /** Notes added since the resolver built or being built was begun, which it takes next, and the steps taking the first `taking`. */
  #linkAdded: string[] = [];
  #linkAdding: { readonly steps: Steps<boolean>; readonly taking: number } | undefined;
  /** A term matcher being built in steps, and the `#termsVersion` it began at. */
  #termBuild: { readonly version: number; readonly steps: Steps<Omit<TermDerived, 'version'>> } | undefined;
  #mappings: readonly CitationMapping[] = [];
  /** The workspace's attachments (see `links/attachments.ts`), sorted: what wikilinks to non-note files find. */
  #files: readonly string[] = [];
  /** The notes' and files' URIs as the link resolver takes them apart, kept between its builds. */
  readonly #parsedUris = new ParsedUris();
  /** The workspace folders' URIs, each ending in `/`, longest first: where a note's relative path starts. */
  #roots: readonly string[] = [];
  #structureVersion = 0;
  /** Changes when any note's terms or aliases change; the term matcher is rebuilt only then. */
  #termsVersion = 0;
  #terms: TermDerived | undefined;
  /** Each note's mentions outside definitions, for the occurrences they were counted from, and their sum. */
  #mentions: MentionState | undefined;
  /** Notes loaded (see `settle`) since the last complete build, which the state answering questions does not include yet. */
  readonly #held = new Set<string>();
  /**
   * The last complete build and link state, kept when a load drops them (`#invalidate(…, 'load')`): with
   * `answerFromLastBuild`, questions are answered from them while the host rebuilds in steps, instead of waiting.
   * Any other change (an edit, a removal, a rename, new folders) drops them: then the answers must see it.
   */
  #previous: Derived | undefined;
  #previousLinks: LinkState | undefined;
  /** A question was answered from `#previous` or `#previousLinks`: the host should finish the rebuild (`rebuildWanted`). */
  #wanted = false;
  /**
   * Set by a host that finishes rebuilds in steps itself (`rebuildStep`, when `rebuildWanted`): during a load,
   * questions are then answered from the last complete build at once rather than after every note loaded so far.
   * Off, every question sees every note but those a load holds (see `settle`), as the CLI and the tests expect.
   */
  answerFromLastBuild = false;
  #completionAsked = false;
  readonly #changed = new Emitter<IndexChange>();
  /** Fires after notes were added, changed or removed. */
  readonly onDidChange: Event<IndexChange> = this.#changed.event;

  /**
   * Adds or replaces a note. Returns whether its content changed. `analysed`, when given, is used instead of
   * `analyseNote(text)` for a note not in the cache: the tests pass remark's whole-note analysis this way.
   */
  setNote(note: string, text: string, analysed?: NoteAnalysis, arrival: Arrival = 'edit'): boolean {
    const hash = contentHash(text);
    const existing = this.#notes.get(note);
    if (existing?.hash === hash) {
      // The same text, now open in an editor: a note held back by a load is seen at once, as an edit would be.
      if (arrival === 'edit' && this.#held.has(note)) this.#invalidate([note], 'change');
      return false;
    }
    let analysis = this.#byHash.get(hash);
    if (!analysis) {
      const packed = this.#packed.get(hash);
      this.#packed.delete(hash);
      analysis = (packed === undefined ? undefined : this.#restore(packed, text)) ?? analysed ?? analyseNoteWithinLimits(text);
      this.#byHash.set(hash, analysis);
    }
    this.#useHash(hash, 1);
    if (existing) this.#useHash(existing.hash, -1);
    const definitions = this.#definitionsOf(note, analysis, text);
    this.#notes.set(note, { text, hash, analysis, definitions });
    this.#table.set(note, definitions);
    if (!existing) {
      // A load keeps the link state it would drop, until the concepts are rebuilt (see `#hold`, `settle`).
      // Without workspace folders the resolver derives its roots from every note: a new one needs a new build.
      if (this.#roots.length > 0) this.#linkAdded.push(note);
      else this.#linksReset();
      if (arrival === 'load') this.#linksBehind = true;
      else this.#links = undefined;
    } else this.#linksChanged(note, existing.analysis);
    if (!existing || structureOf(existing.definitions, existing.analysis) !== structureOf(definitions, analysis)) this.#structureVersion++;
    if (!existing || termsOf(existing.definitions) !== termsOf(definitions)) this.#termsVersion++;
    if (arrival === 'load') this.#hold(note);
    else this.#invalidate([note], 'change');
    return true;
  }

  /**
   * Ends a load: the next question sees every note. Until then, questions asked while many notes are loaded
   * (a first index) are answered from the concepts as last built, rebuilt only once the notes have grown by
   * half since (at least `HOLD_MIN` notes): about ten rebuilds for 10,000 notes, however many questions come,
   * instead of one per question after each batch. A note that arrives as an `edit` is seen at once.
   */
  settle(): void {
    if (this.#held.size === 0) return;
    this.#invalidate([], 'load');
  }

  /** A note loaded while the concepts built before it still answer, unless enough notes came since. */
  #hold(note: string): void {
    this.#held.add(note);
    // Its own occurrences are found again, with the matcher that answers, from its new text.
    for (const answering of [this.#derived, this.#previous]) {
      answering?.occurrences.delete(note);
      if (answering) answering.mentions = undefined;
    }
    const derived = this.#derived;
    if (!derived || this.#held.size > Math.max(HOLD_MIN, derived.builtWith / 2)) this.#invalidate([note], 'load');
    else this.#changed.fire({ notes: [note] });
  }

  /**
   * Adds or replaces a note with an analysis made elsewhere (on a worker thread), as the JSON text the cache holds
   * for it. A malformed one is ignored and the note analysed here. The text is kept for the next cache save, which
   * then packs and writes nothing anew for this note: after a first index of 10,000 notes, packing every analysis
   * again held the extension host's thread for about a second, while the user's first hovers waited.
   */
  setPackedNote(note: string, text: string, packedJson: PackedAnalysisJson, arrival: Arrival = 'edit'): boolean {
    // Kept only as a cache line holds it (`readCacheLine`): one line, the array's brackets first and last. Any other
    // JSON text of an analysis is read, and packed again at the save, so that the file is never refused whole.
    const oneLine = packedJson.startsWith('[') && packedJson.endsWith(']') && !packedJson.includes('\n');
    return this.setNote(note, text, this.#restore(packedJson, text, oneLine), arrival);
  }

  removeNote(note: string): void {
    const existing = this.#notes.get(note);
    if (!existing) return;
    this.#notes.delete(note);
    this.#table.remove(note);
    this.#useHash(existing.hash, -1);
    this.#links = undefined;
    this.#linksReset();
    this.#structureVersion++;
    this.#termsVersion++;
    this.#invalidate([note], 'change');
  }

  /** Moves a note to a new URI without re-reading it. */
  renameNote(from: string, to: string): void {
    const entry = this.#notes.get(from);
    if (!entry || from === to) return;
    const replaced = this.#notes.get(to);
    if (replaced) this.#useHash(replaced.hash, -1);
    this.#notes.delete(from);
    entry.definitions = this.#definitionsOf(to, entry.analysis, entry.text); // a move into or out of `concepts/` changes them
    this.#notes.set(to, entry);
    this.#table.remove(from);
    this.#table.set(to, entry.definitions);
    this.#links = undefined;
    this.#linksReset();
    this.#structureVersion++;
    this.#termsVersion++;
    this.#invalidate([from, to], 'change');
  }

  /** Where course links whose URL starts with a prefix should look for the local copy. */
  setCitationMappings(mappings: readonly CitationMapping[]): void {
    this.#mappings = [...mappings];
    if (this.#links) {
      this.#links.citations = undefined;
      this.#links.outgoing.clear();
      this.#links.backlinks = undefined;
    }
    this.#structureVersion++;
    this.#invalidate([], 'change');
  }

  /**
   * The workspace's non-note files that links may lead to (images, PDFs: `ATTACHMENT_GLOB`), replacing the
   * last list. Until a host gives them, a link to such a file is reported broken.
   */
  setFiles(files: readonly string[]): void {
    const next = [...new Set(files)].sort();
    if (next.length === this.#files.length && next.every((file, i) => file === this.#files[i])) return;
    this.#files = next;
    this.#links = undefined;
    this.#linksReset();
    this.#structureVersion++;
    this.#invalidate([], 'change');
  }

  /**
   * The workspace folders, as URIs: a note's path inside its folder decides whether it is a concept page
   * (`concepts/` at any depth). Without roots, the whole path counts.
   */
  setRoots(roots: readonly string[]): void {
    const next = roots.map((root) => (root.endsWith('/') ? root : `${root}/`)).sort((a, b) => b.length - a.length);
    if (next.join('\n') === this.#roots.join('\n')) return;
    this.#roots = next;
    this.#links = undefined;
    this.#linksReset();
    for (const [note, entry] of this.#notes) {
      entry.definitions = this.#definitionsOf(note, entry.analysis, entry.text);
      this.#table.set(note, entry.definitions);
    }
    this.#structureVersion++;
    this.#termsVersion++;
    this.#invalidate([...this.#notes.keys()], 'change');
  }

  /** A note's decoded path inside its workspace folder: `concepts/goal-drift.md`. */
  #relativePath(note: string): string {
    const root = this.#roots.find((candidate) => note.startsWith(candidate));
    const path = root ? note.slice(root.length) : note.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i, '');
    return safeDecode(path.split(/[?#]/)[0] ?? path);
  }

  /**
   * Changes when what one note's answers can depend on in other notes changes: the set of notes, any note's
   * terms, aliases or headings, or the citation mappings. An edit to prose alone leaves it as it was, so a
   * host need only refresh that note's diagnostics.
   */
  get structureVersion(): number {
    return this.#structureVersion;
  }

  /**
   * Whether a question would first rebuild what depends on all notes (the concepts and term matcher, the link
   * resolver): hundreds of ms for 10,000 notes, so a host may rebuild it with `rebuildStep` first, yielding between steps.
   */
  get rebuildPending(): boolean {
    return this.#derived === undefined || (this.#links === undefined && this.#notes.size > 0);
  }

  /** Whether a question must wait for the pending rebuild: no earlier build may answer it (see `answerFromLastBuild`). */
  get answersWait(): boolean {
    const answering = this.answerFromLastBuild;
    return (this.#derived === undefined && !(answering && this.#previous)) || (this.#links === undefined && this.#notes.size > 0 && !(answering && this.#previousLinks));
  }

  /** Whether questions were answered from an earlier build while a rebuild is pending: the host should step it now. */
  get rebuildWanted(): boolean {
    return this.#wanted && this.rebuildPending;
  }

  /**
   * Does one step of a pending rebuild, in order: merging the notes' concepts, the term matcher, what is built
   * from them, the link resolver. Each step does a bounded amount of work (`STEP_WORK` units: notes, terms,
   * concepts, entries; see `steps.ts`), whatever the number of notes, and the result is the one a question
   * asked at once would build. Returns whether steps remain. A host yields between steps, so that each is its
   * own short block on its thread; a change between two steps starts the piece it changed again.
   */
  rebuildStep(): boolean {
    if (!this.#derived) {
      if (this.#table.changed) this.#table.step();
      else if (this.#terms?.version !== this.#termsVersion) this.#termStep();
      else this.#newBuild();
    } else if (!this.#links && this.#notes.size > 0) this.#linkStep();
    return this.rebuildPending;
  }

  /**
   * One step of building the link resolver ahead of any question; whether steps remain. A host steps it once
   * the workspace's files are listed, so that the first question of a first index does not wait for 8,000
   * attachments to be filed: notes loaded meanwhile are then added to it in place.
   */
  prepareLinksStep(): boolean {
    if (this.#links) return false;
    this.#linkStep();
    return this.#links === undefined;
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
    return this.#sorted(this.#build());
  }

  /** A build's concepts sorted by term, sorted once per build. */
  #sorted(derived: Derived): readonly Concept[] {
    if (!derived.sorted) {
      const terms = derived.terms;
      // From the concepts the matcher holds the names of: what `#termsUpdated` patches the order against.
      terms.order ??= [...terms.concepts.values()].sort(byTerm).map((concept) => concept.id);
      // This runs after every edit, too seldom for V8 to optimise it: a `for…of` allocated an iterator result per
      // concept and the growing array its copies, about half of all that an edit allocated. One array of the
      // right length, filled by index.
      const order = terms.order;
      const sorted = new Array<Concept>(order.length);
      let length = 0;
      for (let i = 0; i < order.length; i++) {
        const concept = derived.concepts.get(order[i] ?? '');
        if (concept) sorted[length++] = concept;
      }
      sorted.length = length;
      derived.sorted = sorted;
    }
    return derived.sorted;
  }

  concept(id: string): Concept | undefined {
    return this.#build().concepts.get(id);
  }

  /** The concept a term or alias names, as written anywhere: `schemers`, `RLHF's`, `goal misgeneralization`. */
  conceptNamed(phrase: string): Concept | undefined {
    const derived = this.#build();
    const [match, ...others] = derived.matcher.find(phrase);
    // Punctuation the phrase's words do not need may stand around them: `__proto__` names the term `proto`.
    const bare = (text: string): boolean => !/[\p{L}\p{N}]/u.test(text);
    return match && others.length === 0 && bare(phrase.slice(0, match.start)) && bare(phrase.slice(match.end)) ? derived.concepts.get(match.id) : undefined;
  }

  /** The concepts named in a text that is not a note (a renderer's own reading of one, as the Markdown preview's), in order. */
  termsIn(text: string): readonly TermMatch[] {
    return this.#build().matcher.find(text);
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
    const prose = this.#proseNear(entry, offset);
    const run = proseRunAt(prose, offset);
    if (run === undefined) return undefined;
    const match = derived.matcher.matchAt(entry.text, offset);
    if (!match || match.start < (prose[run] ?? 0) || match.end > (prose[run + 1] ?? 0)) return undefined;
    return { id: match.id, note, range: this.#lines(entry).rangeOf(match.start, match.end) };
  }

  /** Whether `position` is in prose, where terms are matched: not in code, HTML or a link's URL. */
  inProse(note: string, position: Position): boolean {
    const entry = this.#notes.get(note);
    if (!entry) return false;
    const offset = this.#lines(entry).offsetAt(position);
    return proseRunAt(this.#proseNear(entry, offset), offset) !== undefined;
  }

  /** Every place a concept is named in the workspace, by note then position. */
  occurrencesOf(id: string): Occurrence[] {
    const found: Occurrence[] = [];
    for (const note of this.notes()) {
      const packed = this.#occurrences(note);
      if (packed) for (let i = 0; i < packed.ids.length; i++) if (packed.ids[i] === id) found.push(occurrenceAt(packed, note, i));
    }
    return found;
  }

  /** Every concept named in one note, in order. */
  occurrencesIn(note: string): Occurrence[] {
    const packed = this.#occurrences(note);
    return packed ? packed.ids.map((_, i) => occurrenceAt(packed, note, i)) : [];
  }

  /** A note's occurrences, found once per note and matcher and kept packed (see `NoteOccurrences`). */
  #occurrences(note: string): NoteOccurrences | undefined {
    const entry = this.#notes.get(note);
    if (!entry) return undefined;
    const derived = this.#build();
    const cached = derived.occurrences.get(note);
    if (cached) return cached;
    const ids: string[] = [];
    const places: number[] = [];
    const prose = this.#prose(entry);
    for (let i = 0; i + 1 < prose.length; i += 2) {
      for (const match of derived.matcher.find(entry.text, prose[i], prose[i + 1])) {
        const { start, end } = this.#lines(entry).rangeOf(match.start, match.end);
        ids.push(match.id);
        places.push(start.line, start.character, end.line, end.character);
      }
    }
    const found = { ids, places: Int32Array.from(places) };
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

  /** Every wikilink of a note with where it leads, and the heading or block it names as the target is now. */
  wikiLinksIn(note: string): readonly ResolvedWikiLink[] {
    const entry = this.#notes.get(note);
    // Most course notes have no wikilinks: they never need the resolver, which is rebuilt as notes come and go.
    if (!entry || entry.analysis.wikiLinks.length === 0) return [];
    const state = this.#linkState();
    let cached = state.resolved.get(note);
    if (cached?.analysis !== entry.analysis) {
      cached = { analysis: entry.analysis, links: resolveWikiLinks(note, entry.analysis, state.resolver) };
      state.resolved.set(note, cached);
    }
    return cached.links.map(({ link, resolution }) => placeWikiLink(note, link, resolution, (uri) => this.#notes.get(uri)?.analysis));
  }

  /** Where a `[[target]]` written in `fromNote` leads: for completing `[[target#` with the target's headings. */
  resolveWikiTarget(target: string, fromNote: string): LinkResolution {
    return this.#linkState().resolver.resolve(target, fromNote, 'wiki');
  }

  /** The shortest `[[target]]` leading from `fromNote` to `note`, and its path (see `LinkResolver.wikiLinkTo`). */
  wikiLinkTo(note: string, fromNote: string): WikiLinkText | undefined {
    return this.#linkState().resolver.wikiLinkTo(note, fromNote);
  }

  /** Everything the index read of one note, as of its last text. */
  analysisOf(note: string): NoteAnalysis | undefined {
    return this.#notes.get(note)?.analysis;
  }

  /** The wikilink whose brackets cover `position`. */
  wikiLinkAt(note: string, position: Position): ResolvedWikiLink | undefined {
    return this.wikiLinksIn(note).find((found) => contains(found.link.range, position));
  }

  /** The wikilinks and note links (`[x](note.md)`, course URLs with a local copy) that lead to a note, by note then place. */
  backlinksOf(note: string): readonly Backlink[] {
    const state = this.#linkState();
    state.backlinks ??= backlinkIndex(this.notes().flatMap((from) => this.#outgoing(state, from)));
    return state.backlinks.get(note) ?? [];
  }

  /** The edits that keep the wikilinks to notes being renamed or moved leading to them (see `renameEdits.ts`). */
  linkEditsForMoves(moves: readonly NoteMove[]): LinkEdit[] {
    const source = {
      notes: this.notes(),
      roots: this.#roots,
      backlinksOf: (note: string) => this.backlinksOf(note),
      wikiLinksIn: (note: string) => this.wikiLinksIn(note),
      textOf: (note: string) => this.textOf(note),
    };
    return linkEditsForMoves(source, moves);
  }

  /** The line a link to a page without a heading opens at: its H1, else the line after its front matter. */
  pageStart(note: string): number {
    const entry = this.#notes.get(note);
    const title = entry?.analysis.page?.heading?.range.start.line;
    return title ?? (entry ? (frontMatterEnd(entry.text.split(/\r\n|\r|\n/, 400)) ?? 0) : 0);
  }

  /** The concept a concept page defines, when the note is one. */
  pageConcept(note: string): Concept | undefined {
    const page = this.#notes.get(note)?.definitions.find((definition) => definition.style === 'page');
    return page && this.concept(this.#table.idOf(page.term));
  }

  /** Up to three note names a broken wikilink may have meant, written as link targets. */
  closestNotes(target: string, fromNote: string): string[] {
    const state = this.#linkState();
    const key = `${target}\0${fromNote}`;
    let found = state.closest.get(key);
    if (!found) state.closest.set(key, (found = state.resolver.closest(target, fromNote, 3)));
    return found;
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

  /** Every concept's home (see `conceptHome.ts`), by concept id: built once per state of the notes. */
  homes(): ReadonlyMap<string, Home> {
    return finish(this.homesSteps());
  }

  /** `homes()` in steps (see `steps.ts`): on 10,000 notes it takes over a second in one piece. */
  homesSteps(): Steps<ReadonlyMap<string, Home>> {
    return this.#derivedSteps(
      (derived) => derived.homes,
      (derived, budget) =>
        conceptHomes(
          derived.concepts.values(),
          {
            unitsCitedBy: (definition) => {
              const found = new Map<string, Home>();
              for (const citation of definition.citations) {
                const resolution = this.resolve(citation.url, definition.note);
                const label = unitLabel(citation) || citation.url;
                if (resolution.kind === 'local') {
                  const local = localUnit(resolution.note, { nameOf: (note) => this.#nameOf(note) });
                  found.set(local.key, { ...local, label });
                } else {
                  const key = `unit:${citation.url.split('#')[0] ?? citation.url}`;
                  found.set(key, { key, kind: 'unit', label, title: label });
                }
              }
              return [...found.values()];
            },
            pageHomeOf: (note) => this.pageHomeOf(note),
            isVaultPage: (note) => this.#notes.get(note)?.analysis.page?.frontMatter !== undefined,
            nameOf: (note) => this.#nameOf(note),
          },
          budget,
        ),
      (derived, homes) => (derived.homes = homes),
    );
  }

  /**
   * Builds something from the derived state in steps: first the pending rebuild, a step at a time, then `build`.
   * When the notes change between two steps it starts again, so that its result is always the one a build at
   * once would give now. `cached` and `keep` read and keep the result with the state it was built from.
   */
  *#derivedSteps<T>(cached: (derived: Derived) => T | undefined, build: (derived: Derived, budget: WorkBudget) => Steps<T>, keep: (derived: Derived, value: T) => void): Steps<T> {
    for (;;) {
      while (this.rebuildPending) {
        this.rebuildStep();
        yield;
      }
      const derived = this.#build();
      const links = this.#linkState();
      const found = cached(derived);
      if (found !== undefined) return found;
      const steps = build(derived, new WorkBudget());
      for (;;) {
        const next = steps.next();
        if (next.done) {
          keep(derived, next.value);
          return next.value;
        }
        yield;
        if (this.#derived !== derived || this.#links !== links) break;
      }
    }
  }

  homeOf(id: string): Home | undefined {
    return this.homes().get(id);
  }

  /** Where a note belongs as a page: its front-matter type, else its workspace-relative folder. */
  pageHomeOf(note: string): Home {
    const path = this.#relativePath(note);
    return pageHome(this.#notes.get(note)?.analysis.page?.frontMatter?.type, path.split('/').slice(0, -1).join('/'));
  }

  /** A note's file name without extension, and its H1 when it has one. */
  #nameOf(note: string): { stem: string; title?: string } {
    const path = this.#relativePath(note);
    const stem = (path.split('/').at(-1) ?? path).replace(/\.(md|markdown)$/i, '');
    const title = this.#notes.get(note)?.analysis.page?.heading?.text;
    return title === undefined ? { stem } : { stem, title };
  }

  /** Typo-tolerant search over terms and aliases. */
  search(query: string, limit?: number): (SearchResult & { concept: Concept })[] {
    const derived = this.#build();
    const search = (derived.search ??= ConceptSearch.of(derived.concepts.values()));
    return search.search(query, limit).flatMap((result) => {
      const concept = derived.concepts.get(result.id);
      return concept ? [{ ...result, concept }] : [];
    });
  }

  /**
   * For each typed phrase (lower-cased, longest first), the terms and aliases that start with it and with no longer
   * one, in term order, at most `limit` a phrase (see `TermPrefixes.startingWith`): what completion offers.
   */
  namesStartingWith(phrases: readonly string[], limit: number): NamedConcept[][] {
    const derived = this.#build();
    return (derived.prefixes ??= TermPrefixes.of(this.#sorted(derived))).startingWith(phrases, limit, (id) => derived.concepts.get(id));
  }

  /**
   * Steps that build what completion reads (`search`, `namesStartingWith`) for the concepts answering now: made again
   * whenever a note's terms or aliases change (20-60 ms at once on 10,000 notes; kept across other edits). Undefined
   * when they are built, or while the concepts must be rebuilt first, which the caller does before (`rebuildStep`).
   * A host runs them in the question's slices, and its full index after each rebuild once completion is in use.
   */
  completionSteps(): Steps<void> | undefined {
    this.#completionAsked = true;
    // Only the concepts matter here, not the link resolver.
    if (this.#derived === undefined && !(this.answerFromLastBuild && this.#previous)) return undefined;
    const derived = this.#build();
    return derived.search && derived.prefixes ? undefined : (derived.completing ??= this.#completionParts(derived));
  }

  /**
   * Whether completion has been asked for: a host's full index then builds what it reads after each rebuild
   * (`completionSteps`), between batches, so that the next completion finds it built.
   */
  get completionInUse(): boolean {
    return this.#completionAsked;
  }

  /** Builds `search` and `prefixes` for one build; stops when that build no longer answers (the notes changed). */
  *#completionParts(derived: Derived): Steps<void> {
    const budget = new WorkBudget();
    const current = (): boolean => derived === this.#derived || derived === this.#previous;
    // A snapshot: the concept table changes its map in place when notes are merged between two steps.
    const concepts = [...derived.concepts.values()];
    if (!derived.search) {
      const search = yield* whileCurrent(ConceptSearch.build(concepts, budget), current);
      if (search) derived.search ??= search;
      else return;
    }
    if (!derived.prefixes) {
      const prefixes = yield* whileCurrent(TermPrefixes.build(this.#sorted(derived), budget), current);
      if (prefixes) derived.prefixes ??= prefixes;
    }
  }

  graph(): ConceptGraph {
    return finish(this.graphSteps());
  }

  /** `graph()` in steps (see `steps.ts`): on 10,000 notes it takes seconds in one piece. */
  graphSteps(): Steps<ConceptGraph> {
    return this.#derivedSteps(
      (derived) => derived.graph,
      (derived, budget) => this.#graphOf(derived, budget),
      (derived, graph) => (derived.graph = graph),
    );
  }

  /** The graph of one derived state, in steps. */
  *#graphOf(derived: Derived, budget: WorkBudget): Steps<ConceptGraph> {
    const pageLinks = yield* this.#pageLinks(budget);
    return yield* buildConceptGraph(
      {
        concepts: derived.concepts.values(),
        mentionsIn: (text) => derived.matcher.find(text).map((match) => match.id),
        resolve: (citation, note) => this.resolve(citation.url, note),
        pageLinks,
        conceptOfPage: (note) => this.pageConcept(note)?.id,
        pageOf: (note) => {
          const path = this.#relativePath(note);
          const title = this.#notes.get(note)?.analysis.page?.heading?.text;
          return { label: title ?? (path.split('/').at(-1) ?? path).replace(/\.(md|markdown)$/i, ''), cluster: path.split('/').slice(0, -1).join('/') };
        },
      },
      budget,
    );
  }

  /**
   * Links between notes for the graph: wikilinks, and note links written as paths (`[x](note.md)`); course
   * URLs are citations, drawn as such. A note and each of its links is a unit of work.
   */
  *#pageLinks(budget: WorkBudget): Steps<{ from: string; to: string }[]> {
    const state = this.#linkState();
    const links: { from: string; to: string }[] = [];
    for (const from of this.notes()) {
      const outgoing = this.#outgoing(state, from);
      for (const { target, written } of outgoing) if (target !== undefined && written !== 'url') links.push({ from, to: target });
      if (budget.spend(1 + outgoing.length)) yield;
    }
    return links;
  }

  /**
   * How often each concept is named outside its own definitions, in every note. The first call scans every
   * note's prose (hosts warm it in slices with `scanOccurrences`); later ones recount only the notes whose
   * occurrences changed, until a term changes.
   */
  mentionCounts(): ReadonlyMap<string, number> {
    const derived = this.#build();
    if (derived.mentions) return derived.mentions;
    let state = this.#mentions;
    if (state?.terms !== derived.terms) state = this.#mentions = { terms: derived.terms, counted: new Map(), totals: new Map() };
    const add = (counts: ReadonlyMap<string, number>, sign: 1 | -1): void => {
      for (const [id, count] of counts) {
        const total = (state.totals.get(id) ?? 0) + sign * count;
        if (total > 0) state.totals.set(id, total);
        else state.totals.delete(id);
      }
    };
    for (const [note, counted] of state.counted) {
      if (this.#notes.has(note)) continue;
      add(counted.counts, -1);
      state.counted.delete(note);
    }
    for (const [note, entry] of this.#notes) {
      const occurrences = this.#occurrences(note);
      if (!occurrences) continue;
      const before = state.counted.get(note);
      if (before?.occurrences === occurrences) continue;
      if (before) add(before.counts, -1);
      const counts = this.#mentionsIn(entry, occurrences);
      add(counts, 1);
      state.counted.set(note, { occurrences, counts });
    }
    derived.mentions = state.totals;
    return state.totals;
  }

  /**
   * Finds the occurrences of notes not scanned since the terms last changed, until `stop()` says so; returns
   * whether every note is scanned. Hosts call it in slices before asking for `mentionCounts`.
   */
  scanOccurrences(stop: () => boolean): boolean {
    const derived = this.#build();
    for (const note of this.#notes.keys()) {
      if (derived.occurrences.has(note)) continue;
      if (stop()) return false;
      this.#occurrences(note);
    }
    return true;
  }

  /** A note's occurrences by concept, leaving out those inside a definition of the same concept in it. */
  #mentionsIn(entry: NoteEntry, occurrences: NoteOccurrences): Map<string, number> {
    const own = new Map<string, Range[]>();
    for (const definition of entry.definitions) {
      const id = this.#table.idOf(definition.term);
      own.set(id, [...(own.get(id) ?? []), definition.range]);
    }
    const counts = new Map<string, number>();
    const { ids, places } = occurrences;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? '';
      const start = positionOf(places[4 * i] ?? 0, places[4 * i + 1] ?? 0);
      if (own.get(id)?.some((defined) => contains(defined, start))) continue;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /** The problems of one note; the coverage problems only for the codes in `coverage` (none by default). */
  diagnostics(note: string, coverage: ReadonlySet<CoverageCode> = NO_COVERAGE): Diagnostic[] {
    const entry = this.#notes.get(note);
    if (!entry) return [];
    const derived = this.#build();
    const terms = derived.terms;
    terms.duplicates ??= finish(duplicatesById(derived.concepts, new WorkBudget()));
    const found = noteDiagnostics({
      note,
      analysis: entry.analysis,
      citations: this.citationsIn(note),
      concepts: derived.concepts,
      idOf: (term) => this.#table.idOf(term),
      duplicates: terms.duplicates,
      unsafeCitations: unsafeCitations(entry.text, () => this.#prose(entry), (start, end) => this.#lines(entry).rangeOf(start, end)),
      wikiLinks: this.wikiLinksIn(note),
      suggestionsFor: ({ link }) => {
        // In a table cell the label's `|` is written `\|`; a fix keeps the note's own way.
        const written = entry.text.slice(this.#lines(entry).offsetAt(link.range.start), this.#lines(entry).offsetAt(link.range.end));
        return this.closestNotes(link.target, note).map((name) => ({ name, link: rewriteWikiLink(link, name, written.includes('\\|')) }));
      },
    });
    if (coverage.size === 0) return found;
    const lines = this.#lines(entry);
    const covered = coverageDiagnostics({
      note,
      text: entry.text,
      definitions: entry.analysis.definitions,
      citations: this.citationsIn(note),
      concepts: derived.concepts,
      idOf: (term) => this.#table.idOf(term),
      names: (phrase) => this.conceptNamed(phrase) !== undefined,
      mentions: () => this.mentionCounts(),
      headingsOf: (other) => this.headingsOf(other),
      offsetAt: (position) => lines.offsetAt(position),
      rangeOf: (start, end) => lines.rangeOf(start, end),
      enabled: coverage,
    });
    return [...found, ...covered].sort(byPlace);
  }

  /**
   * Readies, in steps (see `steps.ts`), what every note's problems read: the rebuild, then the likely-duplicate
   * terms of all concepts (about 0.1 s for 10,000 notes, after any term changed). A host runs it, yielding
   * between steps, before it asks for problems.
   */
  *diagnosticsSteps(): Steps<void> {
    yield* this.#derivedSteps(
      (derived) => derived.terms.duplicates,
      (derived, budget) => duplicatesById(derived.concepts, budget),
      (derived, duplicates) => (derived.terms.duplicates = duplicates),
    );
  }

  /** An analysis from the cache's JSON; undefined when it is malformed (the note is then analysed afresh). */
  #restore(packedJson: string, text: string, keep = true): NoteAnalysis | undefined {
    const analysis = unpackAnalysisJson(packedJson, text, () => {
      // Its wikilinks turned out malformed when first asked for: any later save packs the analysis afresh.
      if (analysis) this.#packedJson.delete(analysis);
      this.#imported = undefined;
      return analyseNoteWithinLimits(text);
    });
    // The next save writes the same text again rather than packing the analysis anew.
    if (analysis && keep) this.#packedJson.set(analysis, packedJson);
    if (!analysis) this.#imported = undefined;
    return analysis;
  }

  /** The analyses of the current notes, packed to persist for a warm start. */
  exportCache(): AnalysisCache {
    return { version: CACHE_VERSION, entries: [...this.cacheLines()].map((line) => JSON.parse(line) as CacheEntry) };
  }

  /**
   * The cache's entries as JSON, one at a time, each analysis packed when reached, so that a host can write the
   * cache in slices (see `cacheJson`). A note changed between two steps is read as it is then: every entry stays a
   * true pair of a content hash and its analysis. Hosts save after every burst of edits: each analysis is packed
   * once, not at every save.
   */
  *cacheLines(): Generator<string> {
    for (const pieces of this.cacheLinePieces()) yield pieces.join('');
  }

  /**
   * The cache's entries as `cacheLines` gives them, each line in pieces (`cacheLinePieces`), for a host that writes
   * them piece by piece: a save of 10,000 notes then copies none of the 36 MB of analysis text it keeps.
   */
  *cacheLinePieces(): Generator<CacheLinePieces> {
    for (const [note, entry] of this.#notes) {
      let packed = this.#packedJson.get(entry.analysis);
      if (packed === undefined) this.#packedJson.set(entry.analysis, (packed = packAnalysisJson(entry.analysis, entry.text)));
      yield cacheLinePieces(note, entry.hash, packed);
    }
  }

  /**
   * Restores analyses persisted by `exportCache`, so that `setNote` with unchanged text skips parsing.
   * Returns false, restoring nothing, for a cache of another version or not a cache at all; an entry that
   * turns out malformed when its note comes is ignored and the note analysed afresh.
   */
  importCache(data: unknown): boolean {
    const cache = readAnalysisCache(data);
    if (!cache) return false;
    for (const { hash, analysis } of cache.entries) if (!this.#byHash.has(hash)) this.#packed.set(hash, JSON.stringify(analysis));
    this.#imported = new Map(cache.entries.map(({ note, hash }) => [note, hash]));
    return true;
  }

  /**
   * Restores analyses from the lines of a cache file (`cacheEntryTexts`), as `importCache` does, without parsing
   * them: each is parsed when its note comes. Returns false, restoring nothing, when a line is not an entry.
   */
  importCacheLines(lines: readonly string[]): boolean {
    const entries = lines.map(readCacheLine);
    if (entries.some((entry) => entry === undefined)) return false;
    const imported = new Map<string, string>();
    for (const entry of entries) {
      if (!entry) continue;
      if (!this.#byHash.has(entry.hash)) this.#packed.set(entry.hash, entry.packedJson);
      imported.set(entry.note, entry.hash);
    }
    this.#imported = imported;
    return true;
  }

  /**
   * Whether the notes are those of the cache last imported, each with the content it had there, and every entry
   * claimed so far read back whole (a wikilinks part only once read): a save would then write what the cache file
   * holds already.
   */
  holdsImportedCache(): boolean {
    const imported = this.#imported;
    if (!imported || imported.size !== this.#notes.size) return false;
    for (const [note, entry] of this.#notes) if (imported.get(note) !== entry.hash) return false;
    return true;
  }

  /** Whether `setNote` with this text would skip parsing (an analysis of it is at hand, e.g. from the cache). */
  isAnalysed(text: string): boolean {
    const hash = contentHash(text);
    return this.#byHash.has(hash) || this.#packed.has(hash);
  }

  dispose(): void {
    this.#changed.dispose();
  }

  /** A note's definitions: its glossary's, and its own when it is a concept page where it sits. */
  #definitionsOf(note: string, analysis: NoteAnalysis, text: string): readonly NoteDefinition[] {
    if (analysis.problem && analysis.problem.code !== 'note-too-large') return analysis.definitions;
    const path = this.#relativePath(note);
    if (!isConceptPage(path, analysis.page)) return analysis.definitions;
    // Without a definition section, the first paragraph: parsed now, for concept pages only.
    const paragraph = analysis.page?.section || analysis.problem ? undefined : pageParagraph(text);
    return [...analysis.definitions, ...pageDefinitions(path, analysis.page, paragraph)];
  }

  /** Counts the notes with a content hash; at zero its analysis is forgotten. */
  #useHash(hash: string, change: 1 | -1): void {
    const count = (this.#hashUses.get(hash) ?? 0) + change;
    if (count > 0) this.#hashUses.set(hash, count);
    else {
      this.#hashUses.delete(hash);
      this.#byHash.delete(hash);
    }
  }

  #prose(entry: NoteEntry): readonly number[] {
    entry.prose ??= entry.analysis.prose ?? proseRunsWithinLimits(entry.text);
    return entry.prose;
  }

  /** Prose runs that include every run around `offset`: the chunk's alone while the whole note's are not needed. */
  #proseNear(entry: NoteEntry, offset: number): readonly number[] {
    // A note the limits cut or refused is read only as far as they allow, and one with a byte-order mark as
    // they read it (see `limits.ts`).
    if (entry.prose ?? entry.analysis.prose ?? entry.analysis.problem ?? entry.text.startsWith('\uFEFF')) return this.#prose(entry);
    if (entry.chunks === undefined) entry.chunks = splitChunks(entry.text) ?? null;
    const chunks = entry.chunks;
    if (!chunks) return this.#prose(entry);
    let low = 0;
    let high = chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((chunks[mid]?.start ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const chunk = chunks[low];
    if (!chunk) return [];
    entry.chunkProse ??= new Map();
    let runs = entry.chunkProse.get(low);
    if (!runs) entry.chunkProse.set(low, (runs = chunkProse(entry.text, chunk)));
    return runs;
  }

  #lines(entry: NoteEntry): LineIndex {
    entry.lines ??= new LineIndex(entry.text);
    return entry.lines;
  }

  /** Drops what depends on all notes; `load` keeps it as the last complete build, to answer from meanwhile. */
  #invalidate(notes: readonly string[], why: 'load' | 'change'): void {
    if (why === 'load') {
      this.#previous = this.#derived ?? this.#previous;
      if (this.#linksBehind) this.#previousLinks = this.#links ?? this.#previousLinks;
    } else {
      this.#previous = undefined;
      this.#previousLinks = undefined;
    }
    if (this.#linksBehind) this.#links = undefined;
    this.#linksBehind = false;
    if (this.#derived) {
      const { terms, occurrences, search, prefixes } = this.#derived;
      this.#carried = { terms, occurrences, ...(search ? { search } : {}), ...(prefixes ? { prefixes } : {}) };
    }
    this.#derived = undefined;
    for (const note of notes) this.#stale.add(note);
    this.#changed.fire({ notes });
  }

  #linkState(): LinkState {
    if (!this.#links && this.#previousLinks && this.answerFromLastBuild) {
      this.#wanted = true;
      return this.#previousLinks;
    }
    while (!this.#links) this.#linkStep();
    return this.#links;
  }

  /** What the resolver is built from changed in a way only a new build takes. */
  #linksReset(): void {
    this.#linkInputs++;
    this.#linkResolver = undefined;
    this.#linkAdding = undefined;
  }

  /** One step of building the link resolver, or of adding the notes added since to the last one; the last step sets `#links`. */
  #linkStep(): void {
    const resolver = this.#linkResolver;
    if (resolver) {
      this.#linkAdding ??= { steps: resolver.addNotes(this.#linkAdded.slice(), this.#parsedUris, new WorkBudget()), taking: this.#linkAdded.length };
      const { steps, taking } = this.#linkAdding;
      const next = steps.next();
      if (next.done !== true) return;
      this.#linkAdding = undefined;
      if (!next.value) return this.#linksReset(); // only a new build answers so: the next step begins it
      this.#linkAdded.splice(0, taking);
      if (this.#linkAdded.length === 0) this.#linksBuilt(resolver);
      return;
    }
    if (this.#linkBuild?.inputs !== this.#linkInputs) {
      this.#parsedUris.prune(this.#notes.size + this.#files.length);
      const input = { notes: [...this.#notes.keys()], files: this.#files, roots: this.#roots, parsed: this.#parsedUris };
      this.#linkBuild = { inputs: this.#linkInputs, steps: LinkResolver.build(input) };
      this.#linkAdded = [];
    }
    const next = this.#linkBuild.steps.next();
    if (!next.done) return;
    this.#linkBuild = undefined;
    this.#linkResolver = next.value;
    // Notes added while it was built are taken in the next steps.
    if (this.#linkAdded.length === 0) this.#linksBuilt(next.value);
  }

  #linksBuilt(resolver: LinkResolver): void {
    this.#links = { resolver, resolved: new Map(), outgoing: new Map(), closest: new Map() };
    this.#previousLinks = undefined;
    this.#wanted &&= this.rebuildPending;
  }

  /** A note's links with the notes they lead to, resolved once per analysis. */
  #outgoing(state: LinkState, note: string): readonly OutgoingLink[] {
    const entry = this.#notes.get(note);
    if (!entry) return [];
    let cached = state.outgoing.get(note);
    if (cached?.analysis !== entry.analysis) {
      const links: OutgoingLink[] = this.wikiLinksIn(note).map(({ link, resolution }) => ({
        note,
        range: link.range,
        target: resolution.kind === 'missing' ? undefined : resolution.uri,
        written: 'wikilink' as const,
      }));
      for (const { citation, resolution } of this.citationsIn(note)) {
        const target = resolution.kind === 'local' ? resolution.note : undefined;
        links.push({ note, range: citation.range, target, written: WEB_ADDRESS.test(citation.url.trim()) ? 'url' : 'path' });
      }
      cached = { analysis: entry.analysis, links };
      state.outgoing.set(note, cached);
    }
    return cached.links;
  }

  /**
   * A note's text changed: its links are resolved again when asked, and the backlinks rebuilt, unless it had
   * and has no links (prose edits in most course notes).
   */
  #linksChanged(note: string, before: NoteAnalysis): void {
    const after = this.#notes.get(note)?.analysis;
    const links = (analysis: NoteAnalysis | undefined): number => (analysis ? analysis.wikiLinks.length + analysis.citations.length : 0);
    if (links(before) + links(after) === 0) return;
    for (const state of [this.#links, this.#previousLinks]) {
      if (!state) continue;
      state.resolved.delete(note);
      state.outgoing.delete(note);
      state.backlinks = undefined;
    }
  }

  #citationResolver(): CitationResolver {
    const state = this.#linkState();
    if (!state.citations) {
      const catalog: NoteCatalog = {
        notes: [...this.#notes.keys()],
        headingsOf: (note) => this.#notes.get(note)?.analysis.headings,
      };
      state.citations = new CitationResolver(catalog, this.#mappings, state.resolver);
    }
    return state.citations;
  }

  /** The state that answers a question: the current build, else the last complete one while a host rebuilds (see `#previous`), else a build now. */
  #build(): Derived {
    if (this.#derived) return this.#derived;
    if (this.#previous && this.answerFromLastBuild) {
      this.#wanted = true;
      return this.#previous;
    }
    return this.#newBuild();
  }

  /** Builds what depends on all notes from the notes as they are now. */
  #newBuild(): Derived {
    if (this.#derived) return this.#derived;
    const previous = this.#carried;
    const concepts = this.#table.concepts();
    const terms = this.#termDerived();
    // Occurrences depend on the matcher and the note alone: those of unchanged notes stay while terms do. The
    // map is taken over, not copied: after hovers on every note it holds 10,000 entries, and an edit changes one.
    let occurrences = new Map<string, NoteOccurrences>();
    if (previous && previous.terms === terms) {
      occurrences = previous.occurrences;
      for (const note of this.#stale) occurrences.delete(note);
    }
    this.#stale.clear();
    // What completion reads holds names and ids only: it stays while no note's terms or aliases changed.
    const named = previous && previous.terms === terms ? { ...(previous.search ? { search: previous.search } : {}), ...(previous.prefixes ? { prefixes: previous.prefixes } : {}) } : {};
    this.#derived = { concepts, terms, matcher: terms.matcher, occurrences, builtWith: this.#notes.size, ...named };
    this.#carried = undefined;
    this.#previous = undefined;
    this.#held.clear();
    this.#wanted &&= this.rebuildPending;
    return this.#derived;
  }

  /** The term matcher and what else depends only on terms, rebuilt only when some note's terms changed. */
  #termDerived(): TermDerived {
    while (this.#terms?.version !== this.#termsVersion) this.#termStep();
    return this.#terms;
  }

  /** One step of building the term matcher from the concepts' terms and aliases; the last one sets `#terms`. */
  #termStep(): void {
    if (this.#termBuild?.version !== this.#termsVersion) {
      const changed = this.#table.takeChanges();
      if (this.#termsUpdated(changed)) return;
      this.#termBuild = { version: this.#termsVersion, steps: termsBuilt(this.#table.concepts()) };
    }
    const next = this.#termBuild.steps.next();
    if (!next.done) return;
    this.#terms = { version: this.#termBuild.version, ...next.value };
    this.#termBuild = undefined;
  }

  /**
   * Brings the last matcher up to date in place when few concepts were named anew since it was built (an edit
   * renaming a term): a full build of 13,000 phrases takes tens of ms. `changed` is what the concept table changed
   * since the last term step; not after a build in steps was begun and dropped (the changes it took are not in
   * `changed`), nor while an earlier build still answers (`#previous`, during a load), which must keep the matcher
   * it was built with. Returns whether it did.
   */
  #termsUpdated(changed: ReadonlySet<string> | undefined): boolean {
    const terms = this.#terms;
    if (!terms || !changed || this.#termBuild || this.#previous) return false;
    const concepts = this.#table.concepts();
    const renames = renamed(terms.concepts, concepts, changed);
    if (renames.length > RENAMES_IN_PLACE) return false;
    const removed: TermEntry[] = [];
    const added: TermEntry[] = [];
    const reordered = new Set<string>();
    for (const id of renames) {
      const before = terms.concepts.get(id);
      const after = concepts.get(id);
      if (before) removed.push(...namesOf(before));
      if (after) added.push(...namesOf(after));
      if (before?.term !== after?.term) reordered.add(id);
      if (after) terms.concepts.set(id, after);
      else terms.concepts.delete(id);
    }
    terms.matcher.update(removed, added);
    const order = terms.order && inTermOrder(terms.order, reordered, concepts);
    this.#terms = { version: this.#termsVersion, matcher: terms.matcher, concepts: terms.concepts, ...(order ? { order } : {}) };
    return true;
  }
}

const NO_COVERAGE: ReadonlySet<CoverageCode> = new Set();

/** Problems in the order of `noteDiagnostics`: by place, then code. */
function byPlace(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

/** What `mentionCounts` counted: per note, for the occurrences it was counted from, and the totals. */
interface MentionState {
  readonly terms: TermDerived;
  readonly counted: Map<string, { readonly occurrences: NoteOccurrences; readonly counts: ReadonlyMap<string, number> }>;
  readonly totals: Map<string, number>;
}
/** How a note comes: `load` as one of many (a first index; see `settle`), `edit` on its own, seen at once. */
export type Arrival = 'edit' | 'load';
/** Fewest notes a load holds back from the concepts before they are rebuilt: two of a host's batches. */
const HOLD_MIN = 400;

/** A link written as an address with a scheme (`https:`): a course URL rather than a path between notes. */
const WEB_ADDRESS = /^[a-z][a-z0-9+.-]*:/i;

/** What of a note other notes' answers depend on: its terms, aliases, definition texts and heading slugs. */
function structureOf(definitions: readonly NoteDefinition[], analysis: NoteAnalysis): string {
  return JSON.stringify([definitions.map((d) => [d.term, d.aliases, d.text, d.parent]), analysis.headings.map((h) => h.slug)]);
}

/** Most concepts named anew that `#termsUpdated` changes the matcher for in place; past it, the matcher is built again. */
const RENAMES_IN_PLACE = 64;

/** A concept's term and aliases, as the term matcher takes them. */
function namesOf(concept: Concept): TermEntry[] {
  return [{ id: concept.id, phrase: concept.term }, ...concept.aliases.map((alias) => ({ id: concept.id, phrase: alias }))];
}

/** `steps` to their end, or undefined as soon as `current()` turns false after a step. */
function* whileCurrent<T>(steps: Steps<T>, current: () => boolean): Steps<T | undefined> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    yield;
    if (!current()) return undefined;
  }
}

/**
 * The order of `concepts()`: by term, then id, then the id's code units, so that it is total (two ids that
 * `localeCompare` finds equal, as `abcd` and `ab\uFE0Fcd`, still have one order), and an order patched by binary
 * insertion (`inTermOrder`) is the order a sort gives.
 */
function byTerm(a: Concept, b: Concept): number {
  return a.term.localeCompare(b.term) || a.id.localeCompare(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Of the concepts `changed` from `before` to `after`, those added, removed, or given another term or aliases. */
function renamed(before: ReadonlyMap<string, Concept>, after: ReadonlyMap<string, Concept>, changed: ReadonlySet<string>): string[] {
  return [...changed].filter((id) => {
    const old = before.get(id);
    const now = after.get(id);
    return !(old === now || (old && now && old.term === now.term && sameData(old.aliases, now.aliases)));
  });
}

/** The term matcher built in steps from every concept's names, and the concepts it holds the names of. */
function* termsBuilt(concepts: ReadonlyMap<string, Concept>): Steps<Omit<TermDerived, 'version'>> {
  const budget = new WorkBudget();
  const held = new Map<string, Concept>();
  const entries: TermEntry[] = [];
  for (const [id, concept] of concepts) {
    held.set(id, concept);
    entries.push(...namesOf(concept));
    if (budget.spend()) yield;
  }
  return { matcher: yield* TermMatcher.build(entries), concepts: held };
}

/** `order` (ids by term) with the ids in `moved` taken out and put back where their concept's term now sorts, if it still exists. */
function inTermOrder(order: readonly string[], moved: ReadonlySet<string>, concepts: ReadonlyMap<string, Concept>): readonly string[] {
  if (moved.size === 0) return order;
  const next = order.filter((id) => !moved.has(id));
  for (const id of moved) {
    const concept = concepts.get(id);
    if (!concept) continue;
    let low = 0;
    let high = next.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = concepts.get(next[middle] ?? '');
      if (other && byTerm(other, concept) < 0) low = middle + 1;
      else high = middle;
    }
    next.splice(low, 0, id);
  }
  return next;
}

/** What the term matcher depends on in a note: its terms and aliases, in order. */
function termsOf(definitions: readonly NoteDefinition[]): string {
  return JSON.stringify(definitions.map((d) => [d.term, d.aliases]));
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

/**
 * A note's occurrences, packed: each one's concept id, and its start line, start character, end line and end
 * character in `places`, four numbers each. 10,000 notes name concepts hundreds of thousands of times; as objects
 * (an occurrence and its range each) they were a quarter of the host's objects for the collector to visit.
 */
interface NoteOccurrences {
  readonly ids: readonly string[];
  readonly places: Int32Array;
}

/** The `i`th occurrence of a note, made when asked. */
function occurrenceAt({ ids, places }: NoteOccurrences, note: string, i: number): Occurrence {
  const at = 4 * i;
  return { id: ids[i] ?? '', note, range: { start: positionOf(places[at] ?? 0, places[at + 1] ?? 0), end: positionOf(places[at + 2] ?? 0, places[at + 3] ?? 0) } };
}

function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

/** For each concept id, the ids it is likely a misspelling of (and the reverse). */
function* duplicatesById(concepts: ReadonlyMap<string, Concept>, budget: WorkBudget): Steps<Map<string, string[]>> {
  const byId = new Map<string, string[]>();
  for (const [a, b] of yield* likelyDuplicates([...concepts.keys()], budget)) {
    byId.set(a, [...(byId.get(a) ?? []), b]);
    byId.set(b, [...(byId.get(b) ?? []), a]);
  }
  return byId;
}
