import { levenshtein } from '../citations/closestHeading';
import { sortInSteps, type Steps, type WorkBudget } from '../util/steps';

/** Shortest term, in characters, compared for misspellings: shorter ones differ by one letter too often. */
const MIN_LENGTH = 5;

/** Every string made by deleting one character: two words one edit apart always share one. */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Pairs of concept ids that look like one term spelt two ways ("resiliance" / "resilience"): one edit apart,
 * found through a shared one-deletion variant (SymSpell's trick) so 30,000 terms are never compared pairwise.
 * Each pair is sorted and the list is sorted, so the result is deterministic. In steps (see `steps.ts`): an id,
 * a pair compared or four letters of an id is a unit of work; 10,000 ids take about 0.1 s.
 */
export function* likelyDuplicates(ids: readonly string[], budget: WorkBudget): Steps<[string, string][]> {
  const byVariant = new Map<string, string[]>();
  for (const id of ids) {
    if (budget.spend(1 + id.length / 4)) yield;
    if (id.length < MIN_LENGTH) continue;
    for (const variant of new Set(deletions(id))) {
      const list = byVariant.get(variant);
      if (list) list.push(id);
      else byVariant.set(variant, [id]);
    }
  }
  const pairs = new Map<string, [string, string]>();
  for (const group of byVariant.values()) {
    if (budget.spend(0.02)) yield;
    if (group.length < 2 || group.length > 20) continue;
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i] ?? '', group[j] ?? ''].sort() as [string, string];
        if (a !== b && !/\d/.test(a + b) && levenshtein(a, b) === 1) pairs.set(`${a}\u0000${b}`, [a, b]);
        if (budget.spend()) yield;
      }
    }
  }
  return yield* sortInSteps([...pairs.values()], (x, y) => x[0].localeCompare(y[0]) || x[1].localeCompare(y[1]), budget);
}
