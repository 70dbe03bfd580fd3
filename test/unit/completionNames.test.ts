import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { generateBenchCorpus } from '../../bench/corpus/corpora';
import { CourseIndex } from '../../src/core/index/courseIndex';
import type { Concept } from '../../src/core/model';
import { ConceptSearch } from '../../src/core/search/conceptSearch';
import { TermPrefixes } from '../../src/core/search/termPrefixes';
import { finish, WorkBudget } from '../../src/core/util/steps';
import { OBSIDIAN_PAGES } from './helpers/obsidianShapes';
import { REPO_ROOT } from './helpers/sourceFiles';
import { FOAM_VAULT, sampleNotes } from './helpers/sampleCourse';

/** Concepts of the sample course and of 400 notes of the bench's generated course, in term order. */
function conceptsOf(notes: readonly [string, string][]): readonly Concept[] {
  const index = new CourseIndex();
  for (const [note, text] of notes) index.setNote(note, text);
  return index.concepts();
}

const SAMPLE = conceptsOf(sampleNotes());
/** The other note style: the vault sample, a Foam vault and pages shaped as other people's vaults write them (front-matter aliases, callouts). */
const VAULTS = conceptsOf([
  ...sampleNotes(join(REPO_ROOT, 'samples', 'alignment-vault')),
  ...sampleNotes(FOAM_VAULT),
  ...OBSIDIAN_PAGES.map((text, i): [string, string] => [`file:///other/concepts/page-${i}.md`, text]),
]);
const GENERATED = conceptsOf(generateBenchCorpus('course', 400, 7).files.map((file): [string, string] => [`file:///corpus/${encodeURI(file.path)}`, file.text]));

/** What completion did before the prefix index: every name lower-cased and compared, concepts in term order. */
function namesByLoop(concepts: readonly Concept[], phrases: readonly string[], limit: number): { concept: Concept; name: string }[][] {
  const byPhrase = phrases.map((): { concept: Concept; name: string }[] => []);
  for (const concept of concepts) {
    for (const name of [concept.term, ...concept.aliases]) {
      const lower = name.toLowerCase();
      const bucket = byPhrase[phrases.findIndex((phrase) => lower.startsWith(phrase))];
      if (bucket && bucket.length < limit) bucket.push({ concept, name });
    }
  }
  return byPhrase;
}

/** The search before its trigrams were numbers: a `Set` of trigram strings per name, and fuse.js over the best 200. */
function searchByStrings(concepts: readonly Concept[], query: string, limit: number): { id: string; matched: string; score: number }[] {
  const trigrams = (text: string): Set<string> => {
    const padded = `  ${text.toLowerCase()} `;
    const grams = new Set<string>();
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
    return grams;
  };
  const names: { id: string; name: string }[] = [];
  const byTrigram = new Map<string, number[]>();
  for (const concept of concepts) {
    for (const name of [concept.term, ...concept.aliases]) {
      const index = names.push({ id: concept.id, name }) - 1;
      for (const gram of trigrams(name)) {
        const list = byTrigram.get(gram);
        if (list) list.push(index);
        else byTrigram.set(gram, [index]);
      }
    }
  }
  const trimmed = query.trim().slice(0, 200);
  const counts = new Map<number, number>();
  for (const gram of trigrams(trimmed)) for (const index of byTrigram.get(gram) ?? []) counts.set(index, (counts.get(index) ?? 0) + 1);
  const candidates = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 200).flatMap(([index]) => names[index] ?? []);
  const best = new Map<string, { id: string; matched: string; score: number }>();
  for (const hit of new Fuse(candidates, { keys: ['name'], includeScore: true, threshold: 0.45, ignoreLocation: true }).search(trimmed)) {
    const score = hit.score ?? 1;
    const previous = best.get(hit.item.id);
    if (!previous || score < previous.score) best.set(hit.item.id, { id: hit.item.id, matched: hit.item.name, score });
  }
  return [...best.values()].sort((a, b) => a.score - b.score || a.matched.localeCompare(b.matched)).slice(0, limit);
}

