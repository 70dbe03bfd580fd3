import type cytoscape from 'cytoscape';
import type { EdgeKind } from '../shared/protocol';
import type { SvgScene } from './svgExport';
import type { Theme } from './theme';

/** What the map shows within its view, in screen pixels, for the SVG export. */
export function sceneOf(cy: cytoscape.Core, theme: Theme, size: { width: number; height: number }, links?: SvgScene['edges']): SvgScene {
  const extent = cy.extent();
  const inView = (box: cytoscape.BoundingBox12): boolean => box.x2 >= extent.x1 && box.x1 <= extent.x2 && box.y2 >= extent.y1 && box.y1 <= extent.y2;
  const zoom = cy.zoom();
  const shown = cy.nodes(':visible').filter((node) => inView(node.boundingBox())).nodes();
  return {
    ...size,
    background: theme.background,
    foreground: theme.foreground,
    muted: theme.muted,
    fontFamily: theme.fontFamily,
    groups: shown
      .filter(':parent')
      .nodes()
      .map((group) => {
        const box = group.renderedBoundingBox({ includeLabels: false });
        return { x: box.x1, y: box.y1, width: box.w, height: box.h, label: String(group.data('label')), color: String(group.data('color')) };
      }),
    // A large map's links are drawn by its link layer, which gives them; cytoscape holds a detailed map's.
    edges: links ?? cy
      .edges(':visible')
      .filter((edge) => inView(edge.boundingBox()))
      .edges()
      .map((edge) => {
        const source = edge.source().renderedPosition();
        const target = edge.target().renderedPosition();
        return { x1: source.x, y1: source.y, x2: target.x, y2: target.y, kind: edge.data('kind') as EdgeKind };
      }),
    nodes: shown
      .filter((node) => node.isChildless() && node.data('kind') !== 'group')
      .nodes()
      .map((node) => {
        const at = node.renderedPosition();
        const fontSize = parseFloat(String(node.style('font-size'))) * zoom;
        return {
          x: at.x,
          y: at.y,
          size: Number(node.data('size')) * zoom,
          color: String(node.data('color')),
          label: String(node.data('short')),
          unit: node.data('kind') === 'unit',
          fontSize,
          labelled: node.hasClass('labelled'),
        };
      }),
  };
}
