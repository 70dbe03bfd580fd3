import type { Concept, Definition } from '../model';
import type { Steps, WorkBudget } from '../util/steps';

/**
 * Where a concept or page belongs: the one group the Concepts view files it under, the concept map colours it
 * by and a study session filters by. A heading is never a home: "Key definitions" says nothing of the course.
 */
export interface Home {
  /**
   * Stable and unique: `unit:<local note>` (or `unit:<course URL without anchor>` when the unit has no local
   * copy), `type:<front-matter type>`, `folder:<workspace-relative folder>`, `note:<note>`.
   */
  readonly key: string;
  readonly kind: 'unit' | 'type' | 'folder' | 'note';
  /** Short name to show: `Unit 1`, `concept`, `sources`, `Course summary`. */
  readonly label: string;
  /** Longer name when there is one (a unit note's title), else the label. */
  readonly title: string;
}

/** What homes are read from; the index answers each from what it already holds. */
export interface HomeSources {
  /** The units a definition cites: one home per place its citations lead to, each with the label it was cited by. */
  unitsCitedBy(definition: Definition): readonly Home[];
  /** The home of a note as a page: its front-matter type, else its folder. */
  pageHomeOf(note: string): Home;
  /** Whether a note is a vault's page (it has front matter): its glossary terms go where the page goes. */
  isVaultPage(note: string): boolean;
  /** A note's file name without extension, and its title (H1) when it has one. */
  nameOf(note: string): { readonly stem: string; readonly title?: string };
}

/**
 * Every concept's home. A concept page (a vault's) goes to its front-matter type or folder; a glossary concept
 * to the unit most of its definitions cite or live in (a definition lives in a unit when its note is a unit's
 * local copy, which some definition cites), ties to the first. A concept that names no unit goes where the
 * concept it is nested under goes (`Feature visualisation` under `Circuits`), else where the vault page that
 * first defines it goes, else to that note. Unit labels are the name most citations give the unit (`Unit 1`), ties to the first in code-unit
 * order, so a concept's home never depends on the order notes were read in. Built in steps (see `steps.ts`): a
 * definition or a concept is a unit of work.
 */
export function* conceptHomes(concepts: Iterable<Concept>, sources: HomeSources, budget: WorkBudget): Steps<Map<string, Home>> {
  const list = [...concepts];
  const cited = new Map<Definition, readonly Home[]>();
  const labels = new Map<string, Map<string, number>>();
  for (const concept of list) {
    for (const definition of concept.definitions) {
      if (budget.spend()) yield;
      const units = sources.unitsCitedBy(definition);
      cited.set(definition, units);
      for (const unit of units) {
        const counts = labels.get(unit.key) ?? new Map<string, number>();
        counts.set(unit.label, (counts.get(unit.label) ?? 0) + 1);
        labels.set(unit.key, counts);
      }
    }
  }
  const unitHome = (key: string, fallback: Home): Home => {
    const label = mostUsed(labels.get(key)) ?? fallback.label;
    return { ...fallback, label };
  };
  const homes = new Map<string, Home>();
  const orphans: Concept[] = [];
  for (const concept of list) {
    if (budget.spend(concept.definitions.length)) yield;
    const page = concept.definitions.find((definition) => definition.style === 'page');
    if (page) {
      homes.set(concept.id, sources.pageHomeOf(page.note));
      continue;
    }
    const counts = new Map<string, { home: Home; count: number }>();
    for (const definition of concept.definitions) {
      const places = new Map<string, Home>();
      for (const unit of cited.get(definition) ?? []) places.set(unit.key, unit);
      const livesIn = `unit:${definition.note}`;
      if (labels.has(livesIn) && !places.has(livesIn)) places.set(livesIn, localUnit(definition.note, sources));
      for (const [key, home] of places) {
        const entry = counts.get(key);
        if (entry) entry.count++;
        else counts.set(key, { home, count: 1 });
      }
    }
    let best: { home: Home; count: number } | undefined;
    for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
    if (best) homes.set(concept.id, unitHome(best.home.key, best.home));
    else orphans.push(concept);
  }
  const byId = new Map(list.map((concept) => [concept.id, concept]));
  const parentHome = (concept: Concept): Home | undefined => {
    const seen = new Set<string>();
    for (let parent = concept.parent; parent !== undefined && !seen.has(parent); parent = byId.get(parent)?.parent) {
      seen.add(parent);
      const home = homes.get(parent);
      if (home?.kind === 'unit') return home;
    }
    return undefined;
  };
  // Parents first: a nested concept's home is read from the homes its parents already have.
  for (const concept of orphans) {
    if (budget.spend()) yield;
    const first = concept.definitions[0];
    const home = parentHome(concept) ?? (first && (sources.isVaultPage(first.note) ? sources.pageHomeOf(first.note) : noteHome(first.note, sources)));
    if (home) homes.set(concept.id, home);
  }
  return homes;
}

/** The home of a unit's local copy, labelled by its file name until citations name it. */
export function localUnit(note: string, sources: Pick<HomeSources, 'nameOf'>): Home {
  const { stem, title } = sources.nameOf(note);
  return { key: `unit:${note}`, kind: 'unit', label: stem, title: title ?? stem };
}

function noteHome(note: string, sources: Pick<HomeSources, 'nameOf'>): Home {
  const { stem, title } = sources.nameOf(note);
  return { key: `note:${note}`, kind: 'note', label: stem, title: title ?? stem };
}

/** The home of a page: its front-matter type when it gives one, else its folder (`Top level` at the root). */
export function pageHome(type: string | undefined, folder: string): Home {
  const kind = type?.trim().toLowerCase();
  if (kind) return { key: `type:${kind}`, kind: 'type', label: kind, title: kind };
  return { key: `folder:${folder}`, kind: 'folder', label: folder || 'Top level', title: folder || 'Top level' };
}

function mostUsed(counts: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: [string, number] | undefined;
  for (const entry of counts ?? []) {
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  }
  return best?.[0];
}
