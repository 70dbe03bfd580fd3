import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CourseIndex } from '../../src/core/index/courseIndex';

const NOTES = ['file:///c/summary.md', 'file:///c/units/Unit%201.md', 'file:///c/units/Unit%202.md', 'file:///c/other/Unit%201.md'];
const UNIT_1 = 'https://github.com/o/course/blob/main/Course/Unit%201.md';

/** Lines students write, mixed at random into notes. */
const LINES = [
  '# Unit 1',
  '## What is AI alignment?',
  '### Open questions',
  '#### Reinforcement Learning from Human Feedback (RLHF)',
  '* **Inner misalignment** (goal misgeneralisation): the learned goal differs from the trained one.',
  '* **Inner Misalignment**: a different wording of the same idea.',
  '* **Schemer**: hides a misaligned goal.',
  '* **Resiliance**: coping with harm.',
  '* **Resilience**: coping with harm, spelt right.',
  '* **Debate** [[Unit 1]](' + UNIT_1 + '#debate): models argue.',
  '* **Polysemantic circuits**: circuits that mix features.',
  '  * **Polysemanticity**: one neuron, many features.',
  '  * *Dataset examples*: inputs that excite a neuron most.',
  '* Given good scores a model may be a:',
  '**Features** are directions in activation space.',
  'Schemers and RLHF\'s reward model; inner misalignment again.',
  'See [[Unit 1]](' + UNIT_1 + '#what-is-ai-alignment) and [[Unit 1]](' + UNIT_1 + '#what-is-alignment).',
  '```\n* **NotAConcept**: code\n```',
  '',
];

const noteText = fc.array(fc.constantFrom(...LINES), { maxLength: 12 }).map((lines) => lines.join('\n'));
const operation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), note: fc.constantFrom(...NOTES), text: noteText }),
  fc.record({ kind: fc.constant('remove' as const), note: fc.constantFrom(...NOTES) }),
  fc.record({ kind: fc.constant('rename' as const), note: fc.constantFrom(...NOTES), to: fc.constantFrom(...NOTES) }),
);

/** Everything the index answers, for comparing two indexes. */
function snapshot(index: CourseIndex): unknown {
  const notes = index.notes();
  return {
    notes,
    concepts: index.concepts(),
    graph: index.graph(),
    occurrences: notes.map((note) => index.occurrencesIn(note)),
    citations: notes.map((note) => index.citationsIn(note)),
    diagnostics: notes.map((note) => index.diagnostics(note)),
    search: index.search('resilience'),
  };
}

/** More notes, other origins, and lines that are hostile or touch other notes (relative citations, duplicate headings). */
const MORE_NOTES = [...NOTES, 'untitled:Untitled-1', 'vscode-vfs://github/o/c/units/Unit%201.md', 'file:///c/units/Unit%201%20copy.md'];
const MORE_LINES = [
  ...LINES,
  '## Open questions',
  '* **__proto__**: a term named like a property.',
  '* **constructor** (toString, C++): more of them.',
  '* **Polysemanticity**: now at the top level, so its parent differs.',
  'See [[Unit 2]](Unit%202.md#open-questions-1) and [[Up]](../summary.md).',
  'A [[Bad]](%E0%A4%A.md#%ZZ) citation and [[JS]](javascript:alert(1)).',
  '> * **Quoted term**: inside a quote.',
  '\ufeffBOM in the middle \u200b and \u202e right-to-left.',
  'Line with CRLF\r\nand a lone CR\rend.',
];
const MAPPINGS = [[], [{ urlPrefix: 'https://github.com/o/course/blob/main/Course/', folder: 'file:///c/other/' }]];

