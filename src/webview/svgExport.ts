import type { EdgeKind } from '../shared/protocol';

/** What is on screen, in screen pixels, as the SVG export draws it. */
export interface SvgScene {
  readonly width: number;
  readonly height: number;
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly fontFamily: string;
  readonly groups: readonly { x: number; y: number; width: number; height: number; label: string; color: string }[];
  readonly edges: readonly { x1: number; y1: number; x2: number; y2: number; kind: EdgeKind }[];
  readonly nodes: readonly { x: number; y: number; size: number; color: string; label: string; unit: boolean; labelled: boolean; fontSize: number }[];
}

/** Escapes text for XML content and double-quoted attributes: note text never becomes markup. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

const EDGE_ATTRIBUTES: Record<EdgeKind, string> = {
  mentions: 'stroke-width="1.1"',
  parent: 'stroke-width="2.6"',
  cites: 'stroke-width="1.1" stroke-dasharray="5 3"',
  links: 'stroke-width="1.1" stroke-dasharray="1 3"',
};

/**
 * The current view as a standalone SVG drawing made only of `svg`, `g`, `rect`, `circle`, `line`, `text`
 * and `title` (what the extension's check accepts), with every label escaped.
 */
export function sceneToSvg(scene: SvgScene): string {
  const font = escapeXml(scene.fontFamily);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(scene.width)}" height="${n(scene.height)}" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}">`,
    '<title>Concept map</title>',
    `<rect width="100%" height="100%" fill="${escapeXml(scene.background)}"/>`,
    `<g font-family="${font}" font-size="12" font-weight="bold" fill="${escapeXml(scene.muted)}">`,
  ];
  for (const group of scene.groups) {
    const color = escapeXml(group.color);
    parts.push(
      `<rect x="${n(group.x)}" y="${n(group.y)}" width="${n(group.width)}" height="${n(group.height)}" rx="6" fill="${color}" fill-opacity="0.08" stroke="${color}" stroke-dasharray="4 3"/>`,
      `<text x="${n(group.x + group.width / 2)}" y="${n(group.y - 5)}" text-anchor="middle">${escapeXml(group.label)}</text>`,
    );
  }
  parts.push('</g>', `<g stroke="${escapeXml(scene.muted)}" stroke-opacity="0.75">`);
  for (const edge of scene.edges) {
    const stroke = edge.kind === 'parent' ? ` stroke="${escapeXml(scene.foreground)}"` : '';
    parts.push(`<line x1="${n(edge.x1)}" y1="${n(edge.y1)}" x2="${n(edge.x2)}" y2="${n(edge.y2)}" ${EDGE_ATTRIBUTES[edge.kind]}${stroke}/>`);
  }
  parts.push('</g>', `<g font-family="${font}" fill="${escapeXml(scene.foreground)}" text-anchor="middle">`);
  for (const node of scene.nodes) {
    const color = escapeXml(node.color);
    const r = node.size / 2;
    parts.push(
      node.unit
        ? `<rect x="${n(node.x - r)}" y="${n(node.y - r)}" width="${n(node.size)}" height="${n(node.size)}" rx="${n(r / 3)}" fill="${color}" fill-opacity="0.55" stroke="${color}" stroke-width="2"/>`
        : `<circle cx="${n(node.x)}" cy="${n(node.y)}" r="${n(r)}" fill="${color}"/>`,
    );
    if (node.labelled) {
      parts.push(`<text x="${n(node.x)}" y="${n(node.y + r + node.fontSize + 2)}" font-size="${n(node.fontSize)}">${escapeXml(node.label)}</text>`);
    }
  }
  parts.push('</g>', '</svg>');
  return parts.join('\n');
}
