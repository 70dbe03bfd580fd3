import { strict as assert } from 'node:assert';
import type { LinkView } from '../../src/webview/links/linkDrawing';
import { drawPreview, type PreviewContext, type PreviewNode } from '../../src/webview/nodePreview';

/** A 2D context that records each fill: its colour and the discs in its path (centre and radius, in CSS pixels). */
function recorder(): { context: PreviewContext; fills: { colour: string; discs: number[][] }[]; transforms: number[][]; cleared: number[][] } {
  const fills: { colour: string; discs: number[][] }[] = [];
  const transforms: number[][] = [];
  const cleared: number[][] = [];
  let discs: number[][] = [];
  const context = {
    fillStyle: '' as string | CanvasGradient | CanvasPattern,
    setTransform: (...matrix: number[]) => void transforms.push(matrix),
    clearRect: (...rect: number[]) => void cleared.push(rect),
    beginPath: () => void (discs = []),
    moveTo: () => undefined,
    arc: (x: number, y: number, r: number) => void discs.push([x, y, r]),
    fill: () => void fills.push({ colour: String(context.fillStyle), discs }),
  };
  return { context: context as unknown as PreviewContext, fills, transforms, cleared };
}

/** The view of the links, which the first picture shares. */
const view: LinkView = { zoom: 0.5, panX: 10, panY: 20, width: 200, height: 100, ratio: 2 };

describe('concept map first picture of a large map', () => {
  it("draws each node as a disc where cytoscape will draw it, in the view's zoom and pan, one fill per group colour", () => {
    const nodes: PreviewNode[] = [
      { x: 0, y: 0, size: 20, colour: 'teal' },
      { x: 100, y: 40, size: 8, colour: 'orange' },
      { x: 200, y: 80, size: 40, colour: 'teal' },
    ];
    const { context, fills, transforms, cleared } = recorder();
    assert.equal(drawPreview(context, nodes, view), 3);
    assert.deepEqual(transforms, [[2, 0, 0, 2, 0, 0]], 'drawn in CSS pixels on a canvas of twice as many');
    assert.deepEqual(cleared, [[0, 0, 200, 100]]);
    assert.deepEqual(fills, [
      { colour: 'teal', discs: [[10, 20, 5], [110, 60, 10]] },
      { colour: 'orange', discs: [[60, 40, 2]] },
    ]);
  });

  it('leaves out nodes wholly outside the view, keeps those that reach into it, and draws a tiny node as a dot', () => {
    const nodes: PreviewNode[] = [
      { x: -40, y: 0, size: 20, colour: 'grey' }, // at x = -10 on screen, radius 5: outside
      { x: -30, y: 0, size: 20, colour: 'grey' }, // at x = -5, radius 5: touches the left edge
      { x: 500, y: 0, size: 20, colour: 'grey' }, // at x = 260: outside on the right
      { x: 0, y: 200, size: 20, colour: 'grey' }, // at y = 120: below
      { x: 50, y: 50, size: 0.1, colour: 'grey' },
    ];
    const { context, fills } = recorder();
    assert.equal(drawPreview(context, nodes, view), 2);
    assert.deepEqual(fills, [{ colour: 'grey', discs: [[-5, 20, 5], [35, 45, 0.75]] }]);
  });
});
