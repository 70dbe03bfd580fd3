import { candidateKeys, normaliseTerm } from './concepts/normaliseTerm';
import { extractDefinitions, type ExtractedDefinition } from './concepts/extractDefinitions';
import type { Concept, Position, Range } from './model';
import { parseMarkdown } from './parse/processor';

/** A concept found under the cursor, with the range of the words that name it. */
export interface ConceptHit {
  readonly concept: Concept;
  readonly range: Range;
}

/** Longest phrase, in words, tried when looking up the words under the cursor. */
const MAX_TERM_WORDS = 8;

/**
 * The concepts of a workspace of notes, kept up to date note by note.
 * Each note's definitions are stored apart, so replacing one note never re-reads the others.
 */
export class ConceptIndex {
  readonly #definitionsByNote = new Map<string, readonly ExtractedDefinition[]>();
  #concepts: Map<string, Concept> | undefined;
  #keys: Map<string, string> | undefined;

  /** Adds or replaces a note's text. */
  setNote(note: string, text: string): void {
    this.#definitionsByNote.set(note, extractDefinitions(parseMarkdown(text)));
    this.#invalidate();
  }

  removeNote(note: string): void {
    if (this.#definitionsByNote.delete(note)) this.#invalidate();
  }

  get noteCount(): number {
    return this.#definitionsByNote.size;
  }

  /** Every concept, sorted by term for a stable order. */
  concepts(): Concept[] {
    return [...this.#build().concepts.values()].sort((a, b) => a.term.localeCompare(b.term));
  }

  conceptById(id: string): Concept | undefined {
    return this.#build().concepts.get(id);
  }

  /**
   * The concept named at `position` of a line of text, trying the longest phrase of whole words first,
   * so `inner misalignment` wins over a shorter `misalignment`.
   */
  conceptAt(lineText: string, position: Position): ConceptHit | undefined {
    const { keys, concepts } = this.#build();
    const words = [...lineText.matchAll(/[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*['\u2019]?/gu)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
    }));
    const at = words.findIndex((w) => w.start <= position.character && position.character <= w.end);
    if (at < 0) return undefined;
    let best: ConceptHit | undefined;
    for (let first = Math.max(0, at - MAX_TERM_WORDS + 1); first <= at; first++) {
      for (let last = at; last < Math.min(words.length, first + MAX_TERM_WORDS); last++) {
        const start = words[first]?.start ?? 0;
        const end = words[last]?.end ?? 0;
        const id = candidateKeys(lineText.slice(start, end)).map((key) => keys.get(key)).find(Boolean);
        const concept = id === undefined ? undefined : concepts.get(id);
        const length = end - start;
        if (concept && (!best || length > best.range.end.character - best.range.start.character)) {
          best = { concept, range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } } };
        }
      }
    }
    return best;
  }

  #invalidate(): void {
    this.#concepts = undefined;
    this.#keys = undefined;
  }

  /** Merges every note's definitions into concepts; done lazily, once per change. */
  #build(): { concepts: Map<string, Concept>; keys: Map<string, string> } {
    if (this.#concepts && this.#keys) return { concepts: this.#concepts, keys: this.#keys };
    const concepts = new Map<string, Concept>();
    for (const [note, found] of this.#definitionsByNote) {
      for (const definition of found) {
        const id = normaliseTerm(definition.term);
        const existing = concepts.get(id);
        const entry = { note, text: definition.text, termRange: definition.termRange };
        concepts.set(id, {
          id,
          term: existing?.term ?? definition.term,
          aliases: [...new Set([...(existing?.aliases ?? []), ...definition.aliases])],
          definitions: [...(existing?.definitions ?? []), entry],
        });
      }
    }
    const keys = new Map<string, string>();
    for (const concept of concepts.values()) {
      for (const alias of concept.aliases) if (!keys.has(normaliseTerm(alias))) keys.set(normaliseTerm(alias), concept.id);
    }
    for (const concept of concepts.values()) keys.set(concept.id, concept.id);
    this.#concepts = concepts;
    this.#keys = keys;
    return { concepts, keys };
  }
}
