/** A name followed by its acronym in parentheses: `Reinforcement Learning from Human Feedback (RLHF)`. */
const NAME_AND_ACRONYM = /^(.*\S)\s*\(\s*([A-Z][A-Za-z0-9&-]*[A-Z0-9]s?)\s*\)\s*$/;

/**
 * The name and acronym of `Name (ACR)`, when the acronym can abbreviate the name: it starts with the name's
 * first letter and its letters appear in the name in order (`Sparse autoencoders (SAE)`). `Honesty (AI)`
 * and `Constitutional AI and Reinforcement Learning from AI Feedback (RLAIF)` are a qualifier and a
 * section of two topics, not a concept and its acronym.
 */
export function nameAndAcronym(text: string): { readonly name: string; readonly acronym: string } | undefined {
  const match = NAME_AND_ACRONYM.exec(text);
  const name = match?.[1];
  const acronym = match?.[2];
  if (!name || !acronym || !abbreviates(acronym, name)) return undefined;
  return { name, acronym };
}

function abbreviates(acronym: string, name: string): boolean {
  const letters = acronym.replace(/s$/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const source = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters.charAt(0) !== source.charAt(0)) return false;
  let at = 0;
  for (const letter of letters) {
    at = source.indexOf(letter, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
