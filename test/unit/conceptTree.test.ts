import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import type { Home } from '../../src/core/concepts/conceptHome';
import { BUCKET_THRESHOLD, ConceptTree, type ConceptTreeNode, type ConceptTreeSource, type GroupNode } from '../../src/core/concepts/conceptTree';
import { CourseIndex } from '../../src/core/index/courseIndex';
import type { Concept, Range } from '../../src/core/model';
import { definitionPlaces, problemsByKind, problemsOfConcepts } from '../../src/core/concepts/conceptProblems';
import { SAMPLE_VAULT, sampleNotes, sampleUri } from './helpers/sampleCourse';

function courseIndex(): CourseIndex {
  const index = new CourseIndex();
  for (const [uri, text] of sampleNotes()) index.setNote(uri, text);
  return index;
}

function vaultIndex(): CourseIndex {
  const index = new CourseIndex();
  index.setRoots([`${pathToFileURL(SAMPLE_VAULT).href}/`]);
  for (const [uri, text] of sampleNotes(SAMPLE_VAULT)) index.setNote(uri, text);
  return index;
}

/** Each shown group as `label (shown)`, and its rows as `term ×definitions`. */
function outline(tree: ConceptTree): [string, string[]][] {
  const row = (node: ConceptTreeNode): string => (node.kind === 'concept' ? `${node.concept.term} ×${node.concept.definitions.length}` : node.kind === 'bucket' ? node.label : node.home.label);
  return tree.roots().map((group) => [`${group.home.label} (${group.shown})`, tree.children(group).map(row)]);
}

function groupLabelled(tree: ConceptTree, label: string): GroupNode {
  const group = tree.roots().find((node) => node.home.label === label);
  assert.ok(group, `no group ${label}: ${tree.roots().map((node) => node.home.label).join(', ')}`);
  return group;
}

