import type { Concept, Definition } from '../model';
import type { NoteDefinition } from '../notes/noteAnalysis';
import { sameData } from '../util/sameData';
import { finish, type Steps, WorkBudget } from '../util/steps';
import { aliasesGiven, ambiguous, conceptGroups, contentWords, ownersOf } from './conceptGroups';

/** A note's part in the concepts: the term key of each of its definitions, and those definitions with their note. */
interface NotePart {
  readonly ids: readonly string[];
  readonly definitions: readonly Definition[];
  readonly parents: readonly (string | undefined)[];
  readonly found: readonly NoteDefinition[];
}

/** What all notes say of one term key, before terms that name one concept are joined (see `conceptGroups`). */
export interface Draft {
  readonly term: string;
  readonly aliases: readonly string[];
  /** The keys of `aliases`, in the same order. */
  readonly aliasKeys: readonly string[];
  readonly definitions: readonly Definition[];
  /** The term key of the concept it is nested under. */
  readonly parent?: string;
}

/**
 * Every note's definitions merged into concepts. First by term key (`phraseKey`: case, plurals, spellings),
 * then the keys that name one concept are joined by the rules of `conceptGroups` (a term that is another
 * concept's alias joins it). Contributions are merged in note URI order and groups are chosen by content, so
 * the result does not depend on the order notes came in. It is incremental: a changed note re-merges only
 * the term keys whose definitions in it changed; a change of terms, aliases or nesting regroups only the keys
 * aliases join to the changed ones and relinks only their groups (see `#mergeNear`), which keeps an edit's
 * first question, a rename's too, in the low milliseconds on 10,000 notes. A first index, or a change that
 * reaches too far, regroups and relinks everything, in steps.
 */
export class ConceptTable {
  readonly #parts = new Map<string, NotePart>();
  /** For each term key, the notes that define it. */
  readonly #contributors = new Map<string, Set<string>>();
  #drafts = new Map<string, Draft>();
  readonly #dirty = new Set<string>();
  /** Each term key's concept id, and each concept's term keys (its own first). */
  #groupOf = new Map<string, string>();
  #members = new Map<string, readonly string[]>();
  /** Concept ids in code-unit order: the order of `concepts()` and of cycle breaking. */
  #ids: string[] = [];
  #concepts = new Map<string, Concept>();
  /** Each concept's parent after cycles are broken, and the reverse: children in id order. */
  #parents = new Map<string, string>();
  #children = new Map<string, string[]>();
  /** Each concept's parent before cycles are broken (see `rawParent`). */
  #rawParents = new Map<string, string>();
  /** For each term key, the keys whose drafts are nested under it: whose parent may change when its group does. */
  #nestedUnder = new Map<string, Set<string>>();

  /** The keys that give each alias (see `aliasesGiven`): how far a change of names can regroup. */
  #owners = new Map<string, string[]>();
  /** The ids of the concepts added, replaced or removed since `takeChanges`; undefined when a merge may have changed any. */
  #changes: Set<string> | undefined = new Set();

  /** Keys of the terms and aliases seen: each term is written in many notes, and keying it costs. */
  readonly #keys = new Map<string, string>();
  /** Counts the changes of notes' definitions: a merge in steps begun before the last change starts again. */
  #version = 0;
  /** A merge in steps under way (see `step`), and the `#version` it began at. */
  #merging: { readonly version: number; readonly steps: Steps<void> } | undefined;

  constructor(private readonly phraseKey: (phrase: string) => string) {}

  /** Whether `concepts()` has notes' changes to merge first. */
  get changed(): boolean {
    return this.#dirty.size > 0;
  }

