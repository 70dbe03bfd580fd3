import type { Steps, WorkBudget } from '../util/steps';
import type { Draft } from './conceptTable';

/**
 * Which term keys name one concept. The rules (docs/NOTE_MODEL.md), applied to the set of drafts, so
 * the result never depends on the order notes were read in:
 * 1. Terms with the same key are one concept already (`phraseKey`: case, plurals, British/American
 *    spellings, hyphens).
 * 2. A term that is another concept's alias joins it: `RLHF` defined in a unit note joins the summary's
 *    `Reinforcement Learning with Human Feedback (RLHF)`; a glossary term equal to a concept page's
 *    front-matter alias joins the page. Joins are transitive.
 * 3. Not when the alias is ambiguous: an alias that two or more concepts give (`RM` for both "Reward
 *    modelling" and "Risk management") joins nothing.
 * 4. Two concepts that only share an alias stay apart: the alias alone does not say they are the same;
 *    unless their names differ only in small words (`Reinforcement Learning from Human Feedback (RLHF)`
 *    and `Reinforcement learning with human feedback (RLHF)`), which makes them one name (and the alias
 *    then no longer ambiguous).
 * 5. A name's form without a leading article is one of its aliases: `The Orthogonality Thesis` joins the
 *    `Orthogonality Thesis` page.
 * The joined concept is named by its fullest name: most words, then most characters, then the first key in
 * code-unit order; its id is that name's key. Built in steps (see `steps.ts`), a draft, an alias or a group a unit.
 */
export function* conceptGroups(
  drafts: ReadonlyMap<string, Draft>,
  /** The keys that give each alias the drafts give (see `ownersOf`): of a larger set when only some of its keys are grouped. */
  owners: ReadonlyMap<string, readonly string[]>,
  budget: WorkBudget,
): Steps<{
  groupOf: Map<string, string>;
  members: Map<string, readonly string[]>;
}> {
  const root = new Map<string, string>();
  const find = (key: string): string => {
    let at = key;
    while (root.get(at) !== undefined && root.get(at) !== at) at = root.get(at) as string;
    // Path compression keeps long alias chains linear.
    for (let step = key; step !== at; ) {
      const next = root.get(step) as string;
      root.set(step, at);
      step = next;
    }
    return at;
  };
  const union = (x: string, y: string): void => {
    const a = find(x);
    const b = find(y);
    if (a !== b) root.set(a < b ? b : a, a < b ? a : b);
  };
  // Rule 4's exception first: names that share an alias and differ only in small words are one name.
  for (const list of owners.values()) {
    if (budget.spend(list.length)) yield;
    const byWords = new Map<string, string>();
    for (const owner of list) {
      const words = contentWords(owner);
      const same = byWords.get(words);
      if (same === undefined) byWords.set(words, owner);
      else union(same, owner);
    }
  }
  // Which aliases are ambiguous is decided on the groups as they stand now, before any alias joins, and the
  // joins are made in key order: the result depends on the set of drafts only, never on their order.
  const joins: [string, string][] = [];
  for (const [alias, list] of owners) {
    if (budget.spend(list.length)) yield;
    // Owners that share their content words are one group by now, and no others are (see `ambiguous`).
    const [owner] = list;
    if (!ambiguous(list) && owner !== undefined && drafts.has(alias)) joins.push([alias, owner]);
  }
  for (const [alias, owner] of joins.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    union(alias, owner);
    if (budget.spend()) yield;
  }
  const byRoot = new Map<string, string[]>();
  for (const key of drafts.keys()) {
    if (budget.spend()) yield;
    const top = find(key);
    const list = byRoot.get(top);
    if (list) list.push(key);
    else byRoot.set(top, [key]);
  }
  const groupOf = new Map<string, string>();
  const members = new Map<string, readonly string[]>();
  for (const keys of byRoot.values()) {
    if (budget.spend(keys.length)) yield;
    const ordered = keys.sort((a, b) => fuller(drafts.get(a)?.term ?? a, drafts.get(b)?.term ?? b) || (a < b ? -1 : a > b ? 1 : 0));
    const id = ordered[0] as string;
    members.set(id, ordered);
    for (const key of ordered) groupOf.set(key, id);
  }
  return { groupOf, members };
}

/** The keys that give each alias (see `aliasesGiven`), in steps of one draft. */
export function* ownersOf(drafts: ReadonlyMap<string, Draft>, budget: WorkBudget): Steps<Map<string, string[]>> {
  const owners = new Map<string, string[]>();
  for (const [key, draft] of drafts) {
    if (budget.spend()) yield;
    for (const alias of aliasesGiven(key, draft)) {
      const list = owners.get(alias);
      if (list) list.push(key);
      else owners.set(alias, [key]);
    }
  }
  return owners;
}

/**
 * The names other than its own key by which a draft may join another: its aliases' keys, and its key without a
 * leading article (`The Orthogonality Thesis` may be written without it). The groups are unions along these
 * links alone, so a change of drafts regroups only the keys they connect (see `ConceptTable`).
 */
export function aliasesGiven(key: string, draft: Draft): readonly string[] {
  const bare = ARTICLE.exec(key)?.[1];
  const all = bare ? [...draft.aliasKeys, bare] : draft.aliasKeys;
  return all.every((alias) => alias !== key) ? all : all.filter((alias) => alias !== key);
}

const ARTICLE = /^(?:the|a|an) (.+)$/;
const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'for', 'from', 'with', 'to', 'in', 'on', 'by', 'and', 'or', 'via', 'using']);

/**
 * Whether an alias given by these keys joins none of them: two of them differ in content words. Keys that share
 * an alias and their content words are one name (rule 4), so this is rule 3 read from the owners alone.
 */
export function ambiguous(owners: readonly string[]): boolean {
  const [first] = owners;
  if (first === undefined) return true;
  const words = contentWords(first);
  return owners.some((owner) => contentWords(owner) !== words);
}

/** A term key without its small words: what two spellings of one name share. */
export function contentWords(key: string): string {
  return key
    .split(' ')
    .filter((word) => !SMALL_WORDS.has(word))
    .join(' ');
}

/** Negative when `a` is the fuller name: more words, then more characters. */
function fuller(a: string, b: string): number {
  const words = (text: string): number => text.trim().split(/\s+/).length;
  return words(b) - words(a) || b.length - a.length;
}
