import { canonicalToken, isAcronym, words } from '../occurrences/tokens';

/**
 * The id of the concept a term names: its words' match keys, joined by spaces. Terms that the matcher treats
 * as the same phrase share it: `Influence-seeking behaviour` and `influence seeking behaviors` give
 * `influence seeking behavior`; `Features` and `feature` give `feature`; `RLHF` stays `RLHF`.
 */
export function phraseKey(phrase: string): string {
  const keys: string[] = [];
  for (const word of words(phrase)) keys.push(canonicalToken(word.text, isAcronym(word.text)));
  return keys.join(' ');
}
