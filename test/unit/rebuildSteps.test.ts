import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { finish, type Steps } from '../../src/core/util/steps';
import { mapGraphSteps } from '../../src/vscode/conceptMap/mapGraph';
import { countCalls } from './helpers/work';

const ROOT = 'file:///course/';
const COURSE = 'https://github.com/o/course/blob/main/Course/';
const TOPICS = ['Reward modelling', 'Goal misgeneralisation', 'Scalable oversight', 'Interpretability', 'Debate', 'Corrigibility', 'Deceptive alignment'];

/** A unit of the course, whose headings the weeks' citations lead to. */
function unitNote(n: number): string {
  const topics = TOPICS.map((topic) => `## ${topic}\n\nReadings and exercises of unit ${n}.\n`).join('\n');
  return `# Unit ${n}\n\n## What is AI alignment?\n\nThe problem of making a system pursue what its designers meant.\n\n${topics}`;
}

/**
 * A student's week of notes: terms of its own and shared ones (a concept defined in eight notes), an alias, a
 * nested term, a citation of a unit (by course URL and by relative path), a wikilink to the next week and one
 * to a note that is not there, and prose that mentions the terms of other weeks. Every week is alike, so that a
 * course of more weeks is only more of the same work.
 */
function weekNote(n: number, units: number): string {
  const topic = `${TOPICS[n % TOPICS.length] ?? 'Debate'} ${Math.floor(n / (8 * TOPICS.length))}`;
  const unit = (n % units) + 1;
  return [
    `# Week ${n}: ${topic}`,
    '',
    '## Key definitions',
    '',
    `* **Drift ${n}** (D${n}): how run ${n} moved away from its goal ([Unit ${unit}](${COURSE}Unit%20${unit}.md#what-is-ai-alignment)).`,
    `  * **Drift ${n} probe**: a classifier that watches for drift ${n}.`,
    `* **${topic}**: as week ${n} read it ([Unit ${unit}](units/Unit%20${unit}.md#${(TOPICS[n % TOPICS.length] ?? '').toLowerCase().replace(/ /g, '-')})).`,
    `* **Reward hacking ${Math.floor(n / 8)}**: gaming the reward of week ${n}.`,
    '',
    '## Notes',
    '',
    `Drift ${Math.max(0, n - 1)} and D${n + 1} again; ${topic.toLowerCase()} came up, and reward hacking ${Math.floor(n / 8) + 1}.`,
    `See [[week-${n + 1}]], [[Unit ${unit}]], [[missing page ${n % 9}]] and ![[figure-${n % 600}.png]].`,
    '',
  ].join('\n');
}

/** The notes of a course of `weeks` weeks and a unit per ten weeks. */
function course(weeks: number): Map<string, string> {
  const units = Math.max(1, Math.floor(weeks / 10));
  const files = new Map<string, string>();
  for (let n = 1; n <= units; n++) files.set(`${ROOT}units/Unit%20${n}.md`, unitNote(n));
  for (let n = 0; n < weeks; n++) files.set(`${ROOT}week-${n}.md`, weekNote(n, units));
  return files;
}

/** An index that loaded `files` as a full index does, its rebuild still to come. */
function loaded(files: ReadonlyMap<string, string>): CourseIndex {
  const index = new CourseIndex();
  index.setRoots([ROOT]);
  // A vault's figures: enough files that the link resolver, too, is built in several steps.
  index.setFiles(Array.from({ length: 600 }, (_, i) => `${ROOT}attachments/figure-${i}.png`));
  for (const [note, text] of files) index.setNote(note, text, undefined, 'load');
  index.settle();
  return index;
}

/** Everything the rebuilt structures answer: concepts, occurrences, citations, links, problems, the graph and homes. */
function snapshot(index: CourseIndex): unknown {
  const notes = index.notes();
  return {
    notes,
    concepts: index.concepts(),
    occurrences: notes.map((note) => index.occurrencesIn(note)),
    citations: notes.map((note) => index.citationsIn(note)),
    wikiLinks: notes.map((note) => index.wikiLinksIn(note)),
    backlinks: notes.map((note) => index.backlinksOf(note)),
    diagnostics: notes.filter((_, i) => i % 7 === 0).map((note) => index.diagnostics(note)),
    graph: index.graph(),
    homes: [...index.homes()],
    search: index.search('drift'),
  };
}

/** Runs `next` until it says nothing is left, counting the calls; a bound stops a build that never ends. */
function drive(next: () => boolean): number {
  let steps = 1;
  while (next()) {
    steps++;
    assert.ok(steps < 1_000_000, 'a build in steps that never ends');
  }
  return steps;
}

/** Map look-ups and writes: the work of every piece (merging drafts, grouping, filing entries, building the graph). */
function mapCalls(body: () => unknown): number {
  const { calls } = countCalls(Map.prototype, ['get', 'set', 'has'], body);
  return calls.get + calls.set + calls.has;
}

/** The most map work one step did, and all of them, over a build in steps. */
function workPerStep(next: () => boolean): { most: number; total: number; steps: number } {
  let most = 0;
  let total = 0;
  let steps = 0;
  let more = true;
  while (more) {
    const work = mapCalls(() => (more = next()));
    most = Math.max(most, work);
    total += work;
    steps++;
  }
  return { most, total, steps };
}

