/** A place in a note: 0-based line and UTF-16 character, as editors count. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A span of a note; `end` is exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A link as written in a note: `[[Unit 1]](https://github.com/...#what-is-ai-alignment)`. */
export interface Citation {
  /** The link text: `[Unit 1]` for the link above. */
  readonly label: string;
  readonly url: string;
  readonly range: Range;
}

/** How a definition was written. */
export type DefinitionStyle =
  /** `* **Term** (alias): text` or `* **Term** is/are ...` */
  | 'bold'
  /** `*Term*: text` or `*Term:* text`, nested under a concept */
  | 'italic'
  /** `#### Reinforcement Learning from Human Feedback (RLHF)` */
  | 'heading'
  /** A concept page's own definition: its Definition section or first paragraph (empty when it has none) */
  | 'page'
  /** `- **[[sources/smith-2024]]** (origin): text` in a concept page's Definition section */
  | 'attributed';

/** Whose words an attributed definition reports: `- **[[sources/smith-2024|Smith]]** (origin): ...`. */
export interface DefinitionSource {
  /** The link target as written: `sources/smith-2024`; absent for a source named in words (`Smith (2024)`). */
  readonly target?: string;
  readonly label?: string;
  /** The parenthesised note: `origin`. */
  readonly note?: string;
}

/** One definition of a concept, where it was written. */
export interface Definition {
  /** The note that holds it, as the host's URI string. */
  readonly note: string;
  readonly style: DefinitionStyle;
  /** Plain text: for `* **Saint**: performs as we *expect*.` this is `performs as we expect.` */
  readonly text: string;
  /** The markdown source of the same text: `performs as we *expect*.` */
  readonly markdown: string;
  /** The range of the term itself (`Saint` above). */
  readonly termRange: Range;
  /** The whole definition: the bullet's first paragraph, or the heading line. */
  readonly range: Range;
  /** The headings above the definition, outermost first. */
  readonly headingTrail: readonly string[];
  /** The text of a plain parent bullet that groups sibling definitions (Saint, Sycophant, Schemer). */
  readonly group?: string;
  /** The links written in the definition. */
  readonly citations: readonly Citation[];
  /** For an attributed definition, its source. */
  readonly source?: DefinitionSource;
}

/** A term the course defines, with every place that defines it. */
export interface Concept {
  /** Stable key: the canonical form of the term (see `phraseKey`). */
  readonly id: string;
  /** The term as first written: `Inner misalignment`. */
  readonly term: string;
  /** Other names: `(goal misgeneralisation)` gives `goal misgeneralisation`; a heading's `(RLHF)` gives `RLHF`. */
  readonly aliases: readonly string[];
  /** Every definition, in a stable order (by note, then line). */
  readonly definitions: readonly Definition[];
  /** The concept this one is nested under. */
  readonly parent?: string;
  /** The concepts nested under this one, sorted by id. */
  readonly children: readonly string[];
}

/** A heading of a note, with the anchor GitHub gives it. */
export interface Heading {
  /** Plain text: for `## What is AI alignment?` this is `What is AI alignment?`. */
  readonly text: string;
  /** 1 for `#`, up to 6. */
  readonly depth: number;
  /** GitHub's anchor, with its duplicate suffix: the second `### Open questions` is `open-questions-1`. */
  readonly slug: string;
  /** The whole heading line. */
  readonly range: Range;
}

/**
 * What the core knows of the workspace's notes when it resolves a citation: every note's URI
 * (`file:///course/units/Unit%201%20-%20Losing%20control%20to%20AI.md`) and its headings.
 */
export interface NoteCatalog {
  readonly notes: readonly string[];
  headingsOf(note: string): readonly Heading[] | undefined;
}

/**
 * A user's mapping from a URL prefix to a workspace folder URI, for courses whose local copy sits elsewhere:
 * `https://github.com/org/course/blob/main/AI-Alignment-Fast-Track/` → `file:///home/me/course/units/`.
 */
export interface CitationMapping {
  readonly urlPrefix: string;
  readonly folder: string;
}

/** Where a citation leads. */
export type CitationResolution =
  | {
      readonly kind: 'local';
      readonly note: string;
      /** The heading the anchor names, or the closest one when `approximate`; absent when the link has no anchor. */
      readonly heading?: Heading;
      /** True when the anchor matched no heading and the closest heading was chosen instead. */
      readonly approximate: boolean;
      /** The anchor as written, decoded: `what-failure-look-like`. */
      readonly anchor?: string;
      /** Which rule found the note. */
      readonly via: 'mapping' | 'relative' | 'suffix' | 'fileName';
    }
  | {
      readonly kind: 'external';
      /** The URL to open in the browser. */
      readonly url: string;
    };
