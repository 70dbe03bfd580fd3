import type { Concept, Definition } from '../model';
import type { NoteAnalysis } from '../notes/noteAnalysis';

/** A note's part in the concepts: the key of each of its definitions, and those definitions with their note. */
interface NotePart {
  readonly ids: readonly string[];
  readonly definitions: readonly Definition[];
  readonly parents: readonly (string | undefined)[];
  readonly analysis: NoteAnalysis;
}

/** A concept before parent cycles are broken and children are known. */
interface Draft {
  readonly term: string;
  readonly aliases: readonly string[];
  readonly definitions: readonly Definition[];
  readonly parent?: string;
}

/**
 * Every note's definitions merged into concepts: one concept per canonical term key, with every definition
 * and its source, aliases from all of them, and parent/child links from nesting. Contributions are merged
 * in note URI order, so the result does not depend on the order notes came in. It is incremental: a changed
 * note re-merges only the concepts it defines (before or after the change), which keeps an edit's first
 * question in the low milliseconds on 10,000 notes, where merging everything again took a quarter second.
 */
export class ConceptTable {
  readonly #parts = new Map<string, NotePart>();
  /** For each concept id, the notes that define it. */
  readonly #contributors = new Map<string, Set<string>>();
  readonly #drafts = new Map<string, Draft>();
  /** Concept ids in code-unit order: the order of `concepts()` and of cycle breaking. */
  #ids: string[] = [];
  readonly #dirty = new Set<string>();
  #concepts = new Map<string, Concept>();
  /** Each concept's parent after cycles are broken, and the reverse: children in id order. */
  #parents = new Map<string, string>();
  #children = new Map<string, string[]>();

  /** Keys of the terms and aliases seen: each term is written in many notes, and keying it costs. */
  readonly #keys = new Map<string, string>();

  constructor(private readonly phraseKey: (phrase: string) => string) {}

  #keyOf(phrase: string): string {
    let key = this.#keys.get(phrase);
    if (key === undefined) {
      if (this.#keys.size >= KEY_MEMO_LIMIT) this.#keys.clear(); // terms typed letter by letter add up
      this.#keys.set(phrase, (key = this.phraseKey(phrase)));
    }
    return key;
  }

