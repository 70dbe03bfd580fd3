import type { MapNode } from '../shared/protocol';

/**
 * Okabe–Ito's colour-blind-safe set (its black swapped for the theme's ink), for the eight largest groups.
 * Light themes get darker variants of the pale ones so nodes stand out on white; dark themes lighter
 * variants of the deep ones so they stand out on near-black. The order keeps neighbours in it far apart.
 */
const OKABE_ITO = {
  light: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#3d8fc2', '#b8a200', '#000000'],
  dark: ['#4aa8e8', '#e69f00', '#1fbf8f', '#dd99c0', '#f07030', '#8fd0f5', '#f0e442', '#f2f2f2'],
} as const;

/** Outlines that tell apart the groups past the eighth, which share the neutral colour. */
export const NEUTRAL_OUTLINES = ['dashed', 'dotted', 'double', 'solid'] as const;
export type Outline = (typeof NEUTRAL_OUTLINES)[number];

export const DISTINCT_GROUPS = 8;

export interface GroupStyle {
  readonly key: string;
  readonly label: string;
  readonly size: number;
  readonly colour: string;
  /** False for a group past the eighth largest, drawn in the neutral colour with an outline of its own. */
  readonly distinct: boolean;
  readonly outline: Outline;
}

export interface GroupPalette {
  readonly dark: boolean;
  /** The theme's colour for the rest: neither one of the eight nor the background. */
  readonly neutral: string;
}

/** Groups biggest first (ties by name), the eight largest in distinct colours, the rest neutral with outlines. */
export function groupStyles(nodes: readonly MapNode[], palette: GroupPalette): GroupStyle[] {
  const groups = new Map<string, { label: string; size: number }>();
  for (const node of nodes) {
    const group = groups.get(node.cluster);
    if (group) group.size++;
    else groups.set(node.cluster, { label: node.clusterLabel, size: 1 });
  }
  const colours = palette.dark ? OKABE_ITO.dark : OKABE_ITO.light;
  return [...groups.entries()]
    .sort((a, b) => b[1].size - a[1].size || a[1].label.localeCompare(b[1].label) || a[0].localeCompare(b[0]))
    .map(([key, group], i) => {
      const distinct = i < DISTINCT_GROUPS;
      return {
        key,
        label: group.label,
        size: group.size,
        colour: distinct ? (colours[i] ?? palette.neutral) : palette.neutral,
        distinct,
        outline: distinct ? 'solid' : (NEUTRAL_OUTLINES[(i - DISTINCT_GROUPS) % NEUTRAL_OUTLINES.length] ?? 'solid'),
      };
    });
}
