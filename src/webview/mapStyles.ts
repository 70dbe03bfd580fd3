import type cytoscape from 'cytoscape';
import { NEUTRAL_OUTLINES } from './groupColours';
import type { Theme } from './theme';

/**
 * `detailed` draws arrows and unit boxes, for course-sized maps; `fast` is for thousands of nodes: straight
 * uncurved links without arrows, and group titles as label-only nodes instead of boxes.
 */
export type RenderMode = 'detailed' | 'fast';

/**
 * The renderer's stylesheet for a theme: every colour comes from the VS Code theme or the group colours.
 * Labels are drawn only on nodes the label placement chose (`labelled`) and on group titles it kept
 * (`titled`); their font size (`fs`) is set for each zoom so that they keep one size on screen.
 */
export function mapStyles(theme: Theme, mode: RenderMode): cytoscape.StylesheetJson {
  const rules = mapRules(theme, mode);
  // A fast map holds no links (the link layer draws them) and no group boxes (its groups are titles): cytoscape
  // matches every rule against each of its thousands of nodes, so those rules are left out.
  return mode === 'fast' ? rules.filter((rule) => !/^(edge|node\.group)\b/.test(rule.selector)) : rules;
}

/** Every rule of the stylesheet for `mode`, whether or not that mode's map holds what it styles. */
export function mapRules(theme: Theme, mode: RenderMode): cytoscape.StylesheetJsonBlock[] {
  const highContrast = theme.kind === 'high-contrast';
  const fast = mode === 'fast';
  return [
    {
      selector: 'node[size]',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        'background-color': 'data(color)',
        'border-width': highContrast ? 2 : fast ? 0 : 1,
        'border-color': theme.contrastBorder ?? theme.background,
      },
    },
    // Groups past the eighth share the neutral colour; an outline of their own tells them apart.
    ...NEUTRAL_OUTLINES.filter((outline) => outline !== 'solid').map((outline) => ({
      selector: `node[size][outline = "${outline}"]`,
      style: { 'border-width': outline === 'double' ? 3 : 2, 'border-style': outline, 'border-color': theme.foreground },
    })),
    {
      selector: 'node.labelled',
      style: {
        label: 'data(short)',
        color: theme.foreground,
        'font-family': theme.fontFamily,
        'font-size': 'data(fs)',
        'text-valign': 'bottom',
        // The typings want a number; cytoscape maps data fields here like anywhere else.
        'text-margin-y': 'data(lm)' as unknown as number,
        'text-wrap': 'none',
        'text-background-color': theme.background,
        'text-background-opacity': 0.8,
        'text-background-padding': 'data(lp)',
        'min-zoomed-font-size': 0,
      },
    },
    // The side label placement chose: below (above) the node, else above, right or left of it.
    { selector: 'node.labelled.above', style: { 'text-valign': 'top' } },
    { selector: 'node.labelled.right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': 'data(lx)' as unknown as number } },
    { selector: 'node.labelled.left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-y': 0, 'text-margin-x': 'data(lx)' as unknown as number } },
    {
      selector: 'node[kind = "unit"], node[kind = "page"]',
      style: { shape: 'round-rectangle', 'background-opacity': 0.55, 'border-width': 2, 'border-color': 'data(color)' },
    },
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        'background-color': 'data(color)',
        'background-opacity': theme.dark ? 0.1 : 0.06,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': theme.contrastBorder ?? 'data(color)',
        padding: '14px',
      },
    },
    ...NEUTRAL_OUTLINES.filter((outline) => outline !== 'solid').map((outline) => ({
      selector: `node.group[outline = "${outline}"]`,
      style: { 'border-width': 2, 'border-style': outline, 'border-color': theme.contrastBorder ?? theme.muted },
    })),
    { selector: 'node.title', style: { width: 1, height: 1, 'background-opacity': 0, 'border-width': 0, events: 'no' } },
    {
      selector: 'node.titled',
      style: {
        label: 'data(label)',
        color: theme.muted,
        'font-family': theme.fontFamily,
        'font-size': 'data(fs)',
        'font-weight': 'bold',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-wrap': 'none',
        'min-zoomed-font-size': 0,
      },
    },
    { selector: 'node.title.titled', style: { 'text-valign': 'center' } },
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
            opacity: highContrast ? 1 : 0.6,
          },
    },
    {
      selector: 'edge[kind = "parent"]',
      style: { width: fast ? 1.2 : 2.6, 'line-color': theme.foreground, 'target-arrow-color': theme.foreground },
    },
    { selector: 'edge[kind = "cites"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [5, 3] } },
    { selector: 'edge[kind = "links"]', style: { 'line-style': 'dotted' } },
    { selector: '.hidden', style: { display: 'none' } },
    // Hover and keyboard focus: the node and its neighbours stay, their links light up, the rest fades.
    { selector: 'node.faded', style: { opacity: 0.15 } },
    { selector: 'edge.faded', style: { opacity: 0.06 } },
    { selector: 'edge.near', style: { 'line-color': theme.focus, 'target-arrow-color': theme.focus, width: fast ? 1.6 : 2.2, opacity: 1, 'z-index': 5 } },
    { selector: 'node.lit', style: { 'underlay-color': theme.focus, 'underlay-opacity': 0.35, 'underlay-padding': 6, 'underlay-shape': 'ellipse', 'z-index': 12 } },
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
    { selector: 'node.focus, node.end', style: { 'border-width': 3, 'border-style': 'solid', 'border-color': theme.highlight, 'z-index': 15 } },
    { selector: 'node.active', style: { 'border-width': 3, 'border-color': theme.focus, 'border-style': 'double', 'z-index': 20 } },
  ];
}
