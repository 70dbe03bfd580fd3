import { EDGE_KINDS } from '../../shared/protocol';
import type { LinkStyle, LinkStyles, LinkView } from './linkDrawing';

/**
 * Page → link worker: draw the links for `view`, with whatever changed since the last request (the links,
 * the node positions, which links are shown, their styles). The page sends the next request only once the
 * picture of this one has come back, so the worker never queues stale work.
 */
export interface LinkDrawRequest {
  readonly type: 'draw';
  readonly seq: number;
  readonly view: LinkView;
  readonly links?: { readonly ends: Uint32Array; readonly kinds: Uint8Array };
  readonly positions?: { readonly x: Float32Array; readonly y: Float32Array };
  /** One byte a link, 1 when shown; null shows every link. */
  readonly shown?: Uint8Array | null;
  readonly styles?: LinkStyles;
}

/** Link worker → page: the picture of request `seq`, and how many links it holds (those in view). */
export interface LinkPicture {
  readonly type: 'picture';
  readonly seq: number;
  readonly view: LinkView;
  readonly stroked: number;
  /** Undefined when the view is empty (a hidden panel). */
  readonly bitmap: ImageBitmap | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isLinkView(value: unknown): value is LinkView {
  return (
    isRecord(value) &&
    isNumber(value.zoom) &&
    value.zoom > 0 &&
    isNumber(value.panX) &&
    isNumber(value.panY) &&
    isNumber(value.width) &&
    value.width >= 0 &&
    isNumber(value.height) &&
    value.height >= 0 &&
    isNumber(value.ratio) &&
    value.ratio > 0
  );
}

function isLinkStyle(value: unknown): value is LinkStyle {
  return (
    isRecord(value) &&
    typeof value.colour === 'string' &&
    value.colour.length <= 100 &&
    isNumber(value.width) &&
    isNumber(value.minWidth) &&
    Array.isArray(value.dash) &&
    value.dash.length <= 8 &&
    value.dash.every((length) => isNumber(length) && length >= 0)
  );
}

function isLinkStyles(value: unknown): value is LinkStyles {
  return isRecord(value) && EDGE_KINDS.every((kind) => isLinkStyle(value[kind]));
}

export function isLinkDrawRequest(value: unknown): value is LinkDrawRequest {
  if (!isRecord(value) || value.type !== 'draw' || !isNumber(value.seq) || !isLinkView(value.view)) return false;
  const { links, positions, shown, styles } = value;
  if (links !== undefined && !(isRecord(links) && links.ends instanceof Uint32Array && links.kinds instanceof Uint8Array && links.ends.length === 2 * links.kinds.length)) return false;
  if (positions !== undefined && !(isRecord(positions) && positions.x instanceof Float32Array && positions.y instanceof Float32Array && positions.x.length === positions.y.length)) return false;
  if (shown !== undefined && shown !== null && !(shown instanceof Uint8Array)) return false;
  return styles === undefined || isLinkStyles(styles);
}

export function isLinkPicture(value: unknown): value is LinkPicture {
  return (
    isRecord(value) &&
    value.type === 'picture' &&
    isNumber(value.seq) &&
    isNumber(value.stroked) &&
    isLinkView(value.view) &&
    (value.bitmap === undefined || value.bitmap instanceof ImageBitmap)
  );
}
