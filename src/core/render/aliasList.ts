/** Aliases shown in a hover or completion item; a term with 1,000 aliases must not make a hover of 10,000 words. */
export const ALIASES_SHOWN = 12;

/** `a, b, c` for a few aliases; `a, b, …, l and 988 more` past `ALIASES_SHOWN`. */
export function aliasList(aliases: readonly string[]): string {
  const shown = aliases.slice(0, ALIASES_SHOWN).join(', ');
  const more = aliases.length - ALIASES_SHOWN;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
