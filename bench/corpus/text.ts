/** Small string helpers the corpus generators share. */
import { int, type Random } from './prng';

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `reward hacking` → `Reward Hacking`; hyphenated words too (`Open-Ended`). */
export function titleCase(term: string): string {
  return term.replace(/(^|[\s-])([a-z])/g, (_, gap: string, letter: string) => gap + letter.toUpperCase());
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A file name as vaults write them: `Open-ended reward hacking` → `open-ended-reward-hacking`. */
export function kebab(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Percent-encodes one path segment, as a GitHub URL or a relative Markdown link holds it. */
export const encode = (segment: string): string => encodeURIComponent(segment);

/** A date of 2023-2026 as front matter and log headings write it: `2025-02-03`. */
export function isoDate(random: Random): string {
  return `20${int(random, 23, 26)}-${pad(int(random, 1, 12), 2)}-${pad(int(random, 1, 28), 2)}`;
}
