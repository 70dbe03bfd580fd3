import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { analyseNote } from '../../src/core/notes/analyseNote';
import { analyseNoteWithinLimits } from '../../src/core/notes/limits';
import { AnalysisPool } from '../../src/node/analysisPool';
import { sampleNotes } from './helpers/sampleCourse';

const WORKER = join(__dirname, '..', '..', '..', 'dist', 'analysisWorker.js');

describe('AnalysisPool', () => {
  it('analyses notes on worker threads exactly as on the main thread, in order', async () => {
    const texts = sampleNotes().flatMap(([, text]) => [text, `${text}\n* **Extra term**: added.`]);
    const pool = AnalysisPool.create(WORKER, 2);
    assert.ok(pool, 'worker threads exist in Node');
    try {
      assert.deepEqual(await pool.analyse(texts), texts.map((text) => analyseNote(text)));
    } finally {
      await pool.dispose();
    }
  });

  it('applies the index limits on worker threads too: hostile notes come back as problems, not as a crashed worker', async function () {
    this.timeout(60_000);
    const texts = [
      `* **Binary**: x${'\u0000'}`,
      `${'>'.repeat(10_000)} * **Deep**: x`,
      `* **Long**: x\n\n${'word '.repeat(100_000)}\n* **After**: y`,
      '\ufeff# Heading\n\n* **Term**: x',
    ];
    const pool = AnalysisPool.create(WORKER, 2);
    assert.ok(pool);
    try {
      const analyses = await pool.analyse(texts);
      assert.deepEqual(analyses, texts.map((text) => analyseNoteWithinLimits(text)));
      assert.deepEqual(analyses.map((analysis) => analysis.problem?.code), ['note-binary', 'note-too-deeply-nested', 'note-too-large', undefined]);
    } finally {
      await pool.dispose();
    }
  });

  it('rejects pending work when disposed, and reports a worker that cannot start', async () => {
    const broken = AnalysisPool.create(join(__dirname, 'no-such-worker.js'), 1);
    assert.ok(broken);
    await assert.rejects(broken.analyse(['# x']));
    await broken.dispose();
  });
});
