/**
 * The key under which a term is indexed: lower case, with runs of spaces and hyphens as one space.
 * `Influence-seeking  behaviour` and `influence seeking behaviour` share the key `influence seeking behaviour`.
 */
export function normaliseTerm(term: string): string {
  return term.toLowerCase().replace(/[\s\u2010-\u2015-]+/g, ' ').trim();
}

/**
 * Keys a written phrase may stand for: itself, and its singular when it looks like an English plural
 * or possessive (`schemers` → `schemer`, `RLHF's` → `rlhf`).
 */
export function candidateKeys(phrase: string): string[] {
  const key = normaliseTerm(phrase);
  const keys = [key];
  const possessive = key.replace(/['\u2019]s?$/, '');
  if (possessive !== key) keys.push(possessive);
  for (const base of [...keys]) {
    if (base.endsWith('ies')) keys.push(`${base.slice(0, -3)}y`);
    if (base.endsWith('es')) keys.push(base.slice(0, -2));
    if (base.endsWith('s')) keys.push(base.slice(0, -1));
  }
  return keys;
}
