import type cytoscape from 'cytoscape';

/**
 * Adds (`on`) or removes space-separated classes, touching only the elements where that changes something.
 * cytoscape's `toggleClass(…, on)`, `addClass` and `removeClass` restyle and notify every element they are
 * given, changed or not: on a 500-node map, setting the filters' and search's classes on every node each
 * time cost more than drawing it.
 */
export function setClasses(elements: cytoscape.CollectionArgument, names: string, on: boolean): void {
  const list = names.split(' ').filter((name) => name !== '');
  const changing = elements.filter((element) => list.some((name) => element.hasClass(name) !== on));
  if (changing.nonempty()) changing.toggleClass(list.join(' '), on);
}
