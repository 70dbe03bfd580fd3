import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_KINDS, generateBenchCorpus } from '../../bench/corpus/corpora';
import { cacheEntryTexts, cacheJson } from '../../src/core/index/analysisCache';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { AnalysisPool } from '../../src/node/analysisPool';
import { OBSIDIAN_PAGES } from './helpers/obsidianShapes';
import { FOAM_VAULT, sampleNotes } from './helpers/sampleCourse';
import { threadsByNice } from './helpers/threads';
import { REPO_ROOT } from './helpers/sourceFiles';

/** The worker as built by `node esbuild.mjs`, which every test command runs first. */
const WORKER = join(REPO_ROOT, 'dist', 'analysisWorker.js');
const SAMPLE_VAULT = join(REPO_ROOT, 'samples', 'alignment-vault');
/** Pages in the shapes other people's vaults use (Obsidian callouts, Dataview fields, Foam and Dendron front matter). */
const OTHER_SHAPES = OBSIDIAN_PAGES.map((text, i): [string, string] => [`file:///other/page-${i}.md`, text]);

/** Notes a worker must analyse exactly as this thread does, problems included. */
const HOSTILE: [string, string][] = [
  ['file:///h/binary.md', 'PK\u0000\u0003 not a note'],
  ['file:///h/deep.md', `${'> '.repeat(150)}* **Deep**: too deep to parse.`],
  ['file:///h/long.md', `# Long\n\n${'* **Long term**: a definition that repeats.\n'.repeat(7_000)}`],
  ['file:///h/bom.md', '\uFEFF# Title\n\n* **Bom**: after a byte-order mark.\n'],
  ['file:///h/crlf.md', '# A\r\n\r\n* **Crlf** (carriage): lines\r\nend\rdifferently.\r\n'],
];