const moreText = fc.array(fc.constantFrom(...MORE_LINES), { maxLength: 14 }).map((lines) => lines.join('\n'));
/** An edit as an editor makes it: replace a span of the current text with a few characters. */
const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), insert: fc.constantFrom('', '*', '**', '\n', '\n\n', '#', 'x', ' schemer', '[[', ':', '\r\n', '\u0000') });
const moreOperation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), note: fc.constantFrom(...MORE_NOTES), text: moreText }),
  fc.record({ kind: fc.constant('edit' as const), note: fc.constantFrom(...MORE_NOTES), edit }),
  fc.record({ kind: fc.constant('remove' as const), note: fc.constantFrom(...MORE_NOTES) }),
  fc.record({ kind: fc.constant('rename' as const), note: fc.constantFrom(...MORE_NOTES), to: fc.constantFrom(...MORE_NOTES) }),
  fc.record({ kind: fc.constant('map' as const), mappings: fc.nat({ max: MAPPINGS.length - 1 }) }),
);

/** `snapshot` plus what hovers and completions read: headings, and the concept at the start of each line. */
function fullSnapshot(index: CourseIndex): unknown {
  const notes = index.notes();
  return {
    base: snapshot(index),
    headings: notes.map((note) => index.headingsOf(note)),
    at: notes.map((note) => (index.textOf(note) ?? '').split(/\r\n|\r|\n/).map((_, line) => index.conceptAt(note, { line, character: 2 }))),
    texts: notes.map((note) => index.textOf(note)),
  };
}

/** What the index should hold after the operations so far: the notes' texts and the mappings chosen. */
interface Model {
  readonly files: Map<string, string>;
  mappings: number;
}

type Operation =
  | { kind: 'set'; note: string; text: string }
  | { kind: 'edit'; note: string; edit: { at: number; length: number; insert: string } }
  | { kind: 'remove'; note: string }
  | { kind: 'rename'; note: string; to: string }
  | { kind: 'map'; mappings: number };

/** Applies an operation to the index and to the model; a rename of a missing note, or onto itself, does nothing. */
function apply(index: CourseIndex, model: Model, op: Operation): void {
  const { files } = model;
  if (op.kind === 'set') {
    index.setNote(op.note, op.text);
    files.set(op.note, op.text);
  } else if (op.kind === 'edit') {
    const text = files.get(op.note) ?? '';
    const at = op.edit.at % (text.length + 1);
    const next = text.slice(0, at) + op.edit.insert + text.slice(at + op.edit.length);
    index.setNote(op.note, next);
    files.set(op.note, next);
  } else if (op.kind === 'remove') {
    index.removeNote(op.note);
    files.delete(op.note);
  } else if (op.kind === 'map') {
    model.mappings = op.mappings;
    index.setCitationMappings(MAPPINGS[op.mappings] ?? []);
  } else {
    const text = files.get(op.note);
    if (text === undefined || op.note === op.to) return;
    index.renameNote(op.note, op.to);
    files.delete(op.note);
    files.set(op.to, text);
  }
}

/** An index built from scratch with the model's notes and mappings, optionally warm-started from a persisted cache. */
function fresh(model: Model, cache?: unknown): CourseIndex {
  const index = new CourseIndex();
  if (cache !== undefined) assert.ok(index.importCache(cache));
  index.setCitationMappings(MAPPINGS[model.mappings] ?? []);
  for (const [note, text] of model.files) index.setNote(note, text);
  return index;
}

