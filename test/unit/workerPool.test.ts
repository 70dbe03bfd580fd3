import { strict as assert } from 'node:assert';
import { type AnalysisRequest, answerRequest, WORKER_READY } from '../../src/core/notes/analysisMessages';
import { type AnalysisWorker, type StartWorker, type WorkerEvents, WorkerPool } from '../../src/core/notes/workerPool';

/** A worker on this thread that answers as a real one would, a turn later, after saying it is ready (unless `silent`). */
function fakeWorkers(behaviour: { readonly silent?: boolean } = {}): { start: StartWorker; started: number; terminated: number } {
  const counts = { started: 0, terminated: 0 };
  const start = (events: WorkerEvents): AnalysisWorker => {
    counts.started++;
    if (!behaviour.silent) setTimeout(() => events.message(WORKER_READY), 0);
    return {
      post: (request: AnalysisRequest) => void (behaviour.silent || setTimeout(() => events.message(answerRequest(request)), 0)),
      terminate: () => {
        counts.terminated++;
        return Promise.resolve();
      },
    };
  };
  return Object.assign(counts, { start });
}

/** The message a promise rejects with, or `resolved`. */
function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

describe('a pool of analysis workers, whatever starts them', () => {
  it('answers through workers that say they are ready, in order', async () => {
    const workers = fakeWorkers();
    const pool = new WorkerPool(workers.start, 2);
    const texts = ['# A\n\n* **Alpha**: first.\n', `# B\n\n${'* **Beta**: a long note.\n'.repeat(12_000)}`, '# C\n'];
    const delivered: [number, string][] = [];
    await pool.analyse(texts, (i, packed) => delivered.push([i, packed]));
    assert.deepEqual(delivered, texts.map((text, i) => [i, answerRequest({ id: 0, texts: [text] }).analyses[0]]));
    assert.equal(workers.started, 2);
    await pool.dispose();
  });

  it('breaks, rejecting what waits, when a worker never says it is ready (a browser Worker reports no exit, and a stand-in may report no error)', async () => {
    const workers = fakeWorkers({ silent: true });
    const pool = new WorkerPool(workers.start, 1, { readyMs: 50 });
    assert.match(await outcome(pool.analyse(['# A\n'], () => undefined)), /an analysis worker did not start within 0\.05 s/);
    assert.equal(workers.terminated, 1, 'the silent worker is stopped');
    assert.match(await outcome(pool.analyse(['# B\n'], () => undefined)), /did not start/, 'a broken pool keeps rejecting');
  });

  it('breaks when starting a worker throws, rejecting the request that started it', async () => {
    const pool = new WorkerPool(() => {
      throw new Error('refused by the content security policy');
    }, 2);
    assert.match(await outcome(pool.analyse(['# A\n'], () => undefined)), /refused by the content security policy/);
    assert.equal(pool.running, 0);
  });

  it('stops a worker that reports an error while it is being started, and keeps none running', async () => {
    let terminated = 0;
    const pool = new WorkerPool((events) => {
      events.error(new Error('its script could not be loaded'));
      return { post: () => undefined, terminate: () => Promise.resolve(terminated++) };
    }, 2);
    assert.match(await outcome(pool.analyse(['# A\n'], () => undefined)), /its script could not be loaded/);
    assert.equal(pool.running, 0, 'no worker is left on a broken pool');
    assert.equal(terminated, 1);
  });
});
