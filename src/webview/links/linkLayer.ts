import workerSource from './linkLayer.worker.ts?worker';
import { clearLinks, drawLinks, followTransform, type LinkSet, type LinkStyles, type LinkView, type NodePositions } from './linkDrawing';
import type { LinkLayerState } from '../renderState';
import { isLinkPicture, type LinkDrawRequest, type LinkPicture } from './linkWorkerProtocol';

/**
 * A pan or zoom asks for a new picture once the view has been still this long: until then the last picture
 * moves with the map, and a worker drawing a picture a frame would take a core the page needs for its own.
 */
const VIEW_STILL_MS = 100;
/** Without a worker, links drawn on the page's thread per frame: about a settled 500-node map's frame. */
const FALLBACK_CHUNK = 2_000;

const EMPTY: LinkSet = { ends: new Uint32Array(0), kinds: new Uint8Array(0) };

/** Sizes a canvas for a view: device pixels for its bitmap (set only when they change, which clears it), CSS pixels on the page. */
function sizeFor(canvas: HTMLCanvasElement, view: LinkView): void {
  const width = Math.ceil(view.width * view.ratio);
  const height = Math.ceil(view.height * view.ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  canvas.style.width = `${view.width}px`;
  canvas.style.height = `${view.height}px`;
}

/**
 * A large map's links, drawn by us under cytoscape's canvas instead of by cytoscape (which draws every link
 * in every frame: 20,000 links made each frame of a 5,000-node map take 0.4-1.1 s on a software canvas).
 * A worker draws them on an offscreen canvas whenever the view, the positions or the links shown change,
 * the latest state first, and the page puts the picture on its canvas; between pictures the last one moves
 * with the map by a CSS transform. The lit node's links are few and drawn on a second canvas at once.
 */
export class LinkLayer {
  readonly #root: HTMLDivElement;
  readonly #base: HTMLCanvasElement;
  readonly #lit: HTMLCanvasElement;
  #worker: Worker | undefined;
  #url: string | undefined;
  /** False once starting a worker failed: the page's thread draws, a chunk a frame. */
  #workerUsable = typeof OffscreenCanvas === 'function' && typeof Worker === 'function';
  #enabled = false;
  #links: LinkSet = EMPTY;
  #positions: NodePositions = { x: new Float32Array(0), y: new Float32Array(0) };
  #shown: Uint8Array | undefined;
  #styles: LinkStyles | undefined;
  #litStyles: LinkStyles | undefined;
  #litLinks: readonly number[] = [];
  #view: LinkView = { zoom: 1, panX: 0, panY: 0, width: 0, height: 0, ratio: 1 };
  /** What changed since the last request sent to the worker. */
  #dirty = { links: true, positions: true, shown: true, styles: true };
  /** The state's number: bumped by every change; a picture of an older one is followed by another request. */
  #seq = 0;
  #inFlight = false;
  #scheduled = false;
  #picture: { seq: number; view: LinkView; stroked: number } | undefined;
  #waiters: { seq: number; resolve: () => void }[] = [];
  #fallback: { seq: number; frame: number } | undefined;
  #viewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(container: HTMLElement) {
    this.#root = document.createElement('div');
    this.#root.className = 'link-layer';
    this.#base = document.createElement('canvas');
    this.#base.dataset.id = 'links';
    this.#lit = document.createElement('canvas');
    this.#lit.dataset.id = 'lit-links';
    this.#root.append(this.#base, this.#lit);
    // Before cytoscape's own canvases, so that its nodes are drawn over the links.
    container.prepend(this.#root);
  }

  /** A map drawn by cytoscape alone (a detailed one) has no layer: it is cleared and stops drawing. */
  setEnabled(enabled: boolean): void {
    if (enabled === this.#enabled) return;
    this.#enabled = enabled;
    this.#root.hidden = !enabled;
    if (enabled) this.#change();
    else {
      this.#picture = undefined;
      this.#base.width = 0;
      this.#lit.width = 0;
      this.#resolveWaiters(Infinity);
    }
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  setLinks(links: LinkSet): void {
    this.#links = links;
    this.#litLinks = [];
    this.#dirty.links = true;
    this.#change();
  }

  setPositions(positions: NodePositions): void {
    this.#positions = positions;
    this.#dirty.positions = true;
    this.#change();
  }

  /** One byte a link, 1 when shown; undefined shows them all. */
  setShown(shown: Uint8Array | undefined): void {
    this.#shown = shown;
    this.#dirty.shown = true;
    this.#change();
  }

  setStyles(styles: LinkStyles, lit: LinkStyles): void {
    this.#styles = styles;
    this.#litStyles = lit;
    this.#dirty.styles = true;
    this.#change();
  }

  /** The view moved: the picture follows at once by a transform, and a new one is asked for once the view is still. */
  setView(view: LinkView): void {
    this.#view = view;
    this.#follow();
    this.#drawLit();
    clearTimeout(this.#viewTimer);
    this.#viewTimer = setTimeout(() => this.#change(), VIEW_STILL_MS);
  }

  /** Links (indices) of the lit node, drawn over the others in the focus colour. */
  setLit(links: readonly number[]): void {
    this.#litLinks = links;
    this.#drawLit();
  }

  /** Resolves once the picture on screen is of the state as it is now (at once when the layer is off). */
  drawn(): Promise<void> {
    if (!this.#enabled || (this.#picture && this.#picture.seq >= this.#seq)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ seq: this.#seq, resolve }));
  }

  state(): LinkLayerState {
    let shown = 0;
    if (this.#enabled) for (let i = 0; i < this.#links.kinds.length; i++) if (this.#shown === undefined || this.#shown[i] === 1) shown++;
    const picture = this.#picture;
    return {
      shown,
      picture: picture && { stroked: picture.stroked, zoom: picture.view.zoom, panX: picture.view.panX, panY: picture.view.panY },
      transform: this.#base.style.transform,
      lit: this.#enabled ? this.#litLinks.length : 0,
    };
  }

  /** Draws the links shown on `context` (an export's), for `view`, on the page's thread. */
  drawOn(context: CanvasRenderingContext2D, view: LinkView): void {
    if (!this.#enabled || !this.#styles) return;
    drawLinks(context, this.#links, this.#positions, this.#shown, view, this.#styles, 0, this.#links.kinds.length);
    if (this.#litStyles && this.#litLinks.length > 0) drawLinks(context, this.#litSet(), this.#positions, undefined, view, this.#litStyles, 0, this.#litLinks.length);
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    if (this.#url) URL.revokeObjectURL(this.#url);
    if (this.#fallback) cancelAnimationFrame(this.#fallback.frame);
    clearTimeout(this.#viewTimer);
    this.#root.remove();
    this.#resolveWaiters(Infinity);
  }

  /** Something changed: a new picture is asked for once this turn's changes are all in. */
  #change(): void {
    this.#seq++;
    this.#drawLit();
    if (!this.#enabled || this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#request();
    });
  }

  #request(): void {
    if (!this.#enabled || this.#inFlight || !this.#styles) return;
    if (this.#picture && this.#picture.seq >= this.#seq) return;
    const worker = this.#ensureWorker();
    if (!worker) {
      this.#drawHere();
      return;
    }
    const request: LinkDrawRequest = {
      type: 'draw',
      seq: this.#seq,
      view: this.#view,
      ...(this.#dirty.links ? { links: this.#links } : {}),
      ...(this.#dirty.positions ? { positions: this.#positions } : {}),
      ...(this.#dirty.shown ? { shown: this.#shown ?? null } : {}),
      ...(this.#dirty.styles ? { styles: this.#styles } : {}),
    };
    this.#dirty = { links: false, positions: false, shown: false, styles: false };
    this.#inFlight = true;
    worker.postMessage(request);
  }

  #received(picture: LinkPicture): void {
    this.#inFlight = false;
    if (!this.#enabled) {
      picture.bitmap?.close();
      return;
    }
    const { view, bitmap } = picture;
    sizeFor(this.#base, view);
    const context = this.#base.getContext('2d');
    if (context) {
      clearLinks(context, view);
      if (bitmap) context.drawImage(bitmap, 0, 0);
    }
    bitmap?.close();
    this.#picture = { seq: picture.seq, view, stroked: picture.stroked };
    this.#follow();
    this.#resolveWaiters(picture.seq);
    this.#request();
  }

  /** Without a worker: draws on the page's canvas itself, `FALLBACK_CHUNK` links a frame, starting over when the state changes. */
  #drawHere(): void {
    if (this.#fallback?.seq === this.#seq) return;
    if (this.#fallback) cancelAnimationFrame(this.#fallback.frame);
    const view = this.#view;
    const seq = this.#seq;
    const context = this.#base.getContext('2d');
    const styles = this.#styles;
    if (!context || !styles) return;
    sizeFor(this.#base, view);
    clearLinks(context, view);
    this.#base.style.transform = '';
    let stroked = 0;
    const step = (from: number): void => {
      const to = Math.min(this.#links.kinds.length, from + FALLBACK_CHUNK);
      stroked += drawLinks(context, this.#links, this.#positions, this.#shown, view, styles, from, to);
      if (to < this.#links.kinds.length) {
        this.#fallback = { seq, frame: requestAnimationFrame(() => step(to)) };
        return;
      }
      this.#fallback = undefined;
      this.#picture = { seq, view, stroked };
      this.#follow();
      this.#resolveWaiters(seq);
      if (this.#seq > seq) this.#drawHere();
    };
    step(0);
  }

  /** Moves the last picture to where its links are now, until the next one comes. */
  #follow(): void {
    const picture = this.#picture;
    this.#base.style.transform = picture ? followTransform(picture.view, this.#view) : '';
  }

  #litSet(): LinkSet {
    const ends = new Uint32Array(2 * this.#litLinks.length);
    const kinds = new Uint8Array(this.#litLinks.length);
    this.#litLinks.forEach((link, i) => {
      ends[2 * i] = this.#links.ends[2 * link] ?? 0;
      ends[2 * i + 1] = this.#links.ends[2 * link + 1] ?? 0;
      kinds[i] = this.#links.kinds[link] ?? 0;
    });
    return { ends, kinds };
  }

  /** The lit node's links, at once and for the current view: a handful of lines. */
  #drawLit(): void {
    const view = this.#view;
    const empty = !this.#enabled || this.#litLinks.length === 0 || !this.#litStyles;
    if (empty) {
      if (this.#lit.width !== 0) this.#lit.width = 0;
      return;
    }
    sizeFor(this.#lit, view);
    const context = this.#lit.getContext('2d');
    if (!context || !this.#litStyles) return;
    clearLinks(context, view);
    drawLinks(context, this.#litSet(), this.#positions, undefined, view, this.#litStyles, 0, this.#litLinks.length);
  }

  #resolveWaiters(seq: number): void {
    const ready = this.#waiters.filter((waiter) => waiter.seq <= seq);
    this.#waiters = this.#waiters.filter((waiter) => waiter.seq > seq);
    for (const waiter of ready) waiter.resolve();
  }

  #ensureWorker(): Worker | undefined {
    if (this.#worker || !this.#workerUsable) return this.#worker;
    this.#url ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    try {
      this.#worker = new Worker(this.#url);
    } catch {
      this.#workerUsable = false;
      return undefined;
    }
    this.#worker.onmessage = (event: MessageEvent<unknown>) => {
      if (isLinkPicture(event.data)) this.#received(event.data);
    };
    this.#worker.onerror = () => {
      // A worker that cannot run (a stricter host policy): the page's thread draws from now on.
      this.#worker?.terminate();
      this.#worker = undefined;
      this.#workerUsable = false;
      this.#inFlight = false;
      this.#request();
    };
    return this.#worker;
  }
}
