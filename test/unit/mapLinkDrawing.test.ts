import { strict as assert } from 'node:assert';
import { drawLinks, followTransform, type LinkContext, type LinkStyles, type LinkView } from '../../src/webview/links/linkDrawing';
import { isLinkDrawRequest } from '../../src/webview/links/linkWorkerProtocol';

/** A 2D context that records the paths stroked: each stroke with its style and the segments in it. */
function recorder(): { context: LinkContext; strokes: { colour: string; width: number; dash: number[]; segments: number[][] }[] } {
  const strokes: { colour: string; width: number; dash: number[]; segments: number[][] }[] = [];
  let segments: number[][] = [];
  let at: number[] = [];
  let dash: number[] = [];
  const context = {
    strokeStyle: '' as string | CanvasGradient | CanvasPattern,
    lineWidth: 1,
    lineCap: 'butt' as CanvasLineCap,
    beginPath: () => void (segments = []),
    moveTo: (x: number, y: number) => void (at = [x, y]),
    lineTo: (x: number, y: number) => void segments.push([...at, x, y]),
    setLineDash: (pattern: number[]) => void (dash = pattern),
    setTransform: () => undefined,
    clearRect: () => undefined,
    stroke: () => void strokes.push({ colour: String(context.strokeStyle), width: context.lineWidth, dash, segments }),
  };
  return { context: context as unknown as LinkContext, strokes };
}

const STYLES: LinkStyles = {
  mentions: { colour: 'grey', width: 0.6, minWidth: 0.5, dash: [] },
  parent: { colour: 'white', width: 1.2, minWidth: 0.8, dash: [] },
  cites: { colour: 'grey', width: 0.6, minWidth: 0.5, dash: [5, 3] },
  links: { colour: 'grey', width: 0.6, minWidth: 0.5, dash: [1.5, 2.5] },
};

/** Four nodes on a line at x = 0, 100, 200, 300 and links 0–1 (mentions), 1–2 (cites), 2–3 (links), 0–3 (parent). */
const links = { ends: Uint32Array.from([0, 1, 1, 2, 2, 3, 0, 3]), kinds: Uint8Array.from([0, 2, 3, 1]) };
const positions = { x: Float32Array.from([0, 100, 200, 300]), y: Float32Array.from([0, 0, 0, 0]) };
const view: LinkView = { zoom: 1, panX: 10, panY: 20, width: 400, height: 100, ratio: 1 };

describe('concept map link layer drawing', () => {
  it('strokes each kind of link as one path in its own style, dashed and dotted kinds with their dashes, in screen pixels', () => {
    const { context, strokes } = recorder();
    assert.equal(drawLinks(context, links, positions, undefined, view, STYLES, 0, 4), 4);
    assert.deepEqual(
      strokes.map((stroke) => [stroke.colour, stroke.dash, stroke.segments]),
      [
        ['grey', [], [[10, 20, 110, 20]]],
        ['white', [], [[10, 20, 310, 20]]],
        ['grey', [5, 3], [[110, 20, 210, 20]]],
        ['grey', [1.5, 2.5], [[210, 20, 310, 20]]],
      ],
    );
    // Zoomed out, a link is kept at least its minimum width on screen; zoomed in, it grows with the map.
    const zoomedOut = recorder();
    drawLinks(zoomedOut.context, links, positions, undefined, { ...view, zoom: 0.1 }, STYLES, 0, 4);
    assert.deepEqual(zoomedOut.strokes.map((stroke) => stroke.width), [0.5, 0.8, 0.5, 0.5]);
    const zoomedIn = recorder();
    drawLinks(zoomedIn.context, links, positions, undefined, { ...view, zoom: 2, width: 1000 }, STYLES, 0, 4);
    assert.deepEqual(zoomedIn.strokes.map((stroke) => stroke.width), [1.2, 2.4, 1.2, 1.2]);
  });

  it('leaves out links not shown and links wholly beside the view, and draws a range of links (a slice)', () => {
    const shown = Uint8Array.from([1, 0, 1, 1]);
    const hidden = recorder();
    assert.equal(drawLinks(hidden.context, links, positions, shown, view, STYLES, 0, 4), 3);
    assert.ok(!hidden.strokes.some((stroke) => stroke.dash[0] === 5), 'the hidden citation was drawn');
    // Panned so that x = 0…150 of the model is off the left edge: 0–1 lies wholly outside, 0–3 crosses the view.
    const panned = recorder();
    assert.equal(drawLinks(panned.context, links, positions, undefined, { ...view, panX: -150 }, STYLES, 0, 4), 3);
    assert.deepEqual(panned.strokes.map((stroke) => stroke.colour), ['white', 'grey', 'grey']);
    const slice = recorder();
    assert.equal(drawLinks(slice.context, links, positions, undefined, view, STYLES, 2, 4), 2);
  });

  it('moves the last picture with the map: a point drawn for one view lands where the new view puts it', () => {
    assert.equal(followTransform(view, view), '');
    const now = { zoom: 2, panX: 50, panY: -30 };
    const transform = followTransform(view, now);
    const [, dx, dy, scale] = /translate\((.+)px, (.+)px\) scale\((.+)\)/.exec(transform)?.map(Number) ?? assert.fail(transform);
    // Model point (100, 0) was drawn at (110, 20); in the new view it is at (250, -30).
    assert.deepEqual([110 * (scale ?? 0) + (dx ?? 0), 20 * (scale ?? 0) + (dy ?? 0)], [250, -30]);
  });

  it('takes only well-formed requests in the worker', () => {
    const request = { type: 'draw', seq: 1, view, links, positions, shown: null, styles: STYLES };
    assert.ok(isLinkDrawRequest(request));
    assert.ok(!isLinkDrawRequest({ ...request, links: { ends: links.ends, kinds: new Uint8Array(3) } }), 'ends and kinds disagree');
    assert.ok(!isLinkDrawRequest({ ...request, view: { ...view, zoom: 0 } }));
    assert.ok(!isLinkDrawRequest({ ...request, styles: { ...STYLES, cites: { ...STYLES.cites, dash: ['5'] } } }));
    assert.ok(!isLinkDrawRequest({ ...request, positions: { x: positions.x, y: new Float32Array(2) } }));
  });
});
