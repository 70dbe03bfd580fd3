import { strict as assert } from 'node:assert';
import type { CourseIndex } from '../../src/core/index/courseIndex';
import { analyseNote } from '../../src/core/notes/analyseNote';
import { ROOT, vault } from './helpers/vaultIndex';

/**
 * Shapes found in public vaults and course notes that this project did not write (the notes themselves are
 * not copied: each fixture here is ours, in the same shape).
 */

const terms = (index: CourseIndex): string[] => index.concepts().map((concept) => concept.term);

describe('Real note shapes: labels are not concepts', () => {
  it('reads bold bullets on a source page as labels, except in its Key terms section', () => {
    const index = vault({
      'sources/lab-2025.md': [
        '---',
        'type: source',
        '---',
        '# Sandbagging evaluations (Lab, 2025)',
        '',
        '## Setup',
        '- **Model**: an 8B instruction-tuned model, 8-bit weights.',
        '- **Dataset**: multiple-choice questions on hazardous knowledge.',
        '',
        '## Key Claims',
        '- **Underperformance is selective**: the model drops only on the hazardous subset.',
        '',
        '## Key terms',
        '- **Password locking**: fine-tuning a model to hide a skill unless a password is present.',
      ].join('\n'),
    });
    assert.deepEqual(terms(index), ['Password locking']);
  });

  it('reads sub-concepts on a concept page, but not the labels of its evidence, limitations or desiderata', () => {
    const index = vault({
      'concepts/goodhart.md': [
        '---',
        'type: concept',
        '---',
        "# Goodhart's Law",
        '',
        'When a measure becomes a target, it stops measuring well.',
        '',
        '## Variants',
        '- **Regressional Goodhart**: selecting on a noisy proxy selects the noise too.',
        '- **Extremal Goodhart**: the proxy and the goal part ways in the tails.',
        '',
        '## Evidence Summary',
        '- **Theoretical**: the argument is conceptual.',
        '- **Empirical support (partial)**: a boat-race agent loops for points.',
        '',
        '## Limitations (acknowledged by the authors)',
        '- **Does not capture severity**: twice the rate is not twice the harm.',
      ].join('\n'),
    });
    assert.deepEqual(terms(index), ['Extremal Goodhart', "Goodhart's Law", 'Regressional Goodhart']);
  });

  it('ignores numbered labels, comparisons, citations and labels holding a link', () => {
    const found = analyseNote(
      [
        '- **Theorem 2**: finite policy sets admit unhackable pairs.',
        '- **Desideratum 2/3** (no button manipulation): the agent leaves the button alone.',
        '- **vs. disinformation** (malicious use): spreading falsehoods on purpose.',
        '- **Christiano et al. (2021)**: a report on latent knowledge.',
        '- **Goodhart (1975)**: the original remark.',
        '- **Replicates and extends [[sources/lab-2024]]**: the same setup with a new model.',
      ].join('\n'),
    ).definitions;
    assert.deepEqual(found, []);
  });

  it('drops citations and cross-references from parenthesised aliases', () => {
    const [found] = analyseNote('* **Corrigible alignment** (Hubinger et al. 2019, see Unit 2, robust alignment): the model wants what we want.').definitions;
    assert.deepEqual(found?.aliases, ['robust alignment']);
  });

  it('reads `**Term** — text` and `**Term** - text` like a colon, but not a hyphenated word', () => {
    const found = analyseNote(['- **Unhackability** — no policy can raise the proxy while lowering the goal.', '- **Refinement** - a proxy that splits states more finely.', '- **Task**-based evaluation is common.'].join('\n')).definitions;
    assert.deepEqual(found.map((d) => [d.term, d.text]), [
      ['Unhackability', 'no policy can raise the proxy while lowering the goal.'],
      ['Refinement', 'a proxy that splits states more finely.'],
    ]);
  });
});