/** Queries as typed: prefixes of names, one or more words, with typos, accents and letters outside Latin-1. */
function queriesOf(concepts: readonly Concept[]): string[] {
  const names = concepts.flatMap((concept) => [concept.term, ...concept.aliases]);
  const picked = names.filter((_, i) => i % Math.max(1, Math.floor(names.length / 60)) === 0);
  return [
    ...picked.flatMap((name) => [name.slice(0, 2), name.slice(0, 4), name.slice(0, 9), `${name.slice(0, 3)}x${name.slice(4, 8)}`]),
    'resiliance',
    'goal misgen',
    'naïve',
    'Überwachung',
    'κ-calibration',
    '→ reward',
  ].map((query) => query.toLowerCase());
}

describe('What completion reads of the concepts: names by prefix and the typo-tolerant search', () => {
  for (const [label, concepts] of [['the sample course', SAMPLE], ['the vault sample, a Foam vault and pages shaped as other vaults', VAULTS], ['400 notes of the generated course', GENERATED]] as const) {
    it(`finds by prefix exactly the names a scan of every name finds, in term order, on ${label}`, () => {
      const prefixes = TermPrefixes.of(concepts);
      const byId = new Map(concepts.map((concept) => [concept.id, concept]));
      const queries = queriesOf(concepts);
      assert.ok(concepts.length > 20 && concepts.some((concept) => concept.aliases.length > 0), `${concepts.length} concepts`);
      let found = 0;
      for (const word of queries) {
        // Longest phrase first, as typed: `inner mis`, then `mis`; and a name that starts with both goes to the first.
        for (const phrases of [[word], [`the ${word}`, word], [word, word.slice(0, 2)]]) {
          const buckets = prefixes.startingWith(phrases, 5, (id) => byId.get(id));
          assert.deepEqual(buckets, namesByLoop(concepts, phrases, 5), `phrases ${JSON.stringify(phrases)}`);
          found += buckets.flat().length;
        }
      }
      assert.ok(found > queries.length, `${found} names found for ${queries.length} queries`);
    });

    it(`searches exactly as with a set of trigram strings per name, built at once or in steps, on ${label}`, () => {
      const atOnce = ConceptSearch.of(concepts);
      const budget = new WorkBudget();
      const steps = ConceptSearch.build(concepts, budget);
      let yielded = 0;
      for (let next = steps.next(); ; next = steps.next()) {
        if (next.done) {
          for (const query of queriesOf(concepts)) {
            const expected = searchByStrings(concepts, query, 20);
            assert.deepEqual(atOnce.search(query, 20), expected, query);
            assert.deepEqual(next.value.search(query, 20), expected, query);
          }
          break;
        }
        yielded++;
      }
      const names = concepts.reduce((sum, concept) => sum + 1 + concept.aliases.length, 0);
      assert.equal(yielded, Math.floor(names / 500), `${names} names in steps of 500`);
    });
  }

  it('builds the names by prefix in steps, with the names a scan finds', () => {
    const steps = TermPrefixes.build(GENERATED, new WorkBudget());
    let yielded = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yielded++;
    assert.ok(yielded > 2, `${yielded} steps`);
    const byId = new Map(GENERATED.map((concept) => [concept.id, concept]));
    for (const phrases of [['re', 'a'], ['the', 'th'], ['co']]) assert.deepEqual(next.value.startingWith(phrases, 100, (id) => byId.get(id)), namesByLoop(GENERATED, phrases, 100));
  });

  it('finds by prefix and searches as before on names outside Latin-1, with surrogate pairs, case pairs and duplicates', () => {
    const names = ['Ωmega drift', 'ωmega drift', '𝔸lpha shift', 'İstanbul protocol', 'Straße test', 'STRASSE test', 'Σigma', 'σigma', '対話 alignment', 'Reward hacking', 'reward hacking', 'Reward hacking', 'naïve reward', 'ﬁne-tuning'];
    const index = new CourseIndex();
    index.setNote('file:///course/odd.md', `# Odd names\n\n${names.map((name, i) => `* **${name}** (${name.slice(0, 3)}${i}): defined ${i}.`).join('\n')}\n`);
    const concepts = index.concepts();
    assert.ok(concepts.length >= 10, `${concepts.length} concepts`);
    const byId = new Map(concepts.map((concept) => [concept.id, concept]));
    const prefixes = TermPrefixes.of(concepts);
    const search = ConceptSearch.of(concepts);
    for (const query of ['ω', 'ωm', 'Ωme', '𝔸', '𝔸l', 'i̇s', 'stra', 'σi', '対', '対話', 're', 'reward h', 'naï', 'ﬁ']) {
      const lower = query.toLowerCase();
      for (const phrases of [[lower], [`x ${lower}`, lower], [lower, lower.slice(0, 1)]]) {
        assert.deepEqual(prefixes.startingWith(phrases, 3, (id) => byId.get(id)), namesByLoop(concepts, phrases, 3), JSON.stringify(phrases));
      }
      assert.deepEqual(search.search(query, 20), searchByStrings(concepts, query, 20), query);
    }
  });

  it('keeps what completion reads across an edit that changes no term, and builds it again after one that does', () => {
    const index = new CourseIndex();
    for (const [note, text] of sampleNotes()) index.setNote(note, text);
    index.concepts();
    const built = index.completionSteps();
    assert.ok(built);
    finish(built);
    const [note, text] = sampleNotes()[0] ?? ['', ''];
    const typed = `${text}\nA line of prose typed at the end.\n`;
    index.setNote(note, typed);
    index.concepts();
    assert.equal(index.completionSteps(), undefined, 'a prose edit keeps the search and the names by prefix');
    const fresh = new CourseIndex();
    for (const [other, body] of sampleNotes()) fresh.setNote(other, other === note ? typed : body);
    assert.deepEqual(index.search('misalignment', 10), fresh.search('misalignment', 10), 'the same answers as a fresh index');
    assert.deepEqual(index.namesStartingWith(['inner'], 10), fresh.namesStartingWith(['inner'], 10));
    index.setNote(note, `${text}\n* **Freshly typed term**: new.\n`);
    index.concepts();
    assert.ok(index.completionSteps(), 'a new term builds them again');
    assert.ok(index.namesStartingWith(['freshly'], 10).flat().some((found) => found.name === 'Freshly typed term'));
  });

  it('lets the index build both in steps, shared by whoever steps them, for the concepts that answer now, and then none', () => {
    const index = new CourseIndex();
    for (const [note, text] of sampleNotes()) index.setNote(note, text);
    assert.equal(index.completionInUse, false, 'a host builds nothing for completion until it is asked for');
    assert.equal(index.completionSteps(), undefined, 'nothing to prepare before the concepts are built');
    index.concepts();
    const steps = index.completionSteps();
    assert.ok(steps, 'nothing to build on a new index');
    assert.equal(index.completionInUse, true);
    assert.equal(index.completionSteps(), steps, 'a question and the index loop step the same build');
    finish(steps);
    assert.equal(index.completionSteps(), undefined, 'built once');
    assert.deepEqual(index.namesStartingWith(['inner'], 10), namesByLoop(index.concepts(), ['inner'], 10));
    index.setNote('file:///course/extra.md', '# Extra\n\n* **Inner voice**: a new term.\n');
    index.concepts();
    assert.ok(index.completionSteps(), 'built again after the concepts changed');
    assert.deepEqual(index.namesStartingWith(['inner'], 10).flat().map((found) => found.name).includes('Inner voice'), true);
  });
});
