import { strict as assert } from 'node:assert';
import { COVERAGE_CODES, type CoverageCode } from '../../src/core/coverage/coverageRules';
import { CourseIndex } from '../../src/core/index/courseIndex';
import { TermMatcher } from '../../src/core/occurrences/termMatcher';
import { sampleNotes } from './helpers/sampleCourse';
import { ROOT, vault } from './helpers/vaultIndex';
import { countCalls } from './helpers/work';

const ALL: ReadonlySet<CoverageCode> = new Set(COVERAGE_CODES);
const GLOSSARY = 'file:///course/Glossary.md';
const UNIT_1 = 'file:///course/units/Unit%201.md';
const UNIT_2 = 'file:///course/units/Unit%202.md';

function course(notes: Record<string, string>): CourseIndex {
  const index = new CourseIndex();
  index.setRoots(['file:///course/']);
  for (const [note, text] of Object.entries(notes)) index.setNote(note, text);
  return index;
}

function coverage(index: CourseIndex, note: string, code: CoverageCode): { line: number; character: number; message: string; text: string }[] {
  const text = index.textOf(note) ?? '';
  const lines = text.split('\n');
  return index
    .diagnostics(note, new Set([code]))
    .filter((d) => d.code === code)
    .map((d) => {
      assert.equal(d.severity, 'hint');
      const line = lines[d.range.start.line] ?? '';
      return { line: d.range.start.line, character: d.range.start.character, message: d.message, text: line.slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined) };
    });
}