describe('the Concepts view model', () => {
  describe('grouping', () => {
    it('files the sample course by unit, in unit order, with the note for concepts that cite none, each concept with its definition count', () => {
      const tree = new ConceptTree();
      tree.update(courseIndex());
      const groups = outline(tree);
      assert.deepEqual(
        groups.map(([label]) => label),
        ['Unit 1 (12)', 'Unit 2 (10)', 'Unit 3 (8)', 'Unit 4 (18)', 'Unit 5 (1)', 'Course summary (3)'],
      );
      const unit1 = groups[0]?.[1] ?? [];
      assert.ok(unit1.includes('Inner misalignment ×2'), unit1.join(', '));
      assert.ok(unit1.includes('Alignment ×1'));
      assert.deepEqual(groups[5]?.[1], ['Saint ×1', 'Schemer ×1', 'Sycophant ×1']);
      assert.equal(groupLabelled(tree, 'Unit 1').home.title, 'Unit 1: Losing control to AI');
      assert.equal(groupLabelled(tree, 'Unit 5').home.kind, 'unit', 'a unit with no local copy is still a unit');
      // Every concept is in exactly one group.
      const total = tree.roots().reduce((sum, group) => sum + group.total, 0);
      assert.equal(total, courseIndex().concepts().length);
    });

    it('files the sample vault by front-matter type and folder, concept pages and source glossaries apart', () => {
      const tree = new ConceptTree();
      const index = vaultIndex();
      tree.update(index);
      const groups = outline(tree);
      assert.deepEqual(
        groups.map(([label]) => label),
        ['concept (22)', 'source (17)', 'Top level (1)'],
      );
      assert.ok(groups[0]?.[1].includes('Goal Drift ×4'), groups[0]?.[1].join(', '));
      assert.ok(groups[0]?.[1].includes('Sycophancy ×2'));
      assert.ok(groups[1]?.[1].includes('Password locking ×1'));
      assert.equal(groupLabelled(tree, 'concept').home.kind, 'type');
      assert.equal(tree.roots().reduce((sum, group) => sum + group.total, 0), index.concepts().length);
    });

    it('answers each concept\'s row and parent, for revealing it', () => {
      const tree = new ConceptTree();
      const index = courseIndex();
      tree.update(index);
      const id = index.conceptNamed('KL penalty')?.id ?? '';
      const node = tree.nodeOf(id);
      assert.equal(node?.concept.term, 'KL penalty');
      assert.equal(node && tree.parent(node), groupLabelled(tree, 'Unit 2'));
      assert.equal(tree.parent(groupLabelled(tree, 'Unit 2')), undefined);
    });
  });

  describe('filtering', () => {
    it('shows only the fuzzy search\'s results, hides the groups left empty, and shows everything again when cleared', () => {
      const index = courseIndex();
      const tree = new ConceptTree();
      tree.update(index);
      const change = tree.setFilter(index.search('reward').map((result) => result.id));
      assert.equal(change.root, true, 'groups went');
      const groups = outline(tree);
      assert.deepEqual(groups.map(([label]) => label), ['Unit 1 (2)', 'Unit 2 (2)']);
      // Outer misalignment comes by its alias, reward misspecification.
      assert.deepEqual(groups.flatMap(([, rows]) => rows), ['Outer misalignment ×1', 'Reward hacking ×1', 'Reward model ×1', 'Reward model overoptimisation ×1']);
      assert.equal(groupLabelled(tree, 'Unit 2').total, 10, 'the total stays, for "2 of 10"');
      // A typo still finds the term: our search, not a substring match.
      tree.setFilter(index.search('sycophnt').map((result) => result.id));
      assert.deepEqual(outline(tree).flatMap(([, rows]) => rows), ['Sycophant ×1']);
      tree.setFilter(undefined);
      assert.equal(outline(tree).length, 6);
      assert.equal(tree.nodeOf(index.conceptNamed('KL penalty')?.id ?? '')?.concept.term, 'KL penalty');
    });

    it('finds no row for a concept the filter hides', () => {
      const index = courseIndex();
      const tree = new ConceptTree();
      tree.update(index);
      tree.setFilter([index.conceptNamed('Debate')?.id ?? '']);
      assert.equal(tree.nodeOf(index.conceptNamed('KL penalty')?.id ?? ''), undefined);
      assert.equal(tree.nodeOf(index.conceptNamed('Debate')?.id ?? '')?.concept.term, 'Debate');
    });
  });

  describe('updates', () => {
    const SUMMARY = sampleUri('Course summary.md');

    it('after an edit to one definition, refreshes only that concept\'s group and keeps the others\' rows', () => {
      const index = courseIndex();
      const tree = new ConceptTree();
      tree.update(index);
      const unit1 = groupLabelled(tree, 'Unit 1');
      const rowsBefore = tree.children(unit1);
      // The summary defines concepts of every unit; one of its definitions changes.
      const text = index.textOf(SUMMARY) ?? '';
      const edited = text.replace('two AI systems argue', 'two AI systems argue at length');
      assert.notEqual(edited, text, 'the edit applies');
      index.setNote(SUMMARY, edited);
      const change = tree.update(index);
      assert.equal(change.root, false);
      assert.deepEqual(change.groups.map((group) => group.home.label), ['Unit 3']);
      assert.equal(tree.children(unit1), rowsBefore, 'the rows of an unchanged group are the same objects');
      assert.equal(groupLabelled(tree, 'Unit 3'), change.groups[0], 'a group is the same object across updates');
    });

    it('refreshes nothing when nothing changed, and the top level when a group comes or goes', () => {
      const index = courseIndex();
      const tree = new ConceptTree();
      tree.update(index);
      assert.deepEqual(tree.update(index), { root: false, groups: [] });
      const note = 'file:///course/Extra.md';
      index.setNote(note, '# Extra\n\n* **Model organism**: a model built to show a failure on purpose.\n');
      const added = tree.update(index);
      assert.equal(added.root, true);
      assert.ok(tree.roots().some((group) => group.home.label === 'Extra'));
      index.removeNote(note);
      assert.equal(tree.update(index).root, true);
      assert.ok(!tree.roots().some((group) => group.home.label === 'Extra'));
    });

    it('a new concept in an existing group refreshes that group, with its count', () => {
      const index = courseIndex();
      const tree = new ConceptTree();
      tree.update(index);
      const text = index.textOf(SUMMARY) ?? '';
      const honeypot = '* **Honeypot**: a tempting chance to misbehave, set up to catch a model [[Unit 3]](https://github.com/alignment-notes/course-notes/blob/main/AI-Alignment-Fast-Track/Unit%203%3A%20Using%20AI%20to%20align%20AI.md#debate).\n';
      index.setNote(SUMMARY, `${text}\n\n#### More\n\n${honeypot}`);
      const change = tree.update(index);
      assert.deepEqual(change.groups.map((group) => `${group.home.label} ${group.shown}`), ['Unit 3 9']);
      index.setNote(SUMMARY, text);
      assert.deepEqual(tree.update(index).groups.map((group) => `${group.home.label} ${group.shown}`), ['Unit 3 8'], 'and when it goes again');
    });
  });

  describe('30,000 concepts', () => {
    /** A source of `count` concepts spread over `groups` homes, with one concept replaced on demand. */
    function bigSource(count: number, groups: number): ConceptTreeSource & { replace(i: number): void } {
      const homes = new Map<string, Home>();
      const concepts: Concept[] = [];
      for (let i = 0; i < count; i++) {
        const id = `term ${String(i).padStart(6, '0')}`;
        concepts.push({ id, term: `${String.fromCharCode(65 + (i % 26))}erm ${i}`, aliases: [], definitions: [], children: [] });
        const g = i % groups;
        homes.set(id, { key: `note:${g}`, kind: 'note', label: `Note ${g}`, title: `Note ${g}` });
      }
      concepts.sort((a, b) => a.term.localeCompare(b.term));
      return {
        concepts: () => concepts,
        homes: () => homes,
        replace: (i) => {
          const old = concepts[i];
          if (old) concepts[i] = { ...old, term: `${old.term} (edited)` };
        },
      };
    }

    it('makes rows only for the group opened, and after a change only for the changed group when it is opened again', () => {
      const source = bigSource(30_000, 60);
      const tree = new ConceptTree();
      tree.update(source);
      assert.equal(tree.roots().length, 60);
      assert.equal(tree.rowsMade, 0, 'no concept row before a group opens');
      const [first, second] = tree.roots();
      assert.ok(first && second);
      assert.ok(500 > BUCKET_THRESHOLD);
      const buckets = tree.children(first);
      assert.ok(buckets.length > 1 && buckets.length <= 26 && buckets.every((node) => node.kind === 'bucket'), 'a large group opens on letter buckets');
      assert.equal(tree.rowsMade, 0, 'buckets make no concept rows');
      const [bucket] = tree.children(first);
      assert.ok(bucket);
      const rows = tree.children(bucket).length;
      assert.ok(rows > 0 && rows < 100);
      assert.equal(tree.rowsMade, rows, 'opening a bucket makes its rows alone');
      tree.children(second);
      const made = tree.rowsMade;
      const target = source.concepts()[123];
      source.replace(123);
      const change = tree.update(source);
      assert.equal(change.groups.length, 1, 'one group changed');
      assert.equal(change.groups[0], tree.groupOf(target?.id ?? ''));
      assert.equal(tree.rowsMade, made, 'an update makes no rows');
    });

    it('reveals a concept by opening its own bucket only', () => {
      const source = bigSource(30_000, 1);
      const tree = new ConceptTree();
      tree.update(source);
      const concept = source.concepts()[29_000];
      const node = tree.nodeOf(concept?.id ?? '');
      assert.equal(node?.concept, concept);
      assert.ok(tree.rowsMade <= Math.ceil(30_000 / 26) + 1, `${tree.rowsMade} rows made`);
      assert.equal(node && tree.parent(node)?.kind, 'bucket');
    });
  });

  it('keeps a concept name with HTML and script as it is written: the model never rewrites names', () => {
    const index = new CourseIndex();
    index.setNote('file:///course/Hostile.md', '* **<img src=x onerror=alert(1)> <script>alert(2)</script>**: a name made of markup.\n');
    const tree = new ConceptTree();
    tree.update(index);
    const rows = tree.roots().flatMap((group) => tree.children(group));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.kind === 'concept' ? rows[0].concept.term : '', '<img src=x onerror=alert(1)> <script>alert(2)</script>');
  });
});