/** Notes of a vault and a course glossary whose names join through aliases: acronyms, articles, clashes, nesting both ways. */
const NAMED_NOTES = ['file:///v/concepts/rlhf.md', 'file:///v/concepts/orthogonality.md', 'file:///v/summary.md', 'file:///v/units/Unit%201.md'];
const NAMED_LINES = [
  '# Reinforcement learning from human feedback',
  '# The Orthogonality Thesis',
  '* **Reinforcement Learning from Human Feedback** (RLHF): trains on human preferences.',
  '* **Reinforcement learning with human feedback (RLHF)**: the same name in other small words.',
  '* **RLHF**: the acronym alone.',
  '* **Reward modelling** (RM): learns a reward.',
  '* **Risk management** (RM): handles risk, so RM is ambiguous.',
  '* **RM**: the ambiguous acronym as a term.',
  '* **Orthogonality thesis**: written without the article.',
  '* **Mesa-optimizer** (inner optimiser, mesa optimiser): a learned optimiser.',
  '* **Inner optimiser**: a term that is another term\'s alias.',
  '* **Deceptive alignment**: top level.\n  * **Mesa-optimizer**: nested under the concept above.',
  '* **Mesa-optimizer**: at the top again.\n  * **Deceptive alignment** (DA): nested the other way round, a cycle.',
  '* **Schemer**: a third.\n  * **Mesa-optimizer**: so cycles of three can close.',
  '* **Deceptive alignment**: once more.\n  * **Schemer**: nested under it.',
  '* **Deceptive alignment strategy** (deceptive alignment): a fuller name that takes the group over, and its children.',
  '* **Goal misgeneralisation** (GMG, inner misalignment): the wrong goal generalises.',
  'Schemers, RLHF, the RM and mesa optimisers show up in prose, as does goal misgeneralization.',
];
const FRONT_MATTER = ['---\naliases: [RLHF, Reward learning]\n---', '---\naliases: [Orthogonality, GMG]\ntype: concept\n---', '---\naliases: []\n---'];
const namedText = fc
  .tuple(fc.option(fc.constantFrom(...FRONT_MATTER), { nil: undefined }), fc.array(fc.constantFrom(...NAMED_LINES), { maxLength: 10 }))
  .map(([front, lines]) => [...(front ? [front] : []), ...lines].join('\n'));
/** Typing into a name: a letter, a space, a bold marker or a bracket, at any place. */
const namedEdit = fc.record({ at: fc.nat(), length: fc.nat({ max: 3 }), insert: fc.constantFrom('', 'x', 's', ' ', '*', '**', '(', ')', ',', '\n', '\n  ') });
const namedOperation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), note: fc.constantFrom(...NAMED_NOTES), text: namedText }),
  fc.record({ kind: fc.constant('edit' as const), note: fc.constantFrom(...NAMED_NOTES), edit: namedEdit }),
  fc.record({ kind: fc.constant('edit' as const), note: fc.constantFrom(...NAMED_NOTES), edit: namedEdit }),
  fc.record({ kind: fc.constant('remove' as const), note: fc.constantFrom(...NAMED_NOTES) }),
);

describe('CourseIndex: incremental equals from scratch', () => {
  it('with edits, other origins, hostile lines, mapping changes and a persisted cache, still answers like a fresh index', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.array(moreOperation, { maxLength: 30 }), fc.boolean(), (operations, queryBetween) => {
        const index = new CourseIndex();
        const model: Model = { files: new Map(), mappings: 0 };
        for (const op of operations) {
          apply(index, model, op);
          if (queryBetween) fullSnapshot(index);
        }
        const expected = fullSnapshot(fresh(model));
        assert.deepEqual(fullSnapshot(index), expected);
        // A warm start from the persisted cache answers the same too.
        assert.deepEqual(fullSnapshot(fresh(model, JSON.parse(JSON.stringify(index.exportCache())))), expected);
      }),
      { numRuns: 150, seed: 20261130 },
    );
  });

  it('regroups concepts joined by aliases, articles and nesting after each edit of a name, as a fresh index groups them', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.array(namedOperation, { maxLength: 30 }), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (operations, queries) => {
        const index = new CourseIndex();
        const model: Model = { files: new Map(), mappings: 0 };
        operations.forEach((op, i) => {
          apply(index, model, op);
          // A question after an edit is what lets the next edit change the concepts and the matcher in place.
          if (queries[i]) fullSnapshot(index);
        });
        assert.deepEqual(fullSnapshot(index), fullSnapshot(fresh(model)));
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('after any sequence of adds, edits, renames and removes, answers like an index built from the final notes', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), fc.boolean(), (operations, queryBetween) => {
        const index = new CourseIndex();
        const model: Model = { files: new Map(), mappings: 0 };
        for (const op of operations) {
          apply(index, model, op);
          if (queryBetween) snapshot(index); // answering in between must not leave stale state behind
        }
        assert.deepEqual(snapshot(index), snapshot(fresh(model)));
      }),
      { numRuns: 60, seed: 20261129 },
    );
  });
});
