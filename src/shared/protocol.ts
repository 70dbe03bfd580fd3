/**
 * Every message between the extension and the concept-map webview, typed once and checked on arrival.
 * No imports: this module is bundled into both the extension and the webview.
 */

/** The view type of the concept-map panel; also its activation event `onWebviewPanel:<viewType>`. */
export const CONCEPT_MAP_VIEW_TYPE = 'alignmentNotes.conceptMap';

export interface ConceptNode {
  readonly id: string;
  readonly label: string;
  /** Short plain-text definition, shown as the node's tooltip. */
  readonly summary: string;
}

/** Extension → webview. */
export type ToWebviewMessage = { readonly type: 'graph'; readonly nodes: readonly ConceptNode[] };

/** Webview → extension. `rendered` reports what was drawn, so tests can check what arrived. */
export type FromWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'rendered'; readonly nodeCount: number }
  | { readonly type: 'openConcept'; readonly id: string };

/** What the webview keeps across reloads through `getState`/`setState`. */
export interface ConceptMapState {
  readonly query: string;
}

const MAX_ID_LENGTH = 1_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, maxLength = Number.MAX_SAFE_INTEGER): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

function isConceptNode(value: unknown): value is ConceptNode {
  return isRecord(value) && isString(value.id) && isString(value.label) && isString(value.summary);
}

/** Checks a message from the webview; anything else is dropped by the caller. */
export function isFromWebviewMessage(value: unknown): value is FromWebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'rendered':
      return typeof value.nodeCount === 'number' && Number.isInteger(value.nodeCount) && value.nodeCount >= 0;
    case 'openConcept':
      return isString(value.id, MAX_ID_LENGTH) && value.id.length > 0;
    default:
      return false;
  }
}

/** Checks a message from the extension before the webview renders it. */
export function isToWebviewMessage(value: unknown): value is ToWebviewMessage {
  return isRecord(value) && value.type === 'graph' && Array.isArray(value.nodes) && value.nodes.every(isConceptNode);
}

/** Reads saved webview state, falling back to defaults for anything missing or malformed. */
export function readConceptMapState(value: unknown): ConceptMapState {
  return { query: isRecord(value) && isString(value.query, MAX_ID_LENGTH) ? value.query : '' };
}