describe('Rebuilding what depends on every note, in steps', () => {
  it('gives exactly what a rebuild at once gives, in many steps', () => {
    const files = course(300);
    const stepped = loaded(files);
    const steps = drive(() => stepped.rebuildStep());
    assert.ok(steps > 8, `only ${steps} steps for 300 notes`);
    assert.equal(stepped.rebuildPending, false);
    const graphSteps = stepped.graphSteps();
    assert.ok(drive(() => graphSteps.next().done !== true) > 8, 'the graph in a few steps only');
    assert.deepEqual(snapshot(stepped), snapshot(loaded(files)));
  });

  it('gives what a rebuild at once gives when notes are added, edited, renamed and removed between any two steps', () => {
    const base = course(120);
    const names = [...base.keys()];
    const texts = [...base.values(), weekNote(500, 3), '# Week 999\n\n* **Drift 3**: now defined here too, as (D4).\n', '* **Brand new term** (Drift 5): an alias that joins.\n', ''];
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('steps' as const), count: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('graph' as const), count: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('set' as const), note: fc.constantFrom(...names, `${ROOT}new.md`), text: fc.constantFrom(...texts), load: fc.boolean() }),
      fc.record({ kind: fc.constant('remove' as const), note: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('rename' as const), note: fc.constantFrom(...names), to: fc.constantFrom(...names, `${ROOT}concepts/drift.md`) }),
      fc.record({ kind: fc.constant('ask' as const), note: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('settle' as const) }),
    );
    fc.assert(
      // `fromLast`: questions are answered from the last complete build while a load's rebuild is pending, as in the host.
      fc.property(fc.array(operation, { minLength: 1, maxLength: 12 }), fc.boolean(), (operations, fromLast) => {
        const model = new Map(base);
        const index = loaded(model);
        index.answerFromLastBuild = fromLast;
        let graph: Steps<unknown> | undefined;
        for (const op of operations) {
          if (op.kind === 'steps') for (let i = 0; i < op.count && index.rebuildStep(); i++);
          else if (op.kind === 'settle') index.settle();
          else if (op.kind === 'ask') {
            // What an answer from an earlier build leaves in it must not leak into the next build.
            index.concepts();
            index.occurrencesIn(op.note);
            index.wikiLinksIn(op.note);
            index.backlinksOf(op.note);
          }
          else if (op.kind === 'graph') {
            graph ??= index.graphSteps();
            for (let i = 0; i < op.count && graph && graph.next().done !== true; i++);
          } else if (op.kind === 'set') {
            index.setNote(op.note, op.text, undefined, op.load ? 'load' : 'edit');
            model.set(op.note, op.text);
          } else if (op.kind === 'remove') {
            index.removeNote(op.note);
            model.delete(op.note);
          } else {
            const text = model.get(op.note);
            if (text === undefined || op.note === op.to) continue;
            index.renameNote(op.note, op.to);
            model.delete(op.note);
            model.set(op.to, text);
          }
        }
        // A graph begun before the last changes is finished now, the load ended: the graph of the notes as they are.
        index.settle();
        while (index.rebuildStep()); // as the host does at the end of a load; then every question sees every note
        const graphNow = graph ? finish(graph) : undefined;
        const scratch = loaded(model);
        if (graphNow) assert.deepEqual(graphNow, scratch.graph());
        assert.deepEqual(snapshot(index), snapshot(scratch));
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('gives what a rebuild at once gives after whichever step a new note with a new term comes', () => {
    const base = course(200); // enough notes that each piece, the term matcher's too, takes several steps
    const total = drive(((index) => () => index.rebuildStep())(loaded(base)));
    const note = `${ROOT}week-new.md`;
    const text = '# Week new\n\n* **Corrigible drift** (CD): a new term, matched at once.\n\nCorrigible drift and drift 3, see [[week-new]] and [[week-4]].\n';
    const model = new Map([...base, [note, text]]);
    const scratch = loaded(model);
    for (let k = 0; k <= total; k++) {
      const index = loaded(base);
      for (let i = 0; i < k; i++) index.rebuildStep();
      index.setNote(note, text);
      drive(() => index.rebuildStep());
      const notes = index.notes();
      assert.deepEqual(
        { concepts: index.concepts(), occurrences: index.occurrencesIn(note), links: notes.map((other) => index.wikiLinksIn(other)), named: index.conceptNamed('CD')?.id },
        { concepts: scratch.concepts(), occurrences: scratch.occurrencesIn(note), links: notes.map((other) => scratch.wikiLinksIn(other)), named: 'corrigible drift' },
        `the note came after step ${k} of ${total}`,
      );
    }
  });

  it('does a bounded amount of work in each step, however many notes there are', () => {
    const small = workPerStep(((index) => () => index.rebuildStep())(loaded(course(400))));
    const large = workPerStep(((index) => () => index.rebuildStep())(loaded(course(1600))));
    assert.ok(large.total > 3 * small.total, `the work grows with the notes (${small.total} → ${large.total}), so the bound below is not empty`);
    assert.ok(large.steps > 3 * small.steps, `steps: ${small.steps} → ${large.steps}`);
    assert.ok(large.most <= 1.3 * small.most, `the most work in one step grew from ${small.most} to ${large.most}`);
  });

  it('builds the concept map\'s graph in steps of bounded work, and the same graph as at once', () => {
    const measure = (weeks: number): { most: number; total: number; graph: unknown } => {
      const index = loaded(course(weeks));
      drive(() => index.rebuildStep());
      const steps = mapGraphSteps(index);
      let graph: unknown;
      const work = workPerStep(() => {
        const next = steps.next();
        if (next.done) graph = next.value;
        return next.done !== true;
      });
      return { ...work, graph };
    };
    const small = measure(800);
    const large = measure(3200);
    assert.ok(large.total > 3 * small.total, `the work grows with the notes (${small.total} → ${large.total})`);
    assert.ok(large.most <= 1.3 * small.most, `the most work in one step grew from ${small.most} to ${large.most}`);
    const once = loaded(course(800));
    assert.deepEqual(small.graph, finish(mapGraphSteps(once)));
  });
});
