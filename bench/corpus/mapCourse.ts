import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A course for the concept map at scale: `concepts` concepts in `notes` notes of `sections` sections each
 * (each section is a unit of the map), every definition naming `mentions` others, mostly in its own section.
 * Deterministic.
 */
export interface LargeCourseShape {
  readonly concepts: number;
  /** Other concepts each definition names: `concepts × mentions` links. */
  readonly mentions: number;
  readonly notes: number;
  /** Sections per note: each is a unit of the map. */
  readonly sections: number;
}

/**
 * `Concept #1500`, not `Concept 1500`: a capitalised word and a number from 1500 to 2099 reads as a citation
 * (`Goodhart 1975`), which the index never takes for a term, so a 4,900-concept course had 4,300.
 */
function term(i: number): string {
  return `Concept #${String(i).padStart(4, '0')}`;
}

/**
 * Writes a course whose index has `concepts` concepts and about `concepts × mentions` links: each
 * definition names concepts nearby (same section, mostly) and one far away, deterministically.
 */
export function writeLargeCourse(dir: string, shape: LargeCourseShape): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const perNote = Math.ceil(shape.concepts / shape.notes);
  const perSection = Math.ceil(perNote / shape.sections);
  let seed = 1;
  const random = (): number => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  for (let note = 0; note < shape.notes; note++) {
    const lines = [`# Note ${note}`, ''];
    for (let k = 0; k < perNote; k++) {
      const i = note * perNote + k;
      if (i >= shape.concepts) break;
      if (k % perSection === 0) lines.push('', `## Section ${note}.${k / perSection}`, '');
      const named = new Set<number>();
      while (named.size < shape.mentions) {
        const far = named.size === shape.mentions - 1;
        const other = far ? Math.floor(random() * shape.concepts) : i - (i % perSection) + Math.floor(random() * perSection);
        if (other !== i && other < shape.concepts) named.add(other);
      }
      lines.push(`* **${term(i)}**: an idea that builds on ${[...named].map(term).join(', ')}.`);
    }
    writeFileSync(join(dir, `Note ${String(note).padStart(3, '0')}.md`), `${lines.join('\n')}\n`);
  }
}
