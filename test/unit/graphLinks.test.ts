import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFolder } from '../../src/cli/readNotes';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { ROOT, vault } from './helpers/vaultIndex';
import { SAMPLE_COURSE, SAMPLE_VAULT } from './helpers/sampleCourse';

describe('Link edges in the graph data', () => {
  const index = vault({
    'concepts/goal-drift.md': '---\ntype: concept\n---\n# Goal Drift\n\nThe goal changes over a long episode. See [[findings/drift]].\n',
    'findings/drift.md': '# Drift in long tasks\n\nAgents drift; compare [[goal-drift]], [[drift]] (itself) and [[missing-page]].\n',
    'index.md': '# Map\n\n- [Drift](findings/drift.md)\n- [[concepts/goal-drift|Goal drift]]\n- [[Unit 1]](https://github.com/o/r/blob/main/Unit%201.md)\n',
    'Unit 1.md': '# Unit 1\n',
  });
  const graph = index.graph();
  const id = (node: string): string => graph.nodes.find((n) => n.id === node || n.id === `page:${ROOT}${node}`)?.id ?? `none:${node}`;
  const links = graph.edges.filter((edge) => edge.kind === 'links').map((edge) => `${edge.source.replace(`page:${ROOT}`, '')} -> ${edge.target.replace(`page:${ROOT}`, '')}`);

  it('joins pages that link, a concept page as its concept node, once per pair and never to itself', () => {
    const goalDrift = index.pageConcept(`${ROOT}concepts/goal-drift.md`)?.id ?? 'no concept';
    assert.deepEqual(links.sort(), [`findings/drift.md -> ${goalDrift}`, `${goalDrift} -> findings/drift.md`, `index.md -> ${goalDrift}`, 'index.md -> findings/drift.md'].sort());
  });

  it('gives page nodes their title and folder, and leaves course URLs to the citation edges', () => {
    const drift = graph.nodes.find((node) => node.id === id('findings/drift.md'));
    assert.deepEqual(drift && { kind: drift.kind, label: drift.label, cluster: drift.cluster, degree: drift.degree }, { kind: 'page', label: 'Drift in long tasks', cluster: 'findings', degree: 3 });
    assert.equal(graph.nodes.some((node) => node.id === `page:${ROOT}Unit 1.md`), false, 'a course URL is no page link');
  });

  /** A sample folder indexed as the CLI does. */
  const indexFolder = (folder: string): CourseIndex => {
    const found = new CourseIndex();
    found.setRoots([pathToFileURL(folder).href]);
    for (const { uri, text } of readFolder(folder).notes) if (text !== undefined) found.setNote(uri, text);
    return found;
  };

  it('draws the sample vault with link edges between its pages, and the sample course without any', () => {
    const sample = indexFolder(SAMPLE_VAULT);
    const vaultGraph = sample.graph();
    const vaultLinks = vaultGraph.edges.filter((edge) => edge.kind === 'links');
    assert.ok(vaultLinks.length > 40, `${vaultLinks.length} link edges`);
    const reward = sample.pageConcept(pathToFileURL(join(SAMPLE_VAULT, 'concepts/reward-hacking.md')).href)?.id;
    assert.ok(vaultLinks.some((edge) => edge.source === reward && edge.target === sample.pageConcept(pathToFileURL(join(SAMPLE_VAULT, 'concepts/goal-misgeneralisation.md')).href)?.id));
    assert.equal(indexFolder(SAMPLE_COURSE).graph().edges.filter((edge) => edge.kind === 'links').length, 0);
  });
});
