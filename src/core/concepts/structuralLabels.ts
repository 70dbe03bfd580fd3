/**
 * Bold labels that structure a note rather than name a concept: vault pages write `**Related to**: [[a]]`,
 * `**Builds on**:`, `**Sources**:` and `**Key claims**:` by the hundred, and counting them as glossary terms
 * buried real concepts under noise (1,482 "concepts" on an 800-page vault, most of them labels).
 */
const LABELS = new Set(
  [
    'see also', 'see', 'sources', 'source', 'tags', 'tag', 'status', 'type', 'aliases', 'alias', 'example', 'examples',
    'note', 'notes', 'links', 'link', 'references', 'reference', 'related', 'tl;dr', 'tldr', 'summary', 'definition',
    'definitions', 'key claims', 'key claim', 'evidence', 'question', 'questions', 'answer', 'claim', 'claims',
    'takeaway', 'takeaways', 'key takeaways', 'why it matters', 'caveat', 'caveats', 'limitations', 'open questions',
    'counterarguments', 'counterargument', 'arguments', 'argument', 'pros', 'cons', 'date', 'author', 'authors',
    'url', 'todo', 'next steps', 'context', 'background', 'quote', 'overview', 'what it is', 'classification',
  ],
);

/** Words that end a relation label: `Related to`, `Builds on`, `Distinct from`, `Contrasts with`, `Part of`. */
const PREPOSITIONS = new Set([
  'to', 'on', 'from', 'with', 'of', 'by', 'in', 'for', 'against', 'vs', 'versus', 'into', 'about', 'as', 'at', 'via',
  'than', 'between', 'under', 'over', 'onto', 'upon', 'toward', 'towards',
]);

/** Numbered labels: `Theorem 2`, `Desideratum 1`, `Step 3`, `Week 4`. */
const NUMBERED = /^(?:theorem|lemma|corollary|proposition|definition|desideratum|claim|hypothesis|figure|fig|table|step|part|section|example|observation|conjecture|assumption|axiom|remark|case|option|stage|phase|week|day|lecture|lesson|unit|chapter|question|q|argument|objection|premise|point)\.?\s*[\dIVXivx]+[a-z]?(?:[./–-][\dIVXivx]+)*$/i;
/** A comparison opener: `vs. disinformation`, `versus lying`. */
const COMPARISON = /^(?:vs\.?|versus|compared? (?:to|with))\s/i;

/** Whether a bold label is structure (a relation, a comparison, a numbered or a section label), never a glossary term. */
export function isStructuralLabel(term: string): boolean {
  const words = term.toLowerCase().replace(/[\s:.]+$/, '').trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  return LABELS.has(words.join(' ')) || (words.length > 1 && PREPOSITIONS.has(last)) || NUMBERED.test(term.trim()) || COMPARISON.test(term);
}

/** A year in parentheses or after a name, or `et al.`: `Christiano et al. (2021)`, `Goodhart (1975)`, `Hubinger et al. 2019`. */
const CITATION = /\bet al\b|\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)|^[\p{Lu}][\p{L}'-]+(?:\s+(?:&|and)\s+[\p{Lu}][\p{L}'-]+)?,?\s+(?:1[5-9]|20)\d\d[a-z]?$/u;

/** Whether a bold label or an alias names a publication rather than a concept. */
export function looksLikeCitation(text: string): boolean {
  return CITATION.test(text.trim());
}
