import { strict as assert } from 'node:assert';
import cytoscape from 'cytoscape';
import { setClasses } from '../../src/webview/classes';

/** A headless map of `n` nodes and the number of elements cytoscape restyles and notifies of a class change. */
function mapOf(n: number): { cy: cytoscape.Core; classChanges: () => number } {
  const cy = cytoscape({ headless: true, styleEnabled: true, elements: Array.from({ length: n }, (_, i) => ({ data: { id: `n${i}` } })) });
  let changes = 0;
  cy.on('class', () => void changes++);
  return { cy, classChanges: () => changes };
}

describe('concept map classes', () => {
  it('restyles only the nodes whose class changes, where toggleClass restyles every node it is given', () => {
    const { cy, classChanges } = mapOf(500);
    cy.nodes().slice(0, 3).addClass('hidden');
    const before = classChanges();
    setClasses(cy.nodes(), 'hidden', false);
    assert.equal(classChanges() - before, 3, 'only the three hidden nodes change');
    assert.equal(cy.nodes('.hidden').length, 0);
    // Nothing changes the second time, so nothing is restyled.
    setClasses(cy.nodes(), 'hidden', false);
    assert.equal(classChanges() - before, 3);
    // cytoscape's own toggle with nothing to change still notifies (and restyles) all 500: the cost avoided.
    cy.nodes().toggleClass('hidden', false);
    assert.equal(classChanges() - before, 503);
  });

  it('adds and removes several classes at once, touching a node when any of them differs', () => {
    const { cy, classChanges } = mapOf(4);
    cy.getElementById('n0').addClass('labelled below');
    cy.getElementById('n1').addClass('labelled');
    const before = classChanges();
    setClasses(cy.nodes(), 'labelled below', true);
    assert.equal(classChanges() - before, 3, 'n1 lacks "below", n2 and n3 lack both');
    assert.equal(cy.nodes('.labelled.below').length, 4);
    setClasses(cy.getElementById('n2'), 'labelled below', false);
    assert.deepEqual(cy.nodes('.labelled').map((node) => node.id()), ['n0', 'n1', 'n3']);
    assert.equal(classChanges() - before, 4);
  });
});
