import type { Range } from '../model';
import type { NoteProblem, ParagraphProblem } from '../notes/noteAnalysis';
import type { FrontMatterProblem } from '../pages/frontMatter';
import type { CoverageCode } from '../coverage/coverageRules';

/** Every problem the core reports, by code; each can be switched off by the host. */
export type DiagnosticCode =
  | 'note-unreadable'
  | 'citation-no-local-copy'
  | 'citation-anchor-not-found'
  | 'citation-unsafe-link'
  | 'definition-conflict'
  | 'likely-misspelt-duplicate'
  | 'link-broken'
  | 'link-ambiguous'
  | NoteProblem['code']
  | ParagraphProblem['code']
  | FrontMatterProblem['code']
  | CoverageCode;

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedLocation {
  readonly note: string;
  readonly range: Range;
  readonly message: string;
}

/** A problem in a note, reported as data: the core never throws at its callers over what a note says. */
export interface Diagnostic {
  readonly note: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  /** For `citation-anchor-not-found`: the anchor to write instead, the closest heading's slug. */
  readonly replacement?: string;
  /** For `link-broken`: the whole link written again with each of the closest note names, best first. */
  readonly suggestions?: readonly string[];
}