  keyOf(phrase: string): string {
    let key = this.#keys.get(phrase);
    if (key === undefined) {
      if (this.#keys.size >= KEY_MEMO_LIMIT) this.#keys.clear(); // terms typed letter by letter add up
      this.#keys.set(phrase, (key = this.phraseKey(phrase)));
    }
    return key;
  }

  /**
   * The ids of the concepts added, replaced or removed since the last call (merging what is pending first), or
   * undefined when a merge may have changed any of them: what a consumer of the concepts looks at again.
   */
  takeChanges(): ReadonlySet<string> | undefined {
    this.concepts();
    const changes = this.#changes;
    this.#changes = new Set();
    return changes;
  }

  /** The id of the concept a term names, after joining: `RLHF` → `reinforcement learn from human feedback`. */
  idOf(term: string): string {
    this.concepts();
    const key = this.keyOf(term);
    return this.#groupOf.get(key) ?? key;
  }

  /**
   * Adds or replaces a note's definitions (the same array again is a no-op). A term key whose definitions in the
   * note are as they were keeps its `Definition` objects and is not merged again: typing in one definition
   * re-merges its concept, not every concept the note defines.
   */
  set(note: string, found: readonly NoteDefinition[]): void {
    const before = this.#parts.get(note);
    if (before?.found === found) return;
    const ids = found.map((definition) => this.keyOf(definition.term));
    const definitions = found.map((definition): Definition => {
      const { style, text, markdown, termRange, range, headingTrail, group, citations, source } = definition;
      const placed: { -readonly [K in keyof Definition]: Definition[K] } = { note, style, text, markdown, termRange, range, headingTrail, citations };
      if (group !== undefined) placed.group = group;
      if (source !== undefined) placed.source = source;
      return placed;
    });
    const parents = found.map((definition) => (definition.parent === undefined ? undefined : ids[definition.parent]));
    const part: NotePart = { ids, definitions, parents, found };
    const was = before ? placesByKey(before.ids) : new Map<string, number[]>();
    const changed = new Set<string>();
    for (const [key, places] of placesByKey(ids)) {
      const old = was.get(key);
      was.delete(key);
      if (before && old?.length === places.length && places.every((at, i) => sameContribution(before, old[i] ?? -1, part, at))) {
        places.forEach((at, i) => {
          const kept = before.definitions[old[i] ?? -1];
          if (kept) definitions[at] = kept;
        });
        continue;
      }
      changed.add(key);
      if (!old && key !== '') (this.#contributors.get(key) ?? this.#contributors.set(key, new Set()).get(key))?.add(note);
    }
    // Keys the note no longer defines.
    for (const key of was.keys()) {
      changed.add(key);
      const notes = this.#contributors.get(key);
      notes?.delete(note);
      if (notes?.size === 0) this.#contributors.delete(key);
    }
    this.#parts.set(note, part);
    for (const key of changed) if (key !== '') this.#dirty.add(key);
    if (changed.size > 0) this.#version++;
  }

  remove(note: string): void {
    const part = this.#parts.get(note);
    if (!part) return;
    this.#version++;
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
   * notes added or removed no term, changed no alias and moved no nesting link, only their concepts are
   * rebuilt. A merge begun by `step` is finished here.
   */
  concepts(): ReadonlyMap<string, Concept> {
    while (this.step());
    return this.#concepts;
  }

  /**
   * Does one step of merging the notes' changes (at most `STEP_WORK` units: notes, drafts, concepts), so that a
   * host can turn its event loop between steps; returns whether steps remain. A change of a note's definitions
   * between two steps starts the merge again.
   */
  step(): boolean {
    if (this.#dirty.size === 0) return false;
    if (this.#merging?.version !== this.#version) this.#merging = { version: this.#version, steps: this.#merge() };
    if (!this.#merging.steps.next().done) return true;
    this.#merging = undefined;
    return false;
  }

  /**
   * Merges the dirty term keys. A small merge (an edit) changes the few concepts it touches in place, in one step
   * (see `#mergeNear`). A bulk merge (more than `BULK` keys: a first index, or a change of workspace folders), or
   * one whose names reach too far, runs in steps and writes into copies, set all at once at its end, so that one
   * begun again after a change finds nothing half done.
   */
  *#merge(): Steps<void> {
    const budget = new WorkBudget();
    const dirty = this.#dirty;
    const bulk = dirty.size > BULK;
    const merged = bulk ? yield* this.#draftsOf(dirty, [...this.#parts.keys()], budget) : undefined;
    const changes = new Map<string, Draft | undefined>();
    let names = false;
    let links = false;
    const dirtyIds = new Set<string>();
    for (const key of dirty) {
      dirtyIds.add(this.#groupOf.get(key) ?? key);
      const draft = merged ? merged.get(key) : this.#draft(key);
      const old = this.#drafts.get(key);
      changes.set(key, draft);
      names ||= draft ? old === undefined || !sameList(old.aliasKeys, draft.aliasKeys) || old.term !== draft.term : old !== undefined;
      links ||= draft !== undefined && old !== undefined && old.parent !== draft.parent;
      if (bulk && budget.spend()) yield;
    }
    if (!bulk && this.#mergeNear(changes, names, links, dirtyIds)) {
      dirty.clear();
      return;
    }
    const drafts = yield* copyOf(this.#drafts, budget);
    for (const [key, draft] of changes) {
      if (draft) drafts.set(key, draft);
      else drafts.delete(key);
      if (bulk && budget.spend()) yield;
    }
    const nestedUnder = new Map<string, Set<string>>();
    for (const [key, { parent }] of drafts) {
      if (parent !== undefined) (nestedUnder.get(parent) ?? nestedUnder.set(parent, new Set()).get(parent))?.add(key);
      if (budget.spend(0.2)) yield;
    }
    let grouping: Grouping = { groupOf: this.#groupOf, members: this.#members, ids: this.#ids };
    let owners = this.#owners;
    if (names) {
      owners = yield* ownersOf(drafts, budget);
      const { groupOf, members } = yield* conceptGroups(drafts, owners, budget);
      // A concept whose members changed is rebuilt, even when none of its own terms did (a group that split).
      for (const [id, keys] of members) {
        if (!sameList(this.#members.get(id) ?? [], keys)) dirtyIds.add(id);
        if (budget.spend()) yield;
      }
      grouping = { groupOf, members, ids: [...members.keys()].sort(byCodeUnits) };
      if (budget.spend(members.size / 10)) yield;
      for (const key of dirty) {
        dirtyIds.add(groupOf.get(key) ?? key);
        if (budget.spend()) yield;
      }
    }
    let linked: Linked = { rawParents: this.#rawParents, parents: this.#parents, children: this.#children, concepts: this.#concepts };
    if (names || links) linked = yield* this.#relink(dirtyIds, drafts, grouping, budget);
    else {
      const concepts = yield* copyOf(this.#concepts, budget);
      const shape = { drafts, members: this.#members, parents: this.#parents, children: this.#children };
      for (const id of dirtyIds) {
        if (this.#members.has(id)) concepts.set(id, this.#concept(id, shape));
        if (budget.spend()) yield;
      }
      linked = { ...linked, concepts };
    }
    // Everything a merge changes is set here, in one go.
    this.#drafts = drafts;
    this.#owners = owners;
    this.#changes = undefined;
    ({ groupOf: this.#groupOf, members: this.#members, ids: this.#ids } = grouping);
    ({ rawParents: this.#rawParents, parents: this.#parents, children: this.#children, concepts: this.#concepts } = linked);
    this.#nestedUnder = nestedUnder;
    dirty.clear();
  }

  /**
   * A small merge (an edit: at most `BULK` keys) in place, in one step, or false (nothing done) when the names it
   * changes connect more than `NEAR` keys. Only the keys connected by aliases to the changed ones are grouped
   * again: `conceptGroups` joins keys along those links alone, so no other group can change.
   */
  #mergeNear(changes: ReadonlyMap<string, Draft | undefined>, names: boolean, links: boolean, dirtyIds: Set<string>): boolean {
    const reached = names ? this.#reached(changes) : new Set<string>();
    if (!reached) return false;
    const drafts = this.#drafts;
    for (const [key, draft] of changes) {
      const old = drafts.get(key);
      if (names) {
        if (old) for (const alias of aliasesGiven(key, old)) this.#disown(alias, key);
        if (draft) for (const alias of aliasesGiven(key, draft)) this.#own(alias, key);
      }
      if (old?.parent !== draft?.parent) {
        if (old?.parent !== undefined) this.#nestedUnder.get(old.parent)?.delete(key);
        if (draft?.parent !== undefined) (this.#nestedUnder.get(draft.parent) ?? this.#nestedUnder.set(draft.parent, new Set()).get(draft.parent))?.add(key);
      }
      if (draft) drafts.set(key, draft);
      else drafts.delete(key);
    }
    const removed = names ? this.#regroup(reached, dirtyIds) : new Set<string>();
    if (names || links) {
      this.#relinkNear([...changes.keys(), ...reached], removed, dirtyIds);
      return true;
    }
    const shape = { drafts, members: this.#members, parents: this.#parents, children: this.#children };
    for (const id of dirtyIds) {
      if (!this.#members.has(id)) continue;
      this.#concepts.set(id, this.#concept(id, shape));
      this.#changes?.add(id);
    }
    return true;
  }

  /**
   * The keys whose group may change when the renamed keys among `changes` change, with every key their groups
   * may join, or undefined past `NEAR` keys. Keys join in `conceptGroups` along two kinds of link: the owners of an
   * alias whose names have the same content words (rule 4), and an alias that is a term with all its owners when
   * they all have the same content words (it is not ambiguous). The set holds every link before or after the change
   * of each key in it, and each alias whose owners changed is whole in it unless it was and is ambiguous: so no
   * link outside it changed, and no group outside it. An alias that concepts of different names give before and
   * after the change (`RM`, `CP`) links only those of its owners that share their content words, so most renames
   * reach a handful of keys.
   */
  #reached(changes: ReadonlyMap<string, Draft | undefined>): Set<string> | undefined {
    const renamed = [...changes].filter(([key, draft]) => !sameNames(this.#drafts.get(key), draft));
    // The owners of an alias after the change: those before, less the renamed keys that no longer give it, plus those that now do.
    const gone = new Map<string, Set<string>>();
    const come = new Map<string, string[]>();
    for (const [key, draft] of renamed) {
      const old = this.#drafts.get(key);
      for (const alias of old ? aliasesGiven(key, old) : []) (gone.get(alias) ?? gone.set(alias, new Set()).get(alias))?.add(key);
      for (const alias of draft ? aliasesGiven(key, draft) : []) (come.get(alias) ?? come.set(alias, []).get(alias))?.push(key);
    }
    const ownersBefore = (alias: string): readonly string[] => this.#owners.get(alias) ?? [];
    const ownersAfter = (alias: string): readonly string[] => {
      const left = gone.get(alias);
      return [...(left ? ownersBefore(alias).filter((key) => !left.has(key)) : ownersBefore(alias)), ...(come.get(alias) ?? [])];
    };
    const isDraft = (key: string): boolean => this.#drafts.has(key) || changes.get(key) !== undefined;
    const reached = new Set(renamed.map(([key]) => key));
    const queue = [...reached];
    const reach = (keys: readonly string[]): boolean => {
      for (const key of keys) {
        if (reached.has(key)) continue;
        reached.add(key);
        queue.push(key);
      }
      return reached.size <= NEAR;
    };
    for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
      const words = contentWords(key);
      const old = this.#drafts.get(key);
      const draft = changes.has(key) ? changes.get(key) : old;
      const aliases = new Set([...(old ? aliasesGiven(key, old) : []), ...(draft ? aliasesGiven(key, draft) : [])]);
      for (const alias of aliases) {
        const [before, after] = [ownersBefore(alias), ownersAfter(alias)];
        const joins = !ambiguous(before) || !ambiguous(after);
        const linked = joins ? [...before, ...after, ...(isDraft(alias) ? [alias] : [])] : [...before, ...after].filter((owner) => contentWords(owner) === words);
        if (!reach(linked)) return undefined;
      }
      const [before, after] = [ownersBefore(key), ownersAfter(key)];
      if ((!ambiguous(before) || !ambiguous(after)) && !reach([...before, ...after])) return undefined;
    }
    return reached;
  }

  #own(alias: string, key: string): void {
    const list = this.#owners.get(alias);
    if (list) list.push(key);
    else this.#owners.set(alias, [key]);
  }

  #disown(alias: string, key: string): void {
    const list = this.#owners.get(alias);
    const at = list?.indexOf(key) ?? -1;
    if (!list || at < 0) return;
    if (list.length === 1) this.#owners.delete(alias);
    else list.splice(at, 1);
  }

  /**
   * Groups the reached keys (see `#reached`) again, in place. The concepts of their old and new groups are dirty.
   * Returns the ids of the groups that are gone.
   */
  #regroup(reached: ReadonlySet<string>, dirtyIds: Set<string>): Set<string> {
    const drafts = new Map<string, Draft>();
    const owners = new Map<string, string[]>();
    const before = new Set<string>();
    for (const key of reached) {
      const draft = this.#drafts.get(key);
      if (draft) {
        drafts.set(key, draft);
        for (const alias of aliasesGiven(key, draft)) owners.set(alias, this.#owners.get(alias) ?? []);
      }
      const id = this.#groupOf.get(key);
      if (id !== undefined) before.add(id);
      this.#groupOf.delete(key);
    }
    for (const id of before) {
      this.#members.delete(id);
      dirtyIds.add(id);
    }
    const { groupOf, members } = finish(conceptGroups(drafts, owners, new WorkBudget()));
    for (const [key, id] of groupOf) this.#groupOf.set(key, id);
    const added: string[] = [];
    for (const [id, keys] of members) {
      this.#members.set(id, keys);
      dirtyIds.add(id);
      if (!before.has(id)) added.push(id);
    }
    const removed = new Set([...before].filter((id) => !members.has(id)));
    if (added.length > 0 || removed.size > 0) this.#ids = withIds(this.#ids, removed, added);
    return removed;
  }

  /**
   * Links again, in place, after a small merge changed the drafts of `keys` (with those of the keys regrouped):
   * the raw parent of each group they are in or nested under, the parents of the concepts on a cycle through
   * one whose raw parent moved (before or after), the children lists that changed, and the concepts whose
   * members, definitions or links changed. `removed` are the ids of the groups that are gone.
   */
  #relinkNear(keys: readonly string[], removed: ReadonlySet<string>, dirtyIds: Set<string>): void {
    const touched = new Set<string>();
    for (const key of keys) {
      for (const nested of [key, ...(this.#nestedUnder.get(key) ?? [])]) {
        const id = this.#groupOf.get(nested);
        if (id !== undefined) touched.add(id);
      }
    }
    const raw = new Map<string, string | undefined>();
    for (const id of touched) {
      const parent = rawParent(id, this.#members.get(id) ?? [], this.#drafts, this.#groupOf);
      if (parent !== this.#rawParents.get(id)) raw.set(id, parent);
    }
    for (const id of removed) if (this.#rawParents.has(id)) raw.set(id, undefined);
    // A concept's parent is its raw parent unless it is the smallest id of a cycle: only those on a cycle through a moved link can change.
    const suspects = new Set<string>([...raw.keys(), ...removed]);
    const onCycles = (): void => {
      for (const id of raw.keys()) for (const node of cycleThrough(id, this.#rawParents) ?? []) suspects.add(node);
    };
    onCycles();
    for (const [id, parent] of raw) {
      if (parent === undefined) this.#rawParents.delete(id);
      else this.#rawParents.set(id, parent);
    }
    onCycles();
    const relinked = new Set<string>();
    for (const id of suspects) {
      const cycle = removed.has(id) ? undefined : cycleThrough(id, this.#rawParents);
      const parent = removed.has(id) || cycle?.every((node) => node >= id) ? undefined : this.#rawParents.get(id);
      const before = this.#parents.get(id);
      if (parent === before) continue;
      if (before !== undefined) {
        const left = (this.#children.get(before) ?? []).filter((child) => child !== id);
        if (left.length > 0) this.#children.set(before, left);
        else this.#children.delete(before);
        relinked.add(before);
      }
      if (parent === undefined) this.#parents.delete(id);
      else {
        this.#parents.set(id, parent);
        this.#children.set(parent, withIds(this.#children.get(parent) ?? [], new Set(), [id]));
        relinked.add(parent);
      }
      relinked.add(id);
    }
    for (const id of removed) this.#children.delete(id);
    const shape = { drafts: this.#drafts, members: this.#members, parents: this.#parents, children: this.#children };
    const rebuilt = [...dirtyIds, ...relinked].filter((id) => this.#members.has(id));
    for (const id of [...rebuilt, ...removed]) this.#changes?.add(id);
    // A new map in id order: the ids may have changed, and the map handed out before (which an index answers
    // from during a load, see `CourseIndex`) keeps the names it was built with.
    const fresh = new Set(rebuilt);
    const concepts = new Map<string, Concept>();
    for (const id of this.#ids) concepts.set(id, (!fresh.has(id) && this.#concepts.get(id)) || this.#concept(id, shape));
    this.#concepts = concepts;
  }

  /** Recomputes parents and children, and every concept whose members, links or definitions changed. */
  *#relink(dirty: ReadonlySet<string>, drafts: ReadonlyMap<string, Draft>, grouping: Grouping, budget: WorkBudget): Steps<Linked> {
    const { raw, parents } = yield* this.#parentsWithoutCycles(drafts, grouping, budget);
    const children = new Map<string, string[]>();
    for (const id of grouping.ids) {
      const parent = parents.get(id);
      if (parent === undefined) continue;
      const list = children.get(parent);
      if (list) list.push(id);
      else children.set(parent, [id]);
      if (budget.spend()) yield;
    }
    const previous = this.#concepts;
    const concepts = new Map<string, Concept>();
    const shape = { drafts, members: grouping.members, parents, children };
    for (const id of grouping.ids) {
      const old = previous.get(id);
      const kids = children.get(id) ?? [];
      // A concept is made from its members' drafts and its links alone: when none changed, it is the same.
      const same = old && !dirty.has(id) && old.parent === parents.get(id) && sameList(old.children, kids);
      concepts.set(id, same ? old : this.#concept(id, shape));
      if (budget.spend()) yield;
    }
    return { rawParents: raw, parents, children, concepts };
  }

  /** The concept of a group: the first member's term, every other name as an alias, all definitions. */
  #concept(id: string, shape: Shape): Concept {
    const drafts = (shape.members.get(id) ?? [id]).flatMap((key) => shape.drafts.get(key) ?? []);
    const [first] = drafts;
    const parent = shape.parents.get(id);
    const children = shape.children.get(id) ?? [];
    if (drafts.length === 1 && first) {
      return { id, term: first.term, aliases: first.aliases, definitions: first.definitions, ...(parent === undefined ? {} : { parent }), children };
    }
    const aliases = new Map<string, string>();
    for (const draft of drafts) {
      const key = this.keyOf(draft.term);
      if (key !== id && !aliases.has(key)) aliases.set(key, draft.term);
      draft.aliases.forEach((alias, i) => {
        const aliasKey = draft.aliasKeys[i] ?? '';
        if (aliasKey !== id && aliasKey !== '' && !aliases.has(aliasKey)) aliases.set(aliasKey, alias);
      });
    }
    const definitions = drafts.flatMap((draft) => draft.definitions).sort(byPlace);
    return { id, term: first?.term ?? id, aliases: [...aliases.values()], definitions, ...(parent === undefined ? {} : { parent }), children };
  }

  /** Merges one term key's definitions from the notes that define it, in note order. */
  #draft(key: string): Draft | undefined {
    return finish(this.#draftsOf(new Set([key]), [...(this.#contributors.get(key) ?? [])], new WorkBudget())).get(key);
  }

  /**
   * Merges the definitions of the term keys `keys` in one pass over the notes that define them, in note
   * order: the first term as written, aliases in order of appearance, the first parent.
   */
  *#draftsOf(keys: ReadonlySet<string>, notes: readonly string[], budget: WorkBudget): Steps<Map<string, Draft>> {
    const builders = new Map<string, { term: string; aliases: Map<string, string>; definitions: Definition[]; parent?: string }>();
    const sorted = [...notes].sort(byCodeUnits);
    if (budget.spend(sorted.length / 10)) yield;
    for (const note of sorted) {
      const part = this.#parts.get(note);
      if (!part) continue;
      if (budget.spend(1 + part.ids.length)) yield;
      part.ids.forEach((key, index) => {
        const found = part.found[index];
        const definition = part.definitions[index];
        if (!keys.has(key) || !found || !definition) return;
        let builder = builders.get(key);
        if (!builder) builders.set(key, (builder = { term: found.term, aliases: new Map(), definitions: [] }));
        for (const alias of found.aliases) {
          const aliasKey = this.keyOf(alias);
          if (aliasKey !== '' && aliasKey !== key && !builder.aliases.has(aliasKey)) builder.aliases.set(aliasKey, alias);
        }
        const nestedIn = part.parents[index];
        if (builder.parent === undefined && nestedIn !== undefined && nestedIn !== key) builder.parent = nestedIn;
        builder.definitions.push(definition);
      });
    }
    const drafts = new Map<string, Draft>();
    for (const [key, { term, aliases, definitions, parent }] of builders) {
      drafts.set(key, {
        term,
        aliases: [...aliases.values()],
        aliasKeys: [...aliases.keys()],
        definitions,
        ...(parent === undefined ? {} : { parent }),
      });
      if (budget.spend()) yield;
    }
    return drafts;
  }

  /**
   * Each concept's parent, when that parent is another concept: the first nesting link of its members. Notes
   * can nest A under B and B under A; in each such cycle the link from the concept with the smallest id is
   * dropped (the same as walking ids in order and dropping the link of a concept whose parents lead back to
   * it). Linear: each concept is walked once.
   */
  *#parentsWithoutCycles(drafts: ReadonlyMap<string, Draft>, { members: groups, groupOf }: Grouping, budget: WorkBudget): Steps<{ raw: Map<string, string>; parents: Map<string, string> }> {
    const raw = new Map<string, string>();
    for (const [id, members] of groups) {
      if (budget.spend(members.length)) yield;
      const parent = rawParent(id, members, drafts, groupOf);
      if (parent !== undefined) raw.set(id, parent);
    }
    const parents = yield* copyOf(raw, budget);
    const done = new Set<string>();
    for (const start of parents.keys()) {
      if (budget.spend()) yield;
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
    return { raw, parents };
  }

}

const KEY_MEMO_LIMIT = 200_000;

/** Most keys a small merge regroups in place (see `#reached`); past it, every key is grouped again, in steps. */
const NEAR = 2_000;

/**
 * A group's parent before cycles are broken: where the first of its members that is nested under another
 * group is nested (members in their group's order).
 */
function rawParent(id: string, members: readonly string[], drafts: ReadonlyMap<string, Draft>, groupOf: ReadonlyMap<string, string>): string | undefined {
  for (const key of members) {
    const nestedIn = drafts.get(key)?.parent;
    const parent = nestedIn === undefined ? undefined : groupOf.get(nestedIn);
    if (parent !== undefined && parent !== id) return parent;
  }
  return undefined;
}

/** The ids on the cycle of parent links through `id`, or undefined when following them from `id` never comes back to it. */
function cycleThrough(id: string, parents: ReadonlyMap<string, string>): string[] | undefined {
  const path = [id];
  const seen = new Set(path);
  for (let at = parents.get(id); at !== undefined; at = parents.get(at)) {
    if (at === id) return path;
    if (seen.has(at)) return undefined;
    seen.add(at);
    path.push(at);
  }
  return undefined;
}

/** Where each term key is defined in a note's part, in order. */
function placesByKey(ids: readonly string[]): Map<string, number[]> {
  const places = new Map<string, number[]>();
  ids.forEach((key, at) => {
    const list = places.get(key);
    if (list) list.push(at);
    else places.set(key, [at]);
  });
  return places;
}

/** Whether a definition of one part and one of another say the same of their term: its name, aliases, parent and definition. */
function sameContribution(a: NotePart, i: number, b: NotePart, j: number): boolean {
  const [x, y] = [a.found[i], b.found[j]];
  return x !== undefined && y !== undefined && x.term === y.term && sameList(x.aliases, y.aliases) && a.parents[i] === b.parents[j] && sameData(a.definitions[i], b.definitions[j]);
}

/** Sorted `ids` without `removed` and with `added`, in code-unit order. */
function withIds(ids: readonly string[], removed: ReadonlySet<string>, added: readonly string[]): string[] {
  const next = removed.size > 0 ? ids.filter((id) => !removed.has(id)) : [...ids];
  for (const id of added) {
    let low = 0;
    let high = next.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((next[middle] ?? '') < id) low = middle + 1;
      else high = middle;
    }
    next.splice(low, 0, id);
  }
  return next;
}

/** Dirty term keys above which a merge reads every note once rather than each key's notes, in steps. */
const BULK = 64;

/** A map's copy, made in steps. */
function* copyOf<K, V>(map: ReadonlyMap<K, V>, budget: WorkBudget): Steps<Map<K, V>> {
  const copy = new Map<K, V>();
  for (const [key, value] of map) {
    copy.set(key, value);
    if (budget.spend(0.2)) yield;
  }
  return copy;
}

/** Which term keys make each concept (see `conceptGroups`), and the concept ids in code-unit order. */
interface Grouping {
  readonly groupOf: Map<string, string>;
  readonly members: Map<string, readonly string[]>;
  readonly ids: string[];
}

/** What a concept is made from: the drafts, its members, and the nesting with cycles broken. */
interface Shape {
  readonly drafts: ReadonlyMap<string, Draft>;
  readonly members: ReadonlyMap<string, readonly string[]>;
  readonly parents: ReadonlyMap<string, string>;
  readonly children: ReadonlyMap<string, readonly string[]>;
}

/** What a relink makes: the nesting, and every concept. */
interface Linked {
  readonly rawParents: Map<string, string>;
  readonly parents: Map<string, string>;
  readonly children: Map<string, string[]>;
  readonly concepts: Map<string, Concept>;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Definitions by note, then place: the order of a concept's definitions whatever joined it. */
function byPlace(a: Definition, b: Definition): number {
  return byCodeUnits(a.note, b.note) || a.termRange.start.line - b.termRange.start.line || a.termRange.start.character - b.termRange.start.character;
}

/** Whether two drafts of a key name it alike: both absent, or the same term and alias keys (what grouping reads). */
function sameNames(a: Draft | undefined, b: Draft | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.term === b.term && sameList(a.aliasKeys, b.aliasKeys));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