  /** Adds or replaces a note's definitions. */
  set(note: string, analysis: NoteAnalysis): void {
    if (this.#parts.get(note)?.analysis === analysis) return;
    this.remove(note);
    const ids = analysis.definitions.map((definition) => this.#keyOf(definition.term));
    const definitions = analysis.definitions.map((found): Definition => {
      const { style, text, markdown, termRange, range, headingTrail, group, citations } = found;
      return group === undefined
        ? { note, style, text, markdown, termRange, range, headingTrail, citations }
        : { note, style, text, markdown, termRange, range, headingTrail, group, citations };
    });
    const parents = analysis.definitions.map((found) => (found.parent === undefined ? undefined : ids[found.parent]));
    this.#parts.set(note, { ids, definitions, parents, analysis });
    for (const id of ids) {
      if (id === '') continue;
      let notes = this.#contributors.get(id);
      if (!notes) this.#contributors.set(id, (notes = new Set()));
      notes.add(note);
      this.#dirty.add(id);
    }
  }

  remove(note: string): void {
    const part = this.#parts.get(note);
    if (!part) return;
    this.#parts.delete(note);
    for (const id of part.ids) {
      const notes = this.#contributors.get(id);
      notes?.delete(note);
      if (notes?.size === 0) this.#contributors.delete(id);
      if (id !== '') this.#dirty.add(id);
    }
  }

  /**
   * The concepts by id, in id order; a concept object is replaced only when it changed. When the changed
   * notes added or removed no concept and moved no nesting link, only their concepts are rebuilt.
   */
  concepts(): ReadonlyMap<string, Concept> {
    if (this.#dirty.size === 0) return this.#concepts;
    let membership = false;
    let links = false;
    const bulk = this.#dirty.size > 64 ? this.#draftsOf(this.#dirty) : undefined;
    for (const id of this.#dirty) {
      const draft = bulk ? bulk.get(id) : this.#draft(id);
      const old = this.#drafts.get(id);
      if (!draft) {
        if (old) this.#drafts.delete(id);
        membership ||= old !== undefined;
        continue;
      }
      membership ||= old === undefined;
      links ||= old !== undefined && old.parent !== draft.parent;
      this.#drafts.set(id, draft);
    }
    if (membership) this.#ids = [...this.#drafts.keys()].sort(byCodeUnits);
    if (membership || links) this.#relink();
    else for (const id of this.#dirty) if (this.#drafts.has(id)) this.#concepts.set(id, this.#concept(id));
    this.#dirty.clear();
    return this.#concepts;
  }

  /** Recomputes parents and children, and every concept whose links or definitions changed. */
  #relink(): void {
    this.#parents = this.#parentsWithoutCycles();
    this.#children = new Map();
    for (const id of this.#ids) {
      const parent = this.#parents.get(id);
      if (parent === undefined) continue;
      const list = this.#children.get(parent);
      if (list) list.push(id);
      else this.#children.set(parent, [id]);
    }
    const previous = this.#concepts;
    this.#concepts = new Map();
    for (const id of this.#ids) {
      const old = previous.get(id);
      const kids = this.#children.get(id) ?? [];
      const same = old && !this.#dirty.has(id) && old.parent === this.#parents.get(id) && sameList(old.children, kids);
      this.#concepts.set(id, same ? old : this.#concept(id));
    }
  }

  /** The concept of an id that has a draft. */
  #concept(id: string): Concept {
    const draft = this.#drafts.get(id) ?? { term: id, aliases: [], definitions: [] };
    const parent = this.#parents.get(id);
    return {
      id,
      term: draft.term,
      aliases: draft.aliases,
      definitions: draft.definitions,
      ...(parent === undefined ? {} : { parent }),
      children: this.#children.get(id) ?? [],
    };
  }

  /** Merges one concept's definitions from the notes that define it, in note order. */
  #draft(id: string): Draft | undefined {
    return this.#draftsOf(new Set([id]), [...(this.#contributors.get(id) ?? [])]).get(id);
  }

  /**
   * Merges the definitions of the concepts `ids` in one pass over the notes that define them, in note
   * order: the first term as written, aliases in order of appearance, the first parent.
   */
  #draftsOf(ids: ReadonlySet<string>, notes: readonly string[] = [...this.#parts.keys()]): Map<string, Draft> {
    const builders = new Map<string, { term: string; aliases: Map<string, string>; definitions: Definition[]; parent?: string }>();
    for (const note of [...notes].sort(byCodeUnits)) {
      const part = this.#parts.get(note);
      if (!part) continue;
      part.ids.forEach((id, index) => {
        const found = part.analysis.definitions[index];
        const definition = part.definitions[index];
        if (!ids.has(id) || !found || !definition) return;
        let builder = builders.get(id);
        if (!builder) builders.set(id, (builder = { term: found.term, aliases: new Map(), definitions: [] }));
        for (const alias of found.aliases) {
          const aliasKey = this.#keyOf(alias);
          if (aliasKey !== '' && aliasKey !== id && !builder.aliases.has(aliasKey)) builder.aliases.set(aliasKey, alias);
        }
        const nestedIn = part.parents[index];
        if (builder.parent === undefined && nestedIn !== undefined && nestedIn !== id) builder.parent = nestedIn;
        builder.definitions.push(definition);
      });
    }
    const drafts = new Map<string, Draft>();
    for (const [id, { term, aliases, definitions, parent }] of builders) {
      drafts.set(id, { term, aliases: [...aliases.values()], definitions, ...(parent === undefined ? {} : { parent }) });
    }
    return drafts;
  }

  /**
   * Each concept's parent, when that parent is a concept. Notes can nest A under B and B under A; in each
   * such cycle the link from the concept with the smallest id is dropped (the same as walking ids in order
   * and dropping the link of a concept whose parents lead back to it). Linear: each concept is walked once.
   */
  #parentsWithoutCycles(): Map<string, string> {
    const parents = new Map<string, string>();
    for (const [id, draft] of this.#drafts) if (draft.parent !== undefined) parents.set(id, draft.parent);
    const done = new Set<string>();
    for (const start of parents.keys()) {
      const path: string[] = [];
      const onPath = new Set<string>();
      for (let current: string | undefined = start; current !== undefined && !done.has(current); current = parents.get(current)) {
        if (onPath.has(current)) {
          const cycle = path.slice(path.indexOf(current));
          parents.delete(cycle.reduce((min, id) => (id < min ? id : min)));
          break;
        }
        path.push(current);
        onPath.add(current);
      }
      for (const id of path) done.add(id);
    }
    for (const [id, parent] of parents) if (!this.#drafts.has(parent)) parents.delete(id);
    return parents;
  }
}

const KEY_MEMO_LIMIT = 200_000;

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