describe('Real note shapes: names', () => {
  it('reads an acronym written inside the bold, either way round, and joins the concept it names', () => {
    const index = vault({
      'notes/lesson.md': '- **RLHF (Reinforcement Learning from Human Feedback):** raters compare answers.\n- **Constitutional AI (CAI):** a model critiques itself against principles.\n',
      'notes/summary.md': '* **Constitutional AI**: training harmlessness from written principles.\n',
      'notes/k-nn.md': '* **k-NN (approx.)**: nearest neighbours, approximately.\n',
    });
    assert.deepEqual(
      index.concepts().map((c) => `${c.term} [${c.aliases.join(', ')}] (${c.definitions.length})`),
      ['Constitutional AI [CAI] (2)', 'k-NN (approx.) [] (1)', 'Reinforcement Learning from Human Feedback [RLHF] (1)'],
    );
  });

  it('takes a concept page title ending in an acronym as name and alias, and makes no second concept of the H1', () => {
    const index = vault({
      'concepts/dpo.md': '---\ntype: concept\n---\n# Direct Preference Optimization (DPO)\n\nTraining on preference pairs without a reward model.\n',
      'notes/a.md': 'We tried DPO last week.\n',
    });
    assert.deepEqual(index.concepts().map((c) => [c.term, c.aliases]), [['Direct Preference Optimization', ['DPO']]]);
    assert.equal(index.occurrencesIn(`${ROOT}notes/a.md`).length, 1);
  });

  it('leaves a qualifier out of a page title, and never reads `(AI)` after an unrelated name as an acronym', () => {
    const index = vault({
      'concepts/honesty.md': '# Honesty (AI)\n\nSaying only what one believes.\n',
      'concepts/lying.md': '# Lying (LLM-Generated)\n\nAsserting what one believes false.\n',
      'notes/n.md': 'AI systems lying about AI honesty.\n',
    });
    assert.deepEqual(index.concepts().map((c) => [c.term, c.aliases]), [['Honesty', []], ['Lying', []]]);
    assert.deepEqual(index.occurrencesIn(`${ROOT}notes/n.md`).map((o) => index.concept(o.id)?.term), ['Lying', 'Honesty']);
  });

  it('reads a heading acronym only when it abbreviates the name: not a section of two topics', () => {
    const found = analyseNote('#### Constitutional AI and Reinforcement Learning from AI Feedback (RLAIF)\n\ntext\n\n#### Sparse autoencoders (SAE)\n\nmore\n').definitions;
    assert.deepEqual(found.map((d) => [d.term, d.aliases]), [['Sparse autoencoders', ['SAE']]]);
  });

  it('joins a name written with a leading article to the name without it', () => {
    const index = vault({
      'concepts/orthogonality-thesis.md': '# Orthogonality Thesis\n\nIntelligence and final goals vary independently.\n',
      'sources/bostrom.md': '* **The Orthogonality Thesis**: any level of intelligence can go with any goal.\n',
    });
    assert.deepEqual(index.concepts().map((c) => c.definitions.length), [2]);
  });

  it('joins names that share an acronym and differ only in small words ("from" and "with")', () => {
    const index = vault({
      'course/summary.md': '#### Reinforcement Learning with Human Feedback (RLHF)\n\nRaters rank outputs.\n',
      'concepts/rlhf.md': '# Reinforcement Learning from Human Feedback (RLHF)\n\nFine-tuning against a learned reward.\n',
      'course/unit-2.md': '* **RLHF**: my own words.\n',
    });
    assert.deepEqual(index.concepts().map((c) => [c.term, c.definitions.length]), [['Reinforcement Learning from Human Feedback', 3]]);
  });
});

describe('Real note shapes: definitions', () => {
  it('keeps callouts and the glossary bullets of other concepts out of a page definition; a citation in words is a source', () => {
    const index = vault({
      'concepts/corrigibility.md': [
        '---',
        'type: concept',
        '---',
        '# Corrigibility',
        '',
        '## Definitions',
        '> [!warning] Contested',
        '> Authors disagree on scope.',
        '',
        '- **Soares et al. (2015)** (original): an agent that does not resist correction.',
        '- **Corrigible alignment** (Hubinger et al. 2019): a model whose objective points at ours.',
        '- Also used loosely for "willing to be shut down".',
      ].join('\n'),
    });
    const page = index.conceptNamed('corrigibility');
    assert.deepEqual(
      page?.definitions.map((d) => [d.style, d.text, d.source?.label ?? null]),
      [
        ['page', 'Also used loosely for "willing to be shut down".', null],
        ['attributed', 'an agent that does not resist correction.', 'Soares et al. (2015)'],
      ],
    );
    assert.deepEqual(index.conceptNamed('corrigible alignment')?.aliases, []);
  });

  it('joins the items of a list under a concept heading with spaces', () => {
    const [found] = analyseNote('#### Reinforcement Learning from Human Feedback (RLHF)\n\n* Overview:\n  * Raters compare answers.\n  * A policy is trained.\n').definitions;
    assert.equal(found?.text, 'Overview: Raters compare answers. A policy is trained.');
  });

  it('does not report a summary that copies a unit definition and adds a citation as a conflict', () => {
    const url = 'https://github.com/o/course/blob/main/Unit%201.md#x';
    const index = vault({
      'course/summary.md': `* **Governance**: rules that stop harmful AI from being built [[Unit 1]](${url}).\n`,
      'course/unit-1.md': '* **Governance**: rules that stop harmful AI from being built.\n',
    });
    assert.deepEqual(index.notes().flatMap((note) => index.diagnostics(note).filter((d) => d.code === 'definition-conflict')), []);
    index.setNote(`${ROOT}course/unit-1.md`, '* **Governance**: laws and norms for AI.\n');
    assert.equal(index.notes().flatMap((note) => index.diagnostics(note).filter((d) => d.code === 'definition-conflict')).length, 2, 'other words still conflict');
  });
});
