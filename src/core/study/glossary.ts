import type { Concept } from '../model';
import { type CardDefinition, cardDefinitions } from './cards';

/** One concept as the exports write it. */
export interface GlossaryEntry {
  readonly id: string;
  readonly term: string;
  readonly aliases: readonly string[];
  readonly definitions: readonly CardDefinition[];
  /** Its unit (or other home) and the front-matter tags of the notes that define it, without spaces. */
  readonly tags: readonly string[];
}

/** How an export names and links to the place of a definition. */
export interface SourceNamer {
  /** `units/Unit 1 - Losing control to AI.md:12` */
  label(note: string, line: number): string;
  /** A link from the exported file to that place, for Markdown. */
  href(note: string, line: number): string;
}

/** A tag as Anki and spreadsheets keep it: one word (`Unit 1` → `Unit_1`). */
export function tagOf(name: string): string {
  return name.trim().replace(/\s+/g, '_');
}

/** Every concept with a definition in words, sorted by term (case and accents aside, then as written). */
export function glossaryEntries(concepts: Iterable<Concept>, tagsOf: (conceptId: string) => readonly string[]): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  for (const concept of concepts) {
    const definitions = cardDefinitions(concept.definitions);
    if (definitions.length === 0) continue;
    const tags = [...new Set(tagsOf(concept.id).map(tagOf).filter((tag) => tag !== ''))];
    entries.push({ id: concept.id, term: concept.term, aliases: concept.aliases, definitions, tags });
  }
  return entries.sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }) || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

/** A definition as one line of text: `Smith 2024: the goal drifts.` for an attributed one. */
export function definitionLine(definition: CardDefinition): string {
  return definition.attribution ? `${definition.attribution}: ${definition.text}` : definition.text;
}
