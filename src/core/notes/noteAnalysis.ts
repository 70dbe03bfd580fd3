import type { Citation, DefinitionSource, DefinitionStyle, Heading, Range } from '../model';
import type { FrontMatter, FrontMatterProblem } from '../pages/frontMatter';

/** One definition as found in one note, before concepts are merged across notes. */
export interface NoteDefinition {
  readonly term: string;
  readonly aliases: readonly string[];
  readonly style: DefinitionStyle;
  /** The definition as plain text. */
  readonly text: string;
  /** The definition's markdown source, for rendering. */
  readonly markdown: string;
  /** The term itself. */
  readonly termRange: Range;
  /** The whole definition: the bullet's first paragraph, or the heading line. */
  readonly range: Range;
  /** Index, in this note's definitions, of the concept this one is nested under. */
  readonly parent?: number;
  /** The text of a plain parent bullet that groups sibling definitions (Saint, Sycophant, Schemer). */
  readonly group?: string;
  /** The headings above the definition, outermost first. */
  readonly headingTrail: readonly string[];
  /** The links written in the definition. */
  readonly citations: readonly Citation[];
  /** For an attributed definition, its source. */
  readonly source?: DefinitionSource;
}

/** `- **[[sources/smith-2024|Smith]]** (origin): text` in a page's definition section: a definition with its source. */
export interface AttributedDefinition {
  readonly source: DefinitionSource;
  readonly text: string;
  readonly markdown: string;
  /** The source link. */
  readonly termRange: Range;
  /** The bullet's first paragraph. */
  readonly range: Range;
}

/** A wikilink as written: `[[concepts/goal-drift#Definitions|drift]]`, `![[diagram.png]]`. */
export interface WikiLinkRef {
  /** The target as written, without heading, block or label: `concepts/goal-drift`; `''` for `[[#Heading]]`. */
  readonly target: string;
  readonly heading?: string;
  readonly block?: string;
  readonly label?: string;
  readonly embed: boolean;
  /** The whole link, brackets included. */
  readonly range: Range;
}

/** A block id, `^abc123` at the end of a paragraph or list item, which `[[note#^abc123]]` links to. */
export interface BlockId {
  readonly id: string;
  /** The paragraph it ends. */
  readonly range: Range;
}

/**
 * What a note says about itself as a page, read from every note whatever its folder: whether it is a concept
 * page depends on where it sits too, which the index decides (see `conceptPages.ts`).
 */
export interface PageFacts {
  readonly frontMatter?: FrontMatter;
  readonly frontMatterProblem?: FrontMatterProblem;
  /** The first level-1 heading, and the range of its text. */
  readonly heading?: { readonly text: string; readonly range: Range };
  /**
   * The definition: the content of the first section named Definition(s), Summary, Overview or What it is,
   * attributed bullets aside. Without one, a concept page reads its first paragraph (`pageParagraph`), on
   * demand: most notes are not concept pages, and a note cannot tell from its text alone.
   */
  readonly definition?: { readonly text: string; readonly markdown: string; readonly range: Range };
  readonly attributed: readonly AttributedDefinition[];
  /** Whether the page has a definition section, even one holding only attributed definitions or nothing. */
  readonly section: boolean;
}

/** Why a note was not analysed, or only in part: it is binary, too large or nested too deep (see `limits.ts`). */
export interface NoteProblem {
  readonly code: 'note-binary' | 'note-too-large' | 'note-too-deeply-nested' | 'note-not-analysed';
  /** 0-based line the problem is reported at. */
  readonly line: number;
  readonly message: string;
}

/**
 * A paragraph read as plain text, without its links, emphasis, code spans or wikilinks, because reading them
 * would take remark too long (see `inlineBudget.ts`); the rest of the note is read as usual.
 */
export interface ParagraphProblem {
  readonly code: 'paragraph-too-complex';
  /** 0-based line of the paragraph. */
  readonly line: number;
  readonly message: string;
}

/**
 * Everything the index keeps of one note. Plain data, so it can be cached by content hash and serialised
 * for warm starts.
 */
export interface NoteAnalysis {
  readonly definitions: readonly NoteDefinition[];
  readonly headings: readonly Heading[];
  /** Every citation into the course (see `isCitation`), in document order. */
  readonly citations: readonly Citation[];
  /**
   * Offsets `[start0, end0, start1, end1, ...]` of the prose where terms may occur: no code, HTML or URLs.
   * Absent when the fast path did not parse the whole note; `proseRuns` computes it on demand.
   */
  readonly prose?: readonly number[];
  /** Set when the note was not analysed (then it has no definitions, headings, citations or prose) or only its start was. */
  readonly problem?: NoteProblem;
  /** The paragraphs read as plain text (see `ParagraphProblem`), in order; absent when there are none. */
  readonly complexParagraphs?: readonly ParagraphProblem[];
  /** The note as a page; absent when it has neither front matter, an H1 nor a definition section. */
  readonly page?: PageFacts;
  /**
   * Every wikilink and embed, in document order (none inside code, HTML or math). Read when first asked for: an
   * analysis made from a note's text keeps only where they stand (`withWikiLinks`), one from the cache their JSON
   * text (`unpackAnalysisJson`).
   */
  readonly wikiLinks: readonly WikiLinkRef[];
  /** Every block id, in document order. */
  readonly blocks: readonly BlockId[];
}