describe('the Concepts view\'s problem marks and kinds', () => {
  const range = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });

  it('gives a problem to the concept whose definition it starts in, with the count and the worst severity; none outside definitions', () => {
    const places = [
      { id: 'a', range: range(2, 2, 80) },
      { id: 'b', range: range(3, 2, 60) },
    ];
    const marks = problemsOfConcepts(places, [
      { range: range(2, 4, 9), severity: 3 },
      { range: range(2, 30, 40), severity: 1 },
      { range: range(5, 0, 4), severity: 0 },
    ]);
    assert.deepEqual([...marks], [['a', { count: 2, severity: 1 }]]);
  });

  it('finds each note\'s definition places from the concepts of the sample course', () => {
    const index = courseIndex();
    const places = definitionPlaces(index.concepts());
    const summary = places.get(sampleUri('Course summary.md')) ?? [];
    assert.ok(summary.some((place) => place.id === index.conceptNamed('Resiliance')?.id));
    assert.equal([...places.values()].reduce((sum, list) => sum + list.length, 0), index.concepts().reduce((sum, concept) => sum + concept.definitions.length, 0));
  });

  it('groups notes by kind of problem, kinds by title, notes by path, and titles a code it does not know by itself', () => {
    const kinds = problemsByKind(
      new Map([
        ['file:///b.md', [{ code: 'link-broken' }, { code: 'coverage-empty-unit' }]],
        ['file:///a.md', [{ code: 'link-broken' }, { code: 'something-else' }]],
      ]),
    );
    assert.deepEqual(
      kinds.map((kind) => [kind.title, kind.count, kind.notes.map((note) => note.note)]),
      [
        ['Broken links', 2, ['file:///a.md', 'file:///b.md']],
        ['Cited units with no notes yet', 1, ['file:///b.md']],
        ['something-else', 1, ['file:///a.md']],
      ],
    );
  });
});
