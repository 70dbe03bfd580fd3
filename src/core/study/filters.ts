import type { Home } from '../concepts/conceptHome';
import type { StudyCard } from './cards';

/**
 * What a study session can be narrowed to: a concept's home (its unit, a vault page's type or folder, or its
 * note), a folder that holds one of its definitions, or a front-matter tag of a note that defines it.
 */
export interface StudyFilter {
  /** `unit:...`, `type:...`, `note:...` (homes, see conceptHome.ts), `folder:<workspace-relative folder>`, `tag:<tag>`. */
  readonly key: string;
  readonly kind: Home['kind'] | 'tag';
  readonly label: string;
  /** Concepts it holds that have cards. */
  readonly concepts: number;
}

/** Where one concept is, for filtering. */
export interface ConceptPlaces {
  readonly home: Home | undefined;
  /** Workspace-relative folders of the notes that define it (`''` for the workspace folder itself). */
  readonly folders: readonly string[];
  /** Front-matter tags of the notes that define it, without `#`. */
  readonly tags: readonly string[];
}

function keysOf(places: ConceptPlaces): Set<string> {
  const keys = new Set<string>();
  if (places.home) keys.add(places.home.key);
  for (const folder of places.folders) if (folder !== '') keys.add(`folder:${folder}`);
  for (const tag of places.tags) keys.add(`tag:${tag}`);
  return keys;
}

const KIND_ORDER: Record<StudyFilter['kind'], number> = { unit: 0, type: 1, folder: 2, tag: 3, note: 4 };

/** Every filter that holds at least one concept with cards: units first, then types, folders, tags and notes, each by label. */
export function studyFilters(cards: readonly StudyCard[], placesOf: (conceptId: string) => ConceptPlaces): StudyFilter[] {
  const found = new Map<string, { kind: StudyFilter['kind']; label: string; concepts: Set<string> }>();
  const add = (key: string, kind: StudyFilter['kind'], label: string, conceptId: string): void => {
    let entry = found.get(key);
    if (!entry) found.set(key, (entry = { kind, label, concepts: new Set() }));
    entry.concepts.add(conceptId);
  };
  const seen = new Set<string>();
  for (const card of cards) {
    if (seen.has(card.conceptId)) continue;
    seen.add(card.conceptId);
    const places = placesOf(card.conceptId);
    if (places.home) add(places.home.key, places.home.kind, places.home.label, card.conceptId);
    for (const folder of places.folders) if (folder !== '') add(`folder:${folder}`, 'folder', folder, card.conceptId);
    for (const tag of places.tags) add(`tag:${tag}`, 'tag', `#${tag}`, card.conceptId);
  }
  return [...found]
    .map(([key, { kind, label, concepts }]) => ({ key, kind, label, concepts: concepts.size }))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.label.localeCompare(b.label, 'en', { numeric: true }) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The cards of the concepts a filter holds; every card without a filter. */
export function filterCards(cards: readonly StudyCard[], filterKey: string | undefined, placesOf: (conceptId: string) => ConceptPlaces): StudyCard[] {
  if (filterKey === undefined) return [...cards];
  const memo = new Map<string, boolean>();
  return cards.filter((card) => {
    let keep = memo.get(card.conceptId);
    if (keep === undefined) memo.set(card.conceptId, (keep = keysOf(placesOf(card.conceptId)).has(filterKey)));
    return keep;
  });
}

/** How many of the given cards each filter holds (for the due counts beside each filter). */
export function countByFilter(cards: readonly StudyCard[], placesOf: (conceptId: string) => ConceptPlaces): Map<string, number> {
  const counts = new Map<string, number>();
  const keys = new Map<string, Set<string>>();
  for (const card of cards) {
    let found = keys.get(card.conceptId);
    if (!found) keys.set(card.conceptId, (found = keysOf(placesOf(card.conceptId))));
    for (const key of found) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
