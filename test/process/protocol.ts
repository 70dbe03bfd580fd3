/**
 * What the tests in this folder (plain Node) and the agent inside each extension host they start say to each
 * other, through files in one folder: the test writes `instruction-<n>.json` for the n-th start of the
 * extension host, the agent writes `report-<n>.json` when it has done it.
 */

/** The hidden test settings (`alignmentNotes.testing.*`, not in package.json, documented in docs/DEVELOPMENT.md). */
export interface TestSettings {
  readonly cacheWritePauseMs?: number;
  readonly cacheSaveDelayMs?: number;
}

export interface Instruction {
  /** The settings this start must see before the extension activates. */
  readonly settings: TestSettings;
  /** Waits for the cache save after the first index before reporting. */
  readonly awaitSave?: boolean;
  /** Terms whose concept the report says is (or is not) in the index. */
  readonly lookFor?: readonly string[];
  /**
   * After the first index: appends `definition` to the note, waits until the index has `term`, reports,
   * then reloads the window, which stops this extension host and deactivates the extension.
   */
  readonly editThenReload?: { readonly note: readonly string[]; readonly definition: string; readonly term: string };
  /**
   * Flashcards: reports the cards due today of the unit filter labelled `unit`. With `gradeThenReload`, first
   * reviews them from the Review Flashcards command, grading each Good until the session ends, reports, then
   * reloads the window with the review panel open.
   */
  readonly study?: { readonly unit: string; readonly gradeThenReload?: boolean };
}

/** What a start says of the flashcards (`Instruction.study`). */
export interface StudyReport {
  /** Cards due today, in all and of the unit. */
  readonly due: number;
  readonly dueOfUnit: number;
  /** Grades given in this start's session. */
  readonly graded: number;
  /** The concepts the review state file holds, and its path. */
  readonly concepts: number;
  readonly file: string;
  /** Whether the review panel was open (after a reload: restored by VS Code) when the report was written. */
  readonly panelOpen: boolean;
}

export interface Report {
  /** The extension host's process id. */
  readonly pid: number;
  /** The cache file's path on disk. */
  readonly cacheFile: string;
  /** Every line the extension logged in this host. */
  readonly log: readonly string[];
  readonly notes: number;
  /** For each `lookFor` term: whether the index has its concept. */
  readonly concepts: Readonly<Record<string, boolean>>;
  /** For `editThenReload`: whether the cache file already held the term just before the reload. */
  readonly cacheHeldTermBeforeReload?: boolean;
  readonly study?: StudyReport;
  /** Set instead of the rest when the agent failed. */
  readonly error?: string;
}

export const instructionFile = (start: number): string => `instruction-${start}.json`;
export const reportFile = (start: number): string => `report-${start}.json`;
/** Created by each start, so that the agent knows which start it is. */
export const startedFile = (start: number): string => `started-${start}`;
