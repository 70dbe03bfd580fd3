import { strict as assert } from 'node:assert';
import { isFromWebviewMessage, isToWebviewMessage, readConceptMapState } from '../../src/shared/protocol';

describe('webview protocol', () => {
  it('accepts the messages the webview sends', () => {
    assert.ok(isFromWebviewMessage({ type: 'ready' }));
    assert.ok(isFromWebviewMessage({ type: 'openConcept', id: 'inner misalignment' }));
    assert.ok(isFromWebviewMessage({ type: 'rendered', nodeCount: 41 }));
  });

  it('rejects malformed or unknown messages from the webview', () => {
    for (const message of [
      null,
      'ready',
      [],
      { type: 'runCommand', command: 'workbench.action.quit' },
      { type: 'openConcept' },
      { type: 'openConcept', id: '' },
      { type: 'openConcept', id: 'x'.repeat(10_000) },
      { type: 'rendered', nodeCount: -1 },
      { type: 'rendered', nodeCount: 1.5 },
    ]) {
      assert.equal(isFromWebviewMessage(message), false, JSON.stringify(message)?.slice(0, 80));
    }
  });

  it('checks every node of a graph message', () => {
    const node = { id: 'saint', label: 'Saint', summary: 'does what we hoped' };
    assert.ok(isToWebviewMessage({ type: 'graph', nodes: [node] }));
    assert.equal(isToWebviewMessage({ type: 'graph', nodes: [node, { id: 'x', label: 3, summary: '' }] }), false);
  });

  it('falls back to an empty query for missing or malformed saved state', () => {
    assert.deepEqual(readConceptMapState(undefined), { query: '' });
    assert.deepEqual(readConceptMapState({ query: 7 }), { query: '' });
    assert.deepEqual(readConceptMapState({ query: 'schem' }), { query: 'schem' });
  });
});
