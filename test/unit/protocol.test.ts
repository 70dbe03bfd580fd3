import { strict as assert } from 'node:assert';
import {
  type ConceptMapState,
  isFromWebviewMessage,
  isPngDataUrl,
  isSafeSvg,
  LIMITS,
  type MapGraph,
  readConceptMapState,
  readToWebviewMessage,
  toWire,
} from '../../src/shared/protocol';
import { sceneToSvg } from '../../src/webview/svgExport';

const saint = { id: 'saint', kind: 'concept', label: 'Saint', cluster: 'unit:u1', clusterLabel: 'Unit 1', degree: 1 };
const schemer = { id: 'schemer', kind: 'concept', label: 'Schemer', cluster: 'unit:u1', clusterLabel: 'Unit 1', degree: 1 };
const graph: MapGraph = { nodes: [saint, schemer] as MapGraph['nodes'], edges: [{ source: 'saint', target: 'schemer', kind: 'mentions' }] };
const PNG = `data:image/png;base64,${btoa('\x89PNG\r\n\x1a\nrest')}`;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>Concept map</title><circle cx="1" cy="1" r="1"/><text x="1" y="2">&#60;img src=x onerror=alert(1)&#62;</text></svg>';

describe('webview protocol', () => {
  it('accepts every message the webview sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'openNode', id: 'inner misalignment' },
      { type: 'search', query: 'schem' },
      { type: 'rendered', concepts: 51, units: 23, edges: 77, firstPictureMs: 120.5, completeMs: 400 },
      { type: 'export', format: 'png', data: PNG },
      { type: 'export', format: 'svg', data: SVG },
    ]) {
      assert.ok(isFromWebviewMessage(message), JSON.stringify(message));
    }
  });

  it('rejects malformed or unknown messages from the webview', () => {
    for (const message of [
      null,
      'ready',
      [],
      { type: 'runCommand', command: 'workbench.action.quit' },
      { type: 'openNode' },
      { type: 'openNode', id: '' },
      { type: 'openNode', id: 'x'.repeat(LIMITS.id + 1) },
      { type: 'search', query: 'x'.repeat(LIMITS.query + 1) },
      { type: 'rendered', concepts: -1, units: 0, edges: 0, firstPictureMs: 1, completeMs: 1 },
      { type: 'rendered', concepts: 1.5, units: 0, edges: 0, firstPictureMs: 1, completeMs: 1 },
      { type: 'rendered', concepts: 1, units: 0, edges: 0, firstPictureMs: Number.NaN, completeMs: 1 },
      { type: 'export', format: 'gif', data: PNG },
      { type: 'export', format: 'png', data: SVG },
      { type: 'export', format: 'svg', data: PNG },
    ]) {
      assert.equal(isFromWebviewMessage(message), false, JSON.stringify(message)?.slice(0, 80));
    }
  });

  it('accepts a PNG only as a base64 data URL within the size limit', () => {
    assert.ok(isPngDataUrl(PNG));
    assert.equal(isPngDataUrl('data:image/svg+xml;base64,PHN2Zz4='), false);
    assert.equal(isPngDataUrl('data:image/png;base64,<script>'), false);
    assert.equal(isPngDataUrl('data:image/png;base64,abc'), false, 'base64 comes in groups of 4');
    assert.equal(isPngDataUrl(`data:image/png;base64,${'A'.repeat(LIMITS.exportBytes)}`), false);
  });

  it('accepts an SVG drawing only when it holds nothing that could run or load', () => {
    assert.ok(isSafeSvg(SVG));
    for (const svg of [
      SVG.replace('<title>', '<script>alert(1)</script><title>'),
      SVG.replace('<circle', '<circle onload="alert(1)"'),
      SVG.replace('<circle cx="1" cy="1" r="1"/>', '<a href="javascript:alert(1)"><circle r="1"/></a>'),
      SVG.replace('<circle cx="1" cy="1" r="1"/>', '<foreignObject><img src=x onerror=alert(1)></foreignObject>'),
      SVG.replace('<circle cx="1" cy="1" r="1"/>', '<image xlink:href="https://example.com/x.png"/>'),
      SVG.replace('<circle cx="1" cy="1" r="1"/>', '<!-- a comment -->'),
      `<?xml version="1.0"?>${SVG}`,
      SVG.slice(0, -'</svg>'.length),
    ]) {
      assert.equal(isSafeSvg(svg), false, svg);
    }
  });

  it('accepts the drawings the exporter writes, whatever the labels say', () => {
    const svg = sceneToSvg({
      width: 200,
      height: 100,
      background: '#1e1e1e',
      foreground: '#cccccc',
      muted: '#9d9d9d',
      fontFamily: '"Segoe WPC", sans-serif',
      groups: [{ x: 0, y: 10, width: 100, height: 80, label: '<script>alert(1)</script>', color: '#3794ff' }],
      edges: [{ x1: 10, y1: 10, x2: 50, y2: 50, kind: 'cites' }],
      nodes: [{ x: 10, y: 10, size: 12, color: '#3794ff', label: '<img src=x onerror=alert(1)>', unit: false, labelled: true, fontSize: 11 }],
    });
    assert.ok(isSafeSvg(svg), svg);
    assert.match(svg, /&#60;img src=x onerror=alert\(1\)&#62;<\/text>/);
    assert.ok(!svg.includes('<img') && !svg.includes('<script'));
  });

  it('sends a graph packed and reads back the same graph, in less than half the JSON', () => {
    const units = ['Unit 1: Losing control to AI', 'Unit 2: Goals and values', 'Unit 3: Oversight'];
    const nodes: MapGraph['nodes'] = Array.from({ length: 60 }, (_, i) => ({
      id: `concept ${i}`,
      kind: i % 20 === 0 ? 'unit' : 'concept',
      label: `Concept ${i}`,
      cluster: `note:file:///home/student/course/${encodeURIComponent(units[i % 3] ?? '')}.md`,
      clusterLabel: units[i % 3] ?? '',
      degree: 2,
    }));
    const kinds = ['mentions', 'parent', 'cites', 'links'] as const;
    const edges: MapGraph['edges'] = nodes.slice(1).map((node, i) => ({ source: node.id, target: nodes[i]?.id ?? '', kind: kinds[i % 4] ?? 'mentions' }));
    const big: MapGraph = { nodes, edges };
    const wire = toWire({ type: 'graph', graph: big });
    assert.deepEqual(readToWebviewMessage(JSON.parse(JSON.stringify(wire))), { type: 'graph', graph: big });
    // One JSON text, which the frames copy at once, however many nodes and links it holds; VS Code carries the
    // message as JSON, so that text's quotes are escaped once more on the way.
    assert.equal(typeof (wire.type === 'graph' ? wire.graph : undefined), 'string');
    const carried = JSON.stringify(wire).length;
    assert.ok(carried < JSON.stringify(big).length / 2, `${carried} of ${JSON.stringify(big).length}`);
    assert.deepEqual(readToWebviewMessage(toWire({ type: 'graph', graph })), { type: 'graph', graph });
  });

  it('refuses a graph message with any malformed node, group or link', () => {
    const wire = toWire({ type: 'graph', graph });
    assert.equal(wire.type, 'graph');
    const good = JSON.parse(wire.type === 'graph' ? wire.graph : '{}') as { groups: unknown[]; nodes: unknown[][]; edges: unknown[] };
    const [first, second] = good.nodes;
    for (const bad of [
      { ...good, nodes: [first, [...(second ?? []).slice(0, 2), 3, ...(second ?? []).slice(3)]] },
      { ...good, nodes: [first, ['schemer', 'heading', 'Schemer', 0, 1]] },
      { ...good, nodes: [first, ['schemer', 'concept', 'Schemer', 0, -1]] },
      { ...good, nodes: [first, ['schemer', 'concept', 'Schemer', 1, 1]] },
      { ...good, nodes: [first, ['', 'concept', 'Schemer', 0, 1]] },
      { ...good, nodes: [first, ['schemer', 'concept', 'Schemer', 0]] },
      { ...good, nodes: [first, ['schemer', 'concept', 'Schemer', 0, 1, 'a summary, which comes apart']] },
      { ...good, nodes: [first, first] },
      { ...good, groups: [['unit:u1']] },
      { ...good, groups: [['unit:u1', 7]] },
      { ...good, edges: [0, 2, 0] },
      { ...good, edges: [0, 1, 4] },
      { ...good, edges: [0, 1, 0.5] },
      { ...good, edges: [0, 0, 0] },
      { ...good, edges: [0, 1] },
      { ...good, edges: ['0', 1, 0] },
      { groups: good.groups, nodes: good.nodes },
    ]) {
      assert.equal(readToWebviewMessage({ type: 'graph', graph: JSON.stringify(bad) }), undefined, JSON.stringify(bad));
    }
  });

  it('reads a graph only from its JSON text, within the limit: not the packed object itself, nor text that is not JSON', () => {
    const wire = toWire({ type: 'graph', graph });
    const text = wire.type === 'graph' ? wire.graph : '';
    assert.deepEqual(readToWebviewMessage({ type: 'graph', graph: text }), { type: 'graph', graph });
    for (const bad of [JSON.parse(text) as unknown, text.slice(0, -1), `${text}]`, '', 'null', 42, undefined]) {
      assert.equal(readToWebviewMessage({ type: 'graph', graph: bad }), undefined, String(bad).slice(0, 60));
    }
    // Past the limit the text is not parsed at all, however well formed: spaces after it keep it valid JSON.
    const padded = text + ' '.repeat(LIMITS.graphChars + 1 - text.length);
    assert.deepEqual(JSON.parse(padded), JSON.parse(text));
    assert.equal(readToWebviewMessage({ type: 'graph', graph: padded }), undefined);
  });

  it('reads summaries by node id, sent apart from the graph, and refuses malformed ones', () => {
    const summaries = [
      ['saint', 'does what we hoped'],
      ['constructor', 'a concept whose id every object has'],
    ] as const;
    assert.deepEqual(readToWebviewMessage(JSON.parse(JSON.stringify(toWire({ type: 'summaries', summaries })))), { type: 'summaries', summaries });
    assert.deepEqual(readToWebviewMessage({ type: 'summaries', summaries: [] }), { type: 'summaries', summaries: [] });
    for (const bad of [
      undefined,
      'saint',
      [['saint']],
      [['saint', 'text', 'more']],
      [['', 'text']],
      [['saint', 7]],
      [['saint', 'x'.repeat(LIMITS.summary + 1)]],
      Array(LIMITS.nodes + 1).fill(['saint', '']),
    ]) {
      assert.equal(readToWebviewMessage({ type: 'summaries', summaries: bad }), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('reads the word that the graph was sent while the page loaded, with nothing else in it', () => {
    assert.deepEqual(readToWebviewMessage(JSON.parse(JSON.stringify(toWire({ type: 'graphSentEarly' })))), { type: 'graphSentEarly' });
    assert.deepEqual(readToWebviewMessage({ type: 'graphSentEarly', graph: 'not read' }), { type: 'graphSentEarly' });
    assert.equal(readToWebviewMessage({ type: 'graphsentearly' }), undefined);
  });

  it('checks search results and the cursor focus from the extension', () => {
    assert.deepEqual(readToWebviewMessage({ type: 'searchResults', query: 'schem', ids: ['schemer'] }), { type: 'searchResults', query: 'schem', ids: ['schemer'] });
    assert.deepEqual(readToWebviewMessage({ type: 'focus', id: 'schemer' }), { type: 'focus', id: 'schemer' });
    assert.deepEqual(readToWebviewMessage({ type: 'focus' }), { type: 'focus' });
    assert.deepEqual(toWire({ type: 'focus', id: 'schemer' }), { type: 'focus', id: 'schemer' });
    assert.equal(readToWebviewMessage({ type: 'searchResults', query: 'schem', ids: ['schemer', 7] }), undefined);
    assert.equal(readToWebviewMessage({ type: 'searchResults', query: 'schem', ids: Array(LIMITS.searchResults + 1).fill('x') }), undefined);
    assert.equal(readToWebviewMessage({ type: 'focus', id: '' }), undefined);
    assert.equal(readToWebviewMessage({ type: 'run', code: 'alert(1)' }), undefined);
  });

  it('keeps the saved places of nodes whose ids are names every object has', () => {
    // A concept named `Constructor` has the id `constructor`; JSON gives `__proto__` as a key of its own.
    const state = readConceptMapState(JSON.parse('{"positions":{"__proto__":[1,2],"constructor":[3,4],"inner alignment":[5,6]}}'));
    assert.deepEqual(Object.entries(state.positions), [['__proto__', [1, 2]], ['constructor', [3, 4]], ['inner alignment', [5, 6]]]);
    assert.equal(readConceptMapState({ positions: {} }).positions.constructor, undefined, 'no place for a node never placed');
  });

  it('reads saved state, keeping what is well formed and defaulting the rest', () => {
    // Positions come in an object without a prototype (see the test above): compared as a plain one.
    const plain = (state: ConceptMapState): ConceptMapState => ({ ...state, positions: { ...state.positions } });
    assert.deepEqual(plain(readConceptMapState(undefined)), { query: '', depth: 0, mode: 'graph', pathEnds: [], hiddenClusters: [], hiddenEdgeKinds: [], viewport: undefined, positions: {} });
    const state = readConceptMapState({
      query: 'schem',
      depth: 2,
      mode: 'path',
      pathEnds: ['saint', 5, 'schemer', 'third'],
      hiddenClusters: ['Unit 2', 7],
      hiddenEdgeKinds: ['cites', 'likes'],
      viewport: { zoom: 0.5, pan: { x: 10, y: -4 } },
      positions: { saint: [1, 2], schemer: [Number.NaN, 2], odd: 'here' },
    });
    assert.deepEqual(plain(state), {
      query: 'schem',
      depth: 2,
      mode: 'path',
      pathEnds: ['saint', 'schemer'],
      hiddenClusters: ['Unit 2'],
      hiddenEdgeKinds: ['cites'],
      viewport: { zoom: 0.5, pan: { x: 10, y: -4 } },
      positions: { saint: [1, 2] },
    });
    assert.equal(readConceptMapState({ depth: 4 }).depth, 0);
    assert.equal(readConceptMapState({ viewport: { zoom: 0, pan: { x: 0, y: 0 } } }).viewport, undefined);
    assert.equal(readConceptMapState({ query: 7 }).query, '');
    assert.equal(readConceptMapState({ mode: 'everything' }).mode, 'graph');
  });
});
