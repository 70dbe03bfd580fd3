import { chance, pick, type Random, seeded } from './prng';
import { ALIAS_LEADS, assertDisjointBanks, HEADS, MODIFIERS, SINGLES, SUFFIXES } from './words';

/** A conservative identity for terms: case, hyphens and a plural `s` do not make a new term. */
export function termKey(term: string): string {
  return term
    .toLowerCase()
    .split(/[\s-]+/)
    .map((word) => word.replace(/s$/, ''))
    .join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * `size` distinct terms: every single word of SINGLES first, then about 62% modifier+head ("Deceptive
 * sandbagging"), 23% modifier+modifier+head and 15% modifier+head+suffix ("Reward hacking tax").
 */
export function makeVocab(size: number, seed: number): string[] {
  assertDisjointBanks();
  const random = seeded(seed, 'vocab', size);
  const terms: string[] = [];
  const keys = new Set<string>();
  const add = (term: string): void => {
    const key = termKey(term);
    if (keys.has(key)) return;
    keys.add(key);
    terms.push(term);
  };
  for (const single of SINGLES) if (terms.length < size) add(single);
  let attempts = 0;
  while (terms.length < size) {
    if (++attempts > size * 100) throw new Error(`cannot make ${size} distinct terms from the word banks`);
    const roll = random();
    const head = pick(random, HEADS);
    const first = pick(random, MODIFIERS);
    if (roll < 0.62) add(capitalise(`${first} ${head}`));
    else if (roll < 0.85) {
      const second = pick(random, MODIFIERS);
      if (second !== first) add(capitalise(`${first} ${second} ${head}`));
    } else add(capitalise(`${first} ${head} ${pick(random, SUFFIXES)}`));
  }
  return terms;
}

/** The initials of a term as an acronym: `Open-ended reward hacking` → `OERH`; a single word gives its first three letters. */
export function acronymOf(term: string): string {
  const words = term.split(/[\s-]+/).filter(Boolean);
  if (words.length === 1) return term.slice(0, 3).toUpperCase();
  return words.map((word) => word.charAt(0).toUpperCase()).join('');
}

/** A second name for a term: its acronym, or a phrase like `classic sandbagging`. */
export function aliasOf(random: Random, term: string): string {
  if (chance(random, 0.5)) return acronymOf(term);
  const last = term.split(/\s+/).at(-1) ?? term;
  return `${pick(random, ALIAS_LEADS)} ${last.toLowerCase()}`;
}
