/**
 * Word banks for the pseudo-English of vault pages and linked prose (prose.ts), and for the names of vault
 * pages. Like FILLER they share no word with the term banks (words.ts checks), so prose never spells a term.
 */
const list = (text: string): readonly string[] => text.trim().split(/\s+/);

export const NOUNS = list(`
  idea case point reason claim view approach paper author question answer example argument evidence result
  finding caveat limitation assumption premise conclusion step story analogy picture sketch scenario intuition
  summary lecture reading seminar discussion experiment setup measure method sample study trial baseline
  comparison distinction pattern trend effect outcome detail explanation proposal objection reply worry plan
  draft version chapter section table figure appendix footnote thread interview talk survey
`);

/** Verbs in the third person singular. */
export const VERBS = list(`
  suggests shows explains supports weakens complicates challenges echoes extends revisits clarifies motivates
  undermines illustrates questions frames connects reframes anticipates mirrors sharpens softens restates
  grounds qualifies complements
`);

export const ADJECTIVES = list(`
  important useful subtle tricky central key common rare simple complex obvious careful plausible surprising
  weak strong early late recent narrower broader older newer cleaner messier
`);

export const ADVERBS = list(`often usually sometimes clearly arguably perhaps roughly mostly partly largely rarely`);

export const PREPOSITIONS = list(`of to in on for with by from about against through under`);

export const CONJUNCTIONS = list(`because although while when whereas since unless`);

export const OPENERS = [
  'However', 'In practice', 'On this view', 'For example', 'Later', 'In short', 'At first', 'Even so', 'By contrast',
  'Put simply', 'Looking back', 'As a rule',
];

/** Syllables of made-up surnames and given names (`Kalo`, `Renvel`): no real person's name on purpose. */
export const SYLLABLES = list(`ka lo ren mi sa tor vel an dri wen ho bar lin zu fe gar nor is el mor ta ve qui su ra po`);

export const VENUES = ['workshop paper', 'conference paper', 'preprint', 'blog post', 'technical report', 'thesis chapter'];

export const ORGANISATION_KINDS = ['Lab', 'Institute', 'Research', 'Group', 'Foundation', 'Centre'];

/** Openings of source titles: `Measuring deceptive sandbagging in ...`. */
export const TITLE_OPENERS = ['Towards', 'On', 'Measuring', 'Understanding', 'Evidence for', 'A study of', 'Limits of', 'Revisiting', 'Notes on'];

/** What a finding says its subject does: `Deceptive sandbagging rises with scale`. */
export const FINDING_VERBS = ['rises with', 'falls with', 'appears after', 'fades after', 'survives', 'depends on', 'tracks', 'resists'];

export const FINDING_OBJECTS = [
  'scale', 'episode length', 'prompt wording', 'more examples', 'longer contexts', 'repeated instructions',
  'larger models', 'fewer steps', 'careful prompting', 'rephrasing',
];

/** Relation bullets: structure, never glossary terms. */
export const RELATIONS = ['Related to', 'Distinct from', 'Builds on', 'Part of', 'Contrasts with', 'Example of', 'Leads to'];

export const CLASSIFICATIONS = ['phenomenon', 'mechanism', 'property of the actor', 'property of the episode', 'design pattern', 'measurement'];

export const CALLOUTS = ['note', 'warning', 'info', 'tip', 'quote', 'question', 'example'];

export const CALLOUT_TITLES = ['Classification nuance', 'Open issue', 'My take', 'Worth checking', 'Caveat', 'Reading tip'];

export const STATUSES = ['draft', 'seed', 'read', 'open', 'settled', 'stub'];

/** Bold labels of bullets on findings, questions and debates (structure, not terms). */
export const FINDING_LABELS = ['TL;DR', 'Takeaway', 'Caveat', 'Setup'];
export const ANSWER_LABELS = ['Question', 'Answer', 'Evidence', 'Counterpoint'];
export const ARGUMENT_LABELS = ['Claim', 'Held by', 'Evidence', 'Contrasts with'];

/** The note after an attributed definition's source: `- **[[sources/x]]** (origin): ...`. */
export const ATTRIBUTIONS = ['origin', 'restated', 'narrower', 'broader'];

/** How a related concept relates, after a relation bullet: `(the early view differs)`. */
export const RELATION_VERBS = ['differs', 'overlaps', 'matters'];

/** Titles of question pages; `{a}` and `{b}` are concepts. */
export const QUESTIONS = ['Does {a} lead to {b}?', 'How does {a} relate to {b}?', 'When does {a} matter?', 'Can {a} be measured?', 'Is {a} a kind of {b}?'];

/** What a log entry records. */
export const LOG_ACTIONS = ['ingest', 'new', 'lint', 'update', 'merge', 'split'];

/** Every word of the banks above, for the check that no bank shares a word with the terms. */
export const PROSE_WORDS: readonly string[] = [
  NOUNS, VERBS, ADJECTIVES, ADVERBS, PREPOSITIONS, CONJUNCTIONS, OPENERS, SYLLABLES, VENUES, ORGANISATION_KINDS, TITLE_OPENERS,
  FINDING_VERBS, FINDING_OBJECTS, RELATIONS, CLASSIFICATIONS, CALLOUTS, CALLOUT_TITLES, STATUSES, FINDING_LABELS, ANSWER_LABELS,
  ARGUMENT_LABELS, ATTRIBUTIONS, RELATION_VERBS, QUESTIONS, LOG_ACTIONS,
].flatMap((bank) => bank.flatMap((phrase) => phrase.toLowerCase().replace(/\{\w+\}|\?/g, ' ').trim().split(/\s+/)));
