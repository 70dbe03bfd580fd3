/**
 * Word banks for the generated course notes, alignment-flavoured. Terms are built from MODIFIERS, HEADS and
 * SUFFIXES; prose is built from FILLER, which shares no word with them (checked by `assertDisjointBanks`), so
 * every term mention in the corpus is one the generator chose and counted.
 */
import { PROSE_WORDS } from './proseWords';

const list = (text: string): readonly string[] => text.trim().split(/\s+/);

export const MODIFIERS = list(`
  deceptive inner outer scalable corrigible myopic situational instrumental terminal emergent latent
  distributional iterated recursive constitutional adversarial interpretable mechanistic robust catastrophic
  existential autonomous agentic strategic covert overt gradient reward goal value power mesa proxy
  specification preference feedback debate amplified delegated cooperative competitive multipolar unipolar
  sharp gradual rapid slow narrow general superhuman lethal benign malign honest truthful sycophantic
  steerable shutdown capability safety training deployment evaluation sparse dense linear causal
  counterfactual contrastive calibrated uncertain bayesian collusive embedded embodied open-ended
  long-horizon short-horizon consequentialist impact conservative tripwire boxed tool sovereign mild
  quantilized satisficing maximizing bounded unbounded internal external hidden visible behavioral
  representational neural symbolic hybrid synthetic human machine collective institutional regulatory
  international compute data weight activation circuit steering transparent opaque brittle stable unstable
  chaotic modular monolithic self-modifying stochastic deterministic inverse online offline episodic
  persistent distributed centralized decentralized verifiable provable empirical theoretical formal naive
  lexicographic
`);

export const HEADS = list(`
  alignment sandbagging hacking misgeneralization oversight deception gaming optimizer drift collapse shift
  objective misspecification corrigibility interpretability robustness amplification distillation elicitation
  verification monitoring auditing tampering wireheading manipulation persuasion collusion coordination
  bargaining containment takeover takeoff overhang explosion race governance policy treaty standard benchmark
  eval probe lens attribution superposition polysemanticity neuron layer representation embedding manifold
  landscape basin attractor equilibrium incentive pressure selection evolution search planning reasoning
  agency autonomy awareness honesty truthfulness sycophancy obedience deference uncertainty calibration
  ambiguity extrapolation generalization transfer learning finetuning pretraining imitation cloning modeling
  forecasting prediction simulation emulation agent simulator assistant overseer adversary critic judge
  debater referee auditor watchdog shard circuitry motif heuristic prior posterior utility preferences
  norm constraint guardrail sandbox oracle genie firewall loophole exploit jailbreak backdoor trojan
  honeypot canary audit registry licensing disclosure liability
`);

export const SUFFIXES = list(`
  tax problem hypothesis gap failure threshold paradox frontier barrier bottleneck dilemma trap loop cascade
  spiral theorem conjecture principle protocol framework agenda curve budget ceiling floor horizon boundary
  mismatch penalty bonus signal
`);

/** Single-word terms, always in the vocabulary: `resiliance` must find `Resilience`. */
export const SINGLES = list(`
  Resilience Sycophant Saint Schemer Orthogonality Convergence Myopia Shoggoth Steganography Quantilizer
  Satisficer Treachery Gradualism Doomerism Accelerationism Paperclipper Legibility Steelmanning
`);

/** Words that make an alias phrase with a head: `classic sandbagging`. */
export const ALIAS_LEADS = list(`classic textbook everyday informal so-called plain old-school folk canonical original`);

/** Prose words: never part of a term. */
export const FILLER = list(`
  the a an of to in on for with as by from that this these those we our you students often usually sometimes
  clearly arguably perhaps notice observe discuss compare consider describe argue explain remember during
  lecture reading week seminar example question answer idea case point reason claim view approach paper
  author course section chapter later earlier below above next first second also however therefore because
  although while when where which who how why what is are was were be been can could should would might may
  must will not only more less most least very quite rather fairly each every some many few several other
  another same different important useful subtle tricky central key common rare simple complex obvious
  worth keeping mind revisit slides tutor group discussion exam summary homework recap intuition toy
  scenario story analogy picture sketch argument evidence result finding caveat limitation assumption
  premise conclusion step
`);

export const UNIT_TITLES = [
  'Robustness', 'Losing control to AI', 'Reward misspecification', 'Goal misgeneralization', 'Scalable oversight',
  'Interpretability', 'Governance', 'Deceptive alignment', 'Evaluations', 'Agent foundations', 'Threat models',
  'Forecasting', 'Debate and amplification', 'Model organisms', 'Red teaming', 'AI control', 'Honesty',
  'Power seeking', 'Multi-agent risks', 'Compute governance', 'Situational awareness', 'Value learning',
  'Corrigibility', 'Emergent capabilities', 'Policy and standards', 'Careers in safety',
  'Mechanistic interpretability', 'Sleeper agents', 'Sandbagging', 'Catastrophic misuse',
];

export const COURSE_TITLES = [
  'AI Alignment Fast-Track', 'Technical AI Safety', 'AI Governance', 'Intro to Alignment', 'Safety Seminar',
  'Alignment Reading Group', 'Frontier AI Policy', 'Agent Foundations Primer',
];

export const SECTION_TITLES = [
  'Key ideas', 'Threat models', 'Open questions', 'Worked example', 'Further reading', 'Summary',
  'Definitions', 'Why it matters', 'Objections', 'Exercises', 'Examples from the literature',
  'Connections to other units', 'Common confusions', 'Takeaways',
];

/** Openings of plain parent bullets that group definitions (`* Three kinds of models:`). */
export const GROUP_OPENINGS = [
  'Three kinds of systems to keep apart', 'Ways this can go wrong', 'Related failure modes',
  'Distinctions the lecture drew', 'Given good performance in training, a model could be',
];

/** Bold words that open a bullet without defining anything (`* **Remember** that ...`). */
export const BOLD_OPENINGS = ['Remember', 'Note', 'Careful', 'Aside', 'Exam tip'];

/** The word every look-alike definition in code starts with; no concept may ever contain it. */
export const LOOKALIKE = 'Lookalike';

/** Throws when two banks share a word, so filler (and the prose of proseWords.ts) can never spell a term by accident. */
export function assertDisjointBanks(): void {
  const key = (word: string): string => word.toLowerCase().replace(/s$/, '');
  const owner = new Map<string, string>();
  const banks: [string, readonly string[]][] = [
    ['filler', [...new Set([...FILLER, ...PROSE_WORDS])]],
    ['modifier/head/suffix/single', [...new Set([...MODIFIERS, ...HEADS, ...SUFFIXES, ...SINGLES])]],
    ['alias lead', ALIAS_LEADS],
  ];
  for (const [name, words] of banks) {
    for (const word of words) {
      const previous = owner.get(key(word));
      if (previous !== undefined && previous !== name) throw new Error(`word bank overlap: "${word}" is in ${previous} and ${name}`);
      owner.set(key(word), name);
    }
  }
  for (const [name, words] of [['modifiers', MODIFIERS], ['heads', HEADS], ['suffixes', SUFFIXES]] as const) {
    if (new Set(words.map(key)).size !== words.length) throw new Error(`duplicate word in ${name}`);
  }
}
