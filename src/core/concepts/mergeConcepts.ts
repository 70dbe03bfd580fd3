import type { Concept, Definition } from '../model';
import type { NoteAnalysis } from '../notes/noteAnalysis';

interface Draft {
  id: string;
  term: string;
  aliases: Map<string, string>;
  definitions: Definition[];
  parent?: string;
}

/**
 * Merges every note's definitions into concepts: one concept per canonical term key, with every definition
 * and its source, aliases from all of them, and parent/child links from nesting. Notes are visited in URI
 * order, so the result does not depend on the order notes were indexed.
 */
export function mergeConcepts(notes: ReadonlyMap<string, NoteAnalysis>, keyOf: (phrase: string) => string): Map<string, Concept> {
  const drafts = new Map<string, Draft>();
  for (const note of [...notes.keys()].sort()) {
    const analysis = notes.get(note);
    if (!analysis) continue;
    const ids = analysis.definitions.map((definition) => keyOf(definition.term));
    analysis.definitions.forEach((found, index) => {
      const id = ids[index] ?? '';
      if (id === '') return;
      let draft = drafts.get(id);
      if (!draft) {
        draft = { id, term: found.term, aliases: new Map(), definitions: [] };
        drafts.set(id, draft);
      }
      for (const alias of found.aliases) {
        const key = keyOf(alias);
        if (key !== '' && key !== id && !draft.aliases.has(key)) draft.aliases.set(key, alias);
      }
      const parent = found.parent === undefined ? undefined : ids[found.parent];
      if (draft.parent === undefined && parent !== undefined && parent !== id) draft.parent = parent;
      draft.definitions.push({
        note,
        style: found.style,
        text: found.text,
        markdown: found.markdown,
        termRange: found.termRange,
        range: found.range,
        headingTrail: found.headingTrail,
        ...(found.group === undefined ? {} : { group: found.group }),
        citations: found.citations,
      });
    });
  }
  breakParentCycles(drafts);
  const children = new Map<string, string[]>();
  for (const draft of drafts.values()) {
    if (draft.parent === undefined || !drafts.has(draft.parent)) continue;
    const list = children.get(draft.parent) ?? [];
    list.push(draft.id);
    children.set(draft.parent, list);
  }
  const concepts = new Map<string, Concept>();
  for (const draft of drafts.values()) {
    const parent = draft.parent !== undefined && drafts.has(draft.parent) ? draft.parent : undefined;
    concepts.set(draft.id, {
      id: draft.id,
      term: draft.term,
      aliases: [...draft.aliases.values()],
      definitions: draft.definitions,
      ...(parent === undefined ? {} : { parent }),
      children: (children.get(draft.id) ?? []).sort(),
    });
  }
  return concepts;
}

/** Notes can nest A under B and B under A; the later link of such a cycle is dropped, in id order. */
function breakParentCycles(drafts: Map<string, Draft>): void {
  for (const id of [...drafts.keys()].sort()) {
    const seen = new Set<string>([id]);
    for (let current = drafts.get(id)?.parent; current !== undefined; current = drafts.get(current)?.parent) {
      if (seen.has(current)) {
        const draft = drafts.get(id);
        if (current === id && draft) delete draft.parent;
        break;
      }
      seen.add(current);
    }
  }
}