describe('coverage problems', () => {
  describe('a bold term used in a definition but defined nowhere', () => {
    const glossary = [
      '# Glossary',
      '',
      '* **Reward model**: a network trained on the **preference dataset** to predict which answer a rater prefers.',
      '* **KL penalty**: keeps the policy near the **reward models** it started from, and **not** somewhere else.',
      '* **Debate**: two models argue and a judge decides; see **[[Scalable oversight]]** and `**code bold**`.',
      '* **Amplification**: splitting a task, as in **Christiano et al. (2018)**, **See also** the **Iterated distillation**.',
      '',
      'Prose outside definitions: **Unwritten idea** is not in a definition.',
    ].join('\n');

    it('reports the bold phrase at its place, once, as a hint', () => {
      const index = course({ [GLOSSARY]: glossary });
      const found = coverage(index, GLOSSARY, 'coverage-undefined-term');
      assert.deepEqual(
        found.map((f) => f.text),
        ['**preference dataset**', '**Iterated distillation**'],
      );
      assert.match(found[0]?.message ?? '', /"preference dataset" is in bold in the definition of "Reward model" but no note defines it/);
    });

    it('does not fire for a term defined in another note (any spelling), emphasis, links, code, citations, labels or prose', () => {
      const index = course({
        [GLOSSARY]: glossary,
        [UNIT_1]: '## Terms\n\n* **Preference datasets**: comparisons of answers.\n* **Iterated distillation and amplification** (Iterated distillation): a loop.\n',
      });
      assert.deepEqual(coverage(index, GLOSSARY, 'coverage-undefined-term'), []);
    });

    it('is found again when the defining note goes', () => {
      const index = course({ [GLOSSARY]: glossary, [UNIT_1]: '* **Preference dataset**: comparisons.\n' });
      assert.deepEqual(coverage(index, GLOSSARY, 'coverage-undefined-term').map((f) => f.text), ['**Iterated distillation**']);
      index.removeNote(UNIT_1);
      assert.deepEqual(coverage(index, GLOSSARY, 'coverage-undefined-term').map((f) => f.text), ['**preference dataset**', '**Iterated distillation**']);
    });
  });

  describe('a glossary concept defined but named nowhere else', () => {
    it('reports a concept named only in its own definition, not one named in another note or in another definition', () => {
      const index = course({
        [GLOSSARY]: [
          '* **Sandbagging**: a model underperforms on purpose; sandbagging is hard to spot.',
          '* **Gradient hacking**: a model steers its own training.',
          '* **Eliciting latent knowledge**: getting a model to report what it knows, which would expose gradient hacking.',
        ].join('\n'),
        [UNIT_1]: '## Week 1\n\nWe read about eliciting latent knowledge this week.\n',
      });
      const found = coverage(index, GLOSSARY, 'coverage-unmentioned-concept');
      assert.deepEqual(found.map((f) => [f.line, f.text]), [[0, 'Sandbagging']]);
      assert.match(found[0]?.message ?? '', /"Sandbagging" is defined but named nowhere else/);
    });

    it('stops reporting once another note names it, and reports again when that mention goes', () => {
      const index = course({ [GLOSSARY]: '* **Sandbagging**: underperforming on purpose.\n', [UNIT_1]: '## Week 1\n\nNothing yet.\n' });
      assert.equal(coverage(index, GLOSSARY, 'coverage-unmentioned-concept').length, 1);
      index.setNote(UNIT_1, '## Week 1\n\nEvaluations can miss sandbagging.\n');
      assert.equal(coverage(index, GLOSSARY, 'coverage-unmentioned-concept').length, 0);
      index.setNote(UNIT_1, '## Week 1\n\nNothing yet.\n');
      assert.equal(coverage(index, GLOSSARY, 'coverage-unmentioned-concept').length, 1);
    });

    it('leaves out concept pages of a vault, which are reached by links, but not glossary terms on other pages', () => {
      const index = vault({
        'concepts/sandbagging.md': '---\ntype: concept\n---\n# Sandbagging\n\nUnderperforming on purpose.\n',
        'sources/smith-2024.md': '---\ntype: source\n---\n# Smith 2024\n\n## Key terms\n\n- **Exploration hacking**: refusing to explore.\n',
      });
      assert.deepEqual(coverage(index, `${ROOT}concepts/sandbagging.md`, 'coverage-unmentioned-concept'), []);
      assert.deepEqual(coverage(index, `${ROOT}sources/smith-2024.md`, 'coverage-unmentioned-concept').map((f) => f.text), ['Exploration hacking']);
    });

    it('recounts only the changed note after an edit that changes no term', () => {
      const notes: Record<string, string> = { [GLOSSARY]: '* **Sandbagging**: underperforming on purpose.\n' };
      for (let i = 0; i < 50; i++) notes[`file:///course/week-${i}.md`] = `## Week ${i}\n\nWe discussed sandbagging and other things.\n`;
      const index = course(notes);
      index.mentionCounts();
      index.setNote('file:///course/week-3.md', '## Week 3\n\nWe discussed sandbagging again.\n');
      const id = index.conceptNamed('Sandbagging')?.id ?? '';
      const { result, calls } = countCalls(TermMatcher.prototype, ['find'], () => index.mentionCounts());
      assert.equal(result.get(id), 50);
      // Only the changed note's prose is scanned again (one run per paragraph): the others' occurrences are kept.
      assert.ok(calls.find > 0 && calls.find <= 2, `${calls.find} scans`);
      assert.equal(index.scanOccurrences(() => false), true);
    });

    it('scanOccurrences stops when asked and resumes where it stopped', () => {
      const notes: Record<string, string> = {};
      for (let i = 0; i < 10; i++) notes[`file:///course/week-${i}.md`] = `* **Term ${i}**: text ${i}.\n`;
      const index = course(notes);
      let steps = 0;
      assert.equal(index.scanOccurrences(() => ++steps > 4), false);
      assert.equal(index.scanOccurrences(() => false), true);
    });
  });

  describe('a citation of a unit whose local note has no headings yet', () => {
    it('reports the citation when the unit note has no headings, and not once it has one', () => {
      const index = course({
        [GLOSSARY]: '* **Debate**: two models argue [[Unit 2]](units/Unit%202.md), see also [[Unit 1]](units/Unit%201.md).\n',
        [UNIT_1]: '## Week 1\n\nNotes.\n',
        [UNIT_2]: 'Nothing written here yet.\n',
      });
      const found = coverage(index, GLOSSARY, 'coverage-empty-unit');
      assert.deepEqual(found.map((f) => f.text), ['[[Unit 2]](units/Unit%202.md)']);
      assert.match(found[0]?.message ?? '', /\[Unit 2\] cites Unit 2\.md, which has no headings yet/);
      index.setNote(UNIT_2, '## Debate\n\nTwo models argue.\n');
      assert.deepEqual(coverage(index, GLOSSARY, 'coverage-empty-unit'), []);
    });

    it('does not fire for a unit with no local copy', () => {
      const index = course({ [GLOSSARY]: '* **Debate**: argue [[Unit 5]](https://github.com/org/course/blob/main/Unit%205.md#debate).\n' });
      assert.deepEqual(coverage(index, GLOSSARY, 'coverage-empty-unit'), []);
    });
  });

  it('is off unless asked: diagnostics() alone reports none of them, and the sample course with every rule on has only these', () => {
    const index = new CourseIndex();
    for (const [uri, text] of sampleNotes()) index.setNote(uri, text);
    const codes = (coverageSet?: ReadonlySet<CoverageCode>): string[] => index.notes().flatMap((note) => index.diagnostics(note, coverageSet).map((d) => d.code));
    assert.equal(codes().filter((code) => code.startsWith('coverage-')).length, 0);
    const all = codes(ALL).filter((code) => code.startsWith('coverage-'));
    assert.ok(all.every((code) => (COVERAGE_CODES as readonly string[]).includes(code)));
  });
});
