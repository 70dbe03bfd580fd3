import { strict as assert } from 'node:assert';
import cytoscape from 'cytoscape';
import { mapRules, mapStyles } from '../../src/webview/mapStyles';
import type { Theme } from '../../src/webview/theme';

const dark: Theme = {
  kind: 'dark',
  dark: true,
  neutral: '#8a8a8a',
  foreground: '#cccccc',
  background: '#1f1f1f',
  muted: '#9d9d9d',
  focus: '#0078d4',
  faint: '#3a3a3a',
  contrastBorder: undefined,
  highlight: '#ffd33d',
  fontFamily: 'sans-serif',
};

/** A node of a fast map: a concept of the group `color`, with `classes`. */
function node(id: string, classes: string, data: Record<string, unknown> = {}): cytoscape.ElementDefinition {
  return { data: { id, size: 10, color: '#4aa8e8', outline: 'solid', kind: 'concept', short: id, fs: 11, lm: 2, lp: 1, lx: 3, ...data }, classes };
}

/** A fast map's elements: nodes of each kind, outline and state the map sets, one state each, and a group's title (no links, no boxes). */
const fastElements: cytoscape.ElementDefinition[] = [
  node('plain', ''),
  node('unit', '', { kind: 'unit' }),
  node('page', '', { kind: 'page' }),
  ...['dashed', 'dotted', 'double'].map((outline) => node(outline, '', { outline, color: '#8a8a8a' })),
  ...['labelled', 'labelled above', 'labelled right', 'labelled left', 'hidden', 'faded', 'lit', 'dimmed', 'match', 'focus', 'end', 'active'].map((classes) => node(classes, classes)),
  { data: { id: 'title:unit-1', label: 'Unit 1', cluster: 'unit-1', kind: 'group', color: '#e69f00', outline: 'dotted', fs: 14 }, classes: 'title titled' },
];

function stylesUnder(sheet: cytoscape.StylesheetJson): Map<string, unknown> {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: sheet, elements: fastElements });
  return new Map(cy.nodes().map((node) => [node.id(), node.style() as unknown]));
}

describe('concept map stylesheet', () => {
  it("leaves out of a fast map's stylesheet the rules for links and group boxes, and styles each of its nodes as every rule would", () => {
    const every = mapRules(dark, 'fast');
    const fast = mapStyles(dark, 'fast');
    assert.ok(fast.length < every.length, `${fast.length} of ${every.length} rules`);
    assert.deepEqual(
      fast.map((rule) => rule.selector).filter((selector) => selector.startsWith('edge') || selector.startsWith('node.group')),
      [],
    );
    // What the rules left out would style, a fast map does not hold: each node's every property is the same.
    assert.deepEqual(stylesUnder(fast), stylesUnder(every));
  });

  it("keeps every rule of a detailed map's stylesheet, which draws links and group boxes itself", () => {
    assert.deepEqual(mapStyles(dark, 'detailed'), mapRules(dark, 'detailed'));
  });
});
