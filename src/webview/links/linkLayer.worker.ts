import { drawLinks, type LinkSet, type LinkStyles, type NodePositions } from './linkDrawing';
import { isLinkDrawRequest, type LinkPicture } from './linkWorkerProtocol';

/**
 * The link worker: draws a large map's links on an `OffscreenCanvas` off the page's thread and posts each
 * picture back as an `ImageBitmap`. Rasterising 20,000 links takes a software canvas a few hundred
 * milliseconds; here that time never holds up the page, which keeps drawing nodes, panning and hovering.
 */

/** The part of the worker's global scope this file uses (the webview's TypeScript project has the DOM types). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: LinkPicture, options: { transfer: Transferable[] }): void;
}

const scope = self as unknown as WorkerScope;
let links: LinkSet = { ends: new Uint32Array(0), kinds: new Uint8Array(0) };
let positions: NodePositions = { x: new Float32Array(0), y: new Float32Array(0) };
let shown: Uint8Array | undefined;
let styles: LinkStyles | undefined;
let canvas: OffscreenCanvas | undefined;

scope.onmessage = (event) => {
  const request = event.data;
  if (!isLinkDrawRequest(request)) return;
  if (request.links) links = request.links;
  if (request.positions) positions = request.positions;
  if (request.shown !== undefined) shown = request.shown ?? undefined;
  if (request.styles) styles = request.styles;
  const { view } = request;
  const width = Math.ceil(view.width * view.ratio);
  const height = Math.ceil(view.height * view.ratio);
  if (width === 0 || height === 0 || !styles) {
    scope.postMessage({ type: 'picture', seq: request.seq, view, stroked: 0, bitmap: undefined }, { transfer: [] });
    return;
  }
  if (!canvas || canvas.width !== width || canvas.height !== height) canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) return;
  // A canvas hands over its picture and starts blank again: nothing to clear.
  const stroked = drawLinks(context, links, positions, shown, view, styles, 0, links.kinds.length);
  const bitmap = canvas.transferToImageBitmap();
  scope.postMessage({ type: 'picture', seq: request.seq, view, stroked, bitmap }, { transfer: [bitmap] });
};
