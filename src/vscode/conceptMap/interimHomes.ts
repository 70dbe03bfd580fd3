import * as vscode from 'vscode';
import { unitLabel } from '../../core/citations/unitLabel';
import type { CourseIndex } from '../../core/index/courseIndex';
import { fileNameOf } from '../../core/util/fileName';

/**
 * INTERIM, until the lead's "Concept homes" commit (`src/core/concepts/conceptHome.ts`, `CourseIndex.homeOf`
 * and `pageHomeOf`) is on main: the same interface and rules, so the map codes against them now and this
 * file is deleted when main is merged.
 */
export interface Home {
  readonly key: string;
  readonly kind: 'unit' | 'type' | 'folder' | 'note';
  readonly label: string;
  readonly title: string;
}

export interface HomeSource {
  homeOf(conceptId: string): Home | undefined;
  pageHomeOf(note: string): Home;
}

function noteName(note: string): string {
  return fileNameOf(note).replace(/\.(md|markdown)$/i, '');
}

export function interimHomes(index: CourseIndex): HomeSource {
  const units = new Map<string, Home>();
  const unitOf = (url: string, label: string, note: string): Home => {
    const resolution = index.resolve(url, note);
    const key = resolution.kind === 'local' ? `unit:${resolution.note}` : `unit:${label}`;
    let home = units.get(key);
    if (!home) units.set(key, (home = { key, kind: 'unit', label: label || noteName(key.slice(5)), title: label }));
    return home;
  };
  const pageHomeOf = (note: string): Home => {
    const type = index.analysisOf(note)?.page?.frontMatter?.type?.trim().toLowerCase();
    if (type) return { key: `type:${type}`, kind: 'type', label: type, title: type };
    const path = vscode.workspace.asRelativePath(vscode.Uri.parse(note), false);
    const folder = path.split('/').slice(0, -1).join('/');
    if (folder) return { key: `folder:${folder}`, kind: 'folder', label: folder.split('/').at(-1) ?? folder, title: folder };
    const title = index.analysisOf(note)?.page?.heading?.text ?? noteName(note);
    return { key: `note:${note}`, kind: 'note', label: title, title };
  };
  return {
    pageHomeOf,
    homeOf: (id) => {
      const concept = index.concept(id);
      if (!concept) return undefined;
      const counts = new Map<string, { home: Home; count: number }>();
      for (const definition of concept.definitions) {
        for (const citation of definition.citations) {
          const home = unitOf(citation.url, unitLabel(citation), definition.note);
          const entry = counts.get(home.key);
          if (entry) entry.count++;
          else counts.set(home.key, { home, count: 1 });
        }
        const own = units.get(`unit:${definition.note}`);
        if (own) counts.set(own.key, { home: own, count: (counts.get(own.key)?.count ?? 0) + 1 });
      }
      let best: { home: Home; count: number } | undefined;
      for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
      if (best) return best.home;
      const page = concept.definitions.find((definition) => index.pageConcept(definition.note)?.id === id);
      const first = page ?? concept.definitions[0];
      if (!first) return undefined;
      if (page) return pageHomeOf(page.note);
      const title = index.analysisOf(first.note)?.page?.heading?.text ?? noteName(first.note);
      return { key: `note:${first.note}`, kind: 'note', label: title, title };
    },
  };
}
