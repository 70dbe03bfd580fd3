import type { Theme } from '../theme';
import type { LinkStyles } from './linkDrawing';

/** Dashes in screen pixels: a citation's dashes and a page link's dots read as such at any zoom. */
const DASHED = [5, 3];
const DOTTED = [1.5, 2.5];

/**
 * A large map's links as the link layer draws them: faint hairlines in the theme (parent → child thicker, in
 * the foreground colour), cites dashed and page links dotted as on a detailed map and in the legend.
 * Widths grow with the zoom, from at least half a pixel: links of a map zoomed out stay visible.
 */
export function linkStyles(theme: Theme): LinkStyles {
  return {
    mentions: { colour: theme.faint, width: 0.6, minWidth: 0.5, dash: [] },
    parent: { colour: theme.foreground, width: 1.2, minWidth: 0.8, dash: [] },
    cites: { colour: theme.faint, width: 0.6, minWidth: 0.5, dash: DASHED },
    links: { colour: theme.faint, width: 0.6, minWidth: 0.5, dash: DOTTED },
  };
}

/** The lit node's links: in the focus colour, thicker, keeping their kind's dashes. */
export function litLinkStyles(theme: Theme): LinkStyles {
  return {
    mentions: { colour: theme.focus, width: 1.6, minWidth: 1.5, dash: [] },
    parent: { colour: theme.focus, width: 2.4, minWidth: 2, dash: [] },
    cites: { colour: theme.focus, width: 1.6, minWidth: 1.5, dash: DASHED },
    links: { colour: theme.focus, width: 1.6, minWidth: 1.5, dash: DOTTED },
  };
}
