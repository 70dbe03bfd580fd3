import type cytoscape from 'cytoscape';
import type { FcoseLayoutOptions } from 'cytoscape-fcose';

function sameCluster(edge: cytoscape.EdgeSingular): boolean {
  return edge.source().data('cluster') === edge.target().data('cluster');
}

/**
 * fCoSE for a detailed map, on the page's thread (well under 100 ms for a course): all nodes on a first
 * layout, else only the `movable` ones around the rest, which a fixed-node constraint keeps in place.
 */
export function runFcose(cy: cytoscape.Core, movable: ReadonlySet<string>, first: boolean): void {
  const fixed = first
    ? []
    : cy
        .nodes()
        .filter((node) => !node.isParent() && !movable.has(node.id()))
        .nodes()
        .map((node) => ({ nodeId: node.id(), position: { ...node.position() } }));
  const options: FcoseLayoutOptions = {
    name: 'fcose',
    quality: 'proof',
    // Start from the unit discs of `clusterDiscs`: compact, and the same picture every time.
    randomize: false,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    packComponents: false,
    nodeRepulsion: 4_500,
    // Links inside a unit are short and stiff, links between units long and slack, so units stay
    // apart as groups; stronger gravity keeps units with few links between them from drifting off.
    idealEdgeLength: (edge: cytoscape.EdgeSingular) => (sameCluster(edge) ? 50 : 150),
    edgeElasticity: (edge: cytoscape.EdgeSingular) => (sameCluster(edge) ? 0.45 : 0.02),
    gravity: 3,
    gravityRange: 3,
    tile: true,
    tilingPaddingVertical: 8,
    tilingPaddingHorizontal: 8,
    ...(fixed.length > 0 ? { fixedNodeConstraint: fixed } : {}),
  };
  cy.layout(options).run();
}
