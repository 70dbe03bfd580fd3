import type cytoscape from 'cytoscape';
import type { Theme } from './theme';

/**
 * `detailed` draws every label, arrows and unit boxes, for course-sized maps; `fast` is for thousands of
 * nodes: straight uncurved links without arrows, and labels only on the nodes in view once zoomed in.
 */
export type RenderMode = 'detailed' | 'fast';

/** The renderer's stylesheet for a theme: every colour comes from the VS Code theme. */
export function mapStyles(theme: Theme, mode: RenderMode): cytoscape.StylesheetJson {
  const highContrast = theme.kind === 'high-contrast';
  const fast = mode === 'fast';
  // Labels grow with a node's links, so when zoomed out the hubs stay readable and the rest are hidden
  // (below `min-zoomed-font-size`) rather than drawn too small to read; zooming in shows them all.
  const label: cytoscape.Css.Node = {
    label: 'data(label)',
    color: theme.foreground,
    'font-family': theme.fontFamily,
    'font-size': fast ? 11 : 'mapData(degree, 0, 12, 11, 28)',
    'text-valign': 'bottom',
    'text-margin-y': 3,
    'text-wrap': 'wrap',
    'text-max-width': fast ? '140px' : '220px',
    'text-background-color': theme.background,
    'text-background-opacity': 0.75,
    'text-background-padding': '1px',
    'min-zoomed-font-size': 8,
  };
  return [
    {
      selector: 'node[size]',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        'background-color': 'data(color)',
        'border-width': highContrast ? 2 : fast ? 0 : 1,
        'border-color': theme.contrastBorder ?? theme.background,
        ...(fast ? {} : label),
      },
    },
    ...(fast ? [{ selector: 'node.labelled, node.match, node.active, node.focus', style: label }] : []),
    {
      selector: 'node[kind = "unit"], node[kind = "page"]',
      style: { shape: 'round-rectangle', 'background-opacity': 0.55, 'border-width': 2, 'border-color': 'data(color)' },
    },
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        label: 'data(label)',
        color: theme.muted,
        'font-family': theme.fontFamily,
        'font-size': 26,
        'font-weight': 'bold',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'min-zoomed-font-size': 8,
        'background-color': 'data(color)',
        'background-opacity': theme.kind === 'light' ? 0.06 : 0.1,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': theme.contrastBorder ?? 'data(color)',
        padding: '14px',
      },
    },
    {
      selector: 'edge',
      style: fast
        ? { 'curve-style': 'haystack', width: 0.6, 'line-color': theme.faint }
        : {
            'curve-style': 'bezier',
            width: highContrast ? 1.6 : 1.1,
            'line-color': theme.muted,
            'target-arrow-shape': 'triangle',
            'target-arrow-color': theme.muted,
            'arrow-scale': 0.8,
            opacity: highContrast ? 1 : 0.75,
          },
    },
    {
      selector: 'edge[kind = "parent"]',
      style: { width: fast ? 1.2 : 2.6, 'line-color': theme.foreground, 'target-arrow-color': theme.foreground },
    },
    { selector: 'edge[kind = "cites"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [5, 3] } },
    { selector: 'edge[kind = "links"]', style: { 'line-style': 'dotted' } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: 'node.dimmed', style: { opacity: 0.3 } },
    { selector: 'edge.dimmed', style: { opacity: 0.12 } },
    {
      selector: 'node.match',
      style: {
        'underlay-color': theme.highlight,
        'underlay-opacity': 0.5,
        'underlay-padding': 7,
        'underlay-shape': 'ellipse',
        'font-weight': 'bold',
        'z-index': 10,
      },
    },
    { selector: 'node.focus', style: { 'border-width': 3, 'border-color': theme.highlight, 'z-index': 15 } },
    { selector: 'node.active', style: { 'border-width': 3, 'border-color': theme.focus, 'border-style': 'double', 'z-index': 20 } },
  ];
}
