import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAP_SCALES } from '../../bench/vscode/mapScale';
import { writeLargeCourse } from '../../bench/corpus/mapCourse';
import { CourseIndex } from '../../src/core/index/courseIndex';

/**
 * The bench's concept-map courses (issue 16 item 6) index to exactly the concepts they write: the bench waits
 * for the status bar to count them all, and a course whose terms the index dropped made it wait in vain.
 */
describe('concept map bench courses', function () {
  this.timeout(120_000);
  for (const shape of MAP_SCALES) {
    it(`gives the index all ${shape.concepts} concepts, each linked to ${shape.mentions} others`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'map-course-'));
      try {
        writeLargeCourse(dir, shape);
        const index = new CourseIndex();
        for (const name of readdirSync(dir)) index.setNote(`file:///course/${encodeURIComponent(name)}`, readFileSync(join(dir, name), 'utf8'));
        assert.equal(index.concepts().length, shape.concepts);
        const graph = index.graph();
        assert.equal(graph.nodes.length, shape.concepts);
        assert.ok(graph.edges.length >= shape.concepts * (shape.mentions - 1), `${graph.edges.length} links`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