/** Resolves once `check` holds, polling; mocha's time-out ends a hang. */
async function eventually(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Everything the index answers that an analysis feeds. */
function answers(index: CourseIndex): unknown {
  const notes = index.notes();
  return {
    notes,
    concepts: index.concepts(),
    graph: index.graph(),
    perNote: notes.map((note) => ({
      headings: index.headingsOf(note),
      citations: index.citationsIn(note),
      links: index.wikiLinksIn(note),
      occurrences: index.occurrencesIn(note),
      diagnostics: index.diagnostics(note),
    })),
  };
}

/** An index of `notes` analysed on this thread, and one analysed by `pool`. */
async function bothWays(notes: readonly [string, string][], pool: AnalysisPool): Promise<{ here: CourseIndex; there: CourseIndex; delivered: number[] }> {
  const here = new CourseIndex();
  const there = new CourseIndex();
  for (const [note, text] of notes) here.setNote(note, text);
  const delivered: number[] = [];
  await pool.analyse(
    notes.map(([, text]) => text),
    (i, packed) => {
      delivered.push(i);
      const [note, text] = notes[i] ?? ['', ''];
      there.setPackedNote(note, text, packed);
    },
  );
  return { here, there, delivered };
}

describe('analysing notes on worker threads', function () {
  this.timeout(600_000);
  let pool: AnalysisPool;
  beforeEach(() => (pool = new AnalysisPool(WORKER, 2)));
  afterEach(() => pool.dispose());

  it('gives the index exactly what analysing on its own thread gives, on both samples, a Foam vault, pages shaped as other vaults write them, and hostile notes', async () => {
    const notes = [...sampleNotes(), ...sampleNotes(SAMPLE_VAULT), ...sampleNotes(FOAM_VAULT), ...OTHER_SHAPES, ...HOSTILE];
    const { here, there, delivered } = await bothWays(notes, pool);
    assert.deepEqual(delivered, notes.map((_, i) => i));
    assert.ok(here.concepts().length > 50, `${here.concepts().length} concepts`);
    const problems = (note: string): string[] => there.diagnostics(note).map((d) => d.code).filter((code) => code.startsWith('note-'));
    assert.deepEqual(['binary', 'deep', 'long'].map((name) => problems(`file:///h/${name}.md`)), [['note-binary'], ['note-too-deeply-nested'], ['note-too-large']]);
    assert.deepEqual(answers(there), answers(here));
  });

  for (const kind of CORPUS_KINDS) {
    it(`gives the index exactly what analysing on its own thread gives, on 300 notes of the bench's ${kind} corpus, in their order`, async () => {
      const notes = generateBenchCorpus(kind, 300, 42).files.map((file): [string, string] => [`file:///corpus/${encodeURI(file.path)}`, file.text]);
      const { here, there, delivered } = await bothWays(notes, pool);
      assert.deepEqual(delivered, notes.map((_, i) => i));
      assert.deepEqual(answers(there), answers(here));
    });
  }

  it('keeps the analysis text a worker sent for the cache: the next save writes it as it came, packing nothing again', async () => {
    const notes = sampleNotes().slice(0, 4);
    const index = new CourseIndex();
    // The same JSON value written another way (a space after its first bracket), which packing again would not write.
    const kept: string[] = [];
    await pool.analyse(
      notes.map(([, text]) => text),
      (i, json) => {
        const [note, text] = notes[i] ?? ['', ''];
        kept.push(`[ ${json.slice(1)}`);
        index.setPackedNote(note, text, kept.at(-1) ?? '');
      },
    );
    const lines = [...index.cacheLines()];
    assert.equal(lines.length, notes.length);
    for (const json of kept) assert.ok(lines.some((line) => line.endsWith(`"analysis":${json}}`)), `${json.slice(0, 60)}… written anew`);
    // What it keeps is the analysis the index holds: a warm start from those lines answers as the index does.
    const warm = new CourseIndex();
    assert.ok(warm.importCacheLines(lines));
    for (const [note, text] of notes) warm.setNote(note, text);
    assert.deepEqual(answers(warm), answers(index));
  });

  it('delivers in order when a later batch is done first', async () => {
    // The first batch is one large note; the second, a small one, is done long before it on the other worker.
    const large = `# Large\n\n${'* **Term** [[Unit 1]](https://github.com/o/c/blob/main/Unit%201.md#a): text with *emphasis* and `code`.\n'.repeat(4_000)}`;
    const order: number[] = [];
    await pool.analyse([large, '* **Small**: note.'], (i) => order.push(i));
    assert.deepEqual(order, [0, 1]);
  });

  it('analyses an urgent note (an edit, an opened note) before the queued notes of a full index', async () => {
    const one = new AnalysisPool(WORKER, 1);
    try {
      // Ten batches of a full index, queued behind the two the worker holds.
      const index = Array.from({ length: 10 }, (_, i) => `# Note ${i}\n\n${'* **Term**: a line of a long note.\n'.repeat(8_000)}`);
      let delivered = 0;
      const full = one.analyse(index, () => delivered++);
      let deliveredBeforeUrgent = -1;
      await one.analyse(['* **Edited**: now.'], () => (deliveredBeforeUrgent = delivered), 'now');
      await full;
      assert.equal(delivered, 10);
      assert.ok(deliveredBeforeUrgent >= 0 && deliveredBeforeUrgent <= 2, `${deliveredBeforeUrgent} of the index's notes were delivered before the urgent one`);
    } finally {
      await one.dispose();
    }
  });

  it('never hands a worker a text overtaken while it waited (an edit typed over), and resolves at once without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-pool-'));
    try {
      const seen = join(dir, 'seen.txt');
      const slow = join(dir, 'slow.js');
      // Writes down the first letter of each text it is given, then takes 300 ms over each request.
      writeFileSync(
        slow,
        `const { parentPort } = require('node:worker_threads'); const { appendFileSync } = require('node:fs');
         parentPort.on('message', ({ id, texts }) => {
           appendFileSync(${JSON.stringify(seen)}, texts.map((text) => text[0]).join(''));
           const until = Date.now() + 300; while (Date.now() < until);
           parentPort.postMessage({ id, analyses: texts.map(() => '[[], [], [], null, null, [], []]') });
         });`,
      );
      const one = new AnalysisPool(slow, 1);
      try {
        // Three batches of a full index: the worker holds two, the third waits in the queue.
        const delivered: number[] = [];
        const full = one.analyse(['a'.repeat(300_000), 'b'.repeat(300_000), 'c'.repeat(300_000)], (i) => delivered.push(i));
        const editing = new AbortController();
        const edits: number[] = [];
        // An urgent edit goes before the third batch, behind the two the worker holds; a newer edit overtakes it.
        const overtaken = one.analyse(['x: the edit as it was'], (i) => edits.push(i), 'now', editing.signal);
        editing.abort();
        await overtaken;
        assert.equal(edits.length, 0, 'an overtaken edit was delivered');
        const newer = one.analyse(['y: the edit as it is'], (i) => edits.push(i), 'now', new AbortController().signal);
        await Promise.all([full, newer]);
        assert.deepEqual([delivered, edits], [[0, 1, 2], [0]]);
        assert.equal(readFileSync(seen, 'utf8'), 'abyc', 'the texts the worker was given, in order');
      } finally {
        await one.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs a background pool's workers (the extension host's) at the lowest priority on Linux and never lowers this thread; a CLI pool's at the caller's", async () => {
    const caller = getPriority();
    /** New threads at `nice` since `before`; where threads are not listed, no system but Linux's. */
    const added = (before: Map<number, number> | undefined, nice: number): number | undefined => {
      const now = threadsByNice();
      if (!before || !now) {
        assert.notEqual(process.platform, 'linux', 'Linux lists the threads of a process');
        return undefined;
      }
      return (now.get(nice) ?? 0) - (before.get(nice) ?? 0);
    };
    let before = threadsByNice();
    const background = new AnalysisPool(WORKER, 2, { background: true });
    try {
      await background.analyse(['* **First**: one.', '* **Second**: two.'], () => undefined);
      assert.equal(background.running, 2);
      assert.equal(getPriority(), caller, "this thread as it was: elsewhere than Linux a priority is the whole process's");
      // A worker that got no text may still be starting: each lowers its own priority as it starts.
      const deadline = Date.now() + 10_000;
      while ((added(before, 19) ?? 2) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const lowest = added(before, 19);
      if (lowest !== undefined) assert.ok(lowest >= 2, `${lowest} new threads at the lowest priority: both workers`);
    } finally {
      await background.dispose();
    }
    before = threadsByNice();
    await pool.analyse(['* **Third**: three.'], () => undefined);
    assert.equal(pool.running, 2);
    const atCallers = added(before, caller);
    if (atCallers !== undefined) assert.ok(atCallers >= 2, `${atCallers} new threads at the caller's priority: both workers`);
    if (caller !== 19) assert.equal(added(before, 19) ?? 0, 0, "none of the CLI's workers at the lowest priority");
  });

  it('stops its workers when idle, giving their memory back, and starts them again for the next request', async () => {
    const idle = new AnalysisPool(WORKER, 2, { idleMs: 50 });
    try {
      assert.equal(idle.running, 0);
      await idle.analyse(['* **First**: one.'], () => undefined);
      assert.equal(idle.running, 2);
      await eventually(() => idle.running === 0);
      const again: number[] = [];
      await idle.analyse(['* **Second**: two.'], (i) => again.push(i));
      assert.deepEqual([again, idle.running], [[0], 2]);
    } finally {
      await idle.dispose();
    }
  });

  it('rejects, and keeps rejecting, when a worker dies; the notes delivered before stay delivered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-pool-'));
    try {
      const dying = join(dir, 'dying.js');
      // Answers its first request like the real worker would (empty analyses), then exits on the second.
      writeFileSync(
        dying,
        `const { parentPort } = require('node:worker_threads'); let n = 0;
         parentPort.on('message', ({ id, texts }) => { if (n++ > 0) process.exit(3); parentPort.postMessage({ id, analyses: texts.map(() => '[[], [], [], null, null, [], []]') }); });`,
      );
      const broken = new AnalysisPool(dying, 1);
      const texts = ['a'.repeat(300_000), 'b'.repeat(300_000), 'c'.repeat(300_000)];
      const got: number[] = [];
      await assert.rejects(
        broken.analyse(texts, (i) => got.push(i)),
        /stopped \(exit code 3\)/,
      );
      assert.deepEqual(got, [0]);
      await assert.rejects(broken.analyse(['d'], () => undefined), /stopped/);
      await broken.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects the requests still pending when it is disposed, so no caller waits forever', async () => {
    const one = new AnalysisPool(WORKER, 1);
    const pending = one.analyse(Array.from({ length: 6 }, () => '* **Term**: a line.\n'.repeat(20_000)), () => undefined);
    const rejected = assert.rejects(pending, /disposed/);
    await one.dispose();
    await rejected;
  });

  it('rejects a worker that answers with something other than analyses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alignment-notes-pool-'));
    try {
      const wrong = join(dir, 'wrong.js');
      writeFileSync(wrong, `require('node:worker_threads').parentPort.on('message', ({ id }) => require('node:worker_threads').parentPort.postMessage({ id, analyses: [] }));`);
      const broken = new AnalysisPool(wrong, 1);
      await assert.rejects(broken.analyse(['* **A**: b.'], () => undefined), /wrong request/);
      await broken.dispose();
      // A worker of an older build, answering with packed arrays rather than their JSON text.
      const older = join(dir, 'older.js');
      writeFileSync(older, `require('node:worker_threads').parentPort.on('message', ({ id, texts }) => require('node:worker_threads').parentPort.postMessage({ id, analyses: texts.map(() => [[], [], [], null, null, [], []]) }));`);
      const stale = new AnalysisPool(older, 1);
      await assert.rejects(stale.analyse(['* **A**: b.'], () => undefined), /malformed message/);
      await stale.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads an analysis text that is not one bracketed line, but packs it again for the cache, which stays readable', async () => {
    const notes = sampleNotes().slice(0, 3);
    const index = new CourseIndex();
    const odd = [(json: string) => `[\n${json.slice(1)}`, (json: string) => ` ${json}`, (json: string) => `${json}\t`];
    await pool.analyse(
      notes.map(([, text]) => text),
      (i, json) => {
        const [note, text] = notes[i] ?? ['', ''];
        index.setPackedNote(note, text, odd[i]?.(json) ?? json);
      },
    );
    const lines = [...index.cacheLines()];
    assert.ok(lines.every((line) => !line.includes('\n') && line.endsWith(']}') && line.includes('"analysis":[')), 'each entry one line, as packed anew');
    const file = new TextEncoder().encode(cacheJson(lines));
    const read = cacheEntryTexts(file);
    assert.ok(read);
    const warm = new CourseIndex();
    assert.ok(warm.importCacheLines([...read].map((line) => line ?? '')), 'the next start takes the whole cache');
    for (const [note, text] of notes) warm.setNote(note, text);
    assert.deepEqual(answers(warm), answers(index));
  });

  it('stores a note analysed here when a packed analysis is malformed, or not JSON at all', () => {
    const text = '* **Mesa-optimiser**: a learned optimiser.';
    for (const malformed of ['["not", "an", "analysis"]', '[[], [', '']) {
      const index = new CourseIndex();
      index.setPackedNote('file:///n.md', text, malformed);
      assert.deepEqual(index.concepts().map((c) => c.term), ['Mesa-optimiser'], malformed);
    }
  });
});
