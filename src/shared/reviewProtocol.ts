/**
 * Every message between the extension and the flashcard review webview, typed once and checked on arrival.
 * No imports: bundled into both sides. Card text is note text: the webview writes it with `textContent` only.
 */

import { isCount, isRecord, isString } from './checks';

/** The view type of the review panel. */
export const REVIEW_VIEW_TYPE = 'alignmentNotes.review';

export const REVIEW_GRADES = ['again', 'hard', 'good', 'easy'] as const;
export type ReviewGrade = (typeof REVIEW_GRADES)[number];

/** One definition on the answer side, with the place it was written (a link the webview asks the extension to open). */
export interface ShownDefinition {
  readonly text: string;
  readonly attribution?: string;
  /** `units/Unit 1.md:14` */
  readonly source: string;
}

/** A card as the panel shows it. */
export interface ShownCard {
  readonly key: string;
  /** `term`: the definitions are shown and the term asked; `definitions`: the reverse. */
  readonly direction: 'term' | 'definitions';
  readonly term: string;
  readonly aliases: readonly string[];
  /** The question side of a `term` card: the definitions with the names masked. */
  readonly prompt: readonly string[];
  readonly definitions: readonly ShownDefinition[];
  /** `new`, `changed` (its definitions changed since its last review) or `review`. */
  readonly kind: 'new' | 'changed' | 'review';
  /** When each grade would bring it back: `1m`, `10m`, `4d`. */
  readonly intervals: Readonly<Record<ReviewGrade, string>>;
}

export interface ReviewProgress {
  readonly reviewed: number;
  readonly remaining: number;
  /** What the session is narrowed to: `All cards`, `Unit 3`, `#control`. */
  readonly filter: string;
}

/** Extension → webview. */
export type ToReviewMessage =
  | { readonly type: 'card'; readonly card: ShownCard; readonly progress: ReviewProgress }
  /** Nothing (more) to review in this session. */
  | { readonly type: 'done'; readonly progress: ReviewProgress; readonly dueToday: number };

/** Webview → extension. */
export type FromReviewMessage =
  | { readonly type: 'ready' }
  /** The answer was shown for the card: grades are taken only after it. */
  | { readonly type: 'revealed'; readonly key: string }
  | { readonly type: 'grade'; readonly key: string; readonly grade: ReviewGrade }
  /** Open the place where the card's definition number `index` is written. */
  | { readonly type: 'openSource'; readonly key: string; readonly index: number }
  /** Start another session (the extension asks for a filter). */
  | { readonly type: 'again' };

export const REVIEW_LIMITS = {
  key: 4_096,
  text: 20_000,
  name: 1_000,
  list: 1_000,
  interval: 16,
} as const;



function isKey(value: unknown): value is string {
  return isString(value, REVIEW_LIMITS.key) && value.length > 0;
}


function isList<T>(value: unknown, item: (entry: unknown) => entry is T): value is T[] {
  return Array.isArray(value) && value.length <= REVIEW_LIMITS.list && value.every(item);
}

export function isReviewGrade(value: unknown): value is ReviewGrade {
  return typeof value === 'string' && (REVIEW_GRADES as readonly string[]).includes(value);
}

const isText = (value: unknown): value is string => isString(value, REVIEW_LIMITS.text);
const isName = (value: unknown): value is string => isString(value, REVIEW_LIMITS.name);

function isShownDefinition(value: unknown): value is ShownDefinition {
  return isRecord(value) && isText(value.text) && isName(value.source) && (value.attribution === undefined || isName(value.attribution));
}

function isShownCard(value: unknown): value is ShownCard {
  if (!isRecord(value) || !isRecord(value.intervals)) return false;
  const intervals = value.intervals;
  return (
    isKey(value.key) &&
    (value.direction === 'term' || value.direction === 'definitions') &&
    isName(value.term) &&
    isList(value.aliases, isName) &&
    isList(value.prompt, isText) &&
    isList(value.definitions, isShownDefinition) &&
    (value.kind === 'new' || value.kind === 'changed' || value.kind === 'review') &&
    REVIEW_GRADES.every((grade) => isString(intervals[grade], REVIEW_LIMITS.interval))
  );
}

function isProgress(value: unknown): value is ReviewProgress {
  return isRecord(value) && isCount(value.reviewed) && isCount(value.remaining) && isName(value.filter);
}

/** Checks a message from the webview; anything else is dropped by the caller. */
export function isFromReviewMessage(value: unknown): value is FromReviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'again':
      return true;
    case 'revealed':
      return isKey(value.key);
    case 'grade':
      return isKey(value.key) && isReviewGrade(value.grade);
    case 'openSource':
      return isKey(value.key) && isCount(value.index) && value.index < REVIEW_LIMITS.list;
    default:
      return false;
  }
}

/** Checks a message from the extension before the webview acts on it. */
export function isToReviewMessage(value: unknown): value is ToReviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'card':
      return isShownCard(value.card) && isProgress(value.progress);
    case 'done':
      return isProgress(value.progress) && isCount(value.dueToday);
    default:
      return false;
  }
}
