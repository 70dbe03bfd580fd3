import { nameAndAcronym } from '../concepts/acronyms';
import type { Range } from '../model';
import type { NoteDefinition, PageFacts } from '../notes/noteAnalysis';

const NOTE_EXTENSION = /\.(?:md|markdown)$/i;
const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Whether a note is a concept page: its front matter says `type: concept` or tags it `concept`, or it sits in
 * a folder named `concepts` at any depth of its workspace folder. `path` is the note's decoded path relative
 * to that folder (`concepts/goal-drift.md`), so a workspace that itself sits in a `concepts` folder does not
 * make every note a concept page.
 */
export function isConceptPage(path: string, facts: PageFacts | undefined): boolean {
  const folders = path.split('/').slice(0, -1);
  if (folders.some((folder) => folder.toLowerCase() === 'concepts')) return true;
  const frontMatter = facts?.frontMatter;
  if (!frontMatter) return false;
  return frontMatter.type?.toLowerCase() === 'concept' || frontMatter.tags.some((tag) => tag.toLowerCase() === 'concept');
}

/**
 * A page's name: front-matter `title`, else its first H1, else its file name without the extension. A
 * title ending in an acronym names the concept and gives the acronym as an alias (`# Direct Preference
 * Optimization (DPO)`); another trailing parenthesis is a qualifier that prose never repeats
 * (`# Lying (LLM-Generated)`, `# Honesty (AI)`), left out of the name.
 */
export function pageTitle(path: string, facts: PageFacts | undefined): { readonly title: string; readonly aliases: readonly string[] } {
  const written = facts?.frontMatter?.title ?? facts?.heading?.text;
  if (written === undefined) return { title: path.slice(path.lastIndexOf('/') + 1).replace(NOTE_EXTENSION, ''), aliases: [] };
  const acronym = nameAndAcronym(written);
  if (acronym) return { title: acronym.name, aliases: [acronym.acronym] };
  return { title: withoutQualifier(written), aliases: [] };
}

/** `Lying (LLM-Generated)` → `Lying`; a title that is nothing but its parenthesis stays whole. Linear in the title. */
function withoutQualifier(title: string): string {
  if (!title.endsWith(')')) return title;
  const open = title.lastIndexOf('(');
  const name = open < 0 || title.slice(open + 1, -1).includes('(') ? '' : title.slice(0, open).trimEnd();
  return /[\p{L}\p{N}]/u.test(name) ? name : title;
}

/**
 * The definitions a concept page gives its concept, named by its title and aliases: its own (style `page`:
 * its definition section, else `paragraph`, the first paragraph after its title; empty when the page defines
 * nothing yet, so the page is still where F12 goes) and one per attributed bullet of its definition section.
 */
export function pageDefinitions(path: string, facts: PageFacts | undefined, paragraph?: PageFacts['definition']): NoteDefinition[] {
  const { title: term, aliases } = pageTitle(path, facts);
  const termRange = facts?.heading?.range ?? START;
  const definition = facts?.definition ?? paragraph;
  const own: NoteDefinition = {
    term,
    aliases: [...aliases, ...(facts?.frontMatter?.aliases ?? [])],
    style: 'page',
    text: definition?.text ?? '',
    markdown: definition?.markdown ?? '',
    termRange,
    range: definition?.range ?? termRange,
    headingTrail: [],
    citations: [],
  };
  const attributed = (facts?.attributed ?? []).map(
    (found): NoteDefinition => ({
      term,
      aliases: [],
      style: 'attributed',
      text: found.text,
      markdown: found.markdown,
      termRange: found.termRange,
      range: found.range,
      headingTrail: [],
      citations: [],
      source: found.source,
    }),
  );
  return [own, ...attributed];
}
