import { phraseKey } from '../concepts/phraseKey';
import type { CourseIndex } from '../index/courseIndex';
import type { ConceptPlaces } from './filters';
import { type GlossaryFormat, glossaryAnkiTsv, glossaryCsv, glossaryJson, glossaryMarkdown } from './exportFormats';
import { glossaryEntries, type SourceNamer } from './glossary';
import type { ConceptLookup } from './reviewBook';

/** The front-matter tags of the notes that define a concept. */
function frontMatterTags(index: CourseIndex, id: string, tagsOfNote = (note: string): readonly string[] => index.analysisOf(note)?.page?.frontMatter?.tags ?? []): string[] {
  const tags = new Set<string>();
  for (const definition of index.definitionsOf(id)) for (const tag of tagsOfNote(definition.note)) tags.add(tag);
  return [...tags];
}

/** Where each concept is, for study filters; `folderOf` gives a note's workspace-relative folder. Each note is asked once. */
export function conceptPlaces(index: CourseIndex, folderOf: (note: string) => string): (id: string) => ConceptPlaces {
  const folders = new Map<string, string>();
  const tags = new Map<string, readonly string[]>();
  const folder = (note: string): string => {
    let found = folders.get(note);
    if (found === undefined) folders.set(note, (found = folderOf(note)));
    return found;
  };
  const tagsOfNote = (note: string): readonly string[] => {
    let found = tags.get(note);
    if (found === undefined) tags.set(note, (found = index.analysisOf(note)?.page?.frontMatter?.tags ?? []));
    return found;
  };
  return (id) => ({
    home: index.homeOf(id),
    folders: [...new Set(index.definitionsOf(id).map((definition) => folder(definition.note)))],
    tags: frontMatterTags(index, id, tagsOfNote),
  });
}

/** The tags an export gives a concept: its unit, when its home is one, and its notes' front-matter tags. */
export function exportTags(index: CourseIndex, id: string): string[] {
  const home = index.homeOf(id);
  return [...(home?.kind === 'unit' ? [home.label] : []), ...frontMatterTags(index, id)];
}

/** What the review book asks the index: a concept's names, and whether a key is a concept's id. */
export function conceptLookup(index: CourseIndex): ConceptLookup {
  return {
    names: (id) => index.concept(id),
    isConcept: (id) => index.concept(id) !== undefined,
    keyOf: phraseKey,
  };
}

/** The whole glossary in one export format. */
export function exportGlossary(index: CourseIndex, format: GlossaryFormat, sources: SourceNamer): string {
  if (format === 'json') return glossaryJson(index);
  const entries = glossaryEntries(index.concepts(), (id) => exportTags(index, id));
  if (format === 'csv') return glossaryCsv(entries, sources);
  if (format === 'tsv') return glossaryAnkiTsv(entries, sources);
  return glossaryMarkdown(entries, sources);
}
