import { slug } from 'github-slugger';
import type { Heading } from '../model';

/**
 * The heading an unmatched anchor most likely meant, for citations whose anchor drifted from the heading
 * (`#what-failure-look-like` for "What failure looks like").
 *
 * Measure: the Sørensen–Dice coefficient over the character bigrams (as multisets) of the anchor, put through
 * GitHub's slug function, and each heading's slug; Dice rewards shared word pieces whatever their position, so
 * a missing letter or word costs little. Ties go to the smaller Levenshtein distance, then to the earlier
 * heading. `undefined` only when there are no headings.
 */
export function closestHeading(anchor: string, headings: readonly Heading[]): Heading | undefined {
  const target = slug(anchor);
  let best: { heading: Heading; dice: number; distance: number } | undefined;
  for (const heading of headings) {
    const dice = diceCoefficient(target, heading.slug);
    if (best !== undefined && dice < best.dice) continue;
    const distance = levenshtein(target, heading.slug);
    if (best === undefined || dice > best.dice || distance < best.distance) best = { heading, dice, distance };
  }
  return best?.heading;
}

/** Sørensen–Dice over multisets of bigrams: 2·|A∩B| / (|A|+|B|); strings too short for bigrams score 1 if equal, else 0. */
export function diceCoefficient(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const bigram = a.slice(i, i + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const bigram = b.slice(i, i + 2);
    const count = counts.get(bigram) ?? 0;
    if (count > 0) {
      counts.set(bigram, count - 1);
      shared++;
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/** Edit distance (insert, delete, substitute, each costing 1), in two rows of memory. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
