import type { Definition } from '../model';

/**
 * The places a concept is defined, for F12 and the symbol lists: every definition but the attributed ones,
 * which sit on their concept page below its title, where the page's own definition already leads.
 */
export function definingPlaces(definitions: readonly Definition[]): Definition[] {
  return definitions.filter((definition) => definition.style !== 'attributed');
}
